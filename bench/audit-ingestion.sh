#!/usr/bin/env bash
# Audit ingestion benchmark (issue #6): the packaged control plane as a process, this JVM playing data planes that ship
# audit batches over gRPC; events stored per second. Options after the script go to the benchmark (--help). Latest
# results: bench/results/audit-ingestion.md.
#   bench/audit-ingestion.sh                                  # embedded PostgreSQL
#   bench/audit-ingestion.sh --database-url jdbc:postgresql://127.0.0.1:5432/audit_bench --streams 8
#   GATEHOUSE_SKIP_BUILD=1 bench/audit-ingestion.sh --rounds 5
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${GATEHOUSE_SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -B -q install -DskipTests
fi
./mvnw -B -q -f bench/pom.xml package
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -cp "bench/target/classes:bench/target/lib/*" io.gatehouse.bench.audit.AuditIngestionBenchmark "$@"
