package extract

import (
	"sort"
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
)

// mention is one occurrence of an entity in a sentence.
type mention struct {
	ent        string // canonical name (registry key)
	typ        graph.EntityType
	kind       mentionKind
	s, e       int // token range in the sentence, end exclusive
	start, end int // rune offsets in the document
	surface    string
}

// docEnt is an entity as seen in one document.
type docEnt struct {
	name     string
	typ      graph.EntityType
	country  string
	aliases  []string
	aliasSet map[string]bool
	mentions int
	first    int
}

type learnedEnt struct {
	name    string
	typ     graph.EntityType
	country string
}

// docState is the working state of one Extract call.
type docState struct {
	x       *Extractor
	nr      []rune
	sents   []sentence
	ents    map[string]*docEnt
	learned map[string]learnedEnt // lower surface → entity
	// orgByFirst indexes the learned organisation surfaces of two or more
	// words by their first word, for orgPrefix
	orgByFirst map[string][]string
	ment       [][]mention
	order      int
	// "Polesie" for "Polesie Industrial Export": the distinctive first word
	// of an organisation's name, used alone later in the text
	shortOrg map[string]learnedEnt
	// lastSupply is the most recent SUPPLIES relation and its sentence,
	// for "the transfer, brokered by X" in a later sentence.
	lastSupply   rel
	lastSupplySi int
	// record fields: the type a "Type:" line gives a "Name:" value, and
	// the subject of the record being read (with its sentence)
	recTypes map[string]graph.EntityType
	// mentionCount counts the mentions of each entity in the sentences
	// before countedTo (countsBefore)
	mentionCount map[string]int
	countedTo    int
	// topics are the organisations that sentence-opening pronouns stood
	// for, by sentence
	topics map[int]string
	// addressee is the person a text addresses by name ("Mr Orlov, you
	// were ..."), the referent of "you"
	addressee string
	// defined are generic terms a document defines for an organisation
	// ("the Company", "we"), lower-cased → the organisation
	defined map[string]string
	// tableRows are the data rows of pipe tables by the offset of their
	// first character, with the roles of their columns
	tableRows  map[int]tableRow
	recordName string
	recordType graph.EntityType
	recordSent int
	// the last named sanctioning authority ("Canada has designated ...")
	// and its sentence, the implicit agent of later agentless designations
	// corefs: per sentence, the organisations a definite description
	// ("the company") referred to; they count as mentions for "its"
	corefs         map[int]map[string]bool
	sanctioner     string
	sanctionerType graph.EntityType
	sanctionerSent int
}

func (d *docState) entity(name string, typ graph.EntityType, country string) *docEnt {
	e := d.ents[name]
	if e == nil {
		e = &docEnt{name: name, typ: typ, country: country, aliasSet: map[string]bool{}, first: d.order}
		d.order++
		d.ents[name] = e
	}
	return e
}

func (e *docEnt) addAlias(s string) {
	s = strings.TrimSpace(s)
	if s == "" || s == e.name || e.aliasSet[s] {
		return
	}
	e.aliasSet[s] = true
	e.aliases = append(e.aliases, s)
}

func (d *docState) surface(toks []token, s, e int) string {
	return string(d.nr[toks[s].start:toks[e-1].end])
}

// learn records a surface of an entity for later sentences (pass 2).
func (d *docState) learn(surface string, le learnedEnt) {
	k := strings.ToLower(surface)
	if _, ok := d.learned[k]; !ok {
		d.learned[k] = le
		if le.typ == graph.Organization {
			if first, _, ok := strings.Cut(k, " "); ok {
				if d.orgByFirst == nil {
					d.orgByFirst = map[string][]string{}
				}
				d.orgByFirst[first] = append(d.orgByFirst[first], k)
			}
		}
	}
}

var connectors = map[string]bool{"of": true, "and": true, "the": true, "for": true, "de": true, "da": true, "du": true, "al": true,
	"el": true, "bin": true, "ibn": true, "van": true, "von": true, "der": true, "ez": true, "es": true, "la": true, "le": true,
	"dos": true, "y": true, "&": true, "on": false}

var compass = map[string]bool{"North": true, "South": true, "East": true, "West": true, "Central": true, "Eastern": true,
	"Western": true, "Northern": true, "Southern": true, "Northeast": true, "Northwest": true, "Southeast": true, "Southwest": true}

// compassWord reports whether w, in lower case, names a part of a
// country by its direction ("western", "north-eastern", "central").
func compassWord(w string) bool {
	for _, part := range strings.Split(w, "-") {
		if !compass[strings.ToUpper(part[:min(1, len(part))])+part[min(1, len(part)):]] {
			return false
		}
	}
	return w != ""
}

var locPrepsBefore = map[string]bool{"from": true, "in": true, "at": true, "to": true, "near": true, "of": true, "into": true,
	"via": true, "outside": true, "toward": true, "towards": true}

var nameParticles = map[string]bool{"al": true, "el": true, "bin": true, "ibn": true, "de": true, "da": true, "du": true,
	"van": true, "von": true, "der": true, "ez": true, "es": true, "la": true, "le": true, "dos": true, "y": true, "abu": true}

var locCompounds = map[string]bool{"based": true, "headquartered": true, "registered": true}

// compoundAdj reports the lower-case participle of a compound adjective
// ("-based", "-backed") that does not continue a name.
func compoundAdj(t token) bool {
	_, ok := compoundRels[t.lower]
	return ok && !t.cap
}

var arabicParticles = map[string]bool{"al": true, "el": true, "bin": true, "ibn": true, "abu": true, "bint": true}

var orgHeadAfterAcronym = map[string]bool{"government": true, "forces": true, "militia": true, "party": true, "rebels": true,
	"officials": true, "troops": true, "fighters": true, "leadership": true, "leader": true, "regime": true, "army": true,
	"movement": true, "group": true, "members": true, "spokesman": true, "chief": true, "director": true}

