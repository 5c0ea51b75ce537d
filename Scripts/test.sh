#!/usr/bin/env bash
# Builds everything, runs every test (small, medium and large), checks the bundled problems
# with the problem doctor, and lints the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
python3.11 -m unittest discover -s Tests/Python
swift build --build-tests
# One test at a time: several tests score samples and check timings, and beside the
# instruction meter's valgrind run or the headless browser (run in parallel otherwise) a
# per-problem efficiency moved past their bounds. Serial, the suite takes about 3 min.
swift test --skip-build --no-parallel
.build/debug/brisk problem check --all
swift format lint --strict -r Sources Tests Package.swift
