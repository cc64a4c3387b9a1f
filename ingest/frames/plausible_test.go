package frames

import (
	"testing"

	"github.com/nexus-graph/nexus/ingest/nlp"
)

func TestPlausibleSingleWordPlace(t *testing.T) {
	for _, tc := range []struct {
		name, word, pos, tag, label string
		want                        bool
	}{
		{"a proper noun labelled a place", "Ostria", "PROPN", "NNP", "GPE", true},
		{"a heading labelled a place", "Overview", "NOUN", "NN", "GPE", false},
		{"a common noun labelled a location", "Summary", "NOUN", "NN", "LOC", false},
		{"a lone name labelled an organisation", "Kestrel", "PROPN", "NNP", "ORG", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &nlp.Doc{Text: tc.word + "\n", Tokens: []nlp.Token{
				{Text: tc.word, POS: tc.pos, Tag: tc.tag, Start: 0, End: len(tc.word)},
				{Text: "\n", POS: "SPACE", Tag: "_SP", Start: len(tc.word), End: len(tc.word) + 1},
			}}
			if got := plausibleName(p, 0, 1, tc.word, tc.label); got != tc.want {
				t.Errorf("plausibleName(%q, %s, %s) = %v, want %v", tc.word, tc.pos, tc.label, got, tc.want)
			}
		})
	}
}
