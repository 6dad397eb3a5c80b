#!/usr/bin/env bash
# Prints, in one run on this machine, against the local sandbox (127.0.0.1 only):
#   - peak RSS of `edit` while it downloads a 1 GiB output (target: <= 128 MB);
#   - that download's throughput as a ratio to curl fetching the same file;
#   - the wall time of a 100-image fan-out (one instruction, one call per image) at the default
#     concurrency, as a ratio to the ideal ceil(100/concurrency) x job time (target: <= 1.10).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/image-edit.jar ] || mvn -q -DskipTests package
command -v curl >/dev/null || { echo "curl is needed for the comparison (apt-get install curl)" >&2; exit 1; }
BYTES=$((1 << 30))
JOB_SECONDS="${JOB_SECONDS:-1}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export XDG_STATE_HOME="$work/state" RUNCOMFY_TOKEN=bench

start_sandbox() { # args...: prints the base URL
  bin/edit sandbox "$@" > "$work/sandbox.$$.$#.url" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$work/sandbox.$$.$#.url" ] && break; sleep 0.1; done
  head -1 "$work/sandbox.$$.$#.url"
}
now_ms() { date +%s%3N; }

# 1. A 1 GiB output, then the same edit with a small one: the difference is the download.
big=$(start_sandbox --job-seconds 0.1 --output-bytes "$BYTES")
t0=$(now_ms)
RUNCOMFY_MODEL_API_BASE="$big" /usr/bin/time -f '%M' -o "$work/rss" \
  bin/edit "Give the dog a hat" --image https://example.com/dog.png -o "$work/big" --poll-interval 0.05 -q > /dev/null
t_big=$(( $(now_ms) - t0 ))
small=$(start_sandbox --job-seconds 0.1)
t0=$(now_ms)
RUNCOMFY_MODEL_API_BASE="$small" bin/edit "Give the dog a hat" --image https://example.com/dog.png -o "$work/small" --poll-interval 0.05 -q > /dev/null
t_small=$(( $(now_ms) - t0 ))
size=$(stat -c %s "$work"/big/*.png)
[ "$size" -eq "$BYTES" ] || { echo "downloaded $size of $BYTES bytes" >&2; exit 1; }
url=$(RUNCOMFY_MODEL_API_BASE="$big" bin/edit "Give the dog a hat" --image https://example.com/dog.png --no-wait --json | grep -o '"request_id" : "[^"]*"' | cut -d'"' -f4)
for _ in $(seq 50); do RUNCOMFY_MODEL_API_BASE="$big" bin/edit status "$url" | grep -q completed && break; sleep 0.1; done
file_url="${big%/v1}/files/$url/edited-1.png"
t0=$(now_ms); curl -s -o "$work/curl.png" "$file_url"; t_curl=$(( $(now_ms) - t0 ))
download=$(( t_big - t_small ))
printf 'download 1 GiB: peak RSS %d MB (whole edit process); %d ms (edit run %d ms minus the same run with a small output %d ms)\n' \
  "$(( $(cat "$work/rss") / 1024 ))" "$download" "$t_big" "$t_small"
printf 'download 1 GiB: curl %d ms; edit throughput / curl throughput = %.2f\n' "$t_curl" "$(echo "$t_curl / $download" | bc -l)"

# 2. One instruction over 100 images: 100 calls at the default concurrency, each job taking JOB_SECONDS.
concurrency=8 # --concurrency's default, which the run below relies on by not passing it
fan=$(start_sandbox --job-seconds "$JOB_SECONDS")
args=()
for i in $(seq 100); do args+=(--image "https://example.com/shoe-$i.png"); done
t0=$(now_ms)
RUNCOMFY_MODEL_API_BASE="$fan" bin/edit 'Put every shoe on a light grey background.' "${args[@]}" --seed 7 \
  --poll-interval 0.05 -o "$work/fan" -q > "$work/fan.out"
t_fan=$(( $(now_ms) - t0 ))
saved=$(wc -l < "$work/fan.out")
ideal=$(echo "(100 + $concurrency - 1) / $concurrency * $JOB_SECONDS * 1000" | bc)
printf 'fan-out 100 images at the default concurrency %d: %d saved in %d ms; ideal %d ms; ratio %.3f (start-up included)\n' \
  "$concurrency" "$saved" "$t_fan" "$ideal" "$(echo "$t_fan / $ideal" | bc -l)"
