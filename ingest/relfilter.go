package ingest

import (
	"slices"
	"strings"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// This file holds the filters that run over every reading's relations
// once all readers are done (Reading.Read): each removes a kind of
// relation that a reader took from a sentence that does not state it.

// dropUnasserted removes the relations every trigger of which asserted
// says is not asserted (here: asked, "Did Kestrel sell parts to
// Velora?"), which the token rules read like statements. Relations with
// no trigger (the classifier's, which reads only asserted clauses, and
// records) are left alone. Taking away everything the frames hold back
// (conditions, denials, hedges) cost more recall than it gained.
func dropUnasserted(x *graph.Extraction, p *nlp.Doc, asserted func(tok int) bool) {
	starts := make([]int, len(p.Tokens))
	for i, t := range p.Tokens {
		starts[i] = t.Start
	}
	tokenAt := func(off int) int {
		i, found := slices.BinarySearch(starts, off)
		if !found {
			return -1
		}
		return i
	}
	rels := x.Relations[:0]
	for _, r := range x.Relations {
		keep := r.Type == graph.MentionedWith || len(r.Evidence) == 0
		for _, ev := range r.Evidence {
			if k := tokenAt(ev.TriggerStart); ev.Trigger == "" || k < 0 || asserted(k) {
				keep = true
				break
			}
		}
		if keep {
			rels = append(rels, r)
		}
	}
	x.Relations = rels
}

// dropDesignatorReasons removes the relations that credit a sanctioning
// authority with the conduct it sanctioned: in "OFAC designated X in 2024
// for supplying engines to Velora" the reason's gerund has X as its
// subject, never OFAC, whichever noun a reader took for it. A relation is
// dropped when its source sanctions someone in the same sentence and its
// trigger is a gerund after "for".
func dropDesignatorReasons(x *graph.Extraction) {
	designators := map[string]bool{} // source + sentence of a SANCTIONED
	for _, r := range x.Relations {
		if r.Type == graph.Sanctioned {
			for _, ev := range r.Evidence {
				designators[r.Source+"\x00"+ev.Sentence] = true
			}
		}
	}
	if len(designators) == 0 {
		return
	}
	rels := x.Relations[:0]
	for _, r := range x.Relations {
		if r.Type != graph.Sanctioned && r.Type != graph.MentionedWith && len(r.Evidence) > 0 && allReasons(r, designators) {
			continue
		}
		rels = append(rels, r)
	}
	x.Relations = rels
}

// allReasons reports whether every piece of r's evidence is a reason
// clause ("for supplying") in a sentence where r's source sanctions.
func allReasons(r graph.Relation, designators map[string]bool) bool {
	for _, ev := range r.Evidence {
		if !designators[r.Source+"\x00"+ev.Sentence] || !strings.HasSuffix(ev.Trigger, "ing") {
			return false
		}
		before := []rune(ev.Sentence)
		k := ev.TriggerStart - ev.Start
		if k < 0 || k > len(before) || !strings.HasSuffix(strings.TrimRight(string(before[:k]), " "), " for") {
			return false
		}
	}
	return true
}

// dropImpliedCountries keeps the most specific place a sentence gives a
// party: "a broker based in Plovdiv, Bulgaria" places the broker in
// Plovdiv, and Plovdiv in Bulgaria; the broker's LOCATED_IN Bulgaria, read from the
// same sentence, only repeats what the two say together. A country the
// party's sentence names on its own stays.
func dropImpliedCountries(x *graph.Extraction) {
	types := map[string]graph.EntityType{}
	for _, e := range x.Entities {
		types[e.ID] = e.Type
	}
	within := map[placeIn]bool{}    // place LOCATED_IN country
	places := map[string][]string{} // party → the places it is in, with the sentence
	for _, r := range x.Relations {
		if r.Type != graph.LocatedIn || types[r.Target] != graph.Location && types[r.Target] != graph.Country {
			continue
		}
		if types[r.Source] == graph.Location && types[r.Target] == graph.Country {
			within[placeIn{r.Source, r.Target}] = true
		}
		if types[r.Target] == graph.Location {
			for _, ev := range r.Evidence {
				places[r.Source] = append(places[r.Source], r.Target+"\x00"+ev.Sentence)
			}
		}
	}
	rels := x.Relations[:0]
	for _, r := range x.Relations {
		if r.Type == graph.LocatedIn && types[r.Target] == graph.Country && types[r.Source] != graph.Location && impliedBy(r, places[r.Source], within) {
			continue
		}
		rels = append(rels, r)
	}
	x.Relations = rels
}

// placeIn is a place and the country it lies in.
type placeIn struct{ place, country string }

// impliedBy reports whether every sentence that places r's source in its
// country also places it in a place within that country.
func impliedBy(r graph.Relation, places []string, within map[placeIn]bool) bool {
	if len(r.Evidence) == 0 {
		return false
	}
	for _, ev := range r.Evidence {
		found := false
		for _, p := range places {
			place, sentence, _ := strings.Cut(p, "\x00")
			if sentence == ev.Sentence && within[placeIn{place, r.Target}] {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// implausible lists the end types a relation type does not join: a
// party does not supply a ship (goods are loaded onto it for a
// consignee, or a ship is sold to its new owner).
var implausible = map[graph.RelationType][][2]graph.EntityType{
	graph.Supplies: {{graph.Organization, graph.Vessel}, {graph.Person, graph.Vessel}, {graph.Country, graph.Vessel}},
}

// dropImplausible removes the relations whose end types their type does
// not join.
func dropImplausible(x *graph.Extraction) {
	types := map[string]graph.EntityType{}
	for _, e := range x.Entities {
		types[e.ID] = e.Type
	}
	rels := x.Relations[:0]
	for _, r := range x.Relations {
		if !slices.Contains(implausible[r.Type], [2]graph.EntityType{types[r.Source], types[r.Target]}) {
			rels = append(rels, r)
		}
	}
	x.Relations = rels
}
