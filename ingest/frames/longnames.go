package frames

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// ExtendNames gives the names the token rules cut short their full form:
// an organisation whose name the recognizer reads on past a connector
// ("Nordic Institute" in "Nordic Institute for Security Studies", "Armed
// Forces" in "the Armed Forces of Ukraine"), and numbered bodies ("Unit
// 190"). The short entity is folded into the long one when every
// occurrence of it lies inside the long name or stands as its short form,
// when it is the short form of one long name only, and when the long name
// continues with a connector (a body named after its parent is another
// body).
func ExtendNames(x *graph.Extraction, p *nlp.Doc) {
	text := []rune(p.Text)
	byName := map[string]int{}
	aliasOf := map[string]int{} // a long name the gazetteer spells another way is that entity
	for i, e := range x.Entities {
		byName[e.Name] = i
		for _, a := range e.Aliases {
			aliasOf[a] = i
		}
	}
	longOf := map[string][]string{} // short entity id → long entity ids
	addLong := func(name string, typ graph.EntityType) string {
		if i, ok := byName[name]; ok {
			return x.Entities[i].ID
		}
		if i, ok := aliasOf[name]; ok {
			return x.Entities[i].ID
		}
		id := graph.EntityID(name)
		if id == "" || indexByID(x.Entities, id) >= 0 {
			return id
		}
		byName[name] = len(x.Entities)
		x.Entities = append(x.Entities, graph.Entity{ID: id, Name: name, Type: typ, Mentions: 1})
		return id
	}
	for _, ne := range p.Ents {
		if ne.Label != "ORG" {
			continue
		}
		ts, te := withoutDeterminer(p, ne)
		for te > ts && (p.Tokens[te-1].Tag == "POS" || p.Tokens[te-1].POS == "PUNCT") {
			te--
		}
		// "Peruvian National Police", "Belgian Federal Police": a state's
		// demonym opening a body's capitalised name (the token rules read
		// the demonym as the state and stop).
		// So does a state's name before a force ("Norland Coast Guard"), and
		// "Royal" before either ("Royal Canadian Navy").
		first := ts
		if te-ts >= 3 && p.Tokens[ts].Text == "Royal" {
			first++
		}
		stateWord := demonymOf(x.Entities, p.Tokens[first].Text) ||
			forceHeads[strings.ToLower(p.Tokens[te-1].Text)] && countryNamed(x.Entities, p.Tokens[first].Text)
		if te-first >= 2 && te-ts >= 3 && stateWord && nameTail(p, first+1, te) && startsUpper(p.Tokens[first+1].Text) {
			if long := string(text[p.Tokens[ts].Start:p.Tokens[te-1].End]); !strings.ContainsAny(long, "\n\r") {
				addLong(long, graph.Organization)
			}
			continue
		}
		// The longest known organisation the span opens with, ending before a
		// connector or a further name word.
		for k := te - 1; k > ts; k-- {
			short := string(text[p.Tokens[ts].Start:p.Tokens[k-1].End])
			i, ok := byName[short]
			if !ok || x.Entities[i].Type != graph.Organization {
				continue
			}
			// "X Engine Company of China": after a legal form, "of" gives the
			// company's country, not more of its name.
			if !nameTail(p, k, te) || isSuffix(p.Tokens[k-1].Text) && p.Tokens[k].Text == "of" {
				break
			}
			long := string(text[p.Tokens[ts].Start:p.Tokens[te-1].End])
			if strings.ContainsAny(long, "\n\r") {
				break
			}
			id := addLong(long, graph.Organization)
			sid := x.Entities[i].ID
			// A body named after its parent ("Islamic Revolutionary Guard
			// Corps Aerospace Force") is another body; so is a short name
			// the gazetteer knows by its aliases.
			sub := startsUpper(p.Tokens[k].Text) || len(x.Entities[i].Aliases) > 0
			if id != "" && id != sid && !sub && !slices.Contains(longOf[sid], id) {
				longOf[sid] = append(longOf[sid], id)
			}
			break
		}
	}
	// "Unit 190", "Combined Task Force 150": capitalised words ending in a
	// unit head, then a number that is not a year.
	for i := 1; i < len(p.Tokens); i++ {
		t := p.Tokens[i]
		h := p.Tokens[i-1]
		if !unitNumber(t.Text) || !unitHeads[strings.ToLower(h.Text)] || !startsUpper(h.Text) || h.Sent != t.Sent {
			continue
		}
		ts := i - 1
		for ts > 0 && p.Tokens[ts-1].Sent == t.Sent && p.Tokens[ts-1].POS == "PROPN" && startsUpper(p.Tokens[ts-1].Text) && i-ts < 5 {
			ts--
		}
		long := string(text[p.Tokens[ts].Start:t.End])
		if strings.ContainsAny(long, "\n\r") {
			continue
		}
		id := addLong(long, graph.Organization)
		short := string(text[p.Tokens[ts].Start:h.End])
		if j, ok := byName[short]; ok && x.Entities[j].ID != id && !slices.Contains(longOf[x.Entities[j].ID], id) {
			longOf[x.Entities[j].ID] = append(longOf[x.Entities[j].ID], id)
		}
	}
	// "300 Lanmo", "7 Lakou": a gang or unit named by a number and a
	// name — the parser reads the number as a count of the name, the
	// recognizer labels the name alone.
	for i := 0; i+1 < len(p.Tokens); i++ {
		t := p.Tokens[i]
		h := t.Head
		if !unitNumber(t.Text) || t.Dep != "nummod" || h <= i || h > i+3 || p.Tokens[h].Dep == "compound" {
			continue
		}
		ok := true
		for k := i + 1; k <= h; k++ {
			if tk := p.Tokens[k]; tk.Tag != "NNP" || !startsUpper(tk.Text) || tk.Sent != t.Sent {
				ok = false
			}
		}
		name := string(text[p.Tokens[i+1].Start:p.Tokens[h].End])
		// a number opening a line is a footnote's or a list's; a name the
		// gazetteer knows is not part of a numbered one
		if j, known := byName[name]; !ok || !namedByRecognizer(p, i+1) || lineStart(text, t.Start) || known && (len(x.Entities[j].Aliases) > 0 || x.Entities[j].Type != graph.Organization && x.Entities[j].Type != graph.Person) {
			continue
		}
		id := addLong(string(text[t.Start:p.Tokens[h].End]), graph.Organization)
		if j, known := byName[name]; known && x.Entities[j].ID != id && !slices.Contains(longOf[x.Entities[j].ID], id) {
			longOf[x.Entities[j].ID] = append(longOf[x.Entities[j].ID], id)
		}
	}
	// "Ministry of Defence of the Russian Federation", "Navy of the Islamic
	// Revolutionary Guard Corps": a public body's name goes on over the
	// state or body it belongs to (ministries of many states share the
	// short name).
	for _, ne := range p.Ents {
		if ne.Label != "ORG" {
			continue
		}
		ts, te := withoutDeterminer(p, ne)
		if te-ts > 1 && p.Tokens[te-1].Text == "of" {
			te-- // the recognizer's span took the "of"
		}
		if ts >= te || te+1 >= len(p.Tokens) || p.Tokens[te].Text != "of" {
			continue
		}
		short := string(text[p.Tokens[ts].Start:p.Tokens[te-1].End])
		i, ok := byName[short]
		if !ok || x.Entities[i].Type != graph.Organization || !publicBody(short) {
			continue
		}
		k := te + 1
		if strings.EqualFold(p.Tokens[k].Text, "the") {
			k++
		}
		owner := ownerSpan(p, text, k, func(name string) bool {
			j, ok := byName[name]
			if !ok {
				j, ok = aliasOf[name]
			}
			return ok && (x.Entities[j].Type == graph.Country || x.Entities[j].Type == graph.Organization)
		})
		if owner == 0 {
			continue
		}
		long := string(text[p.Tokens[ts].Start:p.Tokens[k+owner-1].End])
		if strings.ContainsAny(long, "\n\r") {
			continue
		}
		id := addLong(long, graph.Organization)
		if sid := x.Entities[i].ID; id != "" && id != sid && !slices.Contains(longOf[sid], id) {
			longOf[sid] = append(longOf[sid], id)
		}
	}
	remap := map[string]string{}
	for sid, longs := range longOf {
		if len(longs) != 1 {
			// "Ministry of Defence" only inside "Ministry of Defence of the
			// Russian Federation" and "Ministry of Defence and Armed Forces
			// Logistics": never a body of its own here.
			if si := indexByID(x.Entities, sid); si >= 0 && onlyInside(p.Text, x.Entities[si].Name, x.Entities, longs) {
				remap[sid] = longs[0]
			}
			continue
		}
		si, li := indexByID(x.Entities, sid), indexByID(x.Entities, longs[0])
		if si < 0 || li < 0 {
			continue
		}
		short, long := x.Entities[si].Name, &x.Entities[li]
		if fragmentOf(p.Text, short, long.Name, nil, true) {
			remap[sid] = longs[0]
			if leadingWords(long.Name, short) && !slices.Contains(long.Aliases, short) {
				long.Aliases = append(long.Aliases, short) // "the Nordic Institute" later on
			}
		}
	}
	applyRemap(x, remap)
}

