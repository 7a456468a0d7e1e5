#!/usr/bin/env python3
"""--report and --plot against the heatmap file, rendered in headless Chromium.

For several grids (two and four parameters, a constraint that leaves cells
empty, cells without trades, an axis long enough to share cells, every
--report-agg) it checks that:
- the SVG's cells are exactly the cells the heatmap CSV gives: one per
  (x, y) pair with at least one combination, each tooltip naming its values
  and the aggregate of the key over the other parameters (max, min: the same
  double; mean: within 1e-12), its fill the colour scale's colour for that
  value (NaN: the NaN grey), and the best combination's cell outlined;
- Chromium renders the SVG with those colours at the cells' centres and the
  outline's colour on the best cell's border (the PNG read back here);
- the HTML page loads with no console message, its DOM holds the same
  cells, the statistics table holds --stats' values and the trades table one
  row per trade of --trades;
- bad uses are usage errors that leave existing files alone.
Standard library only.
"""
import argparse
import csv
import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib
from html.parser import HTMLParser

SVG = "{http://www.w3.org/2000/svg}"
# the colour scale as documented in the README: nine anchors, linear per channel, rounded half up
PALETTE = [(0x23, 0x10, 0x4f), (0x35, 0x2a, 0x87), (0x25, 0x55, 0x9f), (0x1c, 0x7e, 0xa1), (0x20, 0xa1, 0x8e),
           (0x4c, 0xbe, 0x6c), (0x93, 0xd3, 0x48), (0xd2, 0xe0, 0x3b), (0xfb, 0xef, 0x9a)]
NAN_FILL = (0xc8, 0xc8, 0xc8)
BEST = (0xe4, 0x00, 0x2b)
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)
    return ok


def colour(t):
    t = min(max(t, 0.0), 1.0) if t == t else 0.0
    pos = t * 8
    i = min(int(math.floor(pos)), 7)
    f = pos - i
    return tuple(int(math.floor(PALETTE[i][k] + (PALETTE[i + 1][k] - PALETTE[i][k]) * f + 0.5)) for k in range(3))


def hex_rgb(s):
    return tuple(int(s[i:i + 2], 16) for i in (1, 3, 5))


