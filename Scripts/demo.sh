#!/usr/bin/env bash
# Installs what is missing, builds Brisk, and shows the sandbox's layers on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build -c release
.build/release/brisk sandbox doctor
