#!/usr/bin/env bash
# Builds everything, runs every test (small, medium and large), checks the bundled problems
# with the problem doctor, and lints the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
python3.11 -m unittest discover -s Tests/Python
swift build --build-tests
swift test --skip-build
.build/debug/brisk problem check --all
swift format lint --strict -r Sources Tests Package.swift
