#!/usr/bin/env python3
"""Redis's own cost per request from `INFO commandstats` taken over one measured step (the stats were
reset just before it). The gateway sends only scripts (EVALSHA, EVAL on a reload) and the odd PING,
INFO or WAIT; every other command in the stats ran inside a script, and its time is already part of
the script's, so it is listed but not added again.
Usage: redis_cost.py COMMANDSTATS.txt REQUESTS_SERVED
"""
import sys

TOP_LEVEL = {"evalsha", "eval", "ping", "info", "wait", "script|load", "config|resetstat"}
rows = []
for line in open(sys.argv[1]):
    line = line.strip()
    if not line.startswith("cmdstat_"):
        continue
    name, fields = line[len("cmdstat_"):].split(":", 1)
    stats = dict(f.split("=", 1) for f in fields.split(","))
    rows.append((name, int(stats["calls"]), float(stats["usec"])))
served = max(1, int(sys.argv[2]))
rows.sort(key=lambda r: (r[0] not in TOP_LEVEL, -r[2]))
print("| command | sent by | calls per request | µs per call | Redis µs per request |")
print("|---|---|---:|---:|---:|")
for name, calls, usec in rows:
    if calls * 1000 < served and name != "evalsha":
        continue  # health probes and the bench's own INFO/CONFIG: not per request
    by = "the gateway" if name in TOP_LEVEL else "a script"
    print(f"| `{name}` | {by} | {calls / served:.2f} | {usec / max(1, calls):.1f} | {usec / served:.1f} |")
top = [r for r in rows if r[0] in TOP_LEVEL and not r[0].startswith("config") and r[0] != "info"]
calls = sum(r[1] for r in top)
usec = sum(r[2] for r in top)
print(f"| **per request** | the gateway | **{calls / served:.2f}** round trips | | **{usec / served:.1f}** |")
