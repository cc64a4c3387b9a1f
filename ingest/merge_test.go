package ingest

import (
	"reflect"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

func TestMerge(t *testing.T) {
	ev := func(doc string, start int) graph.Evidence {
		return graph.Evidence{DocumentID: doc, Sentence: "s", Start: start, End: start + 10}
	}
	a := graph.Extraction{
		Documents: []graph.Document{{ID: "d1", Path: "a.txt"}},
		Entities: []graph.Entity{
			{ID: "komid", Name: "KOMID", Type: graph.Organization, Aliases: []string{"Korea Mining"}, Mentions: 2},
			{ID: "syria", Name: "Syria", Type: graph.Country, Mentions: 1, Properties: map[string]any{"iso": "SY"}},
		},
		Relations: []graph.Relation{
			{Source: "komid", Target: "syria", Type: graph.Supplies, Confidence: 0.6, Evidence: []graph.Evidence{ev("d1", 0)}},
			{Source: "syria", Target: "komid", Type: graph.TradesWith, Confidence: 0.5, Evidence: []graph.Evidence{ev("d1", 0)}},
		},
	}
	b := graph.Extraction{
		Documents: []graph.Document{{ID: "d1", Path: "copy.txt"}, {ID: "d2", Path: "b.txt"}},
		Entities: []graph.Entity{
			{ID: "komid", Name: "Korea Mining Development Trading Corporation", Type: graph.Organization, Aliases: []string{"korea mining", "KOMID", "Komid Corp"}, Mentions: 3},
			{ID: "syria", Name: "Syria", Type: graph.Country, Mentions: 4, Properties: map[string]any{"iso": "XX", "capital": "Damascus"}},
			{ID: "iran", Name: "Iran", Type: graph.Country, Mentions: 1},
		},
		Relations: []graph.Relation{
			// Same edge: evidence d1:0 again (duplicate) and d2:5 (new); higher confidence.
			{Source: "komid", Target: "syria", Type: graph.Supplies, Confidence: 0.9, Properties: map[string]any{"item": "missiles"}, Evidence: []graph.Evidence{ev("d1", 0), ev("d2", 5)}},
			// Symmetric, written the other way round: same edge as a's TRADES_WITH.
			{Source: "komid", Target: "syria", Type: graph.TradesWith, Confidence: 0.4, Evidence: []graph.Evidence{ev("d2", 7)}},
			// Not symmetric: the reverse SUPPLIES is another edge.
			{Source: "syria", Target: "komid", Type: graph.Supplies, Confidence: 0.3},
			{Source: "", Target: "komid", Type: graph.Supplies},
		},
	}
	aCopy := clone(t, a)
	got := Merge(a, b)
	if !reflect.DeepEqual(a, aCopy) {
		t.Errorf("Merge modified its input")
	}

	t.Run("documents by id, first wins", func(t *testing.T) {
		if len(got.Documents) != 2 || got.Documents[0].Path != "a.txt" || got.Documents[1].ID != "d2" {
			t.Errorf("documents = %+v", got.Documents)
		}
	})
	t.Run("entities", func(t *testing.T) {
		if len(got.Entities) != 3 {
			t.Fatalf("entities = %+v", got.Entities)
		}
		k := got.Entities[0]
		if k.Name != "KOMID" || k.Mentions != 5 {
			t.Errorf("komid = %+v, want first name and mentions 2+3", k)
		}
		wantAliases := []string{"Korea Mining", "Korea Mining Development Trading Corporation", "Komid Corp"}
		if !reflect.DeepEqual(k.Aliases, wantAliases) {
			t.Errorf("aliases = %q, want %q", k.Aliases, wantAliases)
		}
		s := got.Entities[1]
		if s.Mentions != 5 || s.Properties["iso"] != "SY" || s.Properties["capital"] != "Damascus" {
			t.Errorf("syria = %+v", s)
		}
	})
	t.Run("relations", func(t *testing.T) {
		if len(got.Relations) != 3 {
			t.Fatalf("relations = %+v", got.Relations)
		}
		sup := got.Relations[0]
		if sup.ID != graph.RelationID("komid", graph.Supplies, "syria") || sup.Confidence != 0.9 {
			t.Errorf("supplies = %+v", sup)
		}
		if keys := evKeys(sup.Evidence); !reflect.DeepEqual(keys, []string{"d1:0:10", "d2:5:15"}) {
			t.Errorf("supplies evidence = %v", keys)
		}
		if sup.Properties["item"] != "missiles" {
			t.Errorf("supplies properties = %v", sup.Properties)
		}
		tr := got.Relations[1]
		if tr.Source != "komid" || tr.Target != "syria" || tr.Confidence != 0.5 {
			t.Errorf("trades_with = %+v, want canonical komid→syria with max confidence 0.5", tr)
		}
		if keys := evKeys(tr.Evidence); !reflect.DeepEqual(keys, []string{"d1:0:10", "d2:7:17"}) {
			t.Errorf("trades_with evidence = %v", keys)
		}
		if rev := got.Relations[2]; rev.Source != "syria" || rev.Type != graph.Supplies {
			t.Errorf("reverse supplies = %+v", rev)
		}
	})
	t.Run("empty", func(t *testing.T) {
		if m := Merge(); len(m.Documents)+len(m.Entities)+len(m.Relations) != 0 {
			t.Errorf("Merge() = %+v", m)
		}
	})
}

func evKeys(evs []graph.Evidence) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Key())
	}
	return out
}