// findMentions detects the mentions of one sentence. In the learning pass
// (final=false) it records aliases; in the final pass it also applies them
// and registers entities.
func (d *docState) findMentions(si int, final bool) []mention {
	x := d.x
	toks := d.sents[si].toks
	n := len(toks)
	var ms []mention
	covered := make([]bool, n)
	cover := func(m mention) {
		for i := m.s; i < m.e; i++ {
			covered[i] = true
		}
		ms = append(ms, m)
	}
	// 1. gazetteer, leftmost-longest
	for i := 0; i < n; {
		p, end := x.trie.match(toks, i)
		// "US$2.3 million", "HK$": a currency, not a state
		if p != nil && end < n && toks[end].text == "$" && !toks[end].space {
			p = nil
		}
		// "a shell company", "an arms firm": an item word modifying a
		// company noun is not an item
		if p != nil && x.ents[p.ent].typ == graph.Item && end < n && (x.orgHeads[toks[end].lower] || toks[end].lower == "companies" || toks[end].lower == "firms") {
			p = nil
		}
		if p == nil {
			i++
			continue
		}
		ge := x.ents[p.ent]
		// "IRGC ASF" defined in this document as a unit's short form: a
		// learned name longer than the gazetteer's match wins
		if final {
			if le, lend := d.learnedAt(toks, i); lend > end {
				cover(mention{ent: le.name, typ: le.typ, s: i, e: lend})
				i = lend
				continue
			}
		}
		// "Halcyon Varna": a one-word city after a capitalised word that is
		// not a stop word is the tail of another name (a ship, a firm)
		if p.kind == kName && ge.typ == graph.Location && end == i+1 && i > 0 && toks[i-1].kind == tWord && toks[i-1].cap &&
			!toks[i-1].upper && !x.stop[toks[i-1].text] && !covered[i-1] && toks[i-1].space && !d.newlineBefore(toks, i) && i > 1 {
			i++
			continue
		}
		if p.kind == kCapital && d.glued(toks, i, end) {
			i++
			continue
		}
		// "IRGC-ASF" defined as a name of its own: leave it to the learned forms
		if end+1 < n && toks[end].text == "-" && !toks[end].space && !toks[end+1].space && toks[end+1].upper {
			if _, ok := d.learned[strings.ToLower(d.surface(toks, i, end+2))]; ok {
				i = end
				continue
			}
		}
		// a capitalised item word inside a name: "Eastern Arms Industries",
		// "Zastava Arms"
		if ge.typ == graph.Item && toks[i].cap && end < n && toks[end].kind == tWord && toks[end].cap && !x.stop[toks[end].text] {
			i = end
			continue
		}
		if ge.typ == graph.Item && toks[i].cap && !toks[i].upper && i > 0 && toks[i-1].kind == tWord && toks[i-1].cap && !x.stop[toks[i-1].text] && !covered[i-1] {
			i = end
			continue
		}
		// part of a hyphenated word: "guided-missile destroyer"
		if ge.typ == graph.Item && i > 0 && toks[i-1].text == "-" && !toks[i-1].space && !toks[i].space {
			i = end
			continue
		}
		// "the Yemeni Coast Guard": a state's generic unit name ("Coast
		// Guard", "Navy") after another state's demonym is that state's unit
		if c := x.countryOf[ge.name]; ge.typ == graph.Organization && c != "" && len(ms) > 0 {
			if pm := ms[len(ms)-1]; pm.e == i && pm.kind == kDemonym && pm.ent != c {
				ms = ms[:len(ms)-1]
				for k := pm.s; k < pm.e; k++ {
					covered[k] = false
				}
				i = end
				continue
			}
			// "the U.S. Commerce Department", "the American Justice Department": the
			// state's own name before its agency is part of the agency's
			if pm := ms[len(ms)-1]; pm.e == i && pm.ent == c && (pm.kind == kName || pm.kind == kDemonym) && pm.s < i {
				ms = ms[:len(ms)-1]
				m := mention{ent: ge.name, typ: ge.typ, kind: kName, s: pm.s, e: end}
				cover(m)
				i = end
				continue
			}
		}
		// "Maher al-Assad", "Abdul-Malik al-Houthi": a known surname or group
		// name after a particle and a given name belongs to another person
		if d.particleGlued(toks, i) {
			i = end
			continue
		}
		m := mention{ent: ge.name, typ: ge.typ, kind: p.kind, s: i, e: end}
		// "Zhemchug Bank in Bishkek": a capital as the seat of an
		// organisation is the city, not its government
		if p.kind == kCapital && (i >= 2 && (toks[i-1].lower == "in" || toks[i-1].lower == "of") && toks[i-2].cap && x.orgCues[toks[i-2].text] && !x.stop[toks[i-2].text] ||
			// "Orlov Optik a.d. of Belgrade", "Orlov Metals of Minsk": after a
			// name, "of" a capital gives the firm's city
			i >= 2 && toks[i-1].lower == "of" && (toks[i-2].cap && !x.stop[toks[i-2].text] || strings.HasSuffix(toks[i-2].text, ".")) ||
			// "Kindia Shipping SARL, Conakry", "Cedrus Lines S.A.L., of Beirut":
			// a capital right after a firm's legal form is its seat
			i >= 2 && toks[i-1].text == "," && (x.orgCues[toks[i-2].text] && toks[i-2].upper || legalSuffixes[toks[i-2].text]) ||
			i >= 3 && toks[i-1].lower == "of" && toks[i-2].text == "," && x.orgCues[toks[i-3].text] ||
			d.capitalAsPlace(toks, i, end, ge.name)) {
			m = mention{ent: d.surface(toks, i, end), typ: graph.Location, s: i, e: end}
		}
		// "West Africa", "Southern Syria": a compass word widens a place into a region
		if p.kind == kName && (ge.typ == graph.Location || ge.typ == graph.Country) && i > 0 && compass[toks[i-1].text] && !covered[i-1] {
			m = mention{ent: d.surface(toks, i-1, end), typ: graph.Location, s: i - 1, e: end}
		}
		// "Syrian civil war": demonym + lower-case "civil war" → event
		if p.kind == kDemonym && end+1 < n && toks[end].lower == "civil" && toks[end+1].lower == "war" {
			m = mention{ent: d.surface(toks, i, end) + " civil war", typ: graph.Event, s: i, e: end + 2}
		}
		cover(m)
		i = m.e
	}
	// "Israel-Lebanon war": two states joined by a hyphen before war/conflict
	for k := 0; k+1 < len(ms); k++ {
		a, b := ms[k], ms[k+1]
		if a.typ == graph.Country && b.typ == graph.Country && b.s == a.e+1 && toks[a.e].text == "-" && !toks[a.e].space && b.e < n {
			w := toks[b.e].lower
			if w == "war" || w == "conflict" {
				m := mention{ent: d.surface(toks, a.s, b.e+1), typ: graph.Event, s: a.s, e: b.e + 1}
				ms = append(ms[:k], append([]mention{m}, ms[k+2:]...)...)
				covered[b.e] = true
			}
		}
	}
	// 2. acronym definitions: Long Form (ACR)
	for p := 1; p+2 < n; p++ {
		if toks[p].text != "(" || toks[p+2].text != ")" || !toks[p+1].upper || toks[p+1].kind != tWord {
			continue
		}
		acr := toks[p+1].text
		k := d.longFormStart(toks, p, acr)
		if k < 0 {
			continue
		}
		// widen to any mention overlapping the long form
		for _, m := range ms {
			if m.s < k && m.e > k {
				k = m.s
			}
		}
		var ent learnedEnt
		found := false
		for _, m := range ms {
			if m.s == p+1 && m.e == p+2 && m.typ != graph.Country {
				ent, found = learnedEnt{name: m.ent, typ: m.typ}, true
			}
		}
		if !found {
			for _, m := range ms {
				// a state's own long form, "the People's Republic of China
				// (PRC)", makes the acronym an alias of the state; a longer
				// name that merely starts with a state is something else
				if m.s <= k && m.e == p && (m.typ != graph.Country || m.s == k && m.kind == kName) {
					ent, found = learnedEnt{name: m.ent, typ: m.typ}, true
				}
			}
		}
		long := d.surface(toks, k, p)
		if !found && d.allStopWords(toks, k, p) {
			continue // "Executive Order (E.O.)", "Annual Report (AR)": not a name
		}
		// "Ultimate beneficial owner (UBO)": lower-case words make a term,
		// not a name
		if !found && lowerContentWord(toks, k, p) {
			continue
		}
		if !found {
			typ, ok := d.chunkType(toks, k, p)
			if !ok || typ == graph.Person {
				typ = graph.Organization
			}
			ent = learnedEnt{name: long, typ: typ}
		}
		// replace overlapping mentions
		keep := ms[:0]
		for _, m := range ms {
			if m.e <= k || m.s >= p+3 {
				keep = append(keep, m)
			}
		}
		ms = keep
		for i := k; i < p+3; i++ {
			covered[i] = false
		}
		cover(mention{ent: ent.name, typ: ent.typ, s: k, e: p + 3, surface: long})
		d.learn(acr, ent)
		d.learn(long, ent)
		if final {
			de := d.entity(ent.name, ent.typ, "")
			de.addAlias(acr)
			de.addAlias(long)
		}
	}
	// 3. learned aliases (final pass)
	if final {
		for i := 0; i < n; i++ {
			if covered[i] || !toks[i].cap {
				continue
			}
			best := -1
			var be learnedEnt
			var key strings.Builder
			for j := i; j < n && j < i+6 && !covered[j]; j++ {
				if j > i && toks[j].space {
					key.WriteByte(' ')
				}
				key.WriteString(toks[j].lower)
				if le, ok := d.learned[key.String()]; ok && (j+1 >= n || !toks[j+1].cap || toks[j+1].kind != tWord) {
					best, be = j+1, le
				}
			}
			// at the start of a sentence only before a lower-case word
			// ("Varga sells", "Parvin also cooperates")
			if best < 0 && (i > 0 || (n > 1 && (toks[1].kind == tWord && !toks[1].cap || toks[1].text == "'s"))) && toks[i].kind == tWord {
				// a distinctive first word of an organisation's name, alone
				// and not opening the sentence
				if le, ok := d.shortOrg[toks[i].lower]; ok && (i+1 >= n || !toks[i+1].cap || toks[i+1].kind != tWord) && (i+1 >= n || toks[i+1].text != "-") {
					best, be = i+1, le
				}
			}
			if best > 0 {
				cover(mention{ent: be.name, typ: be.typ, s: i, e: best})
				i = best - 1
			}
		}
	}
	// 4. capitalised chunks typed by cues
	d.chunks(toks, covered, &ms, cover)
	sort.Slice(ms, func(a, b int) bool { return ms[a].s < ms[b].s })
	// 5. short-form definitions: Long Name ("Short"), Long Name ("ACR-ABC")
	ms = d.shortForms(toks, ms, final)
	for i := range ms {
		m := &ms[i]
		m.start, m.end = toks[m.s].start, toks[m.e-1].end
		if m.surface == "" {
			m.surface = d.surface(toks, m.s, m.e)
		}
	}
	if final {
		for _, m := range ms {
			de := d.entity(m.ent, m.typ, x.countryOf[m.ent])
			de.mentions++
			de.addAlias(m.surface)
		}
	}
	return ms
}

// newlineBefore reports whether a line break separates toks[i] from the
// token before it.
func (d *docState) newlineBefore(toks []token, i int) bool {
	if i <= 0 || i >= len(toks) {
		return false
	}
	for k := toks[i-1].end; k < toks[i].start && k < len(d.nr); k++ {
		if d.nr[k] == '\n' {
			return true
		}
	}
	return false
}

// learnedAt returns the longest learned name starting at toks[i] (a
// whole-word match) and its end, or -1.
func (d *docState) learnedAt(toks []token, i int) (learnedEnt, int) {
	best := -1
	var be learnedEnt
	var key strings.Builder
	for j := i; j < len(toks) && j < i+6; j++ {
		if j > i && toks[j].space {
			key.WriteByte(' ')
		}
		key.WriteString(toks[j].lower)
		if le, ok := d.learned[key.String()]; ok && (j+1 >= len(toks) || !toks[j+1].cap || toks[j+1].kind != tWord) {
			best, be = j+1, le
		}
	}
	return be, best
}

// isQuote reports whether a token is a double quotation mark.
func isQuote(t string) bool { return t == "\"" || t == "“" || t == "”" }

