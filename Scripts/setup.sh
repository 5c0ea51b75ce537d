#!/usr/bin/env bash
# Installs the system packages Brisk needs on Debian 12 (idempotent; run as root).
set -euo pipefail
packages=(libseccomp-dev libsqlite3-dev python3.11 python3.11-dev gcc bubblewrap valgrind)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
