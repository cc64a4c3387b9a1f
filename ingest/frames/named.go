package frames

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// nerTypes maps the recognizer's labels to entity types; other labels
// (dates, money, nationalities, laws) are not entities here.
var nerTypes = map[string]graph.EntityType{
	"PERSON": graph.Person, "ORG": graph.Organization, "GPE": graph.Location, "LOC": graph.Location,
	"FAC": graph.Location,
}

// AddNamed adds to x the names the parser's recognizer found that the
// gazetteer and rules did not, repaired where the recognizer is known to
// cut or mislabel them (company suffixes, a leading "the" or line label,
// a trailing possessive or connector, a given name left out, a person's
// name cut in two), and the acronym that follows one in parentheses as
// its alias. A span that overlaps a name x already has is left to x,
// except a person's full name over the surname x has (MergePersonNames
// folds the two) and an organisation's name over a fragment x read only
// inside it (the fragment is folded into the organisation).
func AddNamed(x *graph.Extraction, p *nlp.Doc) {
	text := []rune(p.Text)
	taken := make([]bool, len(text)+1)
	person := make([]bool, len(text)+1)  // taken by a person's name
	owner := make([]string, len(text)+1) // the id of the entity whose name it is
	for _, m := range FindMentions(p.Text, x.Entities) {
		for k := m.Start; k < m.End; k++ {
			taken[k] = true
			person[k] = m.Entity.Type == graph.Person
			owner[k] = m.Entity.ID
		}
	}
	byID := map[string]int{}
	for i, e := range x.Entities {
		byID[e.ID] = i
	}
	fragments := map[string]string{} // a fragment's id → the name's id
	counted := map[string]int{}      // occurrences of a name in the text, counted once
	occurrences := func(name string) int {
		n, ok := counted[name]
		if !ok {
			n = strings.Count(p.Text, name)
			counted[name] = n
		}
		return n
	}
	for _, ne := range joinedPersons(p) {
		typ, ok := nerTypes[ne.Label]
		if !ok {
			continue
		}
		ts, te := ne.TokStart, ne.TokEnd
		// "the", determiners and possessive endings are not part of a name,
		// nor a transcript's or an outline's line label ("Q. Please look",
		// "A. Captain Joachim was the master").
		for ts < te && (p.Tokens[ts].POS == "DET" || p.Tokens[ts].POS == "PUNCT" || lineLabel(p, ts)) {
			ts++
		}
		for te > ts && (p.Tokens[te-1].Tag == "POS" || p.Tokens[te-1].POS == "PUNCT" && p.Tokens[te-1].Text != ".") {
			te--
		}
		if ts >= te {
			continue
		}
		// A given name the recognizer left out of a name of two words or
		// more: "Yovany" before "Ocampo Salas", a capitalised proper noun
		// the parser joins to the name.
		if typ == graph.Person && te-ts >= 2 && ts > 0 && givenName(p, ts-1, ts, te) {
			ts--
		}
		// Company suffixes the recognizer left out: "Co." ", Limited", "Sdn. Bhd.".
		for te < len(p.Tokens) && p.Tokens[te].Sent == p.Tokens[ts].Sent {
			t := p.Tokens[te]
			if isSuffix(t.Text) {
				te++
				continue
			}
			if t.Text == "," && te+1 < len(p.Tokens) && isSuffix(p.Tokens[te+1].Text) && strings.ToLower(strings.Trim(p.Tokens[te+1].Text, ".")) != "company" {
				te += 2
				continue
			}
			if t.Text == "." && te > ts && isSuffix(p.Tokens[te-1].Text) {
				te++
				continue
			}
			break
		}
		// A connector never ends a name: the recognizer cut "San Juan de"
		// off "las Matas"; the name runs on to the next capitalised word,
		// or stops before the connector.
		for te-ts > 1 && nameConnectors[p.Tokens[te-1].Text] {
			k := te
			for k < len(p.Tokens) && p.Tokens[k].Sent == p.Tokens[ts].Sent && nameConnectors[p.Tokens[k].Text] {
				k++
			}
			if k < len(p.Tokens) && p.Tokens[k].Sent == p.Tokens[ts].Sent && p.Tokens[k].POS == "PROPN" && startsUpper(p.Tokens[k].Text) {
				te = k + 1
			} else {
				te--
			}
		}
		if isSuffix(p.Tokens[te-1].Text) && te-ts > 1 {
			typ = graph.Organization
		}
		start, end := p.Tokens[ts].Start, p.Tokens[te-1].End
		name := string(text[start:end])
		if !plausibleName(p, ts, te, name, ne.Label) {
			continue
		}
		if overlaps(taken, start, end) && !(typ == graph.Person && givenNamesBefore(text, taken, person, start, end)) {
			// "Sierra" that the rules read only inside "Los Tigres de la
			// Sierra": the fragment is the organisation
			if i := fragmentOnly(occurrences, name, owner[start:end], byID, x.Entities); typ == graph.Organization && i >= 0 {
				fragments[x.Entities[i].ID] = graph.EntityID(name)
			} else {
				continue
			}
		}
		id := graph.EntityID(name)
		if id == "" {
			continue
		}
		var alias string
		if te+2 < len(p.Tokens) && p.Tokens[te].Text == "(" && p.Tokens[te+2].Text == ")" && isAcronym(p.Tokens[te+1].Text) {
			alias = p.Tokens[te+1].Text
		}
		// "Orsk Harbour" after "Orsk Harbour Ship Management Sdn. Bhd.":
		// the short form a text uses for a company it named in full.
		if i := shortFormOf(x.Entities, name); i >= 0 && typ != graph.Location && typ != graph.Country {
			if !slices.Contains(x.Entities[i].Aliases, name) {
				x.Entities[i].Aliases = append(x.Entities[i].Aliases, name)
			}
			for k := start; k < end; k++ {
				taken[k] = true
			}
			continue
		}
		if i, ok := byID[id]; ok {
			if alias != "" && !slices.Contains(x.Entities[i].Aliases, alias) {
				x.Entities[i].Aliases = append(x.Entities[i].Aliases, alias)
			}
			continue
		}
		e := graph.Entity{ID: id, Name: name, Type: typ, Mentions: 1}
		if alias != "" {
			e.Aliases = []string{alias}
		}
		byID[id] = len(x.Entities)
		x.Entities = append(x.Entities, e)
		for k := start; k < end; k++ {
			taken[k], person[k], owner[k] = true, typ == graph.Person, id
		}
	}
	applyRemap(x, fragments)
}