// allStopWords reports whether every word of toks[s:e] is a stop word or a
// connector: such a phrase names a document or an instrument, not an entity.
func (d *docState) allStopWords(toks []token, s, e int) bool {
	for i := s; i < e; i++ {
		if toks[i].kind == tWord && !d.x.stop[toks[i].text] && !connectors[toks[i].lower] {
			return false
		}
	}
	return true
}

// particleGlued reports whether the gazetteer match at toks[i] is the tail
// of a longer Arabic-style name: Given al-<match>.
func (d *docState) particleGlued(toks []token, i int) bool {
	gi := i - 3
	switch {
	case i+2 < len(toks) && nameParticles[toks[i].lower] && !toks[i].cap && toks[i+1].text == "-" && !toks[i+1].space:
		gi = i - 1 // the match itself starts at the particle: "al-Assad"
	case i < 3 || toks[i-1].text != "-" || toks[i-1].space || toks[i].space || !nameParticles[toks[i-2].lower]:
		return false
	}
	if gi < 0 {
		return false
	}
	g := toks[gi]
	if g.kind != tWord || !g.cap || d.x.stop[g.text] {
		return false
	}
	if _, ok := d.x.titles[g.lower]; ok {
		return false
	}
	return true
}

// shortForms learns quoted or multi-word short forms defined in
// parentheses right after a mention: Kestrel Trading FZE ("Kestrel").
func (d *docState) shortForms(toks []token, ms []mention, final bool) []mention {
	n := len(toks)
	for p := 1; p < n; p++ {
		if toks[p].text != "(" {
			continue
		}
		a := p + 1
		quoted := a < n && toks[a].text == "\""
		if quoted {
			a++
		}
		b := a
		for b < n && b-a < 6 && (toks[b].kind == tWord || toks[b].kind == tNum || (toks[b].text == "-" && !toks[b].space) || toks[b].text == "&") {
			b++
		}
		e := b
		if quoted {
			if e >= n || toks[e].text != "\"" {
				continue
			}
			e++
		}
		// ("Kestrel" or "the Company"), ("Kestrel", "we", "us"): further
		// defined terms; generic ones ("the Company", "we") become
		// references to the long form rather than names
		var generic []string
		if quoted {
			for e+2 < n && (toks[e].lower == "or" || toks[e].lower == "and" || toks[e].text == "," || toks[e].text == ";") && toks[e+1].text == "\"" {
				q := e + 2
				for q < n && q-e < 6 && toks[q].kind == tWord {
					q++
				}
				if q >= n || toks[q].text != "\"" || q == e+2 {
					break
				}
				generic = append(generic, strings.ToLower(d.surface(toks, e+2, q)))
				e = q + 1
			}
		}
		if quoted && b > a && e < n && toks[e].text == ")" && (toks[a].lower == "the" || toks[a].lower == "we" || toks[a].lower == "us") {
			generic = append(generic, strings.ToLower(d.surface(toks, a, b)))
			b = a // the first term is generic too: no short name
		}
		if len(generic) > 0 && e < n && toks[e].text == ")" {
			for k := len(ms) - 1; k >= 0; k-- {
				if m := ms[k]; m.e == p && m.typ == graph.Organization {
					if d.defined == nil {
						d.defined = map[string]string{}
					}
					for _, g := range generic {
						d.defined[g] = m.ent
					}
					break
				}
			}
		}
		if b == a || e >= n || toks[e].text != ")" || !toks[a].cap {
			continue
		}
		if !quoted && (b-a == 1 && toks[a].upper) {
			continue // plain acronyms are handled with the long form
		}
		li := -1
		for k, m := range ms {
			if m.e == p && m.typ != graph.Item && m.typ != graph.Country {
				li = k
			}
		}
		if li < 0 {
			continue
		}
		long := ms[li]
		short := d.surface(toks, a, b)
		// the short form must be an acronym or share a word with the long form
		ok := toks[a].upper
		for k := long.s; k < long.e && !ok; k++ {
			if toks[k].lower == toks[a].lower {
				ok = true
			}
		}
		if !ok {
			continue
		}
		le := learnedEnt{name: long.ent, typ: long.typ}
		d.learn(short, le)
		keep := ms[:0]
		for _, m := range ms {
			if m.e <= a || m.s >= b {
				keep = append(keep, m)
			}
		}
		ms = keep
		m := mention{ent: long.ent, typ: long.typ, s: a, e: b, surface: short}
		m.start, m.end = toks[a].start, toks[b-1].end
		ms = append(ms, m)
		sort.Slice(ms, func(x, y int) bool { return ms[x].s < ms[y].s })
		if final {
			d.entity(long.ent, long.typ, "").addAlias(short)
		}
		p = e
	}
	return ms
}

// lowerContentWord reports a lower-case word in toks[s:e] that is not a
// connector or name particle ("Ultimate beneficial owner").
func lowerContentWord(toks []token, s, e int) bool {
	for i := s; i < e; i++ {
		if t := toks[i]; t.kind == tWord && !t.cap && !connectors[t.lower] && !nameParticles[t.lower] {
			return true
		}
	}
	return false
}

// glued reports whether toks[s:e] sits inside a longer capitalised name
// ("George Washington", "Washington Post"): metonyms are skipped there.
func (d *docState) glued(toks []token, s, e int) bool {
	if s > 0 && toks[s-1].kind == tWord && toks[s-1].cap && !d.x.stop[toks[s-1].text] {
		return true
	}
	if e < len(toks) && toks[e].kind == tWord && toks[e].cap && !d.x.stop[toks[e].text] {
		return true
	}
	return false
}

// longFormStart finds where the long form of acr begins before the "(" at p,
// or -1. Initials of content words are tried first, then a Schwartz–Hearst
// style character alignment.
func (d *docState) longFormStart(toks []token, p int, acr string) int {
	lo := p
	for lo-1 >= 0 && p-(lo-1) <= len(acr)+6 {
		t := toks[lo-1]
		if t.kind == tWord || t.text == "'s" || (t.text == "-" && !t.space) || t.text == "&" {
			lo--
			continue
		}
		// "Sittang Aerospace Trading Co., Ltd. (SAT)": a legal form after a comma
		if t.text == "," && lo < p && legalSuffixes[toks[lo].text] {
			lo--
			continue
		}
		break
	}
	if lo == p {
		return -1
	}
	a := strings.ToUpper(acr)
	// initials
	var initials []rune
	var idx []int
	for i := p - 1; i >= lo; i-- {
		t := toks[i]
		if t.kind != tWord || connectors[t.lower] || nameParticles[t.lower] {
			continue
		}
		r := []rune(t.text)[0]
		initials = append([]rune{unicode.ToUpper(r)}, initials...)
		idx = append([]int{i}, idx...)
		if string(initials) == a {
			if toks[i].cap {
				return i
			}
			break
		}
		if len(initials) > len([]rune(a)) {
			break
		}
	}
	// character alignment from the end
	var sb []rune
	var owner []int
	for i := lo; i < p; i++ {
		if i > lo && toks[i].space {
			sb = append(sb, ' ')
			owner = append(owner, i)
		}
		for _, r := range toks[i].text {
			sb = append(sb, unicode.ToLower(r))
			owner = append(owner, i)
		}
	}
	ar := []rune(strings.ToLower(acr))
	si := len(sb) - 1
	for li := len(ar) - 1; li >= 0; li-- {
		c := ar[li]
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			continue
		}
		for si >= 0 && (sb[si] != c || (li == 0 && si > 0 && (unicode.IsLetter(sb[si-1]) || unicode.IsDigit(sb[si-1])))) {
			si--
		}
		if si < 0 {
			return -1
		}
		si--
	}
	k := owner[si+1]
	if !toks[k].cap || p-k < 2 {
		return -1
	}
	return k
}

// titleBefore returns the length (in tokens) of a title that ends right
// before toks[s], and whether it is a leader title.
func (d *docState) titleBefore(toks []token, s int) (int, bool) {
	for k := 3; k >= 1; k-- {
		if s-k < 0 {
			continue
		}
		var parts []string
		for i := s - k; i < s; i++ {
			parts = append(parts, toks[i].lower)
		}
		ph := strings.Join(parts, " ")
		if _, ok := d.x.titles[ph]; ok {
			return k, d.x.leaderTitles[ph]
		}
		if k >= 2 {
			if _, ok := d.x.titles[strings.ReplaceAll(ph, " - ", "-")]; ok {
				return k, d.x.leaderTitles[strings.ReplaceAll(ph, " - ", "-")]
			}
		}
	}
	return 0, false
}

// cuedNameAt reports whether a name of at least two capitalised words that
// ends in an organisation cue or legal form starts at token k.
func (d *docState) cuedNameAt(toks []token, k int, isCapWord func(int) bool) bool {
	e := k
	for e < len(toks) && (isCapWord(e) || legalSuffixes[toks[e].text]) {
		e++
	}
	return e-k >= 2 && (d.x.orgCues[toks[e-1].text] || legalSuffixes[toks[e-1].text])
}

