#!/usr/bin/env python3
"""Redis's own cost per request from `INFO commandstats` taken over one measured step (the stats were
reset just before it): calls per request and Redis CPU (usec) per call and per request, per command.
Usage: redis_cost.py COMMANDSTATS.txt REQUESTS_SERVED
"""
import sys

rows = []
for line in open(sys.argv[1]):
    line = line.strip()
    if not line.startswith("cmdstat_"):
        continue
    name, fields = line[len("cmdstat_"):].split(":", 1)
    stats = dict(f.split("=", 1) for f in fields.split(","))
    rows.append((name, int(stats["calls"]), float(stats["usec"])))
served = max(1, int(sys.argv[2]))
rows.sort(key=lambda r: -r[2])
print("| command | calls per request | µs per call | Redis µs per request |")
print("|---|---:|---:|---:|")
for name, calls, usec in rows:
    print(f"| `{name}` | {calls / served:.2f} | {usec / max(1, calls):.1f} | {usec / served:.1f} |")
total_calls = sum(r[1] for r in rows)
total_usec = sum(r[2] for r in rows)
print(f"| all | {total_calls / served:.2f} | {total_usec / max(1, total_calls):.1f} | {total_usec / served:.1f} |")
