#!/usr/bin/env bash
# Starts the whole Gatehouse suite on this machine (needs only a JDK 17+ and network access to
# Maven Central for the first build) and runs a short demonstration. Stop it with Ctrl-C.
#
#   ./quickstart.sh                  build everything, start the suite, run the demo, keep running
#   ./quickstart.sh --help           all options
#   ./quickstart.sh --exit-after-demo
#
# GATEHOUSE_SKIP_BUILD=1 skips the Maven build (use what is already built).
set -euo pipefail
cd "$(dirname "$0")"
HOME_DIR="$(pwd)"

want_help=false
for arg in "$@"; do
  case "$arg" in
    -h|--help|-V|--version) want_help=true ;;
  esac
done

if [[ "$want_help" == true ]]; then
  # help needs only the launcher itself
  if [[ ! -d launcher/target/classes/io || ! -d launcher/target/lib ]]; then
    ./mvnw -B -q -f launcher/pom.xml package -DskipTests
  fi
elif [[ "${GATEHOUSE_SKIP_BUILD:-}" != "1" ]]; then
  echo "building Gatehouse (./mvnw -B -q install -DskipTests)…"
  ./mvnw -B -q install -DskipTests
fi

JAVA="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
fi

exec "$JAVA" ${GATEHOUSE_LAUNCHER_JAVA_OPTS:-} -Dgatehouse.home="$HOME_DIR" \
  -cp "launcher/target/classes:launcher/target/lib/*" io.gatehouse.launcher.Quickstart "$@"
