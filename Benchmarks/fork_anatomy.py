#!/usr/bin/env python3
"""What one fresh process per call costs, phase by phase, outside Brisk.

Brisk measures every call in a child forked from a runner (Sandbox/Runner/brisk_runner.py),
so that nothing a sample does can carry over to its next repetition. This script measures
the price of that guarantee on this machine, with the runner's own child setup (`touch`,
`warm_up`), pinned to one CPU as Brisk's workers are:

1. a child's life by phase: fork, the child's first line, descriptors, signal mask and
   limits, touching the input, the warm-up, and its exit until it is reaped;
2. fork and exit against the parent's anonymous memory (the runner's is 3-7 MB);
3. the same work timed in a fresh child and in a process that has already run it once (the
   window of a forked call pays page faults and cold caches a warm process does not);
4. one page fault's cost: copy-on-write, a fresh page, and both populated in one
   madvise(MADV_POPULATE_WRITE).

    python3.11 Benchmarks/fork_anatomy.py [--calls 400] [--no-record]
"""
import mmap
import os
import resource
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INTERPRETER = "/usr/bin/python3.11" if os.path.exists("/usr/bin/python3.11") else "python3.11"
MEASURING = "--measure" in sys.argv
sys.dont_write_bytecode = True
if MEASURING:
    # As lean as a runner: the interpreter started with -S and the runner's own modules, so
    # that every fork copies about as much memory as a runner's does.
    sys.path.insert(0, os.path.join(ROOT, "Sandbox", "Runner"))
    sys.argv.append("--scratch=/nonexistent")  # the runner module then creates no directory
    import brisk_runner as runner  # noqa: E402
    sys.argv.pop()

now = time.perf_counter_ns
SOURCE = "import math\ndef f(a, b):\n    return math.gcd(a, b)\n"
SOLUTION = runner.Solution(compile(SOURCE, "solution", "exec"), "f") if MEASURING else None
PAGE = mmap.PAGESIZE
MADV_POPULATE_WRITE = 23  # Linux 5.14


