package extract

import (
	"strings"

	"github.com/nexus-graph/nexus/graph"
)

type utag uint8

const (
	uM     utag = iota // entity mention
	uW                 // other word
	uP                 // preposition
	uC                 // conjunction
	uR                 // relative pronoun
	uD                 // determiner / possessive pronoun
	uPos               // possessive marker
	uV                 // verb-like (aux, copula, trigger verb, light verb, -ed form)
	uPunct             // punctuation
)

// unit is a mention or a single token.
type unit struct {
	s, e int
	m    int // mention index or -1
	low  string
	tag  utag
}

var prepositions = map[string]bool{"of": true, "in": true, "on": true, "at": true, "to": true, "for": true, "with": true, "by": true,
	"from": true, "against": true, "into": true, "via": true, "through": true, "during": true, "since": true, "after": true,
	"before": true, "over": true, "under": true, "between": true, "among": true, "near": true, "about": true, "across": true,
	"toward": true, "towards": true, "within": true, "without": true, "despite": true, "amid": true, "including": true,
	"per": true, "upon": true, "onto": true, "around": true, "behind": true, "beyond": true, "throughout": true, "until": true,
	"as": true, "off": true, "than": true, "like": true, "outside": true, "inside": true, "alongside": true, "beside": true,
	"aboard": true, "along": true}
var conjunctions = map[string]bool{"and": true, "or": true, "but": true, "nor": true, "while": true, "although": true,
	"though": true, "because": true, "whereas": true, "if": true, "unless": true, "so": true, "even": true, "yet": true, "when": true}
var relPronouns = map[string]bool{"which": true, "who": true, "whom": true, "whose": true, "that": true}
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "these": true, "those": true, "its": true,
	"his": true, "her": true, "their": true, "our": true, "my": true, "your": true, "some": true, "any": true, "each": true,
	"every": true, "both": true, "all": true, "no": true, "another": true, "such": true, "it": true, "they": true, "he": true,
	"she": true, "we": true, "them": true, "him": true}
var hedges = map[string]bool{"could": true, "may": true, "might": true, "potential": true, "alleged": true, "allegedly": true,
	"reportedly": true, "suspected": true, "possible": true, "possibly": true, "likely": true, "reported": true}
var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true, "get": true, "got": true}

// rel is one relation found in a sentence.
type rel struct {
	src, tgt   string
	typ        graph.RelationType
	rule       string
	conf       float64
	trigS      int // rune offsets of the trigger (document)
	trigE      int
	items      []string
	hasTrigger bool
}

// sctx holds one sentence under analysis.
type sctx struct {
	d     *docState
	si    int
	toks  []token
	ms    []mention
	units []unit
	rels  []rel
	trig  []int    // rule index per unit for verb triggers (-1 none)
	ntrig []int    // rule index per unit for noun triggers (-1 none)
	nlen  []int    // noun trigger length in units
	ext   []string // referents outside the sentence (coreference)
}

// contractedIs are the words after which "'s" is "is", not a possessive.
var contractedIs = map[string]bool{"it": true, "he": true, "she": true, "that": true, "there": true, "what": true, "who": true, "here": true, "this": true}

func (d *docState) buildUnits(toks []token, ms []mention) []unit {
	var us []unit
	mi := 0
	for i := 0; i < len(toks); {
		if mi < len(ms) && ms[mi].s == i {
			us = append(us, unit{s: i, e: ms[mi].e, m: mi, tag: uM})
			i = ms[mi].e
			mi++
			continue
		}
		t := toks[i]
		// quotes around a name ("made by "Nemanoptic"") are not part of
		// the phrase structure
		if isQuote(t.text) && (mi < len(ms) && ms[mi].s == i+1 || mi > 0 && ms[mi-1].e == i) {
			i++
			continue
		}
		u := unit{s: i, e: i + 1, m: -1, low: t.lower}
		// "X (ACR) – Yangon-based importer", "X — subsidiary of Y": a
		// spaced dash after a name opens an apposition, like a comma
		if (t.text == "–" || t.text == "—") && t.space && len(us) > 0 && (us[len(us)-1].tag == uM || us[len(us)-1].low == ")") {
			u.low = ","
		}
		switch {
		case t.text == "=" && len(us) > 0 && us[len(us)-1].tag == uM:
			// note-taking: "VBT = Malta-registered trader"
			u.tag, u.low = uV, "is"
		case t.text == "'s" && i > 0 && contractedIs[toks[i-1].lower]:
			// "It's run by", "He's the director": a contracted "is"
			u.tag, u.low = uV, "is"
		case isPossessive(toks, i):
			u.tag = uPos
		case t.kind == tPunct:
			u.tag = uPunct
		case prepositions[t.lower]:
			u.tag = uP
		case conjunctions[t.lower]:
			u.tag = uC
		case relPronouns[t.lower]:
			u.tag = uR
		case determiners[t.lower]:
			u.tag = uD
		case d.x.aux[t.lower] || d.x.copulas[t.lower] || d.x.lightVerbs[t.lower]:
			u.tag = uV
		default:
			u.tag = uW
		}
		us = append(us, u)
		i++
	}
	// verb-ish -ed forms and trigger verbs; skip those right after a determiner
	for k := range us {
		u := &us[k]
		// "this show of support": a light verb after a determiner is a noun
		if u.tag == uV && k > 0 && (us[k-1].tag == uD || us[k-1].tag == uPos) && d.x.lightVerbs[u.low] && !d.x.aux[u.low] && !d.x.copulas[u.low] {
			u.tag = uW
		}
		if u.tag != uW {
			continue
		}
		prevDet := k > 0 && (us[k-1].tag == uD || us[k-1].tag == uPos)
		if prevDet {
			continue
		}
		// "long-standing": the tail of a hyphenated compound
		if k > 0 && us[k-1].low == "-" && !toks[u.s].space && strings.HasSuffix(u.low, "ing") {
			continue
		}
		// "a Lebanese armed group": an -ed form between a demonym and a
		// common noun is an adjective, not a verb
		if k > 0 && k+1 < len(us) && us[k-1].tag == uM && (ms[us[k-1].m].kind == kDemonym || ms[us[k-1].m].typ == graph.Item) && (us[k+1].tag == uW || us[k+1].tag == uM && ms[us[k+1].m].typ == graph.Item) && strings.HasSuffix(u.low, "ed") {
			continue
		}
		if _, ok := d.x.verbs[u.low]; ok && strings.HasSuffix(u.low, "ed") || strings.HasSuffix(u.low, "ing") && ok {
			u.tag = uV
			continue
		}
		if len(u.low) > 4 && strings.HasSuffix(u.low, "ed") && !toks[u.s].cap {
			u.tag = uV
		}
	}
	return us
}

func (c *sctx) isNP(i int) bool {
	if i < 0 || i >= len(c.units) {
		return false
	}
	u := c.units[i]
	switch u.tag {
	case uM, uW, uD, uPos:
		return true
	case uPunct:
		return u.low == "-" && !c.toks[u.s].space
	case uV:
		// "the Comoros-flagged X", "an Iran-backed group": the participle
		// of a compound adjective stays inside the noun phrase
		if i > 0 && c.units[i-1].low == "-" && !c.toks[c.units[i-1].s].space && !c.toks[u.s].space && strings.HasSuffix(u.low, "ed") {
			return true
		}
		// "a trading house", "the shipping agent": a gerund between a
		// determiner and a noun modifies the noun
		if !strings.HasSuffix(u.low, "ing") || i == 0 || i+1 >= len(c.units) || c.units[i+1].tag != uW {
			return false
		}
		if c.units[i-1].tag == uD {
			return true
		}
		// "a Minsk trading house", "a small shipping firm": after a
		// modifier, only before an organisation or place head noun
		x, next := c.d.x, c.units[i+1].low
		return (c.units[i-1].tag == uM || c.units[i-1].tag == uW) && (x.orgHeads[next] || x.locatedHeads[next] || x.partHeads[next])
	}
	return false
}

func (c *sctx) npLeft(j int) int {
	k := j
	for k-1 >= 0 && c.isNP(k-1) {
		k--
	}
	return k
}

func (c *sctx) npRight(i int) int {
	k := i
	for k < len(c.units) && c.isNP(k) {
		k++
	}
	return k
}

func (c *sctx) ment(i int) *mention { return &c.ms[c.units[i].m] }

func (c *sctx) typ(i int) graph.EntityType { return c.ms[c.units[i].m].typ }

