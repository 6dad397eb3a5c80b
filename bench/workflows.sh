#!/usr/bin/env bash
# Prints, in one run on this machine, against the local sandbox (127.0.0.1 only):
#   - the wall time of a 200-edit manifest (`edit batch`, one call per line) at the default
#     concurrency, against the ideal ceil(200/concurrency) x job time;
#   - the tool's own overhead per edit: (wall - ideal) / 200, which holds start-up, planning every
#     line, polling granularity, downloads and the journal;
#   - planning alone: `edit batch --dry-run` on the same manifest, per line;
#   - a re-run of the finished manifest (everything saved: no request at all), per line.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/image-edit.jar ] || mvn -q -DskipTests package
EDITS="${EDITS:-200}"
JOB_SECONDS="${JOB_SECONDS:-1}"
POLL="${POLL:-0.05}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export XDG_STATE_HOME="$work/state" RUNCOMFY_TOKEN=bench

bin/edit sandbox --job-seconds "$JOB_SECONDS" > "$work/sandbox.url" 2>/dev/null &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/sandbox.url" ] && break; sleep 0.1; done
export RUNCOMFY_MODEL_API_BASE="$(head -1 "$work/sandbox.url")"
now_ms() { date +%s%3N; }

# Different edits, as a catalogue has: the prompt, the input and the seed vary by line.
prompts=("Put the product on a light grey background" "Remove the price sticker" "Replace the background with a white marble counter"
         "Put the shoe on a wooden floor in soft daylight")
for i in $(seq "$EDITS"); do
  printf '{"name": "sku-%d", "prompt": "%s", "keep": "product, logo", "images": ["https://example.com/raw/sku-%d.jpg"], "options": {"seed": %d}}\n' \
    "$i" "${prompts[$((i % ${#prompts[@]}))]}" "$i" "$i"
done > "$work/manifest.jsonl"

concurrency=8 # --concurrency's default, which the runs below rely on by not passing it
t0=$(now_ms)
bin/edit batch "$work/manifest.jsonl" --dry-run -o "$work/out" > /dev/null 2>&1
t_plan=$(( $(now_ms) - t0 ))

t0=$(now_ms)
bin/edit batch "$work/manifest.jsonl" -o "$work/out" --poll-interval "$POLL" -q > "$work/run.out" 2> "$work/run.err"
t_run=$(( $(now_ms) - t0 ))
saved=$(find "$work/out" -type f | wc -l)

t0=$(now_ms)
bin/edit batch "$work/manifest.jsonl" -o "$work/out" --poll-interval "$POLL" -q > /dev/null 2> "$work/rerun.err"
t_rerun=$(( $(now_ms) - t0 ))

ideal=$(( (EDITS + concurrency - 1) / concurrency * JOB_SECONDS * 1000 ))
printf 'batch %d edits at the default concurrency %d, job time %s s: %d saved in %d ms; ideal %d ms; ratio %.3f\n' \
  "$EDITS" "$concurrency" "$JOB_SECONDS" "$saved" "$t_run" "$ideal" "$(echo "$t_run / $ideal" | bc -l)"
printf 'overhead per edit (wall - ideal) / %d: %.1f ms (start-up and planning included)\n' "$EDITS" "$(echo "($t_run - $ideal) / $EDITS" | bc -l)"
printf 'planning alone (--dry-run, one process): %d ms, %.2f ms per line\n' "$t_plan" "$(echo "$t_plan / $EDITS" | bc -l)"
printf 're-run with everything saved: %d ms, %.2f ms per line; %s\n' "$t_rerun" "$(echo "$t_rerun / $EDITS" | bc -l)" \
  "$(grep -o '[0-9]* jobs taken from earlier runs[^;]*' "$work/rerun.err" || echo 'nothing reused?')"