def child_phases(arguments):
    """Microseconds of each phase of one child's life, the runner's setup steps in order."""
    marks_r, marks_w = os.pipe()
    started = now()
    pid = os.fork()
    if pid == 0:
        marks = [now()]
        null = os.open("/dev/null", os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.closerange(3, marks_w)
        os.closerange(marks_w + 1, 1 << 16)
        marks.append(now())
        runner.signal.pthread_sigmask(runner.signal.SIG_SETMASK, [])
        resource.setrlimit(resource.RLIMIT_AS, (1 << 32, 1 << 32))
        resource.setrlimit(resource.RLIMIT_CPU, (60, 61))
        marks.append(now())
        runner.touch(arguments)
        marks.append(now())
        runner.warm_up(SOLUTION, arguments)
        marks.append(now())
        os.write(marks_w, b"".join(mark.to_bytes(8, "little") for mark in marks))
        os._exit(0)
    forked = now()
    data = os.read(marks_r, 40)
    os.waitpid(pid, 0)
    reaped = now()
    os.close(marks_r)
    os.close(marks_w)
    marks = [int.from_bytes(data[i:i + 8], "little") for i in range(0, 40, 8)]
    points = [started, forked, *marks, reaped]
    # The child runs once the parent blocks: its first line comes after the parent's fork.
    return [(points[1] - points[0])] + [points[i + 1] - points[i] for i in range(2, 6)] + [
        points[2] - points[1], points[7] - points[6]]


def tiny_call(warm):
    """Microseconds of the runner's warm-up and of the timed window (wall, CPU) of a tiny call
    (the charged path: module code, the call, the encoding), with or without the warm-up."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        arguments = [12, 18]
        runner.touch(arguments)
        start = now()
        if warm:
            runner.warm_up(SOLUTION, arguments)
        warmed, cpu = now(), time.process_time_ns()
        namespace = {"__name__": "solution", "__builtins__": runner.builtins}
        exec(SOLUTION.code, namespace)
        runner._encode(namespace[SOLUTION.entry](*arguments))
        cpu, done = time.process_time_ns() - cpu, now()
        figures = (warmed - start, done - warmed, cpu)
        os.write(write, b"".join(x.to_bytes(8, "little") for x in figures))
        os._exit(0)
    data = os.read(read, 24)
    os.waitpid(pid, 0)
    os.close(read)
    os.close(write)
    return [int.from_bytes(data[i:i + 8], "little") / 1000 for i in (0, 8, 16)]


def fork_and_exit(calls):
    """Median microseconds of the parent's fork() and of the child's exit until reaped."""
    forks, exits = [], []
    for _ in range(calls):
        start = now()
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        forked = now()
        os.waitpid(pid, 0)
        forks.append(forked - start)
        exits.append(now() - forked)
    return median(forks) / 1000, median(exits) / 1000


def anonymous_kb():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("RssAnon"))


def work(n):
    return sum(len(str(i)) for i in [i * 3 for i in range(n)])


def cold_and_warm(n, calls):
    """Median CPU microseconds of work(n) in a fresh child, and in this process once warm."""
    cold = []
    for _ in range(calls):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            start = time.process_time_ns()
            work(n)
            os.write(write, (time.process_time_ns() - start).to_bytes(8, "little"))
            os._exit(0)
        cold.append(int.from_bytes(os.read(read, 8), "little"))
        os.waitpid(pid, 0)
        os.close(read)
        os.close(write)
    work(n)
    warm = []
    for _ in range(calls):
        start = time.process_time_ns()
        work(n)
        warm.append(time.process_time_ns() - start)
    return median(cold) / 1000, median(warm) / 1000


def fault_cost(region, pages, populate, calls):
    """Median microseconds per page for a child to write one byte in each page of region."""
    results = []
    for _ in range(calls):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            start = now()
            if populate:
                region.madvise(MADV_POPULATE_WRITE, 0, pages * PAGE)
            for page in range(pages):
                region[page * PAGE] = 2
            os.write(write, (now() - start).to_bytes(8, "little"))
            os._exit(0)
        results.append(int.from_bytes(os.read(read, 8), "little"))
        os.waitpid(pid, 0)
        os.close(read)
        os.close(write)
    return median(results) / 1000 / pages


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def measure(calls):
    """Every figure, measured in this (lean) process pinned to one CPU."""
    os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    figures = {"runner_kb": anonymous_kb(), "phases": {}, "memory": [], "work": [], "faults": [],
               "warm_up": {}}
    for label, arguments in [("two integers", [12, 18]),
                             ("30,000-integer list", [list(range(30000))])]:
        runs = [child_phases(arguments) for _ in range(calls)]
        figures["phases"][label] = [median(run[i] for run in runs) / 1000 for i in range(7)] + [
            median(sum(run) for run in runs) / 1000]
    for warm in (True, False):
        runs = [tiny_call(warm) for _ in range(calls)]
        figures["warm_up"][warm] = [median(run[i] for run in runs) for i in range(3)]
    ballast = []
    for megabytes in (0, 2, 4, 8, 16):
        if megabytes:
            held = sum(map(len, ballast)) >> 20
            ballast.append(bytearray(b"x" * ((megabytes - held) << 20)))
        figures["memory"].append([anonymous_kb(), *fork_and_exit(calls)])
    ballast.clear()
    for n in (1000, 20000, 300000):
        figures["work"].append([n, *cold_and_warm(n, calls if n < 100000 else max(calls // 20, 5))])
    pages = 1000
    inherited = mmap.mmap(-1, pages * PAGE)
    for page in range(pages):
        inherited[page * PAGE] = 1
    untouched = mmap.mmap(-1, pages * PAGE)
    for label, region in [("copy-on-write (the parent's)", inherited),
                          ("fresh (never touched)", untouched)]:
        figures["faults"].append([label, fault_cost(region, pages, False, max(calls // 4, 5)),
                                  fault_cost(region, pages, True, max(calls // 4, 5))])
    return figures


def main():
    import argparse
    import ast
    import subprocess
    sys.path.insert(0, os.path.dirname(__file__))
    from record import publish
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    result = subprocess.run([INTERPRETER, "-S", "-B", os.path.abspath(__file__), "--measure",
                             str(args.calls)], capture_output=True, text=True, check=True)
    figures = ast.literal_eval(result.stdout)

    lines = [
        f"Outside the sandbox (which adds nothing per call: \"Sandbox: per-run cost\"), in "
        f"`{INTERPRETER} -S` with the runner's modules loaded ({figures['runner_kb']} kB of "
        f"anonymous memory; a runner in a real run holds 3-7 MB), pinned to one CPU; medians "
        f"over {args.calls} children.", "",
        "A child's life, with the runner's own setup steps (microseconds):", "",
        "| input | fork (parent) | to the child's first line | descriptors | mask, limits "
        "| touch input | warm-up | exit until reaped | total |",
        "|---|---|---|---|---|---|---|---|---|"]
    for label, phases in figures["phases"].items():
        fork, descriptors, limits, touch, warm, first, exit_, total = phases
        lines.append(f"| {label} | {fork:.0f} | {first:.0f} | {descriptors:.0f} | {limits:.0f} "
                     f"| {touch:.0f} | {warm:.0f} | {exit_:.0f} | {total:.0f} |")
    lines += ["", "The runner's warm-up before the clock, and a tiny call's timed window "
              "(`math.gcd`; microseconds):", "",
              "| | warm-up | window (wall) | window (CPU) | warm-up + window |",
              "|---|---|---|---|---|"]
    for warm, label in [(True, "with the warm-up (Brisk)"), (False, "without")]:
        spent, wall, cpu = figures["warm_up"][warm]
        lines.append(f"| {label} | {spent:.0f} | {wall:.0f} | {cpu:.0f} | {spent + wall:.0f} |")
    lines += ["", "Fork and exit against the parent's anonymous memory (microseconds):", "",
              "| parent's anonymous memory (kB) | fork (parent) | exit until reaped |",
              "|---|---|---|"]
    for kilobytes, fork, exit_ in figures["memory"]:
        lines.append(f"| {kilobytes} | {fork:.0f} | {exit_:.0f} |")
    lines += ["", "The same work (`sum(len(str(i)) for i in [i * 3 for i in range(n)])`), CPU "
              "time in a fresh child against a process that has run it before (microseconds):",
              "", "| n | fresh child | warm process | fresh / warm |", "|---|---|---|---|"]
    for n, cold, warm in figures["work"]:
        lines.append(f"| {n:,} | {cold:.0f} | {warm:.0f} | {cold / warm:.2f} |")
    lines += ["", "One page fault in a forked child (1000 pages written, microseconds a page):",
              "", "| page | one fault at a time | populated in one madvise |", "|---|---|---|"]
    for label, single, batched in figures["faults"]:
        lines.append(f"| {label} | {single:.2f} | {batched:.2f} |")
    publish("Fork anatomy: what one process per call costs",
            f"python3.11 Benchmarks/fork_anatomy.py --calls {args.calls}", lines,
            record=not args.no_record)


if __name__ == "__main__":
    if MEASURING:
        print(repr(measure(int(sys.argv[sys.argv.index("--measure") + 1]))))
    else:
        main()