// heads resolves the entity an NP units[s:e] refers to. common reports a
// common-noun head (the entity is then a possessor or modifier).
func (c *sctx) heads(s, e int) (hs []int, common bool) {
	if s >= e {
		return nil, false
	}
	// "Since 2017 the company ...": an article after a word opens the
	// phrase
	for q := e - 1; q > s; q-- {
		if l := c.units[q].low; (l == "the" || l == "a" || l == "an" || l == "both") && (c.units[q-1].tag == uW || c.units[q-1].tag == uM) && !quantityWords[c.units[q-1].low] {
			s = q
			break
		}
	}
	last := e - 1
	// "ORLOV's company has been paid": the one organisation named after
	// the person, when the document names it
	if p := e - 3; p >= s && c.units[p].tag == uM && c.typ(p) == graph.Person && c.units[p+1].tag == uPos && (c.units[last].low == "company" || c.units[last].low == "firm" || c.units[last].low == "business") {
		if o := c.orgNamedAfter(c.ment(p).ent); o != "" {
			return []int{-2 - c.extMention(o)}, false
		}
	}
	// "the Syrian was designated": a singular demonym used as a noun is a
	// person of that country, not the state
	if e-s == 2 && c.units[s].low == "the" && c.units[last].tag == uM && c.ment(last).kind == kDemonym && !strings.HasSuffix(c.toks[c.units[last].e-1].lower, "s") {
		if p := c.personCoref(c.units[s].s); p != "" {
			return []int{-2 - c.extMention(p)}, true
		}
		return nil, true
	}
	if c.units[last].tag == uM {
		// "the Shahed-136 one-way attack drone": a named model before a
		// generic item is the referent
		if c.typ(last) == graph.Item {
			for k := s; k < last; k++ {
				if c.units[k].tag == uM && c.typ(k) == graph.Item && c.toks[c.units[k].s].cap {
					return []int{k}, false
				}
			}
		}
		return []int{last}, false
	}
	// common-noun head
	lastM, lastItem := -1, -1
	for k := s; k < e; k++ {
		if c.units[k].tag == uM {
			if c.typ(k) == graph.Item {
				lastItem = k
			} else {
				lastM = k
			}
		}
	}
	if lastM < 0 {
		lastM = lastItem
		// "a shell company", "an arms firm": an item modifying an organisation noun
		if lastM >= 0 && (c.d.x.orgHeads[c.units[last].low] || c.d.x.locatedHeads[c.units[last].low]) {
			lastM = -1
		}
	}
	if lastM >= 0 {
		m := c.ment(lastM)
		// "the Lebanese Shiite organization": demonym + org head → that state's organisation
		if m.kind == kDemonym && c.d.x.orgHeads[c.units[last].low] {
			if o := c.orgCoref(m.ent, c.units[lastM].s); o != "" {
				return []int{-2 - c.extMention(o)}, true
			}
			return nil, true
		}
		// "Lebanese customs officers", "Turkish authorities": agents of a
		// state act for the state
		if m.kind == kDemonym && stateAgents[c.units[last].low] {
			return []int{lastM}, false
		}
		// "a Lebanese businessman", "Russian mercenaries": the state is a modifier of people
		if m.kind == kDemonym && (c.d.x.personNouns[c.units[last].low] || c.d.x.personnel[c.units[last].low]) && c.units[last].low != "forces" {
			if e+1 < len(c.units) && c.units[e].low == "of" && c.isNP(e+1) {
				if hs, com := c.heads(e+1, c.npRight(e+1)); len(hs) > 0 && !com {
					return hs, false
				}
			}
			if c.units[s].tag == uD && c.units[s].low != "the" {
				return nil, true
			}
			// "the Lebanese businessman": the person last named
			if c.units[s].low == "the" && c.d.x.personNouns[c.units[last].low] {
				if p := c.personCoref(c.units[s].s); p != "" {
					return []int{-2 - c.extMention(p)}, true
				}
				return nil, true
			}
		}
		return []int{lastM}, true
	}
	// "Both belong to Y", "the two companies": the pair last named together
	if hs := c.pairCoref(s, e); hs != nil {
		return hs, true
	}
	// "the vessel" → the vessel last named; "the rebels" → the group last
	// named; "that company" → the company last named
	if (c.units[s].low == "the" || c.units[s].low == "that" || c.units[s].low == "this") && e-s <= 3 {
		head := c.units[last].low
		// a term the document defined: ("Kestrel" or "the Company")
		if o := c.d.defined["the "+head]; o != "" && e-s == 2 {
			return []int{-2 - c.extMention(o)}, true
		}
		if c.d.x.vesselCues[head] {
			if v := c.recent(graph.Vessel, c.units[s].s, true); v != "" {
				return []int{-2 - c.extMention(v)}, true
			}
		}
		// "the plant" after "Kupol Electromechanical Plant", "that company"
		// after "Baharan Tejarat Company", "the Committee" after "the 1718
		// Committee": a name ending in the head noun
		if c.d.x.groupCoref[head] || head == "company" || head == "firm" || e-s == 2 && c.d.x.orgCues[c.toks[c.units[last].s].text] && c.toks[c.units[last].s].cap {
			if v := c.namedByHead(head, c.units[s].s, c.units[s].low != "the"); v != "" {
				return []int{-2 - c.extMention(v)}, true
			}
		}
		// "the subject's UBO", "payments to the subject": the record's subject
		if head == "subject" && e-s == 2 && c.d.recordName != "" && c.si-c.d.recordSent <= 30 {
			return []int{-2 - c.extMention(c.d.recordName)}, true
		}
		if head == "company" || head == "firm" {
			// "The company is controlled by X": the company last named as a
			// head (not a possessor "of the X"), or the record's subject
			if r := c.d.recordName; r != "" && c.d.recordType == graph.Organization && c.si-c.d.recordSent <= 8 {
				return []int{-2 - c.extMention(r)}, true
			}
			if v := c.recentHead(graph.Organization); v != "" {
				if c.d.corefs == nil {
					c.d.corefs = map[int]map[string]bool{}
				}
				if c.d.corefs[c.si] == nil {
					c.d.corefs[c.si] = map[string]bool{}
				}
				c.d.corefs[c.si][v] = true
				return []int{-2 - c.extMention(v)}, true
			}
			return nil, true
		}
		if c.d.x.groupCoref[head] {
			// "the rebels", "the group": not a state's command or ministry;
			// this sentence first ("an embargo on the Houthis ..., and the
			// United States re-designated the group")
			if v := c.recentWhere(graph.Organization, companyLike, c.units[s].s); v != "" {
				return []int{-2 - c.extMention(v)}, true
			}
		}
	}
	// "Designation reason: Crude oil tanker operated by X": a reason that
	// opens with a common noun phrase describes the record's subject
	if r := c.d.recordName; r != "" && s > 0 && c.units[s-1].low == ":" && c.si-c.d.recordSent <= 12 {
		if l := c.fieldLabel(); strings.Contains(l, "reason") || l == "grounds" {
			return []int{-2 - c.extMention(r)}, false
		}
	}
	// personal pronouns: "He was sanctioned by ..." → the person last
	// named; "she" is a ship when a ship was named after any person
	if e-s == 1 && (c.units[s].low == "he" || c.units[s].low == "she" || c.units[s].low == "him" || c.units[s].low == "her") {
		if c.units[s].low == "she" || c.units[s].low == "her" {
			if v := c.vesselCoref(c.units[s].s); v != "" {
				return []int{-2 - c.extMention(v)}, false
			}
		}
		if p := c.personCoref(c.units[s].s); p != "" {
			return []int{-2 - c.extMention(p)}, false
		}
	}
	// "It sold engines to Y", "They ship through Dubai": a subject pronoun
	// at the start of a clause stands for the organisation the previous
	// sentence was about
	// "X bought chips, which it resold to Y": the main clause's subject
	if e-s == 1 && (c.units[s].low == "it" || c.units[s].low == "they") && s >= 1 && (c.units[s-1].low == "which" || c.units[s-1].low == "that") {
		for k := 0; k < s-1; k++ {
			if c.units[k].tag == uM && (c.typ(k) == graph.Organization || c.typ(k) == graph.Country) {
				return []int{k}, false
			}
			if c.units[k].tag == uV {
				break
			}
		}
	}
	// ("..., and they also sell to Y": a clause joined by and/but)
	if e-s == 1 && (c.units[s].low == "it" || c.units[s].low == "they") && (s == 0 || s == 1 && c.units[0].tag == uC ||
		s >= 1 && (c.units[s-1].low == "and" || c.units[s-1].low == "but") && (s < 2 || c.units[s-2].low == ",")) {
		if o := c.clauseTopic(); o != "" {
			return []int{-2 - c.extMention(o)}, false
		}
	}
	// pronoun possessives
	for k := s; k < e; k++ {
		switch c.units[k].low {
		case "his", "her":
			if p := c.personCoref(c.units[k].s); p != "" {
				return []int{-2 - c.extMention(p)}, true
			}
		}
	}
	return nil, true
}

