#!/usr/bin/env bash
# Prints, in one run on this machine:
#   - cold start of `bin/edit --dry-run` (median of RUNS), as a ratio to a bare JVM hello-world
#     measured in the same run with the same JVM flags;
#   - the rate of `edit route` over 20,000 requests: cold (one process, start-up and JIT warm-up
#     included), and in steady state: the marginal time of 20,000 requests after WARM_N requests
#     (the run on WARM_N + 20,000 minus the run on WARM_N, each the median of REPEATS runs).
# Ratios, not absolute times, are what to compare: the machine is shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-11}"
ROUTE_N="${ROUTE_N:-20000}"
WARM_N="${WARM_N:-100000}"
[ -f target/image-edit.jar ] || mvn -q -DskipTests package

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
javac -d "$work" "$work/Hello.java"

now_ms() { date +%s%3N; }
median_ms() { # command... ; runs it RUNS times, prints the median wall time in ms
  local times=()
  for _ in $(seq "$RUNS"); do
    local t0; t0=$(now_ms); "$@" >/dev/null 2>&1 || true; times+=($(( $(now_ms) - t0 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

"${JAVA:-java}" -version 2>&1 | head -1
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -XX:-UsePerfData -Xshare:auto)
hello=$(median_ms "${JAVA:-java}" "${flags[@]}" -cp "$work" Hello)
dry=$(median_ms bin/edit "Keep her face unchanged. Swap the background for a beach" --image https://example.com/p.jpg --dry-run --json)
printf 'cold start, median of %d: JVM hello-world %d ms; edit --dry-run %d ms; ratio %.2fx\n' \
  "$RUNS" "$hello" "$dry" "$(echo "$dry / $hello" | bc -l)"

prompts=("Give the dog a red bandana." "Replace the background with a beach." "Change the headline to 'Summer Sale'."
         "把背景换成海边日落的场景。" "看板の文字を「営業中」に変えてください。" "Put the watch from image 2 on the wrist in image 1.")
requests() { # n: prints n request lines
  for i in $(seq 0 $(($1 - 1))); do
    p="${prompts[$((i % ${#prompts[@]}))]}"
    printf '{"prompt": "%s", "images": ["https://example.com/%d-a.png", "https://example.com/%d-b.png"]}\n' "$p" "$i" "$i"
  done
}
requests "$ROUTE_N" > "$work/measured.jsonl"
requests "$WARM_N" > "$work/warm.jsonl"
cat "$work/warm.jsonl" "$work/measured.jsonl" > "$work/both.jsonl"
t0=$(now_ms); bin/edit route < "$work/measured.jsonl" > "$work/route.out"; cold=$(( $(now_ms) - t0 ))
[ "$(wc -l < "$work/route.out")" -eq "$ROUTE_N" ] || { echo "route did not answer every line" >&2; exit 1; }
# Each is the median of three runs: the difference of two single runs is mostly noise here.
REPEATS="${REPEATS:-3}"
median_of() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
warms=(); boths=()
for _ in $(seq "$REPEATS"); do
  t0=$(now_ms); bin/edit route < "$work/warm.jsonl" > /dev/null; warms+=($(( $(now_ms) - t0 )))
  t0=$(now_ms); bin/edit route < "$work/both.jsonl" > /dev/null; boths+=($(( $(now_ms) - t0 )))
done
warm=$(median_of "${warms[@]}"); both=$(median_of "${boths[@]}")
printf 'route: %d requests cold in %d ms (start-up and JIT warm-up included): %.0f requests/s\n' \
  "$ROUTE_N" "$cold" "$(echo "$ROUTE_N * 1000 / $cold" | bc -l)"
printf 'route: %d requests after %d warm-up requests in %d ms (medians of %d runs): %.0f requests/s steady state\n' \
  "$ROUTE_N" "$WARM_N" "$((both - warm))" "$REPEATS" "$(echo "$ROUTE_N * 1000 / ($both - $warm)" | bc -l)"
