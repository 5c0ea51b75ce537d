#!/usr/bin/env python3
"""The runner's own cost per call: Sandbox/Runner/brisk_runner.py driven directly.

Starts the runner as Brisk does (`python3.11 -S -B`, a scratch directory of its own) but
outside the sandbox, which adds nothing per call (see "Sandbox: per-run cost"), loads a
solution, and measures the same call many times: the round trip of each request, the runner's
own report of fork-to-ready time (the child's setup), and the CPU time charged to the call.
Two inputs: two small integers, and a list of 30,000 integers (whose pages every child must
copy before its clock starts). Records the medians in BENCHMARKS.md.

    python3.11 Benchmarks/runner_call.py [--calls 1000] [--no-record]
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNNER = os.path.join(ROOT, "Sandbox", "Runner")
sys.dont_write_bytecode = True  # no __pycache__ among the package's resources
sys.path.insert(0, RUNNER)
sys.path.insert(0, os.path.dirname(__file__))
import brisk_protocol as protocol  # noqa: E402
import brisk_values as values  # noqa: E402
from record import publish  # noqa: E402

SOLUTION = b"import math\ndef f(a, b=None):\n    return math.gcd(a, b) if b is not None else len(a)\n"
INTERPRETER = "/usr/bin/python3.11" if os.path.exists("/usr/bin/python3.11") else "python3.11"


def pin():
    """One CPU for the runner and its children, as Brisk's sandbox pins a worker's runners:
    a child woken on another CPU than the one it was forked on starts with colder caches."""
    os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})


def measure(arguments, calls):
    with tempfile.TemporaryDirectory() as scratch, tempfile.TemporaryDirectory() as built:
        # The runner's C loop, built by the interpreter that runs it, as Brisk builds it.
        subprocess.run([INTERPRETER, "-S", os.path.join(RUNNER, "brisk_build.py"), RUNNER, built],
                       check=True)
        runner = subprocess.Popen(
            [INTERPRETER, "-S", "-B", os.path.join(RUNNER, "brisk_runner.py"),
             f"--scratch={scratch}"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            preexec_fn=pin, env={**os.environ, "PYTHONPATH": built})
        write, read = runner.stdin.fileno(), runner.stdout.fileno()
        protocol.write_frame(write, {"op": "load", "solution": "s", "entry": "f"}, SOLUTION)
        if not protocol.read_frame(read)[0].get("ok"):
            sys.exit("the runner did not load the solution")
        payload = values.encode(arguments)
        round_trips, setups, charged = [], [], []
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        for index in range(calls):
            start = time.monotonic_ns()
            protocol.write_frame(write, {"op": "run", "solution": "s", "cpu_ms": 2000,
                                         "wall_ms": 4000, "same_input": index > 0},
                                 b"" if index else payload)
            reply, _ = protocol.read_frame(read)
            round_trips.append(time.monotonic_ns() - start)
            if reply.get("frame") != "O":
                sys.exit(f"the call did not return: {reply}")
            setups.append(reply["setup_ns"])
            charged.append(reply["cpu_ns"])
        protocol.write_frame(write, {"op": "quit"})
        runner.wait(timeout=10)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) / calls
    return (statistics.median(round_trips) / 1e6, statistics.median(setups) / 1e6,
            statistics.median(charged) / 1e6, cpu * 1e3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    lines = [
        f"Medians over {args.calls} calls of one solution (`math.gcd`, or `len` of the list), "
        "the runner outside the sandbox, pinned to one CPU as Brisk pins a worker's runners. "
        "Round trip: request written to reply read. Setup: the runner's fork to the child's "
        "ready. Charged: the CPU time of the call. CPU: the runner's and its children's CPU per "
        "call (user + system).", "",
        "| input | round trip (ms) | setup (ms) | charged (ms) | CPU per call (ms) |",
        "|---|---|---|---|---|"]
    for label, arguments in [("two integers", [12, 18]),
                             ("30,000-integer list", [list(range(30000))])]:
        trip, setup, charged, cpu = measure(arguments, args.calls)
        lines.append(f"| {label} | {trip:.2f} | {setup:.2f} | {charged:.3f} | {cpu:.2f} |")
    publish("Runner: per-call cost", f"python3.11 Benchmarks/runner_call.py --calls {args.calls}",
            lines, record=not args.no_record)


if __name__ == "__main__":
    main()