// describedName reads a common noun phrase units[s:e] followed by the name
// it describes: "a man named X", "a forwarder called X", "a distributor
// in Istanbul, X", "a trading house in Salalah called X". It returns the
// name's unit and the place's unit (-1 when none), or -1.
func (c *sctx) describedName(s, e int) (name, place int) {
	us := c.units
	if s >= e || us[s].tag != uD || e >= len(us) {
		return -1, -1
	}
	k := e
	place = -1
	the := 0 // "in the Urals"
	if k+2 < len(us) && (us[k].low == "in" || us[k].low == "from") && us[k+1].low == "the" {
		the = 1
	}
	if k+1+the < len(us) && (us[k].low == "in" || us[k].low == "from") && us[k+1+the].tag == uM && (c.typ(k+1+the) == graph.Location || c.typ(k+1+the) == graph.Country) {
		place = k + 1 + the
		k += 2 + the
		// "in Salalah, in Oman", "in Almaty, Kazakhstan,": a second, wider place
		if k+2 < len(us) && us[k].low == "," && us[k+1].low == "in" && us[k+2].tag == uM && c.typ(k+2) != graph.Organization {
			k += 3
		} else if k+2 < len(us) && us[k].low == "," && us[k+1].tag == uM && c.typ(k+1) == graph.Country && us[k+2].low == "," {
			k += 2
		}
	}
	switch {
	case k+1 < len(us) && (us[k].low == "named" || us[k].low == "called") && us[k+1].tag == uM:
		return k + 1, place
	case place >= 0 && k+1 < len(us) && us[k].low == "," && us[k+1].tag == uM && c.typ(k+1) != graph.Location && c.typ(k+1) != graph.Country &&
		(k+2 >= len(us) || us[k+2].tag == uPunct || us[k+2].tag == uR || us[k+2].tag == uV):
		return k + 1, place
	}
	return -1, -1
}

// stateAgents are the nouns for a state's own agencies and officials.
var stateAgents = map[string]bool{"authorities": true, "officials": true, "customs": true, "police": true, "government": true,
	"navy": true, "coastguard": true, "investigators": true, "prosecutors": true, "regulators": true, "diplomats": true,
	"ministry": true, "intelligence": true, "officers": true, "forces": true, "troops": true, "soldiers": true, "military": true,
	"army": true, "warplanes": true, "jets": true, "aircraft": true}

// extMention registers an out-of-sentence referent as a pseudo mention and
// returns its index in c.ext (encoded as -2-idx in unit lists).
func (c *sctx) extMention(name string) int {
	c.ext = append(c.ext, name)
	return len(c.ext) - 1
}

func (c *sctx) orgCoref(country string, before int) string {
	d := c.d
	check := func(ms []mention, lim int) string {
		for k := len(ms) - 1; k >= 0; k-- {
			m := ms[k]
			if m.s >= lim || m.typ != graph.Organization {
				continue
			}
			if d.x.countryOf[m.ent] == country {
				return m.ent
			}
		}
		return ""
	}
	if o := check(c.ms, before); o != "" {
		return o
	}
	for k := c.si - 1; k >= 0 && k >= c.si-3; k-- {
		if o := check(d.ment[k], 1<<30); o != "" {
			return o
		}
	}
	return ""
}

// namedByHead returns the organisation named last (in the three sentences
// before, or in this one before token `before` when sameSentence) whose
// name ends in the noun head ("plant" → "Kupol Electromechanical Plant"),
// or "".
func (c *sctx) namedByHead(head string, before int, sameSentence bool) string {
	match := func(m mention) bool {
		if m.typ != graph.Organization {
			return false
		}
		name := strings.ToLower(m.ent)
		return strings.HasSuffix(name, " "+head) || strings.HasSuffix(name, " "+head+"s")
	}
	if sameSentence {
		for k := len(c.ms) - 1; k >= 0; k-- {
			if c.ms[k].s < before && match(c.ms[k]) {
				return c.ms[k].ent
			}
		}
	}
	for k := c.si - 1; k >= 0 && k >= c.si-3; k-- {
		ms := c.d.ment[k]
		for j := len(ms) - 1; j >= 0; j-- {
			if match(ms[j]) {
				return ms[j].ent
			}
		}
	}
	return ""
}

// descriptiveField reports a "Label: ..." line about the current record
// whose label names no relation of its own ("Adverse media:", "Notes:").
func (c *sctx) descriptiveField() bool {
	d := c.d
	if d.recordName == "" || c.si-d.recordSent > 12 {
		return false
	}
	label := c.fieldLabel()
	return label != "" && roleOfHeader(label) == colNone && !bareHeadLabels[label] && !recordHeadLabel(label)
}

// authorOrg returns the organisation a document speaks for, when it
// defines itself in its first sentences ("Kestrel Group Ltd ("Kestrel",
// "we" or "the Company")"), or "".
func (c *sctx) authorOrg() string {
	d := c.d
	o := d.defined["we"]
	if o == "" {
		o = d.defined["the company"]
	}
	if o == "" {
		return ""
	}
	for k := 0; k < len(d.ment) && k <= 2; k++ {
		for _, m := range d.ment[k] {
			if m.ent == o {
				return o
			}
		}
	}
	return ""
}

// pairNouns give the type of the pair in "the two companies", "both states".
var pairNouns = map[string]graph.EntityType{"companies": graph.Organization, "firms": graph.Organization,
	"groups": graph.Organization, "organisations": graph.Organization, "organizations": graph.Organization,
	"banks": graph.Organization, "entities": graph.Organization, "countries": graph.Country, "states": graph.Country,
	"governments": graph.Country, "nations": graph.Country, "men": graph.Person, "brothers": graph.Person,
	"individuals": graph.Person, "vessels": graph.Vessel, "ships": graph.Vessel, "tankers": graph.Vessel}

// pairCoref resolves "both", "the two", "the two companies", "both states"
// (units[s:e]) to the two entities of one type last named together in one
// sentence (this one before the phrase, or the two before it), or nil.
func (c *sctx) pairCoref(s, e int) []int {
	us := c.units
	typ := graph.EntityType("")
	switch {
	case e-s == 1 && us[s].low == "both":
		// "Both belong to", "Both were designated" (not "both to move ...
		// and to supply", "both X and Y")
		if e >= len(us) || us[e].tag != uV {
			return nil
		}
	case e-s == 2 && us[s].low == "the" && us[s+1].low == "two":
	case e-s == 2 && (us[s].low == "both" || us[s].low == "two"):
		typ = pairNouns[us[s+1].low]
	case e-s == 3 && us[s].low == "the" && us[s+1].low == "two":
		typ = pairNouns[us[s+2].low]
	default:
		return nil
	}
	if e-s >= 2 && us[e-1].low != "two" && typ == "" {
		return nil
	}
	before := us[s].s
	for k := c.si; k >= 0 && k >= c.si-2; k-- {
		ms := c.d.ment[k]
		if k == c.si {
			ms = c.ms
		}
		var pair []string
		var first graph.EntityType
		for j := len(ms) - 1; j >= 0 && len(pair) < 2; j-- {
			m := ms[j]
			if k == c.si && m.s >= before || m.typ == graph.Item || m.typ == graph.Location || m.typ == graph.Event {
				continue
			}
			if typ != "" && m.typ != typ || len(pair) == 1 && (m.ent == pair[0] || first != m.typ) {
				continue
			}
			pair, first = append(pair, m.ent), m.typ
		}
		if len(pair) == 2 {
			return []int{-2 - c.extMention(pair[1]), -2 - c.extMention(pair[0])}
		}
	}
	return nil
}

// recent returns the last entity of type typ named before token index
// before (in this sentence when sameSentence) or in the three sentences
// before.
func (c *sctx) recent(typ graph.EntityType, before int, sameSentence bool) string {
	if sameSentence {
		for k := len(c.ms) - 1; k >= 0; k-- {
			if c.ms[k].s < before && c.ms[k].typ == typ {
				return c.ms[k].ent
			}
		}
	}
	for k := c.si - 1; k >= 0 && k >= c.si-3; k-- {
		ms := c.d.ment[k]
		for j := len(ms) - 1; j >= 0; j-- {
			if ms[j].typ == typ {
				return ms[j].ent
			}
		}
	}
	return ""
}

