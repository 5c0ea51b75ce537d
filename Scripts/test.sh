#!/usr/bin/env bash
# Builds everything and runs every test (small, medium and large), then lints the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
python3.11 -m unittest discover -s Tests/Python
swift build --build-tests
swift test --skip-build
swift format lint --strict -r Sources Tests Package.swift
