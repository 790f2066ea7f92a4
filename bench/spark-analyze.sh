#!/usr/bin/env bash
# netvcr-analyze throughput: --engine local vs --engine spark --master local[1] and local[2], on a set of
# generated .nvcr files (split by record, read in parallel) and on a set of pcap.gz files (one task per file).
# Prints records/s, MB/s (input bytes on disk per wall second), the 1 -> 2 core scaling and peak RSS.
#
#   bench/spark-analyze.sh                      # full: 8 GB of .nvcr in 8 files, 4 pcap.gz of 1 GB pcap each
#   bench/spark-analyze.sh --smoke              # tiny set, proves the script works (numbers meaningless)
#   bench/spark-analyze.sh --size-gb 16 --files 16 --gz-files 8 --workdir /data/bench
#
# Wall time includes JVM and Spark start-up (seconds); on sets this size it is a few per cent. Runs are
# sequential, page cache warmed by one cat of every file first (the set should fit in RAM; else it measures
# the disk). Needs: built NetVCR (mvn -B -q package -DskipTests), python3, gzip, /usr/bin/time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
size_gb=8; files=8; gz_files=4; work=/var/tmp/netvcr-spark-bench; smoke=0
while [ $# -gt 0 ]; do
  case "$1" in
    --size-gb) size_gb="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --gz-files) gz_files="$2"; shift 2 ;;
    --workdir) work="$2"; shift 2 ;;
    --smoke) smoke=1; shift ;;
    *) echo "usage: $0 [--smoke] [--size-gb N] [--files N] [--gz-files N] [--workdir DIR]" >&2; exit 64 ;;
  esac
done
for f in "$root/app/target/netvcr-app.jar" "$root/tools-analyze-spark/target/netvcr-tools-analyze-spark.jar"; do
  [ -f "$f" ] || { echo "not built: $f (mvn -B -q package -DskipTests)" >&2; exit 69; }
done
record=192   # default NetVCR record length (128-byte snap)
if [ "$smoke" = 1 ]; then
  work="${work}-smoke"; files=2; gz_files=2
  per_file=20000
else
  per_file=$(( size_gb * 1000000000 / files / record ))
fi
mkdir -p "$work"
base_pcap="$work/base-$per_file.pcap"
base_nvcr="$work/base-$per_file.nvcr"
if [ ! -f "$base_nvcr" ]; then
  echo "generating $per_file packets per file..." >&2
  python3 "$root/tools-analyze/bench/gen-big-pcap.py" "$base_pcap" "$per_file"
  "$root/bin/netvcr-convert" -q "$base_pcap" "$base_nvcr"
fi
# distinct copies (own inodes and page-cache pages), same content: throughput is what is measured
nvcr_set=(); gz_set=()
for i in $(seq 1 "$files"); do
  f="$work/set-$per_file-$i.nvcr"; [ -f "$f" ] || cp "$base_nvcr" "$f"; nvcr_set+=("$f")
done
gz_packets=$(( smoke == 1 ? per_file : 1600000 ))   # 1.6 M packets = about 1 GB of pcap before gzip
gz_base="$work/gzbase-$gz_packets.pcap"
[ -f "$gz_base" ] || python3 "$root/tools-analyze/bench/gen-big-pcap.py" "$gz_base" "$gz_packets"
for i in $(seq 1 "$gz_files"); do
  f="$work/set-$gz_packets-$i.pcap.gz"; [ -f "$f" ] || gzip -1 -c "$gz_base" > "$f"; gz_set+=("$f")
done

# scaling: local[1] wall / local[2] wall (goal >= 1.7x); vs_local: the local engine's wall / this row's
printf '%-10s %-16s %10s %14s %10s %10s %9s %12s\n' set engine wall_s records/s MB/s scaling vs_local peakRSS_MB
run_set() {
  local label="$1"; shift
  local bytes; bytes=$(cat "$@" | wc -c)   # also warms the page cache
  local w1="" w0="" p0=""
  for eng in "local" "spark local[1]" "spark local[2]"; do
    local args=(-q --json)
    case "$eng" in
      local) ;;
      *) args+=(--engine spark --master "${eng#spark }") ;;
    esac
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$root/bin/netvcr-analyze" "${args[@]}" "$@" > "$work/out.json"
    read -r wall rss < "$work/time.txt"
    local packets; packets=$(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); t=j.get('traces',[j]); print(sum(x['packets'] for x in t))" "$work/out.json")
    # a throughput of wrong answers is worth nothing: every engine must count what the local one counted
    if [ "$eng" = local ]; then p0="$packets"; elif [ "$packets" != "$p0" ]; then
      echo "$label $eng: $packets packets, the local engine counted $p0" >&2; exit 70
    fi
    local scaling="-" vs="-"
    if [ "$eng" = local ]; then w0="$wall"; else vs=$(awk -v a="$w0" -v b="$wall" 'BEGIN{printf "%.2fx", a/b}'); fi
    if [ "$eng" = "spark local[1]" ]; then w1="$wall"; fi
    if [ "$eng" = "spark local[2]" ] && [ -n "$w1" ]; then scaling=$(awk -v a="$w1" -v b="$wall" 'BEGIN{printf "%.2fx", a/b}'); fi
    awk -v l="$label" -v e="$eng" -v w="$wall" -v p="$packets" -v b="$bytes" -v s="$scaling" -v v="$vs" -v r="$rss" \
      'BEGIN { printf "%-10s %-16s %10.2f %14.0f %10.1f %10s %9s %12.1f\n", l, e, w, p / w, b / w / 1e6, s, v, r / 1024 }'
  done
}
run_set nvcr "${nvcr_set[@]}"
run_set pcap.gz "${gz_set[@]}"
echo "set sizes: nvcr $files x $per_file records ($(du -ch "${nvcr_set[@]}" | tail -1 | cut -f1)), pcap.gz $gz_files x $gz_packets packets ($(du -ch "${gz_set[@]}" | tail -1 | cut -f1)); cores: $(nproc)"
