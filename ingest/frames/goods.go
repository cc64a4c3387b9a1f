package frames

import (
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// maxGoodsModifiers bounds the words a goods noun's name takes before it.
const maxGoodsModifiers = 4

// AddGoods adds, as items, the classes of goods the text names with a
// common noun whose head is one of words.yaml's goods nouns, with the
// modifiers that say what the goods are ("turbojet engines", "urea",
// "40mm grenades"). Seizures and makers name goods this way far more
// often than by a model name, and a relation needs the class as its
// target. A class that no relation takes is dropped again after the
// readers (dropPassingItems), so naming one costs nothing.
// A head glued to a name ("Kh-101 missiles") is left alone: the name
// says what the goods are.
func AddGoods(x *graph.Extraction, p *nlp.Doc) {
	known := map[string]bool{}
	for _, e := range x.Entities {
		known[strings.ToLower(e.Name)] = true
		for _, a := range e.Aliases {
			known[strings.ToLower(a)] = true
		}
	}
	// Tokens inside a known name; a class of goods ("drone" in "drone
	// motors") may modify another.
	named := make([]bool, len(p.Tokens))
	for _, m := range FindMentions(p.Text, x.Entities) {
		if m.Entity.Type == graph.Item && strings.ToLower(m.Entity.Name) == m.Entity.Name {
			continue
		}
		lo, hi := tokenSpan(p, m.Start, m.End)
		for k := lo; k < hi; k++ {
			named[k] = true
		}
	}
	for i, t := range p.Tokens {
		if t.POS != "NOUN" || nameLabel(t.EntType) || named[i] || !goodsNouns[strings.ToLower(t.Lemma)] || !lowerWord(t.Text) {
			continue
		}
		// A noun that modifies another ("engine parts", "fuel tanks") is
		// not the goods the phrase names.
		if t.Dep == "compound" {
			continue
		}
		start, ok := goodsModifiers(p, i, named)
		if !ok || start == i && anaphoric(p, i) {
			continue
		}
		name := p.Text[p.Tokens[start].ByteStart:t.ByteEnd]
		if strings.ContainsAny(name, "\n\r") || known[strings.ToLower(name)] {
			continue
		}
		if addNew(x, name, graph.Item) >= 0 {
			known[strings.ToLower(name)] = true
		}
	}
}

// goodsModifiers returns where the name of the goods headed by token i
// starts: the lower-case compounds and adjectives right before it,
// without the qualifiers that only count or judge. ok is false when a
// modifier is a name or part of one (named marks the tokens of known
// names).
func goodsModifiers(p *nlp.Doc, i int, named []bool) (start int, ok bool) {
	start = i
	for k := i - 1; k >= 0 && i-k <= maxGoodsModifiers; k-- {
		m := p.Tokens[k]
		if m.Sent != p.Tokens[i].Sent || m.Head < k || m.Head > i {
			break
		}
		if m.Text == "-" {
			// "four-stroke", "fixed-wing": the parser splits some
			// hyphenated words and hangs their first half anywhere
			if k == 0 || p.Tokens[k-1].ByteEnd != m.ByteStart || p.Tokens[k+1].ByteStart != m.ByteEnd {
				break
			}
			w := p.Tokens[k-1]
			if named[k-1] || nameLabel(w.EntType) || !lowerWord(w.Text) && !isAcronym(w.Text) {
				return start, false
			}
			k--
			start = k
			continue
		}
		if m.Dep != "compound" && m.Dep != "amod" && !(m.Dep == "nmod" && m.POS == "NOUN") {
			break
		}
		// an acronym is a technical term ("GNSS receivers") unless the
		// text or the recognizer takes it for a party's name
		if named[k] || partyLabel(m.EntType) || !isAcronym(m.Text) && (nameLabel(m.EntType) || m.POS == "PROPN") {
			return start, false
		}
		// a gerund is an action ("earned its reputation shipping fuel"), not a kind
		if !lowerWord(m.Text) && !isAcronym(m.Text) || goodsQualifiers[strings.ToLower(m.Text)] || m.Tag == "VBG" {
			break
		}
		start = k
	}
	if start < i && p.Tokens[start].Text == "-" {
		start++
	}
	// a name further left in the phrase ("the Korsak-7 one-way attack
	// drone") says what the goods are, however many modifiers stand between
	for k := start - 1; k >= 0 && p.Tokens[k].Sent == p.Tokens[i].Sent && p.Tokens[k].Head >= start && p.Tokens[k].Head <= i; k-- {
		if named[k] || nameLabel(p.Tokens[k].EntType) || p.Tokens[k].POS == "PROPN" {
			return start, false
		}
	}
	return start, true
}

// nameLabel reports whether the recognizer's label ent marks a name
// (not a number, a quantity or a date).
func nameLabel(ent string) bool {
	switch ent {
	case "", "CARDINAL", "ORDINAL", "QUANTITY", "DATE", "TIME", "PERCENT", "MONEY":
		return false
	}
	return true
}

// partyLabel reports whether the recognizer's label ent marks a party
// or a place.
func partyLabel(ent string) bool {
	switch ent {
	case "ORG", "GPE", "PERSON", "LOC", "FAC":
		return true
	}
	return false
}

// anaphoric reports whether the goods noun i, with no modifier, stands
// after a definite or possessive determiner: "the vehicles", "its
// engines" point back to goods named before, not to a class of their own.
func anaphoric(p *nlp.Doc, i int) bool {
	if i == 0 || p.Tokens[i-1].Head != i {
		return false
	}
	switch strings.ToLower(p.Tokens[i-1].Text) {
	case "the", "this", "these", "that", "those", "its", "their", "his", "her":
		return true
	}
	return false
}

// lowerWord reports a word written in lower case (digits and hyphens
// allowed: "40mm", "fixed-wing"), with at least one letter.
func lowerWord(w string) bool {
	letter := false
	for _, r := range w {
		if unicode.IsUpper(r) {
			return false
		}
		letter = letter || unicode.IsLetter(r)
	}
	return letter
}
