#!/usr/bin/env python3
"""Builds and installs the btgpu package into a cached virtualenv and runs its
pytest suite (python/tests/test_*.py).

    python3 python/tests/run_tests.py [--python PY] [PYTEST ARGS...]

The virtualenv, ${XDG_CACHE_HOME:-~/.cache}/btgpu/python-venv-<hash>, holds
python/tests/requirements.txt (backtesting.py 0.6.6, pandas, pytest,
scikit-build-core) and is made on the first run (the same mechanism as the
parity test's, tests/parity/run_parity.py); BTGPU_PYTHON_VENV names another
folder. The package is built with `pip install --no-build-isolation` into
build/python/site (CMake's folder: build/python/cmake, so a second run only
rebuilds what changed) and imported from there.
Stdlib only. Exit status: pytest's (0: every test passed), or 1 when the
virtualenv or the package cannot be set up.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "parity"))
import run_parity  # noqa: E402  (ensure_venv, venv_python)


def main(argv):
    python = sys.executable
    if argv[:1] == ["--python"] and len(argv) > 1:
        python, argv = argv[1], argv[2:]
    venv = run_parity.ensure_venv(python, os.path.join(HERE, "requirements.txt"), "python-venv-",
                                  "BTGPU_PYTHON_VENV")
    vpy = run_parity.venv_python(venv)
    env = dict(os.environ)
    env.pop("PIP_REQUIRE_VIRTUALENV", None)
    env.pop("PIP_USER", None)
    env.pop("BTGPU_LIBRARY", None)
    # installed into this checkout's build/python/site, not into the shared virtualenv, so that
    # several checkouts can test at once
    site = os.path.join(REPO, "build", "python", "site")
    cmd = [vpy, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off",
           "--no-build-isolation", "--no-deps", "--upgrade", "-q", "--target", site,
           "-C", "build-dir=" + os.path.join(REPO, "build", "python", "cmake"), REPO]
    run_parity.say("building and installing the package: " + " ".join(cmd[1:]))
    if subprocess.run(cmd, env=env).returncode != 0:
        run_parity.fail("cannot build and install the btgpu package")
    env["PYTHONPATH"] = site + os.pathsep + env.get("PYTHONPATH", "") if env.get("PYTHONPATH") else site
    # run from the tests' folder so that `import btgpu` finds the installed package, not python/btgpu
    cmd = [vpy, "-m", "pytest", "-q", "-p", "no:cacheprovider", HERE] + argv
    run_parity.say("running " + " ".join(cmd[1:]))
    return subprocess.run(cmd, cwd=HERE, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
