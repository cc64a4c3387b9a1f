#!/usr/bin/env bash
# make run: start the local Neo4j when NEO4J_URI points at the local default
# and nothing answers there (an external server is left alone), ingest the
# documents in seeds/, then serve the viewer and API.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=bin/nexus
NEO4J_HOME=${NEO4J_HOME:-.nexus/neo4j}
NEO4J_URI=${NEO4J_URI:-neo4j://127.0.0.1:7687}
export NEO4J_URI

mkdir -p .nexus
# A password for the local server, made once and kept out of git.
if [[ -z "${NEO4J_PASSWORD:-}" ]]; then
  pwfile=.nexus/neo4j-password
  if [[ ! -s $pwfile ]]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$pwfile")
  fi
  NEO4J_PASSWORD=$(cat "$pwfile")
fi
export NEO4J_PASSWORD

hostport=${NEO4J_URI#*://}; hostport=${hostport%%/*}
if "$BIN" neo4j wait --timeout 3s >/dev/null 2>&1; then
  echo "run: Neo4j answers at $NEO4J_URI; using it as it is"
elif [[ $hostport == 127.0.0.1:7687 || $hostport == localhost:7687 ]]; then
  echo "run: starting the local Neo4j (data in $NEO4J_HOME)"
  "$BIN" neo4j start --home "$NEO4J_HOME" --bolt 127.0.0.1:7687
else
  echo "run: nothing answers at $NEO4J_URI and it is not the local default; start that server or unset NEO4J_URI" >&2
  exit 1
fi

"$BIN" ingest seeds/documents
addr=${NEXUS_ADDR:-127.0.0.1:8080}
echo "run: serving on http://$addr — Ctrl-C stops the server, make stop stops Neo4j"
echo "run: the command line finds the local password itself: bin/nexus path komid 'Bashar al-Assad'"
if [[ -n "${NEXUS_API_TOKEN:-}" ]]; then
  echo "run: POST /api/ingest is on: curl -X POST http://$addr/api/ingest -H \"Authorization: Bearer \$NEXUS_API_TOKEN\" -F files=@report.pdf"
else
  echo "run: POST /api/ingest is off; to turn it on: NEXUS_API_TOKEN=<a secret> make run (or bin/nexus ingest FILES)"
fi
exec "$BIN" serve
