#!/usr/bin/env bash
# make bench-scale: ingest at scale (issue 13). Starts a Neo4j of its own
# with the launcher's defaults (heap 768m, page cache 1g: what users get),
# writes the generated corpus (internal/corpus, extraction precomputed)
# through the store with cmd/nexus-scale, and prints per thousand documents
# the time per document by database size, relations/s, memory of both
# processes, then an incremental ingest of 100 new documents into the
# largest database. Same corpus, same counts. All traffic on 127.0.0.1.
#
#   make bench-scale                          # 50,000 documents (~15-30 min on 2 cores)
#   SCALE_DOCS=5000 make bench-scale          # a quick look
#   SCALE_PAGECACHE=192m make bench-scale     # the earlier default, which 50,000 documents outgrow
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
PORT=${NEXUS_SCALE_PORT:-37687}
HOME_DIR=${NEXUS_SCALE_HOME:-.nexus/bench-scale-neo4j}
DOCS=${SCALE_DOCS:-50000}
# The warm-up (another corpus, written then wiped) keeps the server's JIT
# out of the figures by database size: on the 2-core box, the same first
# thousand documents written six times into a fresh server (wiped between)
# took 40, 17, 12, 9, 6.6 and 4.7 ms of server CPU per document, so 2,000
# documents (the earlier default) left the first measured thousands cold
# (BENCHMARKS.md, "Ingest at scale, ninth session"). SCALE_WARMUP=0 measures
# a cold server.
WARMUP=${SCALE_WARMUP:-6000}
OUT=${SCALE_OUT:-.nexus/bench-scale}
mkdir -p bin .nexus
$GO build -o bin/nexus ./cmd/nexus
$GO build -o bin/nexus-scale ./cmd/nexus-scale
cleanup() { local rc=$?; bin/nexus neo4j stop --home "$HOME_DIR" >/dev/null 2>&1 || true; rm -rf "$HOME_DIR"; exit $rc; }
trap cleanup EXIT INT TERM
rm -rf "$HOME_DIR"
# SCALE_PAGECACHE / SCALE_HEAP override the launcher's defaults, to see
# how much of the growth with size is the page cache being outgrown.
bin/nexus neo4j start --home "$HOME_DIR" --bolt "127.0.0.1:$PORT" --no-auth \
  ${SCALE_PAGECACHE:+--pagecache "$SCALE_PAGECACHE"} ${SCALE_HEAP:+--heap "$SCALE_HEAP"}
{
  echo "# $(date -u +%FT%TZ) $(lscpu | sed -n 's/^Model name: *//p') x$(nproc), $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# git $(git rev-parse --short HEAD)$(git diff --quiet || echo -dirty), $DOCS documents, warm-up $WARMUP, page cache ${SCALE_PAGECACHE:-default}, heap ${SCALE_HEAP:-default}"
  bin/nexus-scale --neo4j-uri "bolt://127.0.0.1:$PORT" --neo4j-home "$HOME_DIR" --docs "$DOCS" \
    --warmup "$WARMUP" --json "$OUT.json"
} 2>&1 | tee "$OUT.txt"
