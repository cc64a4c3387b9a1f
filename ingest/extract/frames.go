package extract

import (
	"strings"

	"github.com/nexus-graph/nexus/graph"
)

// This file holds frame rules: one rule per kind of meaning (a role in an
// organisation, a seat, ...) that reads every syntactic frame the meaning
// comes in, instead of one rule per frame. The frames are listed on each
// rule; table tests in frames_test.go cross every frame with every role word.

// roleKind says what holding a role makes of a person.
type roleKind uint8

const (
	roleNone   roleKind = iota
	roleLeader          // LEADS: director, chairman, head, founder, ...
	roleOwner           // OPERATES: owner, proprietor, beneficial owner
	roleMember          // MEMBER_OF: officer, employee, agent, member, ...
)

// ownerNouns make their holder the operator of an organisation.
var ownerNouns = map[string]bool{"owner": true, "co-owner": true, "proprietor": true, "shareholder": true, "controller": true}

// roleAt reads a role phrase starting at unit i ("managing director",
// "chief executive officer", "head", "owner") and returns its end and kind.
// Only uncapitalised words or known titles count, so names are not roles.
func (c *sctx) roleAt(i int) (int, roleKind) {
	x := c.d.x
	us := c.units
	end, kind := -1, roleNone
	var words []string
	for k := i; k < len(us) && k < i+4; k++ {
		u := us[k]
		if u.tag != uW && u.tag != uV || u.low == "of" || c.toks[u.s].upper && len(u.low) > 1 && u.low != "ceo" {
			break
		}
		words = append(words, u.low)
		phrase := strings.Join(words, " ")
		switch {
		case x.leaderTitles[phrase] || phrase == "co-founder":
			end, kind = k+1, roleLeader
		case ownerNouns[phrase] || len(words) > 1 && ownerNouns[u.low]:
			end, kind = k+1, roleOwner // "owner", "beneficial owner"
		case len(words) > 1 && x.leaderTitles[u.low] && headshipModifiers[words[0]]:
			end, kind = k+1, roleLeader // "sole director", "acting head"
		case (x.personNouns[u.low] || u.low == "officer") && !agentNouns[u.low]:
			// ("a Hizballah financier" is read by agentNounFrames)
			// the head noun decides ("chief operating officer", "senior
			// researcher") unless the whole phrase is a leader title
			end, kind = k+1, roleMember
		case len(words) > 1 && x.leaderTitles[u.low]:
			end, kind = k+1, roleLeader
		}
	}
	// "former deputy chairman", "a vice president": a subordinate title
	if kind == roleLeader && !x.leaderTitles[strings.Join(words[:end-i], " ")] {
		for _, w := range words[:end-i] {
			if functionalModifiers[w] {
				kind = roleMember
			}
		}
	}
	return end, kind
}

// roleFrames links a person to an organisation through a role noun in any
// of these frames (ROLE = "managing director", "owner", "an official", ...):
//
//	P, [the|a] ROLE of O, ...          P, O's ROLE, ...
//	[The] ROLE of O, P, ...            O's ROLE, P, ...
//	P is|was|remains|became [the] ROLE of O    P serves|acts as [the] ROLE of O
//	P, who is the ROLE of O, ...       O ROLE P ...  (compound title)
//	P (Short) is the ROLE of O
func (c *sctx) roleFrames() {
	us := c.units
	for i := 0; i < len(us); i++ {
		if us[i].tag != uW && us[i].tag != uV {
			continue
		}
		if !c.roleOpener(us[i].low) {
			continue
		}
		end, kind := c.roleAt(i)
		if kind == roleNone {
			continue
		}
		c.roleFrame(i, end, kind)
		i = end - 1
	}
}

// roleOpener: a word that may open a role phrase: a role word itself, a
// modifier, or the first word of a multi-word title ("managing").
func (c *sctx) roleOpener(w string) bool {
	x := c.d.x
	return x.leaderTitles[w] || x.titleOpeners[w] || x.personNouns[w] || ownerNouns[w] || w == "officer" || w == "co-founder" || isRoleModifier(w)
}

// headshipModifiers keep a leader title a leader's ("sole director",
// "acting head"), unlike "senior commander".
var headshipModifiers = map[string]bool{"sole": true, "acting": true, "interim": true, "former": true, "current": true,
	"longtime": true, "long-time": true, "then": true, "founding": true, "nominal": true, "joint": true}

// functionalModifiers make a leader title a subordinate role.
var functionalModifiers = map[string]bool{"technical": true, "financial": true, "commercial": true, "sales": true, "marketing": true,
	"deputy": true, "assistant": true, "regional": true, "operations": true, "procurement": true, "associate": true, "vice": true}

// isRoleModifier: adjectives that may open a role phrase without being
// part of a title ("senior", "former").
func isRoleModifier(w string) bool {
	switch w {
	case "senior", "former", "junior", "beneficial", "ultimate", "registered", "majority", "minority", "principal", "longtime", "long-time", "sole", "current", "then", "acting", "interim", "de", "facto", "joint", "nominal":
		return true
	}
	return false
}

// operatorNouns: roles an organisation holds over a ship or another
// organisation ("X, the registered owner of the ORINDA", "its commercial
// manager, X"): the holder OPERATES the thing.
var operatorNouns = map[string]bool{"owner": true, "manager": true, "operator": true, "charterer": true, "controller": true, "proprietor": true}

