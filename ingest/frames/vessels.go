package frames

import (
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// maxVesselWords bounds a ship's name ("KAPITAN VERESKOV", "Star 3").
const maxVesselWords = 5

// AddVessels adds, as vessels, the names the text introduces with a ship
// noun: right after it ("the cargo ships A and B"), or as its apposition
// either way round ("A, a Panama-flagged tanker"; "its freighter, the
// A"). A name x already has with another type takes the vessel type: the
// noun says what it is.
func AddVessels(x *graph.Extraction, p *nlp.Doc) {
	text := []rune(p.Text)
	byName := map[string]int{}
	for i, e := range x.Entities {
		byName[e.Name] = i
	}
	var added []string // ids of the vessels this reader named
	add := func(ts, te int) {
		// "Type: bulk carrier", "Step 2: the tanker": a label before a
		// colon names a field, not the ship the field describes.
		if te < len(p.Tokens) && p.Tokens[te].Text == ":" {
			return
		}
		name := strings.TrimSpace(string(text[p.Tokens[ts].Start:p.Tokens[te-1].End]))
		// "Veltro Air Cargo LLC, a Kyrgyz carrier", "Nashira Airlines,
		// an Omani carrier": a legal form or an airline's word ends the
		// name of an operator, whatever noun describes it.
		if operatorName(name) {
			return
		}
		if i, ok := byName[name]; ok {
			if t := x.Entities[i].Type; t != graph.Vessel && t != graph.Country {
				x.Entities[i].Type = graph.Vessel
			}
			if x.Entities[i].Type == graph.Vessel {
				added = append(added, x.Entities[i].ID)
			}
			return
		}
		id := graph.EntityID(name)
		if id == "" {
			return
		}
		byName[name] = len(x.Entities)
		x.Entities = append(x.Entities, graph.Entity{ID: id, Name: name, Type: graph.Vessel, Mentions: 1})
		added = append(added, id)
	}
	stripClassWord(x)
	kids := make([][]int, len(p.Tokens))
	for i, t := range p.Tokens {
		if t.Head != i {
			kids[t.Head] = append(kids[t.Head], i)
		}
	}
	for i, t := range p.Tokens {
		// The noun must head its phrase: "a single-ship company" is a company.
		// The tagger reads a rare noun before a capitalised name as part of
		// the name ("the dhow AL-SAMAH 2"); written in lower case it is a noun.
		// Telegraphic text ("patrol boarded outboard dhow X") gets it tagged
		// as anything; a lower-case ship noun before a name is still one.
		noun := t.POS == "NOUN" || !startsUpper(t.Text) && t.POS != "VERB" && i+1 < len(p.Tokens) && startsUpper(p.Tokens[i+1].Text)
		if !vesselNouns[strings.ToLower(t.Lemma)] || !noun || (t.Dep == "compound" || t.Dep == "amod") && !startsUpper(p.Tokens[t.Head].Text) ||
			i+1 < len(p.Tokens) && p.Tokens[i+1].POS == "NOUN" && !startsUpper(p.Tokens[i+1].Text) || i > 0 && p.Tokens[i-1].Text == "-" && p.Tokens[i-1].End == t.Start {
			continue
		}
		// "the tanker Star 3", "the cargo ships A and B"
		for k := i + 1; k < len(p.Tokens); {
			ts, te := nameRun(p, k)
			if te == ts {
				break
			}
			add(ts, te)
			if te < len(p.Tokens) && (p.Tokens[te].Text == "and" || p.Tokens[te].Text == ",") {
				k = te + 1
				continue
			}
			break
		}
		// "its freighter, the A" / "two ships, the A and the B"
		for _, c := range kids[i] {
			if p.Tokens[c].Dep != "appos" {
				continue
			}
			for _, m := range append([]int{c}, conjuncts(p, kids, c)...) {
				if ts, te := nameRunAround(p, m); te > ts {
					add(ts, te)
				}
			}
		}
		// "A, a Myanmar-flagged coastal tanker", as parsed or, where the
		// parser attached the noun elsewhere, as written: a name, a comma,
		// "a" and only modifiers up to the noun.
		if t.Dep == "appos" {
			if ts, te := nameRunAround(p, t.Head); te > ts {
				add(ts, te)
			}
		} else if j := describedName(p, i); j >= 0 {
			if ts, te := nameRunAround(p, j); te > ts {
				add(ts, te)
			}
		}
	}
	// "NORTH STAR 5 (IMO 9100001)", "AMUR 5, IMO 9187344": an IMO number
	// is given only for ships.
	for i := 2; i+1 < len(p.Tokens); i++ {
		if !strings.EqualFold(p.Tokens[i].Text, "IMO") || !imoNumber(p.Tokens[i+1].Text) {
			continue
		}
		if sep := p.Tokens[i-1].Text; sep == "(" || sep == "," {
			ts, te := nameRunAround(p, i-2)
			// "MT SEA LARK": the hull prefix is not the name
			for ts < te-1 && (shipPrefixes[strings.ToLower(p.Tokens[ts].Text)] || vesselNouns[strings.ToLower(p.Tokens[ts].Text)]) {
				ts++
			}
			if te > ts && te == i-1 {
				add(ts, te)
			}
		}
	}
	// Record lines: "Ship name: SHWE LAY", "Vessel: AMUR 5".
	for i := 0; i+2 < len(p.Tokens); i++ {
		if i > 0 && !lineEndsBefore(p, i) || p.Tokens[i].POS == "SPACE" {
			continue
		}
		colon := i
		for colon < len(p.Tokens) && colon-i < 3 && p.Tokens[colon].Text != ":" {
			colon++
		}
		if colon >= len(p.Tokens) || p.Tokens[colon].Text != ":" {
			continue
		}
		if !vesselLabels[strings.ToLower(p.Text[p.Tokens[i].ByteStart:p.Tokens[colon].ByteStart])] {
			continue
		}
		if ts, te := nameRun(p, colon+1); te > ts && (te == len(p.Tokens) || lineEndsBefore(p, te)) {
			add(ts, te)
		}
	}
	foldVesselFragments(x, p.Text, added)
}

// operatorName reports a name that ends in a legal form or an operator's
// word, which makes it a company, never a ship.
func operatorName(name string) bool {
	f := strings.Fields(name)
	if len(f) < 2 {
		return false
	}
	last := f[len(f)-1]
	return isSuffix(last) || operatorWords[strings.ToLower(last)]
}

// lineEndsBefore reports whether token k starts a new line or an aside
// ("SHWE LAY (ex-LUCKY STAR)", "AMUR 5, IMO 9187344").
func lineEndsBefore(p *nlp.Doc, k int) bool {
	t := p.Tokens[k]
	prev := p.Tokens[k-1]
	return t.Text == "(" || t.Text == "," || t.Text == ";" || strings.ContainsAny(p.Text[prev.ByteEnd:t.ByteStart], "\n\r") ||
		t.POS == "SPACE" && strings.ContainsAny(t.Text, "\n\r") || prev.POS == "SPACE" && strings.ContainsAny(prev.Text, "\n\r")
}

// foldVesselFragments folds into each vessel the reader named the
// entities that only ever occur inside its name, in any case: the token
// rules cut "AL-SAMAH 2" to "al-Samah" and "OCEAN WILLOW 7" to "Ocean
// Willow".
func foldVesselFragments(x *graph.Extraction, text string, vessels []string) {
	lower := strings.ToLower(text)
	remap := map[string]string{}
	for _, id := range vessels {
		i := indexByID(x.Entities, id)
		if i < 0 {
			continue
		}
		name := strings.ToLower(x.Entities[i].Name)
		for _, f := range x.Entities {
			frag := strings.ToLower(f.Name)
			if f.ID == id || f.Type == graph.Country || remap[f.ID] != "" || len(frag) >= len(name) || len(lower) != len(text) {
				continue
			}
			if fragmentOf(lower, frag, name, nil, false) {
				remap[f.ID] = id
			}
		}
	}
	applyRemap(x, remap)
}

// describedName returns the last token of the name that ", a/an <modifiers>"
// before noun i describes, or -1.
func describedName(p *nlp.Doc, i int) int {
	for j := i - 1; j >= 2 && i-j <= 6; j-- {
		t := p.Tokens[j]
		switch {
		case t.POS == "DET" && (strings.EqualFold(t.Text, "a") || strings.EqualFold(t.Text, "an")):
			if p.Tokens[j-1].Text != "," {
				return -1
			}
			// "OCEAN WILLOW 7 (IMO 9415868), a cargo ship": the name is
			// before the parenthesis.
			k := j - 2
			if p.Tokens[k].Text == ")" {
				for k > 0 && p.Tokens[k].Text != "(" && j-k < 12 {
					k--
				}
				k--
			}
			return max(k, -1)
		case t.POS == "ADJ" || t.POS == "PROPN" || t.POS == "NOUN" || t.POS == "NUM" || t.Tag == "HYPH" || t.Tag == "VBN":
			continue
		}
		return -1
	}
	return -1
}

func conjuncts(p *nlp.Doc, kids [][]int, i int) []int {
	var out []int
	for _, c := range kids[i] {
		if p.Tokens[c].Dep == "conj" {
			out = append(out, c)
			out = append(out, conjuncts(p, kids, c)...)
		}
	}
	return out
}

// nameRun is the run of name words starting at token k (after an optional
// "the"): capitalised words and numbers, the first capitalised, in one
// sentence, at most maxVesselWords.
func nameRun(p *nlp.Doc, k int) (int, int) {
	if k < len(p.Tokens) && strings.EqualFold(p.Tokens[k].Text, "the") {
		k++
	}
	ts := k
	// A heading on the next line is not the ship's name.
	if k > 0 && k < len(p.Tokens) && strings.ContainsAny(p.Text[p.Tokens[k-1].ByteEnd:p.Tokens[k].ByteStart], "\n\r") {
		return ts, ts
	}
	for words := 0; k < len(p.Tokens) && words < maxVesselWords && p.Tokens[k].Sent == p.Tokens[ts].Sent; words++ {
		if nameWord(p.Tokens[k].Text, k == ts) {
			k++
			continue
		}
		// "AL-SAMAH 2": a hyphen written inside the name joins its words.
		if k > ts && joinedHyphen(p, k) && nameWord(p.Tokens[k+1].Text, false) {
			k += 2
			continue
		}
		break
	}
	if k == ts || strings.ContainsAny(string([]rune(p.Text)[p.Tokens[ts].Start:p.Tokens[k-1].End]), "\n\r") {
		return ts, ts
	}
	return ts, k
}

// nameRunAround is the run of name words holding token i; none in
// parentheses ("ship-to-ship (STS)" abbreviates, it does not name).
func nameRunAround(p *nlp.Doc, i int) (int, int) {
	if i >= len(p.Tokens) || !nameWord(p.Tokens[i].Text, false) || i > 0 && p.Tokens[i-1].Text == "(" {
		return i, i
	}
	ts := i
	for ts > 0 && i-ts < maxVesselWords+2 && p.Tokens[ts-1].Sent == p.Tokens[i].Sent {
		if nameWord(p.Tokens[ts-1].Text, false) {
			ts--
		} else if ts > 1 && joinedHyphen(p, ts-1) && nameWord(p.Tokens[ts-2].Text, false) {
			ts -= 2
		} else {
			break
		}
	}
	for ts < i && !nameWord(p.Tokens[ts].Text, true) {
		ts++
	}
	return nameRun(p, ts)
}

// joinedHyphen reports whether token k is a hyphen written without spaces
// between two words ("AL-SAMAH").
func joinedHyphen(p *nlp.Doc, k int) bool {
	return k > 0 && k+1 < len(p.Tokens) && p.Tokens[k].Text == "-" &&
		p.Tokens[k-1].End == p.Tokens[k].Start && p.Tokens[k].End == p.Tokens[k+1].Start
}

// nameWord: a capitalised word other than a determiner, or (not first) a
// number.
func nameWord(w string, first bool) bool {
	r := []rune(w)
	if len(r) == 0 {
		return false
	}
	if unicode.IsDigit(r[0]) {
		return !first
	}
	if !unicode.IsUpper(r[0]) {
		return false
	}
	switch strings.ToLower(w) {
	case "the", "a", "an", "its", "her", "his", "their", "this", "that":
		return false
	}
	return true
}

// stripClassWord renames vessels whose name the token rules began with
// the ship's class ("Aframax Polar Wren" is the Aframax "Polar Wren"),
// merging into the vessel of that name where there is one.
func stripClassWord(x *graph.Extraction) {
	remap := map[string]string{}
	for i := range x.Entities {
		e := &x.Entities[i]
		first, rest, ok := strings.Cut(e.Name, " ")
		if e.Type != graph.Vessel || !ok || !vesselNouns[strings.ToLower(first)] || !strings.Contains(rest, " ") && len(rest) < 3 {
			continue
		}
		id := graph.EntityID(rest)
		if j := indexByID(x.Entities, id); j >= 0 {
			remap[e.ID] = id
			continue
		}
		remap[e.ID] = id
		e.Aliases = append(e.Aliases, e.Name)
		e.ID, e.Name = id, rest
	}
	applyRemap(x, remap)
}

// imoNumber reports a ship's IMO number: seven digits.
func imoNumber(w string) bool {
	if len(w) != 7 {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
