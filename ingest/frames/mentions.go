package frames

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// FindMentions locates every occurrence of each entity's name and aliases
// in text (case as written, whole words), in rune offsets, in text order.
// Where two surfaces overlap, the longer one is kept, so mentions never
// overlap. Documents run to megabytes and entities to thousands, so the
// text is read once: at each word, only the surfaces that begin with that
// word are tried.
func FindMentions(text string, ents []graph.Entity) []Mention {
	type surface struct {
		s string
		e *graph.Entity
	}
	byFirst := map[string][]surface{} // first word → surfaces
	for i := range ents {
		e := &ents[i]
		for _, sf := range append([]string{e.Name}, e.Aliases...) {
			if utf8.RuneCountInString(sf) < 2 {
				continue
			}
			w := firstWord(sf)
			byFirst[w] = append(byFirst[w], surface{sf, e})
		}
	}
	var runeAt []int // byte offset → rune offset, built on the first hit
	var out []Mention
	prevWord := false
	for b, r := range text {
		word := isWordRune(r)
		start := word && !prevWord
		prevWord = word
		if !start && word {
			continue
		}
		// At a word start, surfaces beginning with that word; elsewhere
		// (punctuation) surfaces beginning with that character.
		key := firstWord(text[b:])
		for _, sf := range byFirst[key] {
			end := b + len(sf.s)
			if !strings.HasPrefix(text[b:], sf.s) {
				continue
			}
			if after, _ := utf8.DecodeRuneInString(text[end:]); end < len(text) && isWordRune(after) {
				continue
			}
			if !word { // a surface opening with punctuation still needs a boundary before it
				if before, _ := utf8.DecodeLastRuneInString(text[:b]); b > 0 && isWordRune(before) {
					continue
				}
			}
			if runeAt == nil {
				runeAt = runeOffsets(text)
			}
			out = append(out, Mention{Entity: sf.e, Start: runeAt[b], End: runeAt[end]})
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

// firstWord is the run of letters and digits s begins with, or its first
// character when it begins with anything else.
func firstWord(s string) string {
	for i, r := range s {
		if !isWordRune(r) {
			if i == 0 {
				return s[:utf8.RuneLen(r)]
			}
			return s[:i]
		}
	}
	return s
}

// runeOffsets maps every byte offset of text (and len(text)) to the rune
// offset it falls in.
func runeOffsets(text string) []int {
	at := make([]int, len(text)+1)
	r := 0
	for b := range text {
		for k := b; k < len(text) && (k == b || !utf8.RuneStart(text[k])); k++ {
			at[k] = r
		}
		r++
	}
	at[len(text)] = r
	return at
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tokenSpan returns the tokens of p that lie within [start, end) in rune
// offsets, as the half-open index range [lo, hi) (tokens are in text order).
func tokenSpan(p *nlp.Doc, start, end int) (int, int) {
	lo := sort.Search(len(p.Tokens), func(i int) bool { return p.Tokens[i].Start >= start })
	hi := lo
	for hi < len(p.Tokens) && p.Tokens[hi].End <= end {
		hi++
	}
	return lo, hi
}
