package neo4jstore

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

func sampleExtraction(docID, path string) graph.Extraction {
	return graph.Extraction{
		Documents: []graph.Document{doc(docID, path, "some text")},
		Entities: []graph.Entity{
			ent("Iran", graph.Country, "Islamic Republic of Iran"),
			ent("Hezbollah", graph.Organization),
			ent("Syria", graph.Country),
		},
		Relations: []graph.Relation{
			rel("Iran", graph.Supplies, "Hezbollah", 0.8, docID, 0),
			rel("Syria", graph.AlliedWith, "Iran", 0.6, docID, 20), // symmetric: stored iran→syria
		},
	}
}

func TestWriteIdempotent(t *testing.T) {
	s := openTest(t)
	x := sampleExtraction("d1", "a.txt")
	first := mustWrite(t, s, x)
	want := graph.WriteStats{Documents: 1, Entities: 3, Relations: 2, Evidence: 2}
	if first != want {
		t.Fatalf("first write stats = %+v, want %+v", first, want)
	}
	before := mustStats(t, s)
	second := mustWrite(t, s, x)
	if second != (graph.WriteStats{Skipped: 1}) {
		t.Fatalf("second write stats = %+v, want only Skipped=1", second)
	}
	after := mustStats(t, s)
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("stats changed on re-write:\n before %+v\n after  %+v", before, after)
	}
	if after.Documents != 1 || after.Entities != 3 || after.Relations != 2 || after.Evidence != 2 {
		t.Fatalf("stats = %+v", after)
	}
	e, err := s.Entity(ctxT(t), "iran")
	if err != nil {
		t.Fatal(err)
	}
	if e.Mentions != 1 {
		t.Errorf("mentions after re-write = %d, want 1", e.Mentions)
	}
	if e.Degree != 2 || e.DegreeByType[graph.Supplies] != 1 || e.DegreeByType[graph.AlliedWith] != 1 {
		t.Errorf("degree = %d %v", e.Degree, e.DegreeByType)
	}
	if len(e.Documents) != 1 || e.Documents[0].ID != "d1" {
		t.Errorf("documents = %+v", e.Documents)
	}
	// The symmetric relation is stored once, canonically.
	r, err := s.Relation(ctxT(t), graph.RelationID("syria", graph.AlliedWith, "iran"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Source != "iran" || r.Target != "syria" || len(r.Evidence) != 1 || r.Evidence[0].DocumentTitle != "Title d1" {
		t.Errorf("relation = %+v", r)
	}
}

func TestWriteEvidenceMerge(t *testing.T) {
	s := openTest(t)
	x1 := graph.Extraction{
		Documents: []graph.Document{doc("d1", "one.txt", "t1")},
		Entities:  []graph.Entity{ent("Iran", graph.Country), ent("Hezbollah", graph.Organization)},
		Relations: []graph.Relation{rel("Iran", graph.Supplies, "Hezbollah", 0.5, "d1", 0)},
	}
	x2 := graph.Extraction{
		Documents: []graph.Document{doc("d2", "two.txt", "t2")},
		Entities:  []graph.Entity{ent("Iran", graph.Country, "Persia"), ent("Hezbollah", graph.Organization)},
		Relations: []graph.Relation{rel("Iran", graph.Supplies, "Hezbollah", 0.9, "d2", 5)},
	}
	mustWrite(t, s, x1)
	mustWrite(t, s, x2)
	id := graph.RelationID("iran", graph.Supplies, "hezbollah")
	check := func(when string) {
		t.Helper()
		r, err := s.Relation(ctxT(t), id)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Evidence) != 2 || r.EvidenceCount != 2 {
			t.Fatalf("%s: evidence = %d (count %d), want 2", when, len(r.Evidence), r.EvidenceCount)
		}
		if r.Confidence != 0.9 {
			t.Errorf("%s: confidence = %v, want max 0.9", when, r.Confidence)
		}
		if st := mustStats(t, s); st.Relations != 1 || st.Evidence != 2 || st.Documents != 2 {
			t.Errorf("%s: stats = %+v", when, st)
		}
	}
	check("after two documents")
	mustWrite(t, s, x1)
	mustWrite(t, s, x2)
	check("after re-writing both")
	e, err := s.Entity(ctxT(t), "iran")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(e.Aliases, []string{"Persia"}) || e.Mentions != 2 {
		t.Errorf("iran = aliases %v mentions %d, want [Persia] 2", e.Aliases, e.Mentions)
	}
}

