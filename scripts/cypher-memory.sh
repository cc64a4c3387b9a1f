#!/usr/bin/env bash
# cypher-memory.sh: the server's memory under N concurrent Cypher queries
# whose answers hit the byte cap (issue 11). Needs a Neo4j at NEO4J_URI and
# bin/nexus; prints the serve process's RSS before, at peak and after.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10}
ADDR=${ADDR:-127.0.0.1:18080}
NEXUS_ADDR=$ADDR NEXUS_CYPHER_RATE=-1 bin/nexus serve --cypher-concurrency "$N" >/tmp/cypher-memory-serve.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 1 100); do curl -fsS "http://$ADDR/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
rss() { awk '/VmRSS/ {print $2}' /proc/$pid/status; }
echo "before: $(rss) kB"
pad=$(python3 -c "print('x' * ${PAD:-50000})")
body='{"query":"UNWIND range(1, 200000) AS i RETURN i, $pad AS pad","params":{"pad":"'$pad'"}}'
peak=0
( for _ in $(seq 1 "$N"); do curl -s -o /dev/null -w '%{http_code} %{size_download}\n' -H 'content-type: application/json' -d "$body" "http://$ADDR/api/cypher" & done; wait ) >/tmp/cypher-memory-answers.txt &
load=$!
while kill -0 $load 2>/dev/null; do r=$(rss); (( r > peak )) && peak=$r; sleep 0.05; done
echo "peak: $peak kB"
sleep 2
echo "after: $(rss) kB"
sort /tmp/cypher-memory-answers.txt | uniq -c
