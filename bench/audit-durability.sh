#!/usr/bin/env bash
# Audit durability benchmark (issue #6): a saturation run through the data plane with the control plane killed
# (SIGKILL) for a while; afterwards every answered request id must be in the audit store (PostgreSQL) exactly once.
# Options after the script go to the benchmark (--help). Results: bench/results/audit-durability.{md,json}.
#   bench/audit-durability.sh                                           # 10 min, killed at 4 min for 2 min
#   bench/audit-durability.sh --duration 3m --outage-start 1m --outage 1m --connections 16
#   GATEHOUSE_SKIP_BUILD=1 MAVEN_ARGS="-o -Dmaven.repo.local=/path/to/m2" bench/audit-durability.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${GATEHOUSE_SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -B -q install -DskipTests
fi
./mvnw -B -q -f bench/pom.xml package
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -cp "bench/target/classes:bench/target/lib/*" io.gatehouse.bench.AuditDurabilityBenchmark "$@"
