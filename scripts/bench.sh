#!/usr/bin/env bash
# Runs the benchmarks in bench/ (not part of the test command): prints our figures, a raw-engine
# baseline measured in the same run, and their ratio.   ./scripts/bench.sh [iterations] [warm-up]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -B -ntp -DskipTests install -pl bench -am
./mvnw -q -B -ntp -pl bench exec:java -Dexec.args="${*:-20 3}"