// orgNamedAfter returns the one organisation of the document whose name
// contains the person's surname ("Orlov Metals" for Viktor Orlov), or "".
func (c *sctx) orgNamedAfter(person string) string {
	f := strings.Fields(person)
	if len(f) < 2 {
		return ""
	}
	sur := strings.ToLower(f[len(f)-1])
	found := ""
	for _, e := range c.d.ents {
		if e.typ != graph.Organization {
			continue
		}
		for _, w := range strings.Fields(strings.ToLower(e.name)) {
			if w == sur {
				if found != "" && found != e.name {
					return ""
				}
				found = e.name
			}
		}
	}
	return found
}

// countsBefore returns how often each entity is named in the sentences
// before si. Sentences are read in order, so the counts grow with si
// instead of being recounted for every description ("the company").
func (d *docState) countsBefore(si int) map[string]int {
	if d.mentionCount == nil || si < d.countedTo {
		d.mentionCount, d.countedTo = map[string]int{}, 0
	}
	for ; d.countedTo < si; d.countedTo++ {
		for _, m := range d.ment[d.countedTo] {
			d.mentionCount[m.ent]++
		}
	}
	return d.mentionCount
}

// recentWhere returns the last entity of type typ named in the three
// sentences before whose name passes ok, or "".
func (c *sctx) recentWhere(typ graph.EntityType, ok func(string) bool, before int) string {
	for k := len(c.ms) - 1; k >= 0; k-- {
		if m := c.ms[k]; m.s < before && m.typ == typ && m.kind != kPronoun && ok(m.ent) {
			return m.ent
		}
	}
	for k := c.si - 1; k >= 0 && k >= c.si-3; k-- {
		ms := c.d.ment[k]
		for j := len(ms) - 1; j >= 0; j-- {
			if ms[j].typ == typ && ok(ms[j].ent) {
				return ms[j].ent
			}
		}
	}
	return ""
}

// recentHead returns the last entity of type typ named in the three
// sentences before, skipping possessors ("a front company of the X").
func (c *sctx) recentHead(typ graph.EntityType) string {
	// candidates: heads (not "of" possessors) named in the three sentences
	// before, most recent first
	var cands []string
	for k := c.si - 1; k >= 0 && k >= c.si-3; k-- {
		ms := c.d.ment[k]
		toks := c.d.sents[k].toks
		for j := len(ms) - 1; j >= 0; j-- {
			if ms[j].typ != typ || !companyLike(ms[j].ent) {
				continue
			}
			p := ms[j].s - 1
			if p >= 0 && toks[p].lower == "the" {
				p--
			}
			if p >= 0 && toks[p].lower == "of" {
				continue
			}
			cands = append(cands, ms[j].ent)
		}
	}
	// "the company" in an article about one company: the organisation the
	// document has named most often, when it clearly leads and was named in
	// the last ten sentences, is a candidate too
	count := c.d.countsBefore(c.si)
	recentlyNamed := map[string]bool{}
	for k := max(0, c.si-10); k < c.si; k++ {
		for _, m := range c.d.ment[k] {
			if m.typ == typ {
				recentlyNamed[m.ent] = true
			}
		}
	}
	first, second := "", 0
	for e, n := range count {
		if de := c.d.ents[e]; de == nil || de.typ != typ {
			continue
		}
		if n > count[first] || n == count[first] && e < first {
			if first != "" {
				second = max(second, count[first])
			}
			first = e
		} else if n > second {
			second = n
		}
	}
	if first != "" && count[first] >= 4 && count[first] >= 2*second && recentlyNamed[first] && companyLike(first) {
		cands = append(cands, first)
	}
	if len(cands) <= 1 {
		if len(cands) == 1 {
			return cands[0]
		}
		return ""
	}
	best := cands[0]
	for _, e := range cands[1:] {
		if count[e] >= 2*count[best] && count[e] >= 3 {
			best = e
		}
	}
	return best
}

// institutionHeads end the names of states' bodies, forces and blocs,
// which "the company" or "the firm" never refers to.
var institutionHeads = map[string]bool{"forces": true, "army": true, "navy": true, "force": true, "ministry": true, "council": true,
	"committee": true, "department": true, "union": true, "party": true, "movement": true, "guard": true, "guards": true,
	"corps": true, "bureau": true, "agency": true, "commission": true, "parliament": true, "government": true, "court": true,
	"office": true, "treasury": true, "nations": true, "organization": true, "organisation": true, "militia": true, "brigade": true,
	"brigades": true, "authority": true, "police": true, "command": true, "directorate": true, "secretariat": true, "assembly": true}

// companyLike reports whether an organisation's name may be that of a
// company ("the company", "the firm"): not a state body, force or bloc.
func companyLike(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if institutionHeads[w] {
			return false
		}
	}
	return true
}

// apposHead: j is a comma closing an apposition ("X, a shipping firm
// registered in Y,"): returns the heads of X.
func (c *sctx) apposHead(j int) []int {
	for q := j - 1; q >= 1 && q >= j-16; q-- {
		u := c.units[q]
		if u.tag == uR || u.low == ";" {
			return nil
		}
		if u.low != "," {
			continue
		}
		if q+1 >= j || !c.isNP(q-1) {
			return nil
		}
		n := c.units[q+1]
		if !(n.low == "a" || n.low == "an" || n.low == "the" || (n.tag == uM && q+2 < j && c.units[q+2].tag == uPos)) {
			return nil
		}
		s := c.npLeft(q - 1)
		hs, com := c.heads(s, q)
		if com || len(hs) == 0 {
			return nil
		}
		return hs
	}
	return nil
}

// vesselCoref returns the ship last named before token `before` in this or
// the four previous sentences, if no person was named after it.
func (c *sctx) vesselCoref(before int) string {
	for k := c.si; k >= 0 && k >= c.si-4; k-- {
		ms := c.d.ment[k]
		if k == c.si {
			ms = c.ms
		}
		for j := len(ms) - 1; j >= 0; j-- {
			if k == c.si && ms[j].s >= before {
				continue
			}
			switch ms[j].typ {
			case graph.Vessel:
				return ms[j].ent
			case graph.Person:
				return ""
			}
		}
	}
	return ""
}

// definiteDescription reports whether sentence si refers to an
// organisation by a description ("the firm", "the company").
func (c *sctx) definiteDescription(si int) bool {
	toks := c.d.sents[si].toks
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].lower == "the" && (toks[i+1].lower == "company" || toks[i+1].lower == "firm" || c.d.x.groupCoref[toks[i+1].lower]) {
			return true
		}
	}
	return false
}

// clauseTopic returns the organisation the previous sentence opened with
// (its first mention, when that is an organisation), or "".
func (c *sctx) clauseTopic() string {
	if c.si == 0 {
		return ""
	}
	// "It's run by X. They've been moving cargo ...": a sentence that
	// opened with a pronoun keeps the topic it stood for
	if t, ok := c.d.topics[c.si]; ok {
		return t
	}
	if t, ok := c.d.topics[c.si-1]; ok && (len(c.d.ment[c.si-1]) == 0 || c.d.ment[c.si-1][0].typ != graph.Organization || c.d.ment[c.si-1][0].s > 3) {
		return t
	}
	// the first organisation of the previous sentence, when it opens the
	// sentence or is the only organisation there ("A company in Bosaso
	// called X.")
	prev := c.si - 1
	// "Was X state-owned? Yes and no. It's a subsidiary of Y": a short
	// sentence without names does not change the topic
	if len(c.d.ment[prev]) == 0 && prev > 0 && (len(c.d.sents[prev].toks) <= 6 || c.definiteDescription(prev)) {
		prev-- // ("For years the firm moved timber. Then it began ...": the firm's antecedent)
	}
	var orgs []mention
	for _, m := range c.d.ment[prev] {
		if m.typ == graph.Organization && (len(orgs) == 0 || orgs[0].ent != m.ent) {
			orgs = append(orgs, m)
		}
	}
	if len(orgs) == 0 {
		return ""
	}
	// "A company in Bosaso called X.": the described name is the topic
	toks := c.d.sents[prev].toks
	if o := orgs[0]; o.s <= 3 || o.s >= 1 && (toks[o.s-1].lower == "called" || toks[o.s-1].lower == "named") {
		return o.ent
	}
	// the only organisation, unless it sits in a prepositional phrase
	// ("on behalf of the Ministry"); an agent ("made by X") counts
	if o := orgs[0]; len(orgs) == 1 {
		p := o.s - 1
		for p >= 0 && (isQuote(toks[p].text) || toks[p].lower == "the") {
			p--
		}
		if p < 0 || !prepositions[toks[p].lower] || toks[p].lower == "by" {
			return o.ent
		}
	}
	return ""
}

