package frames

import (
	"slices"
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// sentenceEndsAt reports whether token i is the last of its sentence but
// for whitespace.
func sentenceEndsAt(toks []nlp.Token, i int) bool {
	for k := i + 1; k < len(toks); k++ {
		if toks[k].Sent != toks[i].Sent {
			return true
		}
		if toks[k].POS != "SPACE" {
			return false
		}
	}
	return true
}

// notNameStart are the parts of speech of capitalised words that open a
// sentence rather than a name ("In", "After", "It", "The").
var notNameStart = map[string]bool{"DET": true, "PRON": true, "ADP": true, "SCONJ": true, "CCONJ": true,
	"ADV": true, "AUX": true, "VERB": true, "PART": true}

// RepairCompanies finds the companies the text names with a legal form
// ("Marisol Resin Sdn. Bhd.", "Qingyuan Fenghua Materials Co., Ltd.", "OOO
// Uralskiy Kompas") and makes each one entity with its full name: the
// token rules and the recognizer both cut such names at abbreviation
// dots and commas, leaving fragments ("Marisol" as a place, "Bhd." as
// another). A fragment that only ever occurs inside the full name or as
// its leading short form ("Tobolsk" for "Tobolsk Trade OOO") is folded
// into the company, its relations with it; one found elsewhere on its own
// ("Omsk" in "Tobolsk Trade OOO of Omsk") is left alone.
func RepairCompanies(x *graph.Extraction, p *nlp.Doc) {
	text := []rune(p.Text)
	byName := map[string]int{} // names and aliases
	for i, e := range x.Entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if _, ok := byName[n]; !ok {
				byName[n] = i
			}
		}
	}
	remap := map[string]string{} // fragment id → company id
	places := map[int]bool{}     // byte offsets where the recognizer saw a place
	for _, ne := range p.Ents {
		if ne.Label == "GPE" || ne.Label == "LOC" {
			places[p.Tokens[ne.TokStart].ByteStart] = true
		}
	}
	for _, sp := range companySpans(p) {
		name := string(text[p.Tokens[sp[0]].Start:p.Tokens[sp[1]-1].End])
		if strings.ContainsAny(name, "\n\r") {
			continue
		}
		id := graph.EntityID(name)
		if id == "" || tailOfKnown(x.Entities, text, p.Tokens[sp[0]].Start, name) {
			continue
		}
		if i, ok := byName[name]; ok {
			id = x.Entities[i].ID
		} else if i := indexByID(x.Entities, id); i >= 0 {
			name = x.Entities[i].Name // the same company under another spelling
		} else {
			byName[name] = len(x.Entities)
			x.Entities = append(x.Entities, graph.Entity{ID: id, Name: name, Type: graph.Organization, Mentions: 1})
		}
		if remap[id] != "" {
			continue
		}
		// "Aeronautica Industrial del Centro, C.A. (AICCA)"
		if e := sp[1]; e+2 < len(p.Tokens) && p.Tokens[e].Text == "(" && p.Tokens[e+2].Text == ")" && isAcronym(p.Tokens[e+1].Text) {
			if c := &x.Entities[indexByID(x.Entities, id)]; !slices.Contains(c.Aliases, p.Tokens[e+1].Text) {
				c.Aliases = append(c.Aliases, p.Tokens[e+1].Text)
			}
		}
		for i := range x.Entities {
			f := &x.Entities[i]
			if f.ID == id || f.Type == graph.Country || remap[f.ID] != "" {
				continue
			}
			if !fragmentOf(p.Text, f.Name, name, places, true) {
				continue
			}
			remap[f.ID] = id
			if leadingWords(name, f.Name) && !strings.ContainsAny(f.Name, ".,") {
				company := &x.Entities[indexByID(x.Entities, id)]
				company.Aliases = append(company.Aliases, f.Name)
			}
		}
	}
	applyRemap(x, remap)
}

// applyRemap folds each entity whose id remap maps to another id into that
// entity: it is dropped and its relations move over (a relation that
// would join an entity to itself is dropped). An id mapped to itself was
// renamed in place and stays.
func applyRemap(x *graph.Extraction, remap map[string]string) {
	if len(remap) == 0 {
		return
	}
	ents := x.Entities[:0]
	for _, e := range x.Entities {
		if to, ok := remap[e.ID]; !ok || to == e.ID {
			ents = append(ents, e)
		}
	}
	x.Entities = ents
	rels := x.Relations[:0]
	for _, r := range x.Relations {
		if to := remap[r.Source]; to != "" {
			r.Source = to
		}
		if to := remap[r.Target]; to != "" {
			r.Target = to
		}
		if r.Source == r.Target {
			continue
		}
		rels = append(rels, r.Canonical())
	}
	x.Relations = rels
}

