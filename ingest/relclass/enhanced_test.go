package relclass

import (
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/ingest/nlp"
)

// doc builds a one-sentence parse from "text/POS/tag/dep/head" columns.
func doc(rows ...string) *nlp.Doc {
	d := &nlp.Doc{}
	pos := 0
	for _, r := range rows {
		f := strings.Split(r, "/")
		head := 0
		for _, c := range f[4] {
			head = head*10 + int(c-'0')
		}
		n := len([]rune(f[0]))
		d.Tokens = append(d.Tokens, nlp.Token{Text: f[0], Lemma: strings.ToLower(f[0]), POS: f[1], Tag: f[2], Dep: f[3], Head: head,
			Start: pos, End: pos + n})
		d.Text += f[0] + " "
		pos += n + 1
	}
	d.Sents = []nlp.Sentence{{Text: d.Text, Start: 0, End: pos, TokStart: 0, TokEnd: len(d.Tokens)}}
	return d
}

func TestEnhancedPaths(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    *nlp.Doc
		a, b int
		want string
	}{
		{"object relative clause through an apposition",
			// Orion , a firm that Treasury designated
			doc("Orion/PROPN/NNP/ROOT/0", ",/PUNCT/,/punct/0", "a/DET/DT/det/3", "firm/NOUN/NN/appos/0",
				"that/PRON/WDT/dobj/6", "Treasury/PROPN/NNP/nsubj/6", "designated/VERB/VBD/relcl/3"),
			0, 5, "e:dobj^ @designated vnsubj "},
		{"participle after a noun",
			// Orion owned by Vela
			doc("Orion/PROPN/NNP/ROOT/0", "owned/VERB/VBN/acl/0", "by/ADP/IN/agent/1", "Vela/PROPN/NNP/pobj/2"),
			0, 3, "e:nsubjpass^ @owned vagent @by vpobj "},
		{"second conjunct shares the subject",
			// Orion bought and shipped rifles to Vela
			doc("Orion/PROPN/NNP/nsubj/1", "bought/VERB/VBD/ROOT/1", "and/CCONJ/CC/cc/1", "shipped/VERB/VBD/conj/1",
				"rifles/NOUN/NNS/dobj/3", "to/ADP/IN/prep/3", "Vela/PROPN/NNP/pobj/5"),
			0, 6, "e:nsubj^ @shipped vprep @to vpobj "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newEnhanced(tc.p, 0)
			fs := enhancedFeatures(g, tc.a, tc.b, "Organization>Organization", nil)
			if fs[0] != tc.want {
				t.Errorf("path %q, want %q", fs[0], tc.want)
			}
		})
	}
}