// chunkType types a capitalised chunk toks[s:e] by its cue words and
// context; ok=false means no cue (the chunk is dropped).
func (d *docState) chunkType(toks []token, s, e int) (graph.EntityType, bool) {
	x := d.x
	n := e - s
	first, last := toks[s].text, toks[e-1].text
	// "ZHOU MINGHAO": names in capitals (indictments, dossiers) are looked
	// up by their title-case form
	givenFirst := x.given[first]
	if toks[s].upper && len(first) > 1 {
		givenFirst = x.given[first[:1]+strings.ToLower(first[1:])]
	}
	if t, ok := d.recTypes[strings.ToLower(d.surface(toks, s, e))]; ok {
		return t, true
	}
	// "Address: Izhevsk, ...": the first part of an address is a place
	if s == 2 && toks[0].lower == "address" && toks[1].text == ":" && n <= 3 {
		return graph.Location, true
	}
	if n >= 2 && x.eventPrefixes[first] {
		return graph.Event, true
	}
	if n >= 2 && x.eventCues[last] {
		return graph.Event, true
	}
	if n >= 2 && (x.orgCues[last] || legalSuffixes[last] || (toks[e-1].upper && x.orgCues[capsCue(last)])) {
		return graph.Organization, true
	}
	// "Karatau Trade House", "Almaz Trading House": a merchant house
	if n >= 3 && last == "House" && (toks[e-2].text == "Trade" || toks[e-2].text == "Trading") {
		return graph.Organization, true
	}
	// "OOO Sever-Komplekt", "NPP Lazurit-Signal": a legal-form prefix
	if n >= 2 && orgPrefixes[first] {
		return graph.Organization, true
	}
	// "The Selene Arrow, which flies the flag of Cameroon"
	if e+3 < len(toks) && toks[e].text == "," && toks[e+1].lower == "which" && (toks[e+2].lower == "flies" || toks[e+2].lower == "flew" || toks[e+2].lower == "sails") {
		return graph.Vessel, true
	}
	// "Its sole director is Azlan Hakimi": a name completing a role
	if n >= 2 && n <= 4 && s >= 2 && (toks[s-1].lower == "is" || toks[s-1].lower == "was") && (x.leaderTitles[toks[s-2].lower] || x.personNouns[toks[s-2].lower] || ownerNouns[toks[s-2].lower]) &&
		!x.orgCues[last] && !x.locCues[last] {
		return graph.Person, true
	}
	if n >= 3 && x.orgCues[first] && toks[s+1].lower == "of" {
		return graph.Organization, true
	}
	// "the Kerttu Bay, Cameroon-flagged and operated by ...": a flag
	// compound apposed to a name makes it a ship, whatever its cue
	if e+4 < len(toks) && toks[e].text == "," && toks[e+2].text == "-" && toks[e+3].lower == "flagged" {
		return graph.Vessel, true
	}
	if n >= 2 && (x.locCues[last] || (toks[e-1].upper && x.locCues[capsCue(last)])) && !x.stop[first] {
		return graph.Location, true
	}
	// "Managing director: Min Thant Oo": a role label and a colon
	if s >= 2 && toks[s-1].text == ":" && n >= 2 && n <= 4 && (x.leaderTitles[toks[s-2].lower] || x.personNouns[toks[s-2].lower]) {
		return graph.Person, true
	}
	// "Halcyra Aerotech is an Isfahan-based manufacturer": a name that a
	// copula describes with an organisation noun
	// ("Omar Haddad is a trader": a given name makes it a person)
	if n >= 2 && n <= 4 && !givenFirst && e+2 < len(toks) && (toks[e].lower == "is" || toks[e].lower == "was" || toks[e].text == "," && e+3 < len(toks) && toks[e+1].lower == "is") {
		k := e + 1
		if toks[e].text == "," {
			k++
		}
		if k < len(toks) && (toks[k].lower == "a" || toks[k].lower == "an") {
			for q := k + 1; q < len(toks) && q <= k+6; q++ {
				if toks[q].kind == tPunct && toks[q].text != "-" {
					break
				}
				if toks[q].kind == tWord && !toks[q].cap && (x.orgHeads[toks[q].lower] || x.locatedHeads[toks[q].lower]) && (q+1 >= len(toks) || toks[q+1].kind != tWord || !x.orgHeads[toks[q+1].lower] && toks[q+1].cap == false) {
					return graph.Organization, true
				}
			}
		}
	}
	// "Kan Thit village", "Idlib province": a lower-case place noun after the name
	if e < len(toks) && !toks[e].cap && x.locCues[toks[e].lower] && !x.stop[first] && !x.given[first] {
		return graph.Location, true
	}
	if n >= 3 {
		if _, ok := x.locPrefixes[toks[s].lower+" "+toks[s+1].lower]; ok {
			return graph.Location, true
		}
	}
	if s > 0 {
		if k, _ := d.titleBefore(toks, s); k > 0 && n <= 4 {
			return graph.Person, true
		}
		// "Its commander, Khalifa Haftar,": a title, a comma, a name
		if s >= 2 && toks[s-1].text == "," && n >= 2 && n <= 4 && !x.orgCues[last] && !x.locCues[last] {
			if k, _ := d.titleBefore(toks, s-1); k > 0 && s-2-k >= 0 && determiners[toks[s-2-k].lower] {
				return graph.Person, true
			}
		}
		p := toks[s-1]
		// "on board the Aldora Star", "aboard the X"
		if q := s - 1; n <= 4 && q >= 1 && p.lower == "the" && (toks[q-1].lower == "aboard" || (q >= 2 && toks[q-1].lower == "board" && toks[q-2].lower == "on")) {
			return graph.Vessel, true
		}
		if x.vesselPrefixes[p.text] || x.vesselCues[p.lower] || (p.text == "\"" && s > 1 && x.vesselCues[toks[s-2].lower]) {
			return graph.Vessel, true
		}
	}
	if x.vesselPrefixes[first] && n >= 2 {
		return graph.Vessel, true
	}
	// "the Golnar Wave, an Iranian-flagged general cargo ship": a ship
	// noun heading the apposition decides before any given-name reading
	if e+2 < len(toks) && toks[e].text == "," && (toks[e+1].lower == "a" || toks[e+1].lower == "an" || toks[e+1].lower == "the") {
		for k := e + 2; k < len(toks) && k <= e+8; k++ {
			if toks[k].kind == tPunct && toks[k].text != "-" {
				break
			}
			if x.vesselCues[toks[k].lower] && (k+1 >= len(toks) || toks[k+1].kind != tWord || !x.vesselCues[toks[k+1].lower] && (toks[k+1].cap || !x.orgHeads[toks[k+1].lower])) {
				return graph.Vessel, true
			}
		}
	}
	if givenFirst && n >= 2 && n <= 4 {
		ok := true
		for i := s + 1; i < e; i++ {
			if toks[i].kind == tWord && !toks[i].cap && !nameParticles[toks[i].lower] {
				ok = false
			}
			// "Karim-9": a person's name has no number in it
			if x.orgCues[toks[i].text] || x.locCues[toks[i].text] || toks[i].kind == tNum {
				ok = false
			}
		}
		if ok {
			return graph.Person, true
		}
	}
	for k := 1; k <= 4 && s-k >= 0; k++ {
		var parts []string
		for i := s - k; i < s; i++ {
			parts = append(parts, toks[i].lower)
		}
		if _, ok := x.locPreps[strings.Join(parts, " ")]; ok && n <= 4 {
			return graph.Location, true
		}
	}
	// "Pak Chol-min", "Kim Jong-un": family name + hyphenated given name
	if n == 4 && toks[s].cap && toks[s+1].cap && toks[s+2].text == "-" && !toks[s+2].space && toks[s+3].kind == tWord && !toks[s+3].cap && !toks[s+3].space {
		return graph.Person, true
	}
	// "Marcus Delacroix-Bain": a name and a double-barrelled surname
	if n == 4 && toks[s].cap && !toks[s].upper && toks[s+1].cap && !toks[s+1].upper && toks[s+2].text == "-" && !toks[s+2].space && toks[s+3].cap && !toks[s+3].upper && !toks[s+3].space &&
		!x.orgCues[toks[s+3].text] && !x.locCues[toks[s+3].text] && !x.orgCues[first] && !x.locCues[first] {
		return graph.Person, true
	}
	// "X, a Lebanese businessman", "X, a Mumbai-based broker"
	if n >= 2 && n <= 4 && e+2 < len(toks) && toks[e].text == "," {
		for k := e + 1; k < len(toks) && k <= e+6; k++ {
			if x.personNouns[toks[k].lower] {
				return graph.Person, true
			}
			if (toks[k].kind == tPunct && !(toks[k].text == "-" && !toks[k].space)) || toks[k].lower == "who" || toks[k].lower == "which" {
				break
			}
		}
	}
	if n >= 2 && n <= 4 && s > 0 && !x.orgCues[last] && !x.locCues[last] {
		// "the Syrian businessman Samer Foz": a role noun right before
		if p := toks[s-1]; p.kind == tWord && !p.cap && x.personNouns[p.lower] {
			return graph.Person, true
		}
		// "the appellant's associate, Nurlan Abdrakhmanov", "a former
		// partner, Tomasz Wierzbicki": a role noun, a comma, a name
		if s >= 2 && toks[s-1].text == "," && toks[s-2].kind == tWord && !toks[s-2].cap && x.personNouns[toks[s-2].lower] {
			return graph.Person, true
		}
	}
	// "Andreas Papadakis, 52, was charged": a name with an age apposed
	if n >= 2 && n <= 4 && e+2 < len(toks) && toks[e].text == "," && toks[e+1].kind == tNum && len(toks[e+1].text) <= 2 &&
		toks[e+2].text == "," && !x.orgCues[last] && !x.locCues[last] && !x.stop[first] {
		ok := true
		for i := s; i < e; i++ {
			if toks[i].kind == tWord && (!toks[i].cap || toks[i].upper) && !nameParticles[toks[i].lower] {
				ok = false
			}
		}
		if ok {
			return graph.Person, true
		}
	}
	// "the state conglomerate Almazprom", "a freight forwarder, Delta Cargo
	// Line,": an organisation noun right before a name, or before a comma
	if n <= 4 && s > 0 && !x.given[first] && !x.stop[first] {
		if p := toks[s-1]; p.kind == tWord && !p.cap && (x.orgHeads[p.lower] || x.locatedHeads[p.lower]) {
			return graph.Organization, true
		}
		if s >= 2 && toks[s-1].text == "," && toks[s-2].kind == tWord && !toks[s-2].cap && (x.orgHeads[toks[s-2].lower] || x.locatedHeads[toks[s-2].lower]) &&
			(e == len(toks) || toks[e].kind == tPunct) {
			return graph.Organization, true
		}
	}
	// "Sberbank", "Promsvyazbank": one word ending in "bank"
	if n == 1 && len(toks[s].text) > 6 && strings.HasSuffix(toks[s].text, "bank") && toks[s].cap && !toks[s].upper {
		return graph.Organization, true
	}
	// "a front company in Sharjah", "called at Salif in March": a single
	// unknown capitalised word after a preposition of place, ending the
	// phrase
	if n == 1 && s >= 2 && placePreps[toks[s-1].lower] && toks[s-2].kind == tWord && !toks[s].upper &&
		(e == len(toks) || toks[e].kind == tPunct || (toks[e].kind == tWord && !toks[e].cap)) && !x.given[first] {
		return graph.Location, true
	}
	// "from Haeju in North Korea", "in Dalian, China"
	if n <= 3 && s > 0 && locPrepsBefore[toks[s-1].lower] && e+1 < len(toks) && (toks[e].lower == "in" || toks[e].text == ",") {
		if p, _ := x.trie.match(toks, e+1); p != nil && x.ents[p.ent].typ == graph.Country && p.kind == kName {
			return graph.Location, true
		}
	}
	// "Dubai-based", "Sharjah-registered": a place before a location compound
	if n <= 3 && e+1 < len(toks) && toks[e].text == "-" && !toks[e].space && !toks[e+1].space && locCompounds[toks[e+1].lower] {
		return graph.Location, true
	}
	if n == 1 && toks[s].upper && len(toks[s].text) <= 8 && !x.acroStop[first] && e < len(toks) && orgHeadAfterAcronym[toks[e].lower] {
		return graph.Organization, true
	}
	// "the PELAGIA ROSE (IMO 9314521)", "SEVER ENDURANCE, IMO 9460718": an
	// IMO number names a ship
	if e+1 < len(toks) && (toks[e].text == "(" || toks[e].text == ",") && toks[e+1].text == "IMO" {
		return graph.Vessel, true
	}
	// "the Panama-flagged PELAGIA ROSE"
	if s >= 2 && toks[s-1].lower == "flagged" && toks[s-2].text == "-" {
		return graph.Vessel, true
	}
	// "ORINDA SPIRIT — crude oil tanker, built 2004": a name and a
	// ship noun after a dash or comma
	if e+1 < len(toks) && (toks[e].text == "—" || toks[e].text == "–" || toks[e].text == "-" && toks[e].space || toks[e].text == ",") {
		for k := e + 1; k < len(toks) && k <= e+4 && toks[k].kind == tWord && !toks[k].cap; k++ {
			if x.vesselCues[toks[k].lower] && (k+1 >= len(toks) || toks[k+1].kind != tWord || toks[k+1].cap) {
				return graph.Vessel, true
			}
		}
	}
	// "a freight forwarder called Volna Logistik", "a man named X": a
	// name introduced by "called"/"named" after a noun of its kind
	if s >= 2 && (toks[s-1].lower == "called" || toks[s-1].lower == "named") && n <= 4 {
		for k := s - 2; k >= 0 && k >= s-7; k-- {
			w := toks[k].lower
			if toks[k].kind != tWord {
				break
			}
			switch {
			case x.orgHeads[w] || x.locatedHeads[w] || w == "house" || w == "outfit":
				return graph.Organization, true
			case x.personNouns[w] || w == "man" || w == "woman" || w == "person":
				return graph.Person, true
			case x.vesselCues[w]:
				return graph.Vessel, true
			}
		}
	}
	// "Orvell Resins Pvt Ltd, a Nashik exporter": a name modifying a
	// business noun in an apposition is the firm's town
	// ("a Thane West crewing agency": a modifier may come between)
	if n <= 2 && s >= 3 && (toks[s-1].lower == "a" || toks[s-1].lower == "an") && toks[s-2].text == "," && !x.orgCues[last] && !x.given[first] && !toks[s].upper {
		for k := e; k < len(toks) && k <= e+1 && toks[k].kind == tWord && !toks[k].cap; k++ {
			if x.locatedHeads[toks[k].lower] {
				return graph.Location, true
			}
		}
	}
	// "Selvar Polymers Sdn Bhd of Kuantan": after a legal form, "of" and a
	// short name give the firm's town
	if n <= 2 && s >= 2 && toks[s-1].lower == "of" && (legalSuffixes[toks[s-2].text] || abbreviatedForm(toks, s-2)) && !x.orgCues[last] && !x.given[first] {
		return graph.Location, true
	}
	// "Orlan-10", "Su-30SME": a model designation; "Wing Loong II armed
	// drones": a name right before a known kind of item
	if d.itemModel(toks, s, e) {
		return graph.Item, true
	}
	// "Baykar, the manufacturer,": a name apposed to a company noun;
	// "Creekside Bullion, a Dubai refinery": a place may modify the noun
	if n <= 3 && e+3 < len(toks) && toks[e].text == "," && !x.given[first] {
		if w := toks[e+1].lower; w == "the" || w == "a" || w == "an" {
			for k := e + 2; k < len(toks) && k <= e+6; k++ {
				if toks[k].kind == tWord && toks[k].cap {
					if p, end := x.trie.match(toks, k); p != nil && (x.ents[p.ent].typ == graph.Location || x.ents[p.ent].typ == graph.Country) {
						k = end - 1
						// "a Singapore-based firm"
						if k+2 < len(toks) && toks[k+1].text == "-" && !toks[k+1].space && locCompounds[toks[k+2].lower] {
							k += 2
						}
						continue
					}
				}
				if toks[k].kind != tWord || toks[k].cap {
					break
				}
				if (x.locatedHeads[toks[k].lower] || x.orgHeads[toks[k].lower]) && k+1 < len(toks) && (toks[k+1].kind == tPunct || apposEnd[toks[k+1].lower]) {
					return graph.Organization, true
				}
			}
		}
	}
	// "a subsidiary of Rostec", "front company of X": a parent organisation
	if n <= 3 && s >= 2 && orgParentHeads[toks[s-2].lower] && toks[s-1].lower == "of" && !x.given[first] {
		return graph.Organization, true
	}
	// "Sa'id al-Jamal", "Abdul-Malik al-Houthi": given name, particle, hyphen, family name
	if n >= 4 && n <= 7 && !x.orgCues[last] && !x.locCues[last] {
		for i := s + 1; i+2 < e; i++ {
			if arabicParticles[toks[i].lower] && !toks[i].cap && toks[i+1].text == "-" && !toks[i+1].space && toks[i+2].cap {
				return graph.Person, true
			}
		}
	}
	return "", false
}

