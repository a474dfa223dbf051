#!/usr/bin/env bash
# Builds playlist-service and runs the in-memory index benchmark; prints memory and latency figures.
# Usage: bench/playlist/run.sh [runs]   (from the repository root; default 300 runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -pl playlist-service -am install -DskipTests >/dev/null
./mvnw -B -q -pl playlist-service dependency:build-classpath -Dmdep.outputFile=target/playlist-bench.cp >/dev/null
"$JAVA_HOME/bin/java" -Xmx1g -cp "playlist-service/target/classes:$(cat target/playlist-bench.cp)" \
    bench/playlist/PlaylistBench.java "${1:-300}"
