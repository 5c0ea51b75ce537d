#!/usr/bin/env python3
"""Throughput and overhead: Brisk against ENAMEL's own evaluator, side by side.

Scores ENAMEL's 142 problems with the humaneval-canonical samples in Brisk (sandboxed, two
workers) and with ENAMEL's evaluator (PyPI `enam` 0.2.0 with numpy, pandas and tqdm, in a
virtual environment this script creates; its demo's defaults), one after the other. Each round
runs Brisk with its adaptive repetitions, Brisk with exactly 6 repetitions per stress test as
ENAMEL does, then ENAMEL (two rounds by default: the host drifts by several percent between
runs, so a ratio is taken within a round). Reports wall times and ratios, and Brisk's
overhead: the share of worker time spent outside the measured calls (expert and sample).
Records the figures in BENCHMARKS.md.

    python3.11 Benchmarks/throughput.py [--rounds 2] [--no-record]
"""
import argparse
import json
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import (brisk, build, DATA, fresh_database, import_enamel, latest_run, metric,  # noqa: E402
                    WORK)
from record import publish  # noqa: E402

VENV = os.path.join(WORK, "enamel-venv")


def enamel_python():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.run(["python3.11", "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "enam==0.2.0", "numpy", "pandas",
                        "tqdm"], check=True)
    return python


def run_enamel(samples):
    result = subprocess.run(
        [enamel_python(), os.path.join(os.path.dirname(__file__), "enamel_driver.py"),
         os.path.join(DATA, "enamel", "enamel.csv"), samples],
        capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def overhead(database, run, wall, workers):
    """Share of worker time outside the measured calls of a run."""
    with sqlite3.connect(database) as db:
        (measured,) = db.execute(
            """SELECT sum(m.wall_seconds) FROM measurement m
               JOIN evaluation e ON e.id = m.evaluation_id
               JOIN run r ON r.configuration_key = e.configuration_key AND r.machine_id = e.machine_id
               JOIN sample s ON s.run_id = r.id AND s.code_sha256 = e.code_sha256
               WHERE r.id = ?""", (run,)).fetchone()
    return 1 - (measured or 0) / (wall * workers), measured or 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2,
                        help="rounds of (adaptive, 6 repetitions, ENAMEL), one after the other: "
                             "the host drifts by several percent between runs")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    binary = build()
    problems = import_enamel(binary)
    samples = os.path.join(DATA, "enamel", "humaneval-canonical.json")
    database = fresh_database("throughput.sqlite")

    common = ["--problems", problems, "--db", database, "--skip-unknown", "--k", "1,10,100",
              "--jobs", str(args.jobs)]
    first, _ = brisk(binary, "score", samples, *common, "--model", "brisk-first")
    labels = [("adaptive", []), ("6 repetitions", ["--repetitions", "6"])]
    rows = {label: [] for label, _ in labels}
    enamels = []
    for round_ in range(args.rounds):
        for label, extra in labels:
            wall, _ = brisk(binary, "score", samples, *common, "--fresh", "--model",
                            f"{label} {round_ + 1}", *extra)
            run = latest_run(database)
            share, measured = overhead(database, run, wall, args.jobs)
            rows[label].append((wall, metric(database, run, "pass", 1),
                                metric(database, run, "eff", 1), share, measured))
            print(f"round {round_ + 1}, brisk {label}: {wall:.1f} s, overhead {share:.1%}",
                  flush=True)
        enamels.append(run_enamel(samples))
        print(f"round {round_ + 1}, enamel: generation {enamels[-1]['generation_s']:.1f} s, "
              f"evaluation {enamels[-1]['evaluation_s']:.1f} s", flush=True)

    def joined(values, digits=1):
        return " / ".join(f"{v:.{digits}f}" for v in values)

    enamel_walls = [e["evaluation_s"] for e in enamels]
    enamel_metrics = enamels[-1]["metrics"]
    lines = [
        f"ENAMEL's 142 problems, humaneval-canonical samples (one per problem). Brisk: "
        f"{args.jobs} workers, every call sandboxed, the expert re-measured interleaved with each "
        f"sample. ENAMEL: `enam` 0.2.0, its demo's defaults (6 repetitions, no sandbox, one "
        f"process). {args.rounds} rounds, each Brisk adaptive, Brisk at 6 repetitions, then "
        f"ENAMEL; a ratio is Brisk's wall time over ENAMEL's evaluation in the same round "
        f"(figures per round, separated by /; the mean last).", "",
        "| evaluator | wall (s) | ratio to ENAMEL's evaluation | pass@1 | eff@1 | overhead |",
        "|---|---|---|---|---|---|",
    ]
    for label, results in rows.items():
        walls = [r[0] for r in results]
        ratios = [w / e for w, e in zip(walls, enamel_walls)]
        lines.append(
            f"| Brisk, {label} | {joined(walls)} | {joined(ratios, 2)}; mean "
            f"{sum(ratios) / len(ratios):.2f} | {joined([r[1] for r in results], 4)} | "
            f"{joined([r[2] for r in results], 4)} | "
            f"{' / '.join(f'{r[3]:.1%}' for r in results)} |")
    lines.append(f"| ENAMEL's evaluator | {joined(enamel_walls)} | 1.00 | "
                 f"{enamel_metrics.get('pass@1', 0):.4f} | {enamel_metrics.get('eff@1', 0):.4f} | "
                 f"63% (its own profile, measurement notes) |")
    lines += [
        "",
        f"Test generation: Brisk's first run (generating and storing the tests, computing the "
        f"answers, then scoring) took {first:.1f} s; ENAMEL's `make_tests` took "
        f"{joined([e['generation_s'] for e in enamels])} s. Brisk generates each problem's tests "
        f"once per problem version and keeps them in its store.",
        "",
        "Overhead is the share of worker time (wall x workers) not spent inside measured calls "
        "(the sample's and the expert's, each from release to result): forking a child per call, "
        "decoding inputs, judging outputs, starting runners, storing results.",
    ]
    publish("Throughput against ENAMEL's evaluator",
            f"python3.11 Benchmarks/throughput.py --rounds {args.rounds}", lines,
            record=not args.no_record)


if __name__ == "__main__":
    main()
