package frames

import (
	"slices"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

func TestSplitUnits(t *testing.T) {
	org := func(name string, aliases ...string) graph.Entity {
		return graph.Entity{ID: graph.EntityID(name), Name: name, Type: graph.Organization, Aliases: aliases}
	}
	for _, tc := range []struct {
		name string
		ents []graph.Entity
		want []string // entity names after the split, sorted
	}{
		{"a division of a police service", []graph.Entity{org("Organised Crime Division of the Northport Police Service")},
			[]string{"Northport Police Service", "Organised Crime Division"}},
		{"a brigade of an army", []graph.Entity{org("Fourth Brigade of the Norland Army")},
			[]string{"Fourth Brigade", "Norland Army"}},
		{"a branch of a known body without 'the'", []graph.Entity{org("Signals Branch of Norland Border Guard"), org("Norland Border Guard")},
			[]string{"Norland Border Guard", "Signals Branch"}},
		{"a body named after its remit stays whole", []graph.Entity{org("State Department of Maritime Affairs")},
			[]string{"State Department of Maritime Affairs"}},
		{"a state's department stays whole", []graph.Entity{org("US Department of the Treasury"), org("Treasury")},
			[]string{"Treasury", "US Department of the Treasury"}},
		{"a one-word unit stays whole", []graph.Entity{org("Directorate of Intelligence of the Norland Army")},
			[]string{"Directorate of Intelligence of the Norland Army"}},
		{"a unit of a state stays whole", []graph.Entity{org("Security Service of Norland"), {ID: "norland", Name: "Norland", Type: graph.Country}},
			[]string{"Norland", "Security Service of Norland"}},
		{"a heading's article is no unit", []graph.Entity{org("THE OFFICE of Kestrel Air Cargo LLC")},
			[]string{"THE OFFICE of Kestrel Air Cargo LLC"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{Entities: slices.Clone(tc.ents)}
			SplitUnits(&x)
			var got []string
			for _, e := range x.Entities {
				got = append(got, e.Name)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAddPlaceBodies(t *testing.T) {
	places := []graph.Entity{{ID: "varra-and-olm", Name: "Varra and Olm", Type: graph.Country}, {ID: "kesh", Name: "Kesh", Type: graph.Location},
		{ID: "gulf-of-sarn", Name: "Gulf of Sarn", Type: graph.Location}}
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"a titled police force of a two-part state", "The sloop was stopped by the Royal Varra and Olm Police Force at dawn.", []string{"Royal Varra and Olm Police Force"}},
		{"a coast guard", "The Varra and Olm Coast Guard seized a boat.", []string{"Varra and Olm Coast Guard"}},
		{"a forum named after a gulf", "She is a researcher at the Gulf of Sarn Security Forum in Kesh.", []string{"Gulf of Sarn Security Forum"}},
		{"the state alone names no body", "Varra and Olm signed the treaty.", nil},
		{"a place without 'and' is the recognizer's business", "The Kesh Police Force seized a boat.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{Entities: slices.Clone(places)}
			AddPlaceBodies(&x, parse(t, tc.text))
			var got []string
			for _, e := range x.Entities[len(places):] {
				if e.Type != graph.Organization {
					t.Errorf("%q typed %s", e.Name, e.Type)
				}
				got = append(got, e.Name)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
