#!/usr/bin/env python3
"""Per-run cost of confinement: plain fork+exec vs brisk-launch vs bubblewrap.

Times N runs each of a trivial C program and of `python3.11 -c pass`, interleaved (every
round runs each method once, in rotating order) so that the host's slow drift hits all
methods alike. Prints medians and ratios and records them in BENCHMARKS.md.

    python3.11 Benchmarks/sandbox_overhead.py [--runs 200] [--no-record]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from record import publish  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build_launcher():
    subprocess.run(["swift", "build", "-c", "release", "--product", "brisk-launch"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                          check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "brisk-launch")


def build_trivial(directory):
    source = os.path.join(directory, "trivial.c")
    binary = os.path.join(directory, "trivial")
    with open(source, "w") as f:
        f.write("int main(void) { return 0; }\n")
    subprocess.run(["cc", "-O2", "-o", binary, source], check=True)
    os.chmod(directory, 0o755)
    return binary


def time_run(argv, extra_fds=()):
    """Wall time of spawn-to-reap, as the harness sees it."""
    devnull = os.open(os.devnull, os.O_RDWR)
    start = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, {"PATH": "/usr/bin:/bin"},
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 0),
                                       (os.POSIX_SPAWN_DUP2, devnull, 1),
                                       (os.POSIX_SPAWN_DUP2, devnull, 2)]
                         + [(os.POSIX_SPAWN_DUP2, fd, 3) for fd in extra_fds])
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter_ns() - start
    os.close(devnull)
    if status != 0:
        raise SystemExit(f"{argv} failed with status {status}")
    return elapsed / 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()

    launcher = build_launcher()
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SystemExit("bwrap not found: apt-get install bubblewrap")
    with tempfile.TemporaryDirectory(prefix="brisk-bench-") as directory:
        trivial = build_trivial(directory)
        programs = {
            "trivial C program": ([trivial], "native"),
            "python3.11 -c pass": (["/usr/bin/python3.11", "-c", "pass"], "python"),
        }
        report_path = os.path.join(directory, "report.json")

        def brisk(argv, policy):
            return [launcher, "--policy", policy, "--cpu-ms", "10000", "--wall-ms", "20000",
                    "--memory-bytes", str(1 << 30), "--"] + argv

        def bubblewrap(argv, policy):
            return [bwrap, "--unshare-all", "--ro-bind", "/", "/", "--dev", "/dev",
                    "--proc", "/proc"] + argv

        methods = {"plain fork+exec": lambda argv, policy: argv, "brisk-launch": brisk,
                   "bwrap": bubblewrap}
        samples = {(p, m): [] for p in programs for m in methods}
        order = list(methods)
        for round_index in range(args.runs):
            order = order[1:] + order[:1]
            for program, (argv, policy) in programs.items():
                for method in order:
                    report = os.open(report_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                    try:
                        samples[(program, method)].append(
                            time_run(methods[method](argv, policy),
                                     (report,) if method == "brisk-launch" else ()))
                    finally:
                        os.close(report)

    lines = [f"Medians of {args.runs} interleaved runs, wall time from spawn to reap "
             "(milliseconds):", "",
             "| program | plain fork+exec | brisk-launch | bwrap | brisk / bwrap | brisk / plain |",
             "|---|---|---|---|---|---|"]
    for program in programs:
        m = {method: statistics.median(samples[(program, method)]) for method in methods}
        lines.append(f"| {program} | {m['plain fork+exec']:.2f} | {m['brisk-launch']:.2f} | "
                     f"{m['bwrap']:.2f} | {m['brisk-launch'] / m['bwrap']:.2f} | "
                     f"{m['brisk-launch'] / m['plain fork+exec']:.2f} |")
    lines += ["", "brisk-launch here is full isolation: user, PID, network, mount, IPC and UTS "
              "namespaces, a private root with /usr read-only, seccomp with a supervisor, "
              "rlimits, output capture and a JSON report. bwrap: `bwrap --unshare-all "
              "--ro-bind / / --dev /dev --proc /proc` (no seccomp, no limits)."]
    publish("Sandbox: per-run cost",
                       "python3.11 Benchmarks/sandbox_overhead.py --runs " + str(args.runs), lines,
            record=not args.no_record)


if __name__ == "__main__":
    main()