// roleFrame handles one role phrase units[s:e].
func (c *sctx) roleFrame(s, e int, kind roleKind) {
	us := c.units
	// where the role phrase starts, with its determiner or possessor
	start := s
	// "technical director", "deputy head": a functional or subordinate
	// director is a member, not the head
	if kind == roleLeader && s-1 >= 0 && functionalModifiers[us[s-1].low] {
		kind = roleMember
	}
	// "the sole director", "Sabaloka's technical director": modifiers
	// (known ones, or up to two plain lower-case words) open the phrase
	for k := 0; start-1 >= 0 && (isRoleModifier(us[start-1].low) || us[start-1].low == "-" ||
		// "a Yemen researcher at X": a place modifying the role
		k < 2 && us[start-1].tag == uM && (c.typ(start-1) == graph.Country || c.typ(start-1) == graph.Location) && start-2 >= 0 && (us[start-2].low == "a" || us[start-2].low == "an") ||
		k < 2 && (us[start-1].tag == uW || us[start-1].tag == uV && !strings.HasSuffix(us[start-1].low, "ed") && !strings.HasSuffix(us[start-1].low, "ing") && !beForms[us[start-1].low] && !c.d.x.aux[us[start-1].low]) && !c.toks[us[start-1].s].cap); k++ {
		start--
	}
	org, orgEnd := -1, e // unit index of the organisation mention
	det := ""
	var orgHs []int // "whose ROLE": the relative clause's antecedent
	switch p := start - 1; {
	case p >= 0 && us[p].tag == uPos && p-1 >= 0 && us[p-1].tag == uM:
		org, start = p-1, p-1 // "O's ROLE"
		if start >= 1 && us[start-1].low == "the" {
			start-- // "P, the UN Office on Drugs and Crime's regional representative"
		}
	case p >= 0 && us[p].tag == uM && c.typ(p) == graph.Organization && p+1 == start && !c.toks[us[s].s].cap:
		org, start = p, p // "O founder P"
		det = "compound"
	case p >= 2 && us[p].tag == uPos && (c.d.x.groupCoref[us[p-1].low] || c.d.x.vesselCues[us[p-1].low]) && (us[p-2].low == "the" || us[p-2].low == "that" || us[p-2].low == "this"):
		// "the firm's director, P", "the vessel's registered owner, Y": the
		// organisation or ship the description refers to
		if hs, _ := c.heads(p-2, p); len(hs) == 1 {
			orgHs, det, start = hs, "coref", p-2
		}
	case p >= 0 && (us[p].low == "its" || us[p].low == "their" || us[p].low == "her"):
		det, start = us[p].low, p
	case p >= 0 && (us[p].low == "the" || us[p].low == "a" || us[p].low == "an"):
		det, start = us[p].low, p
	case p >= 1 && us[p].low == "whose":
		det, start = "whose", p
		orgHs = c.antecedent(p-1, 0)
	}
	if org < 0 && det != "coref" {
		// "ROLE of|at|in|with O"
		k := e
		if k < len(us) && (us[k].low == "of" || us[k].low == "at" || us[k].low == "in" || us[k].low == "with" || us[k].low == "for") {
			k++
			if k < len(us) && us[k].low == "the" {
				k++
			}
			// "at the London-based Harbourline Institute": a compound first
			if k+3 < len(us) && us[k].tag == uM && us[k+1].low == "-" && us[k+2].tag != uM && us[k+3].tag == uM {
				k += 3
			}
			// "a member of the board of O", "chairman of the board of O"
			if k+1 < len(us) && (us[k].low == "board" || us[k].low == "boards") && us[k+1].low == "of" {
				k += 2
				if k < len(us) && us[k].low == "the" {
					k++
				}
			}
			if k < len(us) && us[k].tag == uM {
				org, orgEnd = k, k+1
			}
		}
	}
	// "X incorporated in Yangon; sole director P": a role opening a clause
	// after a semicolon belongs to the organisation the sentence is about
	if org < 0 && det == "" && start > 0 && us[start-1].low == ";" && e < len(us) && us[e].tag == uM && c.typ(e) == graph.Person {
		for k := 0; k < start; k++ {
			if us[k].tag == uM && c.typ(k) == graph.Organization {
				org, orgEnd, det = k, e, "compound"
				break
			}
		}
	}
	// "P, Senior Researcher, O;": a witness or signature line
	if org < 0 && det == "" && start > 0 && us[start-1].low == "," && e+1 < len(us) && us[e].low == "," && us[e+1].tag == uM &&
		c.typ(e+1) == graph.Organization && (e+2 >= len(us) || us[e+2].tag == uPunct) {
		org, orgEnd = e+1, e+2
	}
	// "its ROLE, P": which organisation "its" means is left to the
	// coreference rules (roleRules, appositionRules); a frequency guess
	// here picked the wrong one too often.
	orgName, orgType := "", graph.Organization
	if org >= 0 {
		m := c.ment(org)
		orgName, orgType = m.ent, m.typ
	} else if len(orgHs) == 1 {
		orgName, orgType = c.name(orgHs[0])
	} else if start == 0 && (det == "its" || det == "her") {
		// "Its sole director is X." / "Her commercial manager is Y." opening
		// a sentence: the organisation (or ship) the previous sentence was about
		if det == "its" && c.si > 0 {
			// only when the previous sentence opens with the name itself
			// ("X is registered in Labuan. Its sole director is P."), not
			// with "The company ..." whose referent may differ
			if pm := c.d.ment[c.si-1]; len(pm) > 0 && pm[0].typ == graph.Organization && pm[0].s <= 1 {
				orgName = pm[0].ent
			}
		}
		// "The tanker X left Nampo. Its registered owner is Y.": a ship's
		// operator
		if orgName == "" && operatorNouns[us[e-1].low] {
			orgName, orgType = c.vesselCoref(us[s].s), graph.Vessel
		}
	}
	// "registered owner and operator, Y": a second role joined by "and"
	if e+1 < len(us) && us[e].low == "and" {
		e2, k2 := c.roleAt(e + 1)
		if k2 == roleNone && operatorNouns[us[e+1].low] {
			e2, k2 = e+2, roleOwner // "owner and operator"
		}
		if k2 != roleNone {
			if orgEnd == e {
				orgEnd = e2
			}
			e = e2
		}
	}
	head := us[e-1].low
	operated := orgType == graph.Vessel && operatorNouns[head]
	if orgName == "" || orgType != graph.Organization && !operated && !(orgType == graph.Country && kind == roleLeader) {
		return
	}
	// the holder: apposed before, apposed after, the copula's subject, or
	// the name right after a compound title
	var holders []string
	holderOK := func(t graph.EntityType) bool {
		return t == graph.Person || t == graph.Organization && operatorNouns[head]
	}
	addHolder := func(h int) {
		if h < 0 || h >= len(us) || us[h].tag != uM || !holderOK(c.typ(h)) {
			return
		}
		holders = append(holders, c.ment(h).ent)
	}
	// the subject of a copula ("P is the ROLE of O", "P served as a ROLE")
	copulaHolders := func(q int) {
		if us[q].low == "as" {
			q = c.asVerb(q)
		}
		for _, h := range c.subjectOf(q, 0) {
			if n, t := c.name(h); holderOK(t) {
				holders = append(holders, n)
			}
		}
	}
	p := start - 1
	switch {
	case p >= 0 && us[p].low == ",":
		// "P, the ROLE of O," / "P (Short), ROLE of O"
		addHolder(c.skipParenLeft(p - 1))
	case p >= 0 && c.isCopulaLike(p):
		copulaHolders(p)
	}
	// "P, a senior Hizballah finance official": a compound title apposed
	// to the name before it
	if len(holders) == 0 && det == "compound" && org >= 0 {
		q := org - 1
		for q >= 0 && (isRoleModifier(us[q].low) || us[q].tag == uW && !c.toks[us[q].s].cap || us[q].low == "a" || us[q].low == "an" || us[q].low == "the") && us[q].low != "," && !c.isCopulaLike(q) {
			q--
		}
		switch {
		case q >= 1 && us[q].low == ",":
			addHolder(c.skipParenLeft(q - 1))
		case q >= 0 && c.isCopulaLike(q) && org-q <= 3:
			// "P served as a Wagner logistics officer", "P is a CENTCOM official"
			copulaHolders(q)
		}
	}
	// "The director of O is P", "O's sole shareholder is P": an inverted copula
	if len(holders) == 0 {
		q := orgEnd
		if org < 0 || org > s {
			q = max(orgEnd, e)
		} else {
			q = e
		}
		if q+1 < len(us) && (us[q].low == "is" || us[q].low == "was") && us[q+1].tag == uM {
			addHolder(q + 1)
		}
		// "list the vessel's registered owner as P"
		if q+1 < len(us) && us[q].low == "as" && us[q+1].tag == uM {
			addHolder(q + 1)
		}
		// "whose beneficial owner is the businessman P"
		if q+3 < len(us) && (us[q].low == "is" || us[q].low == "was") && us[q+1].low == "the" && us[q+2].tag == uW && c.d.x.personNouns[us[q+2].low] && us[q+3].tag == uM {
			addHolder(q + 3)
		}
	}
	if len(holders) == 0 && orgEnd < len(us) {
		q := orgEnd
		if det == "compound" {
			q = e
		}
		// "The company's representative in Dar es Salaam, P": a place
		if q+1 < len(us) && (us[q].low == "in" || us[q].low == "at") && us[q+1].tag == uM && (c.typ(q+1) == graph.Location || c.typ(q+1) == graph.Country) {
			q += 2
		}
		if q < len(us) && us[q].low == "," {
			q++
			// "Its owner, the Ugandan businessman P": a description before the name
			if k := q; k < len(us) && (us[k].low == "the" || us[k].low == "a") {
				k++
				if k < len(us) && us[k].tag == uM && c.ment(k).kind == kDemonym {
					k++
				}
				if k+1 < len(us) && us[k].tag == uW && c.d.x.personNouns[us[k].low] && us[k+1].tag == uM {
					q = k + 1
				}
			}
		}
		// "CENTCOM spokesperson Captain Ellen Marsh": a title before the name
		if q+1 < len(us) && us[q].tag == uW && c.toks[us[q].s].cap {
			if _, title := c.d.x.titles[us[q].low]; title && us[q+1].tag == uM {
				q++
			}
		}
		// "The director of O, P, ..." / "O's owner, P" / "O founder P"
		if start == 0 || us[start-1].low != "," || det == "compound" || det == "whose" {
			addHolder(q)
		}
	}
	if c.negated(s) {
		return
	}
	for _, hn := range holders {
		if hn == orgName {
			continue
		}
		typ := graph.Leads
		switch {
		case kind == roleOwner || c.typeOfName(hn) == graph.Organization:
			typ = graph.Operates
		case kind == roleMember:
			typ = graph.MemberOf
		}
		c.emitTok(typ, nil, nil, hn, c.typeOfName(hn), orgName, orgType, us[s].s, us[e-1].e, 0.75, "role:frame")
	}
}

