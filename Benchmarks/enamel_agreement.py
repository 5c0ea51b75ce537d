#!/usr/bin/env python3
"""Agreement with ENAMEL and HumanEval on real data.

Imports ENAMEL's 142 problems and scores its three sample sets (humaneval-canonical,
humanevalplus-canonical, enamel-references) three times each, measuring afresh every time
(mean and spread of pass@1 and eff@1); imports HumanEval and scores the LDB project's real
model outputs, counting how often Brisk's verdict agrees with LDB's `is_solved`. Records the
figures in BENCHMARKS.md.

    python3.11 Benchmarks/enamel_agreement.py [--runs 3] [--no-record]
"""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import (brisk, build, DATA, fresh_database, import_enamel, latest_run, metric,  # noqa: E402
                    WORK)
from record import publish  # noqa: E402

SETS = ["humaneval-canonical", "humanevalplus-canonical", "enamel-references"]
# What ENAMEL's evaluator gives on this kind of machine (measured by the project, 11 runs;
# shared/design/measurement-notes.md).
ENAMEL_REPORTED = {
    "humaneval-canonical": "pass@1 0.9085, eff@1 0.453-0.472",
    "humanevalplus-canonical": "pass@1 0.951-0.965",
    "enamel-references": "eff@1 0.964-0.977 (against themselves)",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    binary = build()
    problems = import_enamel(binary)
    database = fresh_database("agreement.sqlite")

    rows = []
    for name in SETS:
        passes, effs, walls = [], [], []
        for run in range(args.runs):
            wall, _ = brisk(binary, "score", os.path.join(DATA, "enamel", f"{name}.json"),
                            "--problems", problems, "--db", database, "--skip-unknown",
                            "--fresh", "--k", "1", "--jobs", str(args.jobs), "--model", name)
            run_id = latest_run(database)
            passes.append(metric(database, run_id, "pass", 1))
            effs.append(metric(database, run_id, "eff", 1))
            walls.append(wall)
            print(f"{name} run {run + 1}: pass@1 {passes[-1]:.4f} eff@1 {effs[-1]:.4f} "
                  f"({wall:.0f} s)", flush=True)
        rows.append((name, passes, effs, walls))

    humaneval = os.path.join(WORK, "humaneval")
    if not os.path.isdir(os.path.join(humaneval, "Problems")):
        brisk(binary, "import", "humaneval", os.path.join(DATA, "humaneval", "HumanEval.jsonl.gz"),
              "--out", humaneval)
    agreements = []
    for model in ["humaneval-gpt-3.5-turbo-0613", "humaneval-starcoder"]:
        path = os.path.join(DATA, "llm-samples", "ldb", f"{model}.jsonl")
        brisk(binary, "score", path, "--problems", humaneval, "--db", database, "--k", "1",
              "--jobs", str(args.jobs), "--model", model)
        run_id = latest_run(database)
        import sqlite3
        with sqlite3.connect(database) as db:
            verdicts = dict(db.execute(
                "SELECT problem_id, passed FROM brisk_sample_results WHERE run_id = ?", (run_id,)))
        agree, disagreements = 0, []
        with open(path) as f:
            for line in f:
                task = json.loads(line)
                problem = task["task_id"].replace("/", "_")
                if bool(verdicts.get(problem)) == bool(task["is_solved"]):
                    agree += 1
                else:
                    disagreements.append(problem)
        agreements.append((model, agree, len(verdicts), disagreements))
        print(f"{model}: {agree}/{len(verdicts)} verdicts agree with LDB's", flush=True)

    def spread(values):
        return f"{statistics.mean(values):.4f} (min {min(values):.4f}, max {max(values):.4f}, " \
               f"sd {statistics.pstdev(values):.4f})"

    lines = [f"ENAMEL's 142 problems, imported; each sample set scored {args.runs} times with fresh "
             f"measurements, {args.jobs} workers, default settings (CPU time, adaptive repetitions).",
             "",
             "| sample set | pass@1 | eff@1 | wall per run (s) | ENAMEL's evaluator here |",
             "|---|---|---|---|---|"]
    for name, passes, effs, walls in rows:
        lines.append(f"| {name} | {spread(passes)} | {spread(effs)} | "
                     f"{statistics.mean(walls):.0f} | {ENAMEL_REPORTED[name]} |")
    lines += ["", "HumanEval (164 problems, its own tests, imported) scored on the LDB project's "
              "model outputs, against LDB's `is_solved`:", "",
              "| outputs | verdicts agreeing | disagreements |", "|---|---|---|"]
    for model, agree, total, disagreements in agreements:
        lines.append(f"| {model} | {agree}/{total} | {', '.join(disagreements) or 'none'} |")
    lines += ["", "Every disagreement is a solution that uses a name it never imports (`List`, "
              "`math`): LDB runs solutions after the prompt's imports, Brisk runs them as "
              "submitted (Tests/BriskTests/AgreementTests.swift checks each one)."]
    publish("ENAMEL and HumanEval agreement",
                       f"python3.11 Benchmarks/enamel_agreement.py --runs {args.runs}", lines,
            record=not args.no_record)


if __name__ == "__main__":
    main()
