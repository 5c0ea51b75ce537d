"""Helpers shared by the benchmark scripts: building Brisk, running it, reading its store."""
import os
import sqlite3
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "Benchmarks", ".work")
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")


def build():
    """Builds Brisk in release mode and returns the path of the brisk binary."""
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                          check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "brisk")


def brisk(binary, *arguments, check=True):
    """Runs brisk, returning (wall seconds, completed process)."""
    start = time.perf_counter()
    result = subprocess.run([binary, *arguments], cwd=WORK, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if check and result.returncode != 0:
        sys.exit(f"brisk {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")
    if "--fresh" in arguments and "Resuming the run" in result.stderr:
        # A timed fresh run must measure everything: this one took up an interrupted one.
        sys.exit(f"brisk {' '.join(arguments)} resumed an interrupted fresh run, so its time "
                 "is not a whole run's: remove the store under Benchmarks/.work and run again")
    return elapsed, result


def fresh_database(name):
    """The path of an empty store under .work (an earlier run's file is removed)."""
    path = os.path.join(WORK, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return path


def latest_run(database):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT max(run_id) FROM brisk_runs").fetchone()[0]


def metric(database, run, name, k=None):
    with sqlite3.connect(database) as db:
        row = db.execute(
            "SELECT value FROM brisk_metrics WHERE run_id = ? AND metric = ? AND k IS ?",
            (run, name, k)).fetchone()
    return row[0] if row else None


def sample_results(database, run):
    """{problem: (passed, eff)} for the first sample of each problem of a run."""
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT problem_id, passed, eff FROM brisk_sample_results "
            "WHERE run_id = ? AND sample_index = 0", (run,)).fetchall()
    return {problem: (bool(passed), eff) for problem, passed, eff in rows}


def other_cpus(database, run):
    """Mean CPUs other processes used while a run's samples were measured (Brisk records it
    with every evaluation), or None for a store written before it did."""
    with sqlite3.connect(database) as db:
        (mean,) = db.execute("SELECT avg(other_cpus) FROM brisk_sample_results WHERE run_id = ?",
                             (run,)).fetchone()
    return mean


def import_enamel(binary, all_problems=False):
    """ENAMEL's dataset imported under .work/enamel (once)."""
    target = os.path.join(WORK, "enamel-all" if all_problems else "enamel")
    if not os.path.isdir(os.path.join(target, "Problems")):
        arguments = ["import", "enamel", os.path.join(DATA, "enamel", "enamel.csv"), "--out", target]
        brisk(binary, *(arguments + (["--all"] if all_problems else [])))
    return target


def enamel_samples(name):
    return os.path.join(DATA, "enamel", f"{name}.json")


def machine():
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, {os.cpu_count()} cores"


os.makedirs(WORK, exist_ok=True)
