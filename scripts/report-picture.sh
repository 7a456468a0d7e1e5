#!/usr/bin/env bash
# Runs the demo and renders the top of its report (build/demo-report.html)
# with headless Chromium into docs/report.png, the picture in the README.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/demo.sh --quiet
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --user-data-dir="$profile" --window-size=1280,1640 --screenshot="$PWD/docs/report.png" \
  "file://$PWD/build/demo-report.html" 2>/dev/null
echo "docs/report.png"
