package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/extract"
	"github.com/nexus-graph/nexus/ingest/frames"
	"github.com/nexus-graph/nexus/ingest/nlp"
	"github.com/nexus-graph/nexus/ingest/relclass"
	"github.com/nexus-graph/nexus/internal/goldscore"
)

// The quality of what `nexus extract` and `nexus ingest` produce — token
// rules, the parser's names and the frames over its parse together — on
// every annotated set. The figures are macro averages over a set's
// documents, as tools/eval/scoreset.sh prints them.

// annotated is one document with its gold annotation and its parse.
type annotated struct {
	set, name string
	doc       graph.Document
	gold      goldscore.Gold
	parse     *nlp.Doc
}

var (
	corpusOnce sync.Once
	corpus     []annotated
	corpusErr  error
)

// loadCorpus reads and parses every annotated document once per test
// binary (about 90 documents, 45,000 words).
func loadCorpus(t *testing.T) []annotated {
	t.Helper()
	corpusOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		pool, err := nlp.Start(ctx, nlp.Options{})
		if err != nil {
			corpusErr = fmt.Errorf("the NLP runtime is needed (make nlp): %w", err)
			return
		}
		defer pool.Close()
		// Held-out sets are parsed only when they are to be read; sets
		// still being written can be named in NEXUS_SKIP_SETS.
		skipped := strings.Split(os.Getenv("NEXUS_SKIP_SETS"), ",")
		docs, err := goldscore.LoadSets(filepath.Join("extract", "testdata"), func(set string) bool {
			return heldOut[set] && os.Getenv("NEXUS_HELDOUT") == "" || slices.Contains(skipped, set)
		})
		if err != nil {
			corpusErr = err
			return
		}
		var texts []string
		for _, d := range docs {
			corpus = append(corpus, annotated{set: d.Set, name: d.Name, gold: d.Gold, doc: d.Doc})
			texts = append(texts, d.Doc.Text)
		}
		parsed, err := pool.Parse(ctx, texts)
		if err != nil {
			corpusErr = err
			return
		}
		for i := range corpus {
			corpus[i].parse = &parsed[i]
		}
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpus
}

// config is one way of extracting, for ablations.
type config struct {
	name       string
	named      bool        // add the parser's names
	frames     *frames.Set // nil: token rules only
	classifier *relclass.Model
}

// extractWith runs the pipeline's steps on one parsed document.
func extractWith(x *extract.Extractor, c config, a annotated) graph.Extraction {
	ex := x.Extract(a.doc)
	Reading{Names: c.named, Frames: c.frames, Classifier: c.classifier, Triggers: x.Triggers()}.Read(a.doc, a.parse, &ex)
	return ex
}

type setScore struct{ entR, entP, typedR, typedP float64 }

// scoreSets returns the macro average of each set under c.
func scoreSets(x *extract.Extractor, c config, docs []annotated) map[string]setScore {
	sum := map[string]setScore{}
	n := map[string]int{}
	for _, a := range docs {
		sc := goldscore.Score(a.gold, extractWith(x, c, a))
		s := sum[a.set]
		s.entR += sc.EntR
		s.entP += sc.EntP
		s.typedR += sc.TypedR
		s.typedP += sc.TypedP
		sum[a.set] = s
		n[a.set]++
	}
	for k, s := range sum {
		f := float64(n[k])
		sum[k] = setScore{s.entR / f, s.entP / f, s.typedR / f, s.typedP / f}
	}
	return sum
}

func pipelineConfig(t *testing.T) (*extract.Extractor, config) {
	t.Helper()
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	rd, err := SeedReading()
	if err != nil {
		t.Fatal(err)
	}
	return x, config{name: "pipeline", named: true, frames: rd.Frames, classifier: rd.Classifier}
}

// heldOut are the sets no rule of this round was written from; their
// figures are logged, never gated, so that a gate cannot pull rules
// towards them.
var heldOut = map[string]bool{"blind48": true, "blind49": true}

