package neo4jstore

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/nexus-graph/nexus/graph"
)

// run executes a statement on the test database and returns its records.
func run(t testing.TB, s *Store, q string, p map[string]any) []*neo4j.Record {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctxT(t), s.driver, q, p, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database))
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return res.Records
}

// relationCopies counts the stored relationships with the given id and
// the Evidence nodes pointing at it.
func relationCopies(t testing.TB, s *Store, id string) (edges, evidence int) {
	t.Helper()
	recs := run(t, s, `RETURN COUNT { MATCH ()-[r {id: $id}]->() RETURN r } AS edges,
  COUNT { MATCH (ev:Evidence {relationId: $id}) RETURN ev } AS evidence`, map[string]any{"id": id})
	return toInt(recs[0].Values[0]), toInt(recs[0].Values[1])
}

// TestWriteConcurrentSameRelations writes the same relations from several
// documents in concurrent Writes into a store without relations (where a
// Write creates relations without looking them up): each relation must
// exist once, with one Evidence node and one counted evidence per
// document.
func TestWriteConcurrentSameRelations(t *testing.T) {
	s := openTest(t)
	const writers = 4
	var ents []graph.Entity
	for i := range 12 {
		ents = append(ents, ent(fmt.Sprintf("E%02d", i), graph.Person))
	}
	extraction := func(w int) graph.Extraction {
		id := fmt.Sprintf("w%d", w)
		x := graph.Extraction{Documents: []graph.Document{doc(id, id+".txt", "text")}, Entities: ents}
		for i := range ents {
			for _, j := range []int{i + 1, i + 3} {
				if j < len(ents) {
					x.Relations = append(x.Relations,
						rel(ents[i].Name, graph.Supplies, ents[j].Name, 0.5, id, 100*i+j),
						rel(ents[i].Name, graph.AlliedWith, ents[j].Name, 0.5, id, 100*i+j+50))
				}
			}
		}
		return x
	}
	// The entities exist first, so the writers do not wait on each
	// other's entity creation (a lost race there makes the driver retry
	// the transaction, which would hide a duplicate).
	mustWrite(t, s, graph.Extraction{Entities: ents})
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[w] = s.Write(ctxT(t), extraction(w))
		}()
	}
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
	}
	for _, r := range extraction(0).Relations {
		r = r.Canonical()
		edges, evidence := relationCopies(t, s, r.ID)
		if edges != 1 || evidence != writers {
			t.Errorf("%s %s %s: %d edges, %d evidence; want 1 and %d", r.Source, r.Type, r.Target, edges, evidence, writers)
		}
		got, err := s.Relation(ctxT(t), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.EvidenceCount != writers || len(got.Evidence) != writers {
			t.Errorf("%s: evidenceCount %d, %d evidence read; want %d", r.ID, got.EvidenceCount, len(got.Evidence), writers)
		}
	}
}

