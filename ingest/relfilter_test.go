package ingest

import (
	"slices"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

func TestDropImplausible(t *testing.T) {
	for _, tc := range []struct {
		name     string
		src, tgt graph.EntityType
		keep     bool
	}{
		{"a company does not supply a ship", graph.Organization, graph.Vessel, false},
		{"a state does not supply a ship", graph.Country, graph.Vessel, false},
		{"a ship supplies another in a transfer at sea", graph.Vessel, graph.Vessel, true},
		{"a company supplies a company", graph.Organization, graph.Organization, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{
				Entities:  []graph.Entity{{ID: "a", Name: "Orvell", Type: tc.src}, {ID: "b", Name: "Kestrel", Type: tc.tgt}},
				Relations: []graph.Relation{{Source: "a", Target: "b", Type: graph.Supplies}, {Source: "a", Target: "b", Type: graph.MentionedWith}},
			}
			dropImplausible(&x)
			want := 1
			if tc.keep {
				want = 2
			}
			if len(x.Relations) != want {
				t.Errorf("relations %+v, want %d", x.Relations, want)
			}
		})
	}
}

func TestDropImpliedCountries(t *testing.T) {
	ev := func(s string) []graph.Evidence { return []graph.Evidence{{DocumentID: "d", Sentence: s}} }
	const both = "Kestrel Arms, a broker based in Plovdiv, Bulgaria, sold shells."
	const alone = "Kestrel Arms also trades in Bulgaria."
	ents := []graph.Entity{{ID: "kestrel", Type: graph.Organization}, {ID: "plovdiv", Type: graph.Location}, {ID: "bulgaria", Type: graph.Country}}
	for _, tc := range []struct {
		name      string
		countryEv []graph.Evidence
		keep      bool
	}{
		{"the country of the town the same sentence gives goes", ev(both), false},
		{"a country a sentence gives on its own stays", ev(alone), true},
		{"a country also given on its own stays", append(ev(both), ev(alone)...), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{Entities: ents, Relations: []graph.Relation{
				{Source: "kestrel", Target: "plovdiv", Type: graph.LocatedIn, Evidence: ev(both)},
				{Source: "plovdiv", Target: "bulgaria", Type: graph.LocatedIn, Evidence: ev(both)},
				{Source: "kestrel", Target: "bulgaria", Type: graph.LocatedIn, Evidence: tc.countryEv},
			}}
			dropImpliedCountries(&x)
			kept := len(x.Relations) == 3
			if kept != tc.keep {
				t.Errorf("kestrel LOCATED_IN bulgaria kept = %v, want %v (%+v)", kept, tc.keep, x.Relations)
			}
			if len(x.Relations) < 2 {
				t.Errorf("the town's relations went too: %+v", x.Relations)
			}
		})
	}
}

func TestMoveDesignatorReasons(t *testing.T) {
	rel := func(sent, src, typ, dst, trigger string) graph.Relation {
		k := strings.Index(sent, trigger)
		r := graph.Relation{Source: src, Target: dst, Type: graph.RelationType(typ)}.Canonical()
		r.Evidence = []graph.Evidence{{DocumentID: "d", Sentence: sent, Start: 100, Trigger: trigger, TriggerStart: 100 + k, TriggerEnd: 100 + k + len(trigger)}}
		return r
	}
	const one = "OFAC designated Kestrel Ltd in 2024 for supplying parts to Velora."
	const two = "OFAC designated Kestrel Ltd and its owner, Omar Ali, for raising and moving money for Velora."
	const many = "OFAC designated A, B, C and D for supplying parts to Velora."
	for _, tc := range []struct {
		name string
		rels []graph.Relation
		want []string
	}{
		{"the reason goes to the one sanctioned, once", []graph.Relation{
			rel(one, "ofac", "SANCTIONED", "kestrel", "designated"),
			rel(one, "ofac", "SUPPLIES", "velora", "supplying"),
			rel(one, "kestrel", "SUPPLIES", "velora", "supplying"),
		}, []string{"ofac SANCTIONED kestrel", "kestrel SUPPLIES velora"}},
		{"coordinated gerunds; each of two sanctioned", []graph.Relation{
			rel(two, "ofac", "SANCTIONED", "kestrel", "designated"),
			rel(two, "ofac", "SANCTIONED", "omar-ali", "designated"),
			rel(two, "ofac", "FINANCES", "velora", "moving"),
		}, []string{"ofac SANCTIONED kestrel", "ofac SANCTIONED omar-ali", "kestrel FINANCES velora", "omar-ali FINANCES velora"}},
		{"a long list shares no reason", []graph.Relation{
			rel(many, "ofac", "SANCTIONED", "a", "designated"),
			rel(many, "ofac", "SANCTIONED", "b", "designated"),
			rel(many, "ofac", "SANCTIONED", "c", "designated"),
			rel(many, "ofac", "SANCTIONED", "d", "designated"),
			rel(many, "ofac", "SUPPLIES", "velora", "supplying"),
		}, []string{"ofac SANCTIONED a", "ofac SANCTIONED b", "ofac SANCTIONED c", "ofac SANCTIONED d"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{Relations: tc.rels}
			moveDesignatorReasons(&x)
			var got []string
			for _, r := range x.Relations {
				got = append(got, r.Source+" "+string(r.Type)+" "+r.Target)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("relations %v, want %v", got, tc.want)
			}
		})
	}
}
