#!/usr/bin/env bash
# Playlist quality on labelled soundtracks (see bench/quality/quality.py and docs/benchmarks.md).
#   bench/quality/run.sh                         the development corpus (built first if missing), with genre tags
#   bench/quality/run.sh --no-genre-tags         the same without genre tags: sound alone
#   bench/quality/run.sh --corpus DIR            any folder of soundtrack folders (e.g. corpus.sh --held-out DIR)
# Builds the services once when a packaged jar is missing (bin/segue-local does).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
exec "$PYTHON" bench/quality/quality.py "$@"