// stateBefore reports whether a country name or demonym mention ends at token i.
func (d *docState) stateBefore(ms []mention, i int) bool {
	for _, m := range ms {
		if m.e == i && (m.kind == kDemonym || m.kind == kName) && m.typ == graph.Country {
			return true
		}
	}
	return false
}

// itemModel reports whether toks[s:e] names a model of weapon or vehicle:
// a designation with a glued hyphen and a digit ("Orlan-10", "Garpiya-A1",
// "Su-30SME"; not reference codes such as "RUS-1287"), or a short name
// with a digit or Roman numeral followed, at most two lower-case words
// on, by a gazetteer item ("Bayraktar TB2 drones", "Wing Loong II armed
// drones").
func (d *docState) itemModel(toks []token, s, e int) bool {
	n := e - s
	if n > 4 {
		return false
	}
	hasDigit := false
	for i := s; i < e; i++ {
		t := toks[i]
		if strings.ContainsAny(t.text, "0123456789") || (i > s && t.upper && romanNumerals[t.text]) {
			hasDigit = true
		}
		if t.text == "-" && !t.space && i > s && i+1 < e && !toks[i+1].space && strings.ContainsAny(toks[i+1].text, "0123456789") {
			codeLike := toks[i-1].upper || len(toks[i-1].text) == 1
			digitsOnly := strings.Trim(toks[i+1].text, "0123456789") == ""
			// "Mar-24", "Sept-2025": a month and its year in a table's
			// date column
			date := digitsOnly && monthWord(toks[i-1].text)
			if !(codeLike && digitsOnly && referenceCode(toks, i+1)) && !date && toks[s].kind == tWord {
				return true
			}
		}
	}
	if !hasDigit || toks[s].kind != tWord {
		return false
	}
	for k := e; k < len(toks) && k <= e+2; k++ {
		if p, _ := d.x.trie.match(toks, k); p != nil {
			return d.x.ents[p.ent].typ == graph.Item
		}
		if toks[k].kind != tWord || toks[k].cap {
			return false
		}
	}
	return false
}

