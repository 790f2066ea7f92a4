#!/usr/bin/env python3
"""Turns bench/run's raw results (one row per trial) into the markdown report: median [min–max] per cell."""
import argparse
import datetime
import json
import os
import platform
import statistics
from collections import OrderedDict


def parse_args():
    a = argparse.ArgumentParser()
    for k in ("results", "commands", "reps", "quick", "jmh", "nv", "argv", "ifs", "run"):
        a.add_argument("--" + k, default="")
    return a.parse_args()


def load(path):
    groups = OrderedDict()  # (case, group) -> OrderedDict(tool -> [trial])
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 6:
                continue
            case, group, tool, rep, status, kv = parts[:6]
            vals = {}
            for tok in kv.split():
                if "=" in tok:
                    k, v = tok.split("=", 1)
                    try:
                        vals[k] = float(v)
                    except ValueError:
                        pass
            groups.setdefault((case, group), OrderedDict()).setdefault(tool, []).append((status, vals))
    return groups


def spread(xs, fmt):
    xs = [x for x in xs if x is not None]
    if not xs:
        return "–"
    m = statistics.median(xs)
    if len(xs) == 1 or min(xs) == max(xs):
        return fmt(m)
    return f"{fmt(m)} [{fmt(min(xs))}–{fmt(max(xs))}]"


def status_of(trials):
    sts = [s for s, _ in trials]
    if all(s == "ok" for s in sts):
        return "ok"
    counts = OrderedDict()
    for s in sts:
        counts[s] = counts.get(s, 0) + 1
    return ", ".join(f"{n}× {s}" if len(sts) > 1 else s for s, n in counts.items())


def usable(trials):
    """Trials whose receiver saw something: ok runs, and timed-out runs (their partial figures are telling)."""
    return [v for s, v in trials if (s == "ok" or s.startswith("timeout")) and v]


def us(x):
    return f"{x / 1000:.1f}"


def f1(x):
    return f"{x:.1f}"


def f2(x):
    return f"{x:.2f}"


def f3(x):
    return f"{x:.3f}"


def cpu_pct(v):
    if "wall" in v and v["wall"] > 0:
        return (v.get("user", 0) + v.get("sys", 0)) / v["wall"] * 100
    return None


def last_minus_median(v):
    return v["eps_last"] - v["eps_p50"] if "eps_last" in v and "eps_p50" in v else None


def last_vs_p99(v):
    d = last_minus_median(v)
    if d is None or not v.get("adj_p99"):
        return None
    return abs(d) / v["adj_p99"]


def sending_thread_pct(v):
    """NetVCR: cpu.sendingThread (a fraction); a single-threaded C sender: its process CPU % from /usr/bin/time."""
    if "nv_thread_cpu" in v:
        return v["nv_thread_cpu"] * 100
    if "snd_sent" in v:
        return cpu_pct(v)
    return None


def g(key, scale=1.0):
    return lambda v: (v[key] * scale) if key in v else None


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


ANCHOR = "C timed (sleep, spin last 50 us)"


def vs_anchor(tools):
    """Case 2's goal: each NetVCR timer's receiver |ε − median| p99 over the C timed sender's, medians of one run."""
    def med(trials):
        xs = [v["adj_p99"] for v in usable(trials) if "adj_p99" in v]
        return statistics.median(xs) if xs else None
    c = med(tools.get(ANCHOR, []))
    if not c:
        return ""
    out = [f"{t}: {m / c:.2f}×" for t, trials in tools.items() if t.startswith("NetVCR") for m in [med(trials)] if m]
    return ("|ε−med| p99 over the C timed sender's (goal ≤ 1.1×): " + ", ".join(out)) if out else ""


def render(groups, case, cols, note_of=None):
    """cols: [(title, extractor(vals)->number|None, fmt)]; note_of(tools) -> a line under the group's table"""
    parts = []
    for (c, group), tools in groups.items():
        if c != case:
            continue
        rows = []
        for tool, trials in tools.items():
            st = status_of(trials)
            vs = usable(trials)
            if not vs:
                rows.append([tool, st if st.startswith("n/a") else "–"] + ["–" for _ in cols[1:]] + [st])
                continue
            rows.append([tool] + [spread([ex(v) for v in vs], fmt) for _, ex, fmt in cols] + [st])
        note = note_of(tools) if note_of else ""
        parts.append(f"**{group}**\n\n" + table(["tool"] + [t for t, _, _ in cols] + ["status"], rows)
                     + (f"\n\n{note}" if note else ""))
    return "\n\n".join(parts)


def commands(path, case):
    out = []
    if not path or not os.path.exists(path):
        return ""
    with open(path) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) == 4 and p[0] == case:
                out.append(f"- {p[1]} / {p[2]}: `{p[3]}`")
    return "\n".join(out)


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"nproc {os.cpu_count()}, kernel {platform.release()}, CPU {model}"