func (c *sctx) personCoref(before int) string {
	for k := len(c.ms) - 1; k >= 0; k-- {
		if c.ms[k].s < before && c.ms[k].typ == graph.Person {
			return c.ms[k].ent
		}
	}
	for k := c.si - 1; k >= 0 && k >= c.si-2; k-- {
		ms := c.d.ment[k]
		for j := len(ms) - 1; j >= 0; j-- {
			if ms[j].typ == graph.Person {
				return ms[j].ent
			}
		}
	}
	return ""
}

// name returns the entity name of a head index (mention unit or encoded ext).
func (c *sctx) name(h int) (string, graph.EntityType) {
	if h <= -2 {
		n := c.ext[-2-h]
		if e := c.d.ents[n]; e != nil {
			return n, e.typ
		}
		for _, m := range c.ms {
			if m.ent == n {
				return n, m.typ
			}
		}
		for k := c.si - 1; k >= 0 && k >= c.si-3; k-- {
			for _, m := range c.d.ment[k] {
				if m.ent == n {
					return n, m.typ
				}
			}
		}
		return n, ""
	}
	m := c.ment(h)
	return m.ent, m.typ
}

// listRight collects the heads of a coordinated NP list starting at unit i:
// "Iran and Hezbollah", "A, B and C", and an apposition list after a
// common-noun head ("allies: Iran and Hezbollah").
func (c *sctx) listRight(i int) ([]int, int) {
	// "seven of the drones", "most of them": a partitive quantity
	if i+2 < len(c.units) && quantityWords[c.units[i].low] && c.units[i+1].low == "of" && c.isNP(i+2) {
		i += 2
	}
	i = c.skipTransparent(i)
	e := c.npRight(i)
	hs, common := c.heads(i, e)
	end := e
	// "three Iranian companies, including X and Y": the named members
	if common && len(hs) <= 1 && e+2 < len(c.units) && (c.units[e].low == "," && c.units[e+1].low == "including" || c.units[e].low == "including") {
		k := e + 1
		if c.units[e].low == "," {
			k++
		}
		e2 := c.npRight(k)
		if h2, com2 := c.heads(k, e2); len(h2) > 0 && !com2 {
			return c.coordRight(h2, e2)
		}
	}
	// apposition list after a common head
	if common && e+1 < len(c.units) && (c.units[e].low == ":" || c.units[e].low == ",") && c.units[e+1].tag != uC {
		e2 := c.npRight(e + 1)
		if h2, com2 := c.heads(e+1, e2); len(h2) > 0 && !com2 {
			more, end2 := c.coordRight(h2, e2)
			return more, end2
		}
	}
	// "a man named X", "a forwarder called X", "a distributor in
	// Istanbul, X": the name is the referent
	if common && len(hs) == 0 {
		if n, _ := c.describedName(i, e); n >= 0 {
			return c.coordRight([]int{n}, n+1)
		}
	}
	if common && len(hs) == 0 {
		return nil, end
	}
	if !common {
		return c.coordRight(hs, e)
	}
	return hs, end
}

// coordRight extends a head list over "and X", ", X", ", and X" while the
// next NP is entity-headed; appositions with a common head are skipped.
// reportVerbs introduce reported speech ("X says", "Y believes").
var reportVerbs = map[string]bool{"says": true, "say": true, "said": true, "believes": true, "believe": true, "claims": true,
	"claim": true, "alleges": true, "allege": true, "thinks": true, "suspects": true, "estimates": true}

// quantityWords open a partitive ("seven of the drones").
var quantityWords = map[string]bool{"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "dozens": true, "hundreds": true, "some": true, "several": true, "many": true,
	"most": true, "all": true, "none": true, "half": true, "part": true, "each": true, "both": true, "thousands": true}

// skipTransparent skips "the efforts of", "a licensed variant of", "the
// Sultanate of" at unit i: the noun stands for what follows "of".
func (c *sctx) skipTransparent(i int) int {
	j := i
	if j < len(c.units) && c.units[j].tag == uD {
		j++
	}
	// "a licensed variant of X"
	for k := 0; k < 2 && j+3 < len(c.units) && c.units[j].tag == uW && !transparentNouns[c.units[j].low] && !c.toks[c.units[j].s].cap && transparentNouns[c.units[j+1].low]; k++ {
		j++
	}
	if j+2 < len(c.units) && transparentNouns[c.units[j].low] && c.units[j+1].low == "of" && c.isNP(j+2) {
		return j + 2
	}
	if j+2 < len(c.units) && stateNouns[c.units[j].low] && c.units[j+1].low == "of" && c.units[j+2].tag == uM && c.typ(j+2) == graph.Country {
		return j + 2
	}
	// "accounts held by X", "accounts of X": the holder of the money
	if j+2 < len(c.units) && (c.units[j].low == "accounts" || c.units[j].low == "account") {
		k := j + 1
		if c.units[k].low == "held" || c.units[k].low == "owned" || c.units[k].low == "belonging" {
			k++
		}
		if k < len(c.units) && (c.units[k].low == "by" || c.units[k].low == "of" || c.units[k].low == "to") {
			k++
			if k < len(c.units) && c.units[k].low == "the" {
				k++
			}
			if k < len(c.units) && c.units[k].tag == uM {
				return k
			}
		}
	}
	// "officials of the IRGC-QF", "representatives of X": people standing
	// for their organisation
	if j+2 < len(c.units) && memberNouns[c.units[j].low] && c.units[j+1].low == "of" {
		k := j + 2
		if c.units[k].low == "the" && k+1 < len(c.units) {
			k++
		}
		if c.units[k].tag == uM && (c.typ(k) == graph.Organization || c.typ(k) == graph.Country) {
			return k
		}
	}
	return i
}

// stateNouns name a state by its form or government: "the Sultanate of
// X", "the government of X" stand for X.
var stateNouns = map[string]bool{"sultanate": true, "kingdom": true, "republic": true, "emirate": true, "government": true,
	"governments": true, "principality": true, "state": true}

// transparentNouns stand for their owner as an object: "welcomed the
// efforts of X", "praised the role of X".
var transparentNouns = map[string]bool{"efforts": true, "effort": true, "work": true, "role": true, "contribution": true,
	"contributions": true, "leadership": true, "commitment": true, "initiative": true, "mediation": true,
	"variant": true, "variants": true, "version": true, "versions": true, "copy": true, "copies": true, "derivative": true,
	// containers: "seized a shipment of rifles", "a cache of Captagon pills"
	"shipment": true, "shipments": true, "consignment": true, "consignments": true, "cargo": true, "cargoes": true,
	"batch": true, "batches": true, "crates": true, "containers": true, "cache": true, "caches": true, "haul": true, "stockpile": true}

var possPronouns = map[string]bool{"its": true, "his": true, "her": true, "their": true}

func (c *sctx) coordRight(hs []int, e int) ([]int, int) {
	for e < len(c.units) {
		k := e
		if c.units[k].low == "," {
			k++
		}
		if k < len(c.units) && (c.units[k].low == "and" || c.units[k].low == "or") {
			k++
		}
		// "the efforts of X and of Y"
		if k > e && k+1 < len(c.units) && c.units[k].low == "of" && c.units[k-1].low == "and" && c.isNP(k+1) {
			k++
		}
		if k == e || k >= len(c.units) || !c.isNP(k) {
			break
		}
		k = c.skipTransparent(k)
		e2 := c.npRight(k)
		h2, com := c.heads(k, e2)
		// "X and its director, Y": the role noun is apposed to a name
		if len(h2) == 0 && possPronouns[c.units[k].low] && e2+1 < len(c.units) && c.units[e2].low == "," && c.units[e2+1].tag == uM {
			e3 := c.npRight(e2 + 1)
			if h3, com3 := c.heads(e2+1, e3); len(h3) > 0 && !com3 {
				h2, com, e2 = h3, false, e3
			}
		}
		if len(h2) == 0 {
			break
		}
		if com {
			// apposition ("KOMID, North Korea's arms export body,") – skip it
			if c.units[e].low == "," && e2 < len(c.units) && c.units[e2].low == "," {
				e = e2
				continue
			}
			break
		}
		hs = append(hs, h2...)
		e = e2
	}
	return hs, e
}

