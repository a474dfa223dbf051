#!/usr/bin/env bash
# Compiles playlist-service and runs the in-memory index benchmark; prints memory and latency figures.
# Usage: bench/playlist/run.sh [runs]   (from anywhere; default 300 runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -pl playlist-service -am compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
"$JAVA_HOME/bin/java" -Xmx1g -cp "playlist-service/target/classes:$(cat playlist-service/target/bench.classpath)" \
    bench/playlist/PlaylistBench.java "${1:-300}"
