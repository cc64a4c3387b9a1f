package frames

import (
	"sort"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
)

// FindMentions locates every occurrence of each entity's name and aliases
// in text (case as written, whole words), in rune offsets, in text order.
// Where two surfaces overlap, the longer one is kept.
func FindMentions(text string, ents []graph.Entity) []Mention {
	rs := []rune(text)
	var out []Mention
	for i := range ents {
		e := &ents[i]
		for _, surface := range append([]string{e.Name}, e.Aliases...) {
			sr := []rune(surface)
			if len(sr) < 2 {
				continue
			}
			for start := 0; start+len(sr) <= len(rs); {
				k := indexRunes(rs[start:], sr)
				if k < 0 {
					break
				}
				s, end := start+k, start+k+len(sr)
				if (s == 0 || !isWordRune(rs[s-1])) && (end == len(rs) || !isWordRune(rs[end])) {
					out = append(out, Mention{Entity: e, Start: s, End: end})
				}
				start = s + 1
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Start != out[b].Start {
			return out[a].Start < out[b].Start
		}
		return out[a].End > out[b].End
	})
	var kept []Mention
	for _, m := range out {
		if n := len(kept); n > 0 && m.Start < kept[n-1].End {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func indexRunes(hay, needle []rune) int {
	if len(needle) == 0 {
		return 0
	}
	first := needle[0]
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		if hay[i] != first {
			continue
		}
		for j := 1; j < len(needle); j++ {
			if hay[i+j] != needle[j] {
				continue outer
			}
		}
		return i
	}
	return -1
}

// Merge adds relations read from frames to those extraction found: a
// relation already there gains the new sentence as evidence (if it has not
// got it), a new one is appended. Order is kept, so the same input always
// gives the same output.
func Merge(rels, extra []graph.Relation) []graph.Relation {
	at := make(map[string]int, len(rels))
	for i, r := range rels {
		at[r.ID] = i
	}
	for _, x := range extra {
		i, ok := at[x.ID]
		if !ok {
			at[x.ID] = len(rels)
			rels = append(rels, x)
			continue
		}
		r := &rels[i]
		for _, ev := range x.Evidence {
			dup := false
			for _, have := range r.Evidence {
				// The same sentence, whatever each reader took for its edges.
				if have.DocumentID == ev.DocumentID && ev.Start < max(have.End, have.Start+1) && have.Start < max(ev.End, ev.Start+1) {
					dup = true
					break
				}
			}
			if !dup {
				r.Evidence = append(r.Evidence, ev)
			}
		}
		// Two readers agreeing is stronger than either alone.
		r.Confidence = 1 - (1-r.Confidence)*(1-x.Confidence)
	}
	return rels
}
