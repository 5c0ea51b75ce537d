#!/usr/bin/env python3
"""Repetition rule and timing estimator, chosen on reruns measured at a fixed 10 pairs.

Scores ENAMEL's 142 problems (imported) with the humaneval-canonical samples three times
(the second with the other core busy) and with ENAMEL's references twice (the second busy),
every stress test measured at exactly 10 pairs (`--repetitions 10`). Each stopping rule is
then replayed on the stored pairs: a rule that stops after n pairs sees exactly the first n
pairs of the run, as it would have live. For each rule and estimator it recomputes every
sample's efficiency as the measurer does (a level's time is the largest of its tests' ratio x
baseline x drift; T = alpha x the largest reference time) and reports the mean and largest
per-problem change between reruns, the references' eff@1, and the pairs the rule measured.
Samples that failed or hit a limit keep their stored efficiency.

    python3.11 Benchmarks/repetition.py [--reuse] [--no-record]

--reuse replays the pairs stored by an earlier run instead of measuring again (11 minutes).
"""
import argparse
import itertools
import json
import math
import os
import sqlite3
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import WORK, brisk, build, enamel_samples, fresh_database, import_enamel  # noqa: E402
from record import publish  # noqa: E402

RUNS = [("canonical 1", "humaneval-canonical", False), ("canonical 2 (busy)", "humaneval-canonical", True),
        ("canonical 3", "humaneval-canonical", False), ("references 1", "enamel-references", False),
        ("references 2 (busy)", "enamel-references", True)]
SERIES = {"canonical": [0, 1, 2], "references": [3, 4]}


