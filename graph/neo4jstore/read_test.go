package neo4jstore

import (
	"errors"
	"reflect"
	"sort"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

func ids(es []graph.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func TestSearch(t *testing.T) {
	s := openTest(t)
	mustWrite(t, s, graph.Extraction{
		Documents: []graph.Document{doc("d1", "s.txt", "x")},
		Entities: []graph.Entity{
			ent("KOMID", graph.Organization, "Korea Mining Development Trading Corporation"),
			ent("Komodo Shipping", graph.Organization),
			ent("Kom", graph.Location),
			ent("Bashar al-Assad", graph.Person, "Assad"),
			ent("Assad Brigade", graph.Organization),
			ent("Hafez Assadi", graph.Person),
			ent("Iran", graph.Country),
			ent("Hezbollah", graph.Organization),
			ent("IRGC Quds Force", graph.Organization, "Quds Force"),
		},
	})
	tests := []struct {
		name  string
		q     graph.SearchQuery
		want  []string
		exact bool // want is the whole result, in order
	}{
		{"prefix finds KOMID", graph.SearchQuery{Text: "KOMI"}, []string{"komid"}, true},
		{"exact beats prefix", graph.SearchQuery{Text: "kom"}, []string{"kom", "komid", "komodo-shipping"}, true},
		{"prefix of upper-case query", graph.SearchQuery{Text: "KOM", Limit: 2}, []string{"kom", "komid"}, true},
		{"name prefix beats exact alias", graph.SearchQuery{Text: "assad"},
			[]string{"assad-brigade", "bashar-al-assad"}, false},
		{"alias match", graph.SearchQuery{Text: "Korea Mining"}, []string{"komid"}, true},
		{"multi-term with punctuation", graph.SearchQuery{Text: "bashar al-ass"}, []string{"bashar-al-assad"}, true},
		{"type filter", graph.SearchQuery{Text: "assad", Types: []graph.EntityType{graph.Person}},
			[]string{"bashar-al-assad", "hafez-assadi"}, true},
		{"lucene syntax is literal", graph.SearchQuery{Text: `(iran")~^*`}, []string{"iran"}, true},
		{"no match", graph.SearchQuery{Text: "zzzz"}, []string{}, true},
		// spelling and transliteration variants (variants.go)
		{"Hizballah is Hezbollah", graph.SearchQuery{Text: "Hizballah"}, []string{"hezbollah"}, true},
		{"Hizbullah is Hezbollah", graph.SearchQuery{Text: "hizbullah"}, []string{"hezbollah"}, true},
		{"Qods Force is the Quds Force", graph.SearchQuery{Text: "Qods Force"}, []string{"irgc-quds-force"}, true},
		{"al-Assad is Assad", graph.SearchQuery{Text: "al-Assad", Types: []graph.EntityType{graph.Person}}, []string{"bashar-al-assad"}, false},
		{"Iraq is not Iran", graph.SearchQuery{Text: "Iraq"}, []string{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Search(ctxT(t), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			g := ids(got)
			if tc.exact {
				if !reflect.DeepEqual(g, tc.want) {
					t.Fatalf("got %v, want %v", g, tc.want)
				}
				return
			}
			if len(g) < len(tc.want) || !reflect.DeepEqual(g[:len(tc.want)], tc.want) {
				t.Fatalf("got %v, want prefix %v", g, tc.want)
			}
		})
	}
	t.Run("what matched", func(t *testing.T) {
		for _, tc := range []struct{ q, id, matched, by string }{
			{"Hizballah", "hezbollah", "Hezbollah", graph.MatchedVariant},
			{"Qods Force", "irgc-quds-force", "Quds Force", graph.MatchedVariant},
			{"Korea Mining", "komid", "Korea Mining Development Trading Corporation", graph.MatchedAlias},
			{"KOMID", "komid", "", ""},
		} {
			got, err := s.Search(ctxT(t), graph.SearchQuery{Text: tc.q})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 || got[0].ID != tc.id || got[0].Matched != tc.matched || got[0].MatchedBy != tc.by {
				t.Errorf("%q: got %+v, want %s matched %q by %q", tc.q, got, tc.id, tc.matched, tc.by)
			}
		}
	})
	t.Run("invalid", func(t *testing.T) {
		for _, q := range []graph.SearchQuery{{Text: "  -- "}, {Text: "*:*"}, {Text: "x", Limit: -1}, {Text: "x", Types: []graph.EntityType{"Bogus"}}} {
			if _, err := s.Search(ctxT(t), q); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("%+v: err = %v, want ErrInvalid", q, err)
			}
		}
	})
}

// neighbourGraph:
//
//	A -SUPPLIES(0.9)-> B -SUPPLIES(0.8)-> C -SUPPLIES(0.7)-> D
//	A -FINANCES(0.3)-> E (Person)
//	F -ATTACKED(0.9)-> A
//	A -MENTIONED_WITH- G
//	A -ALLIED_WITH- H (symmetric; stored A→H)
func neighbourGraph(t testing.TB, s *Store) {
	t.Helper()
	var x graph.Extraction
	x.Documents = []graph.Document{doc("n1", "n.txt", "x")}
	for _, n := range []string{"A", "B", "C", "D", "F", "G", "H"} {
		x.Entities = append(x.Entities, ent(n, graph.Organization))
	}
	x.Entities = append(x.Entities, ent("E", graph.Person))
	x.Relations = []graph.Relation{
		rel("A", graph.Supplies, "B", 0.9, "n1", 0),
		rel("B", graph.Supplies, "C", 0.8, "n1", 10),
		rel("C", graph.Supplies, "D", 0.7, "n1", 20),
		rel("A", graph.Finances, "E", 0.3, "n1", 30),
		rel("F", graph.Attacked, "A", 0.9, "n1", 40),
		rel("A", graph.MentionedWith, "G", 0.2, "n1", 50),
		rel("H", graph.AlliedWith, "A", 0.6, "n1", 60),
	}
	mustWrite(t, s, x)
}

func TestNeighbors(t *testing.T) {
	s := openTest(t)
	neighbourGraph(t, s)
	sorted := func(ss ...string) []string { sort.Strings(ss); return ss }
	tests := []struct {
		name      string
		q         graph.NeighborQuery
		nodes     []string
		edges     int
		truncated bool
	}{
		{"depth 1 both", graph.NeighborQuery{ID: "a"}, sorted("a", "b", "e", "f", "h"), 4, false},
		{"depth 2", graph.NeighborQuery{ID: "a", Depth: 2}, sorted("a", "b", "c", "e", "f", "h"), 5, false},
		{"depth 3", graph.NeighborQuery{ID: "a", Depth: 3}, sorted("a", "b", "c", "d", "e", "f", "h"), 6, false},
		{"outgoing keeps symmetric", graph.NeighborQuery{ID: "a", Direction: graph.Outgoing}, sorted("a", "b", "e", "h"), 3, false},
		{"incoming", graph.NeighborQuery{ID: "a", Direction: graph.Incoming}, sorted("a", "f", "h"), 2, false},
		{"relation type", graph.NeighborQuery{ID: "a", Depth: 3, Filter: graph.Filter{RelationTypes: []graph.RelationType{graph.Supplies}}},
			sorted("a", "b", "c", "d"), 3, false},
		{"entity type", graph.NeighborQuery{ID: "a", Filter: graph.Filter{EntityTypes: []graph.EntityType{graph.Person}}},
			sorted("a", "e"), 1, false},
		{"min confidence", graph.NeighborQuery{ID: "a", Filter: graph.Filter{MinConfidence: 0.5}}, sorted("a", "b", "f", "h"), 3, false},
		{"weak included", graph.NeighborQuery{ID: "a", Filter: graph.Filter{IncludeWeak: true}}, sorted("a", "b", "e", "f", "g", "h"), 5, false},
		{"weak listed", graph.NeighborQuery{ID: "a", Filter: graph.Filter{RelationTypes: []graph.RelationType{graph.MentionedWith}}},
			sorted("a", "g"), 1, false},
		{"limit truncates", graph.NeighborQuery{ID: "a", Limit: 2}, nil, -1, true},
		{"limit exactly reached at depth 1, more deeper", graph.NeighborQuery{ID: "a", Depth: 2, Limit: 4}, sorted("a", "b", "e", "f", "h"), 4, true},
		{"limit not reached", graph.NeighborQuery{ID: "a", Depth: 3, Limit: 6}, sorted("a", "b", "c", "d", "e", "f", "h"), 6, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sg, err := s.Neighbors(ctxT(t), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if sg.Truncated != tc.truncated {
				t.Errorf("truncated = %v, want %v", sg.Truncated, tc.truncated)
			}
			got := sorted(ids(sg.Nodes)...)
			if tc.nodes == nil {
				if len(got) != tc.q.Limit+1 || sg.Nodes[0].ID != tc.q.ID {
					t.Errorf("nodes = %v, want centre + %d", ids(sg.Nodes), tc.q.Limit)
				}
				return
			}
			if !reflect.DeepEqual(got, tc.nodes) {
				t.Errorf("nodes = %v, want %v", got, tc.nodes)
			}
			if len(sg.Edges) != tc.edges {
				t.Errorf("edges = %d (%+v), want %d", len(sg.Edges), sg.Edges, tc.edges)
			}
			in := map[string]bool{}
			for _, n := range sg.Nodes {
				in[n.ID] = true
			}
			for _, e := range sg.Edges {
				if !in[e.Source] || !in[e.Target] {
					t.Errorf("edge %s %s→%s leaves the subgraph", e.Type, e.Source, e.Target)
				}
			}
		})
	}
	t.Run("limit keeps strongest", func(t *testing.T) {
		sg, err := s.Neighbors(ctxT(t), graph.NeighborQuery{ID: "a", Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(sg.Nodes); !reflect.DeepEqual(got, []string{"a", "b", "f"}) {
			t.Errorf("nodes = %v, want [a b f] (confidence 0.9 first)", got)
		}
	})
	t.Run("errors", func(t *testing.T) {
		for _, q := range []graph.NeighborQuery{
			{ID: "a", Depth: 4}, {ID: "a", Depth: -1}, {ID: "a", Direction: "sideways"}, {ID: "a", Limit: -3},
			{ID: "a", Filter: graph.Filter{RelationTypes: []graph.RelationType{"KNOWS"}}},
			{ID: "a", Filter: graph.Filter{EntityTypes: []graph.EntityType{"Robot"}}},
			{ID: "a", Filter: graph.Filter{MinConfidence: 2}},
		} {
			if _, err := s.Neighbors(ctxT(t), q); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("%+v: err = %v, want ErrInvalid", q, err)
			}
		}
		if _, err := s.Neighbors(ctxT(t), graph.NeighborQuery{ID: "nobody"}); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("missing centre: err = %v, want ErrNotFound", err)
		}
	})
}

func TestReadDocumentsAndNotFound(t *testing.T) {
	s := openTest(t)
	neighbourGraph(t, s)
	ctx := ctxT(t)
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "n1" || docs[0].Text != "" || docs[0].EntityCount != 8 || docs[0].RelationCount != 7 || docs[0].IngestedAt.IsZero() {
		t.Fatalf("documents = %+v", docs)
	}
	d, err := s.Document(ctx, "n1")
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "x" || d.Chars != 1 || d.Title != "Title n1" {
		t.Errorf("document = %+v", d)
	}
	for name, err := range map[string]error{
		"document": func() error { _, err := s.Document(ctx, "nope"); return err }(),
		"entity":   func() error { _, err := s.Entity(ctx, "nope"); return err }(),
		"relation": func() error { _, err := s.Relation(ctx, "rnope"); return err }(),
	} {
		if !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}
	st := mustStats(t, s)
	if st.EntitiesByType[graph.Person] != 1 || st.EntitiesByType[graph.Organization] != 7 || st.RelationsByType[graph.Supplies] != 3 {
		t.Errorf("stats = %+v", st)
	}
}
