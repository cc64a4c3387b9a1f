package extract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nexus-graph/nexus/graph"
)

// Extractor finds entities and typed relations in text. It is immutable
// after construction and safe for concurrent use.
type Extractor struct {
	trie *trieNode
	ents []gEnt
	// triggers maps a lexicon verb or noun (lower case) to the relation
	// classes it may carry, as the classifier names them.
	triggers map[string][]string
	// unlisted names the curated entities read but not reported.
	unlisted map[string]bool

	abbrev, sentStarters, stop, months, days, given            map[string]bool
	orgCues, eventCues, eventPrefixes, locCues, vesselPrefixes map[string]bool
	acroStop                                                   map[string]bool
	locPrefixes, locPreps, titles                              map[string]int // lower phrase → token count
	leaderTitles                                               map[string]bool
	titleOpeners                                               map[string]bool // first words of multi-word leader titles
	vesselCues                                                 map[string]bool
	lightVerbs, copulas, aux, control, neg                     map[string]bool
	personnel, support, orgHeads, partHeads, locatedHeads      map[string]bool
	defence                                                    map[string]bool

	countryOf map[string]string // curated entity → its state
	nonState  map[string]bool   // curated armed groups and movements, not part of their state

	personNouns, money, groupCoref map[string]bool

	rules []cRule
	verbs map[string][]verbRef
	nouns map[string][]nounRef // by first word
	sym   map[string][]nounRef // symmetric nouns by first word (rule = -1, typ set)
}

type cRule struct {
	typ          graph.RelationType
	name         string
	reverse      bool
	passiveOnly  bool
	srcTypes     map[graph.EntityType]bool
	tgtTypes     map[graph.EntityType]bool
	verbPreps    map[string]bool
	nounPreps    map[string]bool
	partnerNouns map[string]bool
	defence      map[string]bool
	conf         float64
}

type verbRef struct {
	rule       int
	participle bool
	gerund     bool
}

type nounRef struct {
	rule  int
	typ   graph.RelationType // for symmetric nouns
	words []string
	lemma string
}

// Triggers returns, per lexicon verb or noun in lower case, the relation
// classes it may carry: the type, then ">" when its subject or holder is
// the source, "<" when it is the target ("buy from"). The learned reader
// uses them to generalise from a trigger it was trained on to the others
// of its class.
func (x *Extractor) Triggers() map[string][]string { return x.triggers }

