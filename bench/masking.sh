#!/usr/bin/env bash
# Masking benchmarks: JMH (masking a 1 MiB body vs a plain streaming copy, in process) and a
# measurement through the real proxy (time to first byte, heap with 50 masked 1 MiB responses in
# flight). Results go to stdout; bench/results/masking.md holds the latest ones.
#   bench/masking.sh            both
#   bench/masking.sh jmh        JMH only (extra arguments go to JMH, e.g. -f 2 -wi 10)
#   bench/masking.sh proxy      through the proxy only
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
shift || true
if [[ "${GATEHOUSE_SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -B -q install -DskipTests
fi
./mvnw -B -q -f bench/pom.xml package
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CP="bench/target/classes:bench/target/lib/*"
if [[ "$what" == "all" || "$what" == "jmh" ]]; then
  "$JAVA" -cp "$CP" org.openjdk.jmh.Main 'io.gatehouse.bench.masking.MaskingBenchmark' "$@"
fi
if [[ "$what" == "all" || "$what" == "proxy" ]]; then
  "$JAVA" -cp "$CP" io.gatehouse.bench.masking.MaskingProxyMeasurement
fi
