"""Costs beyond one search: several assets in one run, walk-forward, and MPI ranks,
each beside the equivalent loop of single btgpu runs, timed interleaved (medians).

    python3 bench/beyond.py --btgpu build/btgpu [--repeat 5] [--mpirun PATH]

Stdlib only; the data are btgpu's synthetic series (btgpu synth). The figures are
whole-process wall times on this machine: compare the ratios, not the seconds.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def wall(cmd, env=None):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t


def timed(rows, repeat):
    """rows: [(label, [cmd, ...])]: each row's commands run back to back; rows interleaved."""
    times = {label: [] for label, _ in rows}
    for _ in range(repeat):
        for label, cmds in rows:
            times[label].append(sum(wall(c, env) for c, env in cmds))
    return {label: statistics.median(v) for label, v in times.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--btgpu", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--mpirun", default=shutil.which("mpirun"))
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="btgpu-beyond-")
    files = []
    for k, bars in enumerate((20000, 30000, 40000)):
        files.append(os.path.join(tmp, "asset%d.csv" % k))
        subprocess.run([a.btgpu, "synth", "--bars", str(bars), "--seed", str(k + 1), "--output", files[-1]], check=True)
    grid = ["--strategy", "rsi_threshold", "--param", "rsi_window=5:25", "--param", "lower_bound=20:45:5",
            "--param", "upper_bound=55:85:10", "--quiet", "--threads", "2"]
    out = []

    multi = [([a.btgpu, "--method", "grid"] + sum((["--data", f] for f in files), []) + grid, None)]
    loop = [([a.btgpu, "--method", "grid", "--data", f] + grid, None) for f in files]
    t = timed([("3 assets, one run", multi), ("3 single runs", loop)], a.repeat)
    out.append(("several assets (3 files, 20000-40000 bars, 600 combinations each)", t))

    wf = [([a.btgpu, "--method", "walk-forward", "--data", files[2], "--train", "10000", "--test", "5000"] + grid,
           None)]
    # the same windows as single runs: a search per train slice (written out once), then one run per test slice
    slices = []
    for w in range(6):
        a0, b0 = w * 5000, w * 5000 + 10000
        path = os.path.join(tmp, "train%d.csv" % w)
        with open(files[2]) as f:
            lines = f.readlines()
        with open(path, "w") as f:
            f.write(lines[0])
            f.writelines(lines[1 + a0:1 + b0])
        slices.append(([a.btgpu, "--method", "grid", "--data", path] + grid, None))
    t = timed([("walk-forward, one run", wf), ("6 train searches", slices)], a.repeat)
    out.append(("walk-forward (40000 bars, train 10000, test 5000: 6 windows)", t))

    if a.mpirun:
        env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
        big = ["--method", "grid", "--data", files[2], "--strategy", "rsi_threshold", "--param", "rsi_window=5:25",
               "--param", "lower_bound=20:45:1", "--param", "upper_bound=55:85:5", "--quiet", "--threads", "1"]
        rows = [("1 process, 1 thread", [([a.btgpu] + big, None)]),
                ("mpirun -n 2, 1 thread each", [([a.mpirun, "-n", "2", a.btgpu] + big, env)]),
                ("1 process, 2 threads", [([a.btgpu] + big[:-1] + ["2"], None)])]
        t = timed(rows, a.repeat)
        out.append(("MPI (rsi_threshold, 3000 combinations of 40000 bars)", t))

    print("| case | row | median wall s | vs first row |")
    print("|---|---|---|---|")
    for name, t in out:
        first = next(iter(t.values()))
        for label, v in t.items():
            print("| %s | %s | %.3f | %.2fx |" % (name, label, v, v / first))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
