#!/usr/bin/env bash
# Checks the release archive the way a user meets it: unpacked outside the checkout, launched through a
# symlink, no Maven. Runs convert -> prep -> replay (--sink pcap) -> analyze on the bundled sample, renders
# every man page with man -l (no warnings allowed), loads the bash completion and asks it for values,
# and checks that the class-data archive is used and that --help/--version/analyze of a pcap load no
# Chronicle, pcap4j or jnr classes. Usage: dist-check.sh netvcr-VERSION.tar.gz
set -euo pipefail
archive="$(readlink -f "${1:?usage: dist-check.sh netvcr-VERSION.tar.gz}")"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/netvcr-dist-check.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
failures=0
pass() { echo "dist-check: ok   $*"; }
fail() { echo "dist-check: FAIL $*" >&2; failures=$((failures + 1)); }
check() { local what="$1"; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

tar -xzf "$archive" -C "$tmp"
root="$(echo "$tmp"/netvcr-*/)"; root="${root%/}"
# A user's install: bin/ symlinked from elsewhere on the PATH.
mkdir -p "$tmp/usr/bin" "$tmp/work"
for t in "$root"/bin/netvcr*; do ln -s "$t" "$tmp/usr/bin/$(basename "$t")"; done
export PATH="$tmp/usr/bin:$PATH"
cd "$tmp/work"

for d in bin lib share/man/man1 share/man/man5 share/bash-completion/completions share/zsh/site-functions; do
  check "archive has $d/" test -d "$root/$d"
done
for f in README.md LICENSE share/netvcr/samples/netvcr-sample.pcap lib/classpath lib/netvcr.jsa; do
  check "archive has $f" test -s "$root/$f"
done

# --- the pipeline, from a directory outside the checkout, through the symlinks ---
sample="$root/share/netvcr/samples/netvcr-sample.pcap"
check "convert" netvcr-convert -q "$sample" sample.nvcr
check "prep" netvcr-prep -q sample.nvcr prepared.nvcr
check "replay --sink pcap" netvcr-replay -q --sink pcap:replayed.pcap prepared.nvcr
check "analyze --json" sh -c 'netvcr-analyze --json replayed.pcap > analyze.json'
check "analyze counts the sample's 124 packets" grep -Eq '"packets" *: *124\b' analyze.json
check "convert to stdout | prep from stdin" sh -c "netvcr-convert -q '$sample' - | netvcr-prep -q - piped.nvcr"
check "piped and file preparation agree" cmp -s <(tail -c +4097 piped.nvcr) <(tail -c +4097 prepared.nvcr)
if command -v capinfos > /dev/null; then
  check "capinfos reads the replayed pcap (124 packets)" sh -c "capinfos -c -M replayed.pcap | grep -Eq 'Number of packets: +124\$'"
fi
check "umbrella command runs a subcommand" sh -c 'netvcr analyze -q sample.nvcr'
# the archive leaves Spark out: the engine says so in one line, exit 69 (EX_UNAVAILABLE), through both launchers
for cmd in "netvcr analyze" netvcr-analyze; do
  check "$cmd --engine spark without lib/spark/: exit 69, one line naming lib/spark/" sh -c \
    "$cmd --engine spark sample.nvcr 2> spark.err; [ \$? -eq 69 ] && [ \$(wc -l < spark.err) -eq 1 ] && grep -q 'lib/spark/' spark.err"
done

# --- --version names what a bug report needs ---
netvcr --version > version.txt
for word in "NetVCR" "commit" "built" "Java" "libpcap"; do
  check "--version names $word" grep -q "$word" version.txt
done

# --- man pages: every page renders without a warning ---
pages=("$root"/share/man/man1/*.1 "$root"/share/man/man5/*.5)
check "man pages present (at least 10)" test "${#pages[@]}" -ge 10
for page in "${pages[@]}"; do
  err="$(MANWIDTH=80 man -l --warnings "$page" 2>&1 > /dev/null)"
  if [ -z "$err" ]; then pass "man -l $(basename "$page")"; else fail "man -l $(basename "$page"): $err"; fi
done
for tool in netvcr-convert netvcr-prep netvcr-analyze netvcr-replay; do
  text="$(MANWIDTH=80 MANPATH="$root/share/man" man "$tool" 2>/dev/null)"
  for section in NAME SYNOPSIS OPTIONS "EXIT STATUS" EXAMPLES "SEE ALSO"; do
    check "man $tool has $section" grep -qx "$section" <<< "$text"
  done
done
check "man 5 netvcr-format has the file header" sh -c "MANPATH='$root/share/man' man 5 netvcr-format 2>/dev/null | grep -q headerCrc"

# --- completion ---
comp="$root/share/bash-completion/completions"
check "bash completion registers netvcr-replay" bash -c "source '$comp/netvcr-replay' && complete -p netvcr-replay"
offers() {  # offers SCRIPT EXPECTED WORD...: TAB after WORD... offers exactly EXPECTED (sorted, space-separated)
  local script="$1" expected="$2"; shift 2
  local got
  got="$(bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"
    _complete_"$1" 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}"' _ "$script" "$@" | sort | tr '\n' ' ')"
  [ "$got" = "$expected " ] || { echo "  offered: '$got' expected: '$expected '" >&2; return 1; }
}
offers_some() {  # offers_some SCRIPT ONE WORD...: TAB after WORD... offers ONE among others
  local script="$1" one="$2"; shift 2
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"
    _complete_"$1" 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}"' _ "$script" "$@" | grep -x -- "$one" > /dev/null  # not -q: an early exit would SIGPIPE the printf (pipefail)
}
check "--timer offers spin, sleep, hybrid" offers "$comp/netvcr-replay" "hybrid sleep spin" netvcr-replay --timer ""
check "--send-mode offers its modes" offers "$comp/netvcr-replay" "auto mmsg ring single" netvcr-replay --send-mode ""
check "--interface offers interface names (lo)" offers_some "$comp/netvcr-replay" lo netvcr-replay --interface ""
check "prep --payload offers pad, null, keep" offers "$comp/netvcr-prep" "keep null pad" netvcr-prep --payload ""
check "convert --format offers pcapng" offers_some "$comp/netvcr-convert" pcapng netvcr-convert --format pcapn
check "prep --format offers tsh" offers_some "$comp/netvcr-prep" tsh netvcr-prep --format t
check "a trace argument offers file names" offers_some "$comp/netvcr-analyze" prepared.nvcr netvcr-analyze prep
check "netvcr offers its subcommands" offers_some "$comp/netvcr" replay netvcr rep
check "netvcr replay --timer offers spin" offers_some "$comp/netvcr" spin netvcr replay --timer s
if command -v zsh > /dev/null; then
  check "zsh loads the completion function" zsh -fc "fpath=('$root/share/zsh/site-functions' \$fpath); autoload -U compinit && compinit -u && autoload -U _netvcr && whence -w _netvcr"
  # An interactive zsh in a pseudo-terminal: type the command, press TAB, read what it offers.
  cat > "$tmp/tab.zsh" <<ZSH
zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z "PS1='> '; fpath=('$root/share/zsh/site-functions' \\\$fpath); autoload -U compinit; compinit -u"
zpty -w z "netvcr-replay --timer "\$'\t'
zpty -r z out '*hybrid*' || exit 1
zpty -d z
[[ \$out != *'not found'* ]] || { print -r -- "\$out"; exit 1; }
ZSH
  check "zsh TAB after --timer offers hybrid" timeout 60 zsh -f "$tmp/tab.zsh"
fi

# --- fast start: the class-data archive is used; the light commands load no heavy library ---
# (unpacked here, the archive made at package time names other paths: the first run above remade it)
loaded() {  # loaded LOG CMD...: run CMD with class-load logging into LOG
  local log="$1"; shift
  NETVCR_JAVA_OPTS="-Xlog:class+load=info:file=$log" "$@" > /dev/null 2>&1 || true
}
loaded "$tmp/help.log" netvcr --help
check "the class-data archive is used (ToolMain from the archive)" grep -q 'io.netvcr.cli.ToolMain source: shared objects file' "$tmp/help.log"
check "--help prints the cached page (no picocli model built)" sh -c "! grep -q 'picocli.CommandLine\$Model\$CommandSpec ' '$tmp/help.log'"
loaded "$tmp/version.log" netvcr-replay --version
loaded "$tmp/analyze.log" netvcr-analyze -q replayed.pcap
check "picocli's classes come from the archive (static dump)" grep -q 'picocli.CommandLine source: shared objects file' "$tmp/analyze.log"
# every one of them: a picocli class left out of the dump (as its handler interfaces once were, linked for a lambda)
# is looked up in picocli's jar, last on the class path, past every jar before it
check "no picocli class outside the archive on analyze" sh -c "! grep -q '^.*picocli\..* source: file:' '$tmp/analyze.log'"
# a cached help page (and the version lines printed without picocli) is what picocli prints itself
# (NETVCR_CDS=off: no archive, no cached pages, no launcher jar)
same_as_picocli() { cmp <("$@" 2>&1) <(NETVCR_CDS=off "$@" 2>&1); }
for cmd in netvcr "netvcr convert" netvcr-prep netvcr-replay "netvcr-analyze compare"; do
  # shellcheck disable=SC2086 # the command's words
  check "$cmd --help: the cached page is picocli's" same_as_picocli $cmd --help
done
check "netvcr-replay --version is picocli's" same_as_picocli netvcr-replay --version
# a run parses with the model the training run cached (ModelCache): no annotation read, so no proxy class made,
# and the same output and errors as from the annotations
check "netvcr-analyze parses from the cached model (no annotation proxies)" sh -c "! grep -q '__dynamic_proxy__' '$tmp/analyze.log'"
check "netvcr-analyze prints the same from the cached model" same_as_picocli netvcr-analyze replayed.pcap
check "a usage error reads the same from the cached model" same_as_picocli netvcr-analyze --top x replayed.pcap
check "an unknown option reads the same from the cached model" same_as_picocli netvcr-convert --bogus a b
check "netvcr analyze -V is picocli's" same_as_picocli netvcr analyze -V
for run in help version analyze; do
  heavy="$(grep -Eo ' (net\.openhft|org\.pcap4j|jnr\.(ffi|posix)|com\.kenai\.jffi)\.[A-Za-z0-9_.$]+' "$tmp/$run.log" | head -3 | tr '\n' ' ' || true)"
  if [ -z "$heavy" ]; then pass "$run loads no Chronicle/pcap4j/jnr class"; else fail "$run loads $heavy"; fi
done

if [ "$failures" -gt 0 ]; then
  echo "dist-check: $failures check(s) failed" >&2
  exit 1
fi
echo "dist-check: all checks passed"
