#!/usr/bin/env python3
"""The deterministic meter: `--meter instructions` twice, against the default CPU-time meter.

Scores a subset of ENAMEL's problems (every 7th of the 142, imported) with their
humaneval-canonical samples once with the default meter and twice with `--meter instructions`
(callgrind's instruction count, collected only inside the timed calls), measuring afresh every
time. Reports whether the two instruction runs give identical efficiency for every sample, and
the wall time of each meter; then scores once more with `--meter instructions` on a second
store whose tests are made afresh, whose stored CPU baselines therefore differ, and compares.
Records the figures in BENCHMARKS.md.

    python3.11 Benchmarks/meter.py [--every 7] [--jobs 2] [--no-record]
"""
import argparse
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import (brisk, build, enamel_samples, fresh_database, import_enamel,  # noqa: E402
                    latest_run, metric, sample_results, WORK)
from record import publish  # noqa: E402


def call_differences(database, run_a, run_b):
    """How many calls counted differently in two runs, and the largest relative difference."""
    query = """SELECT s.problem_id, m.level, m.case_index, m.role, m.repetition, m.instructions
               FROM measurement m JOIN evaluation e ON e.id = m.evaluation_id
               JOIN run r ON r.configuration_key = e.configuration_key
                 AND r.machine_id = e.machine_id
               JOIN sample s ON s.run_id = r.id AND s.code_sha256 = e.code_sha256
               WHERE r.id = ? AND m.instructions IS NOT NULL"""
    with sqlite3.connect(database) as db:
        a = {row[:5]: row[5] for row in db.execute(query, (run_a,))}
        b = {row[:5]: row[5] for row in db.execute(query, (run_b,))}
    both = a.keys() & b.keys()
    differing = [key for key in both if a[key] != b[key]]
    if not differing:
        return f"none of {len(both)}"
    worst = max(differing, key=lambda key: abs(a[key] - b[key]) / max(a[key], 1))
    return (f"{len(differing)} of {len(both)}; the largest difference is "
            f"{abs(a[worst] - b[worst]):,} instructions of {a[worst]:,} "
            f"({worst[0]} level {worst[1]} case {worst[2]}, {worst[3]})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--every", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    binary = build()
    problems = import_enamel(binary)
    present = sorted(int(name.split("_")[1]) for name in os.listdir(os.path.join(problems, "Problems"))
                     if name.startswith("HumanEval_"))
    chosen = present[::args.every]
    with open(enamel_samples("humaneval-canonical")) as f:
        codes = json.load(f)
    subset = os.path.join(WORK, "meter-samples.json")
    with open(subset, "w") as f:
        json.dump({str(index): codes[index] for index in chosen}, f)
    database = fresh_database("meter.sqlite")
    common = ["--problems", problems, "--db", database, "--k", "1", "--jobs", str(args.jobs)]
    # Generates the tests, so that every timed run only scores.
    brisk(binary, "score", subset, *common, "--model", "warm-up")

    runs = []
    for label, meter in [("cpu", "cpu"), ("instructions 1", "instructions"),
                         ("instructions 2", "instructions")]:
        wall, _ = brisk(binary, "score", subset, *common, "--fresh", "--meter", meter,
                        "--model", label)
        run = latest_run(database)
        runs.append({"label": label, "run": run, "wall": wall, "pass": metric(database, run, "pass", 1),
                     "eff": metric(database, run, "eff", 1),
                     "samples": sample_results(database, run)})
        print(f"{label}: {wall:.1f} s, eff@1 {runs[-1]['eff']:.4f}", flush=True)

    # A second store: tests made afresh, so its stored CPU baselines differ from the first's.
    other = fresh_database("meter-other.sqlite")
    other_common = ["--problems", problems, "--db", other, "--k", "1", "--jobs", str(args.jobs)]
    brisk(binary, "score", subset, *other_common, "--model", "warm-up")
    wall, _ = brisk(binary, "score", subset, *other_common, "--fresh", "--meter", "instructions",
                    "--model", "instructions, other store")
    other_run = latest_run(other)
    elsewhere = sample_results(other, other_run)
    elsewhere_eff = metric(other, other_run, "eff", 1)
    print(f"instructions, other store: {wall:.1f} s, eff@1 {elsewhere_eff:.4f}", flush=True)

    first, second = runs[1]["samples"], runs[2]["samples"]
    identical = sum(1 for problem in first if first[problem] == second.get(problem))
    differing = sorted(problem for problem in first if first[problem] != second.get(problem))
    largest = max((abs((first[p][1] or 0) - (second[p][1] or 0)) for p in differing), default=0)
    calls = call_differences(database, runs[1]["run"], runs[2]["run"])
    lines = [
        f"{len(chosen)} of ENAMEL's problems (every {args.every}th of the 142), humaneval-canonical "
        f"samples, {args.jobs} workers, tests generated beforehand, every run measured afresh.", "",
        "| meter | wall (s) | ratio to cpu | pass@1 | eff@1 |", "|---|---|---|---|---|",
    ]
    for run in runs:
        lines.append(f"| {run['label']} | {run['wall']:.1f} | {run['wall'] / runs[0]['wall']:.1f} | "
                     f"{run['pass']:.4f} | {run['eff']:.4f} |")
    lines += ["", f"Identical efficiency and verdict in both instruction-count runs: {identical} of "
              f"{len(first)} samples" + (f"; differing: {', '.join(differing)} (largest change "
                                         f"in eff {largest:.1e})" if differing else "") + ".",
              "", f"Calls whose instruction counts differ between the two runs: {calls}.",
              "", "A second store, its tests made afresh (so its CPU baselines differ): identical "
              f"efficiency and verdict for {sum(1 for p in second if second[p] == elsewhere.get(p))} "
              f"of {len(second)} samples; eff@1 {elsewhere_eff:.4f} "
              f"({wall:.1f} s)."]
    publish("Deterministic meter",
            f"python3.11 Benchmarks/meter.py --every {args.every} --jobs {args.jobs}", lines,
            record=not args.no_record)


if __name__ == "__main__":
    main()
