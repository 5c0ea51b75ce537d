#!/usr/bin/env python3
"""Timing estimators compared on stored reruns: which summary of repeated calls moves least.

Re-scores every sample of every series of reruns found in the stores the other benchmarks
leave in Benchmarks/.work (stability, agreement, throughput): a series is the runs of one
submission file in one store. For each estimator it recomputes each sample's efficiency from
the stored repetitions, exactly as the measurer summarizes them (a level's time is the largest
of its tests' ratio x baseline x drift; T = alpha x the largest reference time), then reports
the mean and the largest per-problem change in efficiency between every pair of runs in the
series. Samples that hit a limit or failed keep their stored efficiency under every estimator.
The repetitions themselves were taken under whatever stopping rule the runs used.

    python3.11 Benchmarks/estimators.py [--no-record]
"""
import argparse
import itertools
import json
import os
import sqlite3
import statistics
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import WORK  # noqa: E402
from record import publish  # noqa: E402

STORES = ("stability.sqlite", "agreement.sqlite", "throughput.sqlite")


def hodges_lehmann(values):
    return statistics.median((values[i] + values[j]) / 2
                             for i in range(len(values)) for j in range(i, len(values)))


def fast_half_mean(values):
    return statistics.mean(sorted(values)[: (len(values) + 1) // 2])


# Each estimator maps the paired repetitions (sample costs, reference costs) to a ratio.
ESTIMATORS = {
    "Hodges-Lehmann of per-pair ratios": lambda s, r: hodges_lehmann([a / b for a, b in zip(s, r)]),
    "median of per-pair ratios": lambda s, r: statistics.median(a / b for a, b in zip(s, r)),
    "minimum of each side": lambda s, r: min(s) / min(r),
    "median of each side": lambda s, r: statistics.median(s) / statistics.median(r),
    "fast-half mean of each side": lambda s, r: fast_half_mean(s) / fast_half_mean(r),
}
REFERENCE_SUMMARY = {
    "Hodges-Lehmann of per-pair ratios": hodges_lehmann,
    "median of per-pair ratios": statistics.median,
    "minimum of each side": min,
    "median of each side": statistics.median,
    "fast-half mean of each side": fast_half_mean,
}


def rescore(db, evaluation, test_set, alpha, weights, estimator, summary):
    """The sample's efficiency from its stored repetitions; None when a test did not pass."""
    baseline = {(level, case): time for level, case, time in db.execute(
        "SELECT level, case_index, baseline_cpu_seconds FROM test_case WHERE test_set_id = ?",
        (test_set,))}
    calls = {}
    for level, case, role, repetition, cost in db.execute(
            "SELECT level, case_index, role, repetition, cpu_seconds FROM measurement "
            "WHERE evaluation_id = ?", (evaluation,)):
        calls.setdefault((level, case), {}).setdefault(role, {})[repetition] = cost
    verdicts = dict(((level, case), verdict) for level, case, verdict in db.execute(
        "SELECT level, case_index, verdict FROM test_result WHERE evaluation_id = ?",
        (evaluation,)))
    if any(verdicts.get(key) != "ok" for key in baseline):
        return None
    drifts, ratios, single = [], {}, {}
    for key, roles in calls.items():
        reference, sample = roles.get("reference", {}), roles.get("sample", {})
        paired = sorted(set(reference) & set(sample))
        if paired and baseline.get(key, 0) > 0:
            drifts.append(summary(list(reference.values())) / baseline[key])
            ratios[key] = estimator([sample[i] for i in paired], [reference[i] for i in paired])
        elif sample:
            single[key] = sample[max(sample)]
    drift = statistics.median(drifts) if drifts else 1
    levels = sorted({level for level, _ in baseline})
    reference_time = {level: drift * max(t for (l, _), t in baseline.items() if l == level)
                      for level in levels}
    limit = alpha * max(reference_time[level] for level in levels if weights[level] > 0)
    efficiencies = []
    for level in levels:
        times = [ratios[key] * baseline[key] * drift if key in ratios else single.get(key, 0)
                 for key in baseline if key[0] == level]
        room = limit - reference_time[level]
        efficiencies.append(max(0, limit - max(times)) / room if room > 0 else 0)
    return sum(w * e for w, e in zip(weights, efficiencies)) / sum(weights)


def series_of(db):
    """Runs grouped by submission file, in order; only groups of two or more."""
    groups = {}
    for run, submission, model in db.execute("SELECT id, submission, model FROM run ORDER BY id"):
        groups.setdefault(submission, []).append((run, model))
    return [runs for runs in groups.values() if len(runs) > 1]


def evaluations(db, run):
    return db.execute("""
        SELECT s.problem_id, e.id, e.test_set_id, e.passed, e.efficiency, p.alpha, p.level_weights
        FROM sample s JOIN run r ON r.id = s.run_id
        JOIN test_set t ON t.problem_version_id = s.problem_version_id
        JOIN evaluation e ON e.code_sha256 = s.code_sha256 AND e.test_set_id = t.id
         AND e.machine_id = r.machine_id AND e.configuration_key = r.configuration_key
        JOIN problem_version p ON p.id = s.problem_version_id
        WHERE s.run_id = ?""", (run,)).fetchall()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    totals = {name: [] for name in ESTIMATORS}
    rows = []
    for store in STORES:
        path = os.path.join(WORK, store)
        if not os.path.exists(path):
            print(f"{path}: missing (run the benchmark that writes it first); skipped")
            continue
        db = sqlite3.connect(path)
        for runs in series_of(db):
            label = f"{store.removesuffix('.sqlite')}: {runs[0][1]} ({len(runs)} runs)"
            scores = {name: {} for name in ESTIMATORS}
            for run, _ in runs:
                for problem, evaluation, test_set, passed, stored, alpha, weights in evaluations(
                        db, run):
                    weights = json.loads(weights)
                    for name, estimator in ESTIMATORS.items():
                        value = rescore(db, evaluation, test_set, alpha, weights, estimator,
                                        REFERENCE_SUMMARY[name]) if passed else 0.0
                        scores[name].setdefault(problem, {})[run] = (
                            stored if value is None else value)
            cells = []
            for name in ESTIMATORS:
                changes = [abs(byrun[a] - byrun[b]) for byrun in scores[name].values()
                           for a, b in itertools.combinations(sorted(byrun), 2)]
                totals[name].append((statistics.mean(changes), max(changes)))
                cells.append(f"{statistics.mean(changes):.4f} / {max(changes):.3f}")
            rows.append(f"| {label} | " + " | ".join(cells) + " |")
    if not rows:
        sys.exit("no stored reruns to compare: run Benchmarks/stability.py first")
    lines = [
        "Per-problem change in efficiency between reruns of the same samples (mean / max over "
        "every pair of runs), recomputed from the stored repetitions with each estimator. "
        "Series: the runs of one submission in one store left by the other benchmarks.",
        "",
        "| series | " + " | ".join(ESTIMATORS) + " |",
        "|---|" + "---|" * len(ESTIMATORS),
        *rows,
        "| **mean over series** | " + " | ".join(
            f"**{statistics.mean(m for m, _ in totals[n]):.4f} / "
            f"{statistics.mean(x for _, x in totals[n]):.3f}**" for n in ESTIMATORS) + " |",
        "",
        "Brisk uses the fast-half mean of each side (the mean of the faster half of the "
        "sample's repetitions over that of the expert's).",
    ]
    publish("Timing estimators", "python3.11 Benchmarks/estimators.py", lines,
            record=not args.no_record)


if __name__ == "__main__":
    main()
