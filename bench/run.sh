#!/usr/bin/env bash
# Builds btgpu, prepares a virtualenv with the pinned peers (backtesting.py,
# vectorbt) and runs the benchmark. Options go to bench.py:
#   --quick         smaller sizes        --huge   also 10^8 combinations (minutes)
#   --repeat N      timing repeats (5)   --out DIR  results folder (build/bench)
#   --skip-vectorbt
#   --strategies    only the compiled-strategies section (every built-in
#                   strategy and the order-kind files in bench/strategies/
#                   on GOOG, beside backtesting.py; about a minute or two;
#                   also writes strategies.md / strategies.csv)
#   --skip-strategies  leave that section out of the full run
# BTGPU=path/to/btgpu uses that binary instead of building build/btgpu.
set -euo pipefail
cd "$(dirname "$0")/.."
btgpu=${BTGPU:-}
if [ -z "$btgpu" ]; then
  scripts/build.sh >/dev/null
  btgpu=build/btgpu
fi
req=bench/requirements.txt
py=${PYTHON:-python3}
key=$( (cat "$req"; "$py" -c 'import sys; print(sys.version)') | sha256sum | cut -c1-12)
venv="${XDG_CACHE_HOME:-$HOME/.cache}/btgpu/bench-venv-$key"
if [ ! -f "$venv/.btgpu-bench-ok" ]; then
  echo "[bench] installing the peers into $venv (once)" >&2
  rm -rf "$venv.tmp"
  "$py" -m venv "$venv.tmp"
  "$venv.tmp/bin/pip" install -q -r "$req"
  rm -rf "$venv"
  mv "$venv.tmp" "$venv"
  # a moved venv's scripts keep the old path; the interpreter is what we run
  touch "$venv/.btgpu-bench-ok"
fi
export POCL_CACHE_DIR="${POCL_CACHE_DIR:-$PWD/build/pocl-cache}"; mkdir -p "$POCL_CACHE_DIR"
exec "$venv/bin/python" bench/bench.py --btgpu "$btgpu" "$@"
