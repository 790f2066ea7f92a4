#!/bin/bash
# Side-by-side measurement behind the table in replayer/README.md (run as root from the repo root after
# `mvn -B -q package -DskipTests`): top speed per --send-mode on a veth pair between two private namespaces this
# script makes and removes (frames counted by the receiving veth's rx counter), then δ = 70 µs hybrid ε.
# Usage: replayer/scripts/send-modes.sh [BEFORE_REPO_ROOT]   (BEFORE: a second build to compare timers with)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"; W="$root/bin"; B="${1:-}"
work="$(mktemp -d)"; A=nvsm-a-$$; Z=nvsm-b-$$
cleanup() { ip netns del "$A" 2>/dev/null || true; ip netns del "$Z" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$A"; ip netns add "$Z"
ip link add va netns "$A" type veth peer name vb netns "$Z"
ip -n "$A" link set va up; ip -n "$Z" link set vb up
rx() { ip -n "$Z" -s link show vb | awk '/RX:/{getline; print $2}'; }
cd "$work"
"$W/netvcr" samples periodic -q -n 500000 -s 64 -d 1us p64.nvcr && "$W/netvcr" prep -q p64.nvcr p64p.nvcr
"$W/netvcr" samples periodic -q -n 300000 -s 1514 -d 1us p1514.nvcr && "$W/netvcr" prep -q p1514.nvcr p1514p.nvcr
"$W/netvcr" samples periodic -q -n 30000 -s 64 -d 70us d70.nvcr && "$W/netvcr" prep -q d70.nvcr d70p.nvcr
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)  nproc $(nproc)  kernel $(uname -r)"
for rep in 1 2 3; do
  for size in 64 1514; do
    f=p${size}p.nvcr
    for m in single mmsg ring; do
      a=$(rx); "$W/netvcr-replay" --netns "$A" --interface va --topspeed --send-mode $m --json $f > j.json 2>/dev/null; b=$(rx)
      python3 -c "import json;d=json.load(open('j.json'));dur=d['durationNs']/1e9;print('top %s B %-6s rep%d sent=%d rx=%d rx_pps=%.0f sendCalls=%d cpu=%.2f'%('$size','$m',$rep,d['packets']['sent'],$b-$a,($b-$a)/dur,d['sendCalls'],d['cpu']['utilization']))"
    done
  done
done
for rep in 1 2 3; do
  for v in ${B:+before} after; do
    bin="$W"; [ "$v" = before ] && bin="$B/bin"
    "$bin/netvcr-replay" --netns "$A" --interface va --timer hybrid --json d70p.nvcr > j.json 2>/dev/null
    python3 -c "import json;d=json.load(open('j.json'));e=d['epsilonNs'];t=d.get('timing',{});print('d70 %-6s rep%d p50=%.1fus p99=%.1fus max=%.1fus cpu=%.2f marginNs=%s spinFraction=%s'%('$v',$rep,e['p50']/1e3,e['p99']/1e3,e['max']/1e3,d['cpu']['utilization'],t.get('marginNs'),t.get('spinFraction')))"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
