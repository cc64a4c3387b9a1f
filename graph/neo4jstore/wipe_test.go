package neo4jstore

import (
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestWipeHub wipes a graph whose one node holds more relationships than
// one batch: Wipe must delete them in several transactions (a DETACH
// DELETE of such a node in one ran out of transaction memory at 5,000
// documents), keep the schema and leave nothing else.
func TestWipeHub(t *testing.T) {
	s := openTest(t)
	ctx := ctxT(t)
	const leaves = wipeBatch + 17
	if _, err := neo4j.ExecuteQuery(ctx, s.driver, `CREATE (h:Entity {id: 'hub', name: 'Hub'})
WITH h UNWIND range(1, $n) AS i
CREATE (h)-[:MENTIONED_WITH {n: i}]->(:Entity {id: 'leaf-' + toString(i), name: 'leaf'})`,
		map[string]any{"n": leaves}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.cfg.Database)); err != nil {
		t.Fatal(err)
	}
	if err := s.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver, `MATCH (n) WHERE NOT n:`+writeLockLabel+` WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS rels`, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	nodes, _ := res.Records[0].Get("nodes")
	rels, _ := res.Records[0].Get("rels")
	if nodes.(int64) != 0 || rels.(int64) != 0 {
		t.Errorf("after wipe: %v nodes, %v relationships", nodes, rels)
	}
	cons, err := neo4j.ExecuteQuery(ctx, s.driver, `SHOW CONSTRAINTS YIELD name RETURN count(*) AS n`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := cons.Records[0].Get("n"); n.(int64) == 0 {
		t.Error("wipe dropped the schema's constraints")
	}
}
