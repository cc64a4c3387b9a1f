package extract

import (
	"strings"

	"github.com/nexus-graph/nexus/graph"
)

// relations runs every rule family over one sentence.
func (d *docState) relations(si int) []rel {
	toks := d.sents[si].toks
	ms := d.ment[si]
	c := &sctx{d: d, si: si, toks: toks, ms: ms}
	// "It's a subsidiary of X", "They sold engines to Y": a subject pronoun
	// opening the sentence stands for the organisation the previous
	// sentence was about; it becomes a mention so every rule can use it
	if p := frontPronoun(toks); p >= 0 && (len(ms) == 0 || ms[0].s > p) {
		if o := c.clauseTopic(); o != "" {
			if d.topics == nil {
				d.topics = map[int]string{}
			}
			d.topics[si] = o
			c.ms = append([]mention{{ent: o, typ: graph.Organization, kind: kPronoun, s: p, e: p + 1, start: toks[p].start, end: toks[p].end, surface: toks[p].text}}, ms...)
			ms = c.ms
		}
	}
	c.units = d.buildUnits(toks, ms)
	c.noteAddressee()
	n := len(c.units)
	c.trig = make([]int, n)
	c.ntrig = make([]int, n)
	c.nlen = make([]int, n)
	for i := range c.trig {
		c.trig[i], c.ntrig[i] = -1, -1
	}
	// a fact-sheet line "- X (ACR) – ..." opens a record about X for the
	// field lines that follow ("Managing director: Y")
	if h := c.lineHead(); h >= 0 && (c.typ(h) == graph.Organization || c.typ(h) == graph.Vessel) {
		d.recordName, d.recordType, d.recordSent = c.ment(h).ent, c.typ(h), si
	}
	// a line that is only a name ("Drenvik Trade d.o.o.") heads an
	// infobox or record of fields below it
	if len(c.units) <= 2 && len(c.units) >= 1 && c.units[0].tag == uM && (c.typ(0) == graph.Organization || c.typ(0) == graph.Vessel) {
		d.recordName, d.recordType, d.recordSent = c.ment(0).ent, c.typ(0), si
	}
	c.recordFields()
	c.tableRule()
	c.signatureRule()
	c.brokerRule()
	if len(ms) < 2 && !hasPronoun(c.units) && !c.hasDefiniteCoref() && !(len(ms) == 1 && c.hasRuleWord(graph.Sanctioned)) && c.fieldLabel() == "" && !(len(ms) == 1 && hasWord(c.units, "flag")) {
		return c.rels
	}
	c.detectTriggers()
	for i := 0; i < n; i++ {
		if c.trig[i] >= 0 {
			c.verbRule(i)
			c.altVerbRules(i)
		}
		if c.ntrig[i] >= 0 {
			c.nounRule(i)
		}
	}
	c.symmetricRules()
	c.titleRule()
	c.possessiveRules()
	c.compoundRules()
	c.agencyRules()
	c.appositionRules()
	c.roleRules()
	c.roleFrames()
	c.sanctionFrames()
	c.possessedPart()
	c.describedPlace()
	c.madeIn()
	c.possessedBase()
	c.whoseParent()
	c.officesIn()
	c.setUp()
	c.forcesIn()
	c.itsPart()
	c.clientFrames()
	c.designationGrounds()
	c.imposedSanctions()
	c.ownershipShares()
	c.agentNounFrames()
	c.takeDelivery()
	c.orgPossessive()
	c.seatInParentheses()
	c.flagNoun()
	c.lineClauses()
	c.familyFrames()
	c.boardSeat()
	c.passiveFromTo()
	c.flagRule()
	c.facilityRule()
	c.claimRule()
	c.listAddRule()
	for _, r := range c.rels {
		if r.typ == graph.Supplies {
			d.lastSupply, d.lastSupplySi = r, si
		}
	}
	return c.rels
}

// moneySubject: the clause of the verb at t is about money sent by someone
// ("Payments from X were ... remitted to Y"): a money noun with "from"
// before the verb.
func (c *sctx) moneySubject(t int) bool {
	for k := t - 1; k >= 0; k-- {
		u := c.units[k]
		if u.low == ";" || u.low == ":" || u.tag == uR {
			return false
		}
		if c.d.x.money[u.low] && k+2 < t && c.units[k+1].low == "from" && c.units[k+2].tag == uM {
			return true
		}
	}
	return false
}

// recipientObject returns the unit of a name directly after the verb at t
// (a determiner allowed) that can receive supplies and ends its phrase, or -1.
func (c *sctx) recipientObject(t int) int {
	k := t + 1
	if k < len(c.units) && c.units[k].low == "the" {
		k++
	}
	if k >= len(c.units) || c.units[k].tag != uM {
		return -1
	}
	switch c.typ(k) {
	case graph.Country, graph.Organization, graph.Person:
	default:
		return -1
	}
	if k+1 < len(c.units) && (c.units[k+1].tag == uW && !c.d.x.groupCoref[c.units[k+1].low] && !c.d.x.orgHeads[c.units[k+1].low] || c.units[k+1].tag == uPos || c.units[k+1].tag == uM || c.units[k+1].low == "with") {
		return -1 // "the Houthi militia" is still the Houthis
	}
	return k
}

// byFrom finds "by X" and "from Y" (either order, after an optional "of"
// phrase) following unit `after`; it returns the units of X and Y or -1.
func (c *sctx) byFrom(after int) (by, from int) {
	by, from = -1, -1
	for k := after + 1; k+1 < len(c.units) && k <= after+12; k++ {
		u := c.units[k]
		if u.tag == uR || u.tag == uV || u.low == ";" || u.low == "," {
			break
		}
		if c.units[k+1].tag == uM || c.units[k+1].tag == uD && k+2 < len(c.units) && c.units[k+2].tag == uM {
			m := k + 1
			if c.units[m].tag == uD {
				m++
			}
			switch u.low {
			case "by":
				by = m
			case "from":
				from = m
			}
		}
	}
	return by, from
}

// listWordAfter reports whether a word ending in "list" follows within five
// units of q ("sanctions list", "Entity List").
func (c *sctx) listWordAfter(q int) bool {
	for k := q; k < len(c.units) && k <= q+5; k++ {
		if l := strings.ToLower(string(c.d.nr[c.toks[c.units[k].s].start:c.toks[c.units[k].e-1].end])); strings.HasSuffix(l, "list") {
			return true
		}
	}
	return false
}

// quantityOpeners start an amount ("approx. USD 14 million").
var quantityOpeners = map[string]bool{"approx": true, "approx.": true, "approximately": true, "about": true, "around": true, "nearly": true,
	"roughly": true, "some": true, "over": true, "usd": true, "eur": true, "us$": true, "$": true}

// lastWord returns the last space-separated word of s.
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// countNoun: the number word at unit k counts things, not money ("several
// million artillery shells"): a noun or an item follows it.
func (c *sctx) countNoun(k int) bool {
	switch c.units[k].low {
	case "million", "billion", "millions", "billions", "thousand", "thousands":
	default:
		return false
	}
	if k+1 >= len(c.units) {
		return false
	}
	nx := c.units[k+1]
	// "millions of artillery shells": a quantity of goods, not money
	if nx.low == "of" && k+2 < len(c.units) {
		q := k + 2
		if c.units[q].low == "the" && q+1 < len(c.units) {
			q++
		}
		nx = c.units[q]
		k = q - 1
	}
	return nx.tag == uW && !c.d.x.money[nx.low] || nx.tag == uM && c.typ(k+1) == graph.Item
}

// altVerbRules applies the other rules of the same relation type that share
// the verb at unit t when their preposition follows: "bought engines from X"
// (acquire-from) and "bought engines for Y" (procure-for) are both readings
// of "bought", and "bought engines from X for Y" states both.
func (c *sctx) altVerbRules(t int) {
	x := c.d.x
	primary := c.trig[t]
	for _, ref := range x.verbs[c.units[t].low] {
		r := &x.rules[ref.rule]
		if ref.rule == primary {
			continue
		}
		if len(r.verbPreps) == 0 {
			// "X bought Cedar Wings": a direct-object reading of a verb
			// whose primary reading needs a preposition that is not there
			// ("bought drones from Y")
			p := &x.rules[primary]
			if len(p.verbPreps) == 0 || c.findPrep(t, p.verbPreps, 20) >= 0 || r.typ == p.typ {
				continue
			}
		} else if c.findPrep(t, r.verbPreps, 20) < 0 {
			continue
		} else if p := &x.rules[primary]; r.typ != p.typ && !disjointTypes(subjectTypes(r), subjectTypes(p)) {
			// another relation type with the same preposition only when the
			// subject's type tells the readings apart ("a person works for"
			// a company as its member, "a company works for" a client)
			continue
		}
		c.trig[t] = ref.rule
		c.verbRule(t)
	}
	c.trig[t] = primary
}

// noteAddressee records the person a sentence addresses: a name opening
// the sentence and set off by a comma, with "you" after it ("Mr Orlov, you
// were ..."). Two names ("X and Y, you have both ...") address no one person.
func (c *sctx) noteAddressee() {
	us := c.units
	k := 0
	_, title := c.d.x.titles[us[0].low]
	if _, t2 := c.d.x.titles[us[0].low+"."]; (title || t2) && len(us) > 1 {
		k = 1 // "Mr Orlov, you ..."
	}
	if len(us) < k+3 || us[k].tag != uM || c.typ(k) != graph.Person || us[k+1].low != "," {
		return
	}
	for _, u := range us[k+2:] {
		if u.low == "you" || u.low == "your" {
			c.d.addressee = c.ment(k).ent
			return
		}
	}
}

// lightParticiple reports whether w is the participle of a light verb
// ("provided", "given", "made", "extended").
func (c *sctx) lightParticiple(w string) bool {
	lv := c.d.x.lightVerbs
	switch w {
	case "given", "made", "done", "built", "sent", "kept", "drawn", "cut", "shown":
		return true
	}
	return strings.HasSuffix(w, "ed") && (lv[strings.TrimSuffix(w, "d")] || lv[strings.TrimSuffix(w, "ed")])
}

// coordRight2 returns the name at unit i and the names coordinated after it.
func (c *sctx) coordRight2(i int) []int {
	hs, _ := c.coordRight([]int{i}, i+1)
	return hs
}

// passiveWithoutAgent reads the agentless passives whose patient or
// preposition still names both parties, and reports whether it did:
//   - "the vessel had been chartered to X": X operates the vessel;
//   - "2,000 Africa Corps personnel were deployed in Mali": the deployed
//     force's owner is deployed.
func (c *sctx) passiveWithoutAgent(rule *cRule, t int) bool {
	var agents, targets []int
	patients := c.patientLeft(t)
	switch {
	case rule.typ == graph.Operates && strings.HasPrefix(c.units[t].low, "charter"):
		p := c.findPrep(t, map[string]bool{"to": true}, 4)
		if p < 0 {
			return false
		}
		agents, _ = c.listRight(p + 1)
		targets = patients
	case rule.typ == graph.DeployedTo:
		p := c.findPrep(t, rule.verbPreps, 6)
		if p < 0 {
			return false
		}
		agents = patients
		targets, _ = c.listRight(p + 1)
	default:
		return false
	}
	for _, a := range agents {
		for _, o := range targets {
			c.emit(rule, a, o, t, c.conf(rule, t, 0.9), "passive-no-agent", nil)
		}
	}
	return len(agents) > 0 && len(targets) > 0
}

// evidenceNouns are records that can link parties ("the ledger links").
var evidenceNouns = map[string]bool{"ledger": true, "ledgers": true, "records": true, "record": true, "documents": true,
	"document": true, "data": true, "evidence": true, "invoices": true, "invoice": true, "emails": true, "email": true,
	"files": true, "file": true, "report": true, "reports": true, "investigation": true, "analysis": true, "filings": true,
	"filing": true, "papers": true, "logs": true, "registry": true, "database": true}

// evidenceSubject reports a verb whose subject is a document or record
// rather than a party ("the ledger links", "records tie").
func (c *sctx) evidenceSubject(t int) bool {
	for q := t - 1; q >= 0 && q >= t-4; q-- {
		if evidenceNouns[c.units[q].low] {
			return true
		}
		if c.units[q].tag == uM || c.units[q].tag == uPunct {
			return false
		}
	}
	return false
}

// targetPlace reads an attack's generic object starting at unit k ("smuggling
// targets", "Saudi oil facilities") followed by the place it is in ("inside
// southern Syria", "at Abqaiq") and returns the place's unit, or -1.
func (c *sctx) targetPlace(k int) int {
	us := c.units
	q := k
	for q < len(us) && q < k+5 && !targetNouns[us[q].low] {
		if us[q].tag == uPunct || us[q].tag == uP || us[q].tag == uM && c.ment(q).kind != kDemonym && c.typ(q) != graph.Item {
			return -1
		}
		q++
	}
	if q+1 >= len(us) || !targetNouns[us[q].low] || !locativeTargetPreps[us[q+1].low] {
		return -1
	}
	p := q + 2
	for p < len(us) && p <= q+4 && (us[p].tag == uW && !c.toks[us[p].s].cap || us[p].low == "the") {
		p++ // "inside southern Syria"
	}
	if p < len(us) && us[p].tag == uM && (c.typ(p) == graph.Country || c.typ(p) == graph.Location) {
		return p
	}
	return -1
}

// targetNouns are generic objects of an attack that a place then locates.
var targetNouns = map[string]bool{"targets": true, "target": true, "positions": true, "sites": true, "site": true,
	"facilities": true, "facility": true, "bases": true, "base": true, "depots": true, "depot": true, "camps": true,
	"infrastructure": true, "installations": true, "areas": true, "neighbourhoods": true, "neighborhoods": true, "villages": true}

var locativeTargetPreps = map[string]bool{"in": true, "inside": true, "at": true, "near": true, "across": true, "around": true}

// inByList reports whether the name at unit q belongs to a list of names
// introduced by "by" ("imposed by the EU, the US and Japan").
func (c *sctx) inByList(q int) bool {
	for k := q - 1; k >= 0 && k >= q-16; k-- {
		switch u := c.units[k]; {
		case u.low == "by":
			return true
		case u.tag == uM, u.low == ",", u.low == "and", u.low == "or", u.low == "the":
		default:
			return false
		}
	}
	return false
}

