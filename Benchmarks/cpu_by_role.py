#!/usr/bin/env python3
"""Where a scoring run's CPU goes, by process role: a system-wide profile, classified.

Scores ENAMEL's 142 problems with the humaneval-canonical samples at 6 repetitions (as the
throughput benchmark does, two workers) under `perf record -a -g`, then sorts every sample
by the process it hit and what that process was doing:

- role: a call's child (a process forked by a runner), a runner serving calls (once it has
  forked its first child), a Python process before its first fork (a runner starting and
  loading, or a judge, which never forks), Brisk's own threads (the harness), brisk-launch
  (the sandboxes' supervisors), anything else;
- activity: user code, or in the kernel a copy-on-write fault, another page fault, process
  exit, fork, or any other system call.

The run's CPU time (user + system, from the kernel's accounting of Brisk and everything it
started) is split in those shares and divided by the calls the run measured. Needs `perf`
(Debian: linux-perf); without hardware counters it samples the CPU clock, which is enough.

    python3.11 Benchmarks/cpu_by_role.py [--frequency 1000] [--no-record]
"""
import argparse
import collections
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import brisk, build, DATA, fresh_database, import_enamel, latest_run  # noqa: E402
from record import publish  # noqa: E402

FORK = re.compile(r"PERF_RECORD_FORK\((\d+):\d+\):\((\d+):\d+\)")
COMM = re.compile(r"PERF_RECORD_COMM(?: exec)?: (.+?):(\d+)/")
ROLES = {"child": "a call's child", "runner": "runners, serving calls",
         "start": "runners starting, and judges", "harness": "Brisk (harness)",
         "launcher": "brisk-launch (supervisors)", "other": "other"}


def activity(frames):
    """What a sample's process was doing, from its call chain (innermost first)."""
    if not frames or "[kernel.kallsyms]" not in frames[0]:
        return "user"
    chain = " ".join(frames)
    if "exc_page_fault" in chain:
        return "copy-on-write fault" if "do_wp_page" in chain else "other page fault"
    if "do_exit" in chain or "exit_mmap" in chain:
        return "exit"
    if "copy_process" in chain:
        return "fork"
    return "other kernel"


def classify(script_output):
    """Samples counted by (role, activity), from `perf script --show-task-events` output."""
    parent, name, forked = {}, {}, set()
    counts = collections.Counter()

    def role(comm, pid):
        if comm == "python3.11":
            if name.get(parent.get(pid)) == "python3.11":
                return "child"
            return "runner" if pid in forked else "start"
        if comm == "brisk-launch":
            return "launcher"
        if comm == "brisk" or "qos" in comm or comm.startswith("brisk"):
            return "harness"
        return "other"

    head, frames = None, []
    for line in script_output:
        if "PERF_RECORD_" in line:
            fork, comm = FORK.search(line), COMM.search(line)
            if fork:
                child, forker = int(fork.group(1)), int(fork.group(2))
                parent[child] = forker
                forked.add(forker)
                name[child] = name.get(forker)
            elif comm:
                name[int(comm.group(2))] = comm.group(1)
        elif line.startswith("\t"):
            frames.append(line.strip())
        elif line.strip():
            head = line.rsplit(None, 1)  # "comm pid": a comm may hold spaces
            frames = []
        elif head is not None:
            comm, pid = head[0].strip(), int(head[1])
            counts[(role(comm, pid), activity(frames))] += 1
            head = None
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frequency", type=int, default=1000, help="perf samples a second")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    if shutil.which("perf") is None:
        sys.exit("cpu_by_role.py needs perf (Debian: apt-get install linux-perf)")
    binary = build()
    problems = import_enamel(binary)
    samples = os.path.join(DATA, "enamel", "humaneval-canonical.json")
    database = fresh_database("cpu_by_role.sqlite")
    common = ["--problems", problems, "--db", database, "--skip-unknown", "--jobs", "2"]
    brisk(binary, "score", samples, *common, "--model", "tests")  # makes the test sets
    with tempfile.TemporaryDirectory() as scratch:
        data = os.path.join(scratch, "perf.data")
        perf = subprocess.Popen(["perf", "record", "-a", "-g", "-F", str(args.frequency), "-o",
                                 data], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)  # perf is recording
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, _ = brisk(binary, "score", samples, *common, "--fresh", "--repetitions", "6",
                        "--model", "profiled")
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        perf.send_signal(2)
        perf.wait()
        script = subprocess.Popen(["perf", "script", "-i", data, "--show-task-events", "-F",
                                   "comm,pid,ip,sym,dso"], stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True, errors="replace")
        counts = classify(script.stdout)
        script.wait()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with sqlite3.connect(database) as db:
        (calls, measured), = db.execute(
            """SELECT count(*), sum(m.wall_seconds) FROM measurement m
               JOIN evaluation e ON e.id = m.evaluation_id
               JOIN run r ON r.configuration_key = e.configuration_key
                 AND r.machine_id = e.machine_id
               JOIN sample s ON s.run_id = r.id AND s.code_sha256 = e.code_sha256
               WHERE r.id = ?""", (latest_run(database),)).fetchall()
    total = sum(counts.values())
    by_role = collections.Counter()
    for (role, _), count in counts.items():
        by_role[role] += count

    def row(label, count):
        share = count / total
        return (f"| {label} | {100 * share:.1f}% | {share * cpu:.1f} | "
                f"{1000 * share * cpu / calls:.3f} |")

    lines = [
        f"One run at 6 repetitions, 2 workers: {wall:.1f} s wall, {cpu:.1f} s of CPU (user + "
        f"system, Brisk and every process it started), {calls:,} measured calls, "
        f"{measured:.1f} s inside their timed windows; {total:,} perf samples at "
        f"{args.frequency} Hz on all CPUs. A share of the samples is taken as that share of "
        "the run's CPU.", "",
        "| role | share | CPU (s) | CPU per call (ms) |", "|---|---|---|---|"]
    for role, count in by_role.most_common():
        lines.append(row(ROLES[role], count))
    lines += ["", "By activity (roles above 1% of the samples):", "",
              "| role | activity | share | CPU (s) | CPU per call (ms) |", "|---|---|---|---|---|"]
    for (role, kind), count in counts.most_common():
        if by_role[role] / total >= 0.01 and count / total >= 0.002:
            lines.append(row(f"{ROLES[role]} | {kind}", count))
    lines += ["", "A child's user time and part of its faults are the timed calls themselves; "
              "the rest of a child's life (fork return, setup, warm-up, exit) and every other "
              "role is the overhead one process per call brings (see \"Fork anatomy\")."]
    publish("CPU by process role", f"python3.11 Benchmarks/cpu_by_role.py --frequency "
            f"{args.frequency}", lines, record=not args.no_record)


if __name__ == "__main__":
    main()