func TestWriteChangedDocumentReplacesEvidence(t *testing.T) {
	s := openTest(t)
	// Version 1 of a.txt supports two edges; b.txt supports one of them too.
	mustWrite(t, s, graph.Extraction{
		Documents: []graph.Document{doc("v1", "a.txt", "old")},
		Entities:  []graph.Entity{ent("Iran", graph.Country), ent("Hezbollah", graph.Organization), ent("Hamas", graph.Organization)},
		Relations: []graph.Relation{
			rel("Iran", graph.Supplies, "Hezbollah", 0.9, "v1", 0),
			rel("Iran", graph.Finances, "Hamas", 0.7, "v1", 30),
		},
	})
	mustWrite(t, s, graph.Extraction{
		Documents: []graph.Document{doc("b1", "b.txt", "other")},
		Entities:  []graph.Entity{ent("Iran", graph.Country), ent("Hezbollah", graph.Organization)},
		Relations: []graph.Relation{rel("Iran", graph.Supplies, "Hezbollah", 0.4, "b1", 0)},
	})
	// Version 2 of a.txt only supports a new edge.
	st := mustWrite(t, s, graph.Extraction{
		Documents: []graph.Document{doc("v2", "a.txt", "new")},
		Entities:  []graph.Entity{ent("Iran", graph.Country), ent("Houthis", graph.Organization)},
		Relations: []graph.Relation{rel("Iran", graph.Supports, "Houthis", 0.6, "v2", 0)},
	})
	if st.Documents != 1 || st.Skipped != 0 {
		t.Fatalf("write v2 = %+v", st)
	}
	ctx := ctxT(t)
	if _, err := s.Document(ctx, "v1"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("old version still there: %v", err)
	}
	if _, err := s.Relation(ctx, graph.RelationID("iran", graph.Finances, "hamas")); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("orphaned FINANCES edge kept: %v", err)
	}
	if _, err := s.Entity(ctx, "hamas"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("orphaned entity hamas kept: %v", err)
	}
	r, err := s.Relation(ctx, graph.RelationID("iran", graph.Supplies, "hezbollah"))
	if err != nil {
		t.Fatal(err)
	}
	if r.EvidenceCount != 1 || len(r.Evidence) != 1 || r.Evidence[0].DocumentID != "b1" || r.Confidence != 0.4 {
		t.Errorf("shared edge after replace = count %d, evidence %+v, confidence %v", r.EvidenceCount, r.Evidence, r.Confidence)
	}
	if _, err := s.Relation(ctx, graph.RelationID("iran", graph.Supports, "houthis")); err != nil {
		t.Errorf("new edge missing: %v", err)
	}
	got := mustStats(t, s)
	if got.Documents != 2 || got.Relations != 2 || got.Evidence != 2 || got.Entities != 3 {
		t.Errorf("stats = %+v, want 2 docs, 2 relations, 2 evidence, 3 entities", got)
	}
	e, err := s.Entity(ctx, "iran")
	if err != nil {
		t.Fatal(err)
	}
	if e.Mentions != 2 { // b1 + v2; v1's mention was taken back
		t.Errorf("iran mentions = %d, want 2", e.Mentions)
	}
}

