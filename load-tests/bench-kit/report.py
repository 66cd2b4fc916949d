#!/usr/bin/env python3
"""Turns a bench run (JSON lines) into the markdown table and the two SVG plots.

Each figure is the median over rounds. "Added" is a setup's latency minus the direct setup's at the
same rate: what putting that proxy in the path costs. Usage: report.py RAW.jsonl OUT_DIR STAMP
With --saturation-only RAW.jsonl OUT_DIR STAMP TITLE (bench --tls-listener): saturation and CPU per
request over it, per setup, and no plots.
"""
import json, platform, statistics, subprocess, sys
from collections import defaultdict


def saturation_only(raw, out_dir, stamp, title):
    rows = [json.loads(l) for l in open(raw) if l.strip() and json.loads(l)["kind"] == "saturation"]
    by = defaultdict(list)
    for r in rows:
        by[r["setup"]].append(r)
    med = statistics.median
    lines = [f"# Benchmark {stamp}: {title}", "",
             f"Rounds: {max(r['round'] for r in rows)}, interleaved; medians over rounds; wrk, 64 keep-alive connections.", "",
             "| setup | saturation rps | non-2xx | CPU µs/req at saturation |", "|---|---:|---:|---:|"]
    for s in ("direct", "nginx", "gateway"):
        if by[s]:
            lines.append(f"| {s} | {med(r['rps'] for r in by[s]):,.0f} | {med(r['non2xx'] for r in by[s]):,.0f} | "
                         f"{med(r['cpu_us'] for r in by[s]):.1f} |")
    if by["nginx"] and by["gateway"]:
        g_rps, n_rps = med(r["rps"] for r in by["gateway"]), med(r["rps"] for r in by["nginx"])
        g_cpu, n_cpu = med(r["cpu_us"] for r in by["gateway"]), med(r["cpu_us"] for r in by["nginx"])
        lines += ["", f"Gateway / nginx: saturation {g_rps / n_rps:.2f}×, CPU per request {g_cpu / n_cpu:.1f}×."]
    open(f"{out_dir}/bench-{stamp}.md", "w").write("\n".join(lines) + "\n")


if len(sys.argv) > 1 and sys.argv[1] == "--saturation-only":
    saturation_only(*sys.argv[2:6])
    sys.exit(0)

raw, out_dir, stamp = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [json.loads(l) for l in open(raw) if l.strip()]
SETUPS = ["direct", "nginx", "gateway"]
med = statistics.median

sat = defaultdict(list); sat_errors = defaultdict(list); noload = defaultdict(list)
rate = defaultdict(lambda: defaultdict(list))
for r in rows:
    s = r["setup"]
    if r["kind"] == "saturation":
        sat[s].append(r["rps"]); sat_errors[s].append(r["non2xx"])
    elif r["kind"] == "noload":
        noload[s].append(r["result"]["mean_us"])
    else:
        res = r["result"]; k = r["rate"]
        for f in ("p50_us", "p99_us", "p999_us", "mean_us", "errors"):
            rate[s][k].append((f, res[f]))
        rate[s][k].append(("cpu_us", r["cpu_us"]))

def m(s, k, f):
    vals = [v for (name, v) in rate[s][k] if name == f]
    return med(vals) if vals else float("nan")

rates = sorted({r["rate"] for r in rows if r["kind"] == "rate"})
def cmd(c):
    try:
        return subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except Exception:
        return "?"
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
machine = f"{cpu_model}, {cmd('nproc')} cores, Linux {platform.release()}, {cmd('java -version 2>&1')}, {cmd('nginx -v 2>&1')}"

ms = lambda us: f"{us / 1000:.2f}"
lines = [f"# Benchmark {stamp}", "", f"Machine: {machine}.", "",
         f"Rounds: {len({r['round'] for r in rows})}, interleaved; each figure is the median over rounds. "
         "Latency from the open-loop generator (timed from each request's due time); saturation from wrk "
         "(closed loop, 64 connections). CPU per request from /proc/<pid>/stat of the process under test "
         "(for direct: the stand-in Juspay itself).", "",
         "| setup | saturation rps | CPU µs/req @5k | no-load mean ms | " +
         " | ".join(f"p50 / p99 / p99.9 ms @{k // 1000}k" for k in rates) + " |",
         "|---|---|---|---|" + "---|" * len(rates)]
for s in SETUPS:
    cells = [s, f"{med(sat[s]):,.0f}" + (f" ({med(sat_errors[s]):.0f} non-2xx)" if med(sat_errors[s]) else ""),
             f"{m(s, 5000, 'cpu_us'):.1f}", ms(med(noload[s]))]
    for k in rates:
        e = m(s, k, "errors")
        cells.append(f"{ms(m(s, k, 'p50_us'))} / {ms(m(s, k, 'p99_us'))} / {ms(m(s, k, 'p999_us'))}"
                     + (f" ({e:.0f} errors)" if e else ""))
    lines.append("| " + " | ".join(cells) + " |")

def added(s, k, f):
    return m(s, k, f) - m("direct", k, f)
lines += ["", "Latency added over direct (ms):", "",
          "| setup | no-load mean | " + " | ".join(f"p50 / p99 @{k // 1000}k" for k in rates) + " |",
          "|---|---|" + "---|" * len(rates)]
for s in ("nginx", "gateway"):
    cells = [s, ms(med(noload[s]) - med(noload["direct"]))]
    for k in rates:
        cells.append(f"{ms(added(s, k, 'p50_us'))} / {ms(added(s, k, 'p99_us'))}")
    lines.append("| " + " | ".join(cells) + " |")

