package neo4jstore

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// parallelExtraction is nDocs documents over the entities E00..E11: each
// document has evidence for relations of a ring of entities shifted by
// half its index (so documents 2k and 2k+1 have the same relations, and
// all share entities), E12 is linked by a relation without evidence, and
// E13 by nothing.
func parallelExtraction(prefix string, nDocs int) graph.Extraction {
	var x graph.Extraction
	for i := range 14 {
		e := ent(fmt.Sprintf("E%02d", i), graph.Organization)
		if i%3 == 0 {
			e.Aliases = []string{fmt.Sprintf("Alias %02d", i)}
		}
		e.Mentions = 1 + i%2
		x.Entities = append(x.Entities, e)
	}
	for d := range nDocs {
		id := fmt.Sprintf("%s%02d", prefix, d)
		x.Documents = append(x.Documents, doc(id, id+".txt", "no names here"))
		for k := range 4 {
			a := (3*(d/2) + k) % 12
			b := (a + 1 + (d/2)%3) % 12
			if a == b {
				continue
			}
			x.Relations = append(x.Relations,
				rel(fmt.Sprintf("E%02d", a), graph.Supplies, fmt.Sprintf("E%02d", b), 0.5+float64(k)/10, id, 100*k),
				rel(fmt.Sprintf("E%02d", a), graph.AlliedWith, fmt.Sprintf("E%02d", b), 0.4, id, 100*k+50))
		}
	}
	x.Relations = append(x.Relations, graph.Relation{Source: "e00", Target: "e12", Type: graph.Finances, Confidence: 0.3})
	return x
}

// snapshot is what a store holds, in a comparable form.
type snapshot struct {
	Entities  []string
	Relations []string
	Evidence  []string
	Mentions  []string
	Documents []string
}

func takeSnapshot(t *testing.T, s *Store) snapshot {
	t.Helper()
	var sn snapshot
	col := func(q string) []string {
		var out []string
		for _, r := range run(t, s, q, nil) {
			out = append(out, fmt.Sprint(r.Values...))
		}
		sort.Strings(out)
		return out
	}
	sn.Entities = col(`MATCH (e:Entity) RETURN e.id, e.type, labels(e), e.mentions, e.nameText, e.aliases`)
	sn.Relations = col(`MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONS'
  RETURN a.id, type(r), b.id, r.id, r.evidenceCount, r.confidence`)
	sn.Evidence = col(`MATCH (ev:Evidence) MATCH (d:Document {id: ev.documentId})
  WITH ev, [k IN range(0, size(d.relationIds) - 1) WHERE d.relationIds[k] = ev.relationId][0] AS k, d
  RETURN ev.relationId, d.relationTypes[k], d.relationSources[k], d.relationTargets[k], ev.documentId,
  ev.start, ev.end, ev.confidence`)
	sn.Mentions = col(`MATCH (d:Document)-[m:MENTIONS]->(e) RETURN d.id, e.id, m.count`)
	sn.Documents = col(`MATCH (d:Document) RETURN d.id, d.path, size(d.relationIds)`)
	return sn
}

// TestWriteParallelMatchesSequential writes the same multi-transaction
// extraction one transaction at a time and with two at once (after a
// first write both times, so relations are updated as well as created):
// the stores must hold the same entities, relations, counts, evidence and
// MENTIONS.
func TestWriteParallelMatchesSequential(t *testing.T) {
	var snaps []snapshot
	var stats [][2]graph.WriteStats
	for _, workers := range []int{1, 2} {
		// TxRows 6: one document per transaction, entities in three.
		s := openTest(t, func(c *Config) { c.TxRows = 6; c.BatchSize = 4; c.WriteWorkers = workers })
		first := parallelExtraction("a", 10)
		if n := len(plan(first, first.Documents, nil, s.cfg.TxRows)); n < 4 {
			t.Fatalf("plan has %d groups; the test needs several", n)
		}
		st1 := mustWrite(t, s, first)
		st2 := mustWrite(t, s, parallelExtraction("b", 9))
		stats = append(stats, [2]graph.WriteStats{st1, st2})
		snaps = append(snaps, takeSnapshot(t, s))
	}
	if stats[0] != stats[1] {
		t.Errorf("write stats: sequential %+v, parallel %+v", stats[0], stats[1])
	}
	if !reflect.DeepEqual(snaps[0], snaps[1]) {
		t.Errorf("stores differ:\nsequential %+v\nparallel   %+v", snaps[0], snaps[1])
	}
	if len(snaps[1].Relations) == 0 || len(snaps[1].Evidence) == 0 || len(snaps[1].Mentions) == 0 {
		t.Errorf("empty snapshot %+v", snaps[1])
	}
}