// TestWriteExistingRelationsFoundByID adds evidence to relations stored
// by an earlier Write (looked up through the relationship id index): no second edge, the evidence counted once per document, and
// re-writing a stored document adds nothing.
func TestWriteExistingRelationsFoundByID(t *testing.T) {
	s := openTest(t)
	mustWrite(t, s, sampleExtraction("d1", "a.txt"))
	x := sampleExtraction("d2", "b.txt")
	for i := range x.Relations {
		x.Relations[i].Evidence[0].Confidence = 0.9
	}
	for range 2 {
		mustWrite(t, s, x)
	}
	for _, r := range x.Relations {
		r = r.Canonical()
		edges, evidence := relationCopies(t, s, r.ID)
		if edges != 1 || evidence != 2 {
			t.Errorf("%s: %d edges, %d evidence; want 1 and 2", r.ID, edges, evidence)
		}
		got, err := s.Relation(ctxT(t), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.EvidenceCount != 2 || got.Confidence != 0.9 || got.Source != r.Source || got.Target != r.Target {
			t.Errorf("relation %+v", got)
		}
	}
	if st := mustStats(t, s); st.Relations != 2 || st.Evidence != 4 {
		t.Errorf("stats %+v", st)
	}
}

// TestEnsureSchemaDropsRelationIDConstraints opens a store written the way
// earlier versions wrote it (per-type relationship id constraints,
// Evidence without endpoints): EnsureSchema gives the evidence its
// relation's endpoints, then drops the constraints; reads, deletes of a
// replaced document and further writes work on the result.
func TestEnsureSchemaDropsRelationIDConstraints(t *testing.T) {
	s := openTest(t)
	mustWrite(t, s, sampleExtraction("d1", "a.txt"))
	// The oldest layout: Evidence with relType but no endpoints, documents
	// without relation lists.
	run(t, s, "MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONS' MATCH (ev:Evidence {relationId: r.id}) SET ev.relType = type(r)", nil)
	run(t, s, "MATCH (d:Document) REMOVE d.relationTypes, d.relationSources, d.relationTargets", nil)
	for _, ty := range graph.RelationTypes() {
		name := strings.ToLower(string(ty))
		// Those versions had no relation_<type>_id index; it would refuse
		// the constraint.
		run(t, s, "DROP INDEX "+relationIDIndexName(ty)+" IF EXISTS", nil)
		run(t, s, fmt.Sprintf("CREATE CONSTRAINT rel_%s_id_unique IF NOT EXISTS FOR ()-[r:%s]-() REQUIRE r.id IS UNIQUE", name, ty), nil)
	}
	for range 2 { // idempotent
		s.schemaMu.Lock()
		s.schemaOK = false
		s.schemaMu.Unlock()
		if err := s.EnsureSchema(ctxT(t)); err != nil {
			t.Fatal(err)
		}
		left := run(t, s, "SHOW INDEXES YIELD name WHERE name STARTS WITH 'rel_' RETURN name", nil)
		if len(left) != 0 {
			t.Fatalf("%d relationship id indexes left, first %v", len(left), left[0].Values)
		}
	}
	recs := run(t, s, "MATCH (ev:Evidence) RETURN ev.relationId, ev.source, ev.target ORDER BY ev.relationId", nil)
	want := map[string][2]string{
		graph.RelationID("iran", graph.Supplies, "hezbollah"): {"iran", "hezbollah"},
		graph.RelationID("iran", graph.AlliedWith, "syria"):   {"iran", "syria"},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d evidence, want %d", len(recs), len(want))
	}
	for _, r := range recs {
		if w := want[str(r.Values[0])]; str(r.Values[1]) != w[0] || str(r.Values[2]) != w[1] {
			t.Errorf("evidence %v, want endpoints %v", r.Values, w)
		}
	}
	for id := range want {
		if r, err := s.Relation(ctxT(t), id); err != nil || len(r.Evidence) != 1 {
			t.Errorf("relation %s: %+v, %v", id, r, err)
		}
	}
	// A new version of a.txt without the Supplies sentence drops that
	// relation and recounts the other.
	x := sampleExtraction("d1v2", "a.txt")
	x.Relations = x.Relations[1:]
	mustWrite(t, s, x)
	if st := mustStats(t, s); st.Relations != 1 || st.Evidence != 1 || st.RelationsByType[graph.AlliedWith] != 1 {
		t.Errorf("stats after replacement %+v", st)
	}
}

func TestColumns(t *testing.T) {
	c := newColumns("id", "n")
	c.add("a", int64(1))
	c.add("b", int64(2))
	c.add("c", nil)
	if c.len() != 3 {
		t.Fatalf("len = %d", c.len())
	}
	tests := []struct {
		lo, hi int
		want   map[string]any
	}{
		{0, 3, map[string]any{"id": []any{"a", "b", "c"}, "n": []any{int64(1), int64(2), nil}}},
		{1, 2, map[string]any{"id": []any{"b"}, "n": []any{int64(2)}}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%d-%d", tc.lo, tc.hi), func(t *testing.T) {
			if got := c.params(tc.lo, tc.hi); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("params = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestRelationUpdateSeeksIndex plans the relation update statement on an
// empty database, as the first Write after a wipe does (and replan=skip
// then keeps the plan): every type must be found by an index seek, never
// by a scan of the index or an expand from an endpoint, whose cost grows
// with the database (BENCHMARKS.md, "Ingest at scale (issue 13)").
func TestRelationUpdateSeeksIndex(t *testing.T) {
	s := openTest(t)
	ctx := ctxT(t)
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	rows := []relationRow{{r: graph.Relation{ID: "r1", Type: graph.Supplies}, n: 1, c: 0.5}}
	// PROFILE, not EXPLAIN: the plan EXPLAIN returns over Bolt leaves out
	// repeated branches of the union.
	res, err := tx.Run(ctx, "PROFILE "+writeQueryPrefix+s.relationUpdateQuery(), relationUpdateParams(rows))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ops := planOperators(sum.Profile())
	if n := ops["DirectedRelationshipIndexSeek"]; n != len(graph.RelationTypes()) {
		t.Errorf("%d relationship index seeks, want one per type (%d); operators %v", n, len(graph.RelationTypes()), ops)
	}
	for op := range ops {
		if strings.Contains(op, "Scan") || strings.Contains(op, "Expand") {
			t.Errorf("plan has %s: %v", op, ops)
		}
	}
}

func TestRelationUpdateParams(t *testing.T) {
	row := func(id string, ty graph.RelationType) relationRow {
		return relationRow{r: graph.Relation{ID: id, Type: ty}, n: 1, c: 0.5}
	}
	types := graph.RelationTypes()
	k := func(ty graph.RelationType) int { return slices.Index(types, ty) }
	tests := []struct {
		name   string
		rows   []relationRow
		ranges map[graph.RelationType][2]int64 // type → [lo, hi); others empty
	}{
		{"one type", []relationRow{row("a", graph.Supplies), row("b", graph.Supplies)},
			map[graph.RelationType][2]int64{graph.Supplies: {0, 2}}},
		{"first and last types", []relationRow{row("a", graph.Supplies), row("b", graph.MentionedWith), row("c", graph.MentionedWith)},
			map[graph.RelationType][2]int64{graph.Supplies: {0, 1}, graph.MentionedWith: {1, 3}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := relationUpdateParams(tc.rows)
			lo, hi := p["lo"].([]any), p["hi"].([]any)
			if len(lo) != len(types) || len(hi) != len(types) || len(p["id"].([]any)) != len(tc.rows) {
				t.Fatalf("params %v", p)
			}
			for _, ty := range types {
				want, ok := tc.ranges[ty]
				got := [2]int64{lo[k(ty)].(int64), hi[k(ty)].(int64)}
				if ok && got != want || !ok && got[0] != got[1] {
					t.Errorf("%s: rows [%d, %d), want %v", ty, got[0], got[1], want)
				}
			}
			for i, x := range tc.rows {
				if p["id"].([]any)[i] != x.r.ID {
					t.Errorf("row %d: id %v", i, p["id"].([]any)[i])
				}
			}
		})
	}
}

// The look-up of a document's other versions by path is planned once,
// on whatever the database holds then, and kept (writeQueryPrefix): it
// must seek the path index even when planned on an empty database.
func TestOtherVersionsSeeksPathIndex(t *testing.T) {
	s := openTest(t)
	ctx := ctxT(t)
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, "PROFILE "+writeQueryPrefix+otherVersionsQuery+" RETURN d.id",
		map[string]any{"rows": []any{map[string]any{"id": "d2", "path": "a.txt"}}})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ops := planOperators(sum.Profile())
	if ops["NodeIndexSeek"] != 1 {
		t.Errorf("want one NodeIndexSeek; operators %v", ops)
	}
	for op := range ops {
		if strings.Contains(op, "Scan") {
			t.Errorf("plan has %s: %v", op, ops)
		}
	}
}

// planOperators counts the operators of a profiled plan by name
// ("NodeIndexSeek"), without their planner suffixes.
func planOperators(p neo4j.ProfiledPlan) map[string]int {
	ops := map[string]int{}
	var walk func(p neo4j.ProfiledPlan)
	walk = func(p neo4j.ProfiledPlan) {
		op, _, _ := strings.Cut(p.Operator(), "@")
		ops[op]++
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(p)
	return ops
}
