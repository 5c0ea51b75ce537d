#!/usr/bin/env python3
"""Scale: seconds per sample for 1, 10 and 50 samples per bundled problem, and a cached rerun.

Builds submissions of N distinct samples per bundled problem from the two example submissions
(alternating straightforward and optimized code; each sample carries a comment with its number,
so that its content, and so its cache key, is its own), and scores them one after the other
into one store whose tests were generated beforehand. Then scores the largest submission again:
every sample is in the content cache, so that run measures nothing. Records the figures in
BENCHMARKS.md.

By default every 4th bundled problem (4 of 16): 50 samples of each of the 16 would take
about 50 minutes here; `--every 1` scores them all.

    python3.11 Benchmarks/scale.py [--sizes 1,10,50] [--every 4] [--jobs 2] [--no-record]
"""
import argparse
import os
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import brisk, build, fresh_database, latest_run, ROOT, WORK  # noqa: E402
from record import publish  # noqa: E402

EXAMPLES = os.path.join(ROOT, "Examples", "submissions")
FLAVOURS = ["straightforward", "optimized"]


def bundled_problems(every):
    problems = sorted(entry for entry in os.listdir(os.path.join(EXAMPLES, FLAVOURS[0]))
                      if os.path.isdir(os.path.join(EXAMPLES, FLAVOURS[0], entry)))
    return problems[::every]


def make_submission(size, tag, problems):
    """A directory submission with `size` distinct samples per chosen bundled problem."""
    target = os.path.join(WORK, "scale", f"{tag}-{size}")
    shutil.rmtree(target, ignore_errors=True)
    for problem in problems:
        os.makedirs(os.path.join(target, problem))
        for index in range(size):
            flavour = FLAVOURS[index % len(FLAVOURS)]
            with open(os.path.join(EXAMPLES, flavour, problem, "0.py")) as f:
                code = f.read()
            with open(os.path.join(target, problem, f"{index}.py"), "w") as f:
                f.write(f"# {tag} sample {index}\n{code}")
    with open(os.path.join(target, "submission.toml"), "w") as f:
        f.write(f'model = "scale {tag} {size}"\n')
    return target, len(problems) * size


def measured_calls(database, run):
    with sqlite3.connect(database) as db:
        return db.execute(
            """SELECT count(*) FROM measurement m JOIN evaluation e ON e.id = m.evaluation_id
               JOIN run r ON r.configuration_key = e.configuration_key
                 AND r.machine_id = e.machine_id
               JOIN sample s ON s.run_id = r.id AND s.code_sha256 = e.code_sha256
               WHERE r.id = ?""", (run,)).fetchone()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,10,50")
    parser.add_argument("--every", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    problems = bundled_problems(args.every)
    binary = build()
    database = fresh_database("scale.sqlite")
    common = ["--problems", ROOT, "--db", database, "--k", "1", "--jobs", str(args.jobs)]

    # Generates and stores the chosen problems' tests, so that the timed runs only score.
    warm, _ = make_submission(1, "warm-up", problems)
    setup, _ = brisk(binary, "score", warm, *common)
    print(f"warm-up (generating tests): {setup:.1f} s", flush=True)

    rows = []
    for size in sizes:
        submission, count = make_submission(size, "scale", problems)
        wall, _ = brisk(binary, "score", submission, *common)
        rows.append((f"{size} per problem", count, wall))
        print(f"{size} per problem: {count} samples in {wall:.1f} s "
              f"({wall / count:.2f} s per sample)", flush=True)
    wall, _ = brisk(binary, "score", submission, *common, "--model", "scale cached rerun")
    calls = measured_calls(database, latest_run(database))
    rows.append((f"{sizes[-1]} per problem, again (cached)", count, wall))
    print(f"cached rerun: {wall:.1f} s", flush=True)

    lines = [
        f"{len(problems)} of the 16 bundled problems ({', '.join(problems)}); samples alternate "
        f"the two example submissions' code, each made distinct by a comment. {args.jobs} workers; the tests were generated "
        f"beforehand ({setup:.0f} s, in a warm-up run of one other sample per problem).", "",
        "| submission | samples | wall (s) | s per sample |", "|---|---|---|---|",
    ]
    for label, count, wall in rows:
        lines.append(f"| {label} | {count} | {wall:.1f} | {wall / count:.3f} |")
    lines += ["", f"The cached rerun measured nothing: its {calls} stored calls were all made by "
              f"the earlier run of the same code on the same tests and machine."]
    publish("Scale", f"python3.11 Benchmarks/scale.py --sizes {args.sizes} "
                       f"--every {args.every} --jobs {args.jobs}", lines,
            record=not args.no_record)


if __name__ == "__main__":
    main()