// mentionSums returns, per entity, its mentions property and the sum of
// the counts on its MENTIONS edges.
func mentionSums(t *testing.T, s *Store) map[string][2]int {
	t.Helper()
	out := map[string][2]int{}
	for _, r := range run(t, s, `MATCH (e:Entity)
RETURN e.id, e.mentions, COUNT { (e)--() } AS links,
  reduce(n = 0, c IN [(:Document)-[m:MENTIONS]->(e) | coalesce(m.count, 0)] | n + c) AS sum`, nil) {
		if toInt(r.Values[2]) == 0 {
			t.Errorf("entity %v has no links", r.Values[0])
		}
		out[str(r.Values[0])] = [2]int{toInt(r.Values[1]), toInt(r.Values[3])}
	}
	return out
}

// TestWriteParallelConcurrentWrites runs several multi-transaction Writes
// at once over the same entities and, from different documents, the same
// relations, next to single-transaction Writes: every relation must exist
// once with one evidence per document, and every entity's mention count
// must be the sum of its MENTIONS counts.
func TestWriteParallelConcurrentWrites(t *testing.T) {
	concurrentParallelWrites(t)
}

// TestWriteParallelShortEpochs is TestWriteParallelConcurrentWrites with
// the write lock given up and taken again around every transaction, so
// other writers commit in between (and the Writes must notice).
func TestWriteParallelShortEpochs(t *testing.T) {
	old := epochLength
	epochLength = 0
	t.Cleanup(func() { epochLength = old })
	concurrentParallelWrites(t)
}

func concurrentParallelWrites(t *testing.T) {
	s := openTest(t, func(c *Config) { c.TxRows = 20; c.BatchSize = 7; c.WriteWorkers = 2 })
	const writers = 4
	xs := make([]graph.Extraction, writers)
	for w := range xs {
		xs[w] = parallelExtraction(fmt.Sprintf("w%d-", w), 8)
		xs[w].Relations = xs[w].Relations[:len(xs[w].Relations)-1] // no evidence-less relation
		xs[w].Entities = xs[w].Entities[:12]
	}
	single := sampleExtraction("single", "single.txt")
	var wg sync.WaitGroup
	errs := make([]error, writers+1)
	for w := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[w] = s.Write(ctxT(t), xs[w])
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, errs[writers] = s.Write(ctxT(t), single)
	}()
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
	}
	perRelation := map[string]int{} // relation id → documents with evidence
	for _, x := range xs {
		for _, r := range x.Relations {
			perRelation[r.Canonical().ID]++
		}
	}
	for id, n := range perRelation {
		edges, evidence := relationCopies(t, s, id)
		if edges != 1 || evidence != n {
			t.Errorf("%s: %d edges, %d evidence; want 1 and %d", id, edges, evidence, n)
		}
		r, err := s.Relation(ctxT(t), id)
		if err != nil {
			t.Fatal(err)
		}
		if r.EvidenceCount != n {
			t.Errorf("%s: evidenceCount %d, want %d", id, r.EvidenceCount, n)
		}
	}
	for id, m := range mentionSums(t, s) {
		if m[0] != m[1] {
			t.Errorf("%s: mentions %d, MENTIONS counts sum to %d", id, m[0], m[1])
		}
	}
	if st := mustStats(t, s); st.Documents != writers*8+1 {
		t.Errorf("stats = %+v, want %d documents", st, writers*8+1)
	}
}

// TestWriteParallelFailureTakesBackEntities fails one transaction of a
// parallel Write: the documents written stay whole, the mention counts
// of documents not written are taken back, entities only they link are
// gone, and writing the extraction again completes the store.
func TestWriteParallelFailureTakesBackEntities(t *testing.T) {
	s := openTest(t, func(c *Config) { c.TxRows = 20; c.BatchSize = 7; c.WriteWorkers = 2 })
	x := parallelExtraction("f", 10)
	x.Relations = x.Relations[:len(x.Relations)-1]
	x.Entities = x.Entities[:12]
	// Late only in the last document's relation.
	last := x.Documents[len(x.Documents)-1].ID
	x.Entities = append(x.Entities, ent("Late", graph.Person))
	x.Relations = append(x.Relations, rel("E00", graph.Leads, "Late", 0.6, last, 900))
	groups := plan(x, x.Documents, nil, s.cfg.TxRows)
	failAt := len(groups) - 1
	boom := errors.New("injected failure")
	testBeforeGroup = func(i int) error {
		if i == failAt {
			return boom
		}
		return nil
	}
	_, err := s.Write(ctxT(t), x)
	testBeforeGroup = nil
	if !errors.Is(err, boom) {
		t.Fatalf("write error = %v, want the injected failure", err)
	}
	for id, m := range mentionSums(t, s) {
		if m[0] != m[1] {
			t.Errorf("after the failure %s: mentions %d, MENTIONS counts sum to %d", id, m[0], m[1])
		}
	}
	if _, err := s.Entity(ctxT(t), "late"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("entity only the failed transaction links: %v, want not found", err)
	}
	stored := 0
	for _, d := range groups[failAt].docs {
		if _, err := s.Document(ctxT(t), d.ID); err == nil {
			stored++
		}
	}
	if stored != 0 {
		t.Errorf("%d documents of the failed transaction stored", stored)
	}
	st := mustWrite(t, s, x)
	if st.Documents != len(groups[failAt].docs) {
		t.Errorf("second write = %+v, want the %d documents left", st, len(groups[failAt].docs))
	}
	if got := mustStats(t, s); got.Documents != len(x.Documents) {
		t.Errorf("stats after the second write = %+v", got)
	}
	for _, r := range x.Relations {
		r = r.Canonical()
		if edges, _ := relationCopies(t, s, r.ID); edges != 1 {
			t.Errorf("%s: %d edges", r.ID, edges)
		}
	}
	for id, m := range mentionSums(t, s) {
		if m[0] != m[1] {
			t.Errorf("after the second write %s: mentions %d, MENTIONS counts sum to %d", id, m[0], m[1])
		}
	}
}

