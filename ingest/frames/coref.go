package frames

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// Reference classes: which entity types a pronoun or a definite
// description ("the company", "the tanker") may stand for, in order of
// preference.
var (
	pronounTypes = map[string][]graph.EntityType{
		"he": {graph.Person}, "him": {graph.Person}, "his": {graph.Person},
		"she": {graph.Vessel, graph.Person}, "her": {graph.Vessel, graph.Person},
		"it": {graph.Organization, graph.Vessel}, "its": {graph.Organization, graph.Vessel},
		"they": {graph.Organization}, "them": {graph.Organization}, "their": {graph.Organization},
	}
	descriptionTypes = map[string][]graph.EntityType{}
)

func init() {
	for _, w := range []string{"company", "firm", "trader", "broker", "bank", "business", "partnership", "airline",
		"insurer", "manufacturer", "maker", "supplier", "exporter", "importer", "group", "militia", "movement",
		"organisation", "organization", "entity", "operator", "shipper", "agency", "network", "refiner",
		"refinery", "plant", "factory", "subsidiary", "distributor", "front", "consortium", "conglomerate",
		"contractor", "charity", "foundation", "exchange", "office", "unit", "contingent", "corps", "brigade",
		"consignee", "consignor", "buyer", "seller", "recipient", "lender", "forwarder", "wholesaler", "charterer",
		"manager", "owner", "ministry", "department", "directorate", "committee", "navy", "army", "force", "squadron",
		"regiment", "battalion", "division", "enterprise", "holding", "shipyard", "yard", "institute"} {
		descriptionTypes[w] = []graph.EntityType{graph.Organization}
	}
	for _, w := range []string{"tanker", "vessel", "ship", "freighter", "boat", "carrier", "aframax", "suezmax"} {
		descriptionTypes[w] = []graph.EntityType{graph.Vessel}
	}
	for _, w := range []string{"country", "state", "government", "regime"} {
		descriptionTypes[w] = []graph.EntityType{graph.Country}
	}
	for _, w := range []string{"base", "airfield", "port", "facility", "site", "city", "town"} {
		descriptionTypes[w] = []graph.EntityType{graph.Location}
	}
	for _, w := range []string{"man", "woman", "businessman", "businesswoman", "defendant", "financier", "dealer",
		"smuggler", "trafficker", "executive", "director", "founder", "national", "colonel", "general"} {
		descriptionTypes[w] = []graph.EntityType{graph.Person}
	}
}

// corefWindow is how many sentences back a reference may reach.
const corefWindow = 2

// resolveReferences gives pronouns and definite descriptions the entity
// they most likely stand for: the latest entity of a fitting type in this
// or the previous corefWindow sentences, an earlier subject before a later
// non-subject (the topic of a passage is usually its subject).
func (r *reader) resolveReferences() {
	type seen struct {
		e       *graph.Entity
		sent    int
		subject bool
	}
	var recent []seen
	named := make([]*graph.Entity, len(r.ent))
	copy(named, r.ent)
	for i, t := range r.p.Tokens {
		if e := named[i]; e != nil {
			if i == 0 || named[i-1] != e { // once per mention
				dep := t.Dep
				// The head token of the mention carries its role.
				for j := i; j < len(named) && named[j] == e; j++ {
					if r.tok(j).Head < i || r.tok(j).Head >= j+1 || named[r.tok(j).Head] != e {
						dep = r.tok(j).Dep
						break
					}
				}
				recent = append(recent, seen{e: e, sent: t.Sent, subject: dep == "nsubj" || dep == "nsubjpass"})
			}
			continue
		}
		var types []graph.EntityType
		low := strings.ToLower(t.Text)
		switch {
		case t.POS == "PRON" && t.Dep != "expl":
			types = pronounTypes[low]
			if low == "it" && r.expletive(i) {
				types = nil
			}
		case t.POS == "NOUN" && r.definite(i):
			types = descriptionTypes[strings.ToLower(t.Lemma)]
		}
		if len(types) == 0 {
			continue
		}
		var pick *graph.Entity
		// "Halden Marine and its director": a possessive pronoun inside a
		// conjunct stands for the first conjunct.
		if t.Dep == "poss" && len(types) > 0 {
			if n := t.Head; r.tok(n).Dep == "conj" {
				if e := r.ent[r.tok(n).Head]; e != nil && slices.Contains(types, e.Type) {
					pick = e
				}
			}
		}
		for _, want := range types {
			if pick != nil {
				break
			}
			for pass := 0; pass < 2 && pick == nil; pass++ {
				for k := len(recent) - 1; k >= 0; k-- {
					s := recent[k]
					if t.Sent-s.sent > corefWindow {
						break
					}
					if s.e.Type == want && (pass == 1 || s.subject) {
						pick = s.e
						break
					}
				}
			}
			if pick != nil {
				break
			}
		}
		if pick != nil {
			r.ent[i] = pick
		}
	}
}

// definite reports whether noun i is a definite description: "the
// company", "this firm", "his company", "the Shenzhen company", "the
// Indian firm", not "the tanker Star 3" nor "a company" nor "the company's
// owner" (the possessor is the reference there, not the noun).
func (r *reader) definite(i int) bool {
	the := false
	for _, c := range r.kids[i] {
		ct := r.tok(c)
		switch ct.Dep {
		case "det":
			l := strings.ToLower(ct.Text)
			the = l == "the" || l == "this" || l == "that"
		case "poss":
			if ct.POS != "PRON" {
				return false
			}
			the = true
		case "compound", "amod":
			// a place or nationality narrows the description; a name
			// after the noun ("the tanker Star 3") is the name itself
			// ("the Czech firm"); a lower-case one only a thing, never a
			// role ("the 2006-built ship", not "the managing director")
			if c > i || !startsUpper(ct.Text) && (ct.Dep == "compound" || personDescription(r.tok(i).Lemma)) {
				return false
			}
		case "appos", "nmod", "nummod":
			return false
		}
	}
	return the
}

func personDescription(lemma string) bool {
	return slices.Contains(descriptionTypes[strings.ToLower(lemma)], graph.Person)
}

func startsUpper(s string) bool {
	r := []rune(s)
	return len(r) > 0 && unicode.IsUpper(r[0])
}

// expletive reports an "it" that stands for nothing ("it is unclear
// whether", "it emerged that").
func (r *reader) expletive(i int) bool {
	h := r.tok(i).Head
	for _, c := range r.kids[h] {
		if d := r.tok(c).Dep; d == "ccomp" || d == "xcomp" && r.tok(h).Lemma == "be" {
			return true
		}
	}
	return false
}

// References returns the pronouns and definite descriptions of p that
// stand for an entity of mentions, as mentions of that entity (one token
// each), merged with mentions in text order. The classifier pairs them
// like names: "Its director, Ali Demir" relates Ali Demir to the company
// "its" stands for.
func References(p *nlp.Doc, mentions []Mention) []Mention {
	r := newReader(p, mentions)
	named := slices.Clone(r.ent)
	r.resolveReferences()
	out := make([]Mention, 0, len(mentions))
	out = append(out, mentions...)
	for i, e := range r.ent {
		if e != nil && named[i] == nil {
			out = append(out, Mention{Entity: e, Start: p.Tokens[i].Start, End: p.Tokens[i].End, Reference: true})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}