// subjectTypes are the entity types a rule allows for its verb's subject.
func subjectTypes(r *cRule) map[graph.EntityType]bool {
	if r.reverse {
		return r.tgtTypes
	}
	return r.srcTypes
}

func disjointTypes(a, b map[graph.EntityType]bool) bool {
	for t := range a {
		if b[t] {
			return false
		}
	}
	return true
}

// frontPronoun returns the index of a subject "it"/"they" that opens the
// sentence, possibly after a short fronted adverbial without a verb ("On
// paper they were selling ...", "In 2021 it bought ..."), or -1.
func frontPronoun(toks []token) int {
	for i := 0; i < len(toks) && i <= 7; i++ {
		switch toks[i].lower {
		case "it", "they":
			if i+1 < len(toks) && (toks[i+1].kind == tWord || strings.HasPrefix(toks[i+1].text, "'")) {
				return i
			}
			return -1
		}
		if i == 0 && (toks[i].lower == "and" || toks[i].lower == "but" || toks[i].lower == "so") {
			continue
		}
		if i > 0 && toks[i].text == "," {
			continue
		}
		if toks[i].kind == tPunct || i > 0 && toks[i].cap && toks[i].kind == tWord && !toks[i].upper && i > 2 {
			return -1
		}
		if i == 0 && !(prepositions[toks[i].lower] || toks[i].lower == "then" || toks[i].lower == "later" || toks[i].lower == "so" || toks[i].lower == "and" || toks[i].lower == "but") {
			return -1
		}
	}
	return -1
}

// fieldLabel returns the lower-cased label of a record field sentence
// ("address" for "Address: ..."), or "".
func (c *sctx) fieldLabel() string {
	var words []string
	for k := 0; k < len(c.toks) && len(words) < 4; k++ {
		t := c.toks[k]
		if t.text == ":" {
			return strings.Join(words, " ")
		}
		// "Ultimate beneficial owner (UBO):": a short form in parentheses
		if t.text == "(" && k > 0 && k+2 < len(c.toks) && c.toks[k+2].text == ")" && c.toks[k+1].kind == tWord {
			k += 2
			continue
		}
		if t.kind != tWord && !(t.kind == tNum && k > 0) {
			return ""
		}
		words = append(words, t.lower)
	}
	return ""
}

// fieldNames returns the names of the given types in a field's value (from
// unit first on), at most limit of them (0: all).
func (c *sctx) fieldNames(first, limit int, types ...graph.EntityType) []mention {
	var out []mention
	for i := first; i < len(c.units); i++ {
		if c.units[i].tag != uM {
			continue
		}
		n, ty := c.name(i)
		for _, t := range types {
			if ty == t {
				out = append(out, mention{ent: n, typ: ty})
				break
			}
		}
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out
}

// recordHeadLabel reports whether a field label opens a new record:
// "name", "subject 1", "entity 3", "individual 2".
// emailLabels are e-mail header fields: "From: X" names a sender, not a
// supplier.
var emailLabels = map[string]bool{"from": true, "to": true, "cc": true, "bcc": true, "sent": true, "date": true, "subject": true}

// bareHeadLabels name a record's subject without a number.
var bareHeadLabels = map[string]bool{"subject": true, "entity": true, "company": true, "vessel": true, "counterparty": true,
	"customer": true, "client": true, "target": true, "individual": true, "entity name": true, "company name": true, "vessel name": true}

func recordHeadLabel(label string) bool {
	if label == "name" {
		return true
	}
	f := strings.Fields(label)
	if len(f) != 2 || f[1][0] < '0' || f[1][0] > '9' {
		return false
	}
	switch f[0] {
	case "subject", "entity", "individual", "person", "company", "vessel", "target":
		return true
	}
	return false
}

// recordFields reads semi-structured record lines: "Name: X" opens a
// record about X; "Address:" gives LOCATED_IN, "Position: <title>, Org"
// LEADS or MEMBER_OF, and a reason that opens with "A subsidiary of Y" /
// "Front company of Y" PART_OF, all with X as source.
func (c *sctx) recordFields() {
	d := c.d
	label := c.fieldLabel()
	if label == "" {
		return
	}
	// "Subject: Kestrel Air Freight LLC", "Vessel: SEA LION": a bare head
	// label opens a record when a name follows the colon directly
	if bareHeadLabels[label] {
		// "Subject: Re: ..." heads an e-mail, not a record
		if label == "subject" && len(c.toks) > 2 && (c.toks[2].lower == "re" || c.toks[2].lower == "fwd" || c.toks[2].lower == "fw") {
			return
		}
		for _, m := range c.ms {
			if m.s >= 2 && (m.typ == graph.Organization || m.typ == graph.Person || m.typ == graph.Vessel) && c.toks[m.s-1].text == ":" {
				d.recordName, d.recordType, d.recordSent = m.ent, m.typ, c.si
			}
			break
		}
		return
	}
	if recordHeadLabel(label) {
		d.recordName = ""
		for _, m := range c.ms {
			if m.s >= 2 && m.typ != graph.Item {
				d.recordName, d.recordType, d.recordSent = m.ent, m.typ, c.si
				break
			}
		}
		return
	}
	rec, rt := d.recordName, d.recordType
	if rec == "" || c.si-d.recordSent > 12 {
		return
	}
	first := -1 // first unit after the colon
	for i, u := range c.units {
		if u.low == ":" {
			first = i + 1
			break
		}
	}
	if first < 0 || first >= len(c.units) {
		return
	}
	switch label {
	case "founder", "founders", "founded by":
		for _, m := range c.fieldNames(first, 0, graph.Person) {
			c.emitNames(graph.Leads, nil, nil, m.ent, m.typ, rec, rt, first, 0.7, "record:founder", nil)
		}
	case "key people", "management", "directors", "officers":
		// "Zoran Vukadin (director); Mirela Sremac (finance director)"
		for i := first; i < len(c.units); i++ {
			if c.units[i].tag != uM || c.typ(i) != graph.Person || i+2 >= len(c.units) || c.units[i+1].low != "(" {
				continue
			}
			if _, kind := c.roleAt(i + 2); kind != roleNone {
				typ := graph.MemberOf
				switch {
				case kind == roleOwner:
					typ = graph.Operates
				case kind == roleLeader && !functionalModifiers[c.units[i+2].low]:
					typ = graph.Leads
				}
				n, ty := c.name(i)
				c.emitNames(typ, nil, nil, n, ty, rec, rt, i+2, 0.7, "record:key-people", nil)
				continue
			}
			// "Directors: X; Y": the label is the role
		}
		if label == "directors" || label == "officers" {
			typ := graph.Leads
			if label == "officers" {
				typ = graph.MemberOf
			}
			for i := first; i < len(c.units); i++ {
				if c.units[i].tag == uM && c.typ(i) == graph.Person && !(i+1 < len(c.units) && c.units[i+1].low == "(") {
					n, ty := c.name(i)
					c.emitNames(typ, nil, nil, n, ty, rec, rt, first, 0.7, "record:key-people", nil)
				}
			}
		}
	case "ownership", "owned by":
		// "Ownership: a wholly owned subsidiary of X", "Ownership: Y"
		sub := false
		for i := first; i < len(c.units); i++ {
			u := c.units[i]
			if u.tag == uW && d.x.partHeads[u.low] {
				sub = true
			}
			if u.tag != uM {
				continue
			}
			n, ty := c.name(i)
			if sub {
				c.emitNames(graph.PartOf, nil, partTgt, rec, rt, n, ty, first, 0.7, "record:ownership", nil)
			} else if ty == graph.Organization || ty == graph.Person || ty == graph.Country {
				c.emitNames(graph.Operates, nil, nil, n, ty, rec, rt, first, 0.7, "record:ownership", nil)
			}
			break
		}
	case "registered", "incorporated", "registration", "place of incorporation", "country of registration", "domicile":
		for _, m := range c.fieldNames(first, 1, graph.Location, graph.Country) {
			c.emitNames(graph.LocatedIn, nil, locTgt, rec, rt, m.ent, m.typ, first, 0.7, "record:registered", nil)
		}
	case "subsidiaries", "subsidiary":
		for _, m := range c.fieldNames(first, 0, graph.Organization) {
			c.emitNames(graph.PartOf, nil, partTgt, m.ent, m.typ, rec, rt, first, 0.7, "record:subsidiary", nil)
		}
	case "parent", "parent company", "parent organisation", "parent organization":
		for _, m := range c.fieldNames(first, 1, graph.Organization, graph.Country) {
			c.emitNames(graph.PartOf, nil, partTgt, rec, rt, m.ent, m.typ, first, 0.7, "record:parent", nil)
		}
	case "address", "location", "place of registration", "registered address", "headquarters", "head office", "seat":
		var last *mention
		for i := range c.ms {
			m := &c.ms[i]
			if m.typ != graph.Location && m.typ != graph.Country {
				continue
			}
			if last == nil {
				c.emitNames(graph.LocatedIn, nil, locTgt, rec, rt, m.ent, m.typ, first, 0.75, "record:address", nil)
			}
			last = m
		}
		if last != nil && last.typ == graph.Country {
			c.emitNames(graph.LocatedIn, nil, locTgt, rec, rt, last.ent, last.typ, first, 0.7, "record:address", nil)
		}
	case "managing director", "director", "general director", "chief executive", "ceo", "chairman", "president", "head", "owner",
		"beneficial owner", "registered owner", "manager", "commercial manager", "technical manager", "operator", "ship manager", "ism manager":
		// "Managing director: Min Thant Oo", "Registered owner: X Ltd"
		for i := first; i < len(c.units); i++ {
			if c.units[i].tag != uM {
				continue
			}
			n, ty := c.name(i)
			switch {
			case ty == graph.Person && !operatorNouns[lastWord(label)]:
				typ := graph.Leads
				if functionalModifiers[strings.Fields(label)[0]] {
					typ = graph.MemberOf
				}
				c.emitNames(typ, nil, nil, n, ty, rec, rt, first, 0.75, "record:role", nil)
			case ty == graph.Organization || ty == graph.Person:
				c.emitNames(graph.Operates, nil, nil, n, ty, rec, rt, first, 0.75, "record:operator", nil)
			}
			break
		}
	case "flag", "flag state":
		for i := first; i < len(c.units); i++ {
			if c.units[i].tag == uM && c.typ(i) == graph.Country {
				n, ty := c.name(i)
				c.emitNames(graph.LinkedTo, vesselSrc, countryTgt, rec, rt, n, ty, first, 0.75, "record:flag", nil)
				break
			}
		}
	case "position", "title", "function", "role":
		leader := false
		for i := first; i < len(c.units); i++ {
			u := c.units[i]
			if u.tag == uM && (c.typ(i) == graph.Organization || c.typ(i) == graph.Country) {
				typ := graph.MemberOf
				if leader {
					typ = graph.Leads
				}
				n, ty := c.name(i)
				c.emitNames(typ, leadsSrc, leadsTgt, rec, rt, n, ty, first, 0.75, "record:position", nil)
				return
			}
			if d.x.leaderTitles[u.low] || i > first && d.x.leaderTitles[c.units[i-1].low+" "+u.low] {
				leader = true
			}
		}
	default:
		// "Jurisdiction: X", "Ultimate beneficial owner (UBO): Y", "Sanctions
		// status: designated by Z": the labels tables use for columns
		if role := roleOfHeader(label); role != colNone && role != colSubject && role != colItem && !emailLabels[label] {
			var hs []int
			for i := first; i < len(c.units); i++ {
				if c.units[i].tag == uM && c.typ(i) != graph.Item {
					hs = append(hs, i)
				}
			}
			c.applyFieldRole(role, rec, rt, hs, "record:field")
		}
	case "designation reason", "reason for listing", "reasons for listing", "statement of reasons", "reason", "grounds":
		// "A subsidiary of Y ...", "Front company of the Y ..."
		for i := first; i < len(c.units) && i < first+5; i++ {
			u := c.units[i]
			if u.tag == uM || u.tag == uV || u.tag == uPunct {
				break
			}
			if d.x.partHeads[u.low] && i+1 < len(c.units) && c.units[i+1].low == "of" {
				objs, _ := c.listRight(i + 2)
				for _, o := range objs {
					n, ty := c.name(o)
					c.emitNames(graph.PartOf, nil, partTgt, rec, rt, n, ty, i, 0.7, "record:reason", nil)
				}
				break
			}
		}
	}
}

// hasDefiniteCoref reports a definite generic noun that stands for an
// entity named earlier ("the vessel", "the rebels").
func (c *sctx) hasDefiniteCoref() bool {
	for i := 0; i+1 < len(c.units); i++ {
		switch c.units[i].low {
		case "the", "that", "this":
			if c.d.x.vesselCues[c.units[i+1].low] || c.d.x.groupCoref[c.units[i+1].low] || c.units[i+1].low == "two" || c.units[i+1].low == "subject" && c.d.recordName != "" ||
				c.units[i+1].tag == uW && c.toks[c.units[i+1].s].cap && c.d.x.orgCues[c.toks[c.units[i+1].s].text] {
				return true
			}
		case "both":
			return true
		}
	}
	return false
}

// hasWord reports whether a unit of the sentence is the word w.
func hasWord(us []unit, w string) bool {
	for _, u := range us {
		if u.low == w {
			return true
		}
	}
	return false
}

func hasPronoun(us []unit) bool {
	for _, u := range us {
		if u.low == "his" || u.low == "her" || u.low == "their" || u.low == "its" || u.low == "he" || u.low == "she" || u.low == "it" || u.low == "they" ||
			u.low == "you" || u.low == "we" || u.low == "our" || u.low == "him" || roleCorefNouns[u.low] {
			return true
		}
	}
	return false
}

// detectTriggers marks verb and noun triggers, deciding verb/noun readings
// of ambiguous words ("support", "export") from the left context.
func (c *sctx) detectTriggers() {
	x := c.d.x
	for i := 0; i < len(c.units); i++ {
		u := c.units[i]
		if u.tag != uW && u.tag != uV {
			continue
		}
		vr, isVerb := x.verbs[u.low]
		nounRule, nounLen := -1, 0
		for _, nr := range x.nouns[u.low] {
			if len(nr.words) > nounLen && c.wordsAt(i, nr.words) {
				nounRule, nounLen = nr.rule, len(nr.words)
			}
		}
		if !isVerb && nounRule < 0 {
			continue
		}
		prev := unit{tag: uPunct}
		if i > 0 {
			prev = c.units[i-1]
		}
		nounCtx := prev.tag == uD || prev.tag == uPos || (prev.tag == uP && prev.low != "to") || (prev.tag == uW && !strings.HasSuffix(prev.low, "ly")) || (prev.tag == uM && c.typ(i-1) != graph.Person && nounRule >= 0 && i+1 < len(c.units) && c.units[i+1].tag == uP && !x.rules[nounRule].verbPreps[c.units[i+1].low] && c.comitative(i+1) == 0)
		// ("Iranian supply", not "the Iranians supply")
		if prev.tag == uM && (c.ment(i-1).kind == kDemonym && !strings.HasSuffix(c.toks[c.units[i-1].e-1].lower, "s") || c.typ(i-1) == graph.Item) {
			nounCtx = true
		}
		// "KOMID export stocks": a bare or -s form between a name and a noun
		// (not before a quantity: "SKB transfers approx. USD 14 million")
		if prev.tag == uM && !strings.HasSuffix(u.low, "ed") && !strings.HasSuffix(u.low, "ing") && i+1 < len(c.units) && c.units[i+1].tag == uW && !c.isAdverb(i+1) && !quantityOpeners[c.units[i+1].low] && c.toks[c.units[i+1].s].kind != tNum {
			nounCtx = true
		}
		if nounLen > 1 {
			nounCtx = true
		}
		// "Support for X was provided by Y": a sentence opening with the
		// noun and its preposition
		if i == 0 && nounRule >= 0 && i+1 < len(c.units) && c.units[i+1].tag == uP && x.rules[nounRule].nounPreps[c.units[i+1].low] {
			nounCtx = true
		}
		// "imposed sanctions on X", "ordered shipments": a form right after
		// a lexical verb is its object, not a second verb
		if prev.tag == uV && !x.aux[prev.low] && !x.copulas[prev.low] && !beForms[prev.low] && !strings.HasSuffix(u.low, "ed") && !strings.HasSuffix(u.low, "ing") {
			nounCtx = true
		}
		// "a shell company", "the supply chain": a bare verb form between an
		// article and a noun is a modifier, not a verb
		// ("The company supplies radars": an -s form after a singular
		// noun is the verb of the clause)
		thirdPerson := strings.HasSuffix(u.low, "s") && !strings.HasSuffix(u.low, "ss") && prev.tag == uW && (!strings.HasSuffix(prev.low, "s") && c.d.x.groupCoref[prev.low] || evidenceNouns[prev.low])
		if prev.tag == uW && evidenceNouns[prev.low] && !strings.HasSuffix(u.low, "ed") && i+1 < len(c.units) && (c.units[i+1].tag == uM || c.units[i+1].tag == uD) {
			nounCtx, thirdPerson = false, true // "the ledger links X to Y", "records tie X to Y"
		}
		if thirdPerson && i+1 < len(c.units) && c.units[i+1].tag != uP && c.units[i+1].tag != uPunct {
			nounCtx = false // "The Company supplies radars"
		}
		if isVerb && nounRule < 0 && !thirdPerson && !strings.HasSuffix(u.low, "ed") && !strings.HasSuffix(u.low, "ing") && !isForm(x, u.low) && c.articleBefore(i) {
			continue // "a ship managed by X", "an Iranian-flagged cargo ship": inside a noun phrase
		}
		// "long-standing", "Iran-backed": the tail of a hyphenated compound
		// is not a verb of the clause
		if isVerb && nounRule < 0 && prev.low == "-" && !c.toks[u.s].space && !strings.HasSuffix(u.low, "ed") {
			continue
		}
		// "the RSF's commercial arm", "its military wing": a bare verb form
		// after a possessive (one adjective allowed) heads a noun phrase
		if isVerb && nounRule < 0 && !strings.HasSuffix(u.low, "ed") && !strings.HasSuffix(u.low, "ing") && !strings.HasSuffix(u.low, "s") && c.afterPossessive(i) {
			continue
		}
		// "a Lebanese armed group", "four Wing Loong II armed drones": a
		// participle between a demonym, item or number and a noun is an adjective
		if isVerb && nounRule < 0 && strings.HasSuffix(u.low, "ed") && i > 0 && i+1 < len(c.units) && c.adjectivalParticiple(i) {
			continue
		}
		// "acted as a purchasing agent for Y", "works as a broker for Y": the
		// role noun after "as" carries the relation, not the verb's preposition
		if isVerb && nounRule < 0 && i+1 < len(c.units) && c.units[i+1].low == "as" && len(x.rules[vr[0].rule].verbPreps) > 0 && !x.rules[vr[0].rule].verbPreps["as"] {
			continue
		}
		if isVerb && (nounRule < 0 || !nounCtx) {
			// gerund after a determiner is a noun ("the bombing")
			c.trig[i] = vr[0].rule
			// "based in": a participle prefers the passive-only reading
			if strings.HasSuffix(u.low, "ed") {
				for _, v := range vr {
					if x.rules[v.rule].passiveOnly {
						c.trig[i] = v.rule
						break
					}
				}
			}
			// "working for X" vs "working with X": the preposition picks
			// among rules sharing a verb
			if cur := x.rules[c.trig[i]]; i+1 < len(c.units) && c.units[i+1].tag == uP && len(cur.verbPreps) > 0 && !cur.verbPreps[c.units[i+1].low] {
				for _, v := range vr {
					if x.rules[v.rule].verbPreps[c.units[i+1].low] {
						c.trig[i] = v.rule
						break
					}
				}
			}
			c.units[i].tag = uV
			continue
		}
		if nounRule >= 0 {
			c.ntrig[i] = nounRule
			c.nlen[i] = nounLen
			c.units[i].tag = uW
			i += nounLen - 1
		}
	}
}

// articleBefore reports whether an article opens the noun phrase that unit i
// would end: "a ship", "a general cargo ship", "an Iranian-flagged ship".
func (c *sctx) articleBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-7; k-- {
		u := c.units[k]
		switch {
		case u.low == "a" || u.low == "an" || u.low == "the":
			return true
		case u.tag == uW && !strings.HasSuffix(u.low, "s") && c.trig[k] < 0:
		case u.low == "-" && !c.toks[u.s].space:
		case u.tag == uV && k > 0 && c.units[k-1].low == "-" && strings.HasSuffix(u.low, "ed"):
		case u.tag == uM && c.ment(k).kind == kDemonym && k < i-1:
			// "an Iranian-flagged ship" (not "the Iranians supply")
		default:
			return false
		}
	}
	return false
}

