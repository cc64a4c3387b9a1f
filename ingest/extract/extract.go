// Package extract turns document text into entities and typed relations
// with evidence sentences, using a curated gazetteer, capitalisation rules
// and a trigger lexicon (see package seeds for the data).
package extract

import (
	"math"
	"slices"
	"sort"
	"strconv"

	"github.com/nexus-graph/nexus/graph"
)

// MentionedWithConfidence is the confidence of co-occurrence relations.
const MentionedWithConfidence = 0.2

type relAcc struct {
	rel      graph.Relation
	items    map[string]bool
	years    map[int]bool
	rules    []string
	evidence map[string]int // evidence key → index
}

// Extract finds entities and relations in doc.Text. Every Evidence carries
// doc.ID; offsets are in runes into doc.Text.
func (x *Extractor) Extract(doc graph.Document) graph.Extraction {
	orig := []rune(doc.Text)
	nr := make([]rune, len(orig))
	for i, r := range orig {
		nr[i] = normRune(r)
	}
	d := &docState{x: x, nr: nr, ents: map[string]*docEnt{}, learned: map[string]learnedEnt{}}
	d.sents = x.segment(nr)
	d.recTypes = recordTypes(nr)
	if slices.Contains(nr, '|') {
		lines, starts := docLines(nr)
		var types map[string]graph.EntityType
		d.tableRows, _, types = pipeTables(lines, starts)
		for n, t := range types {
			if d.recTypes == nil {
				d.recTypes = map[string]graph.EntityType{}
			}
			if _, ok := d.recTypes[n]; !ok {
				d.recTypes[n] = t
			}
		}
	}
	d.ment = make([][]mention, len(d.sents))
	for si := range d.sents {
		d.findMentions(si, false)
	}
	for si := range d.sents {
		d.ment[si] = d.findMentions(si, true)
	}
	d.resolveGenericItems()
	idCache := map[string]string{}
	entityID := func(name string) string {
		id, ok := idCache[name]
		if !ok {
			id = graph.EntityID(name)
			idCache[name] = id
		}
		return id
	}
	sentText := make([]string, len(d.sents))
	accs := map[string]*relAcc{}
	var order []string
	add := func(r rel, si int, years []int) {
		gr := graph.Relation{Source: entityID(r.src), Target: entityID(r.tgt), Type: r.typ}.Canonical()
		a := accs[gr.ID]
		if a == nil {
			a = &relAcc{rel: gr, items: map[string]bool{}, years: map[int]bool{}, evidence: map[string]int{}}
			accs[gr.ID] = a
			order = append(order, gr.ID)
		}
		s := d.sents[si]
		if sentText[si] == "" {
			sentText[si] = string(orig[s.start:s.end])
		}
		ev := graph.Evidence{DocumentID: doc.ID, Sentence: sentText[si], Start: s.start, End: s.end, Rule: r.rule, Confidence: round3(r.conf)}
		if r.hasTrigger {
			ev.Trigger = string(orig[r.trigS:r.trigE])
			ev.TriggerStart, ev.TriggerEnd = r.trigS, r.trigE
		}
		k := ev.Key()
		if idx, ok := a.evidence[k]; ok {
			if ev.Confidence > a.rel.Evidence[idx].Confidence {
				a.rel.Evidence[idx] = ev
			}
		} else {
			a.evidence[k] = len(a.rel.Evidence)
			a.rel.Evidence = append(a.rel.Evidence, ev)
		}
		for _, it := range r.items {
			a.items[it] = true
		}
		if r.typ != graph.MentionedWith {
			for _, y := range years {
				a.years[y] = true
			}
		}
		seen := false
		for _, q := range a.rules {
			if q == r.rule {
				seen = true
			}
		}
		if !seen {
			a.rules = append(a.rules, r.rule)
		}
	}
	for si := range d.sents {
		rels := d.relations(si)
		var years []int
		if len(rels) > 0 {
			years = sentenceYears(d.sents[si].toks)
		}
		typed := map[[2]string]bool{}
		for _, r := range rels {
			add(r, si, years)
			typed[[2]string{r.src, r.tgt}] = true
			typed[[2]string{r.tgt, r.src}] = true
		}
		// co-occurrence
		ms := d.ment[si]
		seen := map[string]bool{}
		var names []string
		for _, m := range ms {
			if !seen[m.ent] {
				seen[m.ent] = true
				names = append(names, m.ent)
			}
		}
		for a := 0; a < len(names); a++ {
			for b := a + 1; b < len(names); b++ {
				if typed[[2]string{names[a], names[b]}] || entityID(names[a]) == entityID(names[b]) {
					continue
				}
				add(rel{src: names[a], tgt: names[b], typ: graph.MentionedWith, rule: "co-occurrence", conf: MentionedWithConfidence}, si, nil)
			}
		}
	}
	out := graph.Extraction{Documents: []graph.Document{doc}}
	// entities
	var ents []*docEnt
	for _, e := range d.ents {
		if e.mentions > 0 && !x.unlisted[e.name] {
			ents = append(ents, e)
		}
	}
	sort.Slice(ents, func(a, b int) bool { return ents[a].name < ents[b].name })
	ids := map[string]bool{}
	for _, e := range ents {
		id := entityID(e.name)
		if id == "" || ids[id] {
			continue
		}
		ids[id] = true
		ge := graph.Entity{ID: id, Name: e.name, Type: e.typ, Mentions: e.mentions}
		if len(e.aliases) > 0 {
			ge.Aliases = append([]string(nil), e.aliases...)
			sort.Strings(ge.Aliases)
		}
		if e.country != "" {
			ge.Properties = map[string]any{"country": e.country}
		}
		out.Entities = append(out.Entities, ge)
	}
	// relations
	for _, id := range order {
		a := accs[id]
		r := a.rel
		if !ids[r.Source] || !ids[r.Target] {
			continue
		}
		p := 1.0
		for _, ev := range r.Evidence {
			p *= 1 - ev.Confidence
		}
		r.Confidence = round3(math.Min(0.99, 1-p))
		sort.Slice(r.Evidence, func(i, j int) bool { return r.Evidence[i].Start < r.Evidence[j].Start })
		props := map[string]any{"rule": a.rules[0]}
		if len(a.rules) > 1 {
			props["rules"] = a.rules
		}
		if len(a.items) > 0 {
			var items []string
			for it := range a.items {
				items = append(items, it)
			}
			sort.Strings(items)
			props["items"] = items
		}
		if len(a.years) > 0 {
			var ys []int
			for y := range a.years {
				ys = append(ys, y)
			}
			sort.Ints(ys)
			props["years"] = ys
		}
		r.Properties = props
		out.Relations = append(out.Relations, r)
	}
	slices.SortFunc(out.Relations, graph.CompareRelations)
	return out
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// sentenceYears finds years (1900–2099), ranges ("2012-2017", "1980-88")
// and decades ("the 1980s") in a sentence.
func sentenceYears(toks []token) []int {
	var out []int
	seen := map[int]bool{}
	addY := func(y int) {
		if !seen[y] {
			seen[y] = true
			out = append(out, y)
		}
	}
	for i, t := range toks {
		if t.kind != tNum {
			continue
		}
		txt := t.text
		decade := false
		if len(txt) == 5 && txt[4] == 's' {
			txt, decade = txt[:4], true
		}
		if len(txt) != 4 {
			continue
		}
		y, err := strconv.Atoi(txt)
		if err != nil || y < 1900 || y > 2099 {
			continue
		}
		if decade {
			addY(y)
			continue
		}
		if i+2 < len(toks) && (toks[i+1].text == "-" || toks[i+1].text == "–" || toks[i+1].lower == "to") && toks[i+2].kind == tNum {
			if y2, err := strconv.Atoi(toks[i+2].text); err == nil {
				if y2 < 100 {
					y2 += y / 100 * 100
				}
				if y2 > y && y2-y <= 50 {
					for k := y; k <= y2; k++ {
						addY(k)
					}
					continue
				}
			}
		}
		addY(y)
	}
	sort.Ints(out)
	return out
}
