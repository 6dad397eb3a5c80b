#!/usr/bin/env bash
# Makes the start-up archives bin/edit uses, each by one training run of the packaged jar: a whole
# edit on the sandbox (planning, the runner, the HTTP client), journal and outputs kept under target/.
#   - a JDK 17 to 24 makes an AppCDS archive, target/image-edit.jsa: the classes, parsed and verified;
#   - a JDK 25 or later makes an AOT cache, target/image-edit.aot (JEP 483, 514, 515): the classes
#     also loaded and linked, with method profiles.
# Beside each, ARCHIVE.jdk names the JDK home that made it, which bin/edit then runs.
# Maven's JDK makes the kind it can; a JDK of the other kind, when one is found (JAVA_HOME, the
# java on PATH, /usr/lib/jvm), makes the other. Only the first is required: a build on a machine
# with one JDK gets one archive. Either archive is tied to the JDK build that made it and to the
# jars' paths and times, and the JVM ignores it quietly when they differ.
# Usage: archives.sh MAVEN_JAVA_HOME TARGET_DIR
set -euo pipefail
maven_jdk="$1"
target="$2"
jar="$target/image-edit.jar"
rm -f "$target"/image-edit.{jsa,aot}{,.jdk}

major() { # JDK home: its feature version from the release file, or nothing
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true
}

train() { # JDK home, kind (jsa|aot)
  local jdk="$1" archive
  local flags=(-XX:+UseSerialGC -Xmx64m)
  if [ "$2" = aot ]; then
    archive="$target/image-edit.aot"
    flags+=(-XX:AOTCacheOutput="$archive")
  else
    archive="$target/image-edit.jsa"
    flags+=(-XX:ArchiveClassesAtExit="$archive" -XX:TieredStopAtLevel=1)
  fi
  XDG_STATE_HOME="$target/cds-training" "$jdk/bin/java" "${flags[@]}" -jar "$jar" \
    "Keep her face unchanged. Swap the background for a beach and add the caption 'Hi'" \
    --image https://example.com/training.png --sandbox --poll-interval 0.05 \
    --output-dir "$target/cds-training" --json --explain > "$target/image-edit.$2.log" 2>&1 || return 1
  [ -f "$archive" ] || return 1
  printf '%s\n' "$jdk" > "$archive.jdk"
}

kind() { # JDK home: the archive it makes
  local v; v="$(major "$1")"
  if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo aot; else echo jsa; fi
}

# The one Maven runs on must succeed: the training run is also a whole edit of the packaged jar.
first="$(kind "$maven_jdk")"
train "$maven_jdk" "$first" || { cat "$target/image-edit.$first.log" >&2; exit 1; }

candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
if on_path="$(command -v java 2>/dev/null)"; then
  candidates+=("$(dirname "$(dirname "$(readlink -f "$on_path")")")")
fi
for jdk in /usr/lib/jvm/*; do candidates+=("$jdk"); done
for jdk in "${candidates[@]}"; do
  v="$(major "$jdk")"
  if [ -x "$jdk/bin/java" ] && [ -n "$v" ] && [ "$v" -ge 17 ] && [ "$(kind "$jdk")" != "$first" ]; then
    other="$(kind "$jdk")"
    if train "$jdk" "$other"; then
      break
    fi
    echo "start-up archive: $jdk could not make one (see $target/image-edit.$other.log)" >&2
  fi
done