// typeOfName returns the type of a mention of this sentence named n.
func (c *sctx) typeOfName(n string) graph.EntityType {
	for _, m := range c.ms {
		if m.ent == n {
			return m.typ
		}
	}
	return graph.Person
}

// isCopulaLike: the unit is a copula or "serves as" / "acts as".
func (c *sctx) isCopulaLike(p int) bool {
	us := c.units
	switch us[p].low {
	case "is", "was", "are", "were", "remains", "remained", "became", "becomes", "been":
		return true
	case "named", "appointed", "elected", "installed", "made":
		// "P was named director of O"; in a headline or timeline entry
		// "P appointed director of O"
		return p > 0 && (beForms[us[p-1].low] || us[p-1].tag == uM && c.typ(p-1) == graph.Person)
	case "as":
		return c.asVerb(p) >= 0
	}
	return false
}

// asVerb returns the verb an "as" at unit p completes ("serves as",
// "is described in company records as", "was identified as"), or -1.
func (c *sctx) asVerb(p int) int {
	us := c.units
	for k := p - 1; k >= 0 && k >= p-7; k-- {
		low := us[k].low
		for _, v := range []string{"serv", "act", "work", "described", "identified", "listed", "named", "known", "registered", "designated", "appointed", "installed", "employed", "hired"} {
			if strings.HasPrefix(low, v) && (us[k].tag == uV || us[k].tag == uW) {
				return k
			}
		}
		if us[k].tag == uPunct || us[k].tag == uR || us[k].tag == uM && c.ment(k).kind != kDemonym {
			return -1
		}
	}
	return -1
}

// sanctionVerbs say what sanctions do to their target ("US sanctions
// target X", "the EU measures cover X").
var sanctionVerbs = map[string]bool{"target": true, "targets": true, "targeted": true, "hit": true, "hits": true, "cover": true,
	"covers": true, "covered": true, "name": true, "names": true, "named": true, "include": true, "includes": true, "included": true}

// isSanctionNoun: the unit is a noun trigger of a SANCTIONED rule.
func (c *sctx) isSanctionNoun(j int) bool {
	if j < 0 || j >= len(c.units) || c.units[j].tag != uW {
		return false
	}
	if c.ntrig[j] >= 0 {
		return c.d.x.rules[c.ntrig[j]].typ == graph.Sanctioned
	}
	for _, n := range c.d.x.nouns[c.units[j].low] {
		if n.rule >= 0 && c.d.x.rules[n.rule].typ == graph.Sanctioned {
			return true
		}
	}
	return false
}

// sanctionOwner returns the state or organisation named right before the
// sanction noun at j ("Canadian sanctions", "the EU's sanctions"), or -1.
func (c *sctx) sanctionOwner(j int) int {
	q := j - 1
	if q >= 0 && c.units[q].tag == uPos {
		q--
	}
	if q >= 0 && c.units[q].tag == uM && (c.typ(q) == graph.Country || c.typ(q) == graph.Organization) {
		return q
	}
	return -1
}

// sanctionSource: the verb at t has a sanction noun with a named owner as
// its subject; it returns the owner's unit or -1.
func (c *sctx) sanctionSource(t int) int {
	if !sanctionVerbs[c.units[t].low] {
		return -1
	}
	j := t - 1
	for j >= 0 && c.skippable(j) {
		j--
	}
	if !c.isSanctionNoun(j) {
		return -1
	}
	return c.sanctionOwner(j)
}

// sanctionFrames reads sanctions whose imposer modifies the noun:
//
//	Canadian sanctions target|cover|name X      X is|remains subject to US sanctions
//	X, under EU sanctions since 2022, ...      X has been under British sanctions
func (c *sctx) sanctionFrames() {
	us := c.units
	rule := c.ruleFor(graph.Sanctioned)
	if rule == nil {
		return
	}
	for t := range us {
		if src := c.sanctionSource(t); src >= 0 && !c.negated(t) {
			k := t + 1
			for k < len(us) && c.skippable(k) {
				k++
			}
			objs, _ := c.listRight(k)
			for _, o := range objs {
				c.emit(rule, src, o, t, c.conf(rule, t, 0.9), "frame:sanctions-verb", nil)
			}
			continue
		}
		if !c.isSanctionNoun(t) {
			continue
		}
		src := c.sanctionOwner(t)
		if src < 0 {
			continue
		}
		// "under" / "subject to" before the noun phrase
		p := src - 1
		if p >= 0 && us[p].low == "the" {
			p--
		}
		var subj []int
		switch {
		case p >= 0 && us[p].low == "under":
		case p >= 1 && us[p].low == "to" && us[p-1].low == "subject":
			p--
		default:
			continue
		}
		if c.negated(p) {
			continue
		}
		q := p - 1
		for q >= 0 && c.isAdverb(q) {
			q--
		}
		switch {
		case q >= 0 && (us[q].tag == uV || beForms[us[q].low]):
			subj = c.subjectOf(q+1, 0) // "X is subject to", "X has been under"
		case q >= 0 && us[q].low == ",":
			subj = c.patientLeft(q + 1) // "X, under EU sanctions since 2022,"
		}
		for _, o := range subj {
			c.emit(rule, src, o, t, c.conf(rule, t, 0.85), "frame:under-sanctions", nil)
		}
	}
}

