package frames

import (
	"slices"
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// unitHeads end the name of a numbered body: "Unit 190", "Combined Task
// Force 150", "Bureau 121", "Office 39".
var unitHeads = map[string]bool{"unit": true, "brigade": true, "division": true, "regiment": true,
	"battalion": true, "squadron": true, "force": true, "corps": true, "fleet": true, "wing": true,
	"bureau": true, "office": true, "department": true, "directorate": true, "room": true, "base": true}

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
	for i, e := range x.Entities {
		byName[e.Name] = i
	}
	longOf := map[string][]string{} // short entity id → long entity ids
	addLong := func(name string, typ graph.EntityType) string {
		if i, ok := byName[name]; ok {
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
		ts, te := ne.TokStart, ne.TokEnd
		for ts < te && p.Tokens[ts].POS == "DET" {
			ts++
		}
		for te > ts && (p.Tokens[te-1].Tag == "POS" || p.Tokens[te-1].POS == "PUNCT") {
			te--
		}
		// "Peruvian National Police", "Belgian Federal Police": a state's
		// demonym opening a body's capitalised name (the token rules read
		// the demonym as the state and stop).
		if te-ts >= 3 && demonymOf(x.Entities, p.Tokens[ts].Text) && nameTail(p, ts+1, te) && startsUpper(p.Tokens[ts+1].Text) {
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
	remap := map[string]string{}
	for sid, longs := range longOf {
		if len(longs) != 1 {
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
	applyRemap(x, remap)
}
