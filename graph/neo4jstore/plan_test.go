package neo4jstore

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

func TestLuceneQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"KOM", "+kom*"},
		{"bashar al-ass", "+bashar +al +ass*"},
		{`(iran")~^*`, "+iran*"},
		{"  ", ""},
		{"*:*", ""},
		{"Ümit Özdağ", "+ümit +özdağ*"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := luceneQuery(tc.in); got != tc.want {
				t.Errorf("luceneQuery(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMatchTier(t *testing.T) {
	e := graph.Entity{Name: "Bashar al-Assad", Aliases: []string{"Assad", "President Assad"}}
	tests := []struct {
		q    string
		want int
	}{
		{"bashar al assad", 0},
		{"Bashar", 1},
		{"assad", 2},
		{"president", 3},
		{"al", 4},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			if got := matchTier(graph.EntityID(tc.q), e); got != tc.want {
				t.Errorf("tier = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestPlanGroups(t *testing.T) {
	x := graph.Extraction{
		Entities: []graph.Entity{ent("A", graph.Person), ent("B", graph.Person), ent("C", graph.Person),
			ent("A", graph.Person, "Alias A")}, // duplicate: merged
	}
	var fresh []graph.Document
	for _, id := range []string{"d1", "d2", "d3"} {
		fresh = append(fresh, doc(id, id+".txt", ""))
	}
	x.Relations = []graph.Relation{
		rel("A", graph.Leads, "B", 0.5, "d1", 0),
		rel("A", graph.Leads, "B", 0.7, "d3", 0),
		rel("B", graph.Leads, "C", 0.5, "d2", 0),
		rel("C", graph.Leads, "A", 0.5, "gone", 0), // evidence of a skipped document only: dropped
	}
	groups := plan(x, fresh, nil, 1) // one document per group
	if len(groups) != 3 {
		t.Fatalf("groups = %d, want 3", len(groups))
	}
	var ents [][]string
	var rels []int
	for _, g := range groups {
		ents = append(ents, ids(g.entities))
		rels = append(rels, len(g.relations))
	}
	// Each entity is upserted once, in the first group that needs it.
	if want := [][]string{{"a", "b"}, {"c"}, {}}; !reflect.DeepEqual(ents, want) {
		t.Errorf("entities per group = %v, want %v", ents, want)
	}
	if want := []int{1, 1, 1}; !reflect.DeepEqual(rels, want) {
		t.Errorf("relations per group = %v, want %v", rels, want)
	}
	// Counts travel on the MENTIONS edges, added to the entity in the
	// transaction that writes them; the entity row adds nothing.
	edgeCount := 0
	for _, g := range groups {
		for _, m := range g.mentions {
			if m.entity == "a" {
				edgeCount += m.count
			}
		}
	}
	if a := groups[0].entities[0]; a.Mentions != 0 || edgeCount != 2 || !reflect.DeepEqual(a.Aliases, []string{"Alias A"}) {
		t.Errorf("merged entity = %+v, mention edges carry %d", a, edgeCount)
	}
	if r := groups[2].relations[0]; r.ID != graph.RelationID("a", graph.Leads, "b") || len(r.Evidence) != 1 || r.Evidence[0].DocumentID != "d3" {
		t.Errorf("group 3 relation = %+v", r)
	}
}

func TestCountWord(t *testing.T) {
	tests := []struct {
		text, word string
		want       int
	}{
		{"iran and iran", "iran", 2},
		{"irani iran-backed", "iran", 1},
		{"the us and usa", "us", 1},
		{"ümit özdağ said", "özdağ", 1},
		{"", "x", 0},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			if got := countWord(tc.text, tc.word, -1); got != tc.want {
				t.Errorf("countWord(%q, %q) = %d, want %d", tc.text, tc.word, got, tc.want)
			}
		})
	}
}

func TestPlanMentionsWithSkippedDocuments(t *testing.T) {
	fresh := []graph.Document{doc("n1", "n.txt", "Iran and Syria. Syria again.")}
	skipped := []graph.Document{doc("o1", "o.txt", "Iran supplies Hezbollah. Iran, Iran.")}
	x := graph.Extraction{
		Entities: []graph.Entity{
			{ID: "iran", Name: "Iran", Type: graph.Country, Mentions: 4},
			{ID: "hezbollah", Name: "Hezbollah", Type: graph.Organization, Mentions: 1},
			{ID: "syria", Name: "Syria", Type: graph.Country, Mentions: 2},
		},
		Relations: []graph.Relation{rel("Iran", graph.Supplies, "Hezbollah", 0.5, "o1", 0)},
	}
	groups := plan(x, fresh, skipped, 100)
	if len(groups) != 1 {
		t.Fatalf("groups = %d", len(groups))
	}
	got := map[string]int{}
	for _, e := range groups[0].entities {
		got[e.ID] = e.Mentions
	}
	// hezbollah is only in the stored document, so it is not written at
	// all; the others' counts are on their edges (below), not their rows.
	if want := map[string]int{"iran": 0, "syria": 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("entity rows = %v, want %v", got, want)
	}
	var ms []mention
	ms = append(ms, groups[0].mentions...)
	if want := []mention{{"n1", "iran", 1, "Country"}, {"n1", "syria", 2, "Country"}}; !reflect.DeepEqual(ms, want) {
		t.Errorf("mentions = %+v, want %+v", ms, want)
	}
}

// TestNamedInMatchesEveryEntity checks that the first-word index finds
// exactly the entities a search for every name and alias finds.
func TestNamedInMatchesEveryEntity(t *testing.T) {
	texts := []string{
		"Iran-backed militias met the U.S. envoy in Baghdad; Özdağ spoke.",
		"The Irani delegation (al-Quds Force) and 'Hezbollah' were there.",
		"& & & — #1 group, Co. Ltd. and X-Ray Corp",
		"",
	}
	names := [][]string{
		{"Iran"}, {"U.S.", "United States"}, {"Baghdad"}, {"Ümit Özdağ", "Özdağ"}, {"al-Quds Force"},
		{"'Hezbollah'"}, {"Hezbollah"}, {"&"}, {"#1 group"}, {"Co. Ltd."}, {"X-Ray Corp"}, {"Ray"},
		{"Quds"}, {"Irani delegation"}, {"envoy in"}, {"militias met the u.s"}, {"Nowhere"},
	}
	var docs []graph.Document
	for i, tx := range texts {
		docs = append(docs, doc(fmt.Sprintf("d%d", i), "", tx))
	}
	var ents []graph.Entity
	for i, ns := range names {
		ents = append(ents, graph.Entity{ID: fmt.Sprintf("e%d", i), Name: ns[0], Aliases: ns[1:]})
	}
	dt := newDocTexts(docs, nil, ents)
	found := 0
	for i := range docs {
		var want []int
		for ei, e := range ents {
			if dt.named(i, e) {
				want = append(want, ei)
			}
		}
		got := dt.namedIn(i)
		found += len(want)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("text %q: namedIn %v, every entity %v", texts[i], got, want)
		}
	}
	if found < 10 {
		t.Errorf("only %d names found in the texts; the table no longer tests much", found)
	}
}

// With mention spans from extraction, each document's edges carry its own
// counts, the same whichever documents share its batch.
func TestPlanMentionsFromSpans(t *testing.T) {
	span := func(n int) []graph.Span { return make([]graph.Span, n) }
	d1 := doc("d1", "1.txt", "")
	d1.Mentions = map[string][]graph.Span{"iran": span(3), "syria": span(1)}
	d2 := doc("d2", "2.txt", "")
	d2.Mentions = map[string][]graph.Span{"iran": span(2), "hamas": {}}
	ents := []graph.Entity{ent("Iran", graph.Country), ent("Syria", graph.Country), ent("Hamas", graph.Organization)}
	edges := func(docs []graph.Document) map[string]int {
		out := map[string]int{}
		for _, g := range plan(graph.Extraction{Entities: ents}, docs, nil, 100) {
			for _, m := range g.mentions {
				out[m.doc+"→"+m.entity] = m.count
			}
			for _, e := range g.entities {
				if e.Mentions != 0 {
					t.Errorf("entity row %s carries %d mentions", e.ID, e.Mentions)
				}
			}
		}
		return out
	}
	want := map[string]int{"d1→iran": 3, "d1→syria": 1, "d2→iran": 2, "d2→hamas": 1}
	both := edges([]graph.Document{d1, d2})
	if !reflect.DeepEqual(both, want) {
		t.Errorf("edges = %v, want %v", both, want)
	}
	alone := edges([]graph.Document{d2})
	if alone["d2→iran"] != 2 || alone["d2→hamas"] != 1 || len(alone) != 2 {
		t.Errorf("d2 alone: edges = %v", alone)
	}
}
