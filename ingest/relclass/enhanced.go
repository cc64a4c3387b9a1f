package relclass

import (
	"strings"

	"github.com/nexus-graph/nexus/ingest/nlp"
)

// A sentence's basic dependency tree puts many relations far apart: "Orion,
// a firm that the Treasury designated" joins Orion and the Treasury through
// an apposition and a relative clause. The enhanced graph adds the edges the
// sentence implies (in the spirit of Universal Dependencies' enhanced
// representation), so the shortest path between two mentions is the same
// short path whichever way the sentence is built:
//
//   - an apposition is its head ("Orion, a firm" is one node);
//   - a relative clause's verb takes its antecedent in the relativizer's role
//     (or the missing subject or object of a reduced clause);
//   - a participle modifying a noun takes it as subject ("a firm owned by");
//   - conjuncts share their first member's head and role, and a verb joined
//     to another, or controlled by it (xcomp), shares its subject.

type edge struct {
	to   int
	dep  string
	down bool // from head to dependent
}

// enhanced is the graph of one sentence: tokens from lo to hi (exclusive).
type enhanced struct {
	p      *nlp.Doc
	lo, hi int
	rep    []int // per token in [lo, hi): the node that stands for it
	adj    [][]edge
}

func newEnhanced(p *nlp.Doc, sent int) *enhanced {
	lo, hi := p.Sents[sent].TokStart, p.Sents[sent].TokEnd
	g := &enhanced{p: p, lo: lo, hi: hi, rep: make([]int, hi-lo), adj: make([][]edge, hi-lo)}
	for i := lo; i < hi; i++ {
		r := i
		for k := 0; k < 8 && p.Tokens[r].Dep == "appos" && p.Tokens[r].Head != r; k++ {
			r = p.Tokens[r].Head
		}
		g.rep[i-lo] = r
	}
	kids := make([][]int, hi-lo)
	for i := lo; i < hi; i++ {
		if h := p.Tokens[i].Head; h != i && h >= lo && h < hi {
			kids[h-lo] = append(kids[h-lo], i)
		}
	}
	hasDep := func(v int, deps ...string) int {
		for _, c := range kids[v-lo] {
			for _, d := range deps {
				if p.Tokens[c].Dep == d {
					return c
				}
			}
		}
		return -1
	}
	for i := lo; i < hi; i++ {
		t := p.Tokens[i]
		h := t.Head
		if h == i || h < lo || h >= hi {
			continue
		}
		// The implied edges go first: where both reach a node, the shortest
		// path takes the one that says the role ("dobj^ @designate", not
		// "vrelcl @designate").
		switch t.Dep {
		case "relcl":
			role := ""
			for _, c := range kids[i-lo] {
				if isRelativizer(p.Tokens[c]) {
					role = p.Tokens[c].Dep
					if role == "pobj" || role == "poss" {
						role = "" // "to which", "whose": the antecedent is not an argument of the verb
					}
					break
				}
			}
			if role == "" && hasDep(i, "nsubj", "nsubjpass") < 0 {
				role = "nsubj"
				if hasDep(i, "auxpass") >= 0 {
					role = "nsubjpass"
				}
			} else if role == "" && hasDep(i, "dobj") < 0 && hasDep(i, "prep") < 0 {
				role = "dobj"
			}
			if role != "" {
				g.link(i, h, role)
			}
		case "acl":
			switch t.Tag {
			case "VBN":
				g.link(i, h, "nsubjpass")
			case "VBG":
				g.link(i, h, "nsubj")
			}
		case "conj":
			ht := p.Tokens[h]
			if isVerb(ht) && isVerb(t) {
				if hasDep(i, "nsubj", "nsubjpass") < 0 {
					if s := hasDep(h, "nsubj", "nsubjpass"); s >= 0 {
						g.link(i, s, p.Tokens[s].Dep)
					}
				}
			} else if hh := ht.Head; hh != h && hh >= lo && hh < hi {
				g.link(hh, i, ht.Dep)
			}
		case "xcomp":
			if hasDep(i, "nsubj", "nsubjpass") < 0 {
				if s := hasDep(h, "nsubj"); s >= 0 {
					g.link(i, s, "nsubj")
				}
			}
		}
		g.link(h, i, t.Dep)
	}
	return g
}

func isVerb(t nlp.Token) bool { return t.POS == "VERB" || t.POS == "AUX" }

func isRelativizer(t nlp.Token) bool {
	switch t.Tag {
	case "WDT", "WP", "WP$":
		return true
	}
	return false
}

