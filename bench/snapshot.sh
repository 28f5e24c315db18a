#!/usr/bin/env bash
# Snapshot benchmark (JMH, in process): a policy of 10,000 identities, 200 resources and 50,000
# grants — control-plane versioning + encoding, data-plane decoding + compiling, and the per-request
# lookup. Extra arguments go to JMH (e.g. -p identities=1000,10000 -f 2). Latest results:
# bench/results/snapshot.md.
#   bench/snapshot.sh
#   GATEHOUSE_SKIP_BUILD=1 bench/snapshot.sh -wi 1 -i 3
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${GATEHOUSE_SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -B -q install -DskipTests
fi
./mvnw -B -q -f bench/pom.xml package
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main 'io.gatehouse.bench.snapshot.SnapshotBenchmark' "$@"
