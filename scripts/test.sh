#!/usr/bin/env bash
# make test: the whole suite on a fresh machine of this kind. It installs
# what is missing (Chromium from Debian, the NLP runtime into .nexus/venv),
# runs the NLP worker's tests, builds the viewer and the binary,
# starts a throwaway Neo4j on its own port and data folder, runs the Go
# tests against it (no mocks, no skips in CI) through the routing scheme
# neo4j:// that clusters and Aura need, the store's and the API's again
# over a direct bolt:// connection, a short fuzz pass, the
# viewer's unit tests and the browser end-to-end tests, and stops
# everything it started, also when a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
GO=${GO:-go}
BIN=$ROOT/bin/nexus
TEST_PORT=${NEXUS_TEST_NEO4J_PORT:-19687}
HTTP_PORT=${NEXUS_TEST_HTTP_PORT:-19080}
TEST_HOME=$ROOT/.nexus/test-neo4j
# Each fuzz target runs a fixed number of executions (not seconds: on a
# loaded box eight seconds were 8-139 executions), with minimisation
# bounded; targets that cost a database round trip or a parser timeout
# per input run fewer.
FUZZ_EXECS=${FUZZ_EXECS:-2000}
declare -A FUZZ_EXECS_OF=([FuzzConsoleGuard]=300 [FuzzReadPDF]=300 [FuzzReadHTML]=1000)
FUZZ_LIMIT=${FUZZ_LIMIT:-240}
export CI=${CI:-}

step() { printf '\n=== %s\n' "$*"; }
serve_pid=
cleanup() {
  local rc=$?
  [[ -n $serve_pid ]] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  if [[ -x $BIN ]]; then "$BIN" neo4j stop --home "$TEST_HOME" >/dev/null 2>&1 || true; fi
  rm -rf "$TEST_HOME"
  exit $rc
}
trap cleanup EXIT INT TERM

step "tools"
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Chromium from Debian's packages"
  SUDO=; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
$GO version; java -version 2>&1 | head -1; node --version; chromium --version 2>/dev/null

step "NLP runtime (make nlp) and worker tests"
make --no-print-directory nlp
.nexus/venv/bin/python -m pytest -q -p no:cacheprovider tools/nlp

step "lint: gofmt, go vet"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [[ -n $unformatted ]]; then echo "gofmt would change: $unformatted"; exit 1; fi
$GO vet ./...

step "viewer: npm ci, unit tests, build"
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm test && npm run build)

step "build"
$GO build -o "$BIN" ./cmd/nexus

step "Neo4j: throwaway instance on 127.0.0.1:$TEST_PORT"
rm -rf "$TEST_HOME"
# --tls: Bolt also accepts TLS with the server's own certificate, so the
# encrypted schemes a cloud or cluster deployment uses (neo4j+s://,
# bolt+s://, +ssc) are tested against a real server (graph/neo4jstore TestTLS).
"$BIN" neo4j start --home "$TEST_HOME" --bolt "127.0.0.1:$TEST_PORT" --no-auth --tls
export NEXUS_TEST_NEO4J_TLS_CA=$TEST_HOME/certificates/bolt/public.crt
# Everything runs through the routing scheme, as against a cluster or Aura
# (neo4j://, neo4j+s://): the driver asks the server for a routing table
# and sends reads to readers and writes to the leader. Community answers
# the routing protocol as a cluster of one. NEXUS_TEST_NEO4J_SCHEME=bolt
# runs the main pass over a direct connection instead.
ROUTED_URI="${NEXUS_TEST_NEO4J_SCHEME:-neo4j}://127.0.0.1:$TEST_PORT"
DIRECT_URI="bolt://127.0.0.1:$TEST_PORT"
export NEXUS_TEST_NEO4J_URI=$ROUTED_URI

# nexus serve against the test database, in the background until serve_stop
serve_start() {
  NEO4J_URI=$NEXUS_TEST_NEO4J_URI NEO4J_PASSWORD= NEXUS_ADDR=127.0.0.1:$HTTP_PORT NEXUS_API_TOKEN=e2e-token \
    "$BIN" serve >"$ROOT/.nexus/e2e-serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$HTTP_PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fsS "http://127.0.0.1:$HTTP_PORT/readyz" >/dev/null || { echo "nexus serve did not become ready"; tail -50 "$ROOT/.nexus/e2e-serve.log"; exit 1; }
}
serve_stop() { kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=; }
ingest() { NEO4J_URI=$NEXUS_TEST_NEO4J_URI NEO4J_PASSWORD= "$BIN" ingest "$@"; }

# Both run first, on the empty database; the Go tests after them wipe what they use.
step "README pictures: nexus serve with seeds/documents only (what make run ingests), driven in Chromium"
ingest seeds/documents
serve_start
(cd ui && NEXUS_URL="http://127.0.0.1:$HTTP_PORT" npm run screenshots)
serve_stop

step "end to end: nexus serve with the seed documents and ../shared/seeds, driven in Chromium"
ingest ../shared/seeds
serve_start
(cd ui && NEXUS_URL="http://127.0.0.1:$HTTP_PORT" npm run e2e)
serve_stop

step "Go tests (real Neo4j at $NEXUS_TEST_NEO4J_URI)"
# Compile every test binary in parallel first, then run packages one at a
# time: Community Edition has one database, shared by the packages' tests.
$GO test -count=1 -run '^$' ./... >/dev/null
$GO test -count=1 -p 1 ./...

step "Go tests of the store and the API again, over a direct connection ($DIRECT_URI)"
# bolt:// (one server, no routing table) stays supported. Only the
# connection differs between the schemes, so only the packages whose
# tests drive the store's sessions and transactions run twice:
# graph/neo4jstore (with the read-only Cypher guard's tests) and the API
# over it (2.3 minutes at load 8-12, BENCHMARKS.md "Scaling out"). ingest and cmd/nexus
# (four concurrent `nexus ingest` processes among its tests) ran above,
# through the routing scheme, only.
NEXUS_TEST_NEO4J_URI=$DIRECT_URI $GO test -count=1 -p 1 ./graph/neo4jstore ./api

step "fuzz (a fixed number of executions per target)"
git grep -oE '^func Fuzz[A-Za-z0-9_]+' -- '*_test.go' | while IFS=: read -r file decl; do
  name=${decl#func }
  n=${FUZZ_EXECS_OF[$name]:-$FUZZ_EXECS}
  echo "--- fuzz $name ($(dirname "$file")): $n executions"
  # A target that cannot do its executions in FUZZ_LIMIT seconds is
  # reported as a failure: its inputs hang the code under test.
  if ! timeout "$FUZZ_LIMIT" $GO test -run '^$' -fuzz "^${name}\$" -fuzztime "${n}x" -fuzzminimizetime 10s "./$(dirname "$file")"; then
    echo "fuzz $name failed or did not finish $n executions in ${FUZZ_LIMIT}s"; exit 1
  fi
done

step "all passed"
