#!/usr/bin/env bash
# Feature quality on a corpus (one folder per soundtrack): see docs/benchmarks.md.
# usage: bench/sonic/features/run.sh [CORPUS=/tmp/segue-quality/dev] [CACHE=/tmp/segue-feature-quality.tsv]
# The vectors are cached in CACHE for the layout this build writes; delete it after changing the extractor.
set -euo pipefail
cd "$(dirname "$0")/../../.."
corpus=${1:-/tmp/segue-quality/dev}; cache=${2:-/tmp/segue-feature-quality.tsv}
. bin/jdk.sh
./mvnw -B -q -ntp -o -pl sonic-service -am compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="sonic-service/target/classes:schema/target/classes:$(cat sonic-service/target/bench.classpath)"
java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" \
    bench/sonic/features/FeatureQuality.java "$corpus" "$cache"
