#!/usr/bin/env python3
"""Installs btgpu into a temporary prefix and uses it as a user would.

    test_install.py --build BUILD_DIR --source SOURCE_DIR

1. `cmake --install BUILD --prefix TMP`; every file the README promises is there, the
   shared library's SONAME is libbtgpu.so.0 and it exports exactly the functions
   include/btgpu.h declares;
2. the README's C example (the first ```c block of its "Library" section), built three
   ways: with `pkg-config --cflags --libs btgpu`, with the README's CMake lines
   (find_package(btgpu) and btgpu::btgpu), and statically with the installed libbtgpu.a
   and `pkg-config --static --libs btgpu`;
3. each example's answer (best n1, n2 and Equity Final on the synthetic series) equals the
   installed `btgpu` command's on the same grid (its --stats file), bit for bit.

Standard library only. Exit 0 when everything holds, 1 with the reasons otherwise.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
    return ok


def run(cmd, env=None, cwd=None):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                       env=env, cwd=cwd)
    if p.returncode != 0:
        print("$ " + " ".join(cmd) + "\n" + p.stdout)
    return p.returncode, p.stdout


def readme_blocks(source):
    with open(os.path.join(source, "README.md")) as f:
        text = f.read()
    lib = text[text.index("\n## Library"):]
    lib = lib[:lib.index("\n## ", 1)]
    c = re.search(r"```c\n(.*?)```", lib, re.S).group(1)
    cmake = re.search(r"```cmake\n(.*?)```", lib, re.S).group(1)
    return c, cmake


def answer(out):
    m = re.search(r"best n1=(\S+) n2=(\S+): Equity Final (\S+)", out)
    return (float(m.group(1)), float(m.group(2)), float(m.group(3))) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--source", required=True)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="btgpu-install-")
    try:
        prefix = os.path.join(tmp, "prefix")
        rc, out = run(["cmake", "--install", a.build, "--prefix", prefix])
        if not check(rc == 0, "cmake --install --prefix " + prefix):
            return 1
        found = {}
        for root, _, files in os.walk(prefix):
            for f in files:
                found.setdefault(f, os.path.join(root, f))
        # btgpu-mpi (the MPI build btgpu hands over to under mpirun) where the build made one, beside btgpu
        mpi = ["btgpu-mpi"] if os.path.exists(os.path.join(a.build, "btgpu-mpi")) else []
        for f in ["btgpu", "libbtgpu.a", "libbtgpu.so", "libbtgpu.so.0", "btgpu.h", "btgpu.pc", "btgpuConfig.cmake",
                  "btgpuConfigVersion.cmake", "btgpuTargets.cmake", "btgpu.1", "LICENSE"] + mpi:
            check(f in found or os.path.islink(os.path.join(os.path.dirname(found.get("libbtgpu.a", prefix)), f)),
                  "installed " + f)
        if mpi and "btgpu-mpi" in found:
            check(os.path.dirname(found["btgpu-mpi"]) == os.path.dirname(found["btgpu"]), "btgpu-mpi beside btgpu")
        if failures:
            return 1
        libdir = os.path.dirname(found["libbtgpu.a"])
        so = os.path.join(libdir, "libbtgpu.so")
        rc, out = run(["readelf", "-d", so])
        check(rc == 0 and "[libbtgpu.so.0]" in out, "SONAME libbtgpu.so.0")
        rc, out = run(["nm", "-D", "--defined-only", so])
        exported = sorted({ln.split()[2] for ln in out.splitlines() if len(ln.split()) == 3 and ln.split()[1] == "T"})
        with open(found["btgpu.h"]) as f:
            declared = sorted(set(re.findall(r"^BTGPU_API [^(]*?\b(bt_\w+)\(", f.read(), re.M)))
        check(len(declared) > 20 and exported == declared,
              "the shared library exports exactly the %d functions btgpu.h declares (it exports %d%s)"
              % (len(declared), len(exported), "" if exported == declared else
                 ": extra %s, missing %s" % (sorted(set(exported) - set(declared))[:5],
                                             sorted(set(declared) - set(exported))[:5])))
        rc, out = run(["man", "-l", found["btgpu.1"]], env=dict(os.environ, MANWIDTH="100"))
        check(rc != 0 or ("--maximize" in out.replace("\u2010", "-") and "EXIT STATUS" in out),
              "the man page renders with the options and exit status")

        # what the installed command says
        st = os.path.join(tmp, "stats.json")
        rc, out = run([found["btgpu"], "--method", "grid", "--data", "synth:2148:1", "--param", "n1=5:30:5",
                       "--param", "n2=10:70:5", "--constraint", "n1 < n2", "--maximize", "Equity Final [$]",
                       "--commission", "0.002", "--quiet", "--stats", st])
        if not check(rc == 0, "installed btgpu runs the grid"):
            return 1
        with open(st) as f:
            stats = json.load(f)
        want = (float(stats["params"]["n1"]), float(stats["params"]["n2"]), float(stats["stats"]["Equity Final [$]"]))

        c_text, cmake_text = readme_blocks(a.source)
        src = os.path.join(tmp, "example.c")
        with open(src, "w") as f:
            f.write(c_text)
        env = dict(os.environ, PKG_CONFIG_PATH=os.path.dirname(found["btgpu.pc"]),
                   LD_LIBRARY_PATH=libdir + (":" + os.environ["LD_LIBRARY_PATH"] if "LD_LIBRARY_PATH" in os.environ else ""))
        cc = os.environ.get("CC", "cc")

        # 1. pkg-config, shared
        rc, flags = run(["pkg-config", "--cflags", "--libs", "btgpu"], env=env)
        exe = os.path.join(tmp, "example-pkgconfig")
        if check(rc == 0, "pkg-config --cflags --libs btgpu: " + flags.strip()):
            rc, out = run([cc, src] + flags.split() + ["-o", exe], env=env)
            if check(rc == 0, "the README example builds with pkg-config"):
                rc, out = run([exe], env=env)
                check(rc == 0 and answer(out) == want, "its answer %r equals btgpu's %r" % (answer(out), want))

        # 2. find_package
        proj = os.path.join(tmp, "cmake-example")
        os.makedirs(proj)
        shutil.copy(src, proj)
        with open(os.path.join(proj, "CMakeLists.txt"), "w") as f:
            f.write("cmake_minimum_required(VERSION 3.18)\nproject(example C)\n" + cmake_text)
        bdir = os.path.join(proj, "build")
        rc, out = run(["cmake", "-S", proj, "-B", bdir, "-DCMAKE_PREFIX_PATH=" + prefix], env=env)
        if check(rc == 0, "find_package(btgpu) configures"):
            rc, out = run(["cmake", "--build", bdir], env=env)
            if check(rc == 0, "the README example builds with btgpu::btgpu"):
                rc, out = run([os.path.join(bdir, "example")], env=env)
                check(rc == 0 and answer(out) == want, "its answer %r equals btgpu's %r" % (answer(out), want))

        # 3. static
        rc, flags = run(["pkg-config", "--static", "--libs", "btgpu"], env=env)
        if check(rc == 0 and "-lbtgpu" in flags.split(), "pkg-config --static --libs btgpu: " + flags.strip()):
            libs = [found["libbtgpu.a"] if x == "-lbtgpu" else x for x in flags.split()]
            cflags = run(["pkg-config", "--cflags", "btgpu"], env=env)[1].split()
            exe = os.path.join(tmp, "example-static")
            rc, out = run([cc, src] + cflags + libs + ["-o", exe], env=env)
            if check(rc == 0, "the README example links statically from pkg-config --static"):
                rc, ldd = run(["ldd", exe])
                check("libbtgpu" not in ldd, "the static example does not load libbtgpu.so")
                rc, out = run([exe], env=env)
                check(rc == 0 and answer(out) == want, "its answer %r equals btgpu's %r" % (answer(out), want))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("test_install: %d failures" % len(failures))
        return 1
    print("test_install: everything holds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
