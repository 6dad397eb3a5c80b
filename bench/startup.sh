#!/usr/bin/env bash
# Prints, in one run on this machine:
#   - the cold start of `edit --dry-run`, `edit --help` and `edit jobs` on each JVM present (the
#     JDK 17 one, and a JDK 25+ one) and with the JVM bin/edit chooses itself, as ratios to a JDK 17
#     hello-world measured in the same run with the same JVM flags (goal for bin/edit's choice: a
#     dry run in 4.5x or less);
#   - the floors: building the rule base alone, and the picocli tree of a dry run alone;
#   - the rate of `edit route` as one process over 20,000 and over 100,000 requests, and the
#     marginal rate between them (the 80,000 extra requests over the extra time; goal: 30,000/s).
# Every figure is a median; the runs of all variants are interleaved, so that load from other work
# on the machine falls on each alike. Ratios, not absolute times, are what to compare.
# Environment: RUNS (start-up runs, default 11), REPEATS (route runs, default 3),
#   JDK17 and JDK25 (JDK homes; found under /usr/lib/jvm when unset).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-11}"
REPEATS="${REPEATS:-3}"
[ -f target/image-edit.jar ] || mvn -q -DskipTests package

feature() { sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true; }
find_jdk() { # test on the feature version, e.g. '-eq 17'
  local jdk
  for jdk in /usr/lib/jvm/*; do
    local v; v="$(feature "$jdk")"
    # shellcheck disable=SC2086
    if [ -n "$v" ] && [ -x "$jdk/bin/java" ] && [ "$v" $1 ]; then echo "$jdk"; return; fi
  done
}
JDK17="${JDK17:-$(find_jdk '-eq 17')}"
JDK25="${JDK25:-$(find_jdk '-ge 25')}"
[ -n "$JDK17" ] || { echo "no JDK 17 found: set JDK17 to its home" >&2; exit 1; }
jvms=("$JDK17")
[ -n "$JDK25" ] && jvms+=("$JDK25")
# The last variant sets no JAVA: bin/edit chooses the JDK and archive itself, for each command.
variants=("${jvms[@]}" "")

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
"$JDK17/bin/javac" -d "$work" "$work/Hello.java"
export XDG_STATE_HOME="$work/state" # `jobs` reads an empty journal, not the user's

declare -A times cpus
timed() { # key command...: runs it once, appends its wall and CPU (user + system) times in ms
  local key="$1"; shift
  local TIMEFORMAT='%3R %3U %3S' real user sys
  read -r real user sys < <({ time "$@" >/dev/null 2>&1; } 2>&1 || true)
  times[$key]+="$(echo "$real * 1000 / 1" | bc) "
  cpus[$key]+="$(echo "($user + $sys) * 1000 / 1" | bc) "
}
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { median "${times[$1]}"; }
cpu() { median "${cpus[$1]}"; }
name() { if [ -n "$1" ]; then echo "JDK $(feature "$1")"; else echo "bin/edit's choice"; fi; }
java_of() { echo "${1:+$1/bin/java}"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for jdk in "${jvms[@]}"; do
  echo "$(name "$jdk"): $("$jdk/bin/java" -version 2>&1 | sed -n 2p)"
done

flags=(-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xmx64m -XX:-UsePerfData)

# The floors: one part of a dry run alone (bench/Floors.java), on each JVM from an archive trained
# on that part, with the launcher's flags.
mkdir -p "$work/floors"
"$JDK17/bin/javac" -d "$work/floors" -cp target/image-edit.jar bench/Floors.java
"$JDK17/bin/jar" cf "$work/floors.jar" -C "$work/floors" .
floor_cp="target/image-edit.jar:$work/floors.jar"
declare -A floor_flags
for jdk in "${jvms[@]}"; do
  for part in rules picocli; do
    if [ "$(feature "$jdk")" -ge 25 ]; then
      "$jdk/bin/java" -XX:+UseSerialGC -Xmx64m -XX:AOTCacheOutput="$work/$part.aot" -cp "$floor_cp" \
        dev.imageedit.cli.Floors "$part" >/dev/null 2>&1
      floor_flags["$part $jdk"]="-XX:AOTCache=$work/$part.aot -Xlog:aot=off -Xlog:cds=off -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining"
    else
      "$jdk/bin/java" "${flags[@]}" -XX:ArchiveClassesAtExit="$work/$part.jsa" -cp "$floor_cp" \
        dev.imageedit.cli.Floors "$part" >/dev/null 2>&1
      floor_flags["$part $jdk"]="-XX:SharedArchiveFile=$work/$part.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
    fi
  done
done
dry=(bin/edit "Keep her face unchanged. Swap the background for a beach" --image https://example.com/p.jpg --dry-run --json)
for _ in $(seq "$RUNS"); do
  timed hello "$JDK17/bin/java" "${flags[@]}" -cp "$work" Hello
  for jdk in "${variants[@]}"; do
    JAVA="$(java_of "$jdk")" timed "dry $jdk" "${dry[@]}"
    JAVA="$(java_of "$jdk")" timed "help $jdk" bin/edit --help
    JAVA="$(java_of "$jdk")" timed "jobs $jdk" bin/edit jobs
  done
  for jdk in "${jvms[@]}"; do
    for part in rules picocli; do
      # shellcheck disable=SC2086
      timed "$part $jdk" "$jdk/bin/java" "${flags[@]}" ${floor_flags["$part $jdk"]} -cp "$floor_cp" dev.imageedit.cli.Floors "$part"
    done
  done
done
hello=$(wall hello); hello_cpu=$(cpu hello)
printf '\ncold start, medians of %d: JDK 17 hello-world %d ms wall, %d ms CPU = 1x\n' "$RUNS" "$hello" "$hello_cpu"
printf '%-18s %26s %26s %26s\n' "" "--dry-run" "--help" "jobs"
printf '%-18s %26s %26s %26s\n' "" "wall / CPU" "wall / CPU" "wall / CPU"
for jdk in "${variants[@]}"; do
  printf '%-18s' "$(name "$jdk")"
  for command in dry help jobs; do
    w=$(wall "$command $jdk"); c=$(cpu "$command $jdk")
    printf '   %4d ms %5.2fx / %5.2fx' "$w" "$(echo "$w / $hello" | bc -l)" "$(echo "$c / $hello_cpu" | bc -l)"
  done
  echo
done
echo "(goal for bin/edit's choice: a dry run in 4.5x or less)"
printf '\nfloors, one part of a dry run alone, from an archive of its own:\n'
for jdk in "${jvms[@]}"; do
  printf '%-18s' "$(name "$jdk")"
  for part in rules picocli; do
    w=$(wall "$part $jdk"); c=$(cpu "$part $jdk")
    printf '   %-8s %4d ms %5.2fx / %5.2fx' "$part" "$w" "$(echo "$w / $hello" | bc -l)" "$(echo "$c / $hello_cpu" | bc -l)"
  done
  echo
done

prompts=("Give the dog a red bandana." "Replace the background with a beach." "Change the headline to 'Summer Sale'."
         "把背景换成海边日落的场景。" "看板の文字を「営業中」に変えてください。" "Put the watch from image 2 on the wrist in image 1.")
printf '%s\n' "${prompts[@]}" > "$work/prompts"
requests() { # n: n request lines, cycling through the prompts
  awk -v n="$1" 'NR == FNR { p[c++] = $0; next } END { for (i = 0; i < n; i++)
    printf "{\"prompt\": \"%s\", \"images\": [\"https://example.com/%d-a.png\", \"https://example.com/%d-b.png\"]}\n", p[i % c], i, i }' \
    "$work/prompts" /dev/null
}
requests 20000 > "$work/20000.jsonl"
requests 100000 > "$work/100000.jsonl"
bin/edit route < "$work/20000.jsonl" > "$work/route.out"
[ "$(wc -l < "$work/route.out")" -eq 20000 ] || { echo "route did not answer every line" >&2; exit 1; }
for _ in $(seq "$REPEATS"); do
  for jdk in "${variants[@]}"; do
    for n in 20000 100000; do
      JAVA="$(java_of "$jdk")" timed "route $n $jdk" bin/edit route < "$work/$n.jsonl"
    done
  done
done
printf '\nroute as one process, start-up and JIT warm-up included, medians of %d runs (wall; CPU in brackets):\n' "$REPEATS"
for jdk in "${variants[@]}"; do
  small=$(wall "route 20000 $jdk"); large=$(wall "route 100000 $jdk")
  printf '%-18s 20,000 in %5d ms (%5d): %6.0f/s   100,000 in %5d ms (%5d): %6.0f/s   marginal: %6.0f/s\n' "$(name "$jdk")" \
    "$small" "$(cpu "route 20000 $jdk")" "$(echo "20000000 / $small" | bc -l)" \
    "$large" "$(cpu "route 100000 $jdk")" "$(echo "100000000 / $large" | bc -l)" \
    "$(echo "80000000 / ($large - $small)" | bc -l)"
done
echo "(goal: 30,000 requests/s)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
