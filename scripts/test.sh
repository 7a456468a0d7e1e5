#!/usr/bin/env bash
# Builds btgpu and runs every test: the Criterion unit tests and the live
# parity test against backtesting.py 0.6.6 (installed from PyPI into a cached
# virtualenv on the first run), diff_backends --slow, then scripts/sanitize.sh (ASan + UBSan, valgrind)
# and scripts/fuzz.sh (each libFuzzer target for BTGPU_FUZZ_SECONDS, 60 by default).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
export POCL_CACHE_DIR="${POCL_CACHE_DIR:-$PWD/build/pocl-cache}"
mkdir -p "$POCL_CACHE_DIR"
(cd build && ctest --output-on-failure -j"$(nproc)" "$@")
# the vector executor against the interpreter over 500 random programs, widened grids and full
# lane blocks (diff_backends --slow, about 2 minutes on 2 cores; BTGPU_DIFF_SLOW=0 skips it)
if [ "${BTGPU_DIFF_SLOW:-1}" != 0 ]; then
  python3 tests/parity/diff_backends.py --btgpu build/btgpu --slow --jobs "$(nproc)"
fi
# the Criterion suite under ASan + UBSan and a valgrind run of the CLI (BTGPU_SANITIZE=0 skips them)
if [ "${BTGPU_SANITIZE:-1}" != 0 ]; then
  scripts/sanitize.sh
fi
# each libFuzzer target for BTGPU_FUZZ_SECONDS seconds (60; BTGPU_FUZZ_SECONDS=0 skips them)
if [ "${BTGPU_FUZZ_SECONDS:-60}" != 0 ]; then
  scripts/fuzz.sh "${BTGPU_FUZZ_SECONDS:-60}"
fi
