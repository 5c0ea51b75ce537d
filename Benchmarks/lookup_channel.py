#!/usr/bin/env python3
"""Whether looking up a name leaves a trace a later process can time, per file system.

One process looks up names that do not exist (the "written" names); a second process then
times lookups of those names interleaved with names never looked up. On a disk's file system
(ext4 here) each written name left a negative entry in the kernel's directory cache and is
found faster; on a tmpfs, which keeps no negative entries, the two cannot be told apart. The
accuracy is how often one timed lookup classifies a name correctly (0.5 is chance), and with
k lookups per bit (a sum of k written against k unwritten). Measures the host's
/usr/lib/python3.11 against the copy Brisk's sandbox serves (made by any `brisk score`).

    python3.11 Benchmarks/lookup_channel.py [--names 20000] [--no-record]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from record import publish  # noqa: E402

WRITER = "import os, sys\nfor n in sys.argv[2:]:\n    try: os.stat(sys.argv[1] + n)\n    except OSError: pass\n"


def look(path):
    started = time.perf_counter_ns()
    try:
        os.stat(path)
    except OSError:
        pass
    return time.perf_counter_ns() - started


def measure(directory, count):
    tag = uuid.uuid4().hex[:12]
    written = [f"w{tag}_{i}" for i in range(count)]
    unwritten = [f"u{tag}_{i}" for i in range(count)]
    for start in range(0, count, 5000):  # the writer is another process
        subprocess.run([sys.executable, "-S", "-c", WRITER, directory] + written[start:start + 5000],
                       check=True)
    a, b = [], []
    for i in range(count):
        if i % 2:
            a.append(look(directory + written[i]))
            b.append(look(directory + unwritten[i]))
        else:
            b.append(look(directory + unwritten[i]))
            a.append(look(directory + written[i]))
    accuracy = {}
    for k in (1, 8):
        groups = range(0, count - k + 1, k)
        accuracy[k] = sum(sum(a[j:j + k]) < sum(b[j:j + k]) for j in groups) / len(groups)
    return statistics.median(a), statistics.median(b), accuracy


def image_directory():
    home = os.environ.get("BRISK_SYSTEM_DIR", f"/dev/shm/brisk-{os.geteuid()}")
    images = [d for d in os.listdir(home) if d.startswith("system-")] if os.path.isdir(home) else []
    if not images:
        sys.exit(f"no image in {home}: run `brisk score` once first")
    newest = max(images, key=lambda d: os.path.getmtime(os.path.join(home, d)))
    return os.path.join(home, newest, "usr/lib/python3.11/")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=20000)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    lines = [
        f"{args.names:,} names looked up by one process, then timed by another beside as many "
        "never looked up (medians of one `os.stat` each, in ns; accuracy of telling them apart "
        "from 1 and from 8 lookups).",
        "",
        "| directory | file system | written (ns) | never looked up (ns) | accuracy, 1 | accuracy, 8 |",
        "|---|---|---|---|---|---|",
    ]
    for label, directory in (("host", "/usr/lib/python3.11/"), ("sandbox's copy", image_directory())):
        kind = subprocess.run(["stat", "-f", "-c", "%T", directory], capture_output=True,
                              text=True).stdout.strip()
        kind = "ext2/3/4" if kind == "ext2/ext3" else kind  # one magic number for all three
        written, fresh, accuracy = measure(directory, args.names)
        shown = directory
        if label != "host":  # the copy's own name changes with its content
            image = directory.split("/usr/")[0]
            shown = directory.replace(image, os.path.dirname(image) + "/system-*")
        lines.append(f"| {label}: `{shown}` | {kind} | {written:.0f} | {fresh:.0f} | "
                     f"{accuracy[1]:.3f} | {accuracy[8]:.3f} |")
    publish("Lookups: what a later process can time", "python3.11 Benchmarks/lookup_channel.py",
            lines, record=not args.no_record)


if __name__ == "__main__":
    main()