func compile(g *gazetteerFile, l *lexiconFile) (*Extractor, error) {
	x := &Extractor{trie: &trieNode{}, triggers: map[string][]string{}}
	for _, r := range l.Relations {
		class := r.Type + ">"
		if r.Reverse {
			class = r.Type + "<"
		}
		for _, w := range append(append([]string(nil), r.Verbs...), r.Nouns...) {
			w = strings.ToLower(w)
			if !slices.Contains(x.triggers[w], class) {
				x.triggers[w] = append(x.triggers[w], class)
			}
		}
	}
	x.abbrev = exactSet(l.Abbreviations)
	x.stop = exactSet(l.StopWords)
	x.sentStarters = exactSet([]string{"The", "This", "That", "These", "Those", "It", "Its", "He", "She", "His", "Her", "They",
		"Their", "We", "In", "On", "At", "But", "And", "However", "A", "An", "If", "When", "While", "As", "After", "Before",
		"Since", "Meanwhile", "According", "Officials", "There", "Both", "Some", "Many", "Such"})
	x.months = exactSet(l.Months)
	x.days = exactSet(l.Days)
	x.given = exactSet(g.GivenNames)
	x.orgCues = exactSet(l.OrgCues)
	x.eventCues = exactSet(l.EventCues)
	x.eventPrefixes = exactSet(l.EventPrefixes)
	x.locCues = exactSet(l.LocationCues)
	x.vesselPrefixes = exactSet(l.VesselPrefixes)
	x.acroStop = exactSet(l.AcronymStoplist)
	x.locPrefixes = phraseSet(l.LocationPrefixes)
	x.locPreps = phraseSet(l.LocationPreps)
	x.titles = phraseSet(l.Titles.Leader, l.Titles.Other)
	x.leaderTitles = lowerSet(l.Titles.Leader)
	x.titleOpeners = map[string]bool{}
	for t := range x.leaderTitles {
		if f := strings.Fields(t); len(f) > 1 {
			x.titleOpeners[f[0]] = true
		}
	}
	x.vesselCues = lowerSet(l.VesselCues)
	x.copulas = lowerSet(l.Copulas)
	x.aux = lowerSet(l.Auxiliaries)
	x.control = lowerSet(l.ControlWords)
	x.neg = lowerSet(l.Negations)
	x.personnel = lowerSet(l.PersonnelNouns)
	x.support = lowerSet(l.SupportNouns)
	x.personNouns = lowerSet(l.PersonNouns)
	x.money = lowerSet(l.MoneyNouns)
	x.groupCoref = lowerSet(l.GroupCorefs)
	x.orgHeads = lowerSet(pluralAll(l.OrgHeads))
	x.partHeads = lowerSet(pluralAll(l.PartHeads))
	x.locatedHeads = lowerSet(pluralAll(l.LocatedHeads))
	x.lightVerbs = map[string]bool{}
	for _, v := range l.LightVerbs {
		for _, f := range inflectVerb(strings.ToLower(v)) {
			x.lightVerbs[f] = true
		}
	}
	for _, f := range []string{"made", "had", "kept", "gave", "given", "built", "sought", "drew", "drawn"} {
		x.lightVerbs[f] = true
	}
	x.defence = map[string]bool{}
	x.countryOf = map[string]string{}
	x.nonState = map[string]bool{}
	x.unlisted = map[string]bool{}

	// curated entities
	add := func(list []gazEntry, typ graph.EntityType) {
		for _, e := range list {
			t := typ
			if e.Type != "" {
				t, _ = graph.ParseEntityType(e.Type)
			}
			id := len(x.ents)
			x.ents = append(x.ents, gEnt{name: normQuotes(strings.TrimSpace(e.Name)), typ: t, country: e.Country})
			if e.Unlisted {
				x.unlisted[x.ents[id].name] = true
			}
			if e.Country != "" {
				x.countryOf[x.ents[id].name] = e.Country
			}
			if e.NonState {
				x.nonState[x.ents[id].name] = true
			}
			surfaces := append([]string{e.Name}, e.Aliases...)
			if t == graph.Item {
				var more []string
				for _, s := range surfaces {
					more = append(more, singularize(s)...)
				}
				surfaces = append(surfaces, more...)
			}
			for _, s := range surfaces {
				x.addPattern(id, kName, s)
			}
			for _, d := range e.Demonyms {
				x.addPattern(id, kDemonym, d)
				if last := d[len(d)-1]; last == 'n' || last == 'i' {
					x.addPattern(id, kDemonym, d+"s")
				}
			}
			for _, c := range e.Capitals {
				x.addPattern(id, kCapital, c)
			}
		}
	}
	add(g.Countries, graph.Country)
	add(g.Organizations, graph.Organization)
	add(g.People, graph.Person)
	add(g.Locations, graph.Location)
	add(g.Events, graph.Event)
	add(g.Items, graph.Item)
	add(g.Vessels, graph.Vessel)
	add(g.Entities, "")

	// relation rules
	x.verbs = map[string][]verbRef{}
	x.nouns = map[string][]nounRef{}
	x.sym = map[string][]nounRef{}
	for i, r := range l.Relations {
		t, _ := graph.ParseRelationType(r.Type)
		cr := cRule{typ: t, name: r.Name, reverse: r.Reverse, passiveOnly: r.PassiveOnly, conf: r.Confidence,
			srcTypes: typeSet(r.SourceTypes), tgtTypes: typeSet(r.TargetTypes),
			verbPreps: lowerSet(r.VerbPreps), nounPreps: lowerSet(r.NounPreps),
			partnerNouns: lowerSet(pluralAll(r.PartnerNouns)), defence: lowerSet(r.DefenceVerbs)}
		if cr.name == "" {
			cr.name = strings.ToLower(string(t))
		}
		if cr.conf == 0 {
			cr.conf = 0.6
		}
		for _, d := range r.DefenceVerbs {
			for _, f := range inflectVerb(strings.ToLower(d)) {
				x.defence[f] = true
			}
		}
		x.rules = append(x.rules, cr)
		for _, v := range r.Verbs {
			v = strings.ToLower(v)
			for _, f := range inflectVerb(v) {
				ref := verbRef{rule: i, participle: strings.HasSuffix(f, "ed"), gerund: strings.HasSuffix(f, "ing")}
				x.verbs[f] = appendVerb(x.verbs[f], ref)
			}
		}
		for _, f := range r.Forms {
			f = strings.ToLower(f)
			x.verbs[f] = appendVerb(x.verbs[f], verbRef{rule: i, participle: true})
		}
		for _, n := range r.Nouns {
			n = strings.ToLower(n)
			for _, f := range pluralPhrase(n) {
				ws := strings.Fields(f)
				x.nouns[ws[0]] = append(x.nouns[ws[0]], nounRef{rule: i, words: ws, lemma: n})
			}
		}
	}
	for k, list := range l.SymmetricNouns {
		t, _ := graph.ParseRelationType(k)
		for _, n := range list {
			n = strings.ToLower(n)
			for _, f := range pluralPhrase(n) {
				ws := strings.Fields(f)
				x.sym[ws[0]] = append(x.sym[ws[0]], nounRef{rule: -1, typ: t, words: ws, lemma: n})
			}
		}
	}
	if len(x.ents) == 0 {
		return nil, fmt.Errorf("gazetteer.yaml: no entities")
	}
	return x, nil
}

func appendVerb(list []verbRef, r verbRef) []verbRef {
	for k, q := range list {
		if q.rule == r.rule {
			// a form listed explicitly ("run", "put") is also a participle
			list[k].participle = q.participle || r.participle
			return list
		}
	}
	return append(list, r)
}

func typeSet(list []string) map[graph.EntityType]bool {
	if len(list) == 0 {
		return nil
	}
	m := map[graph.EntityType]bool{}
	for _, s := range list {
		t, _ := graph.ParseEntityType(s)
		m[t] = true
	}
	return m
}

func phraseSet(lists ...[]string) map[string]int {
	m := map[string]int{}
	for _, l := range lists {
		for _, p := range l {
			p = strings.ToLower(normQuotes(p))
			m[p] = len(strings.Fields(p))
		}
	}
	return m
}

func pluralAll(list []string) []string {
	var out []string
	for _, w := range list {
		out = append(out, pluralPhrase(strings.ToLower(w))...)
	}
	return out
}

// pluralPhrase pluralises the first word of "campaign against" style nouns
// or the last word otherwise.
func pluralPhrase(p string) []string {
	ws := strings.Fields(p)
	if len(ws) == 0 {
		return nil
	}
	if len(ws) == 2 && (ws[1] == "against" || ws[1] == "on") {
		var out []string
		for _, f := range pluralize(ws[0]) {
			out = append(out, f+" "+ws[1])
		}
		return out
	}
	head := strings.Join(ws[:len(ws)-1], " ")
	var out []string
	for _, f := range pluralize(ws[len(ws)-1]) {
		if head != "" {
			f = head + " " + f
		}
		out = append(out, f)
	}
	return out
}
