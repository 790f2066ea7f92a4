#!/usr/bin/env bash
# netvcr-analyze throughput: --engine local vs --engine spark --master local[1] and local[2], on a set of
# generated .nvcr files (split by record, read in parallel) and on a set of pcap.gz files (one task per file).
# Prints records/s, MB/s (input bytes on disk per wall second), the 1 -> 2 core scaling, CPU seconds (user +
# sys) and the cores they kept busy, and peak RSS.
#
#   bench/spark-analyze.sh                      # full: 8 GB of .nvcr in 8 files, 4 pcap.gz of 1 GB pcap each
#   bench/spark-analyze.sh --smoke              # tiny set, proves the script works (numbers meaningless)
#   bench/spark-analyze.sh --size-gb 16 --files 16 --gz-files 8 --workdir /data/bench
#   bench/spark-analyze.sh --size-gb 1 --files 2 --only nvcr --debug   # + Spark's per-stage totals per run
#   bench/spark-analyze.sh --spark-conf spark.hadoop.mapreduce.input.fileinputformat.split.minsize=33554432
#
# Row "2 x local" runs two local-engine processes at once, each on half of the set: the most two cores of this
# machine give to two jobs that share nothing (its scaling column is against the one-process local row). A
# Spark scaling near it is as good as this machine allows; far below it, Spark itself loses.
#
# Wall time includes JVM and Spark start-up (seconds); on sets this size it is a few per cent. Runs are
# sequential, each after one cat of every file (the set should fit in RAM; else it measures the disk).
# On a loaded machine compare cpu_s and the --debug stage totals, not seconds.
# Needs: built NetVCR (mvn -B -q package -DskipTests), python3, gzip, /usr/bin/time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
size_gb=8; files=8; gz_files=4; work=/var/tmp/netvcr-spark-bench; smoke=0; only=""; debug=0; spark_conf=()
while [ $# -gt 0 ]; do
  case "$1" in
    --size-gb) size_gb="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --gz-files) gz_files="$2"; shift 2 ;;
    --workdir) work="$2"; shift 2 ;;
    --smoke) smoke=1; shift ;;
    --only) only="$2"; shift 2 ;;
    --debug) debug=1; shift ;;
    --spark-conf) spark_conf+=(--spark-conf "$2"); shift 2 ;;
    *) echo "usage: $0 [--smoke] [--size-gb N] [--files N] [--gz-files N] [--workdir DIR] [--only nvcr|pcap.gz]" \
         "[--debug] [--spark-conf KEY=VALUE]..." >&2; exit 64 ;;
  esac
done
for f in "$root/app/target/netvcr-app.jar" "$root/tools-analyze-spark/target/netvcr-tools-analyze-spark.jar"; do
  [ -f "$f" ] || { echo "not built: $f (mvn -B -q package -DskipTests)" >&2; exit 69; }
done
# the class-data archives (the launcher's, and the Spark engine's, ~20 s) are made by the first run after a
# build: not inside a timed row
"$root/bin/netvcr-analyze" --version > /dev/null 2>&1 || true
"$root/bin/netvcr-analyze" --engine spark --version > /dev/null 2>&1 || true
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
[ "$only" = nvcr ] && gz_files=0
[ -f "$gz_base" ] || [ "$gz_files" = 0 ] || python3 "$root/tools-analyze/bench/gen-big-pcap.py" "$gz_base" "$gz_packets"
for i in $(seq 1 "$gz_files"); do
  f="$work/set-$gz_packets-$i.pcap.gz"; [ -f "$f" ] || gzip -1 -c "$gz_base" > "$f"; gz_set+=("$f")
done

# scaling: local[1] wall / local[2] wall (goal >= 1.7x); for "2 x local": local wall / its wall (the machine's
# ceiling). vs_local: the local engine's wall / this row's. cores: cpu_s / wall_s.
printf '%-10s %-16s %10s %14s %10s %10s %9s %9s %6s %12s\n' \
  set engine wall_s records/s MB/s scaling vs_local cpu_s cores peakRSS_MB
