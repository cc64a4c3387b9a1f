#!/usr/bin/env bash
# make screenshots: the README's pictures (docs/screenshot.png, docs/evidence.png)
# from what `make run` shows on a fresh clone. A throwaway Neo4j of its own
# gets seeds/documents and nothing else (as make run ingests), `nexus serve`
# serves it, and ui/e2e/screenshots.mjs drives the viewer, checks what is
# drawn and writes the pictures into docs/. Stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/bin/nexus
PORT=${NEXUS_SHOTS_NEO4J_PORT:-19688}
HTTP_PORT=${NEXUS_SHOTS_HTTP_PORT:-19081}
HOME_DIR=$ROOT/.nexus/shots-neo4j

serve_pid=
cleanup() {
  local rc=$?
  [[ -n $serve_pid ]] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  "$BIN" neo4j stop --home "$HOME_DIR" >/dev/null 2>&1 || true
  rm -rf "$HOME_DIR"
  exit $rc
}
trap cleanup EXIT INT TERM

rm -rf "$HOME_DIR"
"$BIN" neo4j start --home "$HOME_DIR" --bolt "127.0.0.1:$PORT" --no-auth
export NEO4J_URI="bolt://127.0.0.1:$PORT" NEO4J_PASSWORD= NEXUS_ADDR="127.0.0.1:$HTTP_PORT"
"$BIN" ingest seeds/documents
"$BIN" serve >"$ROOT/.nexus/shots-serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$HTTP_PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$HTTP_PORT/readyz" >/dev/null || { echo "nexus serve did not become ready"; tail -50 "$ROOT/.nexus/shots-serve.log"; exit 1; }
(cd ui && NEXUS_URL="http://127.0.0.1:$HTTP_PORT" npm run --silent screenshots -- --docs)
