#!/usr/bin/env python3
"""Live parity test of btgpu against backtesting.py 0.6.6.

Creates (or reuses) a private virtualenv holding the pinned versions of
requirements.txt, then runs cases.py inside it.  Stdlib only; runs under any
CPython >= 3.9.

    python3 tests/parity/run_parity.py [--btgpu build/btgpu] [--only CASE] [--quick] ...

Options passed on to cases.py (all of them: `run_parity.py --help-cases`):

    --btgpu PATH      the binary (default: $BTGPU or <repo>/build/btgpu)
    --backend B[,B]   btgpu backend(s) to compare, e.g. reference,cpu (default: reference)
    --only CASE[,..]  run only these cases (id or name; --list shows them)
    --quick           reduced grids (a few seconds per case)
    --slow            also the 4538-combination reference grid (about 2-3 min more)
    --python-only     run and print only the backtesting.py side

Options read here:

    --python PATH     interpreter to build the virtualenv from (default: this one)
    --setup-only      create/verify the virtualenv and stop
    --strategy-files  instead of the grid cases, run strategy_cases.py: the
                      built-in strategies/*.py, the corpus tests/strategies/*.py
                      and generated programs (gen_strategies.py), each imported
                      into backtesting.py and compared with btgpu --strategy
                      FILE.py:Class (its options: --slow = 200 generated
                      programs, --only, --python-only, --backend, --btgpu ...;
                      see strategy_cases.py --help)
    --random-search   instead of the grid cases, run random_cases.py:
                      backtesting.py's randomized grid (max_tries,
                      random_state) against btgpu --max-tries --random-state
                      (--btgpu PATH, --backend LIST)
    --best-run        instead of the grid cases, run best_run_cases.py: the
                      best run's --trades / --equity files against
                      backtesting.py's stats._trades / _equity_curve.to_csv()
    --multi-asset     instead of the grid cases, run multi_asset_cases.py:
                      several --data in one run against backtesting.py's
                      optimize on each asset (heatmaps, aggregate, choice)
    --walk-forward    instead of the grid cases, run walk_forward_cases.py:
                      --method walk-forward against backtesting.py's
                      optimize / run on the same df.iloc slices
    --stats-check BIN instead of the grid cases, dump backtesting.py runs with
                      stats_oracle.py and check every statistic of each with
                      BIN (the stats_check program built from stats_check.c)
    --help-cases      show cases.py's options

Environment:

    BTGPU_PARITY_VENV  use this directory for the virtualenv instead of
                       ${XDG_CACHE_HOME:-~/.cache}/btgpu/parity-venv-<hash>

Exit status: that of cases.py (0 = parity, 1 = mismatch, 2 = usage/setup
error), or 1 when the virtualenv cannot be set up.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
REQUIREMENTS = os.path.join(HERE, "requirements.txt")
CASES = os.path.join(HERE, "cases.py")
STRATEGY_CASES = os.path.join(HERE, "strategy_cases.py")
RANDOM_CASES = os.path.join(HERE, "random_cases.py")
BEST_RUN_CASES = os.path.join(HERE, "best_run_cases.py")
MULTI_ASSET_CASES = os.path.join(HERE, "multi_asset_cases.py")
WALK_FORWARD_CASES = os.path.join(HERE, "walk_forward_cases.py")
MARKER = ".btgpu-parity-ok"

if sys.version_info < (3, 9):
    sys.exit("run_parity.py needs Python >= 3.9 (this is %s)" % sys.version.split()[0])


def say(msg):
    print("[parity] " + msg, flush=True)


def fail(msg, code=1):
    print("[parity] ERROR: " + msg, file=sys.stderr, flush=True)
    sys.exit(code)


def venv_python(venv):
    if os.name == "nt":
        return os.path.join(venv, "Scripts", "python.exe")
    return os.path.join(venv, "bin", "python")


def interpreter_version(python):
    """'3.11.7' for the interpreter at `python` (full version incl. implementation)."""
    if os.path.abspath(python) == os.path.abspath(sys.executable):
        impl = sys.implementation.name
        return "%s-%d.%d.%d" % ((impl,) + tuple(sys.version_info[:3]))
    try:
        out = subprocess.run(
            [python, "-c",
             "import sys; print('%s-%d.%d.%d' % ((sys.implementation.name,) + tuple(sys.version_info[:3])))"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        fail("cannot run the interpreter %r: %s" % (python, e))
    return out.stdout.strip()


def venv_dir(req_bytes, pyver, prefix="parity-venv-", env_var="BTGPU_PARITY_VENV"):
    digest = hashlib.sha256(req_bytes + pyver.encode()).hexdigest()
    explicit = os.environ.get(env_var)
    if explicit:
        return os.path.abspath(os.path.expanduser(explicit)), digest
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "btgpu", prefix + digest[:12]), digest


def read_marker(venv):
    try:
        with open(os.path.join(venv, MARKER)) as f:
            return f.read().strip()
    except OSError:
        return None


def has_stdlib_venv(python):
    """True if `python -m venv` can make a venv with pip (Debian splits ensurepip
    into the python3-venv package)."""
    r = subprocess.run([python, "-c", "import venv, ensurepip"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0


def create_venv(python, path):
    if has_stdlib_venv(python):
        cmd = [python, "-m", "venv", path]
    else:
        virtualenv = shutil.which("virtualenv")
        if virtualenv:
            cmd = [virtualenv, "-q", "-p", python, path]
        elif subprocess.run([python, "-c", "import virtualenv"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL).returncode == 0:
            cmd = [python, "-m", "virtualenv", "-q", path]
        else:
            fail("`%s -m venv` is unavailable (the venv/ensurepip modules are missing; on "
                 "Debian/Ubuntu install them with `apt-get install python3-venv`, which "
                 "scripts/install-deps.sh does), and virtualenv is not installed either." % python)
    say("creating virtualenv: " + " ".join(cmd))
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if r.returncode != 0:
        sys.stdout.write(r.stdout)
        hint = ""
        if "ensurepip" in r.stdout:
            hint = " (on Debian/Ubuntu: apt-get install python3-venv)"
        fail("cannot create a virtualenv with %s%s" % (" ".join(cmd), hint))


def pip_install(vpy, req):
    cmd = [vpy, "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
           "--progress-bar", "off", "-r", req]
    say("installing requirements: " + " ".join(cmd[1:]))
    env = dict(os.environ)
    env.pop("PIP_REQUIRE_VIRTUALENV", None)
    env.pop("PIP_USER", None)
    tail = []
    errors = []
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True, env=env)
    for line in p.stdout:
        line = line.rstrip("\n")
        print("  pip| " + line, flush=True)
        tail = (tail + [line])[-15:]
        if line.startswith("ERROR:"):
            errors.append(line[len("ERROR:"):].strip())
    rc = p.wait()
    if rc != 0:
        why = "; ".join(errors) if errors else (tail[-1] if tail else "no output")
        fail("cannot install backtesting==0.6.6 from PyPI: pip exited with status %d: %s" % (rc, why))


def ensure_venv(python, requirements=REQUIREMENTS, prefix="parity-venv-", env_var="BTGPU_PARITY_VENV"):
    """The cached virtualenv with the requirements file's packages (keyed on its
    content and the interpreter), made on first use."""
    with open(requirements, "rb") as f:
        req_bytes = f.read()
    pyver = interpreter_version(python)
    venv, digest = venv_dir(req_bytes, pyver, prefix, env_var)
    marker = read_marker(venv)
    if marker == digest and os.path.exists(venv_python(venv)):
        say("reusing virtualenv %s (%s)" % (venv, pyver))
        return venv
    if os.path.exists(venv):
        if marker is None:
            fail("%s exists but is not a virtualenv made by run_parity.py (no %s file); "
                 "remove it or point %s elsewhere" % (venv, MARKER, env_var))
        # Ours, but for other requirements/interpreter (only with BTGPU_PARITY_VENV):
        # move it aside first so that a crash never leaves a half-deleted venv with a marker.
        say("virtualenv %s is outdated (requirements or interpreter changed); rebuilding" % venv)
        old = tempfile.mkdtemp(prefix=".old-", dir=os.path.dirname(venv))
        os.rename(venv, os.path.join(old, "venv"))
        shutil.rmtree(old, ignore_errors=True)

    parent = os.path.dirname(venv)
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=os.path.basename(venv) + ".tmp-", dir=parent)
    ok = False
    try:
        build = os.path.join(tmp, "venv")
        create_venv(python, build)
        vpy = venv_python(build)
        pip_install(vpy, requirements)
        with open(os.path.join(build, MARKER), "w") as f:
            f.write(digest + "\n")
        try:
            os.rename(build, venv)
        except OSError:
            if read_marker(venv) == digest:      # a concurrent run finished first
                say("another run installed %s meanwhile; using it" % venv)
            else:
                raise
        ok = True
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if not ok:
            say("removed the incomplete virtualenv")
    say("virtualenv ready: %s (%s)" % (venv, pyver))
    return venv


def run_stats_check(venv, program, extra):
    """stats_oracle.py (in the venv) -> dump file -> stats_check program."""
    fd, dump = tempfile.mkstemp(prefix="btgpu-stats-oracle-", suffix=".txt")
    os.close(fd)
    try:
        cmd = [venv_python(venv), os.path.join(HERE, "stats_oracle.py"), dump] + extra
        say("running " + " ".join(cmd))
        rc = subprocess.call(cmd)
        if rc != 0:
            fail("stats_oracle.py failed with status %d" % rc)
        say("running %s %s" % (program, dump))
        return subprocess.call([program, dump])
    finally:
        os.unlink(dump)


def main(argv):
    python = sys.executable
    setup_only = False
    stats_check = None
    script = CASES
    rest = []
    it = iter(argv)
    for a in it:
        if a == "--python":
            python = next(it, None)
            if not python:
                fail("--python needs an interpreter path", 2)
            python = shutil.which(python) or python
        elif a.startswith("--python="):
            python = shutil.which(a.split("=", 1)[1]) or a.split("=", 1)[1]
        elif a == "--setup-only":
            setup_only = True
        elif a == "--stats-check":
            stats_check = next(it, None)
            if not stats_check:
                fail("--stats-check needs the stats_check program", 2)
        elif a == "--strategy-files":
            script = STRATEGY_CASES
        elif a == "--random-search":
            script = RANDOM_CASES
        elif a == "--best-run":
            script = BEST_RUN_CASES
        elif a == "--multi-asset":
            script = MULTI_ASSET_CASES
        elif a == "--walk-forward":
            script = WALK_FORWARD_CASES
        elif a == "--help-cases":
            rest.append("--help")
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            rest.append(a)
    venv = ensure_venv(python)
    if setup_only:
        return 0
    if stats_check:
        return run_stats_check(venv, stats_check, rest)
    cmd = [venv_python(venv), script] + rest
    say("running " + " ".join(cmd))
    env = dict(os.environ)
    env.setdefault("BTGPU_REPO", REPO)
    env["PYTHONUNBUFFERED"] = "1"
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
