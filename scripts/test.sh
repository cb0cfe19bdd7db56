#!/usr/bin/env bash
# The test command: builds everything and runs every test (unit, end-to-end against real
# sandboxes, and the official TypeScript SDK conformance check), then prints one summary line.
# Needs the set-up (./scripts/setup.sh) to have run once on this machine.
set -uo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}

./mvnw -B -ntp clean verify "$@"
status=$?

# The control plane's tests a second time on PostgreSQL (the production database), when a server
# for tests answers (scripts/postgresql-for-tests.sh; .ci/run always prepares one).
reports=daytona-control-plane/target/surefire-reports
if [ -d "$reports" ] && command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "[test] control-plane tests on PostgreSQL"
  mv "$reports" "$reports-h2"
  ./mvnw -B -ntp -o test -pl daytona-control-plane -am -Ddaytona.test.database=postgresql \
      -Dsurefire.failIfNoSpecifiedTests=false -Dtest='io.daytona.controlplane.**' "$@" || status=1
  rm -rf "$reports-postgresql"
  [ -d "$reports" ] && mv "$reports" "$reports-postgresql"
  mv "$reports-h2" "$reports"
else
  echo "[test] no PostgreSQL at 127.0.0.1:5432: control-plane tests ran on the embedded database only"
fi

# The official SDK's conformance counts (written by OfficialTypeScriptSdkTest), then one line for
# people and CI alike, summed over every module's Surefire reports (both database passes).
conformance=daytona-e2e/target/conformance-summary.txt
[ -f "$conformance" ] && cat "$conformance"
python3 - <<'PY'
import glob, xml.etree.ElementTree as ET
tests = failed = skipped = 0
for report in glob.glob("**/target/surefire-reports*/TEST-*.xml", recursive=True):
    suite = ET.parse(report).getroot()
    tests += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(f"tests: {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
PY
exit $status