// abbreviatedForm reports whether toks[i] is the full stop that ends an
// abbreviated legal form the tokenizer split off ("Ltd" ".").
func abbreviatedForm(toks []token, i int) bool {
	return i >= 1 && toks[i].text == "." && !toks[i].space && legalSuffixes[toks[i-1].text+"."]
}

// referenceCode reports whether the number at toks[i], after a code's
// capitals and a hyphen, makes a reference rather than a model: four
// digits or more ("REF-2291", "CN-2031"), a leading zero ("T-07"), or a
// further part glued on ("CASE-24-0193", "ORD-312/2021"). A model's
// number is short and ends the name ("ZK-12", "TR-140", "KN-23").
func referenceCode(toks []token, i int) bool {
	w := toks[i].text
	if len(w) >= 4 || strings.HasPrefix(w, "0") {
		return true
	}
	return i+2 < len(toks) && (toks[i+1].text == "-" || toks[i+1].text == "/") && !toks[i+1].space &&
		!toks[i+2].space && strings.ContainsAny(toks[i+2].text[:1], "0123456789")
}

func ordinal(w string) bool {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) && strings.Trim(w[:len(w)-len(suf)], "0123456789") == "" {
			return true
		}
	}
	return false
}

// legalSuffixes are company legal forms that later mentions often drop.
// orgPrefixes are legal forms written before a name (Russian and
// post-Soviet registries; "PT" in Indonesia).
var orgPrefixes = map[string]bool{"OOO": true, "OAO": true, "ZAO": true, "PAO": true, "AO": true, "NPO": true, "NPP": true, "FGUP": true, "TOO": true, "PT": true}

var legalSuffixes = map[string]bool{"Ltd": true, "Ltd.": true, "LLC": true, "Inc": true, "Inc.": true, "PLC": true, "GmbH": true,
	"FZE": true, "FZCO": true, "JSC": true, "OJSC": true, "Limited": true, "Corp.": true, "AG": true, "SA": true, "S.A.": true, "LLP": true,
	"d.o.o.": true, "EOOD": true, "OOD": true, "SARL": true, "SAS": true, "S.p.A.": true, "SpA": true, "S.r.l.": true, "Srl": true,
	"B.V.": true, "BV": true, "N.V.": true, "NV": true, "AB": true, "Oy": true, "Pte": true, "Pty": true, "Bhd": true, "Ltda": true, "LLP.": true,
	// Gulf, post-Soviet and Balkan forms: "Vardan Trade CJSC", "Kostel
	// Systems EAD". ("DMCC" is left out: typed, those names drew the
	// relations of their sister companies in the development sets.)
	"FZC": true, "CJSC": true, "PJSC": true, "WLL": true, "EAD": true, "AD": true, "Kft.": true, "SAOG": true,
	// Malaysian: "Sendirian Berhad" spelled out, or "Berhad" alone for a public company
	"Berhad": true}

// apposEnd may follow the head noun of an apposition ("X, a defence
// contractor in Y", "X, a distributor registered in Y").
var apposEnd = map[string]bool{"in": true, "based": true, "registered": true, "headquartered": true, "that": true, "which": true, "owned": true, "controlled": true}

// placePreps introduce a place in "<noun> in X".
var placePreps = map[string]bool{"in": true, "at": true, "near": true, "through": true, "via": true}

var orgParentHeads = map[string]bool{"subsidiary": true, "subsidiaries": true, "affiliate": true, "affiliates": true, "division": true}

var romanNumerals = map[string]bool{"II": true, "III": true, "IV": true, "V": true, "VI": true, "VII": true}

