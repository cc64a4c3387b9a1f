package relclass

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
	"github.com/nexus-graph/nexus/seeds"
)

// toy is a separable problem: the path word decides the class.
func toy() []Example {
	var ex []Example
	for i := 0; i < 20; i++ {
		ex = append(ex,
			Example{Features: []string{"w:supply", "t:Organization>Organization"}, Class: Label(graph.Supplies, true)},
			Example{Features: []string{"w:designate", "t:Organization>Organization"}, Class: Label(graph.Sanctioned, false)},
			Example{Features: []string{"w:meet", "t:Organization>Organization"}, Class: None})
	}
	return ex
}

func TestTrainLearnsAndIsDeterministic(t *testing.T) {
	m := Train(toy(), TrainOptions{})
	for _, tc := range []struct {
		feats []string
		want  string
	}{
		{[]string{"w:supply", "t:Organization>Organization"}, "SUPPLIES>"},
		{[]string{"w:designate", "t:Organization>Organization"}, "SANCTIONED<"},
		{[]string{"w:meet", "t:Organization>Organization"}, None},
	} {
		if got, p := m.Predict(tc.feats); got != tc.want || p < 0.8 {
			t.Errorf("Predict(%v) = %s %.2f, want %s", tc.feats, got, p, tc.want)
		}
	}
	a, _ := json.Marshal(m)
	b, _ := json.Marshal(Train(toy(), TrainOptions{}))
	if string(a) != string(b) {
		t.Error("two trainings on the same examples differ")
	}
}

func TestLoad(t *testing.T) {
	if _, err := Load(seeds.RelationModel()); err != nil {
		t.Fatalf("the embedded model: %v", err)
	}
	for _, bad := range []string{
		`{"classes":["SUPPLIES>"],"weights":{},"bias":[0],"threshold":0.8}`,
		`{"classes":["NONE","SELLS>"],"weights":{},"bias":[0,0],"threshold":0.8}`,
		`{"classes":["NONE"],"weights":{},"bias":[],"threshold":0.8}`,
		`{"classes":["NONE"],"weights":{},"bias":[0],"extra":1}`,
	} {
		if _, err := Load([]byte(bad)); err == nil || !strings.Contains(err.Error(), "relation model") {
			t.Errorf("Load(%s) = %v, want an error naming the model", bad, err)
		}
	}
}

// TestReadKeepsTheMostProbablePerSentence: a list sentence offers many
// pairs alike; the model keeps at most maxPerSentence relations of a type
// in one sentence, the most probable, and leaves other sentences alone.
func TestReadKeepsTheMostProbablePerSentence(t *testing.T) {
	m := Train(toy(), TrainOptions{})
	m.Threshold = 0.5 // both kinds of pair above it, the strong ones more probable
	doc := graph.Document{ID: "d", Text: "One. Two."}
	p := &nlp.Doc{Text: doc.Text, Sents: []nlp.Sentence{{Text: "One.", Start: 0, End: 4}, {Text: "Two.", Start: 5, End: 9}}}
	ent := func(n string) *graph.Entity { return &graph.Entity{ID: n, Name: n, Type: graph.Organization} }
	strong := []string{"w:supply", "t:Organization>Organization"}
	weaker := []string{"w:supply", "t:Organization>Organization", "w:meet"}
	var cands []Candidate
	for i := 0; i < maxPerSentence+2; i++ {
		f := strong
		if i >= maxPerSentence {
			f = weaker
		}
		cands = append(cands, Candidate{A: ent("a"), B: ent(fmt.Sprintf("b%d", i)), Sent: 0, Features: f})
	}
	cands = append(cands, Candidate{A: ent("a"), B: ent("c"), Sent: 1, Features: weaker})
	if _, p := m.Predict(weaker); p < m.Threshold {
		t.Fatalf("the weaker pair scores %.2f, under the threshold: the test needs it above", p)
	}
	got := map[string]bool{}
	for _, r := range m.Read(doc, p, cands) {
		got[r.Target] = true
	}
	for i := 0; i < maxPerSentence; i++ {
		if !got[fmt.Sprintf("b%d", i)] {
			t.Errorf("the most probable pair b%d is missing: %v", i, got)
		}
	}
	if got[fmt.Sprintf("b%d", maxPerSentence)] || got[fmt.Sprintf("b%d", maxPerSentence+1)] {
		t.Errorf("more than %d relations of a type from one sentence: %v", maxPerSentence, got)
	}
	if !got["c"] {
		t.Errorf("a relation of another sentence was dropped: %v", got)
	}
}

func TestBetweenWords(t *testing.T) {
	// "Kel , which ships fuel to Sarn": the verb and the nouns and
	// prepositions between the two heads, the verb also with the types.
	toks := []nlp.Token{
		{Text: "Kel", POS: "PROPN", Lemma: "Kel"},
		{Text: ",", POS: "PUNCT", Lemma: ","},
		{Text: "which", POS: "PRON", Lemma: "which"},
		{Text: "ships", POS: "VERB", Lemma: "ship"},
		{Text: "fuel", POS: "NOUN", Lemma: "fuel"},
		{Text: "to", POS: "ADP", Lemma: "to"},
		{Text: "Sarn", POS: "PROPN", Lemma: "Sarn"},
	}
	p := &nlp.Doc{Tokens: toks}
	got := betweenWords(p, 0, 6, "Organization>Organization")
	want := []string{"bw:ship", "bwv+t:ship Organization>Organization", "bw:fuel", "bw:to"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("betweenWords = %q, want %q", got, want)
	}
	if far := betweenWords(p, 0, maxBetween+1, "x"); far != nil {
		t.Errorf("a gap wider than maxBetween gave %q", far)
	}
}