// TestWriteParallelReplacementKeepsEntities replaces a stored document in
// the first transaction of a parallel Write: an entity only the old
// version linked, but a later transaction of the same Write links again,
// must survive the replacement (the Write upserted it before) and end up
// with the new relation and mention count.
func TestWriteParallelReplacementKeepsEntities(t *testing.T) {
	s := openTest(t, func(c *Config) { c.TxRows = 5; c.WriteWorkers = 2 })
	mustWrite(t, s, graph.Extraction{
		Documents: []graph.Document{doc("p1", "p.txt", "old")},
		Entities:  []graph.Entity{ent("X", graph.Person), ent("Y", graph.Person)},
		Relations: []graph.Relation{rel("X", graph.AlliedWith, "Y", 0.5, "p1", 0)},
	})
	x := graph.Extraction{
		Documents: []graph.Document{doc("p2", "p.txt", "new"), doc("q1", "q.txt", "other")},
		Entities:  []graph.Entity{ent("A", graph.Person), ent("B", graph.Person), ent("X", graph.Person), ent("Z", graph.Person)},
		Relations: []graph.Relation{rel("A", graph.AlliedWith, "B", 0.5, "p2", 0), rel("X", graph.Supports, "Z", 0.7, "q1", 0)},
	}
	if n := len(plan(x, x.Documents, nil, s.cfg.TxRows)); n != 2 {
		t.Fatalf("plan has %d groups, want 2", n)
	}
	mustWrite(t, s, x)
	if _, err := s.Document(ctxT(t), "p1"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("old version p1: %v, want not found", err)
	}
	if _, err := s.Entity(ctxT(t), "y"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Y, linked only by the old version: %v, want not found", err)
	}
	e, err := s.Entity(ctxT(t), "x")
	if err != nil {
		t.Fatalf("X: %v", err)
	}
	if e.Mentions != 1 || e.Degree != 1 || len(e.Documents) != 1 || e.Documents[0].ID != "q1" {
		t.Errorf("X = %+v, want 1 mention, degree 1, document q1", e)
	}
	if edges, _ := relationCopies(t, s, graph.RelationID("x", graph.Supports, "z")); edges != 1 {
		t.Errorf("X SUPPORTS Z: %d edges, want 1", edges)
	}
}

// TestWriteParallelReplacementKeepsLinkedStoredEntities links, in a later
// transaction, a stored entity the extraction does not list and that only
// the document replaced in the first transaction linked: it must not be
// deleted as an orphan in between (the relation would silently be lost).
func TestWriteParallelReplacementKeepsLinkedStoredEntities(t *testing.T) {
	s := openTest(t, func(c *Config) { c.TxRows = 5; c.WriteWorkers = 2 })
	mustWrite(t, s, graph.Extraction{
		Documents: []graph.Document{doc("p1", "p.txt", "old")},
		Entities:  []graph.Entity{ent("X", graph.Person), ent("W", graph.Person)},
		Relations: []graph.Relation{rel("X", graph.AlliedWith, "W", 0.5, "p1", 0)},
	})
	x := graph.Extraction{
		Documents: []graph.Document{doc("p2", "p.txt", "new"), doc("q1", "q.txt", "other")},
		Entities:  []graph.Entity{ent("A", graph.Person), ent("B", graph.Person), ent("Z", graph.Person)},
		Relations: []graph.Relation{rel("A", graph.AlliedWith, "B", 0.5, "p2", 0), rel("Z", graph.Supports, "W", 0.7, "q1", 0)},
	}
	if n := len(plan(x, x.Documents, nil, s.cfg.TxRows)); n != 2 {
		t.Fatalf("plan has %d groups, want 2", n)
	}
	mustWrite(t, s, x)
	if edges, _ := relationCopies(t, s, graph.RelationID("z", graph.Supports, "w")); edges != 1 {
		t.Errorf("Z SUPPORTS W: %d edges, want 1", edges)
	}
	if e, err := s.Entity(ctxT(t), "w"); err != nil || e.Degree != 1 {
		t.Errorf("W = %+v, %v; want degree 1", e, err)
	}
}