// afterPossessive: unit i follows a possessive ("X's", "its", "their"),
// directly or after one singular modifier.
func (c *sctx) afterPossessive(i int) bool {
	j := i - 1
	if j >= 0 && c.units[j].tag == uW && !strings.HasSuffix(c.units[j].low, "s") && c.trig[j] < 0 {
		j--
	}
	if j < 0 {
		return false
	}
	u := c.units[j]
	return u.tag == uPos || u.low == "its" || u.low == "their" || u.low == "his" || u.low == "her"
}

// adjectivalParticiple: the -ed form at unit i sits between a modifier
// that cannot be its subject (a demonym, an item, a number) and a noun.
func (c *sctx) adjectivalParticiple(i int) bool {
	prev, next := c.units[i-1], c.units[i+1]
	nounNext := next.tag == uW || (next.tag == uM && c.typ(i+1) == graph.Item)
	if !nounNext {
		return false
	}
	if prev.tag == uM {
		// ("the Iranians supplied drones": a plural demonym is people, the
		// participle their verb)
		return c.ment(i-1).kind == kDemonym && !strings.HasSuffix(c.toks[prev.e-1].lower, "s") || c.typ(i-1) == graph.Item
	}
	return prev.tag == uW && c.toks[prev.s].kind == tNum
}

func (c *sctx) wordsAt(i int, ws []string) bool {
	for k, w := range ws {
		if i+k >= len(c.units) || c.units[i+k].low != w {
			return false
		}
	}
	return true
}

func (c *sctx) conf(rule *cRule, t int, factor float64) float64 {
	v := rule.conf * factor
	if c.hedged(t) {
		v *= 0.8
	}
	return v
}

