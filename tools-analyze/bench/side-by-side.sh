#!/usr/bin/env bash
# Throughput and peak RSS of netvcr-analyze vs capinfos and tracestats on one large pcap, one after the other.
# Usage: tools-analyze/bench/side-by-side.sh [PCAP]   (builds /tmp/analyze-bench/big.pcap if none is given)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pcap="${1:-/tmp/analyze-bench/big.pcap}"
if [ ! -f "$pcap" ]; then
  mkdir -p "$(dirname "$pcap")"
  python3 "$here/gen-big-pcap.py" "$pcap" 1600000
fi
size=$(stat -c %s "$pcap")
cat "$pcap" > /dev/null   # same page-cache state for every tool
for cmd in "$root/bin/netvcr-analyze -q $pcap" "capinfos $pcap" "tracestats pcapfile:$pcap"; do
  /usr/bin/time -f "%e %U %S %M" -o /tmp/analyze-bench.time $cmd > /dev/null 2>&1
  read -r wall user sys rss < /tmp/analyze-bench.time
  name="${cmd%% *}"; name="${name##*/}"
  awk -v c="$name" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v b="$size" \
    'BEGIN { printf "%-16s %7.2f s wall %7.1f MB/s wall | %6.2f s cpu %7.1f MB/s per cpu-s | peak RSS %6.1f MB\n",
             c, w, b / w / 1e6, u + s, b / (u + s) / 1e6, r / 1024 }'
done
