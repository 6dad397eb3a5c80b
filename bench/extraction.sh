#!/usr/bin/env bash
# Prints the mean microseconds of feature extraction per request over labelled-case files
# (default: the product's own cases). Usage: bench/extraction.sh [cases.jsonl ...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d target/test-classes ] && [ -f target/image-edit.jar ] || mvn -q -o -DskipTests package test-compile
exec java -XX:+UseSerialGC -cp "target/classes:target/test-classes:target/lib/*" dev.imageedit.intent.ExtractionBench "$@"
