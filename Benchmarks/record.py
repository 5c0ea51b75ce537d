"""Writes one benchmark's results into BENCHMARKS.md, replacing that benchmark's section."""
import datetime
import os
import platform
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATH = os.path.join(ROOT, "BENCHMARKS.md")
HEADER = """# Benchmarks

Each section is written by the script it names, on the machine it describes; ratios come from
one run with the methods interleaved. Re-run a script to refresh its section.
"""


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Linux {platform.release()}"


def record_section(title, command, body):
    text = open(PATH).read() if os.path.exists(PATH) else HEADER
    date = datetime.date.today().isoformat()
    section = (f"## {title}\n\nCommand: `{command}`  \nMeasured {date} on {machine()}.\n\n"
               f"{body.strip()}\n")
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip() + "\n\n" + section
    with open(PATH, "w") as f:
        f.write(text.rstrip() + "\n")


def publish(title, command, lines, record=True):
    """Prints a benchmark's figures and, unless told not to, records them in BENCHMARKS.md."""
    text = "\n".join(lines)
    print(text)
    if record:
        record_section(title, command, text)
