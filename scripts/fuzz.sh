#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz/fuzz_*.c, built by the fuzz preset
# into build-fuzz/ with clang, ASan and UBSan), all at once (BTGPU_FUZZ_JOBS=N: N at a time), each for
# SECONDS (default 60), on a copy of its seed corpus and past findings
# (tests/fuzz/corpus/, tests/fuzz/regress/) in a temporary folder: the
# repository's corpus is never written. Prints each target's executions per
# second, coverage (libFuzzer's cov: and ft:) and findings, and exits 1 on
# any finding (a crash, a sanitizer report, a leak, a timeout, running out
# of memory), keeping the inputs in a folder it names.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     TARGET: csv param constraint strategy cli
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
all=(csv param constraint strategy cli)
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...] (SECONDS: a whole number >= 1; TARGET: ${all[*]})" >&2
  exit 2
fi
for t in "${targets[@]}"; do
  case " ${all[*]} " in *" $t "*) ;; *) echo "scripts/fuzz.sh: unknown target '$t' (targets: ${all[*]})" >&2; exit 2;; esac
done
scripts/install-deps.sh clang # libFuzzer comes with clang
cmake --preset fuzz >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/btgpu-fuzz.XXXXXX")
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# the targets run side by side, all at once (BTGPU_FUZZ_JOBS=N: N at a time), each for SECONDS of wall
# time: on fewer cores than targets each gets its share of them
jobs=${BTGPU_FUZZ_JOBS:-${#targets[@]}}
run_target() {
  local t=$1 dir=$work/$1
  mkdir -p "$dir/corpus" "$dir/findings"
  cp "$root/tests/fuzz/corpus/$t/"* "$dir/corpus/"
  find "$root/tests/fuzz/regress/$t" -type f ! -name '.*' -exec cp {} "$dir/corpus/" \;
  if [ "$t" = strategy ]; then # the repository's strategy files are seeds too
    for d in strategies tests/strategies bench/strategies; do cp "$root/$d/"*.py "$dir/corpus/"; done
  fi
  local args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
              -artifact_prefix="$dir/findings/")
  [ -f "$root/tests/fuzz/$t.dict" ] && args+=(-dict="$root/tests/fuzz/$t.dict")
  # the command line prints a lot: its stdout and stderr go nowhere (libFuzzer's reports still come)
  [ "$t" = cli ] && args+=(-close_fd_mask=3)
  local rc=0
  (cd "$dir" && "$root/build-fuzz/fuzz_$t" "${args[@]}" "$dir/corpus" >"$dir/log" 2>&1) || rc=$?
  echo "$rc" >"$dir/rc"
}
running=0
for t in "${targets[@]}"; do
  run_target "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true
failed=0
printf '[fuzz] %-11s %10s %10s %8s %8s %8s  %s\n' target runs exec/s cov ft corpus findings >&2
for t in "${targets[@]}"; do
  dir=$work/$t
  rc=$(cat "$dir/rc" 2>/dev/null || echo 1)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
  last=$(grep -E '^#[0-9]+.* cov: ' "$dir/log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  found=$(find "$dir/findings" -type f | wc -l)
  if [ "$rc" -ne 0 ] && [ "$found" -eq 0 ]; then found=1; fi
  printf '[fuzz] %-11s %10s %10s %8s %8s %8s  %s\n' "$t" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
         "${corp:-?}" "$found" >&2
  if [ "$found" -ne 0 ]; then
    failed=1
    echo "[fuzz] $t: FINDING (exit $rc); the inputs are in $dir/findings/, the log is $dir/log:" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*invariant failed|.*runtime error)' "$dir/log" | head -5 >&2 || true
    echo "[fuzz] replay one: build-fuzz/fuzz_$t FILE; then add it to tests/fuzz/regress/$t/" >&2
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "[fuzz] findings: kept $work" >&2
  exit 1
fi
rm -rf "$work"
echo "[fuzz] no findings" >&2
