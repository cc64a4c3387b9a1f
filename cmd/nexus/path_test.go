package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

func TestPathFlags(t *testing.T) {
	tests := []struct {
		name string
		f    pathFlags
		err  string
	}{
		{"defaults", pathFlags{mode: "shortest", k: 3, maxHops: 4}, ""},
		{"k mode", pathFlags{mode: "k", k: 5, maxHops: 6, rels: []string{"supplies", "allied-with"}}, ""},
		{"bad mode", pathFlags{mode: "longest", k: 3, maxHops: 4}, "--mode"},
		{"bad k", pathFlags{mode: "k", k: 11, maxHops: 4}, "--k"},
		{"bad hops", pathFlags{mode: "shortest", k: 3, maxHops: 7}, "--max-hops"},
		{"bad confidence", pathFlags{mode: "shortest", k: 3, maxHops: 4, minConfidence: 2}, "--min-confidence"},
		{"type injection", pathFlags{mode: "shortest", k: 3, maxHops: 4, rels: []string{"SUPPLIES]->() DETACH DELETE n //"}}, "--rel"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := tc.f.query("a", "b")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if q.Mode == graph.Shortest && q.K != 1 {
				t.Errorf("shortest with K=%d", q.K)
			}
			for _, r := range q.Filter.RelationTypes {
				if !r.Valid() {
					t.Errorf("invalid type %q passed", r)
				}
			}
		})
	}
}

func TestPrintPath(t *testing.T) {
	p := graph.Path{
		Nodes: []graph.Entity{
			{ID: "vlad", Name: "Vlad", Type: graph.Person},
			{ID: "borduria", Name: "Borduria", Type: graph.Country},
			{ID: "syldavia", Name: "Syldavia", Type: graph.Country},
			{ID: "ruritania", Name: "Ruritania", Type: graph.Country},
		},
		Edges: []graph.Relation{
			{Source: "vlad", Target: "borduria", Type: graph.Leads, Confidence: 0.9,
				Evidence: []graph.Evidence{{DocumentID: "d1", DocumentTitle: "Report", Sentence: "Vlad leads Borduria.", Start: 0, End: 20}}},
			{Source: "borduria", Target: "syldavia", Type: graph.AlliedWith, Confidence: 0.7, EvidenceCount: 2},
			{Source: "ruritania", Target: "syldavia", Type: graph.Supports, Confidence: 0.8,
				Evidence: []graph.Evidence{{DocumentID: "d2", Sentence: "Ruritania backs Syldavia.", Start: 5, End: 30}}},
		},
	}
	var b bytes.Buffer
	printPath(&b, 1, p)
	want := "Path 1 (3 hops)\n" +
		"  Vlad (Person)\n" +
		"    -[LEADS 0.90]-> Borduria (Country)\n" +
		"        “Vlad leads Borduria.” — Report [0:20]\n" +
		"    -[ALLIED_WITH 0.70]- Syldavia (Country)\n" +
		"        (2 evidence sentences)\n" +
		"    <-[SUPPORTS 0.80]- Ruritania (Country)\n" +
		"        “Ruritania backs Syldavia.” — d2 [5:30]\n\n"
	if b.String() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
