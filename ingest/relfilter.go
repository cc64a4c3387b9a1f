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
	x.Relations = slices.DeleteFunc(x.Relations, func(r graph.Relation) bool {
		if r.Type == graph.MentionedWith || len(r.Evidence) == 0 {
			return false
		}
		return !slices.ContainsFunc(r.Evidence, func(ev graph.Evidence) bool {
			k, found := slices.BinarySearch(starts, ev.TriggerStart)
			return ev.Trigger == "" || !found || asserted(k)
		})
	})
}

// inSentence is an entity and a sentence that evidence gives it in.
type inSentence struct{ entity, sentence string }

// moveDesignatorReasons moves the relations that credit a sanctioning
// authority with the conduct it sanctioned to those it sanctioned: in
// "OFAC designated X in 2024 for supplying engines to Velora" the
// reason's gerund has X as its subject, never OFAC, whichever noun a
// reader took for it. A relation moves when its source sanctions someone
// in the same sentence and its trigger is a gerund of the reason ("for
// supplying", "for raising and moving"); it goes to each party
// sanctioned there when they are few (maxReasonHolders), and is dropped
// otherwise (a long list rarely shares one reason).
func moveDesignatorReasons(x *graph.Extraction) {
	designees := map[inSentence][]string{} // a SANCTIONED source in its sentence → its targets there
	for _, r := range x.Relations {
		if r.Type == graph.Sanctioned {
			for _, ev := range r.Evidence {
				k := inSentence{r.Source, ev.Sentence}
				if !slices.Contains(designees[k], r.Target) {
					designees[k] = append(designees[k], r.Target)
				}
			}
		}
	}
	if len(designees) == 0 {
		return
	}
	var moved []graph.Relation
	x.Relations = slices.DeleteFunc(x.Relations, func(r graph.Relation) bool {
		if r.Type == graph.Sanctioned || r.Type == graph.MentionedWith || len(r.Evidence) == 0 ||
			slices.ContainsFunc(r.Evidence, func(ev graph.Evidence) bool { return !reasonOf(r.Source, ev, designees) }) {
			return false
		}
		ev := r.Evidence[0]
		holders := designees[inSentence{r.Source, ev.Sentence}]
		if len(holders) > maxReasonHolders {
			return true
		}
		for _, h := range holders {
			if h == r.Target {
				continue
			}
			m := graph.Relation{Source: h, Target: r.Target, Type: r.Type, Confidence: r.Confidence, Properties: r.Properties}.Canonical()
			m.Evidence = slices.Clone(r.Evidence)
			moved = append(moved, m)
		}
		return true
	})
	x.Relations = AddReadings(x.Relations, moved)
}

// maxReasonHolders is how many parties sanctioned in one sentence a
// reason clause is given to.
const maxReasonHolders = 3

// reasonOf reports whether ev is a reason clause ("for supplying", "for
// raising and moving") in a sentence where source sanctions.
func reasonOf(source string, ev graph.Evidence, designees map[inSentence][]string) bool {
	if len(designees[inSentence{source, ev.Sentence}]) == 0 || !strings.HasSuffix(ev.Trigger, "ing") {
		return false
	}
	sent := []rune(ev.Sentence)
	k := ev.TriggerStart - ev.Start
	if k < 0 || k > len(sent) {
		return false
	}
	// back from the trigger over the gerunds it is coordinated with
	words := strings.Fields(strings.NewReplacer(",", " ").Replace(string(sent[:k])))
	for n := len(words) - 1; n >= 0 && len(words)-n <= 6; n-- {
		switch w := strings.ToLower(words[n]); {
		case w == "for":
			return true
		case w == "and" || w == "or" || strings.HasSuffix(w, "ing"):
		default:
			return false
		}
	}
	return false
}

// dropImpliedCountries keeps the most specific place a sentence gives a
// party: "a broker based in Plovdiv, Bulgaria" places the broker in
// Plovdiv, and Plovdiv in Bulgaria; the broker's LOCATED_IN Bulgaria, read
// from the same sentence, only repeats what the two say together. A
// country the party's sentence names on its own stays.
func dropImpliedCountries(x *graph.Extraction) {
	types := entityTypes(x)
	within := map[placeIn]bool{}        // place LOCATED_IN country
	places := map[inSentence][]string{} // a party in a sentence → the places it is in there
	for _, r := range x.Relations {
		if r.Type != graph.LocatedIn {
			continue
		}
		switch {
		case types[r.Source] == graph.Location && types[r.Target] == graph.Country:
			within[placeIn{r.Source, r.Target}] = true
		case types[r.Target] == graph.Location:
			for _, ev := range r.Evidence {
				k := inSentence{r.Source, ev.Sentence}
				places[k] = append(places[k], r.Target)
			}
		}
	}
	// every sentence that places the party in the country also places it
	// in a place within that country
	implied := func(r graph.Relation) bool {
		return len(r.Evidence) > 0 && !slices.ContainsFunc(r.Evidence, func(ev graph.Evidence) bool {
			return !slices.ContainsFunc(places[inSentence{r.Source, ev.Sentence}], func(p string) bool { return within[placeIn{p, r.Target}] })
		})
	}
	x.Relations = slices.DeleteFunc(x.Relations, func(r graph.Relation) bool {
		return r.Type == graph.LocatedIn && types[r.Target] == graph.Country && types[r.Source] != graph.Location && implied(r)
	})
}

// placeIn is a place and the country it lies in.
type placeIn struct{ place, country string }

// implausible lists the end types a relation type does not join: a
// party does not supply a ship (goods are loaded onto it for a
// consignee, or a ship is sold to its new owner).
var implausible = map[graph.RelationType][][2]graph.EntityType{
	graph.Supplies: {{graph.Organization, graph.Vessel}, {graph.Person, graph.Vessel}, {graph.Country, graph.Vessel}},
}

// dropImplausible removes the relations whose end types their type does
// not join.
func dropImplausible(x *graph.Extraction) {
	types := entityTypes(x)
	x.Relations = slices.DeleteFunc(x.Relations, func(r graph.Relation) bool {
		return slices.Contains(implausible[r.Type], [2]graph.EntityType{types[r.Source], types[r.Target]})
	})
}

// entityTypes maps x's entity ids to their types.
func entityTypes(x *graph.Extraction) map[string]graph.EntityType {
	types := make(map[string]graph.EntityType, len(x.Entities))
	for _, e := range x.Entities {
		types[e.ID] = e.Type
	}
	return types
}
