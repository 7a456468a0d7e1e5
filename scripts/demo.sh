#!/usr/bin/env bash
# Builds btgpu and runs a demo grid sweep on a built-in synthetic series.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
build/btgpu synth --bars 2500 --seed 42 --output build/demo.csv
build/btgpu --method grid --data build/demo.csv --strategy sma_cross \
  --param n1=5:60:5 --param n2=10:250:5 --constraint 'n1 < n2' \
  --maximize 'Equity Final [$]' --cash 10000 --commission 0.002 \
  --heatmap build/demo-heatmap.csv --stats build/demo-stats.json --report build/demo-report.html "$@"
echo
echo "Heatmap: build/demo-heatmap.csv   Best combination's statistics: build/demo-stats.json"
echo "Report (open it in a browser): build/demo-report.html"
