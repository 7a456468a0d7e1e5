#!/usr/bin/env bash
# The Criterion test suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (the asan preset, build-asan/), leak-checked, then a valgrind memcheck run of
# the CLI on a small grid. Any finding fails. Part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset asan >/dev/null
cmake --build build-asan -j"$(nproc)" >/dev/null
export POCL_CACHE_DIR="$PWD/build-asan/pocl-cache"
mkdir -p "$POCL_CACHE_DIR"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
echo "[sanitize] the Criterion tests under ASan + UBSan (leaks checked; tests/lsan.supp: the OpenCL runtime's own)" >&2
(cd build-asan && ctest --output-on-failure -j"$(nproc)" -E 'parity|diff_backends|install|mpi|python_package')

# valgrind memcheck of the CLI on a small grid, a native and a compiled strategy (built without
# -march=native: valgrind does not decode AVX-512)
if ! command -v valgrind >/dev/null 2>&1; then
  echo "[sanitize] valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
fi
cmake --preset valgrind >/dev/null
cmake --build build-valgrind -j"$(nproc)" --target btgpu >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for strategy in sma_cross rsi_threshold; do
  if [ "$strategy" = sma_cross ]; then grid=(--param n1=5:30:5 --param n2=10:60:10 --constraint 'n1 < n2')
  else grid=(--param rsi_window=10,14 --param lower_bound=25,30); fi
  echo "[sanitize] valgrind memcheck: btgpu --strategy $strategy" >&2
  valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
           --show-leak-kinds=definite,indirect \
    build-valgrind/btgpu --method grid --data synth:600:3 --strategy "$strategy" "${grid[@]}" --threads 2 \
                --heatmap "$tmp/h.csv" --stats "$tmp/s.json" --trades "$tmp/t.csv" --report "$tmp/r.html" \
                --plot "$tmp/p.svg" --quiet
done
echo "[sanitize] clean" >&2
