package neo4jstore

import (
	"reflect"
	"slices"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// withSpans gives every document of x mention spans for the endpoints of
// the relations it has evidence for, as extraction does: mention counts
// then ride on MENTIONS edges and do not depend on which writer stored a
// document.
func withSpans(x graph.Extraction) graph.Extraction {
	byDoc := map[string]map[string][]graph.Span{}
	for _, r := range x.Relations {
		for _, ev := range r.Evidence {
			m := byDoc[ev.DocumentID]
			if m == nil {
				m = map[string][]graph.Span{}
				byDoc[ev.DocumentID] = m
			}
			for _, id := range []string{r.Source, r.Target} {
				m[id] = append(m[id], graph.Span{Start: ev.Start, End: ev.Start + 3})
			}
		}
	}
	docs := slices.Clone(x.Documents)
	for i := range docs {
		docs[i].Mentions = byDoc[docs[i].ID]
		if docs[i].Mentions == nil {
			docs[i].Mentions = map[string][]graph.Span{}
		}
	}
	x.Documents = docs
	return x
}

// only is x cut to the documents ids: their evidence, the relations it
// supports, the relations without evidence, and all entities.
func only(x graph.Extraction, ids ...string) graph.Extraction {
	keep := map[string]bool{}
	for _, id := range ids {
		keep[id] = true
	}
	out := graph.Extraction{Entities: x.Entities}
	for _, d := range x.Documents {
		if keep[d.ID] {
			out.Documents = append(out.Documents, d)
		}
	}
	for _, r := range x.Relations {
		if len(r.Evidence) == 0 {
			out.Relations = append(out.Relations, r)
			continue
		}
		var evs []graph.Evidence
		for _, ev := range r.Evidence {
			if keep[ev.DocumentID] {
				evs = append(evs, ev)
			}
		}
		if len(evs) > 0 {
			r.Evidence = evs
			out.Relations = append(out.Relations, r)
		}
	}
	return out
}

// TestWriteAnotherWriterStoredMeanwhile has a second store (another
// process, another machine) write some of a Write's documents after the
// Write found them new and before it wrote them: the Write finds them
// under the write lock, skips them, writes the rest, and the database
// ends up exactly as one Write of everything leaves it (no document
// refused on the Document.id constraint, no evidence twice, the same
// mention counts). Sequential and parallel Writes, and a conflict found
// at the first and at a later transaction.
func TestWriteAnotherWriterStoredMeanwhile(t *testing.T) {
	x := withSpans(parallelExtraction("M", 10))
	small := func(c *Config) { c.TxRows = 20; c.BatchSize = 7 }
	for _, tc := range []struct {
		name    string
		workers int
		other   []string // documents the other writer stores meanwhile
	}{
		{"sequential, first documents", 1, []string{"M00", "M01", "M02"}},
		{"sequential, later documents", 1, []string{"M05", "M08", "M09"}},
		{"parallel, spread", 2, []string{"M01", "M04", "M07"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := func(c *Config) { small(c); c.WriteWorkers = tc.workers }
			s := openTest(t, cfg)
			mustWrite(t, s, x)
			want := takeSnapshot(t, s)
			if err := s.Wipe(ctxT(t)); err != nil {
				t.Fatal(err)
			}

			other := openTest(t, cfg) // wipes again: the database is empty
			hooked := 0
			testBeforeWrite = func() {
				hooked++
				testBeforeWrite = nil // the other writer's Write runs no hook
				mustWrite(t, other, only(x, tc.other...))
			}
			t.Cleanup(func() { testBeforeWrite = nil })
			st := mustWrite(t, s, x)
			if hooked != 1 {
				t.Fatalf("hook ran %d times, want 1", hooked)
			}
			if st.Documents != len(x.Documents)-len(tc.other) || st.Skipped != len(tc.other) {
				t.Errorf("stats = %+v, want %d documents written and %d skipped", st, len(x.Documents)-len(tc.other), len(tc.other))
			}
			if got := takeSnapshot(t, s); !reflect.DeepEqual(got, want) {
				t.Errorf("store after two writers differs from one Write:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestSessionsShareBookmarks checks that the store's transactions are
// chained by one bookmark manager: a Write leaves a new bookmark in it,
// and the reads that follow (routed to a follower on a cluster) start
// from it, so they see the write.
func TestSessionsShareBookmarks(t *testing.T) {
	s := openTest(t)
	ctx := ctxT(t)
	before, err := s.bookmarks.GetBookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, s, withSpans(parallelExtraction("B", 2)))
	after, err := s.bookmarks.GetBookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) == 0 || reflect.DeepEqual(after, before) {
		t.Fatalf("bookmarks after a Write = %v (before %v): the write sessions do not use the store's manager", after, before)
	}
	if _, err := s.Entity(ctx, graph.EntityID("E01")); err != nil {
		t.Errorf("read after write: %v", err)
	}
	again, err := s.bookmarks.GetBookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) == 0 {
		t.Errorf("bookmarks after a read = %v", again)
	}
}
