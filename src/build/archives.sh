#!/usr/bin/env bash
# Makes the start-up archives bin/edit uses, each by one training run of the packaged jar, journal
# and outputs kept under target/:
#   - a JDK 17 to 24 makes an AppCDS archive, target/image-edit.jsa: the classes, parsed and verified,
#     each loaded when first used, so one archive serves every command. It is trained on a whole
#     edit on the sandbox.
#   - a JDK 25 or later makes two AOT caches (JEP 483, 514, 515): the classes also loaded and linked
#     as the JVM starts, with method profiles. Every class a cache holds is loaded at every start,
#     so each holds one kind of call: target/image-edit.plan.aot the planning of an edit (--dry-run,
#     route, models: start-up is all their cost), target/image-edit.aot an edit that submits, trained
#     against a sandbox in a process of its own, so that the simulator's server and image classes
#     stay out. One cache of a whole sandbox edit made a dry run 25 ms slower; one of a dry run made
#     an edit that submits 150 ms of CPU slower.
# Beside each, ARCHIVE.jdk names the JDK home that made it, which bin/edit then runs.
# Maven's JDK makes the kind it can; a JDK of the other kind, when one is found (JAVA_HOME, the
# java on PATH, /usr/lib/jvm), makes the other. Only the first is required: a build on a machine
# with one JDK gets its archives. Every archive is tied to the JDK build that made it and to the
# jars' paths and times, and the JVM ignores it quietly when they differ.
# Usage: archives.sh MAVEN_JAVA_HOME TARGET_DIR
set -euo pipefail
maven_jdk="$1"
target="$2"
jar="$target/image-edit.jar"
rm -f "$target"/image-edit.{jsa,aot,plan.aot}{,.jdk}
prompt="Keep her face unchanged. Swap the background for a beach and add the caption 'Hi'"

major() { # JDK home: its feature version from the release file, or nothing
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true
}

run() { # JDK home, archive, log, JVM flags..., then -- and the edit's arguments
  local jdk="$1" archive="$2" log="$3" flags=()
  shift 3
  while [ "$1" != -- ]; do flags+=("$1"); shift; done
  shift
  XDG_STATE_HOME="$target/cds-training" "$jdk/bin/java" -XX:+UseSerialGC -Xmx64m "${flags[@]}" -jar "$jar" \
    "$prompt" --image https://example.com/training.png --json --explain "$@" > "$log" 2>&1 || return 1
  [ -f "$archive" ] || return 1
  printf '%s\n' "$jdk" > "$archive.jdk"
}

submitting() { # JDK home, archive, JVM flags...: a whole edit, against a sandbox of its own process
  local jdk="$1" archive="$2" base="" sandbox status=0
  shift 2
  "$jdk/bin/java" -jar "$jar" sandbox --job-seconds 0.2 > "$target/training-sandbox.url" 2>/dev/null &
  sandbox=$!
  for _ in $(seq 100); do # it prints its base URL once it listens
    base="$(head -n 1 "$target/training-sandbox.url")"
    [ -n "$base" ] && break
    sleep 0.1
  done
  if [ -n "$base" ]; then
    RUNCOMFY_MODEL_API_BASE="$base" RUNCOMFY_TOKEN=sandbox run "$jdk" "$archive" "$archive.log" "$@" -- \
      --poll-interval 0.25 --timeout 60 --output-dir "$target/cds-training" || status=1
  else
    status=1
  fi
  kill "$sandbox" 2>/dev/null || true
  wait "$sandbox" 2>/dev/null || true
  return "$status"
}

train() { # JDK home: makes the archives of its kind
  local jdk="$1"
  if [ "$(kind "$jdk")" = aot ]; then
    run "$jdk" "$target/image-edit.plan.aot" "$target/image-edit.plan.aot.log" \
      -XX:AOTCacheOutput="$target/image-edit.plan.aot" -- --dry-run &&
      submitting "$jdk" "$target/image-edit.aot" -XX:AOTCacheOutput="$target/image-edit.aot"
  else
    run "$jdk" "$target/image-edit.jsa" "$target/image-edit.jsa.log" \
      -XX:ArchiveClassesAtExit="$target/image-edit.jsa" -XX:TieredStopAtLevel=1 -- \
      --sandbox --poll-interval 0.05 --timeout 60 --output-dir "$target/cds-training"
  fi
}

kind() { # JDK home: the archive it makes
  local v; v="$(major "$1")"
  if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo aot; else echo jsa; fi
}

# The one Maven runs on must succeed: its training runs are also edits of the packaged jar.
first="$(kind "$maven_jdk")"
train "$maven_jdk" || { cat "$target"/image-edit.*.log >&2; exit 1; }

candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
if on_path="$(command -v java 2>/dev/null)"; then
  candidates+=("$(dirname "$(dirname "$(readlink -f "$on_path")")")")
fi
for jdk in /usr/lib/jvm/*; do candidates+=("$jdk"); done
for jdk in "${candidates[@]}"; do
  v="$(major "$jdk")"
  if [ -x "$jdk/bin/java" ] && [ -n "$v" ] && [ "$v" -ge 17 ] && [ "$(kind "$jdk")" != "$first" ]; then
    if train "$jdk"; then
      break
    fi
    echo "start-up archive: $jdk could not make its archives (see $target/image-edit.*.log)" >&2
  fi
done