// clone deep-copies an extraction (enough for the comparison above).
func clone(t *testing.T, x graph.Extraction) graph.Extraction {
	t.Helper()
	c := graph.Extraction{Documents: append([]graph.Document(nil), x.Documents...)}
	for _, e := range x.Entities {
		e.Aliases = append([]string(nil), e.Aliases...)
		if e.Aliases == nil {
			e.Aliases = nil
		}
		c.Entities = append(c.Entities, e)
	}
	for _, r := range x.Relations {
		r.Evidence = append([]graph.Evidence(nil), r.Evidence...)
		c.Relations = append(c.Relations, r)
	}
	return c
}

func TestAddReadingsKeepsOneEvidencePerSentence(t *testing.T) {
	ev := func(start int, rule string) graph.Evidence {
		return graph.Evidence{DocumentID: "d", Start: start, End: start + 10, Rule: rule}
	}
	a := graph.Relation{Source: "a", Target: "b", Type: graph.Supplies, Confidence: 0.6, Evidence: []graph.Evidence{ev(0, "verb")}}.Canonical()
	b := graph.Relation{Source: "a", Target: "b", Type: graph.Supplies, Confidence: 0.75, Evidence: []graph.Evidence{ev(0, "dep:supply"), ev(20, "dep:supply")}}.Canonical()
	c := graph.Relation{Source: "b", Target: "c", Type: graph.Leads, Confidence: 0.75, Evidence: []graph.Evidence{ev(40, "dep:head")}}.Canonical()
	got := AddReadings([]graph.Relation{a}, []graph.Relation{b, c})
	if len(got) != 2 || len(got[0].Evidence) != 2 || got[0].Evidence[1].Start != 20 || got[1].ID != c.ID {
		t.Fatalf("merged = %+v", got)
	}
	if got[0].Confidence <= 0.75 {
		t.Errorf("two readers agreeing: confidence %.2f, want above either", got[0].Confidence)
	}
}

// Extractions that disagree on an entity's type merge to the same type in
// either order (graph.EntityType.Outranks), as the store keeps it.
func TestMergeTypeOrderIndependent(t *testing.T) {
	us := func(typ graph.EntityType) graph.Extraction {
		return graph.Extraction{Entities: []graph.Entity{{ID: "united-states", Name: "United States", Type: typ, Mentions: 1}}}
	}
	for _, pair := range [][2]graph.EntityType{{graph.Location, graph.Country}, {graph.Country, graph.Location}} {
		got := Merge(us(pair[0]), us(pair[1]))
		if len(got.Entities) != 1 || got.Entities[0].Type != graph.Country {
			t.Errorf("Merge(%s, %s) = %+v, want one Country", pair[0], pair[1], got.Entities)
		}
	}
}
