"""What the parity scripts share: importing a strategy file and comparing numbers."""
import argparse
import importlib.util
import math
import os
import sys

REPO = os.environ.get("BTGPU_REPO") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def strategy_class(path):
    """The one Strategy subclass defined in REPO/path, its module registered in sys.modules
    so that backtesting.py's optimize() worker pool can pickle the class."""
    from backtesting import Strategy
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], os.path.join(REPO, path))
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return next(v for v in vars(mod).values()
                if isinstance(v, type) and issubclass(v, Strategy) and v is not Strategy and v.__module__ == mod.__name__)


def close(a, b):
    """Equal to 1e-9 relative; None and NaN match only themselves."""
    if a is None or b is None:
        return a is None and b is None
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def btgpu_args():
    """--btgpu PATH [--backend LIST] (reference,cpu)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--btgpu", required=True)
    ap.add_argument("--backend", default="reference,cpu")
    return ap.parse_args()
