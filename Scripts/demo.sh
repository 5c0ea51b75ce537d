#!/usr/bin/env bash
# Brisk's main job on what ships with it: installs what is missing, builds Brisk, scores the
# two example submissions against the bundled problems, and prints the leaderboard.
# Results go to brisk.sqlite; a second run reuses every measurement and takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build -c release
brisk=".build/release/brisk"
"$brisk" sandbox doctor
for submission in Examples/submissions/*/; do
  "$brisk" score "$submission" --problems . --db brisk.sqlite --k 1
done
"$brisk" leaderboard --db brisk.sqlite --k 1
echo
echo "Stored in brisk.sqlite. Next: $brisk explain --db brisk.sqlite <run> <problem>;"
echo "$brisk leaderboard --db brisk.sqlite --format html --output leaderboard.html"
