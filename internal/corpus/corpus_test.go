package corpus

import (
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
)

func TestDocumentShape(t *testing.T) {
	g := Generator{Seed: 1}
	for _, i := range []int{0, 1, 999, 49_999, 50_000} {
		x := g.Document(i)
		if len(x.Documents) != 1 {
			t.Fatalf("doc %d: %d documents", i, len(x.Documents))
		}
		d := x.Documents[0]
		runes := []rune(d.Text)
		if n := len(d.Text); n < 2048 || n > 6144+200 {
			t.Errorf("doc %d: %d bytes, want 2–6 KB", i, n)
		}
		if d.Chars != len(runes) || d.ID != graph.DocumentID([]byte(d.Text)) {
			t.Errorf("doc %d: chars %d id %s", i, d.Chars, d.ID)
		}
		typed, co, evs := 0, 0, 0
		for _, r := range x.Relations {
			if r.ID != graph.RelationID(r.Source, r.Type, r.Target) || r.Source == r.Target {
				t.Errorf("doc %d: relation %+v not canonical", i, r)
			}
			if r.Type == graph.MentionedWith {
				co++
			} else {
				typed++
			}
			for _, ev := range r.Evidence {
				evs++
				if ev.DocumentID != d.ID || string(runes[ev.Start:ev.End]) != ev.Sentence {
					t.Errorf("doc %d: evidence %+v does not point at its sentence", i, ev)
				}
				if ev.Trigger != "" && string(runes[ev.TriggerStart:ev.TriggerEnd]) != ev.Trigger {
					t.Errorf("doc %d: trigger %q misplaced", i, ev.Trigger)
				}
			}
		}
		if typed != TypedRelations || co != CoOccurrences || evs != EvidencePerDoc {
			t.Errorf("doc %d: %d typed, %d co-occurrences, %d evidence; want %d, %d, %d",
				i, typed, co, evs, TypedRelations, CoOccurrences, EvidencePerDoc)
		}
		if len(x.Entities) < minEntities || len(x.Entities) > maxEntities {
			t.Errorf("doc %d: %d entities", i, len(x.Entities))
		}
		for _, e := range x.Entities {
			spans := d.Mentions[e.ID]
			if len(spans) == 0 || e.Mentions != len(spans) {
				t.Errorf("doc %d: entity %s has %d spans, mentions %d", i, e.ID, len(spans), e.Mentions)
			}
			for _, s := range spans {
				if string(runes[s.Start:s.End]) != e.Name {
					t.Errorf("doc %d: span %v of %s reads %q", i, s, e.Name, string(runes[s.Start:s.End]))
				}
			}
		}
		if !utf8.ValidString(d.Text) {
			t.Errorf("doc %d: invalid UTF-8", i)
		}
	}
}

func TestDeterministic(t *testing.T) {
	tests := []struct {
		name string
		g    Generator
		i    int
	}{
		{"first", Generator{Seed: 1}, 0},
		{"late", Generator{Seed: 1}, 49_999},
		{"other seed", Generator{Seed: 7}, 12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_ = tc.g.Document(tc.i + 1) // generating others changes nothing
			if a, b := tc.g.Document(tc.i), tc.g.Document(tc.i); !reflect.DeepEqual(a, b) {
				t.Fatal("same document differs between two calls")
			}
		})
	}
	if reflect.DeepEqual(Generator{Seed: 1}.Document(3), Generator{Seed: 2}.Document(3)) {
		t.Error("seeds 1 and 2 give the same document")
	}
}

func TestEntityNamesUnique(t *testing.T) {
	seen := make(map[string]int, DefaultPoolSize)
	for k := range DefaultPoolSize {
		e := Entity(k)
		if !e.Type.Valid() || e.ID == "" {
			t.Fatalf("entity %d: %+v", k, e)
		}
		if j, dup := seen[e.ID]; dup {
			t.Fatalf("entities %d and %d share id %s", j, k, e.ID)
		}
		seen[e.ID] = k
	}
}

// TestRelationsRecur checks what makes the corpus a test of the store's
// look-up of existing relations: a good part of a later document's
// relations already appeared in earlier documents.
func TestRelationsRecur(t *testing.T) {
	g := Generator{Seed: 1}
	seen := map[string]bool{}
	again, total := 0, 0
	for i := range 2000 {
		for _, r := range g.Document(i).Relations {
			if i >= 1000 {
				total++
				if seen[r.ID] {
					again++
				}
			}
			seen[r.ID] = true
		}
	}
	if frac := float64(again) / float64(total); frac < 0.05 || frac > 0.9 {
		t.Errorf("%.2f of relations of documents 1000–1999 recur, want some but not all", frac)
	}
	t.Logf("%d of %d relations of documents 1000–1999 appeared before (%.0f %%)", again, total, 100*float64(again)/float64(total))
}