// possessedPart: "Y's subsidiary X", "Y's Dubai-based front company, X"
// → X PART_OF Y.
func (c *sctx) possessedPart() {
	x := c.d.x
	us := c.units
	for i := 0; i+3 < len(us); i++ {
		if us[i].tag != uM || us[i+1].tag != uPos || c.typ(i) != graph.Organization && c.typ(i) != graph.Country {
			continue
		}
		h := -1
		q := i + 2
		for ; q < len(us) && q <= i+6 && (us[q].tag == uW || us[q].tag == uV && !beForms[us[q].low] || us[q].low == "-" || us[q].tag == uM && c.typ(q) != graph.Organization); q++ {
			if us[q].tag == uW && (x.partHeads[us[q].low] || us[q].low == "front" || us[q].low == "subsidiaries") {
				h = q
			}
		}
		if h < 0 {
			continue
		}
		if q < len(us) && us[q].low == "," {
			q++
		}
		if q >= len(us) || us[q].tag != uM || c.typ(q) != graph.Organization {
			continue
		}
		owner, part := c.ment(i), c.ment(q)
		c.emitTok(graph.PartOf, nil, partTgt, part.ent, part.typ, owner.ent, owner.typ, us[h].s, us[h].e, 0.7, "frame:possessed-part")
	}
}

// describedPlace: "a distributor in Istanbul, X", "a forwarder in
// Vladivostok called X" → X LOCATED_IN the place, when the head noun is an
// organisation's.
func (c *sctx) describedPlace() {
	x := c.d.x
	us := c.units
	for s := 0; s < len(us); s++ {
		if us[s].low != "a" && us[s].low != "an" && us[s].low != "the" {
			continue
		}
		e := c.npRight(s)
		if e-1 <= s || us[e-1].tag != uW || !(x.orgHeads[us[e-1].low] || x.locatedHeads[us[e-1].low]) {
			continue
		}
		n, p := c.describedName(s, e)
		if p < 0 {
			// "a Sharjah company called X", "an Iranian manufacturer, X":
			// the place is a modifier inside the noun phrase
			p = c.placeModifier(s, e-1)
			if n < 0 && p >= 0 {
				n = c.apposedName(e)
			}
		}
		if n < 0 || p < 0 || c.typ(n) != graph.Organization {
			continue
		}
		o, pl := c.ment(n), c.ment(p)
		c.emitTok(graph.LocatedIn, nil, locTgt, o.ent, o.typ, pl.ent, pl.typ, us[e-1].s, us[p].e, 0.7, "frame:described-place")
	}
}

// placeModifier returns the unit of the one state or place that modifies
// the noun phrase units[s:e] ("a Minsk trading house", "an Iranian
// manufacturer"), or -1 when there is none or more than one.
func (c *sctx) placeModifier(s, e int) int {
	p := -1
	for q := s; q < e; q++ {
		if c.units[q].tag != uM {
			continue
		}
		if t := c.typ(q); t != graph.Country && t != graph.Location || p >= 0 {
			return -1
		}
		p = q
	}
	return p
}

// apposedName returns the unit of a name set off by a comma after a noun
// phrase that ends at unit e ("an Iranian manufacturer, X, ..."), or -1.
func (c *sctx) apposedName(e int) int {
	us := c.units
	if e+1 >= len(us) || us[e].low != "," || us[e+1].tag != uM {
		return -1
	}
	if t := c.typ(e + 1); t == graph.Location || t == graph.Country {
		return -1
	}
	if k := e + 2; k < len(us) && us[k].tag != uPunct && us[k].tag != uR && us[k].tag != uV {
		return -1
	}
	return e + 1
}

// designationGrounds reads the grounds of a designation in the standard
// wording of sanctions notices about the designated party P:
//
//	... for having materially assisted, sponsored, or provided ... support
//	    for, or goods or services to or in support of, X      → P SUPPORTS X
//	... for having acted or purported to act for or on behalf of, directly
//	    or indirectly, X                                      → P SUPPORTS X
//	... for being owned, controlled, or directed by, directly or
//	    indirectly, X                                         → X OPERATES P
func (c *sctx) designationGrounds() {
	us := c.units
	for i := 0; i+1 < len(us); i++ {
		kind := graph.RelationType("")
		switch {
		case us[i].low == "materially" && (us[i+1].low == "assisted" || us[i+1].low == "assisting"):
			kind = graph.Supports
		case us[i].low == "behalf" && i >= 2 && us[i-1].low == "on" && (us[i-2].low == "or" || us[i-2].low == "for"):
			kind = graph.Supports
		case (us[i].low == "owned" || us[i].low == "controlled" || us[i].low == "directed") && i >= 2 && us[i-1].low == "being" && us[i-2].low == "for":
			kind = graph.Operates
		default:
			continue
		}
		// the party the grounds are about: the designated one before "for"
		var party []int
		for q := i - 1; q >= 0; q-- {
			if strings.HasPrefix(us[q].low, "designat") || us[q].low == "sanctioned" || us[q].low == "listed" || us[q].low == "targeted" {
				party = c.patientLeft(q)
				break
			}
		}
		if len(party) == 0 {
			continue
		}
		// the beneficiary: the first name after the boilerplate's last
		// preposition ("in support of, X", "on behalf of, directly or
		// indirectly, X", "directed by, directly or indirectly, X")
		k := i + 1
		for k < len(us) && us[k].tag != uM && us[k].low != ";" && k < i+40 {
			k++
		}
		if k >= len(us) || us[k].tag != uM {
			continue
		}
		others, _ := c.coordRight([]int{k}, k+1)
		for _, p := range party {
			pn, pt := c.name(p)
			for _, o := range others {
				on, ot := c.name(o)
				if ot != graph.Organization && ot != graph.Person && ot != graph.Country {
					continue
				}
				if kind == graph.Operates {
					c.emitTok(graph.Operates, nil, nil, on, ot, pn, pt, us[i].s, us[i].e, 0.75, "frame:designation-grounds")
				} else {
					c.emitTok(graph.Supports, nil, nil, pn, pt, on, ot, us[i].s, us[i].e, 0.75, "frame:designation-grounds")
				}
			}
		}
		i = k
	}
}

// emitPairs relates every source unit to every target unit, keeping the
// sources whose type srcOK accepts.
func (c *sctx) emitPairs(typ graph.RelationType, srcs, tgts []int, srcOK func(graph.EntityType) bool, a, b int, conf float64, rule string) {
	for _, sh := range srcs {
		sn, st := c.name(sh)
		if !srcOK(st) {
			continue
		}
		for _, th := range tgts {
			tn, tt := c.name(th)
			c.emitTok(typ, nil, nil, sn, st, tn, tt, a, b, conf, rule)
		}
	}
}

func isStateOrOrg(t graph.EntityType) bool { return t == graph.Country || t == graph.Organization }