// verbRule applies a verb trigger at unit t: active or passive voice, direct
// or prepositional object, coordination of subjects and objects.
func (c *sctx) verbRule(t int) {
	x := c.d.x
	ri := c.trig[t]
	rule := &x.rules[ri]
	if c.negated(t) {
		return
	}
	low := c.units[t].low
	// passive: be-form before, or "by" right after ("owned or controlled by")
	passive := false
	j := t - 1
	sawTo := false // "is believed to have supplied": the be-form is another verb's
	for j >= 0 && c.skippable(j) && !beForms[c.units[j].low] {
		if c.units[j].low == "to" {
			sawTo = true
		}
		j--
	}
	participle := strings.HasSuffix(low, "ed") || strings.HasSuffix(low, "en") || isForm(x, low)
	if participle && j >= 0 && beForms[c.units[j].low] && !sawTo {
		passive = true
	}
	// inverted passive: "Also designated is X", "Listed today are X and Y"
	if participle && j < 0 && t+1 < len(c.units) && beForms[c.units[t+1].low] {
		passive = true
	}
	byAt := -1
	if participle {
		for k := t + 1; k < len(c.units) && k <= t+4; k++ {
			lk := c.units[k].low
			if lk == "by" {
				byAt = k
				break
			}
			if !(lk == "or" || lk == "and" || lk == "," || c.units[k].tag == uV || strings.HasSuffix(lk, "ly") || strings.HasSuffix(lk, "ed")) {
				break
			}
		}
		// "were sold to X by Y", "was shipped from X to Y by Z in 2020":
		// the agent after the verb's own prepositional phrases
		if byAt < 0 {
			k := t + 1
			for hops := 0; hops < 3 && k < len(c.units) && c.units[k].tag == uP && c.units[k].low != "by"; hops++ {
				k++
				for k < len(c.units) && (c.isNP(k) || c.units[k].tag == uC && c.units[k].low == "and") {
					k++
				}
			}
			if k > t+1 && k+1 < len(c.units) && c.units[k].low == "by" && c.units[k+1].tag == uM {
				byAt = k
			}
		}
		if byAt >= 0 {
			passive = true
		}
	}
	if rule.passiveOnly && !passive && !participle {
		return
	}
	// the rule may change with the object: "sent troops to" is a deployment
	moneyTo := -1
	if rule.typ == graph.Supplies && c.moneySubject(t) {
		// "Payments from X were routed ... and remitted to Y"
		fr := *c.ruleFor(graph.Finances)
		fr.reverse = rule.reverse
		rule = &fr
	}
	if rule.typ == graph.Supplies {
		to := c.findPrep(t, rule.verbPreps, 20)
		if to > 0 {
			for k := t + 1; k < to; k++ {
				if x.money[c.units[k].low] && !c.countNoun(k) {
					// "received $2 million from X": money keeps the
					// direction of the verb's rule
					fr := *c.ruleFor(graph.Finances)
					fr.reverse = rule.reverse
					rule = &fr
					moneyTo = to
					break
				}
				// "armoured personnel carriers": a modifier, not people;
				// "Su-30SME fighters": machines named by the item before
				if x.personnel[c.units[k].low] && !(k+1 < to && c.units[k+1].tag == uW && !x.personnel[c.units[k+1].low]) && !(k > 0 && c.units[k-1].tag == uM && c.typ(k-1) == graph.Item) {
					for r := range x.rules {
						if x.rules[r].typ == graph.DeployedTo {
							rule = &x.rules[r]
							break
						}
					}
					break
				}
			}
		}
	}
	if passive && byAt < 0 && !rule.passiveOnly && c.causative(t, rule) {
		return
	}
	if passive && byAt < 0 && !rule.passiveOnly && c.passiveWithoutAgent(rule, t) {
		return
	}
	if rule.passiveOnly || (passive && byAt < 0) {
		if !rule.passiveOnly && !rule.typ.Symmetric() {
			if rule.typ == graph.Sanctioned {
				c.implicitSanction(rule, t)
			}
			return // agentless passive: no source
		}
		// "The tanker X is registered to Y": the registered owner
		if rule.passiveOnly && low == "registered" && t+2 < len(c.units) && c.units[t+1].low == "to" {
			owners, _ := c.listRight(t + 2)
			if or := c.ruleFor(graph.Operates); or != nil {
				for _, s := range c.patientLeft(t) {
					for _, o := range owners {
						c.emit(or, o, s, t, c.conf(or, t, 0.9), "registered-to", nil)
					}
				}
			}
			return
		}
		// "X is based in Y", "X, based in Y"
		subj := c.patientLeft(t)
		// "X is a manufacturer of sights, rangefinders and optics for
		// armoured vehicles, headquartered in Gomel": the sentence's subject
		if len(subj) == 0 && rule.passiveOnly && t >= 1 && c.units[t-1].low == "," && len(c.units) > 0 && c.units[0].tag == uM && c.typ(0) == graph.Organization {
			subj = []int{0}
		}
		p := c.findPrep(t, rule.verbPreps, 3)
		if p < 0 {
			return
		}
		objs, _ := c.listRight(p + 1)
		for _, s := range subj {
			for _, o := range objs {
				c.emit(rule, s, o, t, c.conf(rule, t, 1), "passive", nil)
			}
		}
		return
	}
	if passive {
		agents, _ := c.listRight(byAt + 1)
		if rule.typ == graph.Sanctioned && len(agents) > 0 {
			c.noteSanctioner(agents[0])
		}
		patients := c.patientLeft(t)
		// "Support for X was provided by Y": the support noun's rule reads it
		if rule.typ == graph.Supplies {
			for _, h := range patients {
				if h < 0 {
					continue
				}
				q := h - 1
				if q >= 0 && c.units[q].low == "the" {
					q--
				}
				if q >= 1 && (c.units[q].low == "for" || c.units[q].low == "to" || c.units[q].low == "of") &&
					(x.support[c.units[q-1].low] || c.ntrig[q-1] >= 0 && x.rules[c.ntrig[q-1]].typ != graph.Supplies) {
					return // ("Funding for X was provided by Y" is financing)
				}
			}
		}
		var targets []int
		var items []string
		if len(rule.verbPreps) > 0 {
			if p := c.findPrep(t, rule.verbPreps, 12); p > 0 {
				targets, _ = c.listRight(p + 1)
			}
			for _, h := range patients {
				if _, ty := c.name(h); ty == graph.Item {
					n, _ := c.name(h)
					items = append(items, n)
				}
			}
		}
		// "US$2.3 million was paid to X by Y": the money's recipient
		if rule.typ == graph.Finances && len(targets) == 0 {
			if p := c.findPrep(t, map[string]bool{"to": true}, 8); p > 0 {
				targets, _ = c.listRight(p + 1)
			}
		}
		if len(targets) == 0 {
			targets = patients
		}
		for _, a := range agents {
			for _, o := range targets {
				c.emit(rule, a, o, t, c.conf(rule, t, 0.95), "passive", items)
			}
		}
		return
	}
	// active
	// "the sanctions target X", "the designations also target X"
	if rule.typ == graph.Opposes && c.sanctionSource(t) >= 0 {
		return // "Canadian sanctions target X": sanctionFrames reads it
	}
	if rule.typ == graph.Opposes && strings.HasPrefix(low, "target") && c.sanctionNounBefore(t) {
		if sr := c.ruleFor(graph.Sanctioned); sr != nil {
			c.implicitSanction(sr, t)
		}
		return
	}
	// "targeted X with drones": an armed attack, not mere opposition
	if rule.typ == graph.Opposes && strings.HasPrefix(low, "target") && c.withWeapon(t) {
		rule = c.ruleFor(graph.Attacked)
	}
	subj := c.subjectOf(t, 0)
	// "A ledger links X to Y", "Bank records tie X to Y": evidence that
	// links its object to the preposition's object
	if rule.typ == graph.LinkedTo && t+1 < len(c.units) && c.isNP(t+1) {
		if p := c.findPrep(t, rule.verbPreps, 12); p > t+1 {
			a, _ := c.heads(t+1, c.npRight(t+1))
			if len(a) > 0 && (len(subj) == 0 || c.evidenceSubject(t)) {
				b, _ := c.listRight(p + 1)
				for _, x := range a {
					for _, y := range b {
						c.emit(rule, x, y, t, c.conf(rule, t, 0.9), "evidence-links", nil)
					}
				}
				return
			}
		}
	}
	if len(subj) == 0 {
		return
	}
	if rule.typ == graph.Sanctioned {
		c.noteSanctioner(subj[0])
	}
	var objs []int
	var items []string
	if moneyTo > 0 {
		// "wired $3 million to X": the recipient of the money
		objs, _ = c.listRight(moneyTo + 1)
	} else if len(rule.verbPreps) > 0 {
		p := c.findPrep(t, rule.verbPreps, 20)
		if p > 0 {
			objs, _ = c.listRight(p + 1)
			items = c.itemsBetween(t+1, p)
			if rule.typ == graph.Supplies && len(items) == 0 {
				for k := t + 1; k < p; k++ {
					if x.support[c.units[k].low] {
						return // "provided assistance to": the noun rule handles support
					}
				}
			}
		} else if rule.typ == graph.Supplies && (strings.HasPrefix(low, "suppl") || strings.HasPrefix(low, "furnish") || strings.HasPrefix(low, "equip") || low == "arm" || low == "arms" || low == "armed" || low == "arming") && c.recipientObject(t) >= 0 {
			// "X has supplied Y for years": the supply verbs take the
			// recipient as a direct object
			objs = []int{c.recipientObject(t)}
		} else if rule.typ == graph.Supplies || rule.typ == graph.DeployedTo {
			// "supplied Syria with missiles"
			k := t + 1
			if k < len(c.units) && c.isNP(k) {
				e := c.npRight(k)
				if hs, com := c.heads(k, e); !com && len(hs) > 0 && e < len(c.units) && c.units[e].low == "with" {
					hasSupport := false
					for q := e + 1; q < len(c.units) && q < e+6; q++ {
						// "with support", not "with guidance kits": the
						// support noun must head its phrase
						if x.support[c.units[q].low] && (q+1 >= len(c.units) || c.units[q+1].tag != uW) {
							hasSupport = true
						}
					}
					if !hasSupport {
						objs = hs
						items = c.itemsBetween(e, min(len(c.units), e+8))
					}
				}
			}
		}
		if rule.typ == graph.Produces && len(objs) == 0 {
			return
		}
	} else {
		k := t + 1
		for k < len(c.units) && (c.skippable(k) || c.units[k].low == "down" || c.units[k].low == "up" || c.units[k].low == "off") {
			k++
		}
		// "fought alongside X", "fighting together with X", "fought on the
		// side of X": a comitative makes X a partner, not a target
		if n := c.comitative(k); n > 0 {
			if rule.typ == graph.Opposes || rule.typ == graph.Attacked {
				if co := c.ruleFor(graph.CooperatesWith); co != nil {
					partners, end := c.listRight(k + n)
					for _, s := range subj {
						for _, o := range partners {
							c.emit(co, s, o, t, c.conf(co, t, 0.9), "comitative", nil)
						}
					}
					// "fight alongside X against Y": Y is the enemy
					if end < len(c.units) && c.units[end].tag == uPunct && c.units[end].low == "(" {
						end = c.skipParenRight(end)
					}
					if end+1 < len(c.units) && c.units[end].low == "against" {
						enemies, _ := c.listRight(end + 1)
						for _, s := range subj {
							for _, o := range enemies {
								c.emit(rule, s, o, t, c.conf(rule, t, 0.9), "comitative-against", nil)
							}
						}
					}
				}
			}
			return
		}
		if k < len(c.units) && c.isNP(k) {
			var end int
			objs, end = c.listRight(k)
			// "struck X off the register", "shot down": a particle changes the verb
			if (rule.typ == graph.Attacked || rule.typ == graph.Opposes) && end < len(c.units) && (c.units[end].low == "off" || c.units[end].low == "from") {
				objs = nil
			}
			// "struck smuggling targets inside southern Syria", "hit oil
			// facilities at Abqaiq": the place of generic targets
		}
		if rule.typ == graph.Attacked {
			if p := c.targetPlace(k); p >= 0 {
				objs = append(objs, p)
			}
		}
	}
	if rule.typ == graph.Supplies || rule.typ == graph.Produces {
		if len(items) == 0 {
			items = c.itemsBetween(t+1, len(c.units))
		}
	}
	if len(objs) == 0 {
		// "the port, which the rebels control"
		j := t - 1
		for j >= 0 && c.skippable(j) {
			j--
		}
		if j >= 0 && c.isNP(j) {
			if s := c.npLeft(j); s-1 >= 0 && c.units[s-1].tag == uR && (t+1 >= len(c.units) || !c.isNP(t+1)) {
				objs = c.antecedent(s-2, 0)
			}
		}
	}
	for _, s := range subj {
		for _, o := range objs {
			c.emit(rule, s, o, t, c.conf(rule, t, 1), "active", items)
		}
	}
	// "the ship delivers Mi-17s from BARP to MAF": the origin supplies the
	// recipient too (the subject may be only the carrier)
	if rule.typ == graph.Supplies && !rule.reverse && len(objs) > 0 {
		if f := c.findPrep(t, map[string]bool{"from": true}, 12); f > 0 && f+1 < len(c.units) && c.units[f+1].tag == uM {
			if ty := c.typ(f + 1); ty == graph.Organization || ty == graph.Country {
				for _, o := range objs {
					c.emit(rule, f+1, o, t, c.conf(rule, t, 0.85), "active-from-to", items)
				}
			}
		}
	}
}

// comitative reports the length in units of a comitative preposition at
// unit k ("alongside", "together with", "on the side of"), or 0.
func (c *sctx) comitative(k int) int {
	if k >= len(c.units) {
		return 0
	}
	switch c.units[k].low {
	case "alongside", "beside":
		return 1
	case "together", "jointly", "side":
		if c.wordsAt(k, []string{c.units[k].low, "with"}) {
			return 2
		}
		if c.wordsAt(k, []string{"side", "by", "side", "with"}) {
			return 4
		}
	case "on":
		if c.wordsAt(k, []string{"on", "the", "side", "of"}) {
			return 4
		}
	}
	return 0
}

// hasRuleWord reports whether a verb or noun trigger of a rule of type typ
// occurs in the sentence.
func (c *sctx) hasRuleWord(typ graph.RelationType) bool {
	x := c.d.x
	for _, u := range c.units {
		for _, v := range x.verbs[u.low] {
			if x.rules[v.rule].typ == typ {
				return true
			}
		}
		for _, n := range x.nouns[u.low] {
			if n.rule >= 0 && x.rules[n.rule].typ == typ {
				return true
			}
		}
	}
	return false
}

// noteSanctioner remembers the agent of an explicit designation.
func (c *sctx) noteSanctioner(h int) {
	n, ty := c.name(h)
	if n == "" || (ty != graph.Country && ty != graph.Organization) {
		return
	}
	c.d.sanctioner, c.d.sanctionerType, c.d.sanctionerSent = n, ty, c.si
}

// implicitSanction handles designations without an agent ("X has been
// designated", "Also designated is X", "the designations also target X"):
// in a document where an authority was named as designating, shortly
// before, that authority is the source.
func (c *sctx) implicitSanction(rule *cRule, t int) {
	d := c.d
	if d.sanctioner == "" || c.si-d.sanctionerSent > 25 {
		return
	}
	var patients []int
	// inverted: "Also designated is X"; active with a sanction-noun subject:
	// "the designations target X"
	k := t + 1
	for k < len(c.units) && (beForms[c.units[k].low] || c.skippable(k)) {
		k++
	}
	if k > t+1 || c.units[t].tag == uV && !strings.HasSuffix(c.units[t].low, "ed") {
		if k < len(c.units) && c.isNP(k) {
			patients, _ = c.listRight(k)
		}
	}
	if len(patients) == 0 {
		patients = c.patientLeft(t)
	}
	for _, p := range patients {
		n, ty := c.name(p)
		c.emitNames(rule.typ, rule.srcTypes, rule.tgtTypes, d.sanctioner, d.sanctionerType, n, ty, t, c.conf(rule, t, 0.8), rule.name+":implicit-agent", nil)
	}
}

// sanctionNounBefore: the subject of the verb at t is a sanction noun
// without a named possessor ("The designations also target ...").
func (c *sctx) sanctionNounBefore(t int) bool {
	j := t - 1
	for j >= 0 && c.skippable(j) {
		j--
	}
	if j < 0 || c.units[j].tag != uW {
		return false
	}
	w := c.units[j].low
	if w == "measures" {
		return true
	}
	for _, n := range c.d.x.nouns[w] {
		if n.rule >= 0 && c.d.x.rules[n.rule].typ == graph.Sanctioned {
			return j == 0 || c.units[j-1].tag != uM
		}
	}
	return false
}

// withWeapon: "targeted X with drones / missiles": a "with" and an item
// shortly after the verb.
func (c *sctx) withWeapon(t int) bool {
	for k := t + 1; k < len(c.units) && k <= t+8; k++ {
		if c.units[k].low == "with" {
			for q := k + 1; q < len(c.units) && q <= k+4; q++ {
				if c.units[q].tag == uM && c.typ(q) == graph.Item {
					return true
				}
			}
			return false
		}
		if c.units[k].tag == uR || c.units[k].low == ";" {
			return false
		}
	}
	return false
}

var causativeVerbs = map[string]bool{"cause": true, "caused": true, "causing": true, "causes": true, "had": true, "arranged": true,
	"arrange": true, "arranging": true, "got": true, "ordered": true}

// causative reads an agentless passive under a causative verb: "X caused
// the goods to be shipped to Y", "X had them delivered to Y" → X is the
// source. It reports whether it handled the trigger.
func (c *sctx) causative(t int, rule *cRule) bool {
	j := t - 1
	if j >= 0 && c.units[j].low == "be" {
		j--
	}
	if j >= 0 && c.units[j].low == "to" {
		j--
	}
	for k := 0; k < 5 && j >= 0 && c.isNP(j); k++ {
		j--
	}
	if j < 0 || j == t-1 || !causativeVerbs[c.units[j].low] {
		return false
	}
	subj := c.subjectOf(j, 1)
	if len(subj) == 0 || len(rule.verbPreps) == 0 {
		return false
	}
	p := c.findPrep(t, rule.verbPreps, 12)
	if p < 0 {
		return false
	}
	objs, _ := c.listRight(p + 1)
	for _, s := range subj {
		for _, o := range objs {
			c.emit(rule, s, o, t, c.conf(rule, t, 0.9), "causative", nil)
		}
	}
	return len(objs) > 0
}

// filterTypes keeps the heads whose entity type is allowed.
func (c *sctx) filterTypes(hs []int, allowed map[graph.EntityType]bool) []int {
	if allowed == nil {
		return hs
	}
	out := hs[:0:0]
	for _, h := range hs {
		if _, t := c.name(h); allowed[t] {
			out = append(out, h)
		}
	}
	return out
}

func isForm(x *Extractor, low string) bool {
	refs, ok := x.verbs[low]
	return ok && refs[0].participle
}