// chunks finds capitalised phrases not covered by mentions and keeps those
// a cue types.
func (d *docState) chunks(toks []token, covered []bool, ms *[]mention, cover func(mention)) {
	x := d.x
	n := len(toks)
	isCapWord := func(i int) bool {
		return i < n && !covered[i] && toks[i].kind == tWord && (toks[i].cap || (toks[i].kind == tWord && unicode.IsDigit([]rune(toks[i].text)[0]) && false))
	}
	for i := 0; i < n; i++ {
		// "the Russian armed forces": a state's armed forces in lower case
		if i+1 < n && toks[i].lower == "armed" && !toks[i].cap && toks[i+1].lower == "forces" && !covered[i] && !covered[i+1] && d.stateBefore(*ms, i) {
			for k := range *ms {
				if m := (*ms)[k]; m.e == i && m.kind == kDemonym {
					name := d.surface(toks, m.s, m.e) + " Armed Forces"
					le := learnedEnt{name: name, typ: graph.Organization}
					if prev, ok := d.learned[strings.ToLower(name)]; ok {
						le = prev
					}
					*ms = append((*ms)[:k], (*ms)[k+1:]...)
					cover(mention{ent: le.name, typ: le.typ, s: m.s, e: i + 2})
					break
				}
			}
			continue
		}
		if !isCapWord(i) {
			continue
		}
		// "the Myanmar Army", "Syrian Navy": a one-word organisation cue
		// glued to a state's name or demonym
		if x.orgCues[toks[i].text] && !isCapWord(i+1) && d.stateBefore(*ms, i) && !(i+2 < n && toks[i+1].lower == "of" && isCapWord(i+2)) {
			d.addChunk(toks, i, i+1, graph.Organization, cover, ms)
			continue
		}
		if x.stop[toks[i].text] || x.months[toks[i].text] || x.days[toks[i].text] {
			if !(x.vesselPrefixes[toks[i].text] || x.eventPrefixes[toks[i].text] || d.adjOpensOrg(toks, i, isCapWord)) {
				continue
			}
		}
		if _, ok := x.titles[toks[i].lower]; ok && !x.given[toks[i].text] {
			continue
		}
		j := i + 1
		for j < n {
			t := toks[j]
			// a name never runs across a line break ("Tomasz Wielgosz
			// / Coordinator")
			if d.newlineBefore(toks, j) {
				break
			}
			// "Talbrook Maritime Inc. Commercial manager:": a legal form with
			// a full stop ends the name
			if legalSuffixes[toks[j-1].text] && strings.HasSuffix(toks[j-1].text, ".") && !legalSuffixes[t.text] {
				break
			}
			switch {
			case legalSuffixes[t.text] && !covered[j] && j > i:
				j++ // "Drenvik Trade d.o.o."
				continue
			case isCapWord(j) && !x.months[t.text] && !x.days[t.text]:
				j++
				continue
			case t.text == "-" && !t.space && j+1 < n && !toks[j+1].space && !covered[j+1] && toks[j+1].kind != tPunct && !compoundAdj(toks[j+1]):
				j += 2
				continue
			case t.lower == "and" && d.learned[strings.ToLower(d.surface(toks, i, j))].name != "":
				// "LEILA FARAHANI and NORTHSTAR ...": a known name ends at "and"
			case t.lower == "and" && j-i >= 2 && d.orgPrefixKnown(strings.ToLower(d.surface(toks, i, j))):
				// "Amber Reach and Sirocco Marine": the short form of
				// a company named in full earlier ends at "and"
			case t.lower == "and" && (x.orgCues[toks[j-1].text] || legalSuffixes[toks[j-1].text]) && d.cuedNameAt(toks, j+1, isCapWord):
				// "Kestrel Air Freight and Orlov Metals": two names, each
				// closed by its own organisation cue ("Ministry of Industry
				// and Trade" stays one)
			case t.lower == "of" && (legalSuffixes[toks[j-1].text] || abbreviatedForm(toks, j-1)):
				// "Halden Trading LLC of Kuantan": a legal form ends the name,
				// "of" gives its town
			case (connectors[t.lower] || nameParticles[t.lower]) && !covered[j] && !t.cap:
				if isCapWord(j + 1) {
					j += 2
					continue
				}
				if j+2 < n && toks[j+1].text == "-" && !toks[j+1].space && isCapWord(j+2) {
					j += 3
					continue
				}
				if t.lower == "of" && j+2 < n && toks[j+1].lower == "the" && isCapWord(j+2) {
					j += 3
					continue
				}
			case t.text == "'s" && isCapWord(j+1):
				j += 2
				continue
			case t.kind == tWord && t.upper && !covered[j]:
				j++
				continue
			}
			break
		}
		// "Kaiyuan Micro (HK) Ltd", "Grand Ocean Trading (HK) Ltd": a
		// jurisdiction in parentheses inside a company's name
		if j+3 < n && toks[j].text == "(" && toks[j+1].upper && toks[j+1].kind == tWord && len(toks[j+1].text) <= 4 && toks[j+2].text == ")" && legalSuffixes[toks[j+3].text] {
			for k := range *ms {
				if m := (*ms)[k]; m.s == j+1 && m.e == j+2 {
					*ms = append((*ms)[:k], (*ms)[k+1:]...)
					break
				}
			}
			covered[j+1] = false
			j += 4
		}
		s, e := i, j
		// trim trailing connectors / hyphens
		for e > s+1 && (connectors[toks[e-1].lower] || toks[e-1].text == "-" || toks[e-1].text == "'s") {
			e--
		}
		// "KESTREL DAWN 7" in a table's ship column: a number the record
		// or table gives as part of the name is the name's
		if e < n && toks[e].kind == tNum && d.recTypes != nil {
			if _, ok := d.recTypes[strings.ToLower(d.surface(toks, s, e+1))]; ok {
				e++
				j = e
			}
		}
		// "Shenzhen Yaoxin Microelectronics Co., Ltd.": a legal form after
		// a comma still belongs to the name
		if e-s >= 2 && e+1 < n && toks[e].text == "," && legalSuffixes[toks[e+1].text] && (x.orgCues[toks[e-1].text] || legalSuffixes[toks[e-1].text]) &&
			(e+2 >= n || toks[e+2].kind == tPunct || !toks[e+2].cap) {
			e += 2
			j = e
		}
		// "Brisk Harbor Trading Limited (Brisk Harbor)": a short form in
		// parentheses after a name is that name's alias (shortForms), not a
		// new entity typed by its own cue word ("Harbor" → place)
		if s >= 2 && toks[s-1].text == "(" && e < n && toks[e].text == ")" && covered[s-2] {
			i = e - 1
			continue
		}
		if s >= 3 && isQuote(toks[s-1].text) && toks[s-2].text == "(" && e+1 < n && isQuote(toks[e].text) && (toks[e+1].text == ")" || toks[e+1].lower == "or" || toks[e+1].text == ",") && covered[s-3] {
			i = e - 1
			continue // the same with quotes: (“Delta”)
		}
		// "Belgorod Precision Works", "Bosphorus Cargo Link": a place's
		// name opening an organisation's name belongs to the organisation
		if pl := d.placeBefore(*ms, s); pl >= 0 && toks[s].space {
			m := (*ms)[pl]
			if t2, ok2 := d.chunkType(toks, m.s, e); ok2 && (t2 == graph.Organization || t2 == graph.Vessel) {
				*ms = append((*ms)[:pl], (*ms)[pl+1:]...)
				for k := m.s; k < m.e; k++ {
					covered[k] = false
				}
				d.addChunk(toks, m.s, e, t2, cover, ms)
				i = e - 1
				continue
			}
		}
		// "Seaward Pinnacle" after "Seaward Pinnacle Ship Management LLC":
		// the first words of an organisation named in the document
		if e-s >= 2 && !x.stop[toks[s].text] {
			if le, found := d.orgPrefix(strings.ToLower(d.surface(toks, s, e))); found {
				cover(mention{ent: le.name, typ: le.typ, s: s, e: e})
				d.learn(d.surface(toks, s, e), le)
				i = e - 1
				continue
			}
		}
		typ, ok := d.chunkType(toks, s, e)
		if !ok {
			for k := s + 1; k+1 < e; k++ {
				if _, isTitle := x.titles[toks[k].lower]; isTitle && toks[k].cap {
					if t2, ok2 := d.chunkType(toks, k+1, e); ok2 {
						s, typ, ok = k+1, t2, true
					}
					break
				}
			}
		}
		// "Under Secretary for Terrorism and Financial Intelligence Daniel
		// Whitcombe": a long title glued to a name; the name starts at a
		// given name
		if !ok && e-s >= 4 {
			for k := max(s+1, e-4); k+1 < e; k++ {
				if x.given[toks[k].text] {
					if t2, ok2 := d.chunkType(toks, k, e); ok2 && t2 == graph.Person {
						s, typ, ok = k, t2, true
					}
					break
				}
			}
		}
		// "Raj Dhillon" when "Mr Dhillon" is a person elsewhere in the
		// document: the full name, and the surname now stands for it
		if !ok && e-s == 2 && toks[s].cap && !toks[s].upper && toks[e-1].cap && !x.stop[toks[s].text] {
			if le, known := d.learned[toks[e-1].lower]; known && le.typ == graph.Person && !strings.Contains(le.name, " ") {
				full := d.surface(toks, s, e)
				d.learned[toks[e-1].lower] = learnedEnt{name: full, typ: graph.Person}
				typ, ok = graph.Person, true
			}
		}
		// "made by "Nemanoptic"", "a firm called "Pearl Delta Photonics"":
		// a capitalised name in quotes with no cue is a name all the same;
		// an organisation unless a ship or person noun introduces it
		if !ok && s >= 1 && e < n && isQuote(toks[s-1].text) && isQuote(toks[e].text) && e-s <= 4 && !x.stop[toks[s].text] {
			typ, ok = graph.Organization, true
			for k := s - 2; k >= 0 && k >= s-4 && toks[k].kind == tWord && !toks[k].cap; k-- {
				if x.vesselCues[toks[k].lower] {
					typ = graph.Vessel
				} else if x.personNouns[toks[k].lower] || toks[k].lower == "man" || toks[k].lower == "woman" {
					typ = graph.Person
				}
			}
		}
		if !ok {
			// try the chunk split at a connector ("Samuel Ramani and John Smith")
			split := false
			for k := s + 1; k < e-1; k++ {
				if toks[k].lower == "and" || toks[k].lower == "for" || toks[k].lower == "the" {
					if t1, ok1 := d.chunkType(toks, s, k); ok1 {
						d.addChunk(toks, s, k, t1, cover, ms)
						split = true
					}
					i = k
					break
				}
			}
			if !split && e > i+1 {
				i = e - 1
			}
			continue
		}
		// with a connector inside, a cue word must be present
		d.addChunk(toks, s, e, typ, cover, ms)
		i = e - 1
	}
}

// orgPrefix finds the one organisation learned in this document whose
// name starts with the words of prefix ("seaward pinnacle" → "Seaward
// Pinnacle Ship Management LLC"); two candidates make it ambiguous.
func (d *docState) orgPrefix(prefix string) (learnedEnt, bool) {
	var found learnedEnt
	n := 0
	first, _, _ := strings.Cut(prefix, " ")
	for _, k := range d.orgByFirst[first] {
		le := d.learned[k]
		if le.typ == graph.Organization && len(k) > len(prefix) && k[len(prefix)] == ' ' && strings.HasPrefix(k, prefix) {
			if n == 0 || le.name != found.name {
				n++
				found = le
			}
		}
	}
	return found, n == 1
}

// orgPrefixKnown reports whether prefix opens the name of an
// organisation learned in this document.
func (d *docState) orgPrefixKnown(prefix string) bool {
	_, ok := d.orgPrefix(prefix)
	return ok
}

// placeBefore returns the index of a place-name mention (a gazetteer
// Location, or a city standing for its state) ending right before toks[s],
// or -1.
func (d *docState) placeBefore(ms []mention, s int) int {
	for k, m := range ms {
		if m.e == s && (m.typ == graph.Location && m.kind == kName || m.kind == kCapital) {
			return k
		}
	}
	return -1
}

// adjOpensOrg: a capitalised adjective that is a stop word on its own
// ("Eastern", "National") opens a name of three or more words ending in an
// organisation cue.
func (d *docState) adjOpensOrg(toks []token, i int, isCapWord func(int) bool) bool {
	// "Ministry of Defence", "Department of Commerce": an institution
	// noun with "of" and a capitalised field
	if d.x.orgCues[toks[i].text] && i+2 < len(toks) && toks[i+1].lower == "of" && isCapWord(i+2) && !d.x.stop[toks[i+2].text] {
		return true
	}
	if !compass[toks[i].text] && !adjStops[toks[i].text] {
		return false
	}
	j := i + 1
	for isCapWord(j) {
		j++
	}
	return j-i >= 3 && d.x.orgCues[toks[j-1].text]
}

var adjStops = map[string]bool{"National": true, "International": true, "Federal": true, "Islamic": true, "Democratic": true,
	"Military": true, "Security": true, "Arab": true}

// capsCue turns an ALL-CAPS word into its title-case cue form ("LTD." → "Ltd.").
func capsCue(w string) string {
	if len(w) <= 1 {
		return w
	}
	return w[:1] + strings.ToLower(w[1:])
}