// coordLeft extends subject heads leftwards over "A and B", "A, B and C".
func (c *sctx) coordLeft(hs []int, s int) []int {
	for first := true; s-2 >= 0; first = false {
		k := s - 1
		if c.units[k].low != "and" && c.units[k].low != "," && c.units[k].low != "or" {
			break
		}
		// a list ends in "and"/"or": "According to a report by X, Y
		// laundered" has a bare comma before the subject, not a list
		if first && c.units[k].low == "," {
			break
		}
		k--
		if k >= 0 && c.units[k].low == "," {
			k--
		}
		if k < 0 || c.units[k].tag != uM {
			break
		}
		s2 := c.npLeft(k)
		h2, com := c.heads(s2, k+1)
		if com || len(h2) == 0 {
			break
		}
		hs = append(h2, hs...)
		s = s2
	}
	return hs
}

func (c *sctx) skippable(i int) bool {
	u := c.units[i]
	x := c.d.x
	if u.tag == uV && (x.aux[u.low] || x.control[u.low]) {
		return true
	}
	if u.tag == uW && (strings.HasSuffix(u.low, "ly") || x.control[u.low] || x.neg[u.low] || u.low == "also" || u.low == "not" || u.low == "still" || u.low == "then" || u.low == "now" || u.low == "further" || u.low == "even" || u.low == "jointly" ||
		u.low == "later" || u.low == "soon" || u.low == "once" || u.low == "already" || u.low == "since" || u.low == "subsequently" || u.low == "eventually" || u.low == "again" || u.low == "long") {
		return true
	}
	if u.low == "to" || u.low == "not" || u.low == "never" {
		return true
	}
	// "which in turn ships"
	if (u.low == "turn" && i > 0 && c.units[i-1].low == "in") || (u.low == "in" && i+1 < len(c.units) && c.units[i+1].low == "turn") {
		return true
	}
	// "knowingly and willfully"
	if (u.low == "and" || u.low == "or") && i > 0 && i+1 < len(c.units) && strings.HasSuffix(c.units[i-1].low, "ly") && strings.HasSuffix(c.units[i+1].low, "ly") {
		return true
	}
	return false
}

// isAdverb reports adverbs and negators ("consistently", "also", "not").
func (c *sctx) isAdverb(i int) bool {
	u := c.units[i]
	if u.tag != uW {
		return u.low == "not" || u.low == "never"
	}
	return strings.HasSuffix(u.low, "ly") || c.d.x.neg[u.low] || u.low == "also" || u.low == "still" || u.low == "then" || u.low == "now" || u.low == "further" || u.low == "even" || u.low == "long"
}

// subjectOf finds the subject heads of the verb at unit t.
func (c *sctx) subjectOf(t, depth int) []int {
	if depth > 4 {
		return nil
	}
	j := t - 1
	for j >= 0 && c.skippable(j) {
		j--
	}
	j = c.skipParenLeft(j)
	if j < 0 {
		return nil
	}
	// "a distributor that Ukrainian intelligence says has shipped": the
	// reporting clause inside a relative clause is not the subject
	if reportVerbs[c.units[j].low] {
		for q := j - 1; q >= 0 && q >= j-5; q-- {
			if c.units[q].tag == uR {
				return c.antecedent(q-1, depth+1)
			}
			if c.units[q].tag == uPunct || c.units[q].tag == uV {
				break
			}
		}
	}
	u := c.units[j]
	// "X, which said it intercepted", "X said they supplied": a pronoun
	// subject after a reporting verb is the reporter
	if u.tag == uD && (u.low == "it" || u.low == "they" || u.low == "he" || u.low == "she") && j >= 2 && reportVerbs[c.units[j-1].low] {
		// "he" is the reporter only when the reporter is a person, "it"
		// only when it is not ("The Treasury said he had ...")
		personal := u.low == "he" || u.low == "she"
		agrees := func(hs []int) bool {
			for _, h := range hs {
				if _, t := c.name(h); (t == graph.Person) != personal {
					return false
				}
			}
			return true
		}
		switch r := c.units[j-2]; {
		case r.tag == uR:
			if hs := c.antecedent(j-3, depth+1); len(hs) > 0 && agrees(hs) {
				return hs
			}
		case r.tag == uM:
			if hs, com := c.heads(c.npLeft(j-2), j-1); len(hs) > 0 && !com && agrees(hs) {
				return hs
			}
		}
	}
	switch {
	case u.tag == uR:
		return c.antecedent(j-1, depth)
	case u.tag == uD && (u.low == "both" || u.low == "all" || u.low == "each") && !(j+1 < len(c.units) && c.units[j+1].tag == uV):
		// "using one manager both to move oil and to supply": a floating
		// quantifier; the subject is further left
		return c.subjectOf(j, depth+1)
	case u.low == ":" && c.descriptiveField():
		// "Adverse media: reported to have shipped engines to Y": a field
		// whose value is a predicate about the record's subject
		return []int{-2 - c.extMention(c.d.recordName)}
	case u.low == "you" && c.d.addressee != "":
		// sentencing remarks, letters: "you" is the person addressed by name
		return []int{-2 - c.extMention(c.d.addressee)}
	case u.low == "we" && c.authorOrg() != "":
		// a company's own statement: "we" is the company
		return []int{-2 - c.extMention(c.authorOrg())}
	case c.isNP(j) && u.tag != uD || u.tag == uD && (u.low == "it" || u.low == "they" || u.low == "he" || u.low == "she" || u.low == "both" && j+1 < len(c.units) && c.units[j+1].tag == uV):
		s := c.npLeft(j)
		if u.tag == uD {
			s = j // a pronoun is a phrase of its own ("On 29 October she ...")
		}
		// "Under his direction the plant obtained": an article after a
		// noun opens a new phrase
		for q := j; q > s; q-- {
			if (c.units[q].low == "the" || c.units[q].low == "a" || c.units[q].low == "an") && c.units[q-1].tag == uW {
				s = q
				break
			}
		}
		hs, com := c.heads(s, j+1)
		// "X is a Lebanese armed group allied with Y": a predicate nominal
		// describes the copula's subject; its modifiers are not the subject
		if com && c.units[s].low == "a" || com && c.units[s].low == "an" {
			if s-1 >= 0 && c.units[s-1].tag == uV && c.d.x.copulas[c.units[s-1].low] {
				return c.subjectOf(s-1, depth+1)
			}
		}
		// "X, whose technicians trained Y": the relative clause's antecedent
		if len(hs) == 0 && s-1 >= 1 && c.units[s-1].low == "whose" {
			return c.antecedent(s-2, depth+1)
		}
		if len(hs) > 0 {
			if u.tag == uD {
				return hs // ", and he chairs": a pronoun heads its own clause
			}
			// "Tajideen's companies in Gambia and Sierra Leone were used":
			// places inside a locative phrase are not the subject
			q := s // "in Gambia and Sierra Leone": the first conjunct
			for q-2 >= 0 && (c.units[q-1].low == "and" || c.units[q-1].low == ",") && c.units[q-2].tag == uM {
				q -= 2
			}
			if q-2 >= 0 && c.units[q].tag == uM && locativePreps[c.units[q-1].low] && c.units[q-2].tag == uW && c.allPlaces(hs) {
				return c.subjectOf(q-1, depth+1)
			}
			return c.coordLeft(hs, s)
		}
		// "intercepted a dhow carrying weapons": a participle right after a
		// common noun modifies that noun; the clause's subject is not its agent
		if j == t-1 && u.tag == uW && strings.HasSuffix(c.units[t].low, "ing") && c.units[s].tag == uD {
			return nil
		}
		if s-1 >= 0 && c.units[s-1].tag == uP {
			return c.subjectOf(s-1, depth+1)
		}
		if s-1 >= 0 && c.units[s-1].tag == uV {
			return c.subjectOf(s-1, depth+1)
		}
		return nil
	case u.low == "," || u.tag == uC || u.tag == uP:
		// object control: "praised X for fighting", "accused X of
		// supplying": the gerund's subject is the object of the main verb
		if (u.low == "for" || u.low == "of") && strings.HasSuffix(c.units[t].low, "ing") && j-1 >= 0 && c.isNP(j-1) {
			s := c.npLeft(j - 1)
			// "prosecutors accuse X of": a verb the tagger does not know
			// sits inside the phrase; the object starts after it
			for q := j - 2; q >= s && q >= j-8; q-- {
				if objectControlVerbs[c.units[q].low] {
					s = q + 1
					break
				}
			}
			// "accuses that company of": a demonstrative, not a relative pronoun
			if s >= 2 && (c.units[s-1].low == "that" || c.units[s-1].low == "this") && objectControlVerbs[c.units[s-2].low] {
				s--
			}
			// "designated him and X for supporting Y": a coordinated object
			cs := s
			for cs-2 >= 0 && (c.units[cs-1].low == "and" || c.units[cs-1].low == ",") && (c.units[cs-2].tag == uM || c.units[cs-2].low == "him" || c.units[cs-2].low == "her" || c.units[cs-2].low == "them") {
				cs -= 2
			}
			if cs < s && cs-1 >= 0 && (c.units[cs-1].tag == uV || c.trig[cs-1] >= 0 || objectControlVerbs[c.units[cs-1].low]) {
				var all []int
				for k := cs; k < j; k++ {
					if c.units[k].tag == uM || c.units[k].low == "him" || c.units[k].low == "her" {
						if hs, _ := c.heads(k, k+1); len(hs) > 0 {
							all = append(all, hs...)
						}
					}
				}
				if len(all) > 0 {
					return all
				}
			}
			if s-1 >= 0 && (c.units[s-1].tag == uV || c.trig[s-1] >= 0 || objectControlVerbs[c.units[s-1].low]) {
				if hs, com := c.heads(s, j); len(hs) > 0 && (!com || hs[0] < -1) {
					return c.coordLeft(hs, s)
				}
			}
		}
		if u.low == "," {
			// "One of those companies, Olvera Holdings, bought": a name
			// apposed to the subject phrase
			if j >= 2 && c.units[j-1].tag == uM && c.units[j-2].low == "," && c.units[j-1].s > 0 {
				if hs, com := c.heads(j-1, j); len(hs) > 0 && !com && c.npLeft(j-2) >= 0 && c.isNP(j-3) {
					return hs
				}
			}
			if hs := c.apposHead(j); len(hs) > 0 {
				return hs
			}
			// "X, for its part, has ...", "X, which ..., has ...": skip the aside
			if q := c.asideStart(j); q > 0 {
				return c.subjectOf(q, depth+1)
			}
		}
		// "X, who left the firm in 2019 and now runs Y": a relative
		// clause's verbs share its antecedent
		if u.tag == uC && u.low == "and" {
			for q := j - 1; q >= 0 && q >= j-10; q-- {
				if c.units[q].low == "," || c.units[q].low == ";" || c.units[q].tag == uV && c.trig[q] < 0 && q < j-1 {
					if c.units[q].low != "," && c.units[q].low != ";" {
						continue
					}
					break
				}
				if c.units[q].tag == uR && (c.units[q].low == "who" || c.units[q].low == "which") {
					if hs := c.antecedent(q-1, depth+1); len(hs) > 0 {
						return hs
					}
					break
				}
			}
		}
		if k := c.prevVerb(j - 1); k >= 0 {
			return c.subjectOf(k, depth+1)
		}
	case u.tag == uV:
		return c.subjectOf(j, depth+1)
	}
	return nil
}

