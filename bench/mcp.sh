#!/usr/bin/env bash
# Prints, in one run on this machine: the warm plan_edit round trip over stdio to one long-lived
# `edit mcp` (median and p99 of CALLS calls after WARMUP), next to a cold `edit --dry-run` (median
# of 11 processes). Goal: a warm median of 2 ms or less. Needs python3 (the client is a plain
# JSON-RPC loop, so the number is the server's, not a client library's).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/image-edit.jar ] || mvn -q -DskipTests package
WARMUP="${WARMUP:-300}" CALLS="${CALLS:-500}"
export XDG_STATE_HOME="$(mktemp -d)"
trap 'rm -rf "$XDG_STATE_HOME"' EXIT

python3 - "$WARMUP" "$CALLS" <<'PY'
import json, subprocess, sys, time
warmup, calls = int(sys.argv[1]), int(sys.argv[2])
server = subprocess.Popen(["bin/edit", "mcp", "--sandbox"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, bufsize=1)
def ask(i, method, params):
    server.stdin.write(json.dumps({"jsonrpc": "2.0", "id": i, "method": method, "params": params}) + "\n")
    server.stdin.flush()
    while True:
        answer = json.loads(server.stdout.readline())
        if answer.get("id") == i:
            return answer
ask(0, "initialize", {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}})
server.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
prompts = ["Keep the pose unchanged. Give the dog a red bandana.", "Replace the background with a beach at sunset.",
           "Change the headline to 'Summer Sale'.", "把背景换成海边"]
times = []
for i in range(1, warmup + calls + 1):
    args = {"prompt": prompts[i % len(prompts)], "images": ["https://example.com/p.jpg"]}
    t0 = time.perf_counter()
    answer = ask(i, "tools/call", {"name": "plan_edit", "arguments": args})
    elapsed = (time.perf_counter() - t0) * 1000
    assert not answer["result"].get("isError"), answer
    if i > warmup:
        times.append(elapsed)
server.stdin.close()
server.wait(timeout=30)
times.sort()
print("mcp plan_edit warm round trip over stdio: median %.3f ms, p99 %.3f ms (%d calls after %d warm-up)"
      % (times[len(times) // 2], times[int(len(times) * 0.99)], calls, warmup))
PY

cold=()
for _ in $(seq 11); do
  t0=$(date +%s%N)
  bin/edit "Keep the pose unchanged. Give the dog a red bandana." --image https://example.com/p.jpg --dry-run --json > /dev/null 2>&1
  cold+=($(( ($(date +%s%N) - t0) / 1000 )))
done
median=$(printf '%s\n' "${cold[@]}" | sort -n | sed -n 6p)
printf 'cold edit --dry-run (a new process each): median %.1f ms of 11\n' "$(echo "$median / 1000" | bc -l)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