// patientLeft finds the noun phrase a passive participle is about: the
// subject before "was", or the noun modified by a reduced relative ("X,
// owned by Y").
func (c *sctx) patientLeft(t int) []int {
	j := t - 1
	// "X, Cameroon-flagged and ...": the compound's modifier is not the
	// patient; the name the compound is apposed to is
	if t >= 2 && c.units[t-1].low == "-" && !c.toks[c.units[t-1].s].space && c.units[t-2].tag == uM {
		j = t - 3
	}
	for j >= 0 && (c.skippable(j) || beForms[c.units[j].low]) {
		j--
	}
	j = c.skipParenLeft(j)
	if j < 0 {
		return nil
	}
	// "controlled by Y and registered in Z": the patient of the first participle
	if (c.units[j].low == "and" || c.units[j].low == "or") && j > 0 {
		crossed := false
		for q := j - 1; q >= 0 && q >= j-16; q-- {
			if (c.trig[q] >= 0 || c.units[q].low == "flagged") && (strings.HasSuffix(c.units[q].low, "ed") || isForm(c.d.x, c.units[q].low)) {
				// "owned by X, a company registered in Z, and managed by
				// Y": the apposition may sit between the participles
				if !crossed || (q+1 < len(c.units) && c.units[q+1].low == "by") {
					return c.patientLeft(q)
				}
				// a participle inside the apposition ("registered in Z"): go on
			}
			if c.units[q].tag == uR || c.units[q].low == ";" {
				break
			}
			if c.units[q].low == "," {
				// only ", and" closes an apposition to cross
				if c.units[j-1].low != "," {
					break
				}
				crossed = true
			}
		}
	}
	if c.units[j].low == "," {
		// "X, who is described ... as its director, was sanctioned": the
		// relative clause closes before the verb; its antecedent is the patient
		for q := j - 1; q >= 1 && q >= j-25; q-- {
			if c.units[q].low == ";" || c.units[q].low == ":" {
				break
			}
			if c.units[q].tag == uR && (c.units[q].low == "who" || c.units[q].low == "which") && c.units[q-1].low == "," {
				if hs := c.antecedent(q-1, 0); len(hs) > 0 {
					return hs
				}
				break
			}
			if c.units[q].low == "," {
				break
			}
		}
		if hs := c.apposHead(j); len(hs) > 0 {
			return hs
		}
		// "X, best known for ..., was designated": skip the aside
		if q := c.asideStart(j); q > 0 {
			if hs, com := c.heads(c.npLeft(q-1), q); len(hs) > 0 && !com {
				return hs
			}
		}
		return c.antecedent(j-1, 0)
	}
	if c.units[j].tag == uR {
		return c.antecedent(j-1, 0)
	}
	// "It is run by X" opening a sentence: the organisation the previous
	// sentence opened with
	if c.units[j].low == "it" && j == 0 && beForms[c.units[t-1].low] {
		if o := c.clauseTopic(); o != "" {
			return []int{-2 - c.extMention(o)}
		}
		return nil
	}
	// "he was paid by X": the person last named
	if (c.units[j].low == "he" || c.units[j].low == "she") && beForms[c.units[t-1].low] {
		if p := c.personCoref(c.units[j].s); p != "" {
			return []int{-2 - c.extMention(p)}
		}
		return nil
	}
	if c.isNP(j) {
		s := c.npLeft(j)
		hs, com := c.heads(s, j+1)
		// "X was a front company controlled by Y": the copula's subject
		if com && len(hs) == 0 && s-1 >= 0 && c.d.x.copulas[c.units[s-1].low] {
			if subj := c.subjectOf(s-1, 1); len(subj) > 0 {
				return subj
			}
		}
		// "X, a Russian defence contractor designated by Y": the apposed
		// common noun describes X; its demonym is not the patient
		appos := com && (c.units[s].low == "a" || c.units[s].low == "an")
		if (len(hs) == 0 || appos) && s-1 >= 1 && c.units[s-1].low == "," {
			// "X, a Tajik businessman based in Y"; "X (\"Y\"), a firm incorporated in Z"
			if p := c.skipParenLeft(s - 2); c.isNP(p) {
				if h2, com := c.heads(c.npLeft(p), p+1); !com {
					return h2
				}
			}
		}
		return c.coordLeft(hs, s)
	}
	return nil
}

// nounRule applies a noun trigger at unit t ("support for", "supplier of
// ... to", "Israel's airstrike near", "sanctions against").
func (c *sctx) nounRule(t int) {
	x := c.d.x
	rule := &x.rules[c.ntrig[t]]
	if c.negated(t) {
		return
	}
	nl := max(c.nlen[t], 1)
	after := t + nl - 1
	// partner nouns: "Syria's allies, Russia and Iran"; "one of Syria's allies"
	if rule.partnerNouns[c.units[t].low] || rule.partnerNouns[strings.TrimSuffix(c.units[t].low, "s")] {
		c.partnerRule(rule, t, after)
		return
	}
	// "the purchase of rotor blades by X from Y": a buyer after "by" and a
	// seller after "from"
	if rule.reverse {
		if buyer, seller := c.byFrom(after); buyer >= 0 && seller >= 0 {
			c.emit(rule, buyer, seller, t, c.conf(rule, t, 0.9), "noun-by-from", c.itemsBetween(after+1, min(buyer, seller)))
			return
		}
	}
	srcs, how := c.nounSources(rule, t)
	if len(srcs) == 0 && !rule.reverse {
		srcs, how = c.nounAgent(rule, after)
	}
	var tgts []int
	items := []string(nil)
	p := c.findPrep(after, rule.nounPreps, 12)
	if p > 0 {
		tgts, _ = c.listRight(p + 1)
		items = c.itemsBetween(after+1, p)
		tgts = c.filterTypes(tgts, rule.tgtTypes)
	}
	if len(tgts) == 0 {
		// "provided the Lebanese organization with critical support"
		s := c.npLeft(t)
		if s-1 >= 0 && c.units[s-1].low == "with" && s-2 >= 0 {
			e := s - 1
			b := c.npLeft(e - 1)
			if b-1 >= 0 && c.units[b-1].tag == uV {
				tgts, _ = c.heads(b, e)
				if len(srcs) == 0 {
					srcs = c.subjectOf(b-1, 0)
					how = "light-verb"
				}
			}
		}
	}
	if len(tgts) == 0 && rule.typ == graph.Attacked {
		// "efforts to withstand Iraqi incursions": the defender is the target
		for q := t - 1; q >= 0 && q >= t-5; q-- {
			if rule.defence[c.units[q].low] {
				tgts = c.subjectOf(q, 0)
				break
			}
			if c.units[q].tag == uP || c.units[q].tag == uPunct {
				break
			}
		}
	}
	if rule.typ == graph.Supplies || rule.typ == graph.Produces {
		if len(items) == 0 {
			items = c.itemsBetween(t+1, len(c.units))
		}
		if rule.typ == graph.Produces {
			tgts = nil
			for k := after + 1; k < len(c.units) && k < after+6; k++ {
				if c.units[k].tag == uM && c.typ(k) == graph.Item {
					tgts = append(tgts, k)
				}
			}
		}
	}
	for _, s := range srcs {
		for _, o := range tgts {
			c.emit(rule, s, o, t, c.conf(rule, t, 0.9), "noun-"+how, items)
		}
	}
}

// nounSources finds who does what a trigger noun names: possessor
// ("Russia's support"), modifier ("KOMID export", "Iraqi incursions"),
// possessive pronoun ("their support") or the subject of a light verb or
// copula ("X provided support", "X is a supplier", "X's role as supplier").
func (c *sctx) nounSources(rule *cRule, t int) ([]int, string) {
	s := c.npLeft(t)
	// possessor / modifier inside the NP
	for k := t - 1; k >= s; k-- {
		u := c.units[k]
		if u.tag == uM && agentNouns[c.units[t].low] && k+1 < len(c.units) && c.units[k+1].tag == uPos {
			continue // "Syria's supplier": the possessor is supplied (agentNounFrames)
		}
		if u.tag == uM {
			_, ty := c.name(k)
			if rule.srcTypes == nil || rule.srcTypes[ty] {
				hs := []int{k}
				// "Russia and Iran's support"
				return c.coordLeft(hs, c.npLeft(k)), "possessor"
			}
		}
		if u.low == "their" || u.low == "its" {
			for q := s - 1; q >= 0; q-- {
				// "sanctions imposed by the EU and Japan over its supplies":
				// the agents of "by" are not what "its" refers to
				if c.units[q].tag == uM && c.inByList(q) {
					continue
				}
				if c.units[q].tag == uM {
					_, ty := c.name(q)
					if rule.srcTypes == nil || rule.srcTypes[ty] {
						return c.coordLeft([]int{q}, c.npLeft(q)), "pronoun"
					}
				}
			}
		}
		if u.low == "his" || u.low == "her" {
			if p := c.personCoref(c.units[k].s); p != "" {
				return []int{-2 - c.extMention(p)}, "pronoun"
			}
		}
	}
	// light verb / copula governing the NP ("one of" is transparent)
	j := s - 1
	if j-1 >= 0 && c.units[j].low == "of" && (c.units[j-1].low == "one" || c.units[j-1].low == "some") {
		j -= 2
	}
	// "X is at war with Y", "X remains in conflict with Y"
	if j-1 >= 0 && (c.units[j].low == "at" || c.units[j].low == "in") && c.d.x.copulas[c.units[j-1].low] {
		j--
	}
	for j >= 0 && c.isAdverb(j) {
		j--
	}
	if j >= 0 && c.units[j].tag == uV {
		low := c.units[j].low
		if c.d.x.lightVerbs[low] || c.d.x.copulas[low] || c.trig[j] >= 0 {
			return c.subjectOf(j, 0), "light-verb"
		}
	}
	if j >= 0 && c.units[j].low == "as" {
		return c.subjectOf(j, 0), "copula"
	}
	// "X, a major backer of Y,", "X (Short), a key supplier to Y": the
	// name the noun phrase is apposed to
	if j >= 1 && c.units[j].low == "," && (c.units[s].low == "a" || c.units[s].low == "an" || c.units[s].low == "the") {
		if p := c.skipParenLeft(j - 1); p >= 0 && c.units[p].tag == uM {
			if _, ty := c.name(p); rule.srcTypes == nil || rule.srcTypes[ty] {
				return []int{p}, "apposition"
			}
		}
	}
	// "Payments to X were made by Y", "Support for X was provided by Y":
	// the agent of a passive light verb after the noun phrase
	for k := t + 1; k+3 < len(c.units) && k <= t+8; k++ {
		if c.units[k].tag == uPunct || c.units[k].tag == uR {
			break
		}
		if beForms[c.units[k].low] && c.lightParticiple(c.units[k+1].low) && c.units[k+2].low == "by" && c.units[k+3].tag == uM {
			if _, ty := c.name(k + 3); rule.srcTypes == nil || rule.srcTypes[ty] {
				return c.coordRight2(k + 3), "passive-light-verb"
			}
		}
	}
	// "X, at war with Y since 2023,": a state apposed to the name
	if j >= 2 && c.units[j].low == "at" && c.units[j-1].low == "," {
		if p := c.skipParenLeft(j - 2); p >= 0 && c.units[p].tag == uM {
			if _, ty := c.name(p); rule.srcTypes == nil || rule.srcTypes[ty] {
				return []int{p}, "apposition"
			}
		}
	}
	// "X used them in strikes on Y": the user is the agent
	if j >= 1 && c.units[j].low == "in" {
		for k := j - 1; k >= 0 && k >= j-4; k-- {
			if useVerbs[c.units[k].low] {
				return c.subjectOf(k, 0), "use"
			}
			if !c.isNP(k) {
				break
			}
		}
	}
	return nil, ""
}

var useVerbs = map[string]bool{"used": true, "uses": true, "use": true, "using": true, "employed": true, "employs": true}

// nounAgent finds the agent of a nominalisation in a phrase after it:
// "shipments from X to Y", "the deployment of X personnel to Y",
// "production by X".
func (c *sctx) nounAgent(rule *cRule, after int) ([]int, string) {
	k := after + 1
	// "the sale of navigation modules by X", "deliveries of fuel from X":
	// the goods phrase comes first
	if (rule.typ == graph.Supplies || rule.typ == graph.Finances) && k+2 < len(c.units) && c.units[k].low == "of" {
		q := c.npRight(k + 1)
		if q > k+1 && q < len(c.units) && (c.units[q].low == "by" || c.units[q].low == "from") {
			if hs, com := c.heads(k+1, q); len(hs) == 0 || com || func() bool { _, ty := c.name(hs[0]); return ty == graph.Item }() {
				k = q
			}
		}
	}
	if k+1 >= len(c.units) || c.units[k].tag != uP {
		return nil, ""
	}
	prep := c.units[k].low
	ok := prep == "by" || prep == "from" && (rule.typ == graph.Supplies || rule.typ == graph.Finances) || prep == "of" && rule.typ == graph.DeployedTo
	if !ok || rule.nounPreps[prep] && prep != "of" {
		return nil, ""
	}
	e := c.npRight(k + 1)
	hs, _ := c.heads(k+1, e)
	if prep == "of" {
		// "the deployment of Wagner Group personnel": the named modifier
		hs = nil
		for q := k + 1; q < e; q++ {
			if c.units[q].tag == uM && c.typ(q) != graph.Item {
				hs = append(hs, q)
			}
		}
	}
	return c.filterTypes(hs, rule.srcTypes), "agent-" + prep
}

// partnerRule handles "allies"-type nouns: one side is the possessor or the
// "of" object, the other the apposition list or the copula subject.
func (c *sctx) partnerRule(rule *cRule, t, after int) {
	var sideA []int
	s := c.npLeft(t)
	for k := t - 1; k >= s; k-- {
		if c.units[k].tag == uM && k+1 < len(c.units) && c.units[k+1].tag == uPos {
			sideA = []int{k}
			break
		}
	}
	if len(sideA) == 0 && after+1 < len(c.units) && (c.units[after+1].low == "of" || c.units[after+1].low == "with") {
		sideA, _ = c.listRight(after + 2)
	}
	var sideB []int
	if after+2 < len(c.units) && (c.units[after+1].low == "," || c.units[after+1].low == ":") {
		e := c.npRight(after + 2)
		if hs, com := c.heads(after+2, e); !com && len(hs) > 0 {
			sideB, _ = c.coordRight(hs, e)
		}
	}
	if len(sideB) == 0 {
		j := s - 1
		if j-1 >= 0 && c.units[j].low == "of" && (c.units[j-1].low == "one" || c.units[j-1].low == "some") {
			j -= 2
		}
		for j >= 0 && c.isAdverb(j) {
			j--
		}
		if j >= 0 && (c.units[j].tag == uV || c.units[j].low == "as") {
			sideB = c.subjectOf(j, 0)
		}
	}
	if len(sideA) == 0 && len(sideB) >= 2 {
		// "Russia and Iran are allies"
		for a := 0; a < len(sideB); a++ {
			for b := a + 1; b < len(sideB); b++ {
				c.emit(rule, sideB[a], sideB[b], t, c.conf(rule, t, 0.9), "partner", nil)
			}
		}
		return
	}
	for _, a := range sideA {
		for _, b := range sideB {
			c.emit(rule, b, a, t, c.conf(rule, t, 0.95), "partner", nil)
		}
	}
}

