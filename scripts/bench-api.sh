#!/usr/bin/env bash
# API load benchmark (owned by the API): a Neo4j of its own on loopback, a
# deterministic synthetic graph of 100,000 relations written through the
# store (generated once, kept in $BENCH_HOME between runs), `nexus serve`,
# then nexus-load: search, neighbours and shortest path through the API and
# directly through the store, interleaved, with requests/s, p50/p90/p99 and
# the API/direct ratio at p50. Every loop is bounded in count and time and
# all traffic stays on 127.0.0.1.
#
#   bash scripts/bench-api.sh                 # defaults below
#   RELATIONS=20000 REQUESTS=500 bash scripts/bench-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
BOLT_PORT=${NEXUS_BENCH_NEO4J_PORT:-17697}
HTTP_PORT=${NEXUS_BENCH_HTTP_PORT:-18097}
BENCH_HOME=${BENCH_HOME:-.nexus/bench-neo4j}
ENTITIES=${ENTITIES:-20000}
RELATIONS=${RELATIONS:-100000}
REQUESTS=${REQUESTS:-2000}
DURATION=${DURATION:-60s}
CONCURRENCY=${CONCURRENCY:-2}
OUT=${OUT:-.nexus/bench-api.json}
URI=bolt://127.0.0.1:$BOLT_PORT

mkdir -p bin .nexus
$GO build -o bin/nexus ./cmd/nexus
$GO build -o bin/nexus-load ./cmd/nexus-load

serve_pid=
cleanup() {
  local rc=$?
  [[ -n $serve_pid ]] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  bin/nexus neo4j stop --home "$BENCH_HOME" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT INT TERM

bin/nexus neo4j start --home "$BENCH_HOME" --bolt "127.0.0.1:$BOLT_PORT" --no-auth --heap 1g --pagecache 512m

gen=(--neo4j-uri "$URI" --entities "$ENTITIES" --relations "$RELATIONS" --generate-only)
if ! bin/nexus-load "${gen[@]}" 2>/dev/null; then
  echo "bench-api: generating $RELATIONS relations (once; kept in $BENCH_HOME)"
  bin/nexus-load "${gen[@]}" --generate
fi

NEO4J_URI=$URI NEO4J_PASSWORD= NEXUS_ADDR=127.0.0.1:$HTTP_PORT NEXUS_API_TOKEN= \
  bin/nexus serve --cypher-rate -1 >.nexus/bench-serve.log 2>&1 &
serve_pid=$!

bin/nexus-load --neo4j-uri "$URI" --entities "$ENTITIES" --relations "$RELATIONS" \
  --url "http://127.0.0.1:$HTTP_PORT" --requests "$REQUESTS" --duration "$DURATION" \
  --concurrency "$CONCURRENCY" --warmup 200 --json "$OUT"
echo "bench-api: results also in $OUT"