// imposedSanctions: "X has been subject to sanctions imposed by A, B and
// C", "sanctions imposed on X by A" → A, B, C SANCTIONED X.
func (c *sctx) imposedSanctions() {
	us := c.units
	for i := 0; i+2 < len(us); i++ {
		// "X was placed under sanctions by Y", "put under US sanctions"
		if (us[i].low == "placed" || us[i].low == "put") && us[i+1].low == "under" && i+3 < len(us) {
			k := i + 2
			for k < len(us) && k <= i+4 && us[k].low != "sanctions" {
				k++
			}
			if k+2 < len(us) && us[k].low == "sanctions" && us[k+1].low == "by" && !c.negated(i) {
				agents, _ := c.listRight(k + 2)
				c.emitPairs(graph.Sanctioned, agents, c.patientLeft(i), isStateOrOrg, us[i].s, us[k].e, 0.75, "frame:placed-under-sanctions")
			}
			continue
		}
		if (us[i].low != "sanctions" && us[i].low != "restrictions" && us[i].low != "measures") || (us[i+1].low != "imposed" && us[i+1].low != "levied") {
			continue
		}
		k := i + 2
		var targets []int
		if k+1 < len(us) && (us[k].low == "on" || us[k].low == "against") {
			targets, k = c.listRight(k + 1)
		}
		if k >= len(us) || us[k].low != "by" || c.negated(i) {
			continue
		}
		agents, _ := c.listRight(k + 1)
		if len(targets) == 0 {
			// "X has been subject to sanctions imposed by": the clause's subject
			for q := i - 1; q >= 0 && q >= i-6; q-- {
				if us[q].tag == uV {
					targets = c.subjectOf(q, 0)
					break
				}
			}
		}
		c.emitPairs(graph.Sanctioned, agents, targets, isStateOrOrg, us[i].s, us[i+1].e, 0.75, "frame:sanctions-imposed")
	}
}

// signatureRule reads a signature block, a name line and a role line:
// "Karim Nassar / Operations Manager, Levant Fuel Services" → MEMBER_OF
// (LEADS for a head's title).
func (c *sctx) signatureRule() {
	us := c.units
	if len(us) < 4 || us[0].tag != uM || c.typ(0) != graph.Person || !c.d.newlineBefore(c.toks, us[1].s) {
		return
	}
	end, kind := c.roleAt(1)
	if kind == roleNone || end+1 >= len(us) || (us[end].low != "," && us[end].low != "at" && us[end].low != "of") {
		return
	}
	k := end + 1
	if k < len(us) && us[k].low == "the" {
		k++
	}
	if k >= len(us) || us[k].tag != uM || c.typ(k) != graph.Organization {
		return
	}
	typ := graph.MemberOf
	switch {
	case kind == roleOwner:
		typ = graph.Operates
	case kind == roleLeader && !functionalModifiers[us[1].low]:
		typ = graph.Leads
	}
	p, o := c.ment(0), c.ment(k)
	c.emitTok(typ, nil, nil, p.ent, p.typ, o.ent, o.typ, us[1].s, us[end-1].e, 0.7, "frame:signature")
}

// shareVerbs hold a share of a company ("holds 70% of Y"); shareParticiples
// are held by the owner ("70%-owned by X", "held 70% by X").
var shareVerbs = map[string]bool{"hold": true, "holds": true, "held": true, "own": true, "owns": true, "owned": true,
	"control": true, "controls": true, "controlled": true, "has": true, "had": true, "acquired": true, "bought": true}
var shareParticiples = map[string]bool{"owned": true, "held": true, "controlled": true}

// ownershipShares reads percentages of ownership:
//
//	X holds|owns|controls 70% of Y       Y is held 70% by X
//	Y is 70%-owned by X, Y (70% owned by X)
//
// → X OPERATES Y.
func (c *sctx) ownershipShares() {
	us := c.units
	for i := 1; i < len(us); i++ {
		if us[i].low != "%" && us[i].low != "percent" && !(us[i].low == "per" && i+1 < len(us) && us[i+1].low == "cent") {
			continue
		}
		if c.toks[us[i-1].s].kind != tNum {
			continue
		}
		num, after := i-1, i+1
		if us[i].low == "per" {
			after++
		}
		if c.negated(num) {
			continue
		}
		var owners, owned []int
		switch {
		case after+1 < len(us) && us[after].low == "of" && num >= 1 && shareVerbs[us[num-1].low]:
			// "X holds 70% of Y"
			owned, _ = c.listRight(after + 1)
			for q := num - 2; q >= 0; q-- {
				if us[q].tag == uPunct || us[q].tag == uC {
					break
				}
				if us[q].tag == uM {
					owners = []int{q}
					break
				}
			}
		default:
			// "held 70% by X", "70%-owned by X", "70% owned by X"
			by := -1
			for q := after; q < len(us) && q <= after+2; q++ {
				if us[q].low == "by" {
					by = q
					break
				}
				if us[q].low != "-" && !shareParticiples[us[q].low] {
					break
				}
			}
			if by < 0 && num >= 1 && shareParticiples[us[num-1].low] && after < len(us) && us[after].low == "by" {
				by = after
			}
			if by < 0 {
				continue
			}
			owners, _ = c.listRight(by + 1)
			owned = c.subjectOf(num, 0)
		}
		for _, o := range owners {
			on, ot := c.name(o)
			if ot != graph.Person && ot != graph.Organization && ot != graph.Country {
				continue
			}
			for _, d := range owned {
				dn, dt := c.name(d)
				if dt == graph.Organization || dt == graph.Vessel {
					c.emitTok(graph.Operates, nil, nil, on, ot, dn, dt, us[num].s, us[i].e, 0.7, "frame:share")
				}
			}
		}
	}
}

// itsPart: "X and its subsidiary Y", "its affiliate Y" → Y PART_OF X (the
// organisation named before in the sentence).
func (c *sctx) itsPart() {
	us := c.units
	for i := 1; i+2 < len(us); i++ {
		if us[i].low != "its" || !c.d.x.partHeads[us[i+1].low] || us[i+2].tag != uM || c.typ(i+2) != graph.Organization {
			continue
		}
		parent := -1
		for k := i - 1; k >= 0; k-- {
			if us[k].tag == uM && c.typ(k) == graph.Organization {
				parent = k
				break
			}
			if us[k].tag == uV || us[k].low == ";" {
				break
			}
		}
		if parent < 0 {
			continue
		}
		p, part := c.ment(parent), c.ment(i+2)
		c.emitTok(graph.PartOf, nil, partTgt, part.ent, part.typ, p.ent, p.typ, us[i].s, us[i+1].e, 0.7, "frame:its-part")
	}
}

// setUp: "X set up Y" (a phrasal verb the lexicon cannot list), "Y was
// set up by X" → a founder X LEADS Y.
func (c *sctx) setUp() {
	us := c.units
	for i := 0; i+2 < len(us); i++ {
		if (us[i].low != "set" && us[i].low != "sets" && us[i].low != "setting") || us[i+1].low != "up" || c.negated(i) {
			continue
		}
		var founders, founded []int
		if i+3 < len(us) && us[i+2].low == "by" {
			founders, _ = c.listRight(i + 3)
			founded = c.patientLeft(i)
		} else {
			founders = c.subjectOf(i, 0)
			founded, _ = c.listRight(i + 2)
		}
		isPerson := func(t graph.EntityType) bool { return t == graph.Person }
		// "Vukadin set up a Sofia-based subsidiary, X": for the parent he
		// runs, not a company of his own
		sub := false
		for k := i + 2; k < len(us) && k <= i+8 && !(us[k].tag == uM && c.typ(k) == graph.Organization); k++ {
			if c.d.x.partHeads[us[k].low] {
				sub = true
			}
		}
		if sub {
			continue
		}
		var orgs []int
		for _, h := range founded {
			if _, t := c.name(h); t == graph.Organization {
				orgs = append(orgs, h)
			}
		}
		c.emitPairs(graph.Leads, founders, orgs, isPerson, us[i].s, us[i+1].e, 0.65, "frame:set-up")
	}
}

