"""mpirun -n 2 and -n 3 btgpu ... against one process: the same bytes in every output.

    test_mpi.py --btgpu PATH --mpirun PATH

Each case runs the same search in one process and under mpirun with two and three ranks
(two blocks per rank at least: the grids are large enough) and compares the
heatmap, statistics, trades and top-K files byte for byte and the summary line by
line (all but the timing line); a failing combination must fail the MPI run with the
one-process message and exit code and leave no output behind. Exit 0 when all agree.
"""
import argparse
import filecmp
import os
import subprocess
import sys
import tempfile

CASES = [
    ("native sma_cross, heatmap stats, min trades, top 3",
     ["--method", "grid", "--data", "synth:2500:4", "--param", "n1=2:60", "--param", "n2=10:220:2", "--constraint", "n1 < n2",
      "--heatmap-stats", "Sharpe Ratio,# Trades", "--min-trades", "8", "--top", "3", "--commission", "0.001"]),
    ("compiled rsi_threshold",
     ["--method", "grid", "--data", "synth:1500:5", "--strategy", "rsi_threshold", "--param", "rsi_window=5:25",
      "--param", "lower_bound=20:45:5", "--param", "upper_bound=55:85:10", "--maximize", "Return [%]", "--top", "2"]),
    ("three assets, median",
     ["--method", "grid", "--data", "synth:3000:1", "--data", "synth:4000:2", "--data", "synth:5000:3",
      "--param", "n1=2:60", "--param", "n2=10:200:4", "--constraint", "n1 < n2", "--aggregate", "median"]),
    ("randomized grid, --max-tries 0.3",
     ["--method", "grid", "--data", "synth:2500:7", "--param", "n1=2:100", "--param", "n2=10:400:2",
      "--constraint", "n1 < n2", "--max-tries", "0.3", "--random-state", "42", "--top", "2"]),
    ("randomized grid, --max-tries 500 over a constrained grid under 10,000",
     ["--method", "grid", "--data", "synth:3000:8", "--param", "n1=2:60", "--param", "n2=10:330:2",
      "--constraint", "n1 < n2", "--max-tries", "500", "--random-state", "7"]),
    ("walk-forward",
     ["--method", "walk-forward", "--data", "synth:9000:6", "--train", "4000", "--test", "1000",
      "--param", "n1=2:40", "--param", "n2=10:200:4", "--constraint", "n1 < n2", "--windows", "{d}/w.csv"]),
]


def run(cmd, env):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, env=env)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--btgpu", required=True)
    ap.add_argument("--mpirun", required=True)
    a = ap.parse_args()
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")
    mpi = [a.mpirun, "-n", "2", "--oversubscribe"]
    mpi3 = [a.mpirun, "-n", "3", "--oversubscribe"]
    tmp = tempfile.mkdtemp(prefix="btgpu-mpi-")
    bad = 0
    for name, args in CASES:
        outs = {}
        for tag, prefix in (("one", []), ("mpi", mpi), ("mpi3", mpi3)):
            d = os.path.join(tmp, tag)
            os.makedirs(d, exist_ok=True)
            outputs = ["--heatmap", os.path.join(d, "h.csv"), "--stats", os.path.join(d, "s.json"),
                       "--equity", os.path.join(d, "e.csv")]
            if "walk-forward" not in args:
                outputs += ["--trades", os.path.join(d, "t.csv")]
            cmd = prefix + [a.btgpu, "--threads", "1"] + [x.replace("{d}", d) for x in args] + outputs
            p = run(cmd, env)
            if p.returncode != 0:
                print("FAIL %s [%s]: exit %d: %s" % (name, tag, p.returncode, p.stderr.strip()[-400:]))
                bad += 1
            outs[tag] = (d, [l for l in p.stdout.splitlines() if not l.startswith("Backend ")])
        files = sorted(os.listdir(outs["one"][0]))
        for tag in ("mpi", "mpi3"):
            ranks = 2 if tag == "mpi" else 3
            if len(files) < 4 or files != sorted(os.listdir(outs[tag][0])):
                print("FAIL %s, %d ranks: files %s vs %s" % (name, ranks, files, sorted(os.listdir(outs[tag][0]))))
                bad += 1
                continue
            diff = [f for f in files if not filecmp.cmp(os.path.join(outs["one"][0], f), os.path.join(outs[tag][0], f),
                                                        shallow=False)]
            if diff or outs["one"][1] != outs[tag][1]:
                print("FAIL %s, %d ranks: differing files %s%s" % (name, ranks, diff, "" if outs["one"][1] ==
                                                                   outs[tag][1] else " and the summary"))
                bad += 1
            else:
                print("ok   %s, %d ranks: %d files and the summary agree" % (name, ranks, len(files)))
        for tag in outs:
            for f in os.listdir(outs[tag][0]):
                os.unlink(os.path.join(outs[tag][0], f))
    # a failing combination: the same message and exit code, no output file
    # (sl_pct varies slowest: the first failing combination, 9000 of the grid, is in the second block of
    # 2^24 / 2000 = 8388, which rank 1 evaluates)
    fail_args = ["--method", "grid", "--data", "synth:2000", "--strategy", "ema_cross", "--param", "sl_pct=0.0,2.0",
                 "--param", "n1=4:40", "--param", "n2=50:300"]
    h = os.path.join(tmp, "never.csv")
    one = run([a.btgpu] + fail_args + ["--heatmap", h], env)
    many = run(mpi + [a.btgpu] + fail_args + ["--heatmap", h], env)
    first = one.stderr.splitlines()[0] if one.stderr else ""
    want = "btgpu: rank 1: " + first[len("btgpu: "):]  # the one-process message, from the rank that met it
    if one.returncode != 1 or many.returncode != 1 or not first or want not in many.stderr or os.path.exists(h) \
            or any(f.startswith("never.csv") for f in os.listdir(tmp)):
        print("FAIL a failing combination: exit %d / %d, %r in %r" % (one.returncode, many.returncode, first,
                                                                     many.stderr[-400:]))
        bad += 1
    else:
        print("ok   a failing combination in rank 1's block: exit 1 with %r" % first[:80])
    print("test_mpi: %d mismatches" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
