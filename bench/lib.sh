# shellcheck shell=bash
# Shared by bench/run and bench/paper/run (sourced, never run): packages, build, the C tools, the private
# namespaces with their veth pair (removed on every exit path), NetVCR availability, traces and one
# receiver-measured trial. The caller sets ROOT (repository) and RUN (this run's directory) and
# BENCH_TAG (log prefix) before calling bench_setup.
BENCH_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf '[%s %s] %s\n' "${BENCH_TAG:-bench}" "$(date -u +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------- packages (apt-get only if missing)
need_pkgs=()
need() { command -v "$1" >/dev/null 2>&1 || need_pkgs+=("$2"); }
install_needed() {
  [ -x /usr/bin/time ] || need_pkgs+=(time)
  [ ${#need_pkgs[@]} -gt 0 ] || return 0
  log "installing: ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need_pkgs[@]}" >/dev/null || { echo "${BENCH_TAG:-bench}: apt-get failed" >&2; exit 69; }
}

# ---------------------------------------------------------------- build
build_netvcr() {
  [ -f "$ROOT/app/target/netvcr-app.jar" ] && return 0
  log "building NetVCR (mvn -B -q package -DskipTests)"
  (cd "$ROOT" && mvn -B -q package -DskipTests) || { echo "${BENCH_TAG:-bench}: build failed" >&2; exit 70; }
}
# compile_c TOOL... -> $BIN/TOOL from bench/c/TOOL.c
compile_c() {
  BIN="$RUN/bin"; mkdir -p "$BIN"
  for t in "$@"; do
    gcc -O2 -Wall -o "$BIN/$t" "$BENCH_LIB/c/$t.c" || { echo "${BENCH_TAG:-bench}: gcc failed on $t.c" >&2; exit 70; }
  done
}

# ---------------------------------------------------------------- namespaces (cleaned up on every exit)
# netns_up PREFIX: two private namespaces PREFIX-PID-tx/-rx joined by a veth pair whose both ends are created
# inside them (nothing ever appears in the root namespace); traps remove them on EXIT, INT and TERM.
RX_PID=""; LOAD_PID=""
netns_up() {
  local p="$1"
  NS_TX="$p-$$-tx"; NS_RX="$p-$$-rx"; IF_TX="$p$$t"; IF_RX="$p$$r"
  trap netns_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  ip netns add "$NS_TX" && ip netns add "$NS_RX" || exit 71
  ip -n "$NS_TX" link add "$IF_TX" type veth peer name "$IF_RX" netns "$NS_RX" || exit 71
  for ns in "$NS_TX" "$NS_RX"; do
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$ns" link set lo up
  done
  ip -n "$NS_TX" link set "$IF_TX" up && ip -n "$NS_RX" link set "$IF_RX" up || exit 71
  log "veth $IF_TX ($NS_TX) -> $IF_RX ($NS_RX); run dir $RUN"
}
netns_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -n "$RX_PID" ] && kill "$RX_PID" 2>/dev/null
  [ -n "$LOAD_PID" ] && { kill "$LOAD_PID" 2>/dev/null; wait "$LOAD_PID" 2>/dev/null; }
  for ns in "${NS_TX:-}" "${NS_RX:-}"; do
    [ -n "$ns" ] || continue
    if ip netns list 2>/dev/null | grep -qw "$ns"; then
      for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
      ip netns del "$ns" 2>/dev/null
    fi
  done
  rm -rf "$RUN/tmp"
  exit "$rc"
}