// presenceVerbs: forces "operating in", "fighting in", "stationed in" a place.
var presenceVerbs = map[string]bool{"operating": true, "operate": true, "operates": true, "operated": true, "fighting": true,
	"fight": true, "fought": true, "present": true, "active": true, "serving": true, "based": true}

// forcesIn: "Wagner fighters have been operating in Mali", "Iranian troops
// are present in Syria": personnel of X in a place → X DEPLOYED_TO it.
func (c *sctx) forcesIn() {
	us := c.units
	for i := 1; i+2 < len(us); i++ {
		if !presenceVerbs[us[i].low] || us[i+1].low != "in" || c.negated(i) {
			continue
		}
		// the subject phrase must end in a personnel noun ("fighters", "troops")
		j := i - 1
		for j >= 0 && (c.skippable(j) || beForms[us[j].low]) {
			j--
		}
		if j < 1 || us[j].tag != uW || !c.d.x.personnel[us[j].low] {
			continue
		}
		var forces []int
		for k := c.npLeft(j); k < j; k++ {
			if us[k].tag == uM && (c.typ(k) == graph.Organization || c.typ(k) == graph.Country) {
				forces = append(forces, k)
			}
		}
		places, _ := c.listRight(i + 2)
		var ps []int
		for _, p := range places {
			if _, t := c.name(p); t == graph.Country || t == graph.Location {
				ps = append(ps, p)
			}
		}
		c.emitPairs(graph.DeployedTo, forces, ps, isStateOrOrg, us[i].s, us[i+1].e, 0.7, "frame:forces-in")
	}
}

// officeNouns: "has offices in Dubai and Istanbul" places the holder.
var officeNouns = map[string]bool{"office": true, "offices": true, "headquarters": true, "branch": true, "branches": true,
	"representative office": true, "warehouse": true, "warehouses": true}

// officesIn: "X has offices in Dubai and Istanbul", "X, which maintains a
// branch in Minsk" → X LOCATED_IN each place.
func (c *sctx) officesIn() {
	us := c.units
	for i := 0; i+2 < len(us); i++ {
		switch us[i].low {
		case "has", "have", "had", "maintains", "maintained", "opened", "operates", "runs", "keeps":
		default:
			continue
		}
		k := i + 1
		for k < len(us) && k <= i+3 && !officeNouns[us[k].low] && (us[k].tag == uD || us[k].tag == uW && !c.toks[us[k].s].cap) {
			k++
		}
		if k+2 >= len(us) || !officeNouns[us[k].low] || us[k+1].low != "in" || c.negated(i) {
			continue
		}
		var places []int
		in, _ := c.listRight(k + 2)
		for _, p := range in {
			if _, t := c.name(p); t == graph.Location || t == graph.Country {
				places = append(places, p)
			}
		}
		isOrg := func(t graph.EntityType) bool { return t == graph.Organization }
		c.emitPairs(graph.LocatedIn, c.subjectOf(i, 0), places, isOrg, us[k].s, us[k+1].e, 0.7, "frame:offices-in")
	}
}

// whoseParent: "X, whose parent company is Y" → X PART_OF Y.
func (c *sctx) whoseParent() {
	us := c.units
	for i := 1; i+3 < len(us); i++ {
		if us[i].low != "whose" || us[i+1].low != "parent" {
			continue
		}
		k := i + 2
		if c.d.x.orgHeads[us[k].low] || c.d.x.locatedHeads[us[k].low] {
			k++
		}
		if k+1 >= len(us) || !predicateCopulas[us[k].low] || us[k+1].tag != uM {
			continue
		}
		for _, h := range c.antecedent(i-1, 0) {
			n, t := c.name(h)
			p := c.ment(k + 1)
			c.emitTok(graph.PartOf, nil, partTgt, n, t, p.ent, p.typ, us[i+1].s, us[k].e, 0.7, "frame:whose-parent")
		}
	}
}

// baseWords name military or logistic sites a state or force operates.
var baseWords = map[string]bool{"base": true, "airbase": true, "airfield": true, "airport": true, "port": true, "harbour": true,
	"harbor": true, "camp": true, "depot": true, "facility": true, "garrison": true}

// possessedBase: "Russia's Hmeimim air base", "the IRGC's Bandar Abbas
// naval base" → the possessor OPERATES the site.
func (c *sctx) possessedBase() {
	us := c.units
	for i := 0; i+2 < len(us); i++ {
		if us[i].tag != uM || us[i+1].tag != uPos || us[i+2].tag != uM {
			continue
		}
		o, site := c.ment(i), c.ment(i+2)
		if o.typ != graph.Country && o.typ != graph.Organization || site.typ != graph.Location {
			continue
		}
		name := strings.ToLower(site.ent)
		last := name[strings.LastIndexByte(name, ' ')+1:]
		// "Hmeimim Air Base", or "Hmeimim air base" with the noun after it
		if !baseWords[last] && !(i+3 < len(us) && (baseWords[us[i+3].low] || i+4 < len(us) && baseWords[us[i+4].low])) {
			continue
		}
		c.emitTok(graph.Operates, nil, nil, o.ent, o.typ, site.ent, site.typ, us[i].s, us[i+2].e, 0.7, "frame:possessed-base")
	}
}

// madeParticiples are the participles of making that take a place of
// origin ("made in Iran").
var madeParticiples = map[string]bool{"made": true, "manufactured": true, "produced": true, "built": true, "assembled": true}

// madeIn reads a state of origin: "the drones were made in Iran", "drones
// made in Iran" → Iran PRODUCES the item. With an agent ("made in Serbia by
// X") the agent is the producer and the state only the place.
func (c *sctx) madeIn() {
	us := c.units
	for i := 0; i+2 < len(us); i++ {
		if !madeParticiples[us[i].low] || us[i+1].low != "in" {
			continue
		}
		p := i + 2
		if us[p].low == "the" && p+1 < len(us) {
			p++
		}
		if us[p].tag != uM || c.typ(p) != graph.Country || c.findPrep(i, map[string]bool{"by": true}, 8) >= 0 || c.negated(i) {
			continue
		}
		var items []string
		if i > 0 && us[i-1].tag == uM && c.typ(i-1) == graph.Item {
			items = append(items, c.ment(i-1).ent) // "drones made in Iran"
		} else {
			for _, h := range c.subjectOf(i, 0) {
				if n, t := c.name(h); t == graph.Item {
					items = append(items, n)
				}
			}
		}
		st := c.ment(p)
		for _, it := range items {
			c.emitTok(graph.Produces, nil, nil, st.ent, st.typ, it, graph.Item, us[i].s, us[p].e, 0.7, "frame:made-in")
		}
	}
}

// agentNouns name the doer of a relation; their possessor is the other
// party ("Syria's supplier" supplies Syria), unlike "Russia's support".
var agentNouns = map[string]bool{"supplier": true, "suppliers": true, "exporter": true, "exporters": true, "seller": true, "sellers": true,
	"shipper": true, "financier": true, "financiers": true, "funder": true, "funders": true, "backer": true, "backers": true,
	"sponsor": true, "sponsors": true, "supporter": true, "supporters": true, "patron": true, "patrons": true, "provider": true}

