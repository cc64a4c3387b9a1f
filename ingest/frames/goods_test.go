package frames

import (
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

func TestAddGoods(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		known      []graph.Entity
		want, not  []string
	}{
		{"a class with its modifiers, without the count", "Officers seized 410 gimbal assemblies and another 300 servo motors.",
			nil, []string{"gimbal assemblies", "servo motors"}, []string{"another servo motors", "assemblies"}},
		{"goods counted in containers", "The patrol found 60 sacks of urea and six drums of petrol.",
			nil, []string{"urea", "petrol"}, []string{"bags", "drums"}},
		{"a hyphenated modifier stays whole", "The boat carried 18 four-stroke engines.",
			nil, []string{"four-stroke engines"}, []string{"stroke engines"}},
		{"an acronym modifier is part of the class", "The agents seized 40 GNSS receivers.",
			nil, []string{"GNSS receivers"}, nil},
		{"a model name says what the goods are", "Tarsk Aero builds Korsak-7 drones and Velmar engines.",
			[]graph.Entity{{ID: "korsak-7", Name: "Korsak-7", Type: graph.Item}, {ID: "tarsk-aero", Name: "Tarsk Aero", Type: graph.Organization}},
			nil, []string{"drones", "Korsak-7 drones", "engines", "Velmar engines"}},
		{"goods already named before are not a class", "The engines were seized at the port.",
			nil, nil, []string{"engines"}},
		{"a goods noun modifying another noun", "The depot sold engine parts and fuel tanks.",
			nil, nil, []string{"engine", "fuel"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{Entities: tc.known}
			AddGoods(&x, parse(t, tc.text))
			checkTyped(t, entityNames(x), graph.Item, tc.want, tc.not)
		})
	}
}

func TestAddRegistrations(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		known      []graph.Entity
		want, not  []string
	}{
		{"registrations of several states and styles", "The Il-76 EX-76411 and the Boeing 737 5X-KAP flew in; G-ORNA stayed at Kesh.",
			nil, []string{"EX-76411", "5X-KAP", "G-ORNA"}, nil},
		{"a registration the recognizer read as a firm becomes an item", "Flight log: ZS-PWT departed at 0610.",
			[]graph.Entity{{ID: "zs-pwt", Name: "ZS-PWT", Type: graph.Organization}}, []string{"ZS-PWT"}, nil},
		{"models and references are not registrations", "It fired an S-300 and a KN-23; see file CN-2031 and licence 4-71-222-9K-31208.",
			nil, nil, []string{"S-300", "KN-23", "CN-2031", "9K-31208"}},
		{"a mark no state uses", "Code QQ-ABC was filed.", nil, nil, []string{"QQ-ABC"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{Entities: tc.known}
			AddRegistrations(&x, tc.text)
			checkTyped(t, entityNames(x), graph.Item, tc.want, tc.not)
		})
	}
}