# ---------------------------------------------------------------- NetVCR availability
# A command is usable unless it says "not built yet" (exit 64 from NotBuiltCommand, 69 from the launcher).
nv_ok() {
  local tool="$1"; shift
  [ -x "$ROOT/bin/$tool" ] || return 1
  local err; err="$(timeout 60 "$ROOT/bin/$tool" "$@" 2>&1 >/dev/null)"; local rc=$?
  if { [ $rc = 64 ] || [ $rc = 69 ]; } && grep -qi "not built" <<<"$err"; then return 1; fi
  return 0
}
# sets NV_REPLAY NV_PREP NV_CONVERT NV_ANALYZE NV_SAMPLES (1 = usable)
detect_netvcr() {
  NV_REPLAY=0; NV_PREP=0; NV_CONVERT=0; NV_ANALYZE=0; NV_SAMPLES=0
  nv_ok netvcr-replay --interface "$IF_TX" /nonexistent.nvcr && NV_REPLAY=1
  nv_ok netvcr-prep /nonexistent.nvcr "$RUN/x.nvcr" && NV_PREP=1
  nv_ok netvcr-convert /nonexistent.pcap "$RUN/x.nvcr" && NV_CONVERT=1
  nv_ok netvcr-analyze /nonexistent.pcap && NV_ANALYZE=1
  nv_ok netvcr samples periodic --delta 70us --count 10 --size 64 "$RUN/x.pcap" && [ -s "$RUN/x.pcap" ] && NV_SAMPLES=1
  rm -f "$RUN/x.nvcr" "$RUN/x.pcap"
  # NetVCR replay needs the converter and prep as well
  [ $NV_CONVERT = 1 ] && [ $NV_PREP = 1 ] || NV_REPLAY=0
  log "NetVCR: replay=$NV_REPLAY prep=$NV_PREP convert=$NV_CONVERT analyze=$NV_ANALYZE samples=$NV_SAMPLES"
}

# ---------------------------------------------------------------- traces
# gen_periodic OUT COUNT DELTA_NS SIZE|imix  (reused across runs: generated traces are deterministic)
# GEN_WITH_SEQ=1 always uses genpcap, whose frames carry a sequence number the receiver matches by.
gen_periodic() {
  local out="$1" count="$2" delta="$3" size="$4"
  [ -s "$out" ] && return 0
  log "generating $(basename "$out")"
  if [ "${NV_SAMPLES:-0}" = 1 ] && [ "$size" != imix ] && [ "${GEN_WITH_SEQ:-0}" != 1 ]; then
    # the brief's generator; its frames carry no sequence marker, so the receiver matches by arrival order
    "$ROOT/bin/netvcr" samples periodic --delta "${delta}ns" --count "$count" --size "$size" "$out.tmp" >/dev/null 2>&1 \
      && mv "$out.tmp" "$out" && return 0
  fi
  if [ "$size" = imix ]; then "$BIN/genpcap" --count "$count" --delta-ns "$delta" --imix "$out.tmp"
  else "$BIN/genpcap" --count "$count" --delta-ns "$delta" --size "$size" "$out.tmp"; fi && mv "$out.tmp" "$out"
}
# nvcr_for PCAP [--topspeed] -> prints the prepared .nvcr path (made once)
nvcr_for() {
  local pcap="$1" top="${2:-}" raw="${1%.pcap}.nvcr" prep="${1%.pcap}.prep${2:+-top}.nvcr"
  if [ ! -s "$raw" ]; then "$ROOT/bin/netvcr-convert" "$pcap" "$raw" >/dev/null 2>"$RUN/logs/convert.err" || { rm -f "$raw"; return 1; }; fi
  if [ ! -s "$prep" ]; then "$ROOT/bin/netvcr-prep" $top "$raw" "$prep" >/dev/null 2>"$RUN/logs/prep.err" || { rm -f "$prep"; return 1; }; fi
  echo "$prep"
}