// clientNouns name the receiving side of a supply: "Y's largest customer
// was X" → Y SUPPLIES X.
var clientNouns = map[string]bool{"customer": true, "customers": true, "client": true, "clients": true, "buyer": true, "buyers": true}

// clientFrames: "O's largest customer was X", "X, O's main client," → O
// SUPPLIES X; the possessor may be a description ("the company's").
func (c *sctx) clientFrames() {
	us := c.units
	for t := range us {
		if !clientNouns[us[t].low] || c.negated(t) {
			continue
		}
		// the possessor: "O's", "the company's", "its"
		supplier := ""
		st := graph.EntityType("")
		for k := t - 1; k >= 0 && k >= t-4; k-- {
			if us[k].tag == uPos && k >= 1 {
				if us[k-1].tag == uM {
					supplier, st = c.name(k - 1)
				} else if hs, _ := c.heads(c.npLeft(k-1), k); len(hs) == 1 && hs[0] <= -2 {
					supplier, st = c.name(hs[0])
				}
				break
			}
			if us[k].low == "its" {
				if o := c.salientOrg(us[k].s); o != "" {
					supplier, st = o, graph.Organization
				}
				break
			}
			// ("Iran's largest oil customer": an item modifies the noun)
			if us[k].tag != uW && !(us[k].tag == uM && c.typ(k) == graph.Item) {
				break
			}
		}
		if supplier == "" || st != graph.Organization && st != graph.Country {
			continue
		}
		var clients []int
		switch {
		case t+2 < len(us) && predicateCopulas[us[t+1].low]:
			clients, _ = c.listRight(t + 2) // "O's largest customer was X"
		case t+2 < len(us) && us[t+1].low == "," && us[t+2].tag == uM:
			clients = []int{t + 2} // "O's main client, X,"
		default:
			// "China is Iran's largest oil customer"
			if s := c.npLeft(t); s-1 >= 0 && predicateCopulas[us[s-1].low] {
				clients = c.subjectOf(s-1, 0)
			}
		}
		for _, cl := range clients {
			n, ty := c.name(cl)
			if ty == graph.Organization || ty == graph.Country || ty == graph.Person {
				c.emitTok(graph.Supplies, nil, nil, supplier, st, n, ty, us[t].s, us[t].e, 0.7, "frame:client")
			}
		}
	}
}

// agentNounFrames: "X is Y's main supplier (of drones)", "Y's chief
// financier, X," → X SUPPLIES / FINANCES Y.
func (c *sctx) agentNounFrames() {
	us := c.units
	for t := range us {
		if c.ntrig[t] < 0 || !agentNouns[us[t].low] || c.negated(t) {
			continue
		}
		rule := &c.d.x.rules[c.ntrig[t]]
		// the possessor inside the noun phrase, or a modifier ("a longtime
		// Hizballah financier")
		poss := -1
		for k := t - 1; k >= 0 && k >= t-4; k-- {
			if us[k].tag == uPos && k-1 >= 0 && us[k-1].tag == uM {
				poss = k - 1
				break
			}
			if us[k].tag == uM && k == t-1 && c.ment(k).kind != kDemonym && c.typ(k) != graph.Item && c.typ(k) != graph.Location {
				poss = k
				break
			}
			if us[k].tag != uW {
				break
			}
		}
		if poss < 0 {
			continue
		}
		var doers []int
		s := c.npLeft(poss)
		switch {
		case s-1 >= 0 && c.isCopulaLike(s-1):
			doers = c.subjectOf(s-1, 0) // "X is Y's supplier"
		case s-1 >= 1 && us[s-1].low == ",":
			doers = []int{c.skipParenLeft(s - 2)} // "X, Y's supplier,"
			if us[doers[0]].tag != uM {
				doers = nil
			}
		case t+2 < len(us) && us[t+1].low == "," && us[t+2].tag == uM:
			doers = []int{t + 2} // "Y's supplier, X,"
		}
		for _, d := range doers {
			c.emit(rule, d, poss, t, c.conf(rule, t, 0.85), "frame:agent-noun", nil)
		}
	}
}

// takeDelivery: "Y took delivery of the engines from X" → X SUPPLIES Y.
func (c *sctx) takeDelivery() {
	us := c.units
	rule := c.ruleFor(graph.Supplies)
	for t := 0; t+2 < len(us); t++ {
		if !strings.HasPrefix(us[t].low, "t") || !(us[t].low == "took" || us[t].low == "take" || us[t].low == "takes" || us[t].low == "taking" || us[t].low == "taken") {
			continue
		}
		if us[t+1].low != "delivery" && us[t+1].low != "deliveries" && us[t+1].low != "possession" {
			continue
		}
		from := -1
		for k := t + 2; k < len(us) && k <= t+10; k++ {
			if us[k].low == "from" && k+1 < len(us) {
				from = k
				break
			}
			if us[k].tag == uPunct || us[k].tag == uR {
				break
			}
		}
		if from < 0 || c.negated(t) {
			continue
		}
		srcs, _ := c.listRight(from + 1)
		for _, r := range c.subjectOf(t, 0) {
			for _, s := range srcs {
				c.emit(rule, s, r, t, c.conf(rule, t, 0.85), "frame:take-delivery", c.itemsBetween(t+1, from))
			}
		}
	}
}

// orgPossessive: "the IRGC's Quds Force", "Hezbollah's Unit 4400": an
// organisation named with another organisation as its possessor is part
// of it.
func (c *sctx) orgPossessive() {
	us := c.units
	for i := 0; i+2 < len(us); i++ {
		if us[i].tag != uM || us[i+1].tag != uPos || c.typ(i) != graph.Organization {
			continue
		}
		if us[i+2].tag != uM || c.typ(i+2) != graph.Organization && c.typ(i+2) != graph.Event || i+3 < len(us) && us[i+3].tag == uPos {
			continue
		}
		owner, part := c.ment(i), c.ment(i+2)
		c.emitTok(graph.PartOf, nil, partTgt, part.ent, part.typ, owner.ent, owner.typ, us[i].s, us[i+2].e, 0.65, "frame:org-possessive")
	}
}

// seatInParentheses: "Lotus Reach Shipping Pte Ltd (Singapore)", "X
// (Myanmar) – importer": a place in parentheses right after an
// organisation's name is its seat.
func (c *sctx) seatInParentheses() {
	us := c.units
	for i := 0; i+3 < len(us); i++ {
		if us[i].tag != uM || c.typ(i) != graph.Organization || us[i+1].low != "(" || us[i+2].tag != uM || us[i+3].low != ")" {
			continue
		}
		if t := c.typ(i + 2); t != graph.Country && t != graph.Location {
			continue
		}
		o, p := c.ment(i), c.ment(i+2)
		c.emitTok(graph.LocatedIn, nil, locTgt, o.ent, o.typ, p.ent, p.typ, us[i+2].s, us[i+2].e, 0.7, "frame:seat-in-parentheses")
	}
}