// capsName title-cases an ALL-CAPS name of two or more words ("VIKTOR
// SOKOLOV" → "Viktor Sokolov"); short words that may be acronyms stay.
func capsName(x *Extractor, toks []token, s, e int, surface string) string {
	words := 0
	for i := s; i < e; i++ {
		if toks[i].kind == tWord {
			if !toks[i].upper {
				return surface
			}
			words++
		}
	}
	if words < 2 {
		return surface
	}
	var b strings.Builder
	for i := s; i < e; i++ {
		t := toks[i]
		if i > s && t.space {
			b.WriteByte(' ')
		}
		w := t.text
		if t.kind == tWord && !x.acroStop[w] && (len(w) >= 4 || x.orgCues[capsCue(w)] || connectors[t.lower]) {
			if connectors[t.lower] {
				w = t.lower
			} else {
				w = capsCue(w)
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

func (d *docState) addChunk(toks []token, s, e int, typ graph.EntityType, cover func(mention), ms *[]mention) {
	x := d.x
	// vessel prefix inside the chunk: "MV Jie Shun" → "Jie Shun"
	if typ == graph.Vessel && x.vesselPrefixes[toks[s].text] && e-s >= 2 {
		s++
	}
	// an organisation or place named after a state: "Syrian Arab
	// Airlines", "British Virgin Islands"
	if typ == graph.Organization || (typ == graph.Location && e-s >= 2 && x.locCues[toks[e-1].text]) {
		for k := range *ms {
			m := (*ms)[k]
			if m.e == s && (m.kind == kDemonym || m.typ == graph.Country) && m.s < s {
				s = m.s
				*ms = append((*ms)[:k], (*ms)[k+1:]...)
				// "National Iranian Tanker Company": an adjective before the state
				if s > 0 && (adjStops[toks[s-1].text] || compass[toks[s-1].text]) && toks[s-1].cap {
					s--
				}
				break
			}
		}
	}
	// a unit named after its parent: "Islamic Revolutionary Guard Corps Aerospace Force"
	canon := ""
	if typ == graph.Organization {
		for k := range *ms {
			m := (*ms)[k]
			if m.e == s && m.typ == graph.Organization && m.kind == kName && m.s < s {
				// "IRGC Aerospace Force" after "Islamic Revolutionary Guard
				// Corps Aerospace Force": the same unit under the parent's alias
				if le, ok := d.learned[strings.ToLower(m.ent+" "+d.surface(toks, s, e))]; ok {
					canon = le.name
				}
				s = m.s
				*ms = append((*ms)[:k], (*ms)[k+1:]...)
				break
			}
		}
	}
	// "140th Repair Plant": an ordinal opens the name
	if typ == graph.Organization && s > 0 && toks[s-1].kind == tNum && ordinal(toks[s-1].lower) {
		s--
	}
	name := capsName(x, toks, s, e, d.surface(toks, s, e))
	if canon != "" {
		name = canon
	}
	if strings.HasPrefix(name, "The ") && typ != graph.Organization {
		name = name[4:]
	}
	le := learnedEnt{name: name, typ: typ}
	if prev, ok := d.learned[strings.ToLower(name)]; ok {
		le = prev
	}
	d.learn(name, le)
	// "Halvern Logistics Ltd" is later "Halvern Logistics": a legal-form
	// suffix may be dropped
	if le.typ == graph.Organization && e-s >= 3 && legalSuffixes[toks[e-1].text] && toks[e-2].kind == tWord {
		d.learn(d.surface(toks, s, e-1), le)
	}
	// the distinctive first word of an organisation's name stands for it
	// ("Ventrosk" for "Ventrosk Machinery"); with a cue word at the end, or
	// any two-word name whose first word is long and not a known word
	if le.typ == graph.Organization && (e-s >= 3 || e-s == 2 && len(toks[s].text) >= 6) && (x.orgCues[toks[e-1].text] || e-s == 2 && len(toks[s].text) >= 7) {
		w := toks[s]
		// "Shenzhen Kaiyuan Electronics" is "Kaiyuan": past a place
		// opening the name
		if p, pe := x.trie.match(toks, s); p != nil && pe < e-1 && (x.ents[p.ent].typ == graph.Location || x.ents[p.ent].typ == graph.Country) {
			w = toks[pe]
			if p2, _ := x.trie.match(toks, pe); p2 == nil && w.kind == tWord && w.cap && !w.upper && len(w.text) >= 4 && !x.stop[w.text] && !x.given[w.text] && !x.orgCues[w.text] && !x.locCues[w.text] {
				if d.shortOrg == nil {
					d.shortOrg = map[string]learnedEnt{}
				}
				if _, dup := d.shortOrg[w.lower]; !dup {
					d.shortOrg[w.lower] = le
				}
			}
		}
		w = toks[s]
		if w.kind == tWord && w.cap && !w.upper && len(w.text) >= 4 && !compass[w.text] && !x.stop[w.text] && !x.given[w.text] && !x.orgCues[w.text] && !x.locCues[w.text] {
			if p, _ := x.trie.match(toks, s); p == nil {
				if d.shortOrg == nil {
					d.shortOrg = map[string]learnedEnt{}
				}
				if _, dup := d.shortOrg[w.lower]; !dup {
					d.shortOrg[w.lower] = le
				}
			}
		}
	}
	if le.typ == graph.Person && e-s >= 2 {
		// the surname stands for the person later ("Mansour" after "Farid
		// Mansour", even though Mansour is also a given name)
		sur := toks[e-1]
		if sur.cap && len(sur.text) >= 3 && !x.stop[sur.text] && (!x.given[sur.text] || x.given[toks[s].text]) {
			d.learn(sur.text, le)
		}
	}
	cover(mention{ent: le.name, typ: le.typ, s: s, e: e})
}

// resolveGenericItems reads a definite generic item ("the drones", "these
// missiles") as the specific item named shortly before whose mention ends
// in the same noun ("Shahed-136 drones"): "intercepted seven of the
// drones" is about the Shahed-136. Indefinite generics stay generic.
func (d *docState) resolveGenericItems() {
	for si, ms := range d.ment {
		toks := d.sents[si].toks
		for i, m := range ms {
			if m.typ != graph.Item || m.s == 0 || strings.ToLower(m.ent) != m.ent {
				continue
			}
			if det := toks[m.s-1].lower; det != "the" && det != "these" && det != "those" {
				continue
			}
			head := m.ent
			if k := strings.LastIndexByte(head, ' '); k >= 0 {
				head = head[k+1:]
			}
			if target := d.specificItem(si, m.s, head); target != "" {
				if ge := d.ents[m.ent]; ge != nil && ge.mentions > 0 {
					ge.mentions--
				}
				if te := d.ents[target]; te != nil {
					te.mentions++
				}
				ms[i].ent = target
			}
		}
	}
}

// specificItem finds the last specific (named) item mentioned before token
// pos of sentence si, at most three sentences back, whose mention surface
// ends in head.
func (d *docState) specificItem(si, pos int, head string) string {
	for k := si; k >= 0 && k >= si-3; k-- {
		ms := d.ment[k]
		for j := len(ms) - 1; j >= 0; j-- {
			m := ms[j]
			if k == si && m.s >= pos {
				continue
			}
			if m.typ != graph.Item || strings.ToLower(m.ent) == m.ent {
				continue
			}
			if strings.HasSuffix(strings.ToLower(d.surface(d.sents[k].toks, m.s, m.e)), head) {
				return m.ent
			}
		}
	}
	return ""
}

// placePrepositions before a capital make it the city: "based in Vilnius",
// "a warehouse near Tehran". A capital as a subject or possessor stays the
// state it stands for ("Moscow denied", "Tehran's drones").
var placePrepositions = map[string]bool{"in": true, "at": true, "near": true, "outside": true}

// seatAdjectives after a hyphen make the name before them a seat.
var seatAdjectives = map[string]bool{"based": true, "registered": true, "headquartered": true, "incorporated": true}

// capitalAsPlace reports whether the capital toks[s:e] of state names a
// place: after a preposition of place, as the seat of a business, or
// followed by its state as an address is ("Vilnius, Lithuania").
func (d *docState) capitalAsPlace(toks []token, s, e int, state string) bool {
	if s > 0 && placePrepositions[toks[s-1].lower] {
		return true
	}
	// "Town: Vilnius", "City: Tehran": a form's field for a city.
	if s >= 2 && toks[s-1].text == ":" && (toks[s-2].lower == "town" || toks[s-2].lower == "city") {
		return true
	}
	// "a Minsk-based maker", "a Sanaa money-changer", "Bamako trucker": a
	// capital modifying a business is its seat.
	if e+1 < len(toks) && toks[e].text == "-" && !toks[e].space && seatAdjectives[toks[e+1].lower] {
		return true
	}
	j := e
	if j+2 < len(toks) && toks[j].kind == tWord && toks[j+1].text == "-" && !toks[j+1].space && !toks[j+2].space {
		j += 2 // "money-changer"
	}
	// "a Bujumbura trading company", "a Minsk arms dealer": the business
	// noun may come after a word or two that say what it trades.
	for k := j; k < j+3 && k < len(toks) && toks[k].kind == tWord && !toks[k].cap; k++ {
		if d.x.locatedHeads[toks[k].lower] {
			return true
		}
	}
	if e+1 >= len(toks) || toks[e].text != "," {
		return false
	}
	words := strings.Fields(state)
	if e+1+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		if toks[e+1+k].text != w {
			return false
		}
	}
	return true
}
