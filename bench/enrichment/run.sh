#!/usr/bin/env bash
# Enrichment benchmark: 2,100 artists / 3,757 albums against a counting stub of Last.fm and
# MusicBrainz. RATE_SCALE multiplies the real limits (1/s MusicBrainz, 5/s Last.fm) so the bench
# finishes in minutes; the report projects the wall time at the real limits from the call counts.
# Usage: bench/enrichment/run.sh [RATE_SCALE] [ARTISTS]   (defaults 100 and 2100; ARTISTS shrinks the
# library proportionally, e.g. "1 60" is a two-minute spot check at the real limits)
set -euo pipefail
cd "$(dirname "$0")/../.."
SCALE="${1:-100}"
ARTISTS="${2:-2100}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q -pl enrichment-service -am verify \
  -Dtest=EnrichmentBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsegue.bench=true -Dsegue.bench.rate-scale="$SCALE" -Dsegue.bench.artists="$ARTISTS" \
  -Dquarkus.log.category.\"dev.segue\".level=WARN
cat "enrichment-service/target/benchmark-enrichment-$ARTISTS.txt"