// flagNoun: "MV Irrawaddy Lark – general cargo; Sierra Leone flag", "the
// Sea Orchid, a Togo flag tanker": a state before the noun "flag" is the
// flag of the ship named last before it in the sentence.
func (c *sctx) flagNoun() {
	us := c.units
	for i := 1; i < len(us); i++ {
		if us[i].low != "flag" || us[i-1].tag != uM || c.typ(i-1) != graph.Country || c.negated(i) {
			continue
		}
		found := false
		for k := i - 2; k >= 0; k-- {
			if us[k].tag == uM && c.typ(k) == graph.Vessel {
				v, f := c.ment(k), c.ment(i-1)
				c.emitTok(graph.LinkedTo, vesselSrc, countryTgt, v.ent, v.typ, f.ent, f.typ, us[i-1].s, us[i].e, 0.7, "flag:noun")
				found = true
				break
			}
		}
		// "The ship: X, IMO 946... Ro-ro, Russian flag.": the ship just named
		if !found {
			if v := c.vesselCoref(us[i-1].s); v != "" {
				f := c.ment(i - 1)
				c.emitTok(graph.LinkedTo, vesselSrc, countryTgt, v, graph.Vessel, f.ent, f.typ, us[i-1].s, us[i].e, 0.65, "flag:noun")
			}
		}
	}
}

// lineHead returns the unit of the name a list or fact-sheet line opens
// with ("- X (ACR) – description; ..."), or -1.
func (c *sctx) lineHead() int {
	us := c.units
	i := 0
	if i < len(us) && (us[i].low == "-" || us[i].low == "*" || us[i].low == "•") {
		i++
	}
	if i >= len(us) || us[i].tag != uM {
		return -1
	}
	k := c.skipParenRight(i + 1)
	if k < len(us) && us[k].low == "," {
		return i
	}
	return -1
}

// lineClauses reads the ";"-separated clauses of a fact-sheet line as
// statements about the line's head: "BARP – overhaul facility; subsidiary
// of SAMI", "SAC – junta; chaired by Senior General X", "SAT – importer;
// MAF's sole authorised supplier of spares".
func (c *sctx) lineClauses() {
	x := c.d.x
	us := c.units
	h := c.lineHead()
	if h < 0 {
		return
	}
	head := c.ment(h)
	for k := h + 1; k+1 < len(us); k++ {
		if us[k].low != ";" {
			continue
		}
		q := k + 1
		switch {
		case x.partHeads[us[q].low] && q+2 < len(us) && us[q+1].low == "of":
			// "; subsidiary of the State Authority ..."
			objs, _ := c.listRight(q + 2)
			for _, o := range objs {
				n, t := c.name(o)
				c.emitTok(graph.PartOf, nil, partTgt, head.ent, head.typ, n, t, us[q].s, us[q].e, 0.7, "line:part")
			}
		case us[q].tag == uM && q+1 < len(us) && us[q+1].tag == uPos:
			// "; MAF's sole authorised supplier of spares"
			for r := q + 2; r < len(us) && r <= q+6 && us[r].low != ";"; r++ {
				if c.ntrig[r] >= 0 && agentNouns[us[r].low] {
					rule := &x.rules[c.ntrig[r]]
					c.emitNames(rule.typ, rule.srcTypes, rule.tgtTypes, head.ent, head.typ, c.ment(q).ent, c.typ(q), r, c.conf(rule, r, 0.85), "line:agent-noun", nil)
					break
				}
			}
		case strings.HasSuffix(us[q].low, "ed") && q+2 < len(us) && us[q+1].low == "by":
			// "; chaired by Senior General X", "; owned by Y"
			agents, _ := c.listRight(q + 2)
			typ := graph.RelationType("")
			switch {
			case strings.HasPrefix(us[q].low, "chair") || strings.HasPrefix(us[q].low, "led") || strings.HasPrefix(us[q].low, "head"):
				typ = graph.Leads
			case c.trig[q] >= 0 && x.rules[c.trig[q]].typ == graph.Operates:
				typ = graph.Operates
			}
			if typ == "" {
				continue
			}
			for _, a := range agents {
				n, t := c.name(a)
				c.emitTok(typ, nil, nil, n, t, head.ent, head.typ, us[q].s, us[q].e, 0.7, "line:by")
			}
		}
	}
}

// familyNouns tie two people.
var familyNouns = map[string]bool{"brother": true, "sister": true, "son": true, "daughter": true, "father": true, "mother": true,
	"wife": true, "husband": true, "cousin": true, "nephew": true, "niece": true, "uncle": true, "aunt": true, "brother-in-law": true,
	"son-in-law": true, "father-in-law": true}

// familyFrames: "X, the brother of Y," and "Y's son X" → X LINKED_TO Y.
func (c *sctx) familyFrames() {
	us := c.units
	for i := 0; i < len(us); i++ {
		if !familyNouns[us[i].low] || c.negated(i) {
			continue
		}
		var a, b int = -1, -1
		// "X, the brother of Y"
		if i+2 < len(us) && us[i+1].low == "of" && i >= 3 && (us[i-1].low == "the" || us[i-1].low == "a") && us[i-2].low == "," && us[i-3].tag == uM {
			// "the brother of Syrian President Bashar al-Assad": past a title
			for q := i + 2; q < len(us) && q <= i+5; q++ {
				if us[q].tag == uM && c.typ(q) == graph.Person {
					a, b = i-3, q
					break
				}
				if us[q].tag == uPunct {
					break
				}
			}
		}
		// "Y's son, X" / "Y's son X"
		if i >= 2 && us[i-1].tag == uPos && us[i-2].tag == uM {
			q := i + 1
			if q < len(us) && us[q].low == "," {
				q++
			}
			if q < len(us) && us[q].tag == uM {
				a, b = q, i-2
			}
		}
		if a < 0 || c.typ(a) != graph.Person || c.typ(b) != graph.Person {
			continue
		}
		pa, pb := c.ment(a), c.ment(b)
		c.emitTok(graph.LinkedTo, nil, nil, pa.ent, pa.typ, pb.ent, pb.typ, us[i].s, us[i].e, 0.7, "frame:family")
	}
}

// boardSeat: "X sits on the CMS board", "X serves on Y's board", "X sat on
// the board of Y" → X MEMBER_OF Y.
func (c *sctx) boardSeat() {
	us := c.units
	for t := 0; t+3 < len(us); t++ {
		w := us[t].low
		if !(strings.HasPrefix(w, "sit") || w == "sat" || strings.HasPrefix(w, "serv")) || us[t+1].low != "on" || c.negated(t) {
			continue
		}
		org := -1
		q := t + 2
		if us[q].low == "the" {
			q++
		}
		switch {
		case q+1 < len(us) && us[q].tag == uM && us[q+1].low == "board":
			org = q // "on the CMS board"
		case q+2 < len(us) && us[q].tag == uM && us[q+1].tag == uPos && us[q+2].low == "board":
			org = q // "on CMS's board"
		case q+2 < len(us) && us[q].low == "board" && us[q+1].low == "of" && us[q+2].tag == uM:
			org = q + 2 // "on the board of CMS"
		}
		if org < 0 || c.typ(org) != graph.Organization {
			continue
		}
		o := c.ment(org)
		for _, h := range c.subjectOf(t, 0) {
			if n, ty := c.name(h); ty == graph.Person {
				c.emitTok(graph.MemberOf, nil, nil, n, ty, o.ent, o.typ, us[t].s, us[t+1].e, 0.7, "frame:board-seat")
			}
		}
	}
}
