"""The README's Python example, run as a script; its answer checked against backtesting.py's."""

import os
import re
import subprocess
import sys

import backtesting
from backtesting.test import GOOG

from conftest import REPO


def test_readme_example(tmp_path):
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"<!-- the package's tests run this script[^\n]*\n```python\n(.*?)```", text, re.S)
    assert m, "the README has no Python example"
    script = tmp_path / "example.py"
    script.write_text(m.group(1))
    r = subprocess.run([sys.executable, "-W", "ignore", str(script)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    line = [ln for ln in r.stdout.splitlines() if "Equity Final [$]:" in ln and "(" in ln][0]
    # the same search in backtesting.py (the example's class, imported from the script)
    sys.path.insert(0, str(tmp_path))
    try:
        import example
        ref = backtesting.Backtest(GOOG, example.SmaCross, cash=10_000, commission=.002).optimize(
            n1=range(5, 30, 5), n2=range(10, 70, 5), constraint=lambda p: p.n1 < p.n2,
            maximize="Equity Final [$]")
    finally:
        sys.path.remove(str(tmp_path))
    assert line.startswith(str(ref["_strategy"]) + " "), (line, str(ref["_strategy"]))
    assert abs(float(line.rsplit(" ", 1)[1]) - ref["Equity Final [$]"]) <= 1e-9 * ref["Equity Final [$]"]