// symmetricRules: "A-B trade pact", "links between A and B".
func (c *sctx) symmetricRules() {
	x := c.d.x
	for i := 0; i < len(c.units); i++ {
		u := c.units[i]
		if u.tag != uW && u.tag != uV {
			continue
		}
		var ref *nounRef
		for k := range x.sym[u.low] {
			nr := &x.sym[u.low][k]
			if c.wordsAt(i, nr.words) && (ref == nil || len(nr.words) > len(ref.words)) {
				ref = nr
			}
		}
		if ref == nil || c.negated(i) {
			continue
		}
		rule := c.ruleFor(ref.typ)
		// hyphen compound before the noun, adjectives allowed between
		for k := i - 1; k >= 2 && k >= i-3; k-- {
			if c.units[k].tag == uM && c.units[k-1].low == "-" && c.units[k-2].tag == uM && c.toks[c.units[k-1].s].space == false {
				c.emit(rule, k-2, k, i, c.conf(rule, i, 0.9), "hyphen-compound", nil)
				break
			}
			if c.units[k].tag != uW {
				break
			}
		}
		// "between A and B"
		e := i + len(ref.words)
		for e < len(c.units) && e < i+len(ref.words)+3 && c.units[e].low != "between" && c.units[e].tag == uW {
			e++
		}
		if e < len(c.units) && c.units[e].low == "between" {
			hs, _ := c.listRight(e + 1)
			for a := 0; a < len(hs); a++ {
				for b := a + 1; b < len(hs); b++ {
					c.emit(rule, hs[a], hs[b], i, c.conf(rule, i, 0.95), "between", nil)
				}
			}
			continue
		}
		c.symmetricParties(rule, i, e)
	}
}

// symmetricParties reads the parties of a tie noun at unit i (its phrase
// ends at e) from its possessor or the subject of the verb governing it:
// "X's cooperation with Y", "X does business with Y", "X and Y signed a
// cooperation agreement".
func (c *sctx) symmetricParties(rule *cRule, i, e int) {
	us := c.units
	s := c.npLeft(i)
	var sideA []int
	for k := i - 1; k >= s; k-- {
		if us[k].tag == uM && k+1 < len(us) && us[k+1].tag == uPos {
			sideA = c.coordLeft([]int{k}, c.npLeft(k))
			break
		}
	}
	if len(sideA) == 0 && s-1 >= 0 && us[s-1].tag == uV && !beForms[us[s-1].low] {
		sideA = c.subjectOf(s-1, 0)
	}
	if len(sideA) == 0 {
		return
	}
	if e < len(us) && us[e].low == "with" {
		sideB, _ := c.listRight(e + 1)
		for _, a := range sideA {
			for _, b := range sideB {
				c.emit(rule, a, b, i, c.conf(rule, i, 0.85), "tie-with", nil)
			}
		}
		return
	}
	// "X and Y signed an agreement": the coordinated subjects
	for a := 0; a < len(sideA); a++ {
		for b := a + 1; b < len(sideA); b++ {
			c.emit(rule, sideA[a], sideA[b], i, c.conf(rule, i, 0.8), "tie-subjects", nil)
		}
	}
}

func (c *sctx) ruleFor(t graph.RelationType) *cRule {
	for k := range c.d.x.rules {
		if c.d.x.rules[k].typ == t {
			return &c.d.x.rules[k]
		}
	}
	return &cRule{typ: t, name: strings.ToLower(string(t)), conf: 0.6}
}

var placeNouns = map[string]bool{"port": true, "city": true, "town": true, "province": true, "region": true, "village": true, "capital": true, "island": true, "harbour": true, "harbor": true}

var leadsSrc = map[graph.EntityType]bool{graph.Person: true}
var leadsTgt = map[graph.EntityType]bool{graph.Country: true, graph.Organization: true}
var partSrc = map[graph.EntityType]bool{graph.Organization: true}
var partTgt = map[graph.EntityType]bool{graph.Country: true, graph.Organization: true}
var locTgt = map[graph.EntityType]bool{graph.Country: true, graph.Location: true}

// titleRule: "Syrian President X", "North Korea's leader X", "Hezbollah
// leader X", "X, the president of Syria" → LEADS.
func (c *sctx) titleRule() {
	d := c.d
	for i, u := range c.units {
		if u.tag != uM || c.typ(i) != graph.Person {
			continue
		}
		// title right before the person (titles are plain tokens)
		k, leader := d.titleBefore(c.toks, u.s)
		if k == 0 && u.s > 1 && c.toks[u.s-1].text == "," {
			// "the Houthis' leader, Abdul-Malik al-Houthi"
			if k2, l2 := d.titleBefore(c.toks, u.s-1); k2 > 0 {
				k, leader = k2+1, l2
			}
		}
		if k == 0 || !leader {
			continue
		}
		// the unit before the title
		ti := i - 1
		for ti >= 0 && c.units[ti].s >= u.s-k {
			ti--
		}
		// allow one adjective: "Syria's embattled President"
		if ti >= 0 && c.units[ti].tag == uW && ti-1 >= 0 {
			ti--
		}
		if ti >= 0 && c.units[ti].tag == uPos {
			ti--
		}
		person := c.ment(i)
		trig := c.units[i].s - k
		// "Its commander, X": the organisation last named
		if ti >= 0 && (c.units[ti].low == "its" || c.units[ti].low == "their") {
			o := c.recent(graph.Organization, c.units[ti].s, true)
			// "the company has been headed by its director": the
			// description this sentence resolved
			if len(c.d.corefs[c.si]) == 1 && !c.orgBefore(c.units[ti].s) {
				for v := range c.d.corefs[c.si] {
					o = v
				}
			}
			// "The company is controlled by X. Its director, Y": the
			// company the sentence before was about
			if o != "" && len(c.d.corefs[c.si-1]) == 1 && !c.orgBefore(c.units[ti].s) {
				for v := range c.d.corefs[c.si-1] {
					o = v
				}
			}
			if o != "" {
				c.emitTok(graph.Leads, leadsSrc, leadsTgt, person.ent, person.typ, o, graph.Organization, trig, u.s, 0.75, "title:its")
			}
			continue
		}
		if ti < 0 || c.units[ti].tag != uM {
			continue
		}
		owner := c.ment(ti)
		c.emitTok(graph.Leads, leadsSrc, leadsTgt, person.ent, person.typ, owner.ent, owner.typ, trig, u.s, 0.85, "title")
	}
}

// emitTok records a relation whose trigger is the token range [a,b).
func (c *sctx) emitTok(typ graph.RelationType, sT, tT map[graph.EntityType]bool, src string, st graph.EntityType, tgt string, tt graph.EntityType, a, b int, conf float64, rule string) {
	n := len(c.rels)
	c.emitNames(typ, sT, tT, src, st, tgt, tt, -1, conf, rule, nil)
	if len(c.rels) > n && a >= 0 && b > a {
		r := &c.rels[len(c.rels)-1]
		r.trigS, r.trigE, r.hasTrigger = c.toks[a].start, c.toks[b-1].end, true
	}
}

// possessiveRules: "Syria's SSRC" / "Syrian SSRC" → PART_OF; apposition
// "KOMID, North Korea's arms export body," → PART_OF; "X, a Syrian
// company," → LOCATED_IN; "Dubai-based X" → LOCATED_IN.
func (c *sctx) possessiveRules() {
	x := c.d.x
	us := c.units
	for i := 0; i < len(us); i++ {
		if us[i].tag != uM {
			continue
		}
		m := c.ment(i)
		// state's organisation
		if m.typ == graph.Country && i+1 < len(us) {
			k := i + 1
			if us[k].tag == uPos {
				k++
			} else if m.kind != kDemonym {
				k = -1
			}
			if k > 0 {
				for q := k; q < len(us) && q <= k+3; q++ {
					if us[q].tag == uM {
						o := c.ment(q)
						// an armed group is in its state, not part of it
						if o.typ == graph.Organization && !x.nonState[o.ent] && (q+1 >= len(us) || us[q+1].tag != uPos || q == k) {
							c.emitTok(graph.PartOf, partSrc, partTgt, o.ent, o.typ, m.ent, m.typ, us[i].s, us[q].e, 0.7, "possessive")
						}
						break
					}
					if us[q].tag != uW || c.ntrig[q] >= 0 || c.trig[q] >= 0 {
						break
					}
				}
			}
		}
		// "Haeju in North Korea", "Dalian, China", "the Iranian port of Bandar Abbas"
		if m.typ == graph.Location {
			// "Kraljevo in central Serbia", "Ruse, northern Bulgaria": a
			// compass word may narrow the country
			k := i + 2
			for k+1 < len(us) && k < i+5 && (us[k].tag == uW && compassWord(us[k].low) || us[k].low == "-" && k > i+2) {
				k++
			}
			if k < len(us) && (us[i+1].low == "in" || us[i+1].low == ",") && us[k].tag == uM && c.typ(k) == graph.Country && c.ment(k).kind == kName &&
				(us[i+1].low == "in" || k+1 >= len(us) || us[k+1].tag == uPunct) {
				o := c.ment(k)
				c.emitTok(graph.LocatedIn, nil, locTgt, m.ent, m.typ, o.ent, o.typ, us[i+1].s, us[i+1].e, 0.75, "locative")
			}
			// "Bandar Abbas, Iran's main southern port": an apposed place noun
			// owned by a state
			if i+3 < len(us) && us[i+1].low == "," && us[i+2].tag == uM && c.typ(i+2) == graph.Country && us[i+3].tag == uPos {
				for q := i + 4; q < len(us) && q <= i+7 && us[q].tag == uW; q++ {
					if placeNouns[us[q].low] {
						o := c.ment(i + 2)
						c.emitTok(graph.LocatedIn, nil, locTgt, m.ent, m.typ, o.ent, o.typ, us[q].s, us[q].e, 0.75, "locative:apposition")
						break
					}
				}
			}
			if i >= 3 && us[i-1].low == "of" && placeNouns[us[i-2].low] {
				q := i - 3
				if us[q].tag == uPos && q > 0 {
					q--
				}
				if us[q].tag == uM && c.typ(q) == graph.Country {
					o := c.ment(q)
					c.emitTok(graph.LocatedIn, nil, locTgt, m.ent, m.typ, o.ent, o.typ, us[i-2].s, us[i-2].e, 0.75, "locative")
				}
			}
		}
		// "Zhemchug Bank in Bishkek", "Corvane Maritime of Dubai", "X, a
		// front company in Sharjah": an organisation and the place it is in
		if m.typ == graph.Organization {
			c.orgPlace(i)
		}
		// apposition: M , [det] NP-with-state , → PART_OF / LOCATED_IN
		if m.typ == graph.Organization || m.typ == graph.Vessel {
			// "X, a subsidiary of Y", and the predicate nominal "X is a
			// subsidiary of Y", "X (Short) was a front company for Y"
			s := -1
			if k := c.skipParenRight(i + 1); k+1 < len(us) && (us[k].low == "," || predicateCopulas[us[k].low]) {
				s = k + 1
				// "X, which is a Grodno outfit": a relative copula clause
				if us[k].low == "," && k+2 < len(us) && (us[k+1].low == "which" || us[k+1].low == "that") && predicateCopulas[us[k+2].low] {
					s = k + 3
				}
			}
			// "X is using a Georgian front company": a progressive, not a
			// predicate nominal
			if s > 0 && s < len(us) && us[s-1].low != "," && strings.HasSuffix(us[s].low, "ing") {
				s = -1
			}
			if s > 0 && s < len(us) {
				e := c.npRight(s)
				if e > s && us[e-1].tag == uW {
					head := us[e-1].low
					var owner *mention
					for q := s; q < e; q++ {
						// "a Wagner-linked forwarder": the compound says how
						if q+2 < e && us[q+1].low == "-" && !c.toks[us[q+1].s].space && compoundRels[us[q+2].low].typ != "" {
							continue
						}
						if us[q].tag == uM && (c.typ(q) == graph.Country || c.typ(q) == graph.Organization || c.typ(q) == graph.Location && x.locatedHeads[head]) {
							owner = c.ment(q)
						}
					}
					// "a subsidiary of KOMID", "a front company for KOMID"
					if owner == nil && e+1 < len(us) && (us[e].low == "of" || us[e].low == "for") {
						q := e + 1
						if q < len(us) && us[q].tag == uD {
							q++
						}
						// "a subsidiary of the state conglomerate X"
						for k := 0; k < 3 && q+1 < len(us) && us[q].tag == uW && !c.toks[us[q].s].cap; k++ {
							q++
						}
						if q < len(us) && us[q].tag == uM {
							owner = c.ment(q)
						}
					}
					// after a copula only a part noun makes a part ("X is a
					// supplier of Y" is not about belonging)
					apposed := us[s-1].low == ","
					if owner != nil && owner.ent != m.ent {
						switch {
						case x.partHeads[head] || (owner.typ == graph.Organization && (apposed && x.locatedHeads[head] || strings.Contains(c.d.surface(c.toks, us[s].s, us[e-1].e), "front"))):
							c.emitTok(graph.PartOf, nil, partTgt, m.ent, m.typ, owner.ent, owner.typ, us[e-1].s, us[e-1].e, 0.7, "apposition")
						case x.locatedHeads[head] && owner.typ == graph.Country && c.stateOwned(s, e):
							// "X, Russia's state-owned arms exporter": part of the
							// state, and in it
							c.emitTok(graph.PartOf, nil, partTgt, m.ent, m.typ, owner.ent, owner.typ, us[e-1].s, us[e-1].e, 0.7, "apposition:state-owned")
							c.emitTok(graph.LocatedIn, nil, locTgt, m.ent, m.typ, owner.ent, owner.typ, us[e-1].s, us[e-1].e, 0.65, "apposition:state-owned")
						case x.locatedHeads[head] && (owner.typ == graph.Country || owner.typ == graph.Location):
							// "X, a Bandar Abbas company", "X is a Bosaso firm"
							c.emitTok(graph.LocatedIn, nil, locTgt, m.ent, m.typ, owner.ent, owner.typ, us[e-1].s, us[e-1].e, 0.7, "apposition")
						}
					}
				}
			}
		}
	}
}

// predicateCopulas introduce a predicate nominal that describes the subject.
var predicateCopulas = map[string]bool{"is": true, "was": true, "remains": true, "became": true, "becomes": true}