g_sat, n_sat = med(sat["gateway"]), med(sat["nginx"])
g_cpu, n_cpu = m("gateway", 5000, "cpu_us"), m("nginx", 5000, "cpu_us")
g_add99 = added("gateway", 5000, "p99_us"); n_add99 = added("nginx", 5000, "p99_us")
g_idle = med(noload["gateway"]) - med(noload["direct"])
lines += ["", "Gateway / nginx:", "",
          f"- saturation: {g_sat / n_sat:.2f}× nginx's rate ({g_sat:,.0f} vs {n_sat:,.0f} rps)",
          f"- CPU per request at 5k rps: {g_cpu / n_cpu:.1f}× nginx's ({g_cpu:.1f} vs {n_cpu:.1f} µs)",
          f"- added p99 at 5k rps: gateway {ms(g_add99)} ms vs nginx {ms(n_add99)} ms", "",
          "Targets:", "",
          f"| target | measured | met |", "|---|---|---|",
          f"| ≤ 30 µs CPU per request (full pipeline) | {g_cpu:.1f} µs | {'yes' if g_cpu <= 30 else 'no'} |",
          f"| ≥ 33k rps on one core, p99 < 10 ms, 0 errors | {g_sat:,.0f} rps (saturation) | {'yes' if g_sat >= 33000 else 'no'} |",
          f"| added p99 @5k ≤ nginx's + 0.3 ms | {ms(g_add99)} vs {ms(n_add99)} + 0.30 ms | {'yes' if g_add99 <= n_add99 + 300 else 'no'} |",
          f"| added mean at no load ≤ 80 µs | {g_idle:.0f} µs | {'yes' if g_idle <= 80 else 'no'} |"]
md = "\n".join(lines) + "\n"
for name in (f"bench-{stamp}.md", "latest.md"):
    open(f"{out_dir}/{name}", "w").write(md)

# --- SVG plots, drawn by hand (no plotting library needed) ---
COLORS = {"direct": "#888888", "nginx": "#2b7bb9", "gateway": "#d9480f"}
def svg(w, h, body, title):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">'
            f'<rect width="{w}" height="{h}" fill="white"/><text x="{w / 2}" y="20" text-anchor="middle" '
            f'font-size="14">{title}</text>{body}</svg>\n')

W, H, L, R, T, B = 640, 360, 70, 140, 40, 50
import math
ys = [m(s, k, f) for s in SETUPS for k in rates for f in ("p50_us", "p99_us") if m(s, k, f) == m(s, k, f)]
lo, hi = math.log10(max(1, min(ys))), math.log10(max(ys) * 1.2)
px = lambda i: L + (W - L - R) * (i / max(1, len(rates) - 1))
py = lambda v: T + (H - T - B) * (1 - (math.log10(max(v, 1)) - lo) / (hi - lo))
body = f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/><line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>'
for e in range(int(lo), int(hi) + 1):
    for mult in (1, 2, 5):
        v = mult * 10 ** e
        if lo <= math.log10(v) <= hi:
            body += f'<line x1="{L}" y1="{py(v):.1f}" x2="{W - R}" y2="{py(v):.1f}" stroke="#eee"/><text x="{L - 6}" y="{py(v) + 4:.1f}" text-anchor="end">{v / 1000:g} ms</text>'
for i, k in enumerate(rates):
    body += f'<text x="{px(i):.1f}" y="{H - B + 18}" text-anchor="middle">{k // 1000}k rps</text>'
legend_y = T + 10
for s in SETUPS:
    for f, dash in (("p50_us", ""), ("p99_us", "6,4")):
        pts = " ".join(f"{px(i):.1f},{py(m(s, k, f)):.1f}" for i, k in enumerate(rates))
        body += f'<polyline points="{pts}" fill="none" stroke="{COLORS[s]}" stroke-width="2" stroke-dasharray="{dash}"/>'
        body += f'<line x1="{W - R + 10}" y1="{legend_y}" x2="{W - R + 35}" y2="{legend_y}" stroke="{COLORS[s]}" stroke-width="2" stroke-dasharray="{dash}"/><text x="{W - R + 40}" y="{legend_y + 4}">{s} {f[:-3]}</text>'
        legend_y += 18
open(f"{out_dir}/latency-vs-rate.svg", "w").write(svg(W, H, body, "Latency against offered rate (open loop, log scale)"))

cpus = [(s, m(s, 5000, "cpu_us")) for s in SETUPS]
top = max(c for _, c in cpus) * 1.15
body = f'<line x1="{L}" y1="{H - B}" x2="{W - 40}" y2="{H - B}" stroke="black"/>'
bw = (W - L - 40) / len(cpus)
for i, (s, c) in enumerate(cpus):
    x = L + i * bw + bw * 0.2; h = (H - T - B) * c / top
    body += (f'<rect x="{x:.1f}" y="{H - B - h:.1f}" width="{bw * 0.6:.1f}" height="{h:.1f}" fill="{COLORS[s]}"/>'
             f'<text x="{x + bw * 0.3:.1f}" y="{H - B - h - 6:.1f}" text-anchor="middle">{c:.1f} µs</text>'
             f'<text x="{x + bw * 0.3:.1f}" y="{H - B + 18}" text-anchor="middle">{s}</text>')
open(f"{out_dir}/cpu-per-request.svg", "w").write(svg(W, H, body, "CPU per request at 5k rps (process under test)"))
print(md)
