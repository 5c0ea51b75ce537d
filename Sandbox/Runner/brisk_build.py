"""Builds the runner's C part, _brisk_calls, from brisk_calls.c, into a directory the runner
imports from. Brisk runs it when it installs the runner (TrustedScripts.swift); tests and
benchmarks that start the runner directly call build() themselves.

    python3.11 -S brisk_build.py SOURCE_DIRECTORY TARGET_DIRECTORY

Exits 1 with the compiler's message when it cannot build (no C compiler, no Python headers).
"""
import os
import shutil
import subprocess
import sys
import sysconfig


def build(source_directory, target_directory):
    """The path of the built module. Raises RuntimeError saying what is missing."""
    source = os.path.join(source_directory, "brisk_calls.c")
    include = sysconfig.get_paths()["include"]
    if not os.path.exists(os.path.join(include, "Python.h")):
        raise RuntimeError(f"no Python.h in {include}: install python3.11-dev")
    compiler = shutil.which("gcc") or shutil.which("cc")
    if compiler is None:
        raise RuntimeError("no C compiler (gcc or cc) on the PATH: install gcc")
    target = os.path.join(target_directory, "_brisk_calls" + sysconfig.get_config_var("EXT_SUFFIX"))
    partial = f"{target}.{os.getpid()}.partial"
    command = [compiler, "-O2", "-shared", "-fPIC", "-D_GNU_SOURCE", "-Wall", f"-I{include}",
               source, "-o", partial]
    built = subprocess.run(command, capture_output=True, text=True)
    if built.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{built.stderr.strip()}")
    os.chmod(partial, 0o755)
    os.replace(partial, target)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1].strip())
    try:
        build(sys.argv[1], sys.argv[2])
    except (RuntimeError, OSError) as error:
        sys.exit(f"cannot build the runner's C part: {error}")
