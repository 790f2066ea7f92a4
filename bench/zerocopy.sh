#!/usr/bin/env bash
# Zero-copy top speed (issue 11): 64-byte frames at --topspeed over a veth pair between two private network
# namespaces, NetVCR sending from the mapped trace (mmsg and auto) and building every frame into send buffers
# (-Dnetvcr.replay.copyFrames=true), against the C sendmmsg sender (bench/c/mmsg_send, frames straight from
# its mapped pcap, batches of 32). Receiver: bench/c/rxring in the other namespace. Alternates tool by tool in
# each repetition and prints one table; compare rows of one run only (the receiver shares the CPUs).
#   sudo bench/zerocopy.sh [--count N (1000000)] [--reps N (3)] [--batch N (32)] [--smoke]
# --smoke: 20,000 frames, 1 repetition: proves the script works, measures nothing.
set -uo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(dirname "$HERE")"
COUNT=1000000; REPS=3; BATCH=32
while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT="$2"; shift ;;
    --reps) REPS="$2"; shift ;;
    --batch) BATCH="$2"; shift ;;
    --smoke) COUNT=20000; REPS=1 ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "zerocopy.sh: unknown option $1" >&2; exit 64 ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || { echo "zerocopy.sh: must run as root (namespaces, raw sockets)" >&2; exit 77; }
for t in gcc ip jq; do command -v $t >/dev/null || { echo "zerocopy.sh: needs $t" >&2; exit 69; }; done
[ -x "$ROOT/bin/netvcr-replay" ] || { echo "zerocopy.sh: build NetVCR first (mvn -B -q package -DskipTests)" >&2; exit 69; }

TMP="$(mktemp -d /var/tmp/netvcr-zerocopy.XXXXXX)"
NS_TX="nvzc-$$-tx"; NS_RX="nvzc-$$-rx"; IF_TX="nvzc$$t"; IF_RX="nvzc$$r"; RX=""
cleanup() {
  [ -n "$RX" ] && kill "$RX" 2>/dev/null
  for ns in "$NS_TX" "$NS_RX"; do
    if ip netns list 2>/dev/null | grep -qw "$ns"; then
      for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
      ip netns del "$ns"
    fi
  done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for t in genpcap mmsg_send rxring; do gcc -O2 -Wall -o "$TMP/$t" "$HERE/c/$t.c" || exit 70; done
ip netns add "$NS_TX" && ip netns add "$NS_RX" || exit 71
# both ends are created inside the namespaces: nothing appears in the root namespace
ip -n "$NS_TX" link add "$IF_TX" type veth peer name "$IF_RX" netns "$NS_RX" || exit 71
for ns in "$NS_TX" "$NS_RX"; do
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n "$NS_TX" link set "$IF_TX" up && ip -n "$NS_RX" link set "$IF_RX" up || exit 71

# 64-byte frames with valid checksums (frames with bad checksums are dropped early and look faster)
"$TMP/genpcap" --count "$COUNT" --delta-ns 1000 --size 64 "$TMP/top.pcap" || exit 1
"$ROOT/bin/netvcr-convert" -q "$TMP/top.pcap" "$TMP/top.nvcr" || exit 1
"$ROOT/bin/netvcr-prep" -q --topspeed "$TMP/top.nvcr" "$TMP/top.prep.nvcr" || exit 1

# trial NAME -- CMD... : prints NAME, receiver pps, frames received, sender's own pps figure
trial() {
  local name="$1"; shift 2
  rm -f "$TMP/ready"
  ip netns exec "$NS_RX" "$TMP/rxring" -i "$IF_RX" -n "$COUNT" -R "$TMP/ready" -t 300 >"$TMP/rx.out" 2>"$TMP/rx.err" &
  RX=$!
  for _ in $(seq 600); do [ -f "$TMP/ready" ] && break; sleep 0.05; done
  ip netns exec "$NS_TX" timeout -k 5 240 "$@" >"$TMP/send.out" 2>"$TMP/send.err"
  local rc=$?
  sleep 0.3
  kill -INT "$RX" 2>/dev/null; wait "$RX" 2>/dev/null; RX=""
  local rxpps rxn snd
  rxpps="$(grep -o 'pps=[0-9.]*' "$TMP/rx.out" | head -1 | cut -d= -f2)"
  rxn="$(grep -o 'rx_frames=[0-9]*' "$TMP/rx.out" | cut -d= -f2)"
  if jq -e . "$TMP/send.out" >/dev/null 2>&1; then snd="$(jq -r '.rate.pps' "$TMP/send.out")"
  else snd="$(grep -o 'pps=[0-9.]*' "$TMP/send.out" | cut -d= -f2)"; fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "${rxpps:-?}" "${rxn:-?}" "${snd:-?}" "$rc" >>"$TMP/rows.tsv"
}

NVR="$ROOT/bin/netvcr-replay"
for rep in $(seq "$REPS"); do
  echo "[zerocopy] repetition $rep of $REPS ($COUNT frames of 64 B)" >&2
  trial "C sendmmsg (batch $BATCH)" -- "$TMP/mmsg_send" -i "$IF_TX" -b "$BATCH" "$TMP/top.pcap"
  trial "NetVCR mmsg, from the mapping" -- "$NVR" --interface "$IF_TX" --send-mode mmsg --batch "$BATCH" --topspeed --json "$TMP/top.prep.nvcr"
  trial "NetVCR auto, from the mapping" -- "$NVR" --interface "$IF_TX" --topspeed --batch "$BATCH" --json "$TMP/top.prep.nvcr"
  NETVCR_JAVA_OPTS="-Dnetvcr.replay.copyFrames=true" \
    trial "NetVCR mmsg, frames copied" -- "$NVR" --interface "$IF_TX" --send-mode mmsg --batch "$BATCH" --topspeed --json "$TMP/top.prep.nvcr"
done

# median receiver pps per tool, and its ratio to the C sender's
python3 - "$TMP/rows.tsv" "$COUNT" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
tools = []
for r in rows:
    if r[0] not in tools:
        tools.append(r[0])
def med(t, i):
    v = [float(r[i]) for r in rows if r[0] == t and r[i] not in ("?", "", "null")]
    return statistics.median(v) if v else float("nan")
c = med(tools[0], 1)
print(f"| 64 B top speed, {sys.argv[2]} frames | receiver pps (median) | vs C sendmmsg | frames received (min) | sender's pps | exit codes |")
print("|---|---|---|---|---|---|")
for t in tools:
    rx = [int(r[2]) for r in rows if r[0] == t and r[2].isdigit()]
    codes = ",".join(sorted({r[4] for r in rows if r[0] == t}))
    p = med(t, 1)
    print(f"| {t} | {p:,.0f} | {p / c:.2f}x | {min(rx) if rx else '?'} | {med(t, 3):,.0f} | {codes} |")
PY
