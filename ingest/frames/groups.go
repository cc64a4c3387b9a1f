package frames

import (
	"strings"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// maxGroupWords bounds a group's name before its noun.
const maxGroupWords = 4

// AddGroups adds, as organisations, the names the text introduces with a
// group noun after them ("a member of the Tibwa gang"). The recognizer
// mostly reads such names, when they are in no gazetteer, as people or
// not at all. A name already known as a place stays one: a gang named
// after its district is told apart by the noun, which the text does not
// always repeat; a demonym ("the Mexican cartel") is no name.
func AddGroups(x *graph.Extraction, p *nlp.Doc) {
	byName := map[string]int{}
	for i, e := range x.Entities {
		byName[e.Name] = i
	}
	label := make([]string, len(p.Tokens))
	for _, ne := range p.Ents {
		for k := ne.TokStart; k < ne.TokEnd && k < len(label); k++ {
			label[k] = ne.Label
		}
	}
	for i, t := range p.Tokens {
		if !groupNouns[t.Text] || t.POS != "NOUN" || i == 0 {
			continue
		}
		ts := i
		for ts > 0 && i-ts < maxGroupWords && p.Tokens[ts-1].Sent == t.Sent && nameWord(p.Tokens[ts-1].Text, false) {
			ts--
		}
		// A name the parser opens with a determiner ("the X gang"): not the
		// first word of a sentence or a heading read on into the noun.
		if ts == i || ts == 0 || !strings.EqualFold(p.Tokens[ts-1].Text, "the") || !nameWord(p.Tokens[ts].Text, true) {
			continue
		}
		demonym := true
		for k := ts; k < i; k++ {
			if label[k] != "NORP" {
				demonym = false
			}
		}
		if demonym {
			continue
		}
		name := p.Text[p.Tokens[ts].ByteStart:p.Tokens[i-1].ByteEnd]
		if strings.ContainsAny(name, "\n\r") {
			continue
		}
		if k, ok := byName[name]; ok {
			if x.Entities[k].Type == graph.Person {
				x.Entities[k].Type = graph.Organization
			}
			continue
		}
		if k := addNew(x, name, graph.Organization); k >= 0 {
			byName[name] = k
		}
	}
}
