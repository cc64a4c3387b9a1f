#!/usr/bin/env bash
# make bench: every benchmark whose figures go into BENCHMARKS.md.
#  1. Go benchmarks (extraction throughput, readers, store writes and paths,
#     end-to-end ingest) against a throwaway Neo4j of their own;
#  2. the API load benchmark (scripts/bench-api.sh, its own Neo4j and graph).
# The viewer's browser measurement is `cd ui && npm run bench` (see BENCHMARKS.md).
# All traffic stays on 127.0.0.1; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
PORT=${NEXUS_BENCH_GO_PORT:-19697}
HOME_DIR=.nexus/bench-go-neo4j
BENCHTIME=${BENCHTIME:-1x}
mkdir -p bin .nexus
$GO build -o bin/nexus ./cmd/nexus
cleanup() { local rc=$?; bin/nexus neo4j stop --home "$HOME_DIR" >/dev/null 2>&1 || true; rm -rf "$HOME_DIR"; exit $rc; }
trap cleanup EXIT INT TERM
rm -rf "$HOME_DIR"
bin/nexus neo4j start --home "$HOME_DIR" --bolt "127.0.0.1:$PORT" --no-auth --heap 1g --pagecache 512m
export NEXUS_TEST_NEO4J_URI=bolt://127.0.0.1:$PORT
{
  echo "# $(date -u +%FT%TZ) $(lscpu | sed -n 's/^Model name: *//p') x$(nproc), $(free -g | awk '/Mem:/{print $2}') GiB"
  $GO test -run '^$' -bench . -benchtime 3x ./ingest/extract/ ./ingest/reader/
  $GO test -run '^$' -bench . -benchtime "$BENCHTIME" -timeout 30m -p 1 ./graph/neo4jstore/ ./ingest/
} 2>&1 | tee .nexus/bench-go.txt
bin/nexus neo4j stop --home "$HOME_DIR"
bash scripts/bench-api.sh