// fragmentOnly returns the entity that owns every taken rune of a
// recognizer's name (owners, "" where none) when its name has no alias
// and occurs in the text (occurrences counts) only inside that longer
// name; -1 otherwise.
func fragmentOnly(occurrences func(string) int, name string, owners []string, byID map[string]int, ents []graph.Entity) int {
	id := ""
	for _, o := range owners {
		switch {
		case o == "":
		case id == "":
			id = o
		case o != id:
			return -1
		}
	}
	i, ok := byID[id]
	if !ok || len(ents[i].Aliases) > 0 || ents[i].Type != graph.Organization && ents[i].Type != graph.Location ||
		!strings.Contains(name, ents[i].Name) || occurrences(ents[i].Name) != occurrences(name) {
		return -1
	}
	return i
}

func isSuffix(tok string) bool {
	w := strings.ToLower(strings.ReplaceAll(tok, ".", ""))
	return companySuffixes[w] && (!dottedOnly[w] || strings.Contains(tok, ".")) && (!capitalsOnly[w] || tok == strings.ToUpper(tok))
}

func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 10 {
		return false
	}
	upper := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper++
		} else if !unicode.IsDigit(r) && r != '-' && r != '&' {
			return false
		}
	}
	return upper >= 2
}

// plausibleName refuses spans that are not names: several lines (page
// chrome and headlines run together), verbs or pronouns inside ("Irvine
// Businessman Sentenced"), lower-case words other than connectors, a
// possessive inside, a label before a colon, an office title, and single
// words other than proper nouns labelled places (a lone given name, a capitalised common noun
// or an undefined acronym is more often wrong than right; acronyms
// defined in parentheses become aliases instead).
func plausibleName(p *nlp.Doc, ts, te int, name, label string) bool {
	if strings.ContainsAny(name, "\n\r\t") || len([]rune(name)) < 2 {
		return false
	}
	first := []rune(name)[0]
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	if te-ts == 1 {
		w := p.Tokens[ts].Text
		if (label != "GPE" && label != "LOC") || strings.ToUpper(w) == w {
			return false
		}
		// A place is a proper noun; a capitalised common noun the
		// recognizer calls one is most often a heading ("Overview").
		if p.Tokens[ts].POS != "PROPN" {
			return false
		}
	}
	if titleWords[strings.ToLower(p.Tokens[ts].Text)] {
		return false
	}
	for i := ts; i < te; i++ {
		t := p.Tokens[i]
		if t.POS == "VERB" || t.POS == "AUX" || t.POS == "PRON" || t.Tag == "POS" {
			return false
		}
		if r := []rune(t.Text); unicode.IsLower(r[0]) && !nameConnectors[t.Text] {
			return false
		}
	}
	if te < len(p.Tokens) && p.Tokens[te].Text == ":" {
		return false
	}
	return true
}

