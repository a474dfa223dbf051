#!/usr/bin/env bash
# Sonic analysis benchmark: see docs/benchmarks.md.
# usage: bench/sonic/run.sh [MP3_DIR=/tmp/sonic-bench-mp3] [N=60] [SEGMENT_SECONDS=30] [mp3-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
mp3_dir=${1:-/tmp/sonic-bench-mp3}; n=${2:-60}; segment=${3:-30}; only=${4:-all}
music=/usr/share/games/wesnoth/1.16/data/core/music
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
bench/sonic/generate-mp3s.sh "$mp3_dir" "$n" >/dev/null
# package (no install: the shared local repository stays untouched) and let the reactor resolve siblings
./mvnw -B -q -pl sonic-service -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath
cp="sonic-service/target/classes:$(cat sonic-service/target/bench.classpath)"
"$JAVA_HOME/bin/java" -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" bench/sonic/SonicBench.java "$mp3_dir" "$music" "$segment" "$only"
