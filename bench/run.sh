#!/usr/bin/env bash
# Gateway vs. direct benchmark: builds the suite, starts it, runs alternating load segments and
# writes bench/results/gateway-vs-direct.{md,json}. Options are passed on (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in wrk; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "installing $tool (Debian package)"
    apt-get update -qq && apt-get install -y -qq "$tool"
  fi
done

if [[ "${GATEHOUSE_SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -B -q install -DskipTests
fi
./mvnw -B -q -f bench/pom.xml package
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -cp "bench/target/classes:bench/target/lib/*" io.gatehouse.bench.GatewayBenchmark "$@"