def read_png(path):
    """(width, height, rows of (r, g, b)) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        ft, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(w)])
        prev = line
    return w, h, rows


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if shutil.which(name):
            return shutil.which(name)
    sys.exit("test_report: no Chromium found (scripts/install-deps.sh installs the Debian package 'chromium')")


def chromium(args, work):
    cmd = [find_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--force-device-scale-factor=1", "--enable-logging=stderr", "--v=0",
           "--user-data-dir=" + os.path.join(work, "chromium-profile")] + args
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=180, cwd=work)
    return p


def console_messages(stderr):
    return [l for l in stderr.splitlines() if "CONSOLE" in l or "Uncaught" in l]


def run(btgpu, args, expect=0):
    p = subprocess.run([btgpu] + args, capture_output=True, text=True, timeout=600)
    if p.returncode != expect:
        print(" ".join(args), "\n", p.stdout, p.stderr)
    check(p.returncode == expect, f"btgpu {' '.join(args)}: exit {p.returncode}, expected {expect}")
    return p


def value_text(v):
    return "nan" if v != v else repr(v)


def expected_cells(rows, names, key, a, b, agg, bins=None):
    """{(xlabel, ylabel): (aggregate, count)} from the heatmap rows, for params a (x) and b (y)."""
    cells = {}
    for r in rows:
        k = (r[a], r[b])
        cells.setdefault(k, []).append(float(r[key]))
    out = {}
    for k, vs in cells.items():
        num = [v for v in vs if v == v]
        if not num:
            agg_v = math.nan
        elif agg == "max":
            agg_v = max(num)
        elif agg == "min":
            agg_v = min(num)
        else:
            agg_v = math.fsum(num) / len(num)
        out[k] = (agg_v, len(vs))
    return out


TITLE = re.compile(r"^(\w+)=(\S+) (\w+)=(\S+): (.*?) (\S+?)(?: \((max|mean|min) of (\d+) combinations\))?$")


def svg_cells(root):
    """The heatmaps of an SVG: {(x, y): [(xlabel, ylabel, value, count, fill, rect attrs)], 'best': ...}."""
    maps = {}
    for g in root.iter(SVG + "g"):
        if g.get("class") != "heatmap":
            continue
        cells, best = [], None
        for el in g.iter(SVG + "rect"):
            t = el.find(SVG + "title")
            if el.get("class") == "cell":
                m = TITLE.match(t.text)
                assert m, t.text
                cells.append(dict(x=m.group(2), y=m.group(4), key=m.group(5), value=float(m.group(6)),
                                  text=m.group(6), count=int(m.group(8) or 1), fill=el.get("fill"),
                                  box=[float(el.get(k)) for k in ("x", "y", "width", "height")]))
            elif el.get("class") == "best":
                best = dict(title=t.text, box=[float(el.get(k)) for k in ("x", "y", "width", "height")])
        maps[(g.get("data-x"), g.get("data-y"))] = (cells, best, int(g.get("data-nx")), int(g.get("data-ny")))
    return maps


def scale_range(maps):
    vals = [c["value"] for cells, _, _, _ in maps.values() for c in cells if c["value"] == c["value"]]
    return min(vals), max(vals)


def check_case(btgpu, work, name, grid_args, agg, long_axis=False):
    print(f"== {name} (--report-agg {agg})")
    d = os.path.join(work, name)
    os.makedirs(d)
    hm, rep, svg, st, tr = (os.path.join(d, f) for f in ("heatmap.csv", "report.html", "plot.svg", "stats.json",
                                                          "trades.csv"))
    run(btgpu, ["--method", "grid", "--quiet", "--heatmap", hm, "--report", rep, "--plot", svg, "--stats", st,
                "--trades", tr, "--report-agg", agg] + grid_args)
    with open(hm) as f:
        rd = csv.reader(f)
        header = next(rd)
        rows = [dict(zip(header, r)) for r in rd]
    key, params = header[-1], header[:-1]
    stats = json.load(open(st))
    best = stats["params"]
    root = ET.parse(svg).getroot()
    maps = svg_cells(root)
    pairs = [(params[i], params[j]) for i in range(len(params)) for j in range(i + 1, len(params))]
    check(sorted(maps) == sorted(pairs), f"{name}: heatmaps {sorted(maps)} != pairs {pairs}")
    lo, hi = scale_range(maps)
    n_cells = 0
    for (a, b) in pairs:
        cells, bestbox, nx, ny = maps[(a, b)]
        n_cells += len(cells)
        if long_axis and nx < len({r[a] for r in rows}):
            # consecutive values share a cell: rebuild the cells from the tooltips' ranges
            xs = sorted({int(r[a]) for r in rows})
            check(nx <= 300, f"{name}: {nx} cells along {a}")
            for c in cells:
                x0, _, x1 = c["x"].partition("..")
                x1 = x1 or x0
                vs = [float(r[key]) for r in rows if int(x0) <= int(r[a]) <= int(x1) and r[b] == c["y"]]
                num = [v for v in vs if v == v]
                exp = (max(num) if agg == "max" else min(num) if agg == "min" else math.fsum(num) / len(num)) \
                    if num else math.nan
                check(c["count"] == len(vs), f"{name} {a}={c['x']} {b}={c['y']}: count {c['count']} != {len(vs)}")
                check(value_text(exp) == c["text"] if agg != "mean" else math.isclose(exp, c["value"], rel_tol=1e-12),
                      f"{name} {a}={c['x']} {b}={c['y']}: {c['text']} != {exp!r}")
            check(sum(c["count"] for c in cells) == len(rows), f"{name}: cells cover {sum(c['count'] for c in cells)} "
                  f"of {len(rows)} combinations")
            continue
        exp = expected_cells(rows, params, key, a, b, agg)
        got = {(c["x"], c["y"]): c for c in cells}
        check(set(got) == set(exp), f"{name} {a}x{b}: cells {sorted(set(got) ^ set(exp))[:5]} differ")
        check(nx == len({r[a] for r in rows}) and ny == len({r[b] for r in rows}), f"{name} {a}x{b}: {nx}x{ny} cells")
        for k, (v, n) in exp.items():
            c = got.get(k)
            if not c:
                continue
            check(c["key"] == key, f"{name}: tooltip key {c['key']!r}")
            if agg == "mean" and v == v:
                check(math.isclose(c["value"], v, rel_tol=1e-12, abs_tol=1e-300), f"{name} {k}: {c['text']} != {v!r}")
            else:
                check(c["text"] == value_text(v), f"{name} {a}x{b} {k}: {c['text']} != {value_text(v)}")
            check(c["count"] == n, f"{name} {k}: count {c['count']} != {n}")
            want = NAN_FILL if v != v else colour((v - lo) / (hi - lo) if hi > lo else 0.5)
            check(hex_rgb(c["fill"]) == want, f"{name} {k}: fill {c['fill']} != {want}")
        check(bestbox is not None and f"{a}={best[a]}" in bestbox["title"] and f"{b}={best[b]}" in bestbox["title"],
              f"{name} {a}x{b}: best cell {bestbox and bestbox['title']} is not {best}")
    # what Chromium draws
    w, h = float(root.get("width")), float(root.get("height"))
    png = os.path.join(d, "plot.png")
    p = chromium([f"--window-size={int(w)},{int(h)}", "--screenshot=" + png, "file://" + svg], d)
    check(os.path.exists(png), f"{name}: chromium wrote no screenshot: {p.stderr[-500:]}")
    check(not console_messages(p.stderr), f"{name}: console messages {console_messages(p.stderr)}")
    if os.path.exists(png):
        pw, ph, px = read_png(png)
        checked = 0
        for (a, b), (cells, bestbox, nx, ny) in maps.items():
            for c in cells:
                x, y, cw, chh = c["box"]
                if cw < 4:
                    continue
                if bestbox and abs(bestbox["box"][0] - x) < cw and abs(bestbox["box"][1] - y) < chh:
                    continue  # under the outline
                got = px[int(y + chh / 2)][int(x + cw / 2)]
                want = hex_rgb(c["fill"])
                checked += 1
                check(max(abs(got[i] - want[i]) for i in range(3)) <= 3,
                      f"{name} {a}x{b} {c['x']},{c['y']}: rendered {got}, fill {want}")
            if bestbox:
                bx, by, bw, bh = bestbox["box"]
                got = px[int(by + bh / 2)][int(bx + 0.5)]  # the outline's left edge
                check(max(abs(got[i] - BEST[i]) for i in range(3)) <= 40, f"{name} {a}x{b}: best outline {got}")
        print(f"   {n_cells} cells in {len(maps)} heatmaps; {checked} cell colours checked in the {pw}x{ph} PNG")
    # the page: no console message, the same cells in its DOM, the statistics and the trades
    p = chromium(["--dump-dom", "file://" + rep], d)
    check(not console_messages(p.stderr), f"{name}: report console messages {console_messages(p.stderr)}")
    dom = p.stdout
    n_dom = dom.count('class="cell"')
    check(n_dom == n_cells, f"{name}: the report's DOM has {n_dom} cells, expected {n_cells}")

    class Tables(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tables, self.cur, self.cell, self.row = [], None, None, None

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                self.cur = (dict(attrs).get("class"), [])
                self.tables.append(self.cur)
            elif tag == "tr" and self.cur:
                self.row = []
                self.cur[1].append(self.row)
            elif tag in ("td", "th") and self.row is not None:
                self.cell = ""

        def handle_endtag(self, tag):
            if tag in ("td", "th") and self.cell is not None:
                self.row.append(self.cell)
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

    t = Tables()
    t.feed(dom)
    tables = {k: v for k, v in t.tables}
    stats_rows = {r[0]: r[1] for r in tables.get("stats", []) if len(r) == 2}
    for k in ("Equity Final [$]", "# Trades", "Sharpe Ratio", "Return [%]"):
        v = stats["stats"][k]
        check(k in stats_rows and math.isclose(float(stats_rows[k]), float(v), rel_tol=1e-5, abs_tol=1e-5),
              f"{name}: report's {k} {stats_rows.get(k)} != {v}")
    with open(tr) as f:
        trades = list(csv.DictReader(f))
    body = [r for r in tables.get("trades", [])[1:]]
    check(len(body) == min(len(trades), 1000), f"{name}: {len(body)} trade rows, --trades has {len(trades)}")
    if trades and body:
        check(float(body[0][1]) == float(trades[0]["Size"]) and int(body[0][2]) == int(trades[0]["EntryBar"]),
              f"{name}: first trade {body[0][:3]} != {trades[0]['Size']}, {trades[0]['EntryBar']}")
    return rep


def load_page(work, path, what):
    p = chromium(["--dump-dom", "file://" + path], work)
    check(not console_messages(p.stderr), f"{what}: console messages {console_messages(p.stderr)}")
    check("</html>" in p.stdout, f"{what}: Chromium returned no page")
    return p.stdout


def check_assets(btgpu, work, data):
    """Two assets: the heatmap of the aggregate column, the chosen combination's statistics on each."""
    print("== two assets")
    d = os.path.join(work, "assets")
    os.makedirs(d)
    other = os.path.join(d, "other.csv")
    subprocess.run([btgpu, "synth", "--bars", "700", "--seed", "3", "--output", other], check=True)
    hm, rep, svg, st = (os.path.join(d, f) for f in ("heatmap.csv", "report.html", "plot.svg", "stats.json"))
    run(btgpu, ["--method", "grid", "--quiet", "--data", data, "--data", other, "--param", "n1=4,8,12,16",
                "--param", "n2=10:40:10", "--heatmap", hm, "--report", rep, "--plot", svg, "--stats", st])
    with open(hm) as f:
        rd = csv.reader(f)
        header = next(rd)
        rows = [dict(zip(header, r)) for r in rd]
    key = header[-1]
    check(key == "mean SQN", f"assets: aggregate column {key!r}")
    maps = svg_cells(ET.parse(svg).getroot())
    cells, best, nx, ny = maps[("n1", "n2")]
    exp = expected_cells(rows, header, key, "n1", "n2", "max")
    got = {(c["x"], c["y"]): c["text"] for c in cells}
    check(got == {k: value_text(v) for k, (v, n) in exp.items()}, f"assets: cells {got} != {exp}")
    stats = json.load(open(st))
    dom = load_page(work, rep, "assets report")
    check(dom.count('class="cell"') == len(cells), "assets: the page's cells")
    n_runs = dom.count('class="run"')
    check(n_runs == 2, f"assets: {n_runs} run charts, expected 2")
    for name, s in stats["assets"].items():
        eq = s["stats"]["Equity Final [$]"]
        check(f"{eq:.5f}" in dom, f"assets: {name}'s Equity Final {eq:.5f} is not on the page")
    bp = stats["assets"]["data"]["params"]
    check(best is not None and f"n1={bp['n1']} n2={bp['n2']}" in best["title"], f"assets: best {best}")