// skipParenRight returns the unit after a parenthesis opening at j ("(KOMID)"), or j.
func (c *sctx) skipParenRight(j int) int {
	if j >= len(c.units) || c.units[j].low != "(" {
		return j
	}
	for q := j + 1; q < len(c.units) && q <= j+12; q++ {
		if c.units[q].low == ")" {
			return q + 1
		}
	}
	return j
}

// orgPlace reads the place of the organisation at unit i: directly after
// it ("Kestrel Advisory in Warsaw", "Corvane Maritime of Dubai") or after
// an apposed company noun ("Hemlock Petroleum, a refinery operator in
// Baniyas"). The place must end the phrase, so "X in Syria and Iraq"
// lists and "X of Syria's ..." possessives are left alone.
func (c *sctx) orgPlace(i int) {
	x := c.d.x
	us := c.units
	k := i + 1
	// "X, which is a radio manufacturer in Pskov"
	rel := 0
	if k+3 < len(us) && us[k].low == "," && (us[k+1].low == "which" || us[k+1].low == "that") && predicateCopulas[us[k+2].low] {
		rel = 2
	}
	if k+1+rel < len(us) && us[k].low == "," && (us[k+1+rel].low == "a" || us[k+1+rel].low == "an" || us[k+1+rel].low == "the" || us[k+1+rel].low == "our" || us[k+1+rel].low == "their") {
		k += rel
		q := k + 2
		for q < len(us) && q <= k+6 && (us[q].tag == uW || us[q].low == "-" && !c.toks[us[q].s].space || us[q].tag == uV && (us[q-1].low == "-" || strings.HasSuffix(us[q].low, "ing")) ||
			us[q].tag == uM && c.typ(q) == graph.Organization) && !x.orgHeads[us[q].low] && !x.locatedHeads[us[q].low] && !x.partHeads[us[q].low] {
			q++ // "a money-service business in X", "a state-owned firm in X"
		}
		if q >= len(us) || us[q].tag != uW && !(us[q].tag == uV && x.partHeads[us[q].low]) || !(x.orgHeads[us[q].low] || x.locatedHeads[us[q].low] || x.partHeads[us[q].low]) ||
			c.trig[q] >= 0 && c.ntrig[q] < 0 && !x.partHeads[us[q].low] {
			return
		}
		// "a front company": the last of several head nouns
		for q+1 < len(us) && us[q+1].tag == uW && (x.orgHeads[us[q+1].low] || x.locatedHeads[us[q+1].low]) {
			q++
		}
		k = q + 1
		// "the al Qaeda affiliate active in Mali"
		if k+1 < len(us) && (us[k].low == "active" || us[k].low == "operating" || us[k].low == "present") && us[k+1].low == "in" {
			k++
		}
		if k < len(us) && us[k].low != "in" {
			return
		}
	}
	// "Kronvald Shipping LLC, St Petersburg." / "Hengrui Ocean Shipping Co.,
	// Hong Kong": an address after the name, closing the phrase
	closes := func(q int) bool {
		return q >= len(us) || us[q].low == "." || us[q].low == ";" || us[q].low == ")" || us[q].low == "("
	}
	// "Halden Cloud Co., Ltd., Tashkent, Uzbekistan": the city, then its
	// country, close the phrase
	if k == i+1 && k+3 < len(us) && us[k].low == "," && us[k+1].tag == uM && us[k+2].low == "," && us[k+3].tag == uM && closes(k+4) {
		// ("Surat, Gujarat": or its province)
		if o, o2 := c.ment(k+1), c.ment(k+3); o.typ == graph.Location && (o2.typ == graph.Country || o2.typ == graph.Location) {
			m := c.ment(i)
			c.emitTok(graph.LocatedIn, nil, locTgt, m.ent, m.typ, o.ent, o.typ, us[k+1].s, us[k+1].e, 0.65, "org-place:address")
		}
		return
	}
	if k == i+1 && k+1 < len(us) && us[k].low == "," && us[k+1].tag == uM && closes(k+2) {
		if o := c.ment(k + 1); o.typ == graph.Location || o.typ == graph.Country {
			m := c.ment(i)
			c.emitTok(graph.LocatedIn, nil, locTgt, m.ent, m.typ, o.ent, o.typ, us[k+1].s, us[k+1].e, 0.65, "org-place:address")
		}
		return
	}
	if k+1 >= len(us) || (us[k].low != "in" && us[k].low != "of") || us[k+1].tag != uM {
		return
	}
	o := c.ment(k + 1)
	if o.typ != graph.Country && o.typ != graph.Location {
		return
	}
	if k+2 < len(us) && (us[k+2].tag == uPos || us[k+2].low == "and" || us[k+2].low == "-") {
		return
	}
	if us[k].low == "of" && k == i+1 && o.typ == graph.Country {
		return // "the Central Bank of Iran" is a name, not a seat
	}
	m := c.ment(i)
	// "X, a state-owned manufacturer in Belarus": part of the state
	if o.typ == graph.Country && k > i+1 && c.stateOwned(i+1, k) {
		c.emitTok(graph.PartOf, nil, partTgt, m.ent, m.typ, o.ent, o.typ, us[k].s, us[k].e, 0.7, "org-place:state-owned")
	}
	c.emitTok(graph.LocatedIn, nil, locTgt, m.ent, m.typ, o.ent, o.typ, us[k].s, us[k].e, 0.7, "org-place")
}

// stateOwned reports a state-ownership modifier in units[s:e]
// ("state-owned", "state-run", "a state firm", "government-owned").
func (c *sctx) stateOwned(s, e int) bool {
	for q := s; q < e; q++ {
		switch c.units[q].low {
		case "state", "government", "state-owned", "state-run", "government-owned", "government-run":
			if c.units[q].low == "state" || c.units[q].low == "government" {
				// "state-owned" may be three tokens: state - owned
				if q+2 < e && c.units[q+1].low == "-" && (c.units[q+2].low == "owned" || c.units[q+2].low == "run" || c.units[q+2].low == "controlled") {
					return true
				}
				if q+1 < e && c.units[q+1].tag == uW && c.units[q+1].low != "-" {
					return true // "a state firm", "a state arms exporter"
				}
				continue
			}
			return true
		}
	}
	return false
}

// salientOrg returns the organisation an "its" most likely refers to: of
// the organisations named before unit start in this sentence or the three
// before it, the one named most often in the document so far (ties: the
// most recent).
func (c *sctx) salientOrg(start int) string {
	count := map[string]int{}
	for k := 0; k <= c.si; k++ {
		for _, m := range c.d.ment[k] {
			if m.typ == graph.Organization && (k < c.si || m.s < start) {
				count[m.ent]++
			}
		}
		if k < c.si {
			for o := range c.d.corefs[k] {
				count[o]++
			}
		}
	}
	best, bestN := "", 0
	for k := c.si - 3; k <= c.si; k++ {
		if k < 0 {
			continue
		}
		for _, m := range c.d.ment[k] {
			if m.typ == graph.Organization && (k < c.si || m.s < start) {
				if count[m.ent] >= bestN {
					best, bestN = m.ent, count[m.ent]
				}
			}
		}
	}
	return best
}

// roleRules reads roles stated with possessive pronouns:
//   - "His company, Venn Capital Partners," → the person last named
//     OPERATES the organisation;
//   - "X, is its chief operating officer", "X is the director of Y" →
//     MEMBER_OF (officers, employees) or LEADS (leader titles) the
//     organisation named after "of" or, for "its", the salient one.
func (c *sctx) roleRules() {
	x := c.d.x
	us := c.units
	for i := 0; i+3 < len(us); i++ {
		// "His company, X", "his Riga-based trading company, X", "Kaya's
		// company, X" (a person's possessive)
		if us[i].low == "his" || us[i].low == "her" || us[i].tag == uM && c.typ(i) == graph.Person && i+1 < len(us) && us[i+1].tag == uPos {
			possessor := i
			if us[i].tag == uM {
				i++ // the "'s"
			}
			h := i + 1
			for q := 0; q < 4 && h+1 < len(us) && us[h+1].low != "," && ((us[h].tag == uW || us[h].tag == uV) && !c.toks[us[h].s].cap || us[h].low == "-" || us[h].tag == uM && (c.typ(h) == graph.Location || c.typ(h) == graph.Country)); q++ {
				h++
			}
			if h+2 < len(us) && us[h].tag == uW && (x.orgHeads[us[h].low] || x.locatedHeads[us[h].low] || us[h].low == "companies" || us[h].low == "firms") &&
				us[h+1].low == "," && us[h+2].tag == uM && c.typ(h+2) == graph.Organization {
				p := ""
				if us[possessor].tag == uM {
					p = c.ment(possessor).ent
				} else {
					p = c.personCoref(us[i].s)
				}
				if p != "" {
					o := c.ment(h + 2)
					c.emitTok(graph.Operates, nil, nil, p, graph.Person, o.ent, o.typ, us[i].s, us[h].e, 0.7, "role:his-company")
				}
			}
			i = possessor
		}
		// "Our subsidiary, X,": a company's own statement names its parts
		if us[i].low == "our" && i+3 < len(us) && x.partHeads[us[i+1].low] && us[i+2].low == "," && us[i+3].tag == uM && c.typ(i+3) == graph.Organization {
			if o := c.authorOrg(); o != "" {
				m := c.ment(i + 3)
				c.emitTok(graph.PartOf, nil, partTgt, m.ent, m.typ, o, graph.Organization, us[i].s, us[i+1].e, 0.7, "role:our-part")
			}
		}
		// "he chairs its board", "heads the board of X" → LEADS
		if c.trig[i] >= 0 && x.rules[c.trig[i]].typ == graph.Leads && i+2 < len(us) && (us[i+1].low == "its" || us[i+1].low == "the") && us[i+2].low == "board" {
			org, ot := "", graph.Organization
			if i+4 < len(us) && us[i+3].low == "of" && us[i+4].tag == uM {
				org, ot = c.ment(i+4).ent, c.ment(i+4).typ
			} else if us[i+1].low == "its" {
				org = c.salientOrg(us[i].s)
			}
			if org != "" && ot == graph.Organization && !c.negated(i) {
				for _, h := range c.subjectOf(i, 0) {
					if n, t := c.name(h); t == graph.Person {
						c.emitTok(graph.Leads, nil, nil, n, t, org, ot, us[i].s, us[i+2].e, 0.7, "role:board")
					}
				}
			}
		}
		// "X bought a stake in Y", "X holds a 40 percent stake in Y"
		if us[i].low == "stake" || us[i].low == "stakes" || us[i].low == "shareholding" {
			c.stakeRule(i)
		}
		// "The appellant was a director of X": a definite role noun as
		// subject stands for the person last named
		person := ""
		switch {
		case us[i].tag == uM && c.typ(i) == graph.Person:
			person = c.ment(i).ent
		case us[i].tag == uW && roleCorefNouns[us[i].low] && i > 0 && us[i-1].low == "the" && (i < 2 || us[i-2].tag != uM):
			person = c.personCoref(us[i].s)
		}
		if person == "" {
			continue
		}
		k := i + 1
		if us[k].low == "," {
			k++
		}
		if k >= len(us) || us[k].tag != uV || !(us[k].low == "is" || us[k].low == "was" || us[k].low == "remains" || us[k].low == "became") {
			continue
		}
		k++
		if k >= len(us) || !(us[k].low == "its" || us[k].low == "the" || us[k].low == "a" || us[k].low == "an") {
			continue
		}
		det := us[k].low
		// the last role word of the phrase is its head ("chief
		// operating officer": officer)
		q := -1
		for r := k + 1; r < len(us) && r <= k+5 && (us[r].tag == uW || us[r].tag == uV) && us[r].low != "of"; r++ {
			if x.personNouns[us[r].low] || x.leaderTitles[us[r].low] || us[r].low == "officer" {
				q = r
			}
		}
		if q < 0 {
			continue
		}
		head := us[q].low
		title := strings.TrimSpace(c.d.surface(c.toks, us[k+1].s, us[q].e))
		leader := x.leaderTitles[strings.ToLower(title)] || (x.leaderTitles[head] && head != "officer")
		member := head == "officer" || x.personNouns[head]
		if !leader && !member {
			continue
		}
		org, ot := "", graph.Organization
		if q+2 < len(us) && us[q+1].low == "of" && us[q+2].tag == uM {
			o := c.ment(q + 2)
			org, ot = o.ent, o.typ
		} else if det == "its" {
			org = c.salientOrg(us[i].s)
		}
		if org == "" || (ot != graph.Organization && ot != graph.Country) {
			continue
		}
		typ := graph.MemberOf
		if leader {
			typ = graph.Leads
		}
		c.emitTok(typ, nil, nil, person, graph.Person, org, ot, us[k].s, us[q].e, 0.75, "role:copula")
	}
}

// roleCorefNouns are definite descriptions of the person a legal text is
// about ("the appellant", "the defendant").
var roleCorefNouns = map[string]bool{"appellant": true, "defendant": true, "accused": true, "respondent": true, "claimant": true, "applicant": true}

// stakeVerbs take "a stake in Y" as an object: their subject OPERATES Y.
var stakeVerbs = map[string]bool{"bought": true, "buys": true, "buy": true, "acquired": true, "acquires": true, "acquire": true,
	"holds": true, "held": true, "hold": true, "owns": true, "owned": true, "own": true, "took": true, "takes": true, "purchased": true}

// stakeRule: "X bought a stake in Y" → X OPERATES Y (owns part of it).
func (c *sctx) stakeRule(i int) {
	us := c.units
	if i+2 >= len(us) || us[i+1].low != "in" || us[i+2].tag != uM || c.typ(i+2) != graph.Organization {
		return
	}
	v := -1
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		if stakeVerbs[us[k].low] {
			v = k
			break
		}
	}
	if v < 0 || c.negated(v) {
		return
	}
	o := c.ment(i + 2)
	for _, h := range c.subjectOf(v, 0) {
		n, t := c.name(h)
		if (t == graph.Organization || t == graph.Person || t == graph.Country) && n != o.ent {
			c.emitTok(graph.Operates, nil, nil, n, t, o.ent, o.typ, us[v].s, us[i].e, 0.65, "stake")
		}
	}
}