// link adds head →dep→ child between the nodes standing for them.
func (g *enhanced) link(head, child int, dep string) {
	a, b := g.rep[head-g.lo], g.rep[child-g.lo]
	if a == b || dep == "punct" {
		return
	}
	for _, e := range g.adj[a-g.lo] {
		if e.to == b && e.dep == dep {
			return
		}
	}
	g.adj[a-g.lo] = append(g.adj[a-g.lo], edge{to: b, dep: dep, down: true})
	g.adj[b-g.lo] = append(g.adj[b-g.lo], edge{to: a, dep: dep, down: false})
}

// path returns the shortest path from token a to token b as steps, nil when
// they are not connected or are the same node.
func (g *enhanced) path(a, b int) []pathStep {
	ra, rb := g.rep[a-g.lo], g.rep[b-g.lo]
	if ra == rb {
		return nil
	}
	prev := make([]int, g.hi-g.lo)
	via := make([]edge, g.hi-g.lo)
	for i := range prev {
		prev[i] = -2
	}
	prev[ra-g.lo] = -1
	queue := []int{ra}
	for len(queue) > 0 && prev[rb-g.lo] == -2 {
		u := queue[0]
		queue = queue[1:]
		for _, e := range g.adj[u-g.lo] {
			if prev[e.to-g.lo] == -2 {
				prev[e.to-g.lo] = u
				via[e.to-g.lo] = e
				queue = append(queue, e.to)
			}
		}
	}
	if prev[rb-g.lo] == -2 {
		return nil
	}
	var steps []pathStep
	for v := rb; v != ra; v = prev[v-g.lo] {
		steps = append(steps, pathStep{node: v, edge: via[v-g.lo]})
	}
	for i, j := 0, len(steps)-1; i < j; i, j = i+1, j-1 {
		steps[i], steps[j] = steps[j], steps[i]
	}
	return steps
}

// pathStep is one edge of a path and the node it reaches.
type pathStep struct {
	node int
	edge edge
}

// maxEnhancedSteps: longer paths rarely state a relation and their
// features never repeat.
const maxEnhancedSteps = 6

// enhancedFeatures describe the shortest enhanced path from token a to b.
func enhancedFeatures(g *enhanced, a, b int, types string, triggers map[string][]string) []string {
	steps := g.path(a, b)
	if len(steps) == 0 {
		return []string{"e:none"}
	}
	if len(steps) > maxEnhancedSteps {
		return []string{"e:long"}
	}
	var lex, delex, cls strings.Builder
	var words []string
	for k, s := range steps {
		step := s.edge.dep + "^ "
		if s.edge.down {
			step = "v" + s.edge.dep + " "
		}
		lex.WriteString(step)
		delex.WriteString(step)
		cls.WriteString(step)
		if k == len(steps)-1 {
			break
		}
		t := g.p.Tokens[s.node]
		switch t.POS {
		case "VERB", "AUX", "NOUN", "ADP", "PROPN":
			l := lemma(t)
			if t.POS == "PROPN" {
				l = "PROPN"
			}
			lex.WriteString("@" + l + " ")
			delex.WriteString("@" + t.POS + " ")
			if c := triggers[l]; len(c) > 0 && t.POS != "PROPN" {
				cls.WriteString("@" + strings.Join(c, "/") + " ")
			} else {
				cls.WriteString("@" + t.POS + " ")
			}
			if t.POS != "PROPN" {
				words = append(words, l)
			}
		default:
			lex.WriteString("@" + t.POS + " ")
			delex.WriteString("@" + t.POS + " ")
			cls.WriteString("@" + t.POS + " ")
		}
	}
	fs := []string{"e:" + lex.String(), "e+t:" + lex.String() + types, "ed+t:" + delex.String() + types}
	first, last := steps[0].edge, steps[len(steps)-1].edge
	fs = append(fs, "ec+t:"+cls.String()+types)
	for _, w := range words {
		fs = append(fs, "ew+t:"+w+" "+types)
	}
	if len(steps) >= 2 {
		pivot := lemma(g.p.Tokens[steps[0].node])
		fs = append(fs, "ea:"+first.dep+dirMark(first)+" @"+pivot, "eb:@"+lemma(g.p.Tokens[steps[len(steps)-2].node])+" "+dirMark(last)+last.dep)
	}
	return fs
}

func dirMark(e edge) string {
	if e.down {
		return "v"
	}
	return "^"
}
