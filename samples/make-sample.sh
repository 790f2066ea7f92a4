#!/usr/bin/env bash
# Recreates samples/traces/netvcr-sample.pcap: a small real capture (nanosecond pcap) of TCP, UDP, ICMP,
# ARP and IPv6 between two network namespaces made here and removed on exit. Needs root, iproute2,
# tcpdump, ethtool and python3 (the traffic is made by python3 so no ping/nc is needed).
# Addresses: 198.18.0.1-2 (RFC 2544 benchmark range), fd00::1-2 (ULA), MACs 02:00:00:00:00:01-02.
# Usage: samples/make-sample.sh [OUTPUT]   (default: samples/traces/netvcr-sample.pcap)
set -euo pipefail

here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
out=$(readlink -f "${1:-$here/traces/netvcr-sample.pcap}")
[ "$(id -u)" = 0 ] || { echo "make-sample.sh: needs root (creates network namespaces)" >&2; exit 77; }
for t in ip tcpdump ethtool python3; do
    command -v "$t" >/dev/null || { echo "make-sample.sh: $t not found" >&2; exit 69; }
done

nsa=nvcr-sample-a-$$
nsb=nvcr-sample-b-$$
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    ip netns del "$nsa" 2>/dev/null || true
    ip netns del "$nsb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

ip netns add "$nsa"
ip netns add "$nsb"
# Both ends are created inside the namespaces: nothing touches the root namespace.
ip -n "$nsa" link add va address 02:00:00:00:00:01 type veth peer name vb netns "$nsb" address 02:00:00:00:00:02
for ns in "$nsa" "$nsb"; do
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
        net.ipv6.conf.default.router_solicitations=0
done
ip -n "$nsa" addr add 198.18.0.1/24 dev va
ip -n "$nsb" addr add 198.18.0.2/24 dev vb
ip -n "$nsa" addr add fd00::1/64 dev va nodad
ip -n "$nsb" addr add fd00::2/64 dev vb nodad
# Checksums filled in by the kernel, not left to (virtual) offload, so the capture shows valid ones.
ip netns exec "$nsa" ethtool -K va tx off >/dev/null
ip netns exec "$nsb" ethtool -K vb tx off >/dev/null
ip -n "$nsa" link set lo up
ip -n "$nsb" link set lo up
ip -n "$nsa" link set va up
ip -n "$nsb" link set vb up

head -c 20000 /dev/zero | tr '\0' 'n' > "$work/hello.txt"

# Server side (namespace b): HTTP over IPv4 and IPv6, UDP echo on 9999 (both families); bounded in time.
cat > "$work/server.py" <<'PY'
import http.server, socket, socketserver, sys, threading, time, os
os.chdir(sys.argv[1])
class H(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
class V6(socketserver.ThreadingMixIn, http.server.HTTPServer):
    address_family = socket.AF_INET6
def serve(s): s.serve_forever()
for srv in (http.server.ThreadingHTTPServer(("198.18.0.2", 8080), H), V6(("fd00::2", 8080), H)):
    threading.Thread(target=serve, args=(srv,), daemon=True).start()
def echo(fam, addr):
    u = socket.socket(fam, socket.SOCK_DGRAM); u.bind((addr, 9999))
    while True:
        d, a = u.recvfrom(2048); u.sendto(d, a)
threading.Thread(target=echo, args=(socket.AF_INET, "198.18.0.2"), daemon=True).start()
threading.Thread(target=echo, args=(socket.AF_INET6, "fd00::2"), daemon=True).start()
open(sys.argv[2], "w").close()
time.sleep(30)
PY

# Client side (namespace a): ICMP echo, UDP, HTTP over both families, ICMPv6 echo.
cat > "$work/client.py" <<'PY'
import socket, struct, time, urllib.request
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
def ping4(dst, n):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP); s.settimeout(2)
    for seq in range(n):
        body = struct.pack("!HH", 0x4e56, seq) + b"netvcr-ping" * 3
        msg = struct.pack("!BBH", 8, 0, 0) + body
        s.sendto(struct.pack("!BBH", 8, 0, csum(msg)) + body, (dst, 0)); s.recv(2048); time.sleep(0.05)
def ping6(dst, n):
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6); s.settimeout(2)
    for seq in range(n):  # the kernel fills the ICMPv6 checksum (pseudo-header)
        s.sendto(struct.pack("!BBHHH", 128, 0, 0, 0x4e56, seq) + b"netvcr-ping6" * 3, (dst, 0)); s.recv(2048)
        time.sleep(0.05)
def udp(fam, dst, n):
    u = socket.socket(fam, socket.SOCK_DGRAM); u.settimeout(2)
    for i in range(n):
        u.sendto(b"netvcr-udp %d" % i + b"." * (16 * i), (dst, 9999)); u.recv(2048); time.sleep(0.02)
ping4("198.18.0.2", 4)
udp(socket.AF_INET, "198.18.0.2", 5)
assert len(urllib.request.urlopen("http://198.18.0.2:8080/hello.txt", timeout=5).read()) == 20000
ping6("fd00::2", 3)
udp(socket.AF_INET6, "fd00::2", 3)
assert len(urllib.request.urlopen("http://[fd00::2]:8080/hello.txt", timeout=5).read()) == 20000
PY

ip netns exec "$nsb" python3 "$work/server.py" "$work" "$work/ready" & pids+=($!)
ip netns exec "$nsb" tcpdump -q -i vb -s 0 --immediate-mode --time-stamp-precision=nano -w "$work/capture.pcap" \
    -Z root 2>"$work/tcpdump.log" & pids+=($!)
tcpdump_pid=$!
for _ in $(seq 100); do
    [ -e "$work/ready" ] && grep -q "listening on" "$work/tcpdump.log" && break
    sleep 0.1
done
sleep 0.3
ip netns exec "$nsa" python3 "$work/client.py"
sleep 1
kill -INT "$tcpdump_pid"
wait "$tcpdump_pid" || true
mkdir -p "$(dirname "$out")"
mv "$work/capture.pcap" "$out"
echo "make-sample.sh: wrote $out ($(stat -c %s "$out") bytes)"
