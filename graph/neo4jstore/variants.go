package neo4jstore

import (
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
)

// Spelling and transliteration variants. Names from Arabic, Persian and
// Korean reach English texts in several spellings (Hizballah, Hizbullah,
// Hezbollah; Qods, Quds; al-Assad, Assad). A search that finds fewer hits
// than asked asks the full-text index again with fuzzy terms, and keeps a
// candidate only when one of its names has the same consonant skeleton as
// the query: candidate retrieval stays in the index, precision in the
// skeleton.

// articles are Arabic article spellings dropped from names before
// comparing ("al-Assad" is "Assad"), when something else is left.
var articles = map[string]bool{"al": true, "el": true, "ul": true, "ad": true, "an": true, "ar": true,
	"as": true, "ash": true, "at": true, "az": true}

// nameTerms splits a name into lower-case letter and digit runs, without
// diacritics and without leading articles.
func nameTerms(s string) []string {
	terms := strings.Split(graph.EntityID(s), "-")
	out := terms[:0]
	for _, t := range terms {
		if t != "" {
			out = append(out, t)
		}
	}
	kept := make([]string, 0, len(out))
	for _, t := range out {
		if !articles[t] {
			kept = append(kept, t)
		}
	}
	if len(kept) == 0 {
		return out
	}
	return kept
}

// skeleton reduces a term to what its transliterations share: q is k, ph
// is f, ou is u, y is i, vowels after the first letter go, a first vowel
// is a, doubled letters are one ("hizballah", "hezbollah" -> "hzblh";
// "qods", "quds" -> "kds"; "assad" -> "asd").
func skeleton(term string) string {
	t := strings.NewReplacer("ph", "f", "ou", "u", "ck", "k", "q", "k", "y", "i", "w", "u").Replace(term)
	var b strings.Builder
	var last rune
	for i, r := range t {
		vowel := strings.ContainsRune("aeiou", r)
		switch {
		case i == 0 && vowel:
			r = 'a'
		case vowel:
			continue
		}
		if r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// variantOf reports whether name is a spelling variant of the query
// terms: every query term's skeleton is the skeleton of one of the
// name's terms, the last query term possibly a prefix (typing goes on).
func variantOf(query []string, name string) bool {
	if len(query) == 0 {
		return false
	}
	var terms []string
	for _, t := range nameTerms(name) {
		terms = append(terms, skeleton(t))
	}
	raw := nameTerms(name)
	for i, q := range query {
		sq := skeleton(q)
		found := false
		for j, t := range terms {
			// a skeleton of one or two letters says too little ("komi" and "kom"
			// are both "km"): such a term must be spelled as in the name
			if len(sq) < 3 {
				found = raw[j] == q || i == len(query)-1 && strings.HasPrefix(raw[j], q)
			} else {
				found = t == sq || i == len(query)-1 && strings.HasPrefix(t, sq)
			}
			if found {
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// fuzzyQuery is the Lucene query that retrieves variant candidates: each
// term within one or two edits by its length (short terms exact), the
// last also as a prefix. Empty when no term is long enough to vary.
func fuzzyQuery(terms []string) string {
	var b strings.Builder
	fuzzy := false
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		edits := 0
		switch n := len([]rune(t)); {
		case n >= 7:
			edits = 2
		case n >= 4:
			edits = 1
		}
		e := escapeLucene(t)
		var term string
		switch {
		case edits > 0 && i == len(terms)-1:
			term = "(" + e + "~" + string(rune('0'+edits)) + " " + e + "*)"
		case edits > 0:
			term = e + "~" + string(rune('0'+edits))
		case i == len(terms)-1:
			term = e + "*"
		default:
			term = e
		}
		fuzzy = fuzzy || edits > 0
		b.WriteString("+" + term)
	}
	if !fuzzy {
		return ""
	}
	return b.String()
}

// queryTerms are the query's terms as nameTerms makes them, but split on
// what luceneQuery splits on.
func queryTerms(text string) []string {
	return nameTerms(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, text))
}

// matchedAlias returns the alias of e the normalised query want names (an
// alias equal to it, or starting with it), or "".
func matchedAlias(want string, e graph.Entity) string {
	prefix := ""
	for _, a := range e.Aliases {
		n := graph.EntityID(a)
		if n == want {
			return a
		}
		if prefix == "" && want != "" && strings.HasPrefix(n, want) {
			prefix = a
		}
	}
	return prefix
}

// variantName returns e's name or alias that is a spelling variant of the
// query terms, the one with the fewest other terms, or "".
func variantName(terms []string, e graph.Entity) string {
	best, extra := "", 0
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if !variantOf(terms, n) {
			continue
		}
		if x := len(nameTerms(n)) - len(terms); best == "" || x < extra {
			best, extra = n, x
		}
	}
	return best
}
