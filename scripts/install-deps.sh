#!/usr/bin/env bash
# Installs the Debian packages btgpu needs to build and test, when missing
# (and those named as arguments).
# Safe to run repeatedly: it does nothing when everything is present.
set -euo pipefail

packages=(gcc make cmake pkg-config libcsv-dev libcriterion-dev python3 python3-venv
          ocl-icd-opencl-dev opencl-headers pocl-opencl-icd libopenmpi-dev openmpi-bin valgrind
          chromium fonts-dejavu-core)
packages+=("$@") # more for one script (scripts/fuzz.sh: clang)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "btgpu: installing Debian packages: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "btgpu: please install as root: apt-get install ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