// tailOfKnown reports whether the name found at rune offset start is the
// end of a longer name x already has, written out there ("Kavosh
// Engineering Company" inside "Arvand Kavosh Engineering Company" when the
// parser put a sentence break between them).
func tailOfKnown(ents []graph.Entity, text []rune, start int, name string) bool {
	for _, e := range ents {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if len(n) <= len(name) || !strings.HasSuffix(n, name) {
				continue
			}
			head := []rune(n[:len(n)-len(name)])
			if start >= len(head) && string(text[start-len(head):start]) == string(head) {
				return true
			}
		}
	}
	return false
}

// addNew appends an entity named name of type typ to x unless the name
// makes no id or x has that id already; it returns the new entity's index,
// or -1.
func addNew(x *graph.Extraction, name string, typ graph.EntityType, aliases ...string) int {
	id := graph.EntityID(name)
	if id == "" || indexByID(x.Entities, id) >= 0 {
		return -1
	}
	x.Entities = append(x.Entities, graph.Entity{ID: id, Name: name, Type: typ, Aliases: aliases, Mentions: 1})
	return len(x.Entities) - 1
}

func indexByID(ents []graph.Entity, id string) int {
	for i, e := range ents {
		if e.ID == id {
			return i
		}
	}
	return -1
}

// leadingWords reports whether short is the first words of name.
func leadingWords(name, short string) bool {
	return len(short) < len(name) && strings.HasPrefix(name, short) && name[len(short)] == ' '
}

// fragmentOf reports whether every occurrence of frag in text (whole
// words) lies inside an occurrence of name, or, when frag is name's first
// words, stands as its short form: followed by name's next word, or on
// its own where the recognizer does not read a place (places holds the
// byte offsets where it does). Without shortForms, only occurrences inside
// name count.
func fragmentOf(text, frag, name string, places map[int]bool, shortForms bool) bool {
	if frag == name || !strings.Contains(name, frag) {
		return false
	}
	var occ []int
	for from := 0; ; {
		k := strings.Index(text[from:], name)
		if k < 0 {
			break
		}
		occ = append(occ, from+k)
		from += k + len(name)
	}
	if len(occ) == 0 {
		return false
	}
	inside := func(at int) bool {
		for _, o := range occ {
			if at >= o && at+len(frag) <= o+len(name) {
				return true
			}
		}
		return false
	}
	lead := shortForms && leadingWords(name, frag)
	next := ""
	if lead {
		if rest := strings.Fields(name[len(frag):]); len(rest) > 0 {
			next = rest[0]
		}
	}
	for from := 0; ; {
		k := strings.Index(text[from:], frag)
		if k < 0 {
			break
		}
		at := from + k
		from = at + len(frag)
		if at > 0 && isWordRune(rune(text[at-1])) || from < len(text) && isWordRune(rune(text[from])) && !strings.HasSuffix(frag, ".") {
			continue // not a whole word
		}
		if inside(at) {
			continue
		}
		if lead && next != "" && strings.HasPrefix(text[from:], " "+next) {
			continue // the short form "Qingyuan Fenghua"
		}
		if lead && !places[at] && !capitalBefore(text, at) {
			continue // the short form on its own: "Tobolsk's director", not "North Korea"
		}
		return false
	}
	return true
}

// capitalBefore reports whether the word before byte offset at (across
// one space) is capitalised: the fragment is then the end of another name.
func capitalBefore(text string, at int) bool {
	if at < 2 || text[at-1] != ' ' {
		return false
	}
	i := strings.LastIndexAny(text[:at-1], " \n\t(\"'")
	w := []rune(text[i+1 : at-1])
	switch string(w) {
	case "The", "A", "An": // a sentence's first word, not a name
		return false
	}
	return len(w) > 0 && unicode.IsUpper(w[0])
}

// capsWord reports a word of two or more letters, all capitals.
func capsWord(w string) bool {
	letters := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		letters++
	}
	return letters >= 2
}