// complexPrepHeads end fixed phrases with "to" that introduce no
// recipient ("according to", "in response to", "due to", "close to").
var complexPrepHeads = map[string]bool{"according": true, "response": true, "due": true, "owing": true, "thanks": true,
	"close": true, "next": true, "prior": true, "addition": true, "similar": true, "contrary": true, "relation": true,
	"regard": true, "respect": true, "reference": true, "compared": true, "subject": true}

// memberNouns stand for their organisation in "officials of X".
var memberNouns = map[string]bool{"officials": true, "representatives": true, "members": true, "agents": true,
	"operatives": true, "officers": true, "envoys": true, "delegates": true, "executives": true}

// locativePreps open a phrase of place inside a noun phrase ("companies
// in Gambia").
var locativePreps = map[string]bool{"in": true, "at": true, "near": true, "inside": true, "across": true, "throughout": true}

// allPlaces reports whether every head names a state or place.
func (c *sctx) allPlaces(hs []int) bool {
	for _, h := range hs {
		if _, t := c.name(h); t != graph.Country && t != graph.Location {
			return false
		}
	}
	return true
}

// objectControlVerbs take an object and "of"/"for" with a gerund whose
// subject is that object ("accuse X of supplying", "blame X for arming").
var objectControlVerbs = map[string]bool{"accuse": true, "accuses": true, "accused": true, "accusing": true,
	"suspect": true, "suspects": true, "suspected": true, "charge": true, "charges": true, "charged": true,
	"blame": true, "blames": true, "blamed": true, "convict": true, "convicts": true, "convicted": true,
	"indict": true, "indicts": true, "indicted": true, "fine": true, "fines": true, "fined": true,
	"punish": true, "punishes": true, "punished": true, "thank": true, "thanks": true, "thanked": true,
	"criticise": true, "criticises": true, "criticised": true, "criticize": true, "criticizes": true, "criticized": true}

// reportAside reports whether units[s:e] is a reporting clause set off
// by commas ("I later learned", "the records indicate", "sources said").
func (c *sctx) reportAside(s, e int) bool {
	for k := s; k < e; k++ {
		if reportVerbs[c.units[k].low] || c.units[k].low == "learned" || c.units[k].low == "learnt" || c.units[k].low == "indicate" ||
			c.units[k].low == "indicates" || c.units[k].low == "show" || c.units[k].low == "shows" || c.units[k].low == "suggest" || c.units[k].low == "suggests" {
			return true
		}
	}
	return false
}

// asideOpeners open a parenthetical aside after a name ("X, best known
// for ..., was", "X, once a state firm, is").
var asideOpeners = map[string]bool{"best": true, "long": true, "widely": true, "once": true, "formerly": true, "previously": true,
	"now": true, "still": true, "itself": true, "themselves": true, "mostly": true, "largely": true, "perhaps": true, "reportedly": true, "allegedly": true}

// asideStart: j is a comma closing a parenthetical aside opened by a comma
// right after a name ("X, for its part,", "X, which the rebels target,").
// It returns the unit after the name (the opening comma) so the name is
// taken as subject, or -1.
func (c *sctx) asideStart(j int) int {
	for q := j - 1; q >= 1 && q >= j-14; q-- {
		u := c.units[q]
		if u.low == ";" || u.low == ":" {
			return -1
		}
		if u.low != "," {
			continue
		}
		// "X, I later learned, was paid", "X, the records indicate, acts":
		// a reporting aside
		if q+1 < j && c.units[q-1].tag == uM && j-q <= 6 && c.reportAside(q+1, j) {
			return q
		}
		// "X, led by Y, control Z", "X, backed by Iran, attacked Y": a
		// participle phrase with its agent
		if q+2 < j && c.units[q-1].tag == uM && strings.HasSuffix(c.units[q+1].low, "ed") && c.units[q+2].low == "by" && j-q <= 10 {
			return q
		}
		if q+1 < j && (c.units[q+1].tag == uP || c.units[q+1].tag == uR || c.units[q+1].low == "together" || c.units[q+1].low == "along" || c.units[q+1].low == "acting" || c.units[q+1].low == "working" || c.units[q+1].low == "known" || c.units[q+1].low == "also" || c.units[q+1].low == "better" || asideOpeners[c.units[q+1].low]) && c.units[q-1].tag == uM {
			return q
		}
		return -1
	}
	return -1
}

// skipParenLeft: if units[j] closes a parenthesis, returns the unit before
// its opening ("Kestrel Trading FZE (\"Kestrel\") was ...").
func (c *sctx) skipParenLeft(j int) int {
	if j < 0 || c.units[j].low != ")" {
		return j
	}
	for q := j - 1; q >= 0 && q >= j-12; q-- {
		if c.units[q].low == "(" {
			return q - 1
		}
	}
	return j
}

// prevVerb returns the nearest verb-like unit at or before j.
func (c *sctx) prevVerb(j int) int {
	for k := j; k >= 0 && k > j-30; k-- {
		if c.units[k].tag == uV || c.trig[k] >= 0 {
			return k
		}
		if c.units[k].low == ";" || c.units[k].low == ":" {
			return -1
		}
	}
	return -1
}

