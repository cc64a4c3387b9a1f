package extract

import (
	"strings"

	"github.com/nexus-graph/nexus/graph"
)

// mentionKind says how a surface refers to its entity.
type mentionKind uint8

const (
	kName    mentionKind = iota // the name or an alias
	kDemonym                    // "Syrian" for Syria
	kCapital                    // "Damascus" for Syria (metonym)
	kPronoun                    // "It" opening a sentence, for the organisation before
)

// gEnt is a curated entity.
type gEnt struct {
	name    string
	typ     graph.EntityType
	country string
}

// pattern is one surface of a curated entity, tokenised.
type pattern struct {
	ent  int
	kind mentionKind
	toks []string // normalised surface tokens (case kept)
}

// trieNode is a node of the token trie: a multi-pattern matcher over token
// sequences that gives leftmost-longest whole-word matches.
type trieNode struct {
	next map[string]*trieNode
	pats []*pattern
}

func (n *trieNode) insert(p *pattern, lowers []string) {
	cur := n
	for _, w := range lowers {
		if cur.next == nil {
			cur.next = map[string]*trieNode{}
		}
		nx := cur.next[w]
		if nx == nil {
			nx = &trieNode{}
			cur.next[w] = nx
		}
		cur = nx
	}
	for _, q := range cur.pats {
		if q.ent == p.ent && q.kind == p.kind && strings.Join(q.toks, " ") == strings.Join(p.toks, " ") {
			return
		}
	}
	cur.pats = append(cur.pats, p)
}

// caseOK applies the case rules: an ALL-CAPS pattern word needs the same
// word in the text; a capitalised pattern word needs a capitalised word;
// lower-case pattern words match any case.
func caseOK(p *pattern, toks []token) bool {
	for i, pw := range p.toks {
		t := toks[i]
		switch {
		case isAllUpper(pw):
			if t.text != pw {
				return false
			}
		case pw != "" && isUpperRune(pw):
			if !t.cap {
				return false
			}
		}
	}
	return true
}

func isUpperRune(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z' || (r > 127 && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r))
	}
	return false
}

// match returns the longest pattern starting at toks[i] (end exclusive), or
// nil.
func (n *trieNode) match(toks []token, i int) (*pattern, int) {
	cur := n
	var best *pattern
	bestEnd := -1
	for j := i; j < len(toks); j++ {
		if cur.next == nil {
			break
		}
		nx := cur.next[toks[j].lower]
		if nx == nil {
			break
		}
		cur = nx
		for _, p := range cur.pats {
			if caseOK(p, toks[i:j+1]) {
				if best == nil || j+1 > bestEnd || (j+1 == bestEnd && p.kind < best.kind) {
					best, bestEnd = p, j+1
				}
				break
			}
		}
	}
	return best, bestEnd
}

// addPattern tokenises a surface and inserts it.
func (x *Extractor) addPattern(ent int, kind mentionKind, surface string) {
	surface = normQuotes(strings.TrimSpace(surface))
	if surface == "" {
		return
	}
	rs := []rune(surface)
	toks := x.tokenize(rs, 0, len(rs), nil)
	if len(toks) == 0 {
		return
	}
	p := &pattern{ent: ent, kind: kind}
	lowers := make([]string, len(toks))
	for i, t := range toks {
		p.toks = append(p.toks, t.text)
		lowers[i] = t.lower
	}
	x.trie.insert(p, lowers)
}
