package relclass

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// None is the class of a pair with no stated relation.
const None = "NONE"

// Model is a trained classifier: per feature, the weight of each class.
type Model struct {
	Classes []string `json:"classes"`
	// Weights maps a feature to its sparse class weights.
	Weights map[string]map[int]float64 `json:"weights"`
	Bias    []float64                  `json:"bias"`
	// Threshold is the least probability at which a relation is emitted.
	Threshold float64 `json:"threshold"`
}

// Label is the class of an example: a relation type with ">" when A is the
// source (or the type is symmetric), "<" when B is; None otherwise.
func Label(t graph.RelationType, aIsSource bool) string {
	if aIsSource || t.Symmetric() {
		return string(t) + ">"
	}
	return string(t) + "<"
}

// Example is a candidate with its gold class.
type Example struct {
	Features []string
	Class    string
}

// TrainOptions are the training settings; the zero value is the default.
type TrainOptions struct {
	Epochs    int     // default 12
	Rate      float64 // default 0.2 (AdaGrad)
	L2        float64 // default 1e-5
	MinCount  int     // features seen fewer times are dropped (default 5: leave-one-set-out, 2 and 3 lost precision, 8 recall)
	Threshold float64 // default 0.8 (leave-one-set-out: the best precision that still adds recall)
	Prune     float64 // weights smaller than this are not kept (default 0.05)
}

// Train fits a model. Same examples, same model: the order is the
// examples' order and nothing is random.
func Train(examples []Example, o TrainOptions) *Model {
	if o.Epochs == 0 {
		o.Epochs = 12
	}
	if o.Rate == 0 {
		o.Rate = 0.2
	}
	if o.L2 == 0 {
		o.L2 = 1e-5
	}
	if o.MinCount == 0 {
		o.MinCount = 5
	}
	if o.Threshold == 0 {
		o.Threshold = 0.8
	}
	if o.Prune == 0 {
		o.Prune = 0.05
	}
	classIdx := map[string]int{None: 0}
	classes := []string{None}
	count := map[string]int{}
	for _, e := range examples {
		if _, ok := classIdx[e.Class]; !ok {
			classIdx[e.Class] = len(classes)
			classes = append(classes, e.Class)
		}
		for _, f := range e.Features {
			count[f]++
		}
	}
	// Classes in a fixed order after NONE, so the file does not depend on
	// which example came first.
	sort.Strings(classes[1:])
	for i, c := range classes {
		classIdx[c] = i
	}
	featIdx := map[string]int{}
	var feats []string
	for f, n := range count {
		if n >= o.MinCount {
			feats = append(feats, f)
		}
	}
	sort.Strings(feats)
	for i, f := range feats {
		featIdx[f] = i
	}
	nc := len(classes)
	w := make([][]float64, len(feats))
	g := make([][]float64, len(feats))
	for i := range w {
		w[i] = make([]float64, nc)
		g[i] = make([]float64, nc)
	}
	bias, gb := make([]float64, nc), make([]float64, nc)
	probs := make([]float64, nc)
	idx := make([]int, 0, 32)
	for epoch := 0; epoch < o.Epochs; epoch++ {
		for _, e := range examples {
			idx = idx[:0]
			for _, f := range e.Features {
				if i, ok := featIdx[f]; ok {
					idx = append(idx, i)
				}
			}
			softmax(w, bias, idx, probs)
			y := classIdx[e.Class]
			for c := 0; c < nc; c++ {
				grad := probs[c]
				if c == y {
					grad--
				}
				gb[c] += grad * grad
				bias[c] -= o.Rate * grad / (math.Sqrt(gb[c]) + 1e-8)
				for _, i := range idx {
					gr := grad + o.L2*w[i][c]
					g[i][c] += gr * gr
					w[i][c] -= o.Rate * gr / (math.Sqrt(g[i][c]) + 1e-8)
				}
			}
		}
	}
	m := &Model{Classes: classes, Weights: map[string]map[int]float64{}, Bias: bias, Threshold: o.Threshold}
	for i, f := range feats {
		for c, v := range w[i] {
			if math.Abs(v) >= o.Prune {
				if m.Weights[f] == nil {
					m.Weights[f] = map[int]float64{}
				}
				m.Weights[f][c] = math.Round(v*1e4) / 1e4
			}
		}
	}
	for c := range m.Bias {
		m.Bias[c] = math.Round(m.Bias[c]*1e4) / 1e4
	}
	return m
}