// passiveFromTo reads an agentless passive transfer with both ends named:
// "the cargo was transferred from the MV X to the Y", "the goods were
// shipped from X to Y" → X SUPPLIES Y.
func (c *sctx) passiveFromTo() {
	x := c.d.x
	us := c.units
	for t := 1; t+3 < len(us); t++ {
		if c.trig[t] < 0 || !beForms[us[t-1].low] {
			continue
		}
		rule := &x.rules[c.trig[t]]
		if rule.typ != graph.Supplies || rule.reverse || c.negated(t) {
			continue
		}
		k := t + 1
		if us[k].low != "from" {
			continue
		}
		k++
		if k < len(us) && us[k].tag == uD {
			k++
		}
		if k < len(us) && us[k].tag == uW && (x.vesselPrefixes[c.toks[us[k].s].text] || x.vesselCues[us[k].low]) {
			k++ // "from the MV Sea Falcon", "from the tanker X"
		}
		if k >= len(us) || us[k].tag != uM {
			continue
		}
		src := c.ment(k)
		k++
		if k < len(us) && us[k].low == "," {
			k++
		}
		if k+1 >= len(us) || us[k].low != "to" {
			continue
		}
		k++
		if us[k].tag == uD && k+1 < len(us) {
			k++
		}
		if us[k].tag == uW && (x.vesselPrefixes[c.toks[us[k].s].text] || x.vesselCues[us[k].low]) && k+1 < len(us) {
			k++ // "to the tanker Silver Ibis"
		}
		if us[k].tag != uM {
			continue
		}
		dst := c.ment(k)
		// "Payments were sent from X to Y": money moved is financing
		if t >= 2 && x.money[us[t-2].low] {
			c.emitTok(graph.Finances, rule.srcTypes, nil, src.ent, src.typ, dst.ent, dst.typ, us[t].s, us[t].e, 0.7, "passive:from-to-money")
			continue
		}
		c.emitTok(graph.Supplies, rule.srcTypes, nil, src.ent, src.typ, dst.ent, dst.typ, us[t].s, us[t].e, 0.7, "passive:from-to")
	}
}

// brokerVerbs name who arranged a transfer.
var brokerVerbs = map[string]bool{"brokered": true, "arranged": true, "organised": true, "organized": true, "facilitated": true, "negotiated": true}

// transferNouns stand for a transfer named before ("the transfer", "the deal").
var transferNouns = map[string]bool{"transfer": true, "deal": true, "sale": true, "shipment": true, "delivery": true, "purchase": true, "contract": true, "transaction": true}

// brokerRule: "The transfer, brokered by X, ..." → X SUPPLIES the recipient
// of the transfer last reported (this sentence or the two before).
func (c *sctx) brokerRule() {
	us := c.units
	d := c.d
	if d.lastSupply.tgt == "" || c.si-d.lastSupplySi > 2 {
		return
	}
	for i := 1; i+2 < len(us); i++ {
		if !brokerVerbs[us[i].low] || us[i+1].low != "by" || us[i+2].tag != uM {
			continue
		}
		j := i - 1
		for j >= 0 && (us[j].low == "," || beForms[us[j].low] || c.skippable(j)) {
			j--
		}
		if j < 1 || !transferNouns[us[j].low] || (us[j-1].low != "the" && us[j-1].low != "this") {
			continue
		}
		b := c.ment(i + 2)
		if b.typ != graph.Organization && b.typ != graph.Person && b.typ != graph.Country {
			continue
		}
		if b.ent == d.lastSupply.tgt || c.negated(i) {
			continue
		}
		c.emitTok(graph.Supplies, nil, nil, b.ent, b.typ, d.lastSupply.tgt, c.typeOf(d.lastSupply.tgt), us[i].s, us[i+1].e, 0.6, "broker")
	}
}

// typeOf returns the type of a document entity by name.
func (c *sctx) typeOf(name string) graph.EntityType {
	if e := c.d.ents[name]; e != nil {
		return e.typ
	}
	return ""
}

var vesselSrc = map[graph.EntityType]bool{graph.Vessel: true}
var countryTgt = map[graph.EntityType]bool{graph.Country: true}

// flagRule reads a flag state stated in words: "the vessel, flagged in
// Liberia,", "X is flagged under Panama", "X sails under the flag of Y"
// → LINKED_TO (the project's convention for flag states).
func (c *sctx) flagRule() {
	us := c.units
	for t := 0; t+2 < len(us); t++ {
		k, verb := -1, -1
		switch {
		case us[t].low == "flagged" && (us[t+1].low == "in" || us[t+1].low == "under" || us[t+1].low == "by"):
			k, verb = t+2, t
		case us[t].low == "flag" && us[t+1].low == "of" && t >= 3 && us[t-1].low == "the" && us[t-2].low == "under":
			k, verb = t+2, t-3
		case us[t].low == "flag" && us[t+1].low == "of" && t >= 2 && us[t-1].low == "the" && (us[t-2].low == "flies" || us[t-2].low == "flew" || us[t-2].low == "flying" || us[t-2].low == "fly"):
			k, verb = t+2, t-2 // "which flies the flag of Togo"
		}
		// "the tanker X (Gabon flag)", "X (flag: Gabon)": a flag in
		// parentheses after the ship's name
		if us[t].low == "(" && t > 0 && us[t-1].tag == uM && c.typ(t-1) == graph.Vessel {
			q := t + 1
			if q+1 < len(us) && us[q].low == "flag" && us[q+1].low == ":" {
				q += 2
			}
			if q < len(us) && us[q].tag == uM && c.typ(q) == graph.Country && (q+1 < len(us) && (us[q+1].low == "flag" || us[q+1].low == "-" || us[q+1].low == ")")) && (us[t+1].low == "flag" || q+1 < len(us) && us[q+1].low != ")") {
				v, f := c.ment(t-1), c.ment(q)
				c.emitTok(graph.LinkedTo, vesselSrc, countryTgt, v.ent, v.typ, f.ent, f.typ, us[q].s, us[q].e, 0.7, "flag:parenthesis")
			}
			continue
		}
		if k < 0 || c.negated(verb) {
			continue
		}
		if k < len(us) && us[k].tag == uD {
			k++
		}
		if k >= len(us) || us[k].tag != uM || c.typ(k) != graph.Country {
			continue
		}
		var pats []int
		if verb == t {
			pats = c.patientLeft(t)
		} else {
			pats = c.subjectOf(verb, 0)
		}
		// "the ship X, sailing under the flag of Palau,": a participle
		// apposed to the ship's name
		if verb != t && verb >= 2 && us[verb-1].low == "," && us[verb-2].tag == uM && c.typ(verb-2) == graph.Vessel {
			pats = []int{verb - 2}
		}
		tgt := c.ment(k)
		for _, h := range pats {
			src, st := c.name(h)
			c.emitTok(graph.LinkedTo, vesselSrc, countryTgt, src, st, tgt.ent, tgt.typ, us[t].s, us[t].e, 0.7, "flag")
		}
	}
}

// facilityVerbs take a facility as object: "X operates a plant near Y".
var facilityVerbs = map[string]bool{"operates": true, "operated": true, "operate": true, "runs": true, "ran": true, "run": true,
	"owns": true, "owned": true, "own": true, "opened": true, "opens": true, "built": true, "builds": true, "has": true, "had": true, "maintains": true}

// facilityNouns are sites an organisation works from.
var facilityNouns = map[string]bool{"plant": true, "plants": true, "factory": true, "factories": true, "facility": true, "facilities": true,
	"shipyard": true, "shipyards": true, "workshop": true, "workshops": true, "warehouse": true, "warehouses": true, "site": true,
	"office": true, "offices": true, "headquarters": true, "base": true, "depot": true, "refinery": true, "production line": true}

// facilityRule: "X operates a plant near Y", "X has a factory in Y" → X
// LOCATED_IN Y.
func (c *sctx) facilityRule() {
	us := c.units
	for t := 0; t+3 < len(us); t++ {
		if !facilityVerbs[us[t].low] || c.negated(t) {
			continue
		}
		k := t + 1
		if us[k].tag != uD {
			continue
		}
		k++
		for q := 0; q < 2 && k < len(us) && us[k].tag == uW && !facilityNouns[us[k].low]; q++ {
			k++
		}
		if k+2 >= len(us) || !facilityNouns[us[k].low] {
			continue
		}
		k++
		if p := us[k].low; p != "in" && p != "near" && p != "at" && p != "outside" {
			continue
		}
		k++
		if us[k].tag != uM {
			continue
		}
		tgt := c.ment(k)
		for _, h := range c.subjectOf(t, 0) {
			src, st := c.name(h)
			c.emitTok(graph.LocatedIn, partSrc, locTgt, src, st, tgt.ent, tgt.typ, us[t].s, us[t].e, 0.65, "facility")
		}
	}
}

var attackedSrc = map[graph.EntityType]bool{graph.Country: true, graph.Organization: true, graph.Person: true}
var attackedTgt = map[graph.EntityType]bool{graph.Country: true, graph.Organization: true, graph.Person: true, graph.Location: true, graph.Vessel: true}

// claimRule reads who claimed an attack: "the attack on X, which was
// claimed by Y", "the strike on X was claimed by Y", "Y claimed
// (responsibility for) the attack on X" → Y ATTACKED X. The claimant
// replaces any other source read for that attack in the sentence, and a
// subject that condemned the attack opposes the claimant.
func (c *sctx) claimRule() {
	x := c.d.x
	us := c.units
	for k := 0; k < len(us); k++ {
		if us[k].low != "claimed" || c.negated(k) {
			continue
		}
		var agents []int
		a := -1 // the attack noun
		if k+2 < len(us) && us[k+1].low == "by" {
			q := k + 2
			if us[q].tag == uD && q+1 < len(us) {
				q++
			}
			if us[q].tag != uM {
				continue
			}
			agents = []int{q}
			for p := k - 1; p >= 0 && p >= k-20; p-- {
				if r := c.ntrig[p]; r >= 0 && x.rules[r].typ == graph.Attacked {
					a = p
					break
				}
			}
		} else {
			agents = c.subjectOf(k, 0)
			for p := k + 1; p < len(us) && p <= k+5; p++ {
				if r := c.ntrig[p]; r >= 0 && x.rules[r].typ == graph.Attacked {
					a = p
					break
				}
			}
		}
		if a < 0 || len(agents) == 0 {
			continue
		}
		// the target: "on/against [the merchant vessel] X"
		tgt := -1
		if q := a + max(c.nlen[a], 1); q < len(us) && (us[q].low == "on" || us[q].low == "against" || us[q].low == "in" || us[q].low == "near") {
			for q++; q < len(us) && q <= a+7; q++ {
				if us[q].tag == uM {
					tgt = q
					break
				}
				if us[q].tag != uD && us[q].tag != uW {
					break
				}
			}
		}
		if tgt < 0 {
			continue
		}
		tm := c.ment(tgt)
		// drop other sources read for this attack
		kept := c.rels[:0]
		for _, r := range c.rels {
			if r.typ == graph.Attacked && r.tgt == tm.ent {
				continue
			}
			kept = append(kept, r)
		}
		c.rels = kept
		var opp []int
		if us[k+1].low == "by" {
			for p := a - 1; p >= 0 && p >= a-8; p-- {
				if r := c.trig[p]; r >= 0 && x.rules[r].typ == graph.Opposes {
					opp = c.subjectOf(p, 0)
					break
				}
			}
		}
		for _, h := range agents {
			src, st := c.name(h)
			c.emitTok(graph.Attacked, attackedSrc, attackedTgt, src, st, tm.ent, tm.typ, us[k].s, us[k].e, 0.7, "claim")
			for _, o := range opp {
				on, ot := c.name(o)
				c.emitTok(graph.Opposes, attackedSrc, attackedSrc, on, ot, src, st, us[k].s, us[k].e, 0.65, "claim:condemn")
			}
		}
	}
}

// listAddRule: "X added Y to its Entity List", "Britain added Y to the
// sanctions list" → X SANCTIONED Y.
func (c *sctx) listAddRule() {
	us := c.units
	for k := 0; k+3 < len(us); k++ {
		add := us[k].low == "added" || us[k].low == "adds" || us[k].low == "add"
		put := us[k].low == "put" || us[k].low == "puts" || us[k].low == "placed" || us[k].low == "places" || us[k].low == "place"
		if !add && !put || c.negated(k) {
			continue
		}
		// passive: "X was added to the EU's sanctions list" — the owner of
		// the list is the one who sanctions
		if add && k+2 < len(us) && us[k+1].low == "to" && k > 0 && beForms[us[k-1].low] {
			q := k + 2
			if us[q].tag == uD {
				q++
			}
			if q+1 < len(us) && us[q].tag == uM && us[q+1].tag == uPos && c.listWordAfter(q+2) {
				rule := c.ruleFor(graph.Sanctioned)
				owner := c.ment(q)
				for _, p := range c.patientLeft(k) {
					tgt, tt := c.name(p)
					c.emitTok(graph.Sanctioned, rule.srcTypes, rule.tgtTypes, owner.ent, owner.typ, tgt, tt, us[k].s, us[k].e, 0.7, "list-add:passive")
				}
			}
			continue
		}
		objs, e := c.listRight(k + 1)
		want := "to"
		if put {
			want = "on" // "put X on the Entity List"
		}
		if len(objs) == 0 || e >= len(us) || us[e].low != want {
			continue
		}
		ok := false
		for q := e + 1; q < len(us) && q <= e+5; q++ {
			if l := strings.ToLower(string(c.d.nr[c.toks[us[q].s].start:c.toks[us[q].e-1].end])); strings.HasSuffix(l, "list") {
				ok = true
				break
			}
		}
		if !ok {
			continue
		}
		rule := c.ruleFor(graph.Sanctioned)
		for _, s := range c.subjectOf(k, 0) {
			src, st := c.name(s)
			for _, o := range objs {
				tgt, tt := c.name(o)
				c.emitTok(graph.Sanctioned, rule.srcTypes, rule.tgtTypes, src, st, tgt, tt, us[k].s, us[k].e, 0.7, "list-add")
			}
		}
	}
}

// orgBefore reports an organisation named in this sentence before token
// index before.
func (c *sctx) orgBefore(before int) bool {
	for _, m := range c.ms {
		if m.s < before && m.typ == graph.Organization {
			return true
		}
	}
	return false
}
