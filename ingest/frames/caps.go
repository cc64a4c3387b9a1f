package frames

import (
	"slices"
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// CapsPersons adds the people a document names in capitals ("HAMID YUSUF
// KASSAB" heading a profile, "defendant ODRIC PAUL VILBRUN"): the
// recognizer, trained on mixed case, misses them. A run of two to four
// capitalised words of letters is a person when none of its words belongs
// to a heading, a legal form or a description, no entity already has that
// name, and the document also writes its last word in mixed case as a
// person's or a subject ("Kassab is a Beirut-based businessman") or alone
// in capitals twice ("VILBRUN wrote to DESLANDES"). The person is named
// in mixed case; the capitals and, when no other such person shares it,
// the surname are its aliases. A shorter person the recognizer read inside
// the run ("YUSUF KASSAB") is folded into it.
func CapsPersons(x *graph.Extraction, p *nlp.Doc) {
	text := []rune(p.Text)
	names := map[string]bool{}
	for _, e := range x.Entities {
		names[strings.ToLower(e.Name)] = true
		for _, a := range e.Aliases {
			names[strings.ToLower(a)] = true
		}
	}
	// words of people's names written in mixed case
	proper := map[string]bool{}
	for _, ne := range p.Ents {
		if ne.Label != "PERSON" {
			continue
		}
		for k := ne.TokStart; k < ne.TokEnd; k++ {
			if t := p.Tokens[k]; startsUpper(t.Text) && strings.ToUpper(t.Text) != t.Text {
				proper[t.Text] = true
			}
		}
	}
	// or a bare proper noun as a subject ("Halabi is a senior official"),
	// not "The Indictment charges"
	for i, t := range p.Tokens {
		if t.POS == "PROPN" && (t.Dep == "nsubj" || t.Dep == "nsubjpass") && startsUpper(t.Text) && strings.ToUpper(t.Text) != t.Text &&
			!slices.ContainsFunc(p.Children(i), func(c int) bool { return p.Tokens[c].Dep == "det" }) {
			proper[t.Text] = true
		}
	}
	type found struct{ caps, name, surname string }
	var runs []found
	surnames := map[string]int{}
	words := capsRuns(text)
	// surnames a legal document writes alone in capitals ("VILBRUN
	// wrote to DESLANDES"), twice or more
	alone := map[string]int{}
	for _, run := range words {
		if len(run) == 1 && len([]rune(run[0])) >= 5 {
			alone[run[0]]++
		}
	}
	for _, run := range words {
		for len(run) > 0 && labelWords[strings.ToLower(run[0])] {
			run = run[1:]
		}
		if len(run) < 2 || len(run) > 4 {
			continue
		}
		ok := true
		var mixed []string
		for _, w := range run {
			low := strings.ToLower(w)
			if len([]rune(w)) < 2 || headingWords[low] || isSuffix(w) || len(nameNouns(w)) > 0 {
				ok = false
				break
			}
			mixed = append(mixed, titleCase(w))
		}
		if !ok {
			continue
		}
		caps := strings.Join(run, " ")
		name := strings.Join(mixed, " ")
		surname := mixed[len(mixed)-1]
		last := run[len(run)-1]
		if names[strings.ToLower(caps)] || !proper[surname] && alone[last] < 2 {
			continue
		}
		if !proper[surname] {
			surname = last // the document's own spelling of it
		}
		if !slices.ContainsFunc(runs, func(f found) bool { return f.caps == caps }) {
			runs = append(runs, found{caps, name, surname})
			surnames[surname]++
		}
	}
	remap := map[string]string{}
	for _, f := range runs {
		id := graph.EntityID(f.name)
		if id == "" || indexByID(x.Entities, id) >= 0 {
			continue
		}
		e := graph.Entity{ID: id, Name: f.name, Type: graph.Person, Aliases: []string{f.caps}, Mentions: 1}
		if surnames[f.surname] == 1 && !names[strings.ToLower(f.surname)] {
			e.Aliases = append(e.Aliases, f.surname)
		}
		for _, o := range x.Entities {
			if o.Type == graph.Person && strings.Contains(" "+strings.ToLower(f.caps)+" ", " "+strings.ToLower(o.Name)+" ") {
				remap[o.ID] = id
			}
		}
		x.Entities = append(x.Entities, e)
	}
	applyRemap(x, remap)
}

// capsRuns splits text into runs of consecutive upper-case words on one
// line (letters, apostrophes and hyphens; a word of one letter ends a run).
func capsRuns(text []rune) [][]string {
	var out [][]string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	for i := 0; i < len(text); {
		if !unicode.IsLetter(text[i]) {
			if text[i] != ' ' {
				flush()
			}
			i++
			continue
		}
		j := i
		for j < len(text) && (unicode.IsLetter(text[j]) || text[j] == '\'' || text[j] == '-') {
			j++
		}
		w := string(text[i:j])
		if strings.ToUpper(w) == w && unicode.IsUpper(text[i]) {
			cur = append(cur, strings.TrimRight(w, "'-"))
		} else {
			flush()
		}
		i = j
	}
	flush()
	return out
}

// titleCase writes a capitalised word in mixed case: "KASSAB" → "Kassab",
// "AL-ZAYTAR" → "Al-Zaytar".
func titleCase(w string) string {
	parts := strings.Split(strings.ToLower(w), "-")
	for i, p := range parts {
		r := []rune(p)
		if len(r) > 0 {
			r[0] = unicode.ToUpper(r[0])
		}
		parts[i] = string(r)
	}
	return strings.Join(parts, "-")
}