// companySpans returns [start, end) token spans of names that end in a
// legal form (or open with a Russian one), capitalised words before it.
func companySpans(p *nlp.Doc) [][2]int {
	var out [][2]int
	toks := p.Tokens
	suffixAt := func(i int) bool {
		if i >= len(toks) {
			return false
		}
		if !isSuffix(toks[i].Text) {
			return false
		}
		// Czech and Slovak forms are written in lower case with dots
		// ("a.s.", "s.r.o."), a British public company as "plc"; others
		// are capitalised.
		w := toks[i].Text
		return unicode.IsUpper([]rune(w)[0]) || strings.Contains(strings.TrimSuffix(w, "."), ".") || w == "plc"
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		low := strings.ToLower(t.Text)
		// "OOO Uralskiy Kompas": the form first, capitalised words after.
		if prefixSuffixes[low] && strings.ToUpper(t.Text) == t.Text {
			k := i + 1
			for k < len(toks) && toks[k].Sent == t.Sent && capWord(toks[k].Text) && !companySuffixes[strings.ToLower(strings.ReplaceAll(toks[k].Text, ".", ""))] {
				k++
			}
			if k-i >= 2 && k-i <= 5 && !endsName(toks, i) {
				out = append(out, [2]int{i, k})
				i = k - 1
				continue
			}
		}
		if !suffixAt(i) || i == 0 {
			continue
		}
		// The suffix run: "Sdn. Bhd.", "Co., Ltd.", "Co. Ltd".
		e := i + 1
		for e < len(toks) {
			// "Sp. z o.o.": the Polish form has a preposition inside, and the
			// parser ends a sentence at "Sp.".
			if toks[e].Text == "z" && e+1 < len(toks) && strings.EqualFold(strings.TrimSuffix(toks[i].Text, "."), "sp") && suffixAt(e+1) {
				e += 2
				if e < len(toks) && toks[e].Text == "." && toks[e].Start == toks[e-1].End {
					e++
				}
				continue
			}
			if toks[e].Sent != t.Sent {
				break
			}
			// "S.A. de C.V.", "S. de R.L. de C.V.": Mexican forms join
			// two parts with "de".
			if toks[e].Text == "de" && e+1 < len(toks) && joinedForms[strings.ToLower(strings.ReplaceAll(toks[e+1].Text, ".", ""))] {
				e += 2
				continue
			}
			if toks[e].Text == "." && e > 0 && !strings.HasSuffix(toks[e-1].Text, ".") && len(toks[e-1].Text) <= 4 && toks[e].Start == toks[e-1].End &&
				(abbreviatedSuffixes[strings.ToLower(toks[e-1].Text)] || !sentenceEndsAt(toks, e)) {
				e++
				continue
			}
			if suffixAt(e) {
				e++
				continue
			}
			if toks[e].Text == "," && suffixAt(e+1) && !weakSuffixes[strings.ToLower(strings.Trim(toks[e+1].Text, "."))] {
				e += 2
				continue
			}
			break
		}
		// The name words before it, not reaching into the last company
		// ("SIA Daugava Signal and Ege Savunma A.Ş.").
		floor := 0
		if n := len(out); n > 0 {
			floor = out[n-1][1]
		}
		s := i
		// The parser sometimes ends a sentence inside a name written in
		// capitals ("NORDHAVN | MARINE SERVICES LTD"); a name does not run
		// on over a line break.
		for s > floor && (toks[s-1].Sent == t.Sent || capsWord(toks[s-1].Text) && !lineEndsBefore(p, s)) {
			w := toks[s-1]
			switch {
			case w.Text == "-" && s >= 2 && w.Start == toks[s-2].End && w.End == toks[s].Start && capWord(toks[s-2].Text):
				// "Pontus Ro-Ro Shipping OOO"
				s -= 2
				continue
			case w.Text == "(" || w.Text == ")":
				// "Lankamar Cargo Services (Pvt) Ltd", "Kaiyuan Micro (HK) Ltd"
				if w.Text == ")" && s >= 3 && toks[s-3].Text == "(" && capWord(toks[s-2].Text) {
					s -= 3
					continue
				}
			case capWord(w.Text) && !notNameStart[w.POS]:
				s--
				continue
			case w.Text == "of" && s >= 2 && titleWords[strings.ToLower(toks[s-2].Text)]:
				// "the General Director of Granit Optics OJSC": an office, then the company
			case nameInnerWords[w.Text] && s >= 2 && capWord(toks[s-2].Text) && s < i:
				s--
				continue
			case w.Text == "," && suffixAt(s) && s >= 2 && capWord(toks[s-2].Text) && !weakSuffixes[strings.ToLower(strings.Trim(toks[s].Text, "."))]:
				// "Aeronautica Industrial del Centro, C.A."
				s--
				continue
			}
			break
		}
		for s < i && nameInnerWords[toks[s].Text] {
			s++
		}
		// "HONG KONG FRONT COMPANY AND PRC SUPPLIER": a heading in capitals
		if weakSuffixes[strings.ToLower(strings.Trim(t.Text, "."))] && (i-s < 2 || strings.ToUpper(t.Text) == t.Text) {
			i = e - 1
			continue
		}
		if s < i && i-s <= 6 && !endsName(toks, s) {
			out = append(out, [2]int{s, e})
		}
		i = e - 1
	}
	return out
}

// endsName reports whether token s is glued to a word before it (part of
// a longer token run the tokenizer split, such as a hyphenated word).
func endsName(toks []nlp.Token, s int) bool {
	return s > 0 && toks[s-1].End == toks[s].Start && isWordRune([]rune(toks[s-1].Text)[0])
}

// capWord: a word whose first letter is upper case, or a number inside a
// name ("Star 3 Shipping").
func capWord(w string) bool {
	r := []rune(w)
	return len(r) > 0 && (unicode.IsUpper(r[0]) || unicode.IsDigit(r[0]) && len(r) < 5)
}
