#!/usr/bin/env bash
# Runs a benchmark of bench/ (not part of the test command): it prints our figures, a baseline
# measured in the same run, and their ratio.
#   ./scripts/bench.sh [iterations] [warm-up]                        create -> first command
#   BENCH=ExecRoundTripBenchmark ./scripts/bench.sh [iterations] [warm-up]   exec round trip
#   BENCH=TransferBenchmark ./scripts/bench.sh [rounds] [MiB]        upload/download vs cp
#   BENCH=InterpreterBenchmark ./scripts/bench.sh [iterations] [warm-up]   code interpreter 1+1
#   BENCH=WarmPoolBenchmark ./scripts/bench.sh [iterations] [warm-up] [pool size]   create from the warm pool
#   BENCH=ProxyOverheadBenchmark ./scripts/bench.sh [seconds] [rounds] [connections] [node,python-keepalive,python]
#                                                                    preview requests through the proxy vs direct (wrk)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -B -ntp -DskipTests package -pl bench -am
# The SDK's own third-party dependencies (the server jar does not carry them all).
./mvnw -q -B -ntp dependency:build-classpath -pl daytona-sdk -Dmdep.includeScope=runtime \
  -Dmdep.excludeGroupIds=io.daytona -Dmdep.outputFile=target/bench-classpath.txt
# The classpath comes from this build's own outputs: the server jar carries every server module.
exec "$JAVA_HOME/bin/java" -cp "daytona-server/target/daytona-server.jar:daytona-sdk/target/classes:bench/target/classes:$(cat daytona-sdk/target/bench-classpath.txt)" \
  "io.daytona.bench.${BENCH:-CreateExecBenchmark}" "$@"
