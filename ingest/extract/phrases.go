package extract

import (
	"github.com/nexus-graph/nexus/graph"
)

// compoundRel maps the participle of an "X-<participle>" compound adjective
// ("Iran-backed", "Dubai-based") to a relation. fromMod: the named modifier
// is the source; otherwise the modified entity is.
type compoundRel struct {
	typ     graph.RelationType
	fromMod bool
	src     map[graph.EntityType]bool
	tgt     map[graph.EntityType]bool
}

var actorTypes = map[graph.EntityType]bool{graph.Country: true, graph.Organization: true, graph.Person: true}

var compoundRels = map[string]compoundRel{
	"backed":        {graph.Supports, true, actorTypes, actorTypes},
	"supported":     {graph.Supports, true, actorTypes, actorTypes},
	"sponsored":     {graph.Supports, true, actorTypes, actorTypes},
	"funded":        {graph.Finances, true, actorTypes, actorTypes},
	"financed":      {graph.Finances, true, actorTypes, actorTypes},
	"owned":         {graph.Operates, true, actorTypes, map[graph.EntityType]bool{graph.Organization: true, graph.Vessel: true}},
	"controlled":    {graph.Operates, true, actorTypes, map[graph.EntityType]bool{graph.Organization: true, graph.Vessel: true, graph.Location: true}},
	"run":           {graph.Operates, true, actorTypes, map[graph.EntityType]bool{graph.Organization: true, graph.Vessel: true}},
	"operated":      {graph.Operates, true, actorTypes, map[graph.EntityType]bool{graph.Organization: true, graph.Vessel: true}},
	"based":         {graph.LocatedIn, false, nil, locTgt},
	"headquartered": {graph.LocatedIn, false, nil, locTgt},
	"registered":    {graph.LocatedIn, false, nil, locTgt},
	"made":          {graph.Produces, true, actorTypes, map[graph.EntityType]bool{graph.Item: true}},
	"built":         {graph.Produces, true, actorTypes, map[graph.EntityType]bool{graph.Item: true}},
	"produced":      {graph.Produces, true, actorTypes, map[graph.EntityType]bool{graph.Item: true}},
	"manufactured":  {graph.Produces, true, actorTypes, map[graph.EntityType]bool{graph.Item: true}},
	"flagged":       {graph.LinkedTo, false, map[graph.EntityType]bool{graph.Vessel: true}, locTgt},
	"linked":        {graph.LinkedTo, true, actorTypes, actorTypes},
	"affiliated":    {graph.LinkedTo, true, actorTypes, actorTypes},
	"connected":     {graph.LinkedTo, true, actorTypes, actorTypes},
	"tied":          {graph.LinkedTo, true, actorTypes, actorTypes},
}

// compoundRules reads "X-<participle>" adjectives: "the Iran-backed group"
// (SUPPORTS), "a Dubai-based intermediary, Golden Sands" (LOCATED_IN),
// "a KOMID-owned vessel" (OPERATES), "Panama-flagged freighter X".
// The modified entity is the head after the adjective, the name apposed
// after a common head ("a Dubai-based intermediary, Golden Sands"), or the
// name the phrase is apposed to ("Hezbollah, the Iran-backed group").
func (c *sctx) compoundRules() {
	us := c.units
	for i := 0; i+2 < len(us); i++ {
		if us[i].tag != uM || us[i+1].low != "-" || c.toks[us[i+1].s].space {
			continue
		}
		cr, ok := compoundRels[us[i+2].low]
		if !ok {
			continue
		}
		mod := c.ment(i)
		h := c.compoundHead(i, i+3)
		if h == -1 {
			continue
		}
		hn, ht := c.name(h)
		src, st, tgt, tt := mod.ent, mod.typ, hn, ht
		if !cr.fromMod {
			src, st, tgt, tt = hn, ht, mod.ent, mod.typ
		}
		c.emitTok(cr.typ, cr.src, cr.tgt, src, st, tgt, tt, us[i].s, us[i+2].e, 0.75, "compound:"+us[i+2].low)
	}
}

