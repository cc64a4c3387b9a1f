package neo4jstore

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph"
)

func TestGuard(t *testing.T) {
	tests := []struct {
		q    string
		want error // nil: accepted
		out  string
	}{
		{q: "MATCH (n) RETURN n", out: "MATCH (n) RETURN n"},
		{q: "MATCH (n) RETURN n;  ", out: "MATCH (n) RETURN n"},
		{q: "RETURN 'a;b' AS x; // done; really", out: "RETURN 'a;b' AS x"},
		{q: "MATCH (n) WHERE n.name = 'LOAD CSV' RETURN n.use", out: "MATCH (n) WHERE n.name = 'LOAD CSV' RETURN n.use"},
		{q: "CALL db.labels() YIELD label RETURN label"},
		{q: "CALL db.index.fulltext.queryNodes('entity_names', 'iran') YIELD node RETURN node"},
		{q: "MATCH (n) CALL (n) { RETURN n.id AS id } RETURN id"},
		{q: "MATCH (n) CALL { WITH n RETURN 1 AS one } RETURN one"},
		{q: "/* CALL dbms.killQueries */ RETURN 1"},
		{q: "", want: graph.ErrInvalid},
		{q: " // only a comment", want: graph.ErrInvalid},
		{q: "RETURN 1; RETURN 2", want: graph.ErrInvalid},
		{q: "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m", want: graph.ErrInvalid},
		{q: "EXPLAIN MATCH (n) RETURN n", want: graph.ErrInvalid},
		{q: "CALL dbms.security.createUser('x', 'y', false)", want: graph.ErrWriteRefused},
		{q: "CALL `dbms`.`security`.createUser('x', 'y', false)", want: graph.ErrWriteRefused},
		{q: "call DBMS.components()", want: graph.ErrWriteRefused},
		{q: "CALL db.createLabel('X')", want: graph.ErrWriteRefused},
		{q: "MATCH (n) CALL apoc.create.node(['X'], {}) YIELD node RETURN node", want: graph.ErrWriteRefused},
		{q: "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", want: graph.ErrWriteRefused},
		{q: "USE system SHOW USERS", want: graph.ErrWriteRefused},
		{q: "SHOW USERS", want: graph.ErrWriteRefused},
		{q: "CREATE INDEX x FOR (n:X) ON (n.y)", want: graph.ErrWriteRefused},
		{q: "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS RETURN 1", want: graph.ErrWriteRefused},
		{q: "RETURN 'unterminated", want: graph.ErrQuerySyntax},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			out, err := guard(tc.q)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if tc.out != "" && out != tc.out {
					t.Errorf("query = %q, want %q", out, tc.out)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestRunReadOnlyRefusals(t *testing.T) {
	s := openTest(t)
	neighbourGraph(t, s)
	before := mustStats(t, s)
	tests := []struct {
		name, q string
		want    error
	}{
		{"create", "CREATE (n:Entity {id: 'evil'}) RETURN n", graph.ErrWriteRefused},
		{"merge", "MERGE (n:Entity {id: 'evil'}) RETURN n", graph.ErrWriteRefused},
		{"delete", "MATCH (n:Entity {id: 'a'})-[r]-() DELETE r", graph.ErrWriteRefused},
		{"detach delete", "MATCH (n) DETACH DELETE n", graph.ErrWriteRefused},
		{"set", "MATCH (n:Entity) SET n.name = 'x' RETURN n", graph.ErrWriteRefused},
		{"remove", "MATCH (n:Entity) REMOVE n.name RETURN n", graph.ErrWriteRefused},
		{"write in subquery", "MATCH (n:Entity) CALL (n) { SET n.x = 1 } RETURN count(*)", graph.ErrWriteRefused},
		{"foreach write", "MATCH (n:Entity) FOREACH (x IN [1] | SET n.x = x)", graph.ErrWriteRefused},
		{"create user", "CALL dbms.security.createUser('x', 'password1', false)", graph.ErrWriteRefused},
		{"create label", "CALL db.createLabel('Evil')", graph.ErrWriteRefused},
		{"load csv", "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", graph.ErrWriteRefused},
		{"create index", "CREATE INDEX evil IF NOT EXISTS FOR (n:Entity) ON (n.name)", graph.ErrWriteRefused},
		{"drop constraint", "DROP CONSTRAINT entity_id", graph.ErrWriteRefused},
		{"multi statement", "MATCH (n) RETURN n; CREATE (m)", graph.ErrInvalid},
		{"syntax", "MATCH (n RETURN n", graph.ErrQuerySyntax},
		{"unknown variable", "MATCH (n) RETURN m", graph.ErrQuerySyntax},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.RunReadOnly(ctxT(t), tc.q, nil)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
	if after := mustStats(t, s); after.Entities != before.Entities || after.Relations != before.Relations {
		t.Fatalf("graph changed: %+v → %+v", before, after)
	}
	t.Run("syntax error keeps position", func(t *testing.T) {
		_, err := s.RunReadOnly(ctxT(t), "MATCH (n RETURN n", nil)
		// The position points into the analyst's query, not "EXPLAIN " + query.
		if err == nil || !strings.Contains(err.Error(), "(line 1, column 10 (offset: 9))") ||
			!strings.Contains(err.Error(), "\"MATCH (n RETURN n\"\n          ^") {
			t.Errorf("err = %q, want the server's message with the position in the query", err)
		}
	})
}

func TestRunReadOnlyResults(t *testing.T) {
	s := openTest(t, func(c *Config) { c.RowCap = 5 })
	neighbourGraph(t, s)
	ctx := ctxT(t)
	t.Run("nodes relationships and scalars", func(t *testing.T) {
		res, err := s.RunReadOnly(ctx, `MATCH (a:Entity {id: $id})-[r:SUPPLIES]->(b)
RETURN a, r, b.name AS name, r.confidence AS c, 1 + 1 AS two, date('2024-02-29') AS day, [1, 'x'] AS l`,
			map[string]any{"id": "a"})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(res.Columns, ",") != "a,r,name,c,two,day,l" || len(res.Rows) != 1 || res.Truncated {
			t.Fatalf("result = %+v", res)
		}
		row := res.Rows[0]
		a, ok := row[0].(graph.Entity)
		if !ok || a.ID != "a" || a.Name != "A" || a.Type != graph.Organization {
			t.Errorf("node = %#v", row[0])
		}
		r, ok := row[1].(graph.Relation)
		if !ok || r.Source != "a" || r.Target != "b" || r.Type != graph.Supplies || r.Confidence != 0.9 ||
			r.ID != graph.RelationID("a", graph.Supplies, "b") {
			t.Errorf("relationship = %#v", row[1])
		}
		if row[2] != "B" || row[3] != 0.9 || row[4] != int64(2) || row[5] != "2024-02-29" {
			t.Errorf("scalars = %#v", row[2:])
		}
		// b was not returned as a node but is an endpoint: it is drawn.
		if len(res.Graph.Nodes) != 2 || len(res.Graph.Edges) != 1 {
			t.Errorf("graph = %+v", res.Graph)
		}
		if _, err := json.Marshal(res); err != nil {
			t.Errorf("not JSON-able: %v", err)
		}
	})
	t.Run("paths", func(t *testing.T) {
		res, err := s.RunReadOnly(ctx, `MATCH p = (:Entity {id: 'a'})-[:SUPPLIES*2]->() RETURN p`, nil)
		if err != nil {
			t.Fatal(err)
		}
		p, ok := res.Rows[0][0].(graph.Path)
		if !ok || len(p.Nodes) != 3 || p.Nodes[2].ID != "c" || p.Edges[1].Source != "b" {
			t.Errorf("path = %#v", res.Rows[0][0])
		}
	})
	t.Run("row cap", func(t *testing.T) {
		res, err := s.RunReadOnly(ctx, `UNWIND range(1, 100) AS x RETURN x`, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 5 || !res.Truncated || res.Rows[4][0] != int64(5) {
			t.Errorf("rows = %v truncated = %v", res.Rows, res.Truncated)
		}
		res, err = s.RunReadOnly(ctx, `UNWIND range(1, 5) AS x RETURN x`, nil)
		if err != nil || len(res.Rows) != 5 || res.Truncated {
			t.Errorf("exactly the cap: rows = %d truncated = %v err = %v", len(res.Rows), res.Truncated, err)
		}
	})
	t.Run("allowed procedure", func(t *testing.T) {
		res, err := s.RunReadOnly(ctx, `CALL db.labels() YIELD label RETURN label ORDER BY label`, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) == 0 {
			t.Errorf("no labels")
		}
	})
}

func TestRunReadOnlyTimeout(t *testing.T) {
	s := openTest(t, func(c *Config) { c.QueryTimeout = time.Second })
	_, err := s.RunReadOnly(ctxT(t), `UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 123 RETURN count(*)`, nil)
	if !errors.Is(err, graph.ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
}
