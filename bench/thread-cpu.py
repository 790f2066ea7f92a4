#!/usr/bin/env python3
"""CPU seconds per JVM thread of one run: where a Spark run's CPU goes (task thread, JIT, GC, the rest).

    bench/thread-cpu.py OUT.json bin/netvcr-analyze -q --json --engine spark --master 'local[1]' a.nvcr b.nvcr
    bench/thread-cpu.py - bin/netvcr-analyze ...        # stdout of the run discarded

Runs the command (stdout to OUT.json, or discarded for -), polls /proc/<pid>/task/*/stat every 0.1 s and keeps
each thread's last user + sys time. Prints one line of totals by kind (task: Spark's "Executor task launch
worker" threads; C2, C1: the JIT's compiler threads; gc/vm: GC threads, the VM thread and its periodic task;
other: everything else, the main thread among them; unsampled: the process's total from getrusage minus the
threads' sum: the launcher script, threads that ended between polls, the last poll's tail), the task share and
2 x task / total (with two cores, a bound on the local[1] -> local[2] scaling if only the task thread's work
splits in two), then the threads by name. CPU seconds suit a loaded machine better than walls, though two
runs of a busy machine still differ by 10-15 %. Linux only (/proc). Run `bin/netvcr-analyze --engine spark
--version` once after a build first: the first Spark run makes the engine's class-data archive (~20 s of CPU,
which would count as unsampled here). With --debug in the command, Spark's
per-stage lines (stderr) are printed too.
"""
import os
import re
import resource
import subprocess
import sys
import time

if len(sys.argv) < 3:
    sys.exit(__doc__)
tck = os.sysconf("SC_CLK_TCK")
out = subprocess.DEVNULL if sys.argv[1] == "-" else open(sys.argv[1], "w")
cmd = sys.argv[2:]
p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
last = {}  # tid -> (name, cpu seconds)


def sample():
    try:
        tids = os.listdir(f"/proc/{p.pid}/task")
    except FileNotFoundError:
        return
    for t in tids:
        try:
            s = open(f"/proc/{p.pid}/task/{t}/stat").read()
        except (FileNotFoundError, ProcessLookupError):
            continue
        name = s[s.index("(") + 1 : s.rindex(")")]
        f = s[s.rindex(")") + 2 :].split()
        last[t] = (name, (int(f[11]) + int(f[12])) / tck)


# the launcher is a bash script that execs java: the pid stays the same
t0 = time.time()
while p.poll() is None:
    sample()
    time.sleep(0.1)
err = p.stderr.read().decode(errors="replace")
wall = time.time() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
total = ru.ru_utime + ru.ru_stime


def kind(name):
    if name.startswith("Executor task"):
        return "task"
    if name.startswith("C2 Compiler"):
        return "C2"
    if name.startswith("C1 Compiler"):
        return "C1"
    if name.startswith(("GC Thread", "VM Thread", "VM Periodic", "G1")):
        return "gc/vm"
    return "other"


kinds, names = {}, {}
for name, v in last.values():
    kinds[kind(name)] = kinds.get(kind(name), 0) + v
    n = re.sub(r"[#\-]?\d+$", "", name)  # thread names are cut to 15 characters by the kernel
    names[n] = names.get(n, 0) + v
kinds["unsampled"] = total - sum(kinds.values())
task = kinds.get("task", 0)
print(
    f"rc={p.returncode} wall={wall:.1f} total_cpu={total:.2f} "
    + " ".join(f"{k}={v:.2f}" for k, v in sorted(kinds.items()))
    + (f" task_share={task / total:.3f} bound={2 * task / total:.2f}" if total > 0 else "")
)
print("  threads: " + ", ".join(f"{k}={v:.2f}" for k, v in sorted(names.items(), key=lambda x: -x[1]) if v >= 0.05))
if p.returncode:
    print(err[-3000:], file=sys.stderr)
elif "--debug" in cmd:
    print("\n".join(line for line in err.splitlines() if line.startswith("spark:")))
sys.exit(p.returncode)