func softmax(w [][]float64, bias []float64, idx []int, out []float64) {
	copy(out, bias)
	for _, i := range idx {
		for c, v := range w[i] {
			out[c] += v
		}
	}
	normalize(out)
}

func normalize(out []float64) {
	mx := slices.Max(out)
	sum := 0.0
	for c := range out {
		out[c] = math.Exp(out[c] - mx)
		sum += out[c]
	}
	for c := range out {
		out[c] /= sum
	}
}

// Predict returns the most likely class of a candidate and its
// probability.
func (m *Model) Predict(features []string) (string, float64) {
	scores := append([]float64(nil), m.Bias...)
	for _, f := range features {
		for c, v := range m.Weights[f] {
			scores[c] += v
		}
	}
	normalize(scores)
	best := 0
	for c := range scores {
		if scores[c] > scores[best] {
			best = c
		}
	}
	return m.Classes[best], scores[best]
}

// Load reads a model file.
func Load(data []byte) (*Model, error) {
	var m Model
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("relation model: %w", err)
	}
	if len(m.Classes) == 0 || m.Classes[0] != None || len(m.Bias) != len(m.Classes) {
		return nil, fmt.Errorf("relation model: classes %v and %d biases: %w", m.Classes, len(m.Bias), graph.ErrInvalid)
	}
	for _, c := range m.Classes[1:] {
		t := graph.RelationType(strings.TrimRight(c, "<>"))
		if !t.Valid() {
			return nil, fmt.Errorf("relation model: class %q: %w", c, graph.ErrInvalid)
		}
	}
	return &m, nil
}

// Rule names the classifier in evidence.
const Rule = "learned"

// maxPerSentence bounds the relations of one type the model reads in one
// sentence: a long list sentence offers many pairs alike, and the model
// scores them alike ("X backed A, supported B's crackdown on C, and
// assisted D" is not six relations of support); the most probable stay.
const maxPerSentence = 3

// Read returns the relations the model finds among candidates of doc.
func (m *Model) Read(doc graph.Document, p *nlp.Doc, cands []Candidate) []graph.Relation {
	var out []graph.Relation
	type key struct {
		sent int
		t    graph.RelationType
	}
	// each candidate's prediction, once: the cap below needs them all
	// before any is kept
	type kept struct {
		c     *Candidate
		class string
		prob  float64
		k     key
	}
	var found []kept
	probs := map[key][]float64{}
	for i := range cands {
		class, prob := m.Predict(cands[i].Features)
		if class == None || prob < m.Threshold {
			continue
		}
		k := key{cands[i].Sent, graph.RelationType(strings.TrimRight(class, "<>"))}
		found = append(found, kept{&cands[i], class, prob, k})
		probs[k] = append(probs[k], prob)
	}
	// the least probability kept per sentence and type
	floor := map[key]float64{}
	for k, ps := range probs {
		if len(ps) > maxPerSentence {
			slices.Sort(ps)
			floor[k] = ps[len(ps)-maxPerSentence]
		}
	}
	for _, f := range found {
		c, class, prob, t := f.c, f.class, f.prob, f.k.t
		if least, ok := floor[f.k]; ok && prob < least {
			continue
		}
		src, dst := c.A, c.B
		if strings.HasSuffix(class, "<") {
			src, dst = dst, src
		}
		trimmed, start, end := p.Sents[c.Sent].Trimmed()
		conf := math.Round(prob*1000) / 1000
		r := graph.Relation{Source: src.ID, Target: dst.ID, Type: t, Confidence: conf}.Canonical()
		r.Evidence = []graph.Evidence{{DocumentID: doc.ID, Sentence: trimmed, Start: start, End: end,
			Rule: Rule, Confidence: conf}}
		out = append(out, r)
	}
	return out
}
