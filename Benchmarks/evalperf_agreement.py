#!/usr/bin/env python3
"""Agreement with EvalPerf on real model outputs.

Scores the solutions of EvalPerf's published results (one file per model, shared/data/
llm-samples/evalperf: each task's solutions that passed EvalPerf's tests) against ENAMEL's
problems, on the HumanEval tasks the two share, the first --samples solutions of each task.
Reports how many of those correct solutions Brisk also passes, and how Brisk's eff@1 ranks the
models against EvalPerf's own DPS_norm on the same tasks (Spearman's and Pearson's
coefficients). The two use different references and inputs (ENAMEL's expert and levels,
EvalPerf's reference clusters and one performance input), so the figures say how far two
independent efficiency measures agree, not whether either is right.

    python3.11 Benchmarks/evalperf_agreement.py [--samples 5] [--models N] [--no-record]
"""
import argparse
import glob
import gzip
import json
import os
import sqlite3
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import brisk, build, DATA, fresh_database, import_enamel, latest_run, metric, WORK  # noqa: E402
from record import publish  # noqa: E402

RESULTS = os.path.join(DATA, "llm-samples", "evalperf")


def ranks(values):
    """Ranks from 1, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def pearson(xs, ys):
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / (sxx * syy) ** 0.5


def load(path):
    with gzip.open(path, "rt") as f:
        return json.load(f)


def profiled_tasks(results, problems):
    """The tasks of a results file that ENAMEL's set holds and that have solutions."""
    return {task for task, entry in results["eval"].items()
            if task.replace("/", "_") in problems and entry.get("profiled")}


def trimmed(path, results, tasks, samples):
    """The results file cut to `tasks` and each task's first `samples` solutions, written
    under .work with the same name (Brisk takes the model from it), and EvalPerf's mean
    DPS_norm over those tasks."""
    kept, norms = {}, []
    for task in sorted(tasks):
        entry = results["eval"][task]
        kept[task] = dict(entry, profiled=entry["profiled"][:samples])
        norms.append(entry["dps_norm"])
    directory = os.path.join(WORK, "evalperf-results")
    os.makedirs(directory, exist_ok=True)
    target = os.path.join(directory, os.path.basename(path)[:-len(".gz")])
    with open(target, "w") as f:
        json.dump(dict(results, eval=kept), f)
    return target, len(kept), statistics.fmean(norms)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=5, help="solutions per task")
    parser.add_argument("--models", type=int, default=0, help="the first N models (0: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    binary = build()
    problems_dir = import_enamel(binary)
    problems = set(os.listdir(os.path.join(problems_dir, "Problems")))
    database = fresh_database("evalperf-agreement.sqlite")
    files = sorted(glob.glob(os.path.join(RESULTS, "*_evalperf_results*.json.gz")))
    if args.models:
        files = files[:args.models]

    # Only the tasks every model has solutions for (EvalPerf profiles a task for a model only
    # when it had 10 correct samples of 100), so that the models are ranked on the same tasks.
    everything = {path: load(path) for path in files}
    common = set.intersection(*(profiled_tasks(r, problems) for r in everything.values()))
    rows = []
    started = time.perf_counter()
    for path in files:
        target, tasks, evalperf_norm = trimmed(path, everything[path], common, args.samples)
        wall, _ = brisk(binary, "score", target, "--problems", problems_dir, "--db", database,
                        "--k", "1", "--jobs", str(args.jobs))
        run = latest_run(database)
        with sqlite3.connect(database) as db:
            model, = db.execute("SELECT model FROM brisk_runs WHERE run_id = ?", (run,)).fetchone()
            solutions, passed = db.execute(
                "SELECT count(*), sum(passed) FROM brisk_sample_results WHERE run_id = ?",
                (run,)).fetchone()
            failures = db.execute(
                "SELECT problem_id || '#' || sample_index || ' ' || verdict "
                "FROM brisk_sample_results WHERE run_id = ? AND NOT passed", (run,)).fetchall()
        eff = metric(database, run, "eff", 1)
        rows.append((model, tasks, solutions, passed, eff, evalperf_norm, wall,
                     [f for f, in failures]))
        print(f"{model}: {tasks} tasks, {passed}/{solutions} pass, eff@1 {eff:.3f}, "
              f"EvalPerf DPS_norm {evalperf_norm:.1f} ({wall:.0f} s)", flush=True)
    total = time.perf_counter() - started

    effs = [row[4] for row in rows]
    norms = [row[5] for row in rows]
    spearman = pearson(ranks(effs), ranks(norms))
    linear = pearson(effs, norms)
    solutions = sum(row[2] for row in rows)
    passed = sum(row[3] for row in rows)
    lines = [
        f"EvalPerf's published results for {len(rows)} models (shared/data/llm-samples/evalperf), "
        f"each cut to the HumanEval tasks ENAMEL's set holds that EvalPerf profiled for every "
        f"one of them ({rows[0][1]} tasks) and their first {args.samples} solutions, scored against ENAMEL's problems ({args.jobs} workers, "
        f"default settings); {total:.0f} s in all. EvalPerf's DPS_norm is its own per-task "
        "figure from the file (over all of a task's profiled solutions), averaged over the "
        "same tasks.",
        "",
        "| model | solutions | pass in Brisk | Brisk eff@1 | EvalPerf DPS_norm | wall (s) |",
        "|---|---|---|---|---|---|",
    ]
    for model, _, count, ok, eff, norm, wall, _ in sorted(rows, key=lambda r: -r[4]):
        lines.append(f"| {model} | {count} | {ok} | {eff:.3f} | {norm:.1f} | {wall:.0f} |")
    lines += [
        "",
        f"Solutions EvalPerf found correct that Brisk passes: {passed} of {solutions}.",
        "",
        f"Across the models, Brisk's eff@1 against EvalPerf's DPS_norm: Spearman "
        f"{spearman:.2f}, Pearson {linear:.2f}.",
    ]
    failed = [f"{row[0]}: {', '.join(row[7])}" for row in rows if row[7]]
    if failed:
        lines += ["", "Failed in Brisk: " + "; ".join(failed) + "."]
    command = "python3.11 Benchmarks/evalperf_agreement.py" + (
        f" --samples {args.samples}" if args.samples != 5 else "") + (
        f" --models {args.models}" if args.models else "")
    publish("Agreement with EvalPerf on real model outputs", command, lines,
            record=not args.no_record)


if __name__ == "__main__":
    main()
