#!/usr/bin/env bash
# Delivery benchmark: a 500-track playlist pushed to Plex, Jellyfin and Subsonic stubs (WireMock) whose
# catalogues hold 33,636 tracks in pages of 2,000 — the first push and three replacements in place, timed
# from the client, with the write and read requests each one made. Target (issue 17): <= 5 s per push,
# <= 3 + 500/100 = 8 writes for Plex.
# Usage: bench/delivery/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/jdk.sh
echo "load: $(uptime)"
./mvnw -B -q -ntp -pl playlist-service -am verify -DskipITs \
  -Dtest=DeliveryBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dsegue.bench=true \
  -Dquarkus.log.category.\"dev.segue\".level=WARN > /tmp/segue-bench-delivery.log 2>&1 \
  || { tail -50 /tmp/segue-bench-delivery.log; exit 1; }
cat playlist-service/target/benchmark-delivery.txt
echo "load: $(uptime)"