// nameTail reports whether tokens [k, te) continue a name: a connector
// ("for", "of", "and", "the") or capitalised words, ending in a
// capitalised word, with at least one capitalised word.
func nameTail(p *nlp.Doc, k, te int) bool {
	if k >= te || !startsUpper(p.Tokens[te-1].Text) {
		return false
	}
	for i := k; i < te; i++ {
		w := p.Tokens[i].Text
		switch {
		case startsUpper(w):
		case w == "for" || w == "of" || w == "and" || w == "the" || w == "on":
		default:
			return false
		}
	}
	return true
}

// unitNumber: one to five digits, not a year.
func unitNumber(w string) bool {
	if len(w) == 0 || len(w) > 5 {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return !(len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")))
}

// countryNamed reports whether w is a country's name or one of its aliases.
func countryNamed(ents []graph.Entity, w string) bool {
	for _, e := range ents {
		if e.Type == graph.Country && (e.Name == w || slices.Contains(e.Aliases, w)) {
			return true
		}
	}
	return false
}

// demonymOf reports whether w is a state's demonym ("Peruvian"): a
// one-word alias of a country in ents, not its name or an acronym.
func demonymOf(ents []graph.Entity, w string) bool {
	for _, e := range ents {
		if e.Type == graph.Country && e.Name != w && strings.ToUpper(w) != w && slices.Contains(e.Aliases, w) {
			return true
		}
	}
	return false
}

// MergePersonNames folds the variants a document writes one person's name
// in into one entity: a listing's full form with a patronymic or middle
// name and a capitalised surname ("Iryna Mikalaeuna ZHURAUSKAYA") and the
// prose's short form ("Iryna Zhurauskaya") share their first and last
// words, in any case. The short form becomes an alias of the full one; a
// short form that fits two full names is left alone.
func MergePersonNames(x *graph.Extraction) {
	type key struct{ first, last string }
	keyOf := func(name string) (key, int) {
		w := strings.Fields(strings.ToLower(name))
		if len(w) < 2 {
			return key{}, 0
		}
		return key{w[0], w[len(w)-1]}, len(w)
	}
	full := map[key][]int{} // key → indexes of the longest forms
	for i, e := range x.Entities {
		if e.Type != graph.Person {
			continue
		}
		k, n := keyOf(e.Name)
		if n == 0 {
			continue
		}
		if cur := full[k]; len(cur) == 0 || n > len(strings.Fields(x.Entities[cur[0]].Name)) {
			full[k] = []int{i}
		} else if n == len(strings.Fields(x.Entities[cur[0]].Name)) && !strings.EqualFold(x.Entities[cur[0]].Name, e.Name) {
			full[k] = append(cur, i) // two different names of that length: ambiguous
		}
	}
	remap := map[string]string{}
	for i, e := range x.Entities {
		if e.Type != graph.Person {
			continue
		}
		k, _ := keyOf(e.Name)
		to := full[k]
		if len(to) != 1 || to[0] == i {
			continue
		}
		long := &x.Entities[to[0]]
		remap[e.ID] = long.ID
		if !slices.Contains(long.Aliases, e.Name) {
			long.Aliases = append(long.Aliases, e.Name)
		}
		long.Mentions += e.Mentions
	}
	mergeSurnames(x, remap)
	applyRemap(x, remap)
}

// mergeSurnames folds a person named only by the end of one other
// person's name into that person: "Ruiz Peña" (from "Mr. Ruiz Peña")
// into "Teodoro Ruiz Peña", "Delacroix" into "Wesner Delacroix". A
// surname that ends two people's names stays apart.
func mergeSurnames(x *graph.Extraction, remap map[string]string) {
	// people by the last word of their name, so that a document naming
	// thousands of people is read once, not once per person
	words := make([][]string, len(x.Entities))
	byLast := map[string][]int{}
	for i, e := range x.Entities {
		if e.Type == graph.Person {
			words[i] = strings.Fields(strings.ToLower(e.Name))
			if n := len(words[i]); n > 0 {
				byLast[words[i][n-1]] = append(byLast[words[i][n-1]], i)
			}
		}
	}
	for i, e := range x.Entities {
		short := words[i]
		if e.Type != graph.Person || remap[e.ID] != "" || len(short) == 0 || len([]rune(e.Name)) < 3 {
			continue
		}
		to := -1
		for _, j := range byLast[short[len(short)-1]] {
			l, long := x.Entities[j], words[j]
			if j == i || remap[l.ID] != "" || len(long) <= len(short) || !slices.Equal(long[len(long)-len(short):], short) {
				continue
			}
			if to >= 0 {
				to = -2 // two people end so
				break
			}
			to = j
		}
		if to < 0 {
			continue
		}
		long := &x.Entities[to]
		remap[e.ID] = long.ID
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if !slices.Contains(long.Aliases, a) && a != long.Name {
				long.Aliases = append(long.Aliases, a)
			}
		}
		long.Mentions += e.Mentions
	}
	for from, to := range remap { // a variant folded into a surname now folded further
		for n := 0; remap[to] != "" && remap[to] != to && n < len(remap); n++ {
			to = remap[to]
		}
		remap[from] = to
	}
}

// publicBody reports whether an organisation's name is headed by a public
// body's noun ("Ministry of Defence", "Navy", "Aerospace Forces").
func publicBody(name string) bool {
	for _, n := range nameNouns(name) {
		if publicBodyNouns[n] {
			return true
		}
	}
	return false
}

// ownerSpan returns how many tokens from k name a state or an
// organisation the extraction knows (owner; longest first, at most six),
// 0 if none does.
func ownerSpan(p *nlp.Doc, text []rune, k int, owner func(name string) bool) int {
	for n := min(6, len(p.Tokens)-k); n > 0; n-- {
		if startsUpper(p.Tokens[k+n-1].Text) && owner(string(text[p.Tokens[k].Start:p.Tokens[k+n-1].End])) {
			return n
		}
	}
	return 0
}

// namedByRecognizer reports whether the recognizer labels token k as part
// of an organisation's or a person's name.
func namedByRecognizer(p *nlp.Doc, k int) bool {
	for _, ne := range p.Ents {
		if ne.TokStart <= k && k < ne.TokEnd {
			return ne.Label == "ORG" || ne.Label == "PERSON"
		}
	}
	return false
}

// onlyInside reports whether every whole-word occurrence of short in text
// lies inside the name or an alias of one of the entities ids.
func onlyInside(text, short string, ents []graph.Entity, ids []string) bool {
	var spans [][2]int
	for _, id := range ids {
		i := indexByID(ents, id)
		if i < 0 {
			continue
		}
		for _, n := range append([]string{ents[i].Name}, ents[i].Aliases...) {
			if n == short {
				continue
			}
			for from := 0; ; {
				k := strings.Index(text[from:], n)
				if k < 0 {
					break
				}
				spans = append(spans, [2]int{from + k, from + k + len(n)})
				from += k + len(n)
			}
		}
	}
	found := false
	for from := 0; ; {
		k := strings.Index(text[from:], short)
		if k < 0 {
			break
		}
		at := from + k
		from = at + len(short)
		if at > 0 && isWordRune(rune(text[at-1])) || from < len(text) && isWordRune(rune(text[from])) {
			continue
		}
		found = true
		if !slices.ContainsFunc(spans, func(sp [2]int) bool { return at >= sp[0] && from <= sp[1] }) {
			return false
		}
	}
	return found
}

// lineStart reports whether only spaces stand between the start of the
// line and rune offset at.
func lineStart(text []rune, at int) bool {
	for k := at - 1; k >= 0; k-- {
		switch text[k] {
		case '\n':
			return true
		case ' ', '\t':
		default:
			return false
		}
	}
	return true
}

// withoutDeterminer returns the token span of a recognized name without
// the article the recognizer took in ("the Ministry of Defence").
func withoutDeterminer(p *nlp.Doc, ne nlp.Entity) (int, int) {
	ts, te := ne.TokStart, ne.TokEnd
	for ts < te && p.Tokens[ts].POS == "DET" {
		ts++
	}
	return ts, te
}

// AliasNameParts lets a person's surname written alone stand for the
// person ("Zhou Weilin" ... "Zhou is also the director"; "Arkady
// Veretin" ... "Veretin said"): the last word of the name, or the
// first where the text writes it alone and never the last (family names
// first), becomes an alias when it is a word of no other entity's name
// and the text has it standing alone, capitalised, outside a longer name.
func AliasNameParts(x *graph.Extraction, text string) {
	owners := map[string]int{} // lower-case word → entities whose name or alias has it
	for _, e := range x.Entities {
		seen := map[string]bool{}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			for _, w := range strings.Fields(strings.ToLower(n)) {
				if !seen[w] {
					seen[w] = true
					owners[w]++
				}
			}
		}
	}
	alone := func(w string) bool {
		for at := 0; ; {
			k := strings.Index(text[at:], w)
			if k < 0 {
				return false
			}
			k += at
			at = k + len(w)
			before, _ := utf8.DecodeLastRuneInString(text[:k])
			after, _ := utf8.DecodeRuneInString(text[at:])
			if k > 0 && (isWordRune(before) || before == '-') || at < len(text) && (isWordRune(after) || after == '-') {
				continue
			}
			// not inside a longer capitalised name: "Zhou Trading", "Li Zhou"
			prev := strings.Fields(text[max(0, k-40):k])
			if len(prev) > 0 && k > 0 && text[k-1] == ' ' {
				if p := prev[len(prev)-1]; startsUpper(p) && !strings.ContainsAny(p, ".,;:()\"") && !titleLike(p) {
					continue
				}
			}
			if at+1 < len(text) && text[at] == ' ' {
				if next := strings.Fields(text[at:min(len(text), at+40)]); len(next) > 0 && startsUpper(next[0]) {
					continue
				}
			}
			return true
		}
	}
	for i := range x.Entities {
		e := &x.Entities[i]
		ws := strings.Fields(e.Name)
		if e.Type != graph.Person || len(ws) < 2 {
			continue
		}
		// The last word; else, in a name of three words or more, the one
		// before it (a Spanish paternal surname: "ORTEGA" for Julio César
		// Ortega Lugo); else the first. Each as the text writes
		// it alone: as in the name, or in capitals (a legal document's
		// defendant).
		candidates := []string{ws[len(ws)-1]}
		if len(ws) >= 3 {
			candidates = append(candidates, ws[len(ws)-2])
		}
		candidates = append(candidates, ws[0])
		pick := ""
		for _, w := range candidates {
			if len([]rune(w)) < 3 || owners[strings.ToLower(w)] != 1 {
				continue
			}
			if alone(w) {
				pick = w
			} else if up := strings.ToUpper(w); up != w && alone(up) {
				pick = up
			}
			if pick != "" {
				break
			}
		}
		if pick != "" && !slices.Contains(e.Aliases, pick) {
			e.Aliases = append(e.Aliases, pick)
		}
	}
}

// titleLike reports a word that stands before a surname without being
// part of a name ("Mr", "Dr", "General").
func titleLike(w string) bool {
	return titles[strings.ToLower(strings.TrimSuffix(w, "."))]
}
