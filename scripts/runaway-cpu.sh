#!/usr/bin/env bash
# runaway-cpu.sh: does a Cypher query the API times out stop in the
# database? Sends queries that run past the timeout through POST
# /api/cypher and samples the Neo4j JVM's CPU for 10 s after each answer.
# Needs NEO4J_URI, NEO4J_PID (the JVM) and bin/nexus.
set -euo pipefail
cd "$(dirname "$0")/.."
ADDR=${ADDR:-127.0.0.1:18081}
NEXUS_ADDR=$ADDR NEXUS_CYPHER_RATE=-1 bin/nexus serve --query-timeout 3s >/tmp/runaway-serve.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 1 100); do curl -fsS "http://$ADDR/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
ticks() { awk '{print $14+$15}' /proc/$NEO4J_PID/stat; }
hz=$(getconf CLK_TCK)
for q in "UNWIND range(1, 10000000000) AS x WITH x WHERE x % 7 = 123 RETURN count(*)" \
         "MATCH (a), (b), (c), (d) RETURN count(*)" \
         "RETURN size(reduce(s = '', x IN range(1, 20000000) | s + 'x'))"; do
  t0=$(date +%s.%N)
  out=$(curl -s -w ' %{http_code}' -H 'content-type: application/json' -d "{\"query\":\"$q\"}" "http://$ADDR/api/cypher")
  t1=$(date +%s.%N)
  c0=$(ticks); sleep 10; c1=$(ticks)
  printf '%s\n  answer %s after %.1f s; JVM CPU in the 10 s after: %.2f s\n' "$q" "${out: -3}" "$(echo "$t1 - $t0" | bc)" "$(echo "($c1 - $c0) / $hz" | bc -l)"
done
