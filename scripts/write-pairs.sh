#!/usr/bin/env bash
# Interleaved BenchmarkWrite runs of two store builds against one running
# Neo4j, for the figures in BENCHMARKS.md ("Store (issue 2)"). Machines here
# are shared and noisy, so two builds are compared run for run on the same
# server rather than across windows.
#
#   go test -c -o /tmp/old.test ./graph/neo4jstore/   # at the old commit
#   go test -c -o /tmp/new.test ./graph/neo4jstore/   # at the new commit
#   bin/nexus neo4j start --home /tmp/bench-neo4j --bolt 127.0.0.1:7701 --no-auth --heap 1g --pagecache 512m
#   scripts/write-pairs.sh /tmp/old.test /tmp/new.test 6 [bolt://127.0.0.1:7701] [/tmp/bench-neo4j]
#
# One warm-up pair runs first and is reported as such (the first write after
# a server start mostly measures the JIT). Before each run a 2-entity write
# empties the store, so the measured run's own wipe is cheap. Per run it
# prints rel/s, the server's CPU seconds (utime+stime of the JVM from /proc),
# its collection seconds (jstat) and the client's CPU (/usr/bin/time).
set -euo pipefail

old=${1:?old test binary}
new=${2:?new test binary}
pairs=${3:-6}
uri=${4:-bolt://127.0.0.1:7701}
home=${5:-/tmp/bench-neo4j}
pid=$(head -1 "$home/neo4j.pid")
pkgdir=$(cd "$(dirname "$0")/../graph/neo4jstore" && pwd)
tck=$(getconf CLK_TCK)

cpu() { awk -v t="$tck" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$pid/stat"; }
gct() { if command -v jstat >/dev/null; then jstat -gc "$pid" | awk 'NR == 2 { print $NF }'; else echo 0; fi; }

bench() { # bench BINARY [ENV...]
	local bin=$1
	shift
	(cd "$pkgdir" && env NEXUS_TEST_NEO4J_URI="$uri" "$@" "$bin" -test.run '^$' -test.bench 'BenchmarkWrite$' -test.benchtime 1x)
}

run() { # run LABEL BINARY
	local label=$1 bin=$2
	bench "$bin" NEXUS_BENCH_ENTITIES=2 >/dev/null 2>&1
	local c0 g0 c1 g1 out load
	load=$(cut -d' ' -f1 /proc/loadavg)
	c0=$(cpu)
	g0=$(gct)
	out=$( { /usr/bin/time -f 'client=%U+%S' bash -c "cd '$pkgdir' && NEXUS_TEST_NEO4J_URI='$uri' '$bin' -test.run '^\$' -test.bench 'BenchmarkWrite\$' -test.benchtime 1x"; } 2>&1)
	c1=$(cpu)
	g1=$(gct)
	echo "$label $(grep -o '[0-9]* rel/s' <<<"$out") server=$(echo "$c1 - $c0" | bc)s gc=$(echo "$g1 - $g0" | bc)s $(grep -o 'client=.*' <<<"$out") load=$load"
}

run warm-new "$new"
run warm-old "$old"
for _ in $(seq "$pairs"); do
	run new "$new"
	run old "$old"
done
