#!/usr/bin/env python3
"""Where one thread spends its JFR execution samples, by method (inclusive and self).

Usage: jfr print --json --stack-depth 100 --events jdk.ExecutionSample REC.jfr > samples.json
       python3 benchmarks/jfr-summary.py samples.json THREAD-NAME-PART [TOP]

Counts each sample once per method on its stack (inclusive) and once for its top frame (self),
for the threads whose name contains THREAD-NAME-PART; prints the TOP (default 40) of each as a
share of that thread's samples. docs/benchmarks.md ("What limits the figures") shows how it is run.
"""
import collections
import json
import sys


def main(path, thread_part, top=40):
    events = json.load(open(path))["recording"]["events"]
    inclusive, own = collections.Counter(), collections.Counter()
    n = 0
    for e in events:
        thread = (e["values"].get("sampledThread") or {}).get("javaName") or ""
        if thread_part not in thread or "producer" in thread:
            continue
        n += 1
        seen = set()
        for i, f in enumerate(e["values"]["stackTrace"]["frames"]):
            m = f["method"]
            name = m["type"]["name"].split("/")[-1] + "." + m["name"]
            if i == 0:
                own[name] += 1
            if name not in seen:
                seen.add(name)
                inclusive[name] += 1
    print(f"samples of threads named *{thread_part}*: {n}")
    if n == 0:
        return
    print("\ninclusive")
    for name, c in inclusive.most_common(top):
        print(f"{100 * c / n:5.1f}%  {name}")
    print("\nself")
    for name, c in own.most_common(top // 2):
        print(f"{100 * c / n:5.1f}%  {name}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 40)
