package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/internal/neo4jtest"
)

// canary is what an attacker would try to reach through the console: a
// file on the host with a secret in it and an HTTP listener on the
// loopback that counts requests. After every attempt, the secret must not
// be in any answer and the listener must have seen nothing.
type canary struct {
	secret string
	file   string // file:/// URL of the secret
	url    string // http URL of the listener
	hits   atomic.Int64
}

func newCanary(t testing.TB) *canary {
	t.Helper()
	c := &canary{secret: fmt.Sprintf("canary-%d", time.Now().UnixNano())}
	path := filepath.Join(t.TempDir(), "secret.csv")
	if err := os.WriteFile(path, []byte(c.secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.file = "file://" + path
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.hits.Add(1)
		fmt.Fprintln(w, c.secret)
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	c.url = "http://" + ln.Addr().String() + "/x.csv"
	return c
}

// escapeLetter writes the i-th letter of a keyword as a Cypher \uXXXX
// escape, which the server's lexer reads as the letter itself.
func escapeLetter(word string, i int) string {
	return word[:i] + fmt.Sprintf(`\u%04X`, word[i]) + word[i+1:]
}

// bypasses are spellings of what the console must refuse: every one was
// or could be a way around a check that reads the text.
func bypasses(c *canary) []string {
	var qs []string
	loadFile := func(load string) string {
		return "WITH 1 AS x " + load + " FROM '" + c.file + "' AS r RETURN r"
	}
	// Every letter of LOAD and CSV escaped, for a file and for a URL.
	for _, w := range []string{"LOAD", "CSV"} {
		for i := range w {
			sp := map[string]string{"LOAD": "LOAD", "CSV": "CSV"}
			sp[w] = escapeLetter(w, i)
			qs = append(qs, loadFile(sp["LOAD"]+" "+sp["CSV"]))
			qs = append(qs, sp["LOAD"]+" "+sp["CSV"]+" FROM '"+c.url+"' AS r RETURN r")
		}
	}
	// Every whitespace and control character Cypher may take between words.
	for _, ws := range []rune{'\t', '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f, 0x85, 0xa0, 0x1680,
		0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
		0x2028, 0x2029, 0x202f, 0x205f, 0x3000} {
		qs = append(qs, loadFile("LOAD"+string(ws)+"CSV"))
		qs = append(qs, "SHOW"+string(ws)+"SETTINGS")
	}
	// Comments, case, backticks are not keywords but try anyway.
	qs = append(qs,
		loadFile("LOAD/* x */CSV"), loadFile("LOAD// x\nCSV"), loadFile("load csv"), loadFile("LoAd CsV"),
		"LOAD CSV WITH HEADERS FROM '"+c.url+"' AS r RETURN r",
		"CALL { LOAD CSV FROM '"+c.file+"' AS r RETURN r } RETURN r",
		"MATCH (n) RETURN 1 AS r UNION LOAD CSV FROM '"+c.file+"' AS r RETURN r",
		"RETURN 1 AS r UNION ALL LOAD CSV FROM '"+c.url+"' AS r RETURN r",
		"OPTIONAL CALL { LOAD CSV FROM '"+c.url+"' AS r RETURN r } RETURN r",
		"RETURN COUNT { LOAD CSV FROM '"+c.url+"' AS r RETURN r } AS n",
	)
	// Administration and SHOW/TERMINATE behind every prefix.
	commands := []string{"SHOW SETTINGS", "SHOW TRANSACTIONS", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
		"SHOW PROCEDURES", "SHOW FUNCTIONS", "SHOW DATABASES", "SHOW USERS", "SHOW INDEXES", "SHOW CONSTRAINTS",
		"SHOW SERVERS", "SHOW CURRENT USER", "SHOW SETTINGS YIELD name, value RETURN name, value",
		"CREATE USER evil SET PASSWORD 'password1'", "STOP DATABASE neo4j", "DROP INDEX entity_names"}
	prefixes := []string{"", "CYPHER 5 ", "CYPHER runtime=slotted ", "CYPHER planner=cost ", "CYPHER 5 runtime=interpreted ",
		"/* c */ CYPHER 5 ", "CYPHER\t5\n", "cypher 5 ", "CYPHER expressionEngine=interpreted "}
	for _, p := range prefixes {
		for _, cmd := range commands {
			qs = append(qs, p+cmd)
		}
		qs = append(qs, p+escapeLetter("SHOW SETTINGS", 0), p+escapeLetter("TERMINATE TRANSACTIONS 'x'", 3))
	}
	// Procedures outside the allow-list, escaped and quoted.
	for _, p := range []string{"CALL db.info()", `\u0043ALL db.info()`, "CALL `db`.`info`()", "CALL dbms.listConfig()",
		"CALL dbms.components()", "CALL dbms.killQuery('query-1')", "CALL db.createLabel('Evil')",
		"CALL dbms.security.createUser('evil', 'password1', false)", "CALL db.ping()", "CALL dbms.showCurrentUser()",
		"CALL db.resampleOutdatedIndexes()", "CALL db.clearQueryCaches()", `CALL db.labels() YIELD label CALL db.info() YIELD id RETURN id`,
		`MATCH (n) CALL (n) { CALL db.info() YIELD id RETURN id } RETURN id`} {
		qs = append(qs, p)
	}
	// Work that runs inside one row, where termination is never checked.
	qs = append(qs,
		"RETURN size(reduce(s = '', x IN range(1, 20000000) | s + 'x'))",
		"RETURN reduce(s = 'x', i IN [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32] | s + s)",
		"RETURN [x IN range(1, 100000000) WHERE x = -1]",
		"RETURN any(x IN range(1, 100000000) WHERE x = -1)",
		"UNWIND [1] AS i RETURN [x IN range(1, 10000) | 'xxxxxxxxxxxxxxxxxxxx']",
		"WITH [1,2,3] AS l RETURN [x IN l | [y IN l | [z IN l | x + y + z]]]",
		"WITH [1,2,3] AS l RETURN any(x IN l WHERE all(y IN l WHERE y > x))",
		"RETURN r\u0061nge(1, 10)",
		"RETURN replace('x', 'x', 'xxxxxxxx')",
	)
	// Writes, also in subqueries and behind prefixes.
	qs = append(qs,
		"CYPHER 5 CREATE (n:Evil) RETURN n", "MATCH (n) CALL (n) { SET n.evil = 1 } RETURN 1",
		"MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS RETURN 1", `\u0043REATE (n:Evil)`,
		"MERGE (n:Evil {id: 1}) RETURN n", "FOREACH (x IN [1] | CREATE (:Evil))",
	)
	return qs
}

func TestConsoleRefusesByPlan(t *testing.T) {
	s := openTest(t)
	neighbourGraph(t, s)
	before := mustStats(t, s)
	c := newCanary(t)

	// Another client's open transaction: no attempt may end it.
	drv := s.driver
	other := drv.NewSession(ctxT(t), neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead})
	defer other.Close(context.Background())
	otherTx, err := other.BeginTransaction(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := otherTx.Run(ctxT(t), "MATCH (n) RETURN count(n)", nil); err != nil {
		t.Fatal(err)
	}
	var otherID string
	if res, err := neo4j.ExecuteQuery(ctxT(t), drv, "SHOW TRANSACTIONS YIELD transactionId, currentQuery, status WHERE currentQuery = '' OR status = 'Running' RETURN transactionId", nil,
		neo4j.EagerResultTransformer); err == nil {
		for _, r := range res.Records {
			otherID, _ = r.Values[0].(string)
		}
	}

	qs := bypasses(c)
	if otherID != "" {
		qs = append(qs, "CYPHER 5 TERMINATE TRANSACTIONS '"+otherID+"'", "TERMINATE TRANSACTION '"+otherID+"'",
			"CALL dbms.killTransaction('"+otherID+"')")
	}
	for _, q := range qs {
		t.Run(q, func(t *testing.T) {
			res, err := s.RunReadOnly(ctxT(t), q, nil)
			if err == nil {
				t.Fatalf("accepted, rows %v", res.Rows)
			}
			if !errors.Is(err, graph.ErrWriteRefused) && !errors.Is(err, graph.ErrQuerySyntax) && !errors.Is(err, graph.ErrInvalid) {
				t.Fatalf("err = %v, want a refusal (422) or a syntax error (400)", err)
			}
			for _, leak := range []string{c.secret, "org.neo4j", "Exception", os.TempDir() + "/"} {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("error %q leaks %q", err, leak)
				}
			}
		})
	}
	if n := c.hits.Load(); n != 0 {
		t.Errorf("the database fetched the canary URL %d times", n)
	}
	if after := mustStats(t, s); after.Entities != before.Entities || after.Relations != before.Relations {
		t.Errorf("graph changed: %+v → %+v", before, after)
	}
	// The other client's transaction is alive: it can still read and commit.
	if _, err := otherTx.Run(ctxT(t), "RETURN 1", nil); err != nil {
		t.Errorf("another client's transaction was ended: %v", err)
	}
	if err := otherTx.Commit(ctxT(t)); err != nil {
		t.Errorf("another client's transaction could not commit: %v", err)
	}
}

// The console still answers what the viewer and analysts ask.
func TestConsoleAcceptsReads(t *testing.T) {
	s := openTest(t)
	neighbourGraph(t, s)
	for _, q := range []string{
		"MATCH (a:Entity)-[r:SUPPLIES]->(b:Entity {id: 'b'}) RETURN a, r, b LIMIT 50",
		"MATCH (n:Entity)-[r]-() RETURN n.name AS name, n.type AS type, count(r) AS degree ORDER BY degree DESC LIMIT 20",
		"MATCH p = (:Entity {id: 'a'})-[*1..2]-(:Entity) RETURN p LIMIT 100",
		"MATCH (n:Entity) WHERE n.id IN ['a', 'b'] OPTIONAL MATCH (n)-[r]->(m:Entity) WHERE m.id IN ['a', 'b'] RETURN n, r, m",
		"MATCH p = shortestPath((a:Entity {id: 'a'})-[*..4]-(b:Entity {id: 'c'})) RETURN p, length(p), [n IN nodes(p) | n.name]",
		"MATCH SHORTEST 2 (a:Entity {id: 'a'})-[r]-+(b:Entity {id: 'c'}) RETURN a, b",
		"MATCH (n:Entity) RETURN count { (n)-->() } AS c, exists { (n)-->() } AS e, collect { MATCH (n)-->(m) RETURN m.id } AS ids",
		"MATCH (n:Entity) WHERE n.name =~ '(?i)a.*' AND NOT (n)-->() RETURN n.name, CASE WHEN n.x IS NULL THEN 1 ELSE 2 END",
		"MATCH (n:Entity) RETURN [(n)-[r]->(m) | m.name] AS names, [x IN [1,2,3] WHERE x > 1 | x * 2] AS l LIMIT 3",
		"MATCH (n:Entity) CALL (n) { MATCH (n)-->(m) RETURN m LIMIT 1 } RETURN n, m",
		"MATCH (a:Entity) RETURN a.id AS id UNION MATCH (b:Entity) RETURN b.id AS id",
		"UNWIND range(1, 10) AS i RETURN i, toString(i) + 'x' AS s",
		"CALL db.labels() YIELD label RETURN label",
		"CALL db.index.fulltext.queryNodes('entity_names', 'a') YIELD node RETURN node.id",
		"CYPHER 5 MATCH (n:Entity) RETURN toLower(n.name), date.truncate('month', date()) LIMIT 1",
		"MATCH (n:Entity) RETURN n.`odd name(` AS x LIMIT 1",
		// Pattern comprehensions are planned as row operators (RollUpApply),
		// which the server can stop between rows, so nesting them is fine.
		"MATCH (n) RETURN [(n)-->(m) | [(m)-->(o) | o.id]]",
	} {
		t.Run(q, func(t *testing.T) {
			if _, err := s.RunReadOnly(ctxT(t), q, nil); err != nil {
				t.Fatalf("refused: %v", err)
			}
		})
	}
}

func TestConsoleAnswerBytesCap(t *testing.T) {
	s := openTest(t, func(c *Config) { c.AnswerBytes = 64 << 10 })
	res, err := s.RunReadOnly(ctxT(t), "UNWIND range(1, 1000) AS i RETURN i, $pad AS pad", map[string]any{"pad": strings.Repeat("x", 1000)})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Truncated || res.TruncatedReason != "answer size cap of 64 KiB" {
		t.Fatalf("truncated = %v (%q), want the size cap", res.Truncated, res.TruncatedReason)
	}
	if n := len(res.Rows); n < 50 || n > 66 {
		t.Errorf("rows = %d, want the ~64 KiB that fit", n)
	}
}

// A query that needs more heap than the server has fails alone: the
// server answers the next query.
func TestConsoleOutOfMemorySurvives(t *testing.T) {
	s := openTest(t)
	q := "WITH $s AS a" + strings.Repeat(" WITH a+a+a+a+a+a+a+a AS a", 10) + " RETURN size(a)"
	_, err := s.RunReadOnly(ctxT(t), q, map[string]any{"s": "xxxxxxxx"})
	if !errors.Is(err, graph.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	res, err := s.RunReadOnly(ctxT(t), "RETURN 1 AS one", nil)
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("the server did not survive: %v", err)
	}
}

// A timed-out query is gone from the database soon after its answer, not
// only from the client.
func TestConsoleTimeoutEndsInDatabase(t *testing.T) {
	s := openTest(t, func(c *Config) { c.QueryTimeout = time.Second })
	marker := fmt.Sprintf("runaway%d", time.Now().UnixNano())
	q := "UNWIND range(1, 10000000000) AS x WITH x WHERE x % 7 = 123 RETURN count(*) AS " + marker
	if _, err := s.RunReadOnly(ctxT(t), q, nil); !errors.Is(err, graph.ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		res, err := neo4j.ExecuteQuery(ctxT(t), s.driver, "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $m RETURN count(*) AS n",
			map[string]any{"m": marker}, neo4j.EagerResultTransformer)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := res.Records[0].Values[0].(int64)
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the query still runs in the database 10 s after its timeout")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// FuzzConsoleGuard mutates the bypass spellings; whatever the console
// accepts must have read nothing from the host, fetched nothing and
// changed nothing: the oracle is what the database did, not the text.
func FuzzConsoleGuard(f *testing.F) {
	c := newCanary(f)
	for _, q := range bypasses(c) {
		f.Add(q)
	}
	// Every fuzzing worker process runs this setup: it must not wipe or
	// write (two workers doing so at once fought over the database), so it
	// reads whatever graph the tests left, and checks it stays so.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := Open(ctx, Config{URI: neo4jtest.URI(f), User: neo4jtest.User(), Password: neo4jtest.Password(),
		QueryTimeout: 2 * time.Second})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close(context.Background()) })
	if err := s.WaitReady(ctx, 200*time.Millisecond); err != nil {
		f.Fatal(err)
	}
	before := mustStats(f, s)
	f.Fuzz(func(t *testing.T, q string) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		res, err := s.RunReadOnly(ctx, q, nil)
		if err != nil {
			return
		}
		for _, row := range res.Rows {
			if strings.Contains(fmt.Sprint(row...), c.secret) {
				t.Fatalf("accepted %q and it read the host file", q)
			}
		}
		if n := c.hits.Load(); n != 0 {
			t.Fatalf("accepted %q and the database fetched a URL", q)
		}
		if after := mustStats(t, s); after.Entities != before.Entities || after.Relations != before.Relations {
			t.Fatalf("accepted %q and the graph changed", q)
		}
	})
}