// A type only a replaced or deleted document gave goes with it: the
// entity takes the highest type the documents left give it, the type a
// clean write of those documents gives.
func TestReplacedDocumentTakesItsTypeAway(t *testing.T) {
	s := openTest(t)
	x := func(id, path string, typ graph.EntityType) graph.Extraction {
		return graph.Extraction{
			Documents: []graph.Document{doc(id, path, "Kestrel and Iran, version "+id)},
			Entities:  []graph.Entity{ent("Kestrel", typ), ent("Iran", graph.Country)},
			Relations: []graph.Relation{rel("Kestrel", graph.Sanctioned, "Iran", 0.7, id, 0)},
		}
	}
	typeOf := func(name string) string {
		t.Helper()
		res, err := s.RunReadOnly(ctxT(t), `MATCH (e:Entity {id: 'kestrel'}) RETURN e.type, labels(e)`, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 1 {
			t.Fatalf("%s: %d rows", name, len(res.Rows))
		}
		typ := fmt.Sprint(res.Rows[0][0])
		if labels := fmt.Sprint(res.Rows[0][1]); !strings.Contains(labels, typ) || strings.Count(labels, " ") != 1 {
			t.Errorf("%s: labels %s for type %s, want Entity and the type", name, labels, typ)
		}
		return typ
	}
	mustWrite(t, s, x("a1", "a.txt", graph.Person))
	mustWrite(t, s, x("b1", "b.txt", graph.Location))
	if got := typeOf("both"); got != "Person" {
		t.Fatalf("type after both = %s, want Person (it outranks Location)", got)
	}
	mustWrite(t, s, x("a2", "a.txt", graph.Location))
	if got := typeOf("a.txt replaced"); got != "Location" {
		t.Errorf("type after a.txt's new version = %s, want Location (no stored document says Person)", got)
	}
	mustWrite(t, s, x("a3", "a.txt", graph.Organization))
	if got := typeOf("a.txt replaced again"); got != "Organization" {
		t.Errorf("type after a.txt's third version = %s, want Organization", got)
	}
	if st := mustStats(t, s); st.EntitiesByType[graph.Person] != 0 || st.EntitiesByType[graph.Organization] != 1 {
		t.Errorf("stats by type = %+v", st.EntitiesByType)
	}
}

func TestWriteRefusesUnknownTypes(t *testing.T) {
	s := openTest(t)
	tests := []struct {
		name string
		x    graph.Extraction
	}{
		{"relation type", graph.Extraction{
			Entities:  []graph.Entity{ent("A", graph.Person), ent("B", graph.Person)},
			Relations: []graph.Relation{{Source: "a", Target: "b", Type: "KNOWS]->() DETACH DELETE (x) //"}},
		}},
		{"lower-case relation type", graph.Extraction{
			Relations: []graph.Relation{{Source: "a", Target: "b", Type: "supplies"}},
		}},
		{"entity type", graph.Extraction{Entities: []graph.Entity{{ID: "x", Name: "X", Type: "Admin:Person"}}}},
		{"unknown endpoint", graph.Extraction{
			Documents: []graph.Document{doc("u1", "u.txt", "x")},
			Entities:  []graph.Entity{ent("A", graph.Person)},
			Relations: []graph.Relation{rel("A", graph.Leads, "Nobody", 0.5, "u1", 0)},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.Write(ctxT(t), tc.x); !errors.Is(err, graph.ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if st := mustStats(t, s); st.Entities != 0 || st.Relations != 0 || st.Documents != 0 || st.Evidence != 0 {
				t.Errorf("something was written: %+v", st)
			}
		})
	}
}

func TestWriteSmallBatchesManyDocuments(t *testing.T) {
	// Tiny batch and transaction sizes exercise batching and grouping.
	s := openTest(t, func(c *Config) { c.BatchSize = 3; c.TxRows = 5 })
	var x graph.Extraction
	names := []string{"A", "B", "C", "D", "E", "F"}
	for _, n := range names {
		x.Entities = append(x.Entities, ent(n, graph.Organization))
	}
	for i := 0; i < 4; i++ {
		id := "doc" + names[i]
		x.Documents = append(x.Documents, doc(id, id+".txt", "x"))
		x.Relations = append(x.Relations,
			rel(names[i], graph.Supports, names[i+1], 0.5, id, 0),
			rel(names[i], graph.Supports, names[i+2], 0.5, id, 20),
			rel("A", graph.Supports, "B", 0.5, id, 40))
	}
	st := mustWrite(t, s, x)
	if st.Documents != 4 || st.Entities != 6 || st.Evidence != 12 {
		t.Fatalf("write = %+v", st)
	}
	got := mustStats(t, s)
	if got.Relations != 8 || got.Evidence != 12 || got.Entities != 6 {
		t.Fatalf("stats = %+v", got)
	}
	r, err := s.Relation(ctxT(t), graph.RelationID("a", graph.Supports, "b"))
	if err != nil {
		t.Fatal(err)
	}
	if r.EvidenceCount != 5 { // docA twice (offsets 0 and 40), docB, docC, docD
		t.Errorf("A→B evidence = %d, want 5", r.EvidenceCount)
	}
	for _, n := range names {
		e, err := s.Entity(ctxT(t), graph.EntityID(n))
		if err != nil {
			t.Fatal(err)
		}
		if e.Mentions != 1 {
			t.Errorf("%s mentions = %d, want 1 (upserted once)", n, e.Mentions)
		}
	}
}

func TestWriteMentionsInMultiDocumentExtraction(t *testing.T) {
	s := openTest(t)
	st := mustWrite(t, s, graph.Extraction{
		Documents: []graph.Document{
			doc("m1", "m1.txt", "Iran supplies Hezbollah."),
			doc("m2", "m2.txt", "The Kharg terminal was quiet; Iran said nothing."),
		},
		Entities: []graph.Entity{
			{ID: "iran", Name: "Iran", Type: graph.Country, Mentions: 2},
			{ID: "hezbollah", Name: "Hezbollah", Type: graph.Organization, Mentions: 1},
			{ID: "kharg-island", Name: "Kharg Island", Type: graph.Location, Aliases: []string{"Kharg"}, Mentions: 1},
		},
		Relations: []graph.Relation{rel("Iran", graph.Supplies, "Hezbollah", 0.8, "m1", 0)},
	})
	if st.Documents != 2 || st.Entities != 3 {
		t.Fatalf("write = %+v", st)
	}
	for _, tc := range []struct {
		id   string
		docs []string
	}{
		// Linked by evidence to m1, and named in m2's text.
		{"iran", []string{"m1", "m2"}},
		{"hezbollah", []string{"m1"}},
		{"kharg-island", []string{"m2"}}, // no evidence: found by alias in the text
	} {
		e, err := s.Entity(ctxT(t), tc.id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range e.Documents {
			got = append(got, d.ID)
		}
		if !reflect.DeepEqual(got, tc.docs) {
			t.Errorf("%s documents = %v, want %v", tc.id, got, tc.docs)
		}
	}
}

func TestWriteRelationWithoutEvidence(t *testing.T) {
	s := openTest(t)
	// No documents: entities and a bare relation (e.g. from a curated list).
	st := mustWrite(t, s, graph.Extraction{
		Entities:  []graph.Entity{ent("Iran", graph.Country), ent("Syria", graph.Country)},
		Relations: []graph.Relation{{Source: "iran", Target: "syria", Type: graph.AlliedWith, Confidence: 0.3}},
	})
	if st.Relations != 1 || st.Evidence != 0 {
		t.Fatalf("write = %+v", st)
	}
	id := graph.RelationID("iran", graph.AlliedWith, "syria")
	r, err := s.Relation(ctxT(t), id) // found without evidence to tell its type
	if err != nil {
		t.Fatal(err)
	}
	if r.Confidence != 0.3 || r.EvidenceCount != 0 || len(r.Evidence) != 0 {
		t.Errorf("relation = %+v", r)
	}
	// Evidence arriving later replaces the evidence-less confidence.
	mustWrite(t, s, graph.Extraction{
		Documents: []graph.Document{doc("e1", "e.txt", "x")},
		Entities:  []graph.Entity{ent("Iran", graph.Country), ent("Syria", graph.Country)},
		Relations: []graph.Relation{rel("Syria", graph.AlliedWith, "Iran", 0.2, "e1", 0)},
	})
	r, err = s.Relation(ctxT(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Confidence != 0.2 || r.EvidenceCount != 1 || len(r.Evidence) != 1 {
		t.Errorf("relation after evidence = confidence %v, count %d, evidence %d", r.Confidence, r.EvidenceCount, len(r.Evidence))
	}
	if st := mustStats(t, s); st.Relations != 1 {
		t.Errorf("relations = %d, want 1", st.Relations)
	}
}

func TestWriteMixedSkippedAndNewDocuments(t *testing.T) {
	s := openTest(t)
	a := graph.Extraction{
		Documents: []graph.Document{doc("a1", "a.txt", "Iran supplies Hezbollah. Iran again.")},
		Entities: []graph.Entity{
			{ID: "iran", Name: "Iran", Type: graph.Country, Mentions: 2},
			{ID: "hezbollah", Name: "Hezbollah", Type: graph.Organization, Mentions: 1},
		},
		Relations: []graph.Relation{rel("Iran", graph.Supplies, "Hezbollah", 0.8, "a1", 0)},
	}
	mustWrite(t, s, a)
	// The batch again, merged with a new document (as ingest.Merge does:
	// documents listed, mentions summed over both).
	b := graph.Extraction{
		Documents: []graph.Document{a.Documents[0], doc("b1", "b.txt", "Iran and Syria are allied; Syria agrees.")},
		Entities: []graph.Entity{
			{ID: "iran", Name: "Iran", Type: graph.Country, Mentions: 3},
			{ID: "hezbollah", Name: "Hezbollah", Type: graph.Organization, Mentions: 1},
			{ID: "syria", Name: "Syria", Type: graph.Country, Mentions: 2},
		},
		Relations: []graph.Relation{a.Relations[0], rel("Iran", graph.AlliedWith, "Syria", 0.7, "b1", 0)},
	}
	st := mustWrite(t, s, b)
	if st.Skipped != 1 || st.Documents != 1 || st.Evidence != 1 {
		t.Fatalf("write = %+v, want 1 skipped, 1 document, 1 evidence", st)
	}
	for _, tc := range []struct {
		id       string
		mentions int
		docs     []string
	}{
		{"iran", 3, []string{"a1", "b1"}}, // 2 from a1 + 1 from b1
		{"hezbollah", 1, []string{"a1"}},  // only in the skipped document
		{"syria", 2, []string{"b1"}},
	} {
		t.Run(tc.id, func(t *testing.T) {
			e, err := s.Entity(ctxT(t), tc.id)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range e.Documents {
				got = append(got, d.ID)
			}
			if e.Mentions != tc.mentions || !reflect.DeepEqual(got, tc.docs) {
				t.Errorf("mentions %d documents %v, want %d %v", e.Mentions, got, tc.mentions, tc.docs)
			}
		})
	}
	// Deleting the new document's version takes back exactly its share.
	mustWrite(t, s, graph.Extraction{Documents: []graph.Document{doc("b2", "b.txt", "nothing")}})
	if e, err := s.Entity(ctxT(t), "iran"); err != nil || e.Mentions != 2 {
		t.Errorf("iran after replacing b.txt = %+v, %v; want 2 mentions", e.Entity, err)
	}
	if _, err := s.Entity(ctxT(t), "syria"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("syria kept after its only document was replaced: %v", err)
	}
}

func TestWriteChangedDocumentKeepsOthersEvidence(t *testing.T) {
	s := openTest(t)
	// Two documents in one write share a relation; replacing one keeps
	// the other's evidence and the document's relation count is right.
	mustWrite(t, s, graph.Extraction{
		Documents: []graph.Document{doc("p1", "p.txt", "Iran supplies Hezbollah."), doc("q1", "q.txt", "Iran supplies Hezbollah.")},
		Entities:  []graph.Entity{ent("Iran", graph.Country), ent("Hezbollah", graph.Organization)},
		Relations: []graph.Relation{{Source: "iran", Target: "hezbollah", Type: graph.Supplies, Confidence: 0.5,
			Evidence: []graph.Evidence{
				{DocumentID: "p1", Sentence: "Iran supplies Hezbollah.", Start: 0, End: 24, Confidence: 0.5},
				{DocumentID: "q1", Sentence: "Iran supplies Hezbollah.", Start: 0, End: 24, Confidence: 0.9},
				{DocumentID: "q1", Sentence: "Iran supplies Hezbollah.", Start: 0, End: 24, Confidence: 0.9}, // duplicate
			}}},
	})
	id := graph.RelationID("iran", graph.Supplies, "hezbollah")
	r, err := s.Relation(ctxT(t), id)
	if err != nil || r.EvidenceCount != 2 || len(r.Evidence) != 2 {
		t.Fatalf("relation = %+v, %v; want 2 evidence", r, err)
	}
	d, err := s.Document(ctxT(t), "p1")
	if err != nil || d.RelationCount != 1 || d.EntityCount != 2 {
		t.Fatalf("document p1 = %+v, %v; want 1 relation, 2 entities", d, err)
	}
	mustWrite(t, s, graph.Extraction{Documents: []graph.Document{doc("q2", "q.txt", "changed")}})
	r, err = s.Relation(ctxT(t), id)
	if err != nil || r.EvidenceCount != 1 || len(r.Evidence) != 1 || r.Evidence[0].DocumentID != "p1" || r.Confidence != 0.5 {
		t.Fatalf("relation after replacing q.txt = %+v, %v", r, err)
	}
	if st := mustStats(t, s); st.Evidence != 1 || st.Documents != 2 {
		t.Errorf("stats = %+v", st)
	}
}

// Documents that disagree on an entity's type give it the same type (and
// label) whatever order they are written in, in separate Writes or in one:
// the type that outranks the others (graph.EntityType.Outranks).
func TestWriteEntityTypeOrderIndependent(t *testing.T) {
	s := openTest(t)
	x := func(id string, typ graph.EntityType) graph.Extraction {
		return graph.Extraction{
			Documents: []graph.Document{doc(id, id+".txt", "text "+id)},
			Entities:  []graph.Entity{ent("United States", typ), ent("Iran", graph.Country)},
			Relations: []graph.Relation{rel("United States", graph.Sanctioned, "Iran", 0.7, id, 0)},
		}
	}
	check := func(name string) {
		t.Helper()
		res, err := s.RunReadOnly(ctxT(t), `MATCH (e:Entity {id: 'united-states'}) RETURN e.type, labels(e)`, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 1 {
			t.Fatalf("%s: %d rows", name, len(res.Rows))
		}
		labels := fmt.Sprint(res.Rows[0][1])
		if res.Rows[0][0] != "Country" || !strings.Contains(labels, "Country") || strings.Contains(labels, "Location") {
			t.Errorf("%s: type %v, labels %s; want Country", name, res.Rows[0][0], labels)
		}
		st := mustStats(t, s)
		if st.Entities != 2 || st.EntitiesByType[graph.Country] != 2 || st.EntitiesByType[graph.Location] != 0 {
			t.Errorf("%s: stats %+v", name, st)
		}
	}
	mustWrite(t, s, x("d1", graph.Location))
	mustWrite(t, s, x("d2", graph.Country))
	mustWrite(t, s, x("d3", graph.Location))
	check("Location, then Country, then Location")
	for _, order := range [][]graph.EntityType{{graph.Country, graph.Location}, {graph.Location, graph.Country}} {
		if err := s.Wipe(ctxT(t)); err != nil {
			t.Fatal(err)
		}
		a, b := x("d1", order[0]), x("d2", order[1])
		mustWrite(t, s, graph.Extraction{
			Documents: append(a.Documents, b.Documents...),
			Entities:  append(a.Entities, b.Entities...),
			Relations: append(a.Relations, b.Relations...),
		})
		check(fmt.Sprintf("one Write, %s first", order[0]))
	}
}