def main():
    a = parse_args()
    groups = load(a.results)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    md = [f"# NetVCR benchmark results{' (quick smoke run)' if a.quick == '1' else ''}", "",
          f"- Date: {now}", f"- Machine: {machine()}", f"- Command: `{a.argv.strip()}` ({a.reps} repetitions, tools alternating within each repetition)",
          f"- NetVCR commands available: {a.nv}", f"- Link: veth {a.ifs} (two private network namespaces)",
          f"- Raw per-trial results and logs: `{a.run}`",
          "- Cells: median [min–max] over the repetitions. Receiver = AF_PACKET TPACKET_V3 ring on the receiving veth end "
          "(bench/c/rxring.c), kernel receive timestamps. ε (receiver) = capture − first capture − scheduled offset; "
          "|ε − median| = the same with the constant offset removed. Last frame ε − med = last packet's ε − median ε. "
          "Sender CPU from /usr/bin/time (user+sys; for NetVCR it includes JVM start-up).",
          "- Caution: on a shared 2-vCPU VM the receive path of a veth runs on the sender's CPU and other jobs compete; "
          "compare only rows of one run.", ""]

    def case(num, title, cols, note="", note_of=None):
        body = render(groups, num, cols, note_of)
        if not body:
            return
        md.extend([f"## {num}. {title}", ""] + ([note, ""] if note else []) + [body, "", "Commands:", "", commands(a.commands, num), ""])

    case("1", "Top speed", [
        ("rx Mpps", g("pps", 1e-6), f3), ("rx Gbit/s", g("gbps"), f2), ("rx frames", g("rx_frames"), lambda x: f"{x:.0f}"),
        ("rx drops", g("kernel_drops"), lambda x: f"{x:.0f}"), ("sender CPU s", lambda v: v.get("user", 0) + v.get("sys", 0) if "wall" in v else None, f2),
        ("wall s", g("wall"), f2)],
        "Rates from the receiver's first to last frame timestamp; Gbit/s counts frame bytes (no preamble/FCS).")
    timed = [
        ("ε p50 µs", g("eps_p50"), us), ("ε p99 µs", g("eps_p99"), us), ("ε p99.9 µs", g("eps_p999"), us), ("ε max µs", g("eps_max"), us),
        ("|ε−med| p50 µs", g("adj_p50"), us), ("|ε−med| p99 µs", g("adj_p99"), us), ("|ε−med| p99.9 µs", g("adj_p999"), us),
        ("|ε−med| max µs", g("adj_max"), us), ("last frame ε − med µs", last_minus_median, us),
        ("last ÷ p99", last_vs_p99, f2),
        ("lost", g("lost"), lambda x: f"{x:.0f}"),
        ("own ε p50 µs", lambda v: v.get("nv_eps_p50", v.get("snd_own_p50_ns")), us),
        ("own ε p99 µs", lambda v: v.get("nv_eps_p99", v.get("snd_own_p99_ns")), us),
        ("CPU %", cpu_pct, f1), ("own CPU %", g("nv_cpu", 100), f1), ("own CPU (sending thread) %", sending_thread_pct, f1)]
    case("2", "Timed replay of periodic traces", timed,
         "\"own ε\" is the sender's own report (NetVCR --json epsilonNs; the C timed sender's send-call start − deadline); "
         "\"own CPU\" is NetVCR's cpu.utilization (CPU % above includes JVM start-up); \"own CPU (sending thread)\" is "
         "NetVCR's cpu.sendingThread, the sending thread's CPU over the replay loop's wall time (for the single-threaded "
         "C sender: its CPU %). \"last frame ε − med\" is the last frame's receiver ε minus the median ε (formerly "
         "\"drift\"); \"last ÷ p99\" is its size over |ε−med| p99: at most 1 means the last frame was as punctual "
         "as 99 % of the rest.", vs_anchor)
    case("3", "δ = 70 µs under background load", timed)
    case("4", "Cold cache", [
        ("|ε−med| p50 µs", g("adj_p50"), us), ("|ε−med| p99 µs", g("adj_p99"), us), ("|ε−med| max µs", g("adj_max"), us),
        ("last frame ε − med µs", last_minus_median, us), ("lost", g("lost"), lambda x: f"{x:.0f}"),
        ("peak RSS MB", g("rss_kb", 1 / 1024), f1), ("CPU %", cpu_pct, f1)],
        "The page cache is dropped before every trial (drop_caches + dd iflag=nocache).")
    for k in list(groups):
        if k[0] == "5" and k[1].startswith("start-up"):
            groups[("5s", k[1])] = groups.pop(k)
    case("5", "Tools", [("MB/s", g("mbps"), f1), ("peak RSS MB", g("rss_kb", 1 / 1024), f1), ("wall s", g("wall"), f2),
                        ("CPU s", lambda v: v.get("user", 0) + v.get("sys", 0), f2)],
         "Warm page cache; MB/s = input bytes / wall time.")
    body = render(groups, "5s", [("median ms", g("startup_ms"), f1), ("min ms", g("startup_min_ms"), f1), ("max ms", g("startup_max_ms"), f1)])
    if body:
        md.extend(["### Start-up latency (`--help`, hyperfine)", "", body, ""])
    if a.jmh and os.path.exists(a.jmh):
        with open(a.jmh) as f:
            res = json.load(f)
        rows = []
        for r in res:
            pm = r.get("primaryMetric", {})
            params = ",".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
            rows.append([r["benchmark"].replace("io.netvcr.bench.", "") + (f" ({params})" if params else ""), r.get("mode", ""),
                         f"{pm.get('score', 0):.3f} ± {pm.get('scoreError', 0):.3f}" if isinstance(pm.get('scoreError'), (int, float)) else f"{pm.get('score', 0):.3f}",
                         pm.get("scoreUnit", "")])
        md.extend(["## 6. JMH microbenchmarks", "", table(["benchmark", "mode", "score", "unit"], rows), "", "Commands:", "", commands(a.commands, "6"), ""])
    print("\n".join(md))


if __name__ == "__main__":
    main()