def check_walk_forward(btgpu, work, data):
    """Walk-forward: the windows table and the stability charts against --windows."""
    print("== walk-forward")
    d = os.path.join(work, "wf")
    os.makedirs(d)
    win, rep = os.path.join(d, "windows.csv"), os.path.join(d, "report.html")
    run(btgpu, ["--method", "walk-forward", "--quiet", "--data", data, "--param", "n1=4,8,12",
                "--param", "n2=20:50:10", "--train", "300", "--test", "100", "--windows", win, "--report", rep])
    with open(win) as f:
        windows = list(csv.DictReader(f))
    dom = load_page(work, rep, "walk-forward report")
    table = dom[dom.index('class="windows"'):]
    table = table[:table.index("</table>")]
    trs = re.findall(r"<tr><td>(\d+)</td>(.*?)</tr>", table)
    check(len(trs) == len(windows) and len(windows) == 6, f"walk-forward: {len(trs)} rows, {len(windows)} windows")
    for (k, rest), w in zip(trs, windows):
        tds = re.findall(r"<td>(.*?)</td>", rest)
        check(tds[2] == w["n1"] and tds[3] == w["n2"] and tds[4] == w["in-sample SQN"],
              f"walk-forward window {k}: {tds[2:5]} != {w['n1']}, {w['n2']}, {w['in-sample SQN']}")
        check(tds[0].startswith(w["train_start"][:10]) and tds[1].endswith(w["test_end"][:10]),
              f"walk-forward window {k}: {tds[:2]} vs {w['train_start']}, {w['test_end']}")
    choices = re.findall(r"<title>window (\d+): (\w+)=(\S+)</title>", dom)
    check(len(choices) == 2 * len(windows), f"walk-forward: {len(choices)} stability points")
    for k, name, v in choices:
        check(windows[int(k) - 1][name] == v, f"walk-forward: window {k} {name}={v} != {windows[int(k) - 1][name]}")
    check('class="oos"' in dom, "walk-forward: no out-of-sample equity chart")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--btgpu", required=True)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()
    btgpu = os.path.abspath(a.btgpu)
    work = tempfile.mkdtemp(prefix="btgpu-report-")
    data = os.path.join(work, "data.csv")
    subprocess.run([btgpu, "synth", "--bars", "900", "--seed", "7", "--output", data], check=True)
    # 5x5 with a constraint (empty cells) and n1 == n2 (no trades: NaN cells)
    check_case(btgpu, work, "grid5", ["--data", data, "--param", "n1=4,8,12,16,20", "--param", "n2=4,8,12,16,20",
                                      "--constraint", "n1 <= n2", "--maximize", "Equity Final [$]"], "max")
    # four parameters, every aggregate
    four = ["--data", data, "--strategy", "ema_cross", "--param", "n1=5:20:5", "--param", "n2=10:40:10",
            "--param", "sl_pct=0.0,0.05", "--param", "tp_pct=0.0,0.1,0.2", "--constraint", "n1 < n2"]
    for agg in ("max", "mean", "min"):
        check_case(btgpu, work, "grid4-" + agg, four, agg)
    # an axis of 360 values: consecutive values share cells (at most 300)
    check_case(btgpu, work, "long", ["--data", data, "--param", "n1=2:362", "--param", "n2=30,60",
                                     "--maximize", "Sharpe Ratio"], "max", long_axis=True)
    check_assets(btgpu, work, data)
    check_walk_forward(btgpu, work, data)
    # usage errors leave files alone
    keep = os.path.join(work, "keep.html")
    open(keep, "w").write("mine")
    p = run(btgpu, ["--data", data, "--param", "n1=5,10", "--heatmap", keep, "--report", keep], expect=2)
    check("--heatmap and --report name the same file" in p.stderr, f"same file: {p.stderr}")
    p = run(btgpu, ["--data", data, "--param", "n1=5,10", "--report", keep, "--report-agg", "median"], expect=2)
    check("'--report-agg': 'median' is not max, mean or min" in p.stderr, p.stderr)
    p = run(btgpu, ["--data", data, "--param", "n1=5", "--plot", keep], expect=2)
    check("no heatmap to draw" in p.stderr, p.stderr)
    p = run(btgpu, ["--data", data, "--report", data], expect=2)
    check("is the --data file" in p.stderr, p.stderr)
    check(open(keep).read() == "mine", "a usage error changed an existing file")
    # the page on standard output: the whole page and nothing else (no summary, no --top table)
    p = run(btgpu, ["--data", data, "--param", "n1=5,10", "--param", "n2=20,30", "--report", "-", "--top", "2"])
    page = p.stdout
    check(page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n") and "grid search of" not in page
          and "Top 2 by" not in page,
          f"--report -: stdout is not just the page: {p.stdout[:60]!r} .. {p.stdout[-60:]!r}")
    # btgpu run: the page without heatmaps
    rep = os.path.join(work, "run.html")
    run(btgpu, ["run", "--data", data, "--set", "n1=10", "--set", "n2=30", "--report", rep, "--quiet"])
    html = open(rep).read()
    check('class="cell"' not in html and 'class="run"' in html and "Trades (" in html, "btgpu run's report")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print("kept", work)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("report: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