// antecedent resolves the noun phrase a relative pronoun refers to, skipping
// prepositional phrases ("a statement via KCNA that ...").
func (c *sctx) antecedent(j, depth int) []int {
	j = c.skipParenLeft(j)
	for hops := 0; j >= 0 && hops < 4; hops++ {
		comma := false
		if c.units[j].low == "," {
			j--
			comma = hops == 0
		}
		if comma && j >= 0 && c.units[j].tag == uM {
			// "in Almaty, Kazakhstan, which": the city before the state
			if t := c.typ(j); t == graph.Country && j >= 3 && c.units[j-1].low == "," && c.units[j-2].tag == uM && c.typ(j-2) == graph.Location && placePreps[c.units[j-3].low] {
				j -= 2
			}
			// "X, a broker registered in Macau, which ships ...": the
			// place closing an apposition is not the antecedent
			if t := c.typ(j); (t == graph.Location || t == graph.Country) && j >= 1 && placePreps[c.units[j-1].low] {
				for q := j - 2; q >= 2 && q >= j-10; q-- {
					if c.units[q].low == "," || c.units[q].tag == uR {
						break
					}
					if (c.units[q].low == "a" || c.units[q].low == "an") && c.units[q-1].low == "," && c.units[q-2].tag == uM {
						if h2, com2 := c.heads(c.npLeft(q-2), q-1); len(h2) > 0 && !com2 {
							return h2
						}
					}
				}
			}
			// "delivered them to X, which makes ...": X
			s := c.npLeft(j)
			if hs, com := c.heads(s, j+1); len(hs) > 0 && !com {
				return hs
			}
		}
		if j < 0 || !c.isNP(j) {
			return nil
		}
		s := c.npLeft(j)
		hs, com := c.heads(s, j+1)
		// "X was a Moscow-based company that acted ...": a predicate
		// nominal's relative clause is about the copula's subject
		if com && s-1 >= 0 && c.d.x.copulas[c.units[s-1].low] && (c.units[s].low == "a" || c.units[s].low == "an") {
			if subj := c.subjectOf(s-1, depth+1); len(subj) > 0 {
				return subj
			}
		}
		// "X, a Hong Kong-registered distributor that ...": the
		// apposed common noun stands for X, not for its modifier
		if com || len(hs) == 0 {
			q := s
			for q > 0 && q >= s-5 && c.units[q].low != "a" && c.units[q].low != "an" && c.units[q].low != "," {
				q--
			}
			// "a Dubai, United Arab Emirates-based company": city, state
			if c.units[q].low == "," && q-2 >= 0 && c.units[q-1].tag == uM && (c.typ(q-1) == graph.Location || c.typ(q-1) == graph.Country) && (c.units[q-2].low == "a" || c.units[q-2].low == "an") {
				q -= 2
			}
			if (c.units[q].low == "a" || c.units[q].low == "an") && q-2 >= 0 && c.units[q-1].low == "," && c.units[q-2].tag == uM {
				if h2, com2 := c.heads(c.npLeft(q-2), q-1); len(h2) > 0 && !com2 {
					return h2
				}
			}
		}
		if len(hs) > 0 && (s == 0 || c.units[s-1].tag != uP || hops > 0) {
			return hs
		}
		if s-1 >= 0 && c.units[s-1].tag == uP {
			j = s - 2
			continue
		}
		if len(hs) > 0 {
			return hs
		}
		if s-1 >= 1 && c.units[s-1].low == "," && c.isNP(s-2) {
			if h2, com := c.heads(c.npLeft(s-2), s-1); len(h2) > 0 && !com {
				return h2
			}
		}
		if s-1 >= 0 && c.units[s-1].tag == uV {
			return c.subjectOf(s-1, depth+1)
		}
		return nil
	}
	return nil
}

// negated reports a negation or denial before unit t in the sentence.
func (c *sctx) negated(t int) bool {
	x := c.d.x
	for k := t - 1; k >= 0; k-- {
		low := c.units[k].low
		if t-k <= 5 && (x.neg[low] || strings.HasSuffix(low, "n't")) {
			return true
		}
		if strings.HasPrefix(low, "deni") || strings.HasPrefix(low, "deny") {
			return true
		}
		// "The Panel recommends that the Committee designate X", "urged
		// Britain to sanction Y": proposed, not done
		if t-k <= 12 && (strings.HasPrefix(low, "recommend") || strings.HasPrefix(low, "urge") || strings.HasPrefix(low, "propos") || low == "should") {
			return true
		}
		// "to ask VBT whether the ship is still chartered to X": an open question
		if t-k <= 6 && low == "whether" {
			return true
		}
		// "Claims that X supplies Y are false."
		if claimNouns[low] {
			for q := t + 1; q < len(c.units); q++ {
				if falseWords[c.units[q].low] || c.units[q].low == "not" && q+1 < len(c.units) && unprovenWords[c.units[q+1].low] {
					return true
				}
			}
		}
	}
	return false
}

// claimNouns and falseWords: "claims that ... are false" denies the claim.
var claimNouns = map[string]bool{"claim": true, "claims": true, "assertion": true, "assertions": true, "allegation": true, "allegations": true, "accusation": true,
	"accusations": true, "suggestion": true, "suggestions": true, "rumour": true, "rumours": true, "rumor": true, "rumors": true, "reports": true}
var falseWords = map[string]bool{"false": true, "untrue": true, "baseless": true, "unfounded": true, "groundless": true,
	"fabricated": true, "inaccurate": true, "wrong": true, "misleading": true, "unsubstantiated": true, "unproven": true,
	"unverified": true, "unconfirmed": true}

// unprovenWords after "not": "the claim ... was not substantiated".
var unprovenWords = map[string]bool{"substantiated": true, "proven": true, "proved": true, "confirmed": true, "verified": true,
	"established": true, "true": true, "borne": true, "supported": true}

func (c *sctx) hedged(t int) bool {
	for k := t - 1; k >= 0 && k >= t-6; k-- {
		if hedges[c.units[k].low] {
			return true
		}
	}
	return false
}

// itemsBetween lists Item mentions in units[a:b].
func (c *sctx) itemsBetween(a, b int) []string {
	var out []string
	for k := max(a, 0); k < b && k < len(c.units); k++ {
		if c.units[k].tag == uM && c.typ(k) == graph.Item {
			out = append(out, c.ment(k).ent)
		}
	}
	return out
}

// findPrep returns the first unit after t (within the clause) that is one of
// preps, or -1.
func (c *sctx) findPrep(t int, preps map[string]bool, limit int) int {
	for k := t + 1; k < len(c.units) && k <= t+limit; k++ {
		u := c.units[k]
		// "according to X", "in response to Y", "due to": fixed phrases,
		// not the verb's preposition; a comma clause ends the search
		if u.tag == uP && u.low == "to" && k > 0 && complexPrepHeads[c.units[k-1].low] {
			return -1
		}
		if u.tag == uP && preps[u.low] {
			return k
		}
		if u.tag == uR || u.low == ";" || (u.tag == uV && c.trig[k] >= 0 && k > t+1) {
			return -1
		}
		if u.tag == uC && u.low != "and" && u.low != "or" {
			return -1
		}
	}
	return -1
}

// emit checks types and records a relation.
func (c *sctx) emit(rule *cRule, srcH, tgtH int, t int, conf float64, how string, items []string) {
	src, st := c.name(srcH)
	tgt, tt := c.name(tgtH)
	if src == "" || tgt == "" || src == tgt {
		return
	}
	if rule.reverse {
		src, tgt, st, tt = tgt, src, tt, st
	}
	c.emitNames(rule.typ, rule.srcTypes, rule.tgtTypes, src, st, tgt, tt, t, conf, rule.name+":"+how, items)
}

func (c *sctx) emitNames(typ graph.RelationType, sT, tT map[graph.EntityType]bool, src string, st graph.EntityType, tgt string, tt graph.EntityType, t int, conf float64, rule string, items []string) {
	if src == "" || tgt == "" || src == tgt {
		return
	}
	if sT != nil && !sT[st] || tT != nil && !tT[tt] {
		return
	}
	// a person runs companies and ships, not cities or states
	if typ == graph.Operates && st == graph.Person && (tt == graph.Location || tt == graph.Country) {
		return
	}
	r := rel{src: src, tgt: tgt, typ: typ, rule: rule, conf: conf, items: items}
	if t >= 0 && t < len(c.units) {
		u := c.units[t]
		e := u.e
		if c.nlen[t] > 1 {
			e = c.units[t+c.nlen[t]-1].e
		}
		r.trigS, r.trigE, r.hasTrigger = c.toks[u.s].start, c.toks[e-1].end, true
	}
	c.rels = append(c.rels, r)
}