// joinedPersons returns the recognizer's names with each run of person
// names that only a space separates joined into one: it cuts long
// Spanish and Portuguese names in two ("Duvan Alonso" + "Parra
// Quintero"), which a text never writes side by side for two people.
func joinedPersons(p *nlp.Doc) []nlp.Entity {
	out := make([]nlp.Entity, 0, len(p.Ents))
	for _, ne := range p.Ents {
		if n := len(out); n > 0 && ne.Label == "PERSON" && out[n-1].Label == "PERSON" && out[n-1].TokEnd == ne.TokStart &&
			p.Tokens[ne.TokStart].Sent == p.Tokens[out[n-1].TokStart].Sent && ne.TokStart > 0 &&
			p.Tokens[ne.TokStart-1].End+1 == p.Tokens[ne.TokStart].Start && p.Text[p.Tokens[ne.TokStart].ByteStart-1] == ' ' {
			out[n-1].TokEnd, out[n-1].End = ne.TokEnd, ne.End
			out[n-1].Text = p.Text[p.Tokens[out[n-1].TokStart].ByteStart:p.Tokens[ne.TokEnd-1].ByteEnd]
			continue
		}
		out = append(out, ne)
	}
	return out
}

// lineLabel reports whether token k is a single capital letter with a
// full stop that opens a line: a question or answer of a transcript, or
// an outline's item, never a name's initial.
func lineLabel(p *nlp.Doc, k int) bool {
	t := []rune(p.Tokens[k].Text)
	if len(t) != 2 || !unicode.IsUpper(t[0]) || t[1] != '.' {
		return false
	}
	b := p.Tokens[k].ByteStart
	return b == 0 || p.Text[b-1] == '\n'
}

// givenName reports whether token k, just before the person's name
// [ts,te), is one more of its names: a capitalised proper noun of the same
// sentence outside any other name, that the parser makes part of the
// name, and no title ("Dr", "Secretary").
func givenName(p *nlp.Doc, k, ts, te int) bool {
	t := p.Tokens[k]
	w := strings.TrimSuffix(t.Text, "s") // "Attorneys X"
	return t.POS == "PROPN" && t.Dep == "compound" && t.Head >= ts && t.Head < te && t.EntType == "" &&
		t.Sent == p.Tokens[ts].Sent && t.End < p.Tokens[ts].Start && startsUpper(t.Text) &&
		strings.ToUpper(t.Text) != t.Text && // capitals are a heading's or a listing's (CapsPersons)
		!titleLike(t.Text) && !titleLike(w) && !titleWords[strings.ToLower(t.Text)] && !titleWords[strings.ToLower(w)] &&
		!strings.ContainsAny(t.Text, ".'’") &&
		// it opens the phrase: "Commissioner for Compliance Nora X" names an office first
		(k == 0 || p.Tokens[k-1].POS != "PROPN" && !strings.EqualFold(p.Tokens[k-1].Text, "of") && !strings.EqualFold(p.Tokens[k-1].Text, "for"))
}

// givenNamesBefore reports whether the span [start,end) is a person's
// name the extraction knows only by its end: capitalised words before a
// surname the rules found alone elsewhere ("Teodoro Ruiz Peña" where
// "Mr. Ruiz Peña" gave the rules "Ruiz Peña"). The full name is
// added; MergePersonNames then folds the surname into it.
func givenNamesBefore(text []rune, taken, person []bool, start, end int) bool {
	k := start
	for k < end && !taken[k] {
		k++
	}
	if k == start || k == end {
		return false
	}
	for j := k; j < end; j++ {
		if !taken[j] || !person[j] {
			return false
		}
	}
	for _, w := range strings.Fields(string(text[start:k])) {
		if !startsUpper(w) || titleLike(w) {
			return false
		}
	}
	return unicode.IsSpace(text[k-1])
}

