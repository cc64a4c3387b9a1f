package ingest

import (
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

func TestDropPassingItems(t *testing.T) {
	x := graph.Extraction{
		Entities: []graph.Entity{
			{ID: "orvell", Name: "Orvell Arms", Type: graph.Organization, Mentions: 1},
			{ID: "weapons", Name: "weapons", Type: graph.Item, Mentions: 1},
			{ID: "rifles", Name: "rifles", Type: graph.Item, Mentions: 1},
			{ID: "drones", Name: "drones", Type: graph.Item, Mentions: 3},
		},
		Relations: []graph.Relation{
			{Source: "orvell", Target: "weapons", Type: graph.MentionedWith},
			{Source: "orvell", Target: "rifles", Type: graph.Produces},
			{Source: "drones", Target: "orvell", Type: graph.MentionedWith},
		},
	}
	dropPassingItems(&x)
	var names []string
	for _, e := range x.Entities {
		names = append(names, e.ID)
	}
	if len(names) != 3 || names[1] != "rifles" || names[2] != "drones" {
		t.Errorf("kept %v, want orvell, rifles (related) and drones (named three times)", names)
	}
	for _, r := range x.Relations {
		if r.Source == "weapons" || r.Target == "weapons" {
			t.Errorf("relation %+v of a dropped item kept", r)
		}
	}
	if len(x.Relations) != 2 {
		t.Errorf("relations %+v, want the two of kept entities", x.Relations)
	}
}

func TestDropNonEntities(t *testing.T) {
	for _, tc := range []struct {
		name string
		e    graph.Entity
		drop bool
	}{
		{"a street", graph.Entity{Name: "Partyzanski Avenue", Type: graph.Location}, true},
		{"a city", graph.Entity{Name: "Vitebsk", Type: graph.Location}, false},
		{"a postcode read as a person", graph.Entity{Name: "Orsha 211030", Type: graph.Person}, true},
		{"a box number", graph.Entity{Name: "P.O. Box 8812", Type: graph.Person}, true},
		{"an order read as a body", graph.Entity{Name: "Temporary Denial Order", Type: graph.Organization}, true},
		{"a numbered unit", graph.Entity{Name: "Unit 4400", Type: graph.Organization}, false},
		{"a committee named by its resolution", graph.Entity{Name: "1718 Committee", Type: graph.Organization}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.e.ID = graph.EntityID(tc.e.Name)
			x := graph.Extraction{Entities: []graph.Entity{tc.e, {ID: "kestrel", Name: "Kestrel Ltd", Type: graph.Organization}},
				Relations: []graph.Relation{{Source: tc.e.ID, Target: "kestrel", Type: graph.MentionedWith}}}
			dropNonEntities(&x)
			dropped := len(x.Entities) == 1
			if dropped != tc.drop {
				t.Fatalf("%q dropped = %v, want %v", tc.e.Name, dropped, tc.drop)
			}
			if dropped && len(x.Relations) != 0 {
				t.Errorf("its relations stayed: %+v", x.Relations)
			}
		})
	}
}

// The classifier's candidates, which Read returns for training, point
// into the entity slice; dropping entities after them must not move the
// entities under those pointers.
func TestRemoveEntitiesKeepsCandidatePointers(t *testing.T) {
	x := graph.Extraction{Entities: []graph.Entity{
		{ID: "weapons", Name: "weapons", Type: graph.Item},
		{ID: "orvell", Name: "Orvell Arms", Type: graph.Organization},
	}}
	second := &x.Entities[1]
	removeEntities(&x, map[string]bool{"weapons": true})
	if second.Name != "Orvell Arms" {
		t.Fatalf("a pointer to Orvell Arms now points to %q", second.Name)
	}
	if len(x.Entities) != 1 || x.Entities[0].ID != "orvell" {
		t.Errorf("entities %+v, want only Orvell Arms", x.Entities)
	}
}
