#!/usr/bin/env bash
# Brisk's main job on what ships with it: installs what is missing, builds Brisk, scores the
# two example submissions against the bundled problems, and prints the leaderboard.
# Results go to demo.sqlite; a second run reuses every measurement and takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build -c release
brisk=".build/release/brisk"
"$brisk" sandbox doctor
for submission in Examples/submissions/*/; do
  "$brisk" score "$submission" --problems . --db demo.sqlite --k 1
done
"$brisk" leaderboard --db demo.sqlite --k 1
echo
echo "Stored in demo.sqlite. Next: $brisk explain --db demo.sqlite <run> <problem>;"
echo "$brisk leaderboard --db demo.sqlite --format html --output leaderboard.html"
