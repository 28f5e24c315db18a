#!/usr/bin/env bash
# Data-plane JMH benchmarks (in process, with the data plane's own classes): token verification (RS256 and ES256,
# verified-token cache miss and hit), the audit spool's per-call records, and the per-request policy lookup at
# 10,000 identities / 50,000 grants (from the snapshot benchmark). Extra arguments go to JMH (e.g. -wi 5 -i 10).
# Latest results: bench/results/data-plane.md and .json.
#   bench/data-plane.sh
#   GATEHOUSE_SKIP_BUILD=1 bench/data-plane.sh -wi 3 -i 5 -w 2 -r 2
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${GATEHOUSE_SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -B -q install -DskipTests
fi
./mvnw -B -q -f bench/pom.xml package
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p bench/target/jmh
"$JAVA" -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main \
  'io.gatehouse.bench.auth.TokenBenchmark' 'io.gatehouse.bench.audit.AuditSpoolBenchmark' \
  'io.gatehouse.bench.snapshot.SnapshotBenchmark.dataPlaneLookupPerRequest' \
  -rf json -rff bench/target/jmh/data-plane.json "$@"
echo "JMH results: bench/target/jmh/data-plane.json"
