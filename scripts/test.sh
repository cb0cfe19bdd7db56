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

# One line for people and CI alike, summed over every module's Surefire reports.
python3 - <<'PY'
import glob, xml.etree.ElementTree as ET
tests = failed = skipped = 0
for report in glob.glob("**/target/surefire-reports/TEST-*.xml", recursive=True):
    suite = ET.parse(report).getroot()
    tests += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(f"tests: {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
PY
exit $status