func overlaps(taken []bool, start, end int) bool {
	for k := start; k < end; k++ {
		if taken[k] {
			return true
		}
	}
	return false
}

// AddShortNames gives organisations the short names a text calls them by
// after naming them in full ("Cairnhill Ventures LP" ... "Cairnhill paid"):
// a leading part of the full name becomes an alias when the text uses it
// on its own as a proper noun, it is at least four letters long, and no
// other entity has it or another organisation's name starts with it too.
func AddShortNames(x *graph.Extraction, p *nlp.Doc) {
	owner := map[string]int{} // short form → entity index, -1 when shared
	taken := map[string]bool{}
	for _, e := range x.Entities {
		taken[strings.ToLower(e.Name)] = true
		for _, a := range e.Aliases {
			taken[strings.ToLower(a)] = true
		}
	}
	for i, e := range x.Entities {
		if e.Type != graph.Organization {
			continue
		}
		words := strings.Fields(e.Name)
		// "OOO Severnyi Veter Logistika" is called Severnyi Veter: a legal form
		// written first is not part of the short name.
		from, upto := 0, len(words)
		if len(words) > 1 && prefixSuffixes[strings.ToLower(words[0])] && strings.ToUpper(words[0]) == words[0] {
			from, upto = 1, len(words)+1
		}
		for n := from + 1; n < upto; n++ {
			short := strings.Join(words[from:n], " ")
			last := []rune(words[n-1])
			if !unicode.IsUpper([]rune(short)[0]) || !unicode.IsLetter(last[len(last)-1]) || nameConnectors[strings.ToLower(words[n-1])] {
				continue
			}
			if len([]rune(short)) < 4 || taken[strings.ToLower(short)] || genericHeads[strings.ToLower(words[n-1])] {
				continue
			}
			if j, ok := owner[short]; ok && j != i {
				owner[short] = -1
				continue
			}
			owner[short] = i
		}
	}
	// The short form must stand alone somewhere, as a proper noun.
	var runeAt []int
	proper := func(short string) bool {
		t := p.Text
		found := false
		for from := 0; from < len(t); {
			k := strings.Index(t[from:], short)
			if k < 0 {
				break
			}
			s, end := from+k, from+k+len(short)
			from = s + 1
			if before, _ := utf8.DecodeLastRuneInString(t[:s]); s > 0 && isWordRune(before) {
				continue
			}
			after, size := utf8.DecodeRuneInString(t[end:])
			if end < len(t) && isWordRune(after) {
				continue
			}
			// Followed by the rest of a longer name: not on its own.
			if next, _ := utf8.DecodeRuneInString(t[min(end+size, len(t)):]); after == ' ' && unicode.IsUpper(next) {
				continue
			}
			if runeAt == nil {
				runeAt = runeOffsets(t)
			}
			lo, hi := tokenSpan(p, runeAt[s], runeAt[end])
			for _, tok := range p.Tokens[lo:hi] {
				if tok.POS != "PROPN" && tok.Text != "-" {
					return false
				}
			}
			found = true
		}
		return found
	}
	shorts := make([]string, 0, len(owner))
	for s := range owner {
		shorts = append(shorts, s)
	}
	slices.Sort(shorts)
	for _, short := range shorts {
		i := owner[short]
		if i < 0 || !proper(short) {
			continue
		}
		x.Entities[i].Aliases = append(x.Entities[i].Aliases, short)
	}
}

// shortFormOf returns the index of the company in ents whose full name,
// ending in a legal form, opens with the words of name (two or more), or
// -1.
func shortFormOf(ents []graph.Entity, name string) int {
	if len(strings.Fields(name)) < 2 {
		return -1
	}
	for i, e := range ents {
		if e.Type != graph.Organization || !leadingWords(e.Name, name) {
			continue
		}
		if f := strings.Fields(e.Name); isSuffix(f[len(f)-1]) {
			return i
		}
	}
	return -1
}