# ---------------------------------------------------------------- one trial
slug() { tr -c 'A-Za-z0-9._-' '_' <<<"$1" | sed 's/_*$//'; }
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" >>"$RESULTS"; }
note_cmd() { grep -qF "$1	$2	$3	" "$COMMANDS" || printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$COMMANDS"; }
na() { row "$1" "$2" "$3" "$4" "$5" ""; }
# trial_dir CASE GROUP TOOL REP -> the trial's log directory
trial_dir() { echo "$RUN/logs/c$1-$(slug "$2")-$(slug "$3")-r$4"; }

# trial CASE GROUP TOOL REP SCHEDULE EXPECT LIMIT_S KIND -- CMD...   (KIND: c | json | plain)
# In CMD, @D@ stands for the trial's log directory (e.g. --epsilon-log @D@/tx.eps). With RX_EPS=1 and a
# SCHEDULE the receiver writes its per-packet ε to @D@/rx.eps. BEFORE_SEND (if set) is evaluated right before
# the sender starts, after the receiver has read its schedule.
trial() {
  local cs="$1" grp="$2" tool="$3" rep="$4" sched="$5" expect="$6" limit="$7" kind="$8"; shift 9
  local d; d="$(trial_dir "$cs" "$grp" "$tool" "$rep")"; mkdir -p "$d"
  local cmd=() a
  TRIAL_KV=""
  for a in "$@"; do cmd+=("${a//@D@/$d}"); done
  note_cmd "$cs" "$grp" "$tool" "ip netns exec $NS_TX timeout $limit $*"
  rm -f "$d/ready"
  local rxe=()
  [ "${RX_EPS:-0}" = 1 ] && [ -n "$sched" ] && rxe=(-E "$d/rx.eps")
  ip netns exec "$NS_RX" "$BIN/rxring" -i "$IF_RX" -n "$expect" ${sched:+-S "$sched"} "${rxe[@]}" -R "$d/ready" -t $((limit + 60)) \
    >"$d/rx.out" 2>"$d/rx.err" &
  local rx=$!; RX_PID=$rx
  for _ in $(seq 1200); do [ -f "$d/ready" ] && break; sleep 0.05; done
  if [ ! -f "$d/ready" ]; then
    kill "$rx" 2>/dev/null; wait "$rx" 2>/dev/null; RX_PID=""
    row "$cs" "$grp" "$tool" "$rep" "failed (receiver not ready)" ""; return
  fi
  [ -n "${BEFORE_SEND:-}" ] && eval "$BEFORE_SEND"
  ip netns exec "$NS_TX" timeout -k 5 "$limit" /usr/bin/time -f '%e %U %S %M' -o "$d/time.out" "${cmd[@]}" \
    >"$d/send.out" 2>"$d/send.err"
  local rc=$?
  sleep 0.3
  kill -INT "$rx" 2>/dev/null; wait "$rx" 2>/dev/null; RX_PID=""
  local kv; kv="$(tr -d '\n' <"$d/rx.out")"
  if [ -s "$d/time.out" ]; then
    kv+=" $(tail -1 "$d/time.out" | awk '{printf "wall=%s user=%s sys=%s rss_kb=%s", $1, $2, $3, $4}')"
  fi
  case "$kind" in
    c) kv+=" $(grep -E '^sent=' "$d/send.out" | tail -1 | sed 's/\([a-z_0-9]*\)=/snd_\1=/g')" ;;
    json) kv+=" $(jq -r '"nv_sent=\(.packets.sent // "") nv_eps_p50=\(.epsilonNs.p50 // "") nv_eps_p99=\(.epsilonNs.p99 // "") nv_eps_p999=\(.epsilonNs.p999 // "") nv_eps_max=\(.epsilonNs.max // "") nv_cpu=\(.cpu.utilization // "") nv_send_p50=\(.sendCallNs.p50 // "") nv_thread_cpu=\(.cpu.sendingThread // (if (.durationNs // 0) > 0 then .cpu.senderThreadNs / .durationNs else "" end)) nv_spin_frac=\(.timing.spinFraction // "") nv_oversleeps=\(.timing.oversleeps // "") nv_margin=\(.timing.marginNs // "")"' "$d/send.out" 2>/dev/null)" ;;
  esac
  kv+="${TRIAL_KV:+ $TRIAL_KV}"
  local st=ok
  if [ $rc = 124 ] || [ $rc = 137 ]; then st="timeout ${limit}s"
  elif [ $rc != 0 ]; then
    if [ "$kind" = json ] && [ $rc = 64 ] && grep -qi "not built" "$d/send.err"; then st="n/a (not built)"
    elif [ "$kind" = json ] && [ $rc = 64 ] && grep -qiE "unknown option|unmatched argument" "$d/send.err"; then st="n/a (option absent)"
    else st="failed rc=$rc"; fi
  fi
  row "$cs" "$grp" "$tool" "$rep" "$st" "$kv"
}
