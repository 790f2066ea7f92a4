#!/usr/bin/env bash
# Decompression throughput: NetVCR's input path (bench/DecompressBench.java) against the command-line tools
# (zcat, bzcat, xzcat, zstdcat) on the same few-hundred-MB trace, compressed four ways.
# Usage: bench/decompress.sh [MB]   (default 300; files are kept in ${NETVCR_BENCH_DIR:-/tmp/netvcr-bench})
# The trace is libtrace's fragtest.erf (real ERF Ethernet traffic, ../shared/traces) repeated: ERF has no file
# header, so the concatenation is a valid ERF trace. Copy k has k added to every byte after the record
# headers, so that xz and zstd (windows of several MB) cannot just refer back to the previous copy: each copy
# compresses about as well as the original does on its own.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(dirname "$here")"
mb="${1:-300}"
dir="${NETVCR_BENCH_DIR:-/tmp/netvcr-bench}"
src="$root/../shared/traces/erf/libtrace_fragtest.erf"
[ -f "$src" ] || src=/work/shared/traces/erf/libtrace_fragtest.erf
mkdir -p "$dir"
plain="$dir/trace-${mb}MB.erf"
if [ ! -f "$plain" ]; then
  python3 - "$src" "$plain" "$mb" <<'PY'
import struct, sys
src, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, 'rb').read()
heads = []  # (offset, 16 header bytes) of every ERF record
off = 0
while off + 16 <= len(data):
    heads.append((off, data[off:off + 16]))
    off += struct.unpack('>H', data[off + 10:off + 12])[0]
with open(out, 'wb') as f:
    for k in range(mb * 1000000 // len(data) + 1):
        b = bytearray(data.translate(bytes((i + k) & 0xff for i in range(256))))
        for o, h in heads:
            b[o:o + 16] = h
        f.write(b)
PY
fi
[ -f "$plain.gz" ]  || gzip -6 -c "$plain" > "$plain.gz"
[ -f "$plain.bz2" ] || bzip2 -9 -c "$plain" > "$plain.bz2"
[ -f "$plain.xz" ]  || xz -6 -T1 -c "$plain" > "$plain.xz"
[ -f "$plain.zst" ] || zstd -q -3 -c "$plain" > "$plain.zst"
[ -f "$root/app/target/netvcr-app.jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 69; }

bytes=$(stat -c %s "$plain")
echo "plain trace: $plain, $(( bytes / 1000000 )) MB; compressed sizes:"
ls -l "$plain".* | awk '{printf "  %-40s %8.1f MB\n", $9, $5/1e6}'
echo
cat "$plain" "$plain".* > /dev/null   # page cache: measure decompression, not the disk
echo "command-line tools (decompressed MB/s):"
for t in "zcat:gz" "bzcat:bz2" "xzcat:xz" "zstdcat:zst"; do
  tool="${t%%:*}"; ext="${t##*:}"
  s=$( { /usr/bin/time -f %e "$tool" "$plain.$ext" > /dev/null; } 2>&1 )
  awk -v t="$tool" -v s="$s" -v b="$bytes" 'BEGIN { printf "  %-8s %6.2f s %8.1f MB/s\n", t, s, b / 1e6 / s }'
done
echo
echo "NetVCR (java):"
java -Xss1m -cp "$root/app/target/netvcr-app.jar:$root/app/target/lib/*" "$here/DecompressBench.java" \
  "$plain.gz" "$plain.bz2" "$plain.xz" "$plain.zst" "$plain"