// timeWords open an adverbial after a noun phrase, never continue it.
var timeWords = map[string]bool{"last": true, "next": true, "this": true, "earlier": true, "later": true, "recently": true,
	"yesterday": true, "today": true, "again": true, "also": true, "then": true, "now": true, "still": true}

// compoundHead finds the entity a compound adjective ending before unit a
// modifies; -1 when none.
func (c *sctx) compoundHead(mi, a int) int {
	us := c.units
	e := a
	for e < len(us) && e <= a+4 && (us[e].tag == uW || us[e].tag == uM) {
		if us[e].tag == uM {
			// ("the Sierra Leone-flagged tanker Golden Harmony alongside"):
			// a ship, company or person is not a modifier of what follows
			if t := c.typ(e); e+1 >= len(us) || us[e+1].tag != uW || timeWords[us[e+1].low] || t == graph.Vessel || t == graph.Person || t == graph.Organization && !c.d.x.orgHeads[us[e+1].low] && !c.d.x.locatedHeads[us[e+1].low] {
				return e // "Iran-backed Hezbollah", "the Togo-flagged X last week"
			}
		}
		e++
	}
	// "a Dubai-based intermediary, Golden Sands General Trading"
	if e > a && e+1 < len(us) && us[e].low == "," && us[e+1].tag == uM {
		return e + 1
	}
	// "Hezbollah, the Iran-backed group"; "the Kerttu Bay, Cameroon-flagged
	// and operated by ..." (no noun after the adjective)
	s := mi - 1
	if s >= 0 && us[s].tag == uD {
		s--
	}
	if s >= 1 && us[s].low == "," {
		// "X (VAE) – Moscow-registered intermediary": skip the short form
		if p := c.skipParenLeft(s - 1); p >= 0 && us[p].tag == uM {
			return p
		}
	}
	// "X is a Dubai-based firm", "X (Short) was a Minsk-registered company":
	// a predicate nominal describes the copula's subject
	if s >= 0 && us[s].tag == uV && c.d.x.copulas[us[s].low] {
		if hs := c.subjectOf(s, 0); len(hs) == 1 {
			return hs[0]
		}
	}
	return -1
}

// agencyPhrases maps multi-word agency markers to how they read: control
// (the named party directs the actor: OPERATES) or behalf (the actor works
// for the named party: SUPPORTS).
var agencyPhrases = []struct {
	words   []string
	control bool
}{
	{[]string{"at", "the", "direction", "of"}, true},
	{[]string{"under", "the", "direction", "of"}, true},
	{[]string{"at", "the", "behest", "of"}, true},
	{[]string{"on", "the", "orders", "of"}, true},
	{[]string{"on", "the", "instructions", "of"}, true},
	{[]string{"under", "the", "control", "of"}, true},
	{[]string{"on", "behalf", "of"}, false},
	{[]string{"acting", "for"}, false},
	{[]string{"acted", "for"}, false},
	{[]string{"acts", "for"}, false},
	{[]string{"in", "the", "service", "of"}, false},
}

