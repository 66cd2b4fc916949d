#!/usr/bin/env python3
"""Summarises a collapsed-stack profile: the cost categories the README's gap list reports, then
the hottest frames. Each sample goes to the innermost frame of its stack that belongs to a category
(walking from the leaf towards the root), so the shares add up to 100%.
Usage: hotspots.py STACKS.collapsed
"""
import sys
from collections import Counter

CATEGORIES = [
    ("log mask", ("logging/LogMask", "logging/CardNumbers", "logging/SecretFields", "logging/SecretNames",
                  "logging/Vpas", "logging/OpaqueTokens", "logging/DigitGroups")),
    ("logging (access log, logback)", ("logback", "AccessLog", "JsonLineLayout")),
    ("metrics (micrometer)", ("micrometer", "GatewayMetrics")),
    ("JSON (jackson, JsonObject)", ("jackson", "JsonObject", "JsonForm", "ErrorBody")),
    ("Redis client (claim, settle)", ("redis/client", "RedisScripts", "IdempotencyStore", "idempotency/")),
    ("upstream HTTP client", ("Http1xClientConnection", "HttpClientRequestImpl", "UpstreamClient")),
    ("inbound HTTP server", ("Http1xServerConnection", "Http1xServerRequest", "Http1xServerResponse")),
    ("header copying (MultiMap)", ("HeadersMultiMap", "MultiMap", "JuspayHeaders", "putHeader")),
    ("framing guard", ("edge/FramingGuard", "edge/StrictFraming", "edge/HeaderField")),
    ("form parse + encode", ("FormCodec", "FormBody", "Repeats")),
    ("validation", ("validation/",)),
    ("auth (SHA-256)", ("TenantRegistry", "KeyDigest")),
    ("fingerprint (HMAC)", ("Fingerprint",)),
    ("circuit breaker", ("upstream/CircuitBreakers", "upstream/TenantCircuit")),
    ("filters (request path)", ("edge/FilterChain", "edge/Exchange", "Filter.")),
    ("JIT compiler", ("CompileBroker", "C2Compiler", "Compile::", "PhaseChaitin")),
    ("GC", ("GCTaskThread", "VM_GC", "SerialHeap", "DefNewGeneration", "TenuredGeneration")),
    ("kernel (syscalls, network)", ("_[k]", "entry_SYSCALL", "tcp_", "__GI_write", "__GI_read", "writev", "epoll_wait",
                                    "syscall")),
]
stacks = []
total = 0
for line in open(sys.argv[1]):
    if line.strip():
        s, n = line.rstrip("\n").rsplit(" ", 1)
        stacks.append((s, int(n)))
        total += int(n)
print(f"{total} samples")
def category(stack):
    for frame in reversed(stack.split(";")):
        for name, keys in CATEGORIES:
            if any(k in frame for k in keys):
                return name
    return "other (event loop, futures, JDK)"

share = Counter()
for s, n in stacks:
    share[category(s)] += n
print("\nshare of samples by category (innermost component):")
for name, n in share.most_common():
    print(f"  {100 * n / total:5.1f}%  {name}")
selfc = Counter()
for s, n in stacks:
    selfc[s.split(";")[-1]] += n
print("\nhottest frames (self):")
for f, n in selfc.most_common(25):
    print(f"  {100 * n / total:5.1f}%  {f[:140]}")
