// Package relclass is the learned side of relation extraction: a
// multinomial logistic regression over pairs of entity mentions in one
// sentence, whose features are the dependency path between them, the
// words on it, the entity types and their distance. It is trained from the
// annotated sets (cmd/nexus-train) into a small model file that the
// pipeline reads next to the frames; the two readers' confidences combine
// where they agree.
package relclass

import (
	"sort"
	"strconv"
	"strings"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/frames"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// Candidate is an ordered pair of entities named in one sentence, A first
// in the text, with the features of their connection.
type Candidate struct {
	A, B *graph.Entity
	Sent int
	// Clause is the token where the two mentions' paths meet (their
	// lowest common head), -1 when they do not.
	Clause   int
	Features []string
}

// maxPairsPerSentence bounds the work on list-like sentences.
const maxPairsPerSentence = 60

// Candidates lists the pairs of distinct entities mentioned in the same
// sentence of p, with their features.
func Candidates(p *nlp.Doc, mentions []frames.Mention, triggers map[string][]string) []Candidate {
	type named struct {
		e    *graph.Entity
		head int // the mention's syntactic head token
		ref  bool
	}
	bySent := make([][]named, len(p.Sents))
	ti := 0
	for _, m := range mentions {
		for ti < len(p.Tokens) && p.Tokens[ti].End <= m.Start {
			ti++
		}
		var toks []int
		for k := ti; k < len(p.Tokens) && p.Tokens[k].Start < m.End; k++ {
			toks = append(toks, k)
		}
		if len(toks) == 0 {
			continue
		}
		head := toks[len(toks)-1]
		for _, k := range toks {
			if h := p.Tokens[k].Head; h < toks[0] || h > toks[len(toks)-1] || h == k {
				head = k
				break
			}
		}
		s := p.Tokens[head].Sent
		bySent[s] = append(bySent[s], named{m.Entity, head, m.Reference})
	}
	var out []Candidate
	for s, ns := range bySent {
		if len(ns) < 2 {
			continue
		}
		g := newEnhanced(p, s)
		// A long sentence (a list, a table row, two sentences the parser
		// ran together) offers its closest pairs: relations are stated
		// between mentions near each other.
		type pair struct{ i, j int }
		var pairs []pair
		for i := 0; i < len(ns); i++ {
			for j := i + 1; j < len(ns); j++ {
				if ns[i].e.ID != ns[j].e.ID {
					pairs = append(pairs, pair{i, j})
				}
			}
		}
		if len(pairs) > maxPairsPerSentence {
			sort.SliceStable(pairs, func(a, b int) bool {
				return ns[pairs[a].j].head-ns[pairs[a].i].head < ns[pairs[b].j].head-ns[pairs[b].i].head
			})
			pairs = pairs[:maxPairsPerSentence]
			sort.SliceStable(pairs, func(a, b int) bool {
				return pairs[a].i < pairs[b].i || pairs[a].i == pairs[b].i && pairs[a].j < pairs[b].j
			})
		}
		for _, pr := range pairs {
			i, j := pr.i, pr.j
			feats, clause := features(p, ns[i].head, ns[j].head, ns[i].e, ns[j].e)
			feats = append(feats, enhancedFeatures(g, ns[i].head, ns[j].head, string(ns[i].e.Type)+">"+string(ns[j].e.Type), triggers)...)
			if ns[i].ref || ns[j].ref {
				feats = append(feats, "ref")
			}
			out = append(out, Candidate{A: ns[i].e, B: ns[j].e, Sent: s, Clause: clause, Features: feats})
		}
	}
	return out
}

// ancestors returns the chain from token i up to its sentence root.
func ancestors(p *nlp.Doc, i int) []int {
	chain := []int{i}
	for k := 0; k < 64; k++ {
		h := p.Tokens[i].Head
		if h == i {
			break
		}
		i = h
		chain = append(chain, i)
	}
	return chain
}

func distBucket(d int) string {
	switch {
	case d <= 2:
		return "1-2"
	case d <= 5:
		return "3-5"
	case d <= 10:
		return "6-10"
	case d <= 20:
		return "11-20"
	}
	return "21+"
}

// features describe how tokens a and b (a first) are connected, and
// return the token where their paths meet (-1: none).
func features(p *nlp.Doc, a, b int, ea, eb *graph.Entity) ([]string, int) {
	up, down := ancestors(p, a), ancestors(p, b)
	pos := map[int]int{}
	for i, t := range down {
		pos[t] = i
	}
	lca, ia, ib := -1, 0, 0
	for i, t := range up {
		if j, ok := pos[t]; ok {
			lca, ia, ib = t, i, j
			break
		}
	}
	types := string(ea.Type) + ">" + string(eb.Type)
	fs := []string{"t:" + types, "d:" + distBucket(b-a)}
	if lca < 0 {
		return append(fs, "nopath"), -1
	}
	var path, deps strings.Builder
	var words []string
	neg := false
	for _, t := range up[:ia] {
		tok := p.Tokens[t]
		path.WriteString(tok.Dep + "^ ")
		deps.WriteString(tok.Dep + "^ ")
		if t != a && (tok.POS == "VERB" || tok.POS == "NOUN" || tok.POS == "ADP") {
			words = append(words, lemma(tok))
		}
	}
	lt := p.Tokens[lca]
	path.WriteString("@" + lemma(lt) + " ")
	deps.WriteString("@" + lt.POS + " ")
	for k := ib - 1; k >= 0; k-- {
		tok := p.Tokens[down[k]]
		path.WriteString("v" + tok.Dep + " ")
		deps.WriteString("v" + tok.Dep + " ")
		if down[k] != b && (tok.POS == "VERB" || tok.POS == "NOUN" || tok.POS == "ADP") {
			words = append(words, lemma(tok))
		}
	}
	for _, t := range append(append([]int(nil), up[:ia+1]...), down[:ib]...) {
		for _, c := range p.Children(t) {
			if p.Tokens[c].Dep == "neg" {
				neg = true
			}
		}
	}
	fs = append(fs, "p:"+path.String(), "pd:"+deps.String(), "lca:"+lemma(lt), "lca+t:"+lemma(lt)+" "+types,
		"pd+t:"+deps.String()+types, "len:"+strconv.Itoa(min(ia+ib, 8)))
	for _, w := range words {
		fs = append(fs, "w:"+w)
	}
	fs = append(fs, betweenWords(p, a, b, types)...)
	if neg {
		fs = append(fs, "neg")
	}
	return fs, lca
}

func lemma(t nlp.Token) string { return strings.ToLower(t.Lemma) }

// maxBetween bounds the gap whose words describe a pair: further apart,
// the words between are about other things.
const maxBetween = 10

// betweenWords are the content words and prepositions between the
// heads of a and b in the text, with the verbs also paired with the
// types: they still say what links the two where the parse does not
// ("X, which the ministry says ships fuel to Y" parsed across clauses).
func betweenWords(p *nlp.Doc, a, b int, types string) []string {
	if b-a > maxBetween {
		return nil
	}
	var fs []string
	for k := a + 1; k < b; k++ {
		t := p.Tokens[k]
		switch t.POS {
		case "VERB":
			fs = append(fs, "bw:"+lemma(t), "bwv+t:"+lemma(t)+" "+types)
		case "NOUN", "ADP":
			fs = append(fs, "bw:"+lemma(t))
		}
	}
	return fs
}