packets_of() {
  python3 -c "import json,sys; print(sum(x['packets'] for f in sys.argv[1:] for j in [json.load(open(f))] for x in j.get('traces',[j])))" "$@"
}
row() {   # label engine wall packets bytes scaling vs cpu rss_kb
  awk -v l="$1" -v e="$2" -v w="$3" -v p="$4" -v b="$5" -v s="$6" -v v="$7" -v c="$8" -v r="$9" \
    'BEGIN { printf "%-10s %-16s %10.2f %14.0f %10.1f %10s %9s %9.2f %6.2f %12.1f\n", l, e, w, p / w, b / w / 1e6, s, v, c, c / w, r / 1024 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", a/b}'; }
run_set() {
  local label="$1"; shift
  local bytes; bytes=$(cat "$@" | wc -c)
  local w1="" w0="" p0=""
  for eng in "local" "2 x local" "spark local[1]" "spark local[2]"; do
    cat "$@" > /dev/null   # every row starts from a warm page cache (a reclaim daemon may have evicted some)
    local args=(-q --json) wall rss user sys packets
    case "$eng" in
      local) ;;
      "2 x local")
        [ $# -ge 2 ] || continue
        local half=$(( $# / 2 )) t0 t1
        t0=$(date +%s.%N)
        /usr/bin/time -f "%e %M %U %S" -o "$work/time-a.txt" "$root/bin/netvcr-analyze" "${args[@]}" "${@:1:half}" > "$work/out-a.json" &
        local pa=$!
        /usr/bin/time -f "%e %M %U %S" -o "$work/time-b.txt" "$root/bin/netvcr-analyze" "${args[@]}" "${@:half+1}" > "$work/out-b.json" &
        local pb=$!
        wait "$pa"; wait "$pb"
        t1=$(date +%s.%N)
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b - a}')
        read -r _ rss user sys < "$work/time-a.txt"
        local rss_b user_b sys_b; read -r _ rss_b user_b sys_b < "$work/time-b.txt"
        rss=$(( rss + rss_b ))
        packets=$(packets_of "$work/out-a.json" "$work/out-b.json")
        if [ "$packets" != "$p0" ]; then echo "$label $eng: $packets packets, the local engine counted $p0" >&2; exit 70; fi
        row "$label" "$eng" "$wall" "$packets" "$bytes" "$(ratio "$w0" "$wall")" "-" \
          "$(awk -v a="$user" -v b="$sys" -v c="$user_b" -v d="$sys_b" 'BEGIN{print a+b+c+d}')" "$rss"
        continue ;;
      *) args+=(--engine spark --master "${eng#spark }" "${spark_conf[@]}")
         [ "$debug" = 1 ] && args+=(--debug) ;;
    esac
    /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$root/bin/netvcr-analyze" "${args[@]}" "$@" > "$work/out.json" \
      2> "$work/err.txt" || { cat "$work/err.txt" >&2; exit 70; }
    read -r wall rss user sys < "$work/time.txt"
    packets=$(packets_of "$work/out.json")
    # a throughput of wrong answers is worth nothing: every engine must count what the local one counted
    if [ "$eng" = local ]; then p0="$packets"; elif [ "$packets" != "$p0" ]; then
      echo "$label $eng: $packets packets, the local engine counted $p0" >&2; exit 70
    fi
    local scaling="-" vs="-"
    if [ "$eng" = local ]; then w0="$wall"; else vs=$(ratio "$w0" "$wall"); fi
    if [ "$eng" = "spark local[1]" ]; then w1="$wall"; fi
    if [ "$eng" = "spark local[2]" ] && [ -n "$w1" ]; then scaling=$(ratio "$w1" "$wall"); fi
    row "$label" "$eng" "$wall" "$packets" "$bytes" "$scaling" "$vs" "$(awk -v a="$user" -v b="$sys" 'BEGIN{print a+b}')" "$rss"
    if [ "$debug" = 1 ]; then grep '^spark: ' "$work/err.txt" | sed 's/^/    /' || true; fi
  done
}
load0=$(cut -d' ' -f1-3 /proc/loadavg)
[ "$only" = pcap.gz ] || run_set nvcr "${nvcr_set[@]}"
[ "$only" = nvcr ] || run_set pcap.gz "${gz_set[@]}"
echo "set sizes: nvcr $files x $per_file records ($(du -ch "${nvcr_set[@]}" | tail -1 | cut -f1)), pcap.gz $gz_files x $gz_packets packets ($( [ "$gz_files" = 0 ] && echo 0 || du -ch "${gz_set[@]}" | tail -1 | cut -f1)); cores: $(nproc); load before: $load0"