// TestPipelineQuality gates every development set at the figures the
// pipeline reached (BENCHMARKS.md has the history): a change that loses
// what the parse-based reading gained fails here. The classifier was
// trained on these sets, so with it these figures measure fit; its
// leave-one-set-out figures (make train-relations) measure what it adds
// on text it has not seen.
func TestPipelineQuality(t *testing.T) {
	docs := loadCorpus(t)
	x, c := pipelineConfig(t)
	got := scoreSets(x, c, docs)
	floors := map[string]setScore{ // entR, entP, typedR, typedP
		"blind":   {0.97, 0.94, 0.84, 0.94},
		"blind10": {0.94, 0.90, 0.75, 0.89},
		"blind11": {0.99, 0.94, 0.72, 0.90},
		"blind12": {0.93, 0.90, 0.66, 0.80},
		"blind13": {0.97, 0.92, 0.86, 0.87},
		"blind14": {0.95, 0.91, 0.72, 0.87},
		"blind15": {0.93, 0.86, 0.68, 0.87},
		"blind16": {0.93, 0.87, 0.73, 0.84},
		"blind17": {0.94, 0.90, 0.59, 0.85},
		"blind18": {0.99, 0.92, 0.65, 0.83},
		"blind19": {0.91, 0.88, 0.59, 0.79},
		"blind2":  {0.99, 0.92, 0.85, 0.90},
		"blind20": {0.93, 0.89, 0.64, 0.78},
		"blind21": {0.94, 0.89, 0.66, 0.76},
		"blind22": {0.91, 0.84, 0.53, 0.79},
		"blind23": {0.94, 0.88, 0.72, 0.84},
		"blind24": {0.95, 0.87, 0.77, 0.83},
		"blind25": {0.93, 0.87, 0.75, 0.85},
		"blind26": {0.92, 0.84, 0.66, 0.78},
		"blind27": {0.94, 0.86, 0.75, 0.88},
		"blind28": {0.95, 0.86, 0.57, 0.87},
		"blind29": {0.94, 0.88, 0.70, 0.83},
		"blind3":  {0.96, 0.89, 0.76, 0.82},
		"blind30": {0.94, 0.89, 0.57, 0.77},
		"blind31": {0.91, 0.82, 0.63, 0.73},
		"blind32": {0.96, 0.89, 0.80, 0.86},
		"blind33": {0.97, 0.88, 0.72, 0.84},
		"blind34": {0.94, 0.86, 0.63, 0.77},
		"blind35": {0.88, 0.92, 0.58, 0.80},
		"blind36": {0.94, 0.83, 0.72, 0.84},
		"blind37": {0.85, 0.81, 0.42, 0.68},
		"blind38": {0.93, 0.83, 0.67, 0.86},
		"blind39": {0.92, 0.77, 0.67, 0.84},
		"blind4":  {0.99, 0.94, 0.93, 0.92},
		"blind40": {0.92, 0.89, 0.50, 0.81},
		"blind41": {0.91, 0.90, 0.64, 0.78},
		"blind42": {0.89, 0.83, 0.52, 0.78},
		"blind43": {0.91, 0.88, 0.62, 0.85},
		"blind44": {0.86, 0.81, 0.45, 0.70},
		"blind45": {0.86, 0.83, 0.60, 0.80},
		"blind46": {0.88, 0.83, 0.51, 0.82},
		"blind47": {0.82, 0.85, 0.46, 0.81},
		"blind5":  {0.97, 0.92, 0.83, 0.93},
		"blind6":  {0.97, 0.91, 0.79, 0.91},
		"blind7":  {0.99, 0.93, 0.80, 0.87},
		"blind8":  {0.97, 0.90, 0.71, 0.87},
		"blind9":  {0.97, 0.84, 0.91, 0.84},
		"unseen":  {0.97, 0.97, 0.90, 0.91},
	}
	var names []string
	for k := range got {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, set := range names {
		s := got[set]
		if heldOut[set] {
			// Read only when asked (NEXUS_HELDOUT=1), at the end of a round.
			if os.Getenv("NEXUS_HELDOUT") != "" {
				t.Logf("%-8s entity R %.2f P %.2f  typed R %.2f P %.2f  (held out)", set, s.entR, s.entP, s.typedR, s.typedP)
			}
			continue
		}
		t.Logf("%-8s entity R %.3f P %.3f  typed R %.3f P %.3f", set, s.entR, s.entP, s.typedR, s.typedP)
		f, ok := floors[set]
		if !ok {
			t.Errorf("set %s has no floor: add one", set)
			continue
		}
		for _, m := range []struct {
			what      string
			got, want float64
		}{{"entity recall", s.entR, f.entR}, {"entity precision", s.entP, f.entP},
			{"typed recall", s.typedR, f.typedR}, {"typed precision", s.typedP, f.typedP}} {
			if m.got < m.want {
				t.Errorf("%s: %s %.2f, below its floor %.2f", set, m.what, m.got, m.want)
			}
		}
	}
}

// TestAblation prints what each family contributes: the pipeline's
// macro figures over the development sets with the family taken away.
// It asserts only that the full pipeline beats token rules alone; run it
// with -v to read the table (BENCHMARKS.md, "Extraction ablation").
func TestAblation(t *testing.T) {
	if os.Getenv("NEXUS_ABLATION") == "" {
		t.Skip("set NEXUS_ABLATION=1 to print the ablation table")
	}
	docs := loadCorpus(t)
	x, full := pipelineConfig(t)
	cl := full.classifier
	configs := []config{{name: "token rules only"}, {name: "+ parser names", named: true},
		{name: "+ frames", named: true, frames: full.frames}, full,
		{name: "- classifier (= + frames)", named: true, frames: full.frames},
		{name: "- frames", named: true, classifier: cl},
		{name: "- references", named: true, frames: full.frames.WithoutReferences(), classifier: cl},
		{name: "- all noun frames", named: true, frames: full.frames.Without("noun"), classifier: cl},
		{name: "- all verb frames", named: true, frames: full.frames.Without("verb"), classifier: cl},
		{name: "- parser names", frames: full.frames, classifier: cl},
	}
	for _, typ := range graph.RelationTypes() {
		if typ == graph.MentionedWith {
			continue
		}
		configs = append(configs, config{name: "- " + string(typ) + " frames", named: true, frames: full.frames.Without("", typ), classifier: cl},
			config{name: "- " + string(typ) + " frames, no classifier", named: true, frames: full.frames.Without("", typ)})
	}
	avg := func(m map[string]setScore, keep func(string) bool) setScore {
		var s setScore
		n := 0.0
		for k, v := range m {
			if !keep(k) {
				continue
			}
			s.entR, s.entP, s.typedR, s.typedP = s.entR+v.entR, s.entP+v.entP, s.typedR+v.typedR, s.typedP+v.typedP
			n++
		}
		return setScore{s.entR / n, s.entP / n, s.typedR / n, s.typedP / n}
	}
	dev := func(k string) bool { return !heldOut[k] }
	recent := func(k string) bool { return k == "blind15" || k == "blind16" || k == "blind17" }
	var base, token setScore
	t.Logf("| configuration | dev entR | dev entP | dev typedR | dev typedP | 15-17 typedR | 15-17 typedP |")
	for _, c := range configs {
		m := scoreSets(x, c, docs)
		d, r := avg(m, dev), avg(m, recent)
		if c.name == full.name {
			base = d
		}
		if c.frames == nil && !c.named && c.classifier == nil {
			token = d
		}
		t.Logf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |", c.name, d.entR, d.entP, d.typedR, d.typedP, r.typedR, r.typedP)
	}
	if base.typedR <= token.typedR {
		t.Errorf("the pipeline's typed recall %.3f does not beat token rules alone %.3f", base.typedR, token.typedR)
	}
}
