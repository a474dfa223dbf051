#!/usr/bin/env bash
# Compiles playlist-service and runs the in-memory index benchmark; prints memory and latency figures.
# Usage: bench/playlist/run.sh [runs]   (from anywhere; default 300 runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/jdk.sh
# the benchmark needs only the index, similarity and playlist classes with schema and commons, so no dependency
# resolution (dependency:build-classpath fails offline)
./mvnw -B -q -pl playlist-service -am compile >/dev/null
"$JAVA_HOME/bin/java" -Xmx1g -cp "playlist-service/target/classes:schema/target/classes:commons/target/classes" \
    bench/playlist/PlaylistBench.java "${1:-300}"
