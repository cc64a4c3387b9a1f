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