// agencyRules: "SOKOLOV, acting at the direction of FARAHANI," → FARAHANI
// OPERATES SOKOLOV; "X, which makes drones on behalf of Y" → X SUPPORTS Y.
// The actor is the name before ", acting" or else the subject of the
// nearest verb before the phrase.
func (c *sctx) agencyRules() {
	us := c.units
	for i := 0; i < len(us); i++ {
		for _, ap := range agencyPhrases {
			if !c.wordsAt(i, ap.words) {
				continue
			}
			after := i + len(ap.words)
			if after >= len(us) || !c.isNP(after) {
				continue
			}
			principals, _ := c.listRight(after)
			if len(principals) == 0 || c.negated(i) {
				continue
			}
			var actors []int
			j := i - 1
			if j >= 0 && (us[j].low == "acting" || us[j].low == "working" || us[j].low == "operating" || us[j].low == "apparently") {
				j--
			}
			if j >= 0 && us[j].low == "," && j-1 >= 0 && c.isNP(j-1) {
				if hs, com := c.heads(c.npLeft(j-1), j); !com {
					actors = hs
				}
			}
			// "X, a Kampala firm acting for Y": the name the phrase before is
			// apposed to
			if len(actors) == 0 && j >= 0 && c.isNP(j) {
				if s := c.npLeft(j); s >= 2 && (us[s].low == "a" || us[s].low == "an") && us[s-1].low == "," {
					if p := c.skipParenLeft(s - 2); p >= 0 && us[p].tag == uM {
						actors = []int{p}
					}
				}
			}
			if len(actors) == 0 {
				if v := c.prevVerb(i - 1); v >= 0 {
					actors = c.subjectOf(v, 0)
				}
			}
			for _, a := range actors {
				an, at := c.name(a)
				for _, p := range principals {
					pn, pt := c.name(p)
					if (at != graph.Organization && at != graph.Person) || pt == graph.Item || pt == graph.Location {
						continue
					}
					if ap.control {
						c.emitTok(graph.Operates, nil, nil, pn, pt, an, at, us[i].s, us[after-1].e, 0.7, "agency:control")
					} else {
						c.emitTok(graph.Supports, nil, nil, an, at, pn, pt, us[i].s, us[after-1].e, 0.65, "agency:behalf")
					}
				}
			}
			i = after - 1
			break
		}
	}
}

var kinNouns = map[string]bool{"brother": true, "sister": true, "son": true, "daughter": true, "father": true, "mother": true,
	"wife": true, "husband": true, "cousin": true, "nephew": true, "niece": true, "uncle": true, "relative": true, "brother-in-law": true,
	"son-in-law": true}

// appositionRules reads a person's apposition: "Y, the brother of X and
// commander of the army's Fourth Division," → Y LINKED_TO X, Y LEADS the
// division.
func (c *sctx) appositionRules() {
	us := c.units
	x := c.d.x
	for i := 0; i+3 < len(us); i++ {
		if us[i].tag != uM || c.typ(i) != graph.Person || us[i+1].low != "," {
			continue
		}
		p := c.ment(i)
		for q := i + 2; q+2 < len(us) && q <= i+14; q++ {
			u := us[q]
			if u.tag == uR || u.low == ";" || (u.tag == uV && c.trig[q] >= 0) || (u.low == "," && q > i+2) {
				break
			}
			prep := us[q+1].low
			if prep != "of" && prep != "in" && prep != "at" {
				continue
			}
			kin := kinNouns[u.low] && prep == "of"
			// "the chief executive of", "the managing director of"
			leader := (x.leaderTitles[u.low] || x.leaderTitles[us[q-1].low+" "+u.low]) && prep == "of" && !functionalModifiers[us[q-1].low]
			// "a senior commander in", "an official of": membership
			member := !kin && !leader && x.personNouns[u.low] && !ownerNouns[u.low] && !operatorNouns[u.low]
			if !kin && !leader && !member {
				continue
			}
			// the first name after "of", through "the army's"
			for r := q + 2; r < len(us) && r <= q+6; r++ {
				if us[r].tag == uM {
					o := c.ment(r)
					if r+1 < len(us) && us[r+1].tag == uPos {
						continue // "the army's Fourth Division": owner of the next name
					}
					if kin && o.typ == graph.Person {
						c.emitTok(graph.LinkedTo, nil, nil, p.ent, p.typ, o.ent, o.typ, us[q].s, us[q+1].e, 0.7, "apposition:kin")
					}
					if leader && (o.typ == graph.Organization || o.typ == graph.Country) {
						c.emitTok(graph.Leads, leadsSrc, nil, p.ent, p.typ, o.ent, o.typ, us[q].s, us[q+1].e, 0.75, "apposition:leader")
					}
					if member && o.typ == graph.Organization {
						c.emitTok(graph.MemberOf, leadsSrc, nil, p.ent, p.typ, o.ent, o.typ, us[q].s, us[q+1].e, 0.7, "apposition:member")
					}
					break
				}
				if us[r].tag != uD && us[r].tag != uW && us[r].tag != uPos {
					break
				}
			}
		}
	}
}