def fast_half_mean(values):
    return statistics.mean(sorted(values)[: (len(values) + 1) // 2])


def hodges_lehmann(values):
    return statistics.median((values[i] + values[j]) / 2
                             for i in range(len(values)) for j in range(i, len(values)))


def fast_half_ratio(pairs):
    return fast_half_mean([s for s, _ in pairs]) / fast_half_mean([r for _, r in pairs])


def hodges_lehmann_ratio(pairs):
    return hodges_lehmann([s / r for s, r in pairs])


def mad_error(pairs, ratio):
    """Relative standard error from the median absolute deviation of the per-pair ratios."""
    ratios = [s / r for s, r in pairs]
    center = statistics.median(ratios)
    deviation = statistics.median(abs(x - center) for x in ratios)
    return 1.4826 * deviation * 1.2533 / (math.sqrt(len(ratios)) * ratio)


def sd_error(pairs, ratio):
    """Relative standard error from the standard deviation of the per-pair ratios."""
    return statistics.stdev(s / r for s, r in pairs) / math.sqrt(len(pairs)) / ratio


def rule(estimator, error=None, target=0.0, scaled=False, minimum=3, maximum=10):
    def stop_after(pairs, baseline, level_reference, limit, performance_test):
        n = minimum
        while n < min(maximum, len(pairs)) and error is not None:
            ratio = estimator(pairs[:n])
            wanted = target
            if scaled and not performance_test:  # DPE's test keeps the full target
                wanted *= max(1.0, (limit - level_reference) / max(ratio * baseline, 1e-12))
            if error(pairs[:n], ratio) <= wanted:
                break
            n += 1
        return min(n, len(pairs))
    return stop_after, estimator


RULES = {
    "Hodges-Lehmann; MAD error <= 1.5% (Brisk until 2026-11-27)":
        rule(hodges_lehmann_ratio, mad_error, 0.015),
    "fast-half mean; MAD error <= 1.5%": rule(fast_half_ratio, mad_error, 0.015),
    "fast-half mean; SD error <= 1.5%": rule(fast_half_ratio, sd_error, 0.015),
    "fast-half mean; SD error <= 3%": rule(fast_half_ratio, sd_error, 0.03),
    "fast-half mean; SD error <= 2%, scaled to the room under T":
        rule(fast_half_ratio, sd_error, 0.02, scaled=True),
    "**fast-half mean; SD error <= 3%, scaled to the room under T (Brisk)**":
        rule(fast_half_ratio, sd_error, 0.03, scaled=True),
    "fast-half mean; fixed 6 pairs (ENAMEL's count)": rule(fast_half_ratio, minimum=6, maximum=6),
    "fast-half mean; fixed 10 pairs": rule(fast_half_ratio, minimum=10),
    "Hodges-Lehmann; fixed 10 pairs": rule(hodges_lehmann_ratio, minimum=10),
}


def measure(database):
    binary = build()
    problems = import_enamel(binary)
    fresh_database(os.path.basename(database))
    for label, samples, busy in RUNS:
        hog = subprocess.Popen(["python3.11", "-c", "while True: pass"]) if busy else None
        try:
            wall, _ = brisk(binary, "score", enamel_samples(samples), "--problems", problems,
                            "--db", database, "--skip-unknown", "--fresh", "--k", "1",
                            "--jobs", "1", "--model", label, "--repetitions", "10")
        finally:
            if hog:
                hog.kill()
                hog.wait()
        print(f"{label}: measured in {wall:.0f} s", flush=True)


def load(db, run):
    """Per problem: what a replay needs (baselines, the pairs of every test, in order)."""
    samples = {}
    for problem, evaluation, test_set, passed, stored, alpha, weights in db.execute("""
            SELECT s.problem_id, e.id, e.test_set_id, e.passed, e.efficiency, p.alpha,
                   p.level_weights
            FROM sample s JOIN run r ON r.id = s.run_id
            JOIN test_set t ON t.problem_version_id = s.problem_version_id
            JOIN evaluation e ON e.code_sha256 = s.code_sha256 AND e.test_set_id = t.id
             AND e.machine_id = r.machine_id AND e.configuration_key = r.configuration_key
            JOIN problem_version p ON p.id = s.problem_version_id
            WHERE s.run_id = ?""", (run,)):
        baseline = {(level, case): time for level, case, time in db.execute(
            "SELECT level, case_index, baseline_cpu_seconds FROM test_case "
            "WHERE test_set_id = ?", (test_set,))}
        calls = {}
        for level, case, role, repetition, cost in db.execute(
                "SELECT level, case_index, role, repetition, cpu_seconds FROM measurement "
                "WHERE evaluation_id = ?", (evaluation,)):
            calls.setdefault((level, case), {}).setdefault(role, {})[repetition] = cost
        verdicts = {(level, case): verdict for level, case, verdict in db.execute(
            "SELECT level, case_index, verdict FROM test_result WHERE evaluation_id = ?",
            (evaluation,))}
        paired, single = {}, {}
        for key, roles in calls.items():
            reference, sample = roles.get("reference", {}), roles.get("sample", {})
            common = sorted(set(reference) & set(sample))
            if common and baseline.get(key, 0) > 0:
                paired[key] = [(sample[i], reference[i]) for i in common]
            elif sample:
                single[key] = sample[max(sample)]
        samples[problem] = {
            "scored": bool(passed) and all(verdicts.get(key) == "ok" for key in baseline),
            "stored": stored, "alpha": alpha, "weights": json.loads(weights),
            "baseline": baseline, "paired": paired, "single": single}
    return samples


def replay(sample, stop_after, estimator):
    """(efficiency, pairs measured) under a rule."""
    if not sample["scored"]:
        return sample["stored"], 0
    baseline, weights = sample["baseline"], sample["weights"]
    levels = sorted({level for level, _ in baseline})
    heaviest = {level: max(t for (l, _), t in baseline.items() if l == level) for level in levels}
    limit = sample["alpha"] * max(heaviest[level] for level in levels if weights[level] > 0)
    top = [key for key in baseline if key[0] == levels[-1]]
    performance_test = max(top, key=lambda key: baseline[key])
    used, ratios, drifts = 0, {}, []
    for key, pairs in sample["paired"].items():
        n = stop_after(pairs, baseline[key], heaviest[key[0]], limit, key == performance_test)
        used += n
        ratios[key] = estimator(pairs[:n])
        drifts.append(fast_half_mean([r for _, r in pairs[:n]]) / baseline[key])
    drift = statistics.median(drifts) if drifts else 1
    efficiencies = []
    for level in levels:
        times = [ratios[key] * baseline[key] * drift if key in ratios
                 else sample["single"].get(key, 0) for key in baseline if key[0] == level]
        room = (limit - heaviest[level]) * drift
        efficiencies.append(max(0, limit * drift - max(times)) / room if room > 0 else 0)
    return sum(w * e for w, e in zip(weights, efficiencies)) / sum(weights), used


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    database = os.path.join(WORK, "fixed10.sqlite")
    if not (args.reuse and os.path.exists(database)):
        measure(database)
    db = sqlite3.connect(database)
    runs = [run for run, in db.execute("SELECT id FROM run ORDER BY id")]
    if len(runs) != len(RUNS):
        sys.exit(f"{database}: expected {len(RUNS)} runs, found {len(runs)}; run without --reuse")
    data = [load(db, run) for run in runs]
    lines = [
        "ENAMEL's 142 problems measured at a fixed 10 pairs per stress test: humaneval-canonical "
        "three times, ENAMEL's references twice (the second run of each with the other core "
        "busy); every rule replayed on the stored pairs. Change: per-problem change in "
        "efficiency between reruns, mean / max over every pair of runs. Pairs: stress-test "
        "pairs measured per run.", "",
        "| rule | canonical change | references change | references eff@1 | pairs (canonical) "
        "| pairs (references) |", "|---|---|---|---|---|---|"]
    for name, (stop_after, estimator) in RULES.items():
        cells = []
        pairs = {}
        for series, members in SERIES.items():
            scores, used = {}, 0
            for index in members:
                for problem, sample in data[index].items():
                    value, n = replay(sample, stop_after, estimator)
                    scores.setdefault(problem, {})[index] = value
                    used += n
            changes = [abs(byrun[a] - byrun[b]) for byrun in scores.values()
                       for a, b in itertools.combinations(sorted(byrun), 2)]
            cells.append(f"{statistics.mean(changes):.4f} / {max(changes):.3f}")
            pairs[series] = used / len(members)
            if series == "references":
                cells.append(" / ".join(
                    f"{statistics.mean(byrun[i] for byrun in scores.values()):.4f}"
                    for i in members))
        lines.append(f"| {name} | " + " | ".join(cells)
                     + f" | {pairs['canonical']:.0f} | {pairs['references']:.0f} |")
    publish("Repetition rule and estimator", "python3.11 Benchmarks/repetition.py", lines,
            record=not args.no_record)


if __name__ == "__main__":
    main()
