#!/usr/bin/env python3
"""Renders async-profiler's collapsed stacks as a flame graph SVG (root at the bottom; width is the
share of samples; hover a frame for its name and share). Usage: flamegraph.py STACKS.collapsed TITLE
"""
import html, sys
from collections import defaultdict

path, title = sys.argv[1], sys.argv[2]
root = {"n": 0, "kids": {}}
for line in open(path):
    line = line.rstrip("\n")
    if not line:
        continue
    stack, count = line.rsplit(" ", 1)
    count = int(count)
    node = root
    node["n"] += count
    for frame in stack.split(";"):
        node = node["kids"].setdefault(frame, {"n": 0, "kids": {}})
        node["n"] += count

W, ROW, PAD = 1200, 16, 30
total = max(1, root["n"])
rects = []
def depth(node):
    return 1 + max((depth(k) for k in node["kids"].values()), default=0)
D = depth(root)
H = D * ROW + PAD + 20

def color(name):
    if "edgepay" in name: return "#e8743b"
    if name.startswith(("io/vertx", "io.vertx")): return "#f2b447"
    if name.startswith(("io/netty", "io.netty")): return "#f4d03f"
    if name.startswith(("java/", "jdk/", "sun/", "java.", "jdk.")): return "#7fb77e"
    if "::" in name or name.startswith(("__", "[")) or name.endswith("_[k]"): return "#d65f5f"
    return "#b8b8b8"

def walk(node, name, x, d):
    w = W * node["n"] / total
    if w < 0.3:
        return
    y = H - PAD - (d + 1) * ROW
    if d >= 0:
        label = html.escape(name)
        text = label if w > 7 * len(name) else (label[: int(w / 7) - 2] + ".." if w > 30 else "")
        rects.append(f'<g><title>{label} ({100 * node["n"] / total:.2f}%)</title><rect x="{x:.2f}" y="{y}" width="{w:.2f}" '
                     f'height="{ROW - 1}" fill="{color(name)}" rx="2"/><text x="{x + 3:.2f}" y="{y + ROW - 4}">{text}</text></g>')
    cx = x
    for k, child in sorted(node["kids"].items(), key=lambda kv: -kv[1]["n"]):
        walk(child, k, cx, d + 1)
        cx += W * child["n"] / total

walk(root, "all", 0, -1)
print(f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="monospace" font-size="10">'
      f'<rect width="{W}" height="{H}" fill="#fffdf7"/><text x="{W / 2}" y="16" text-anchor="middle" font-size="13">'
      f'{html.escape(title)} — {total} samples</text>' + "".join(rects) + "</svg>")
