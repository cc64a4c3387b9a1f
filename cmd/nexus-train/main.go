// Command nexus-train trains the relation classifier (package relclass)
// from the annotated sets under ingest/extract/testdata and writes
// seeds/relclass.json; with -loso it first reports leave-one-set-out
// figures: for each development set, a model trained on the others is
// scored on it, alone and combined with the rest of the pipeline.
//
//	go run ./cmd/nexus-train -loso    # make train-relations
//
// Two diagnostics train nothing: -gaps says why each core relation of the
// development sets is missed (counts, or "detail" with each miss), and
// -ablate SETS measures what each token rule family adds, both with
// classifiers that never saw the set they score. Held-out sets (-holdout)
// are never read for training or evaluation.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest"
	"github.com/nexus-graph/nexus/ingest/extract"
	"github.com/nexus-graph/nexus/ingest/frames"
	"github.com/nexus-graph/nexus/ingest/nlp"
	"github.com/nexus-graph/nexus/ingest/relclass"
	"github.com/nexus-graph/nexus/internal/goldscore"
	"github.com/nexus-graph/nexus/seeds"
)

type doc struct {
	set      string
	gold     goldscore.Gold
	doc      graph.Document
	base     graph.Extraction // token rules + parser names + frames
	examples []relclass.Example
	cands    []relclass.Candidate
	parse    *nlp.Doc
}

func main() {
	testdata := flag.String("testdata", "ingest/extract/testdata", "folder of annotated sets")
	out := flag.String("out", "seeds/relclass.json", "model file to write")
	holdout := flag.String("holdout", "blind48,blind49", "sets never read")
	loso := flag.Bool("loso", false, "report leave-one-set-out figures first")
	gapsFlag := flag.String("gaps", "", "instead of training, say why core relations are missed: counts, or \"detail\" for each miss")
	ablateFlag := flag.String("ablate", "", "instead of training, measure each token rule family's contribution; the value names the recent sets (comma-separated)")
	flag.Parse()
	if *ablateFlag != "" {
		docs, err := load(context.Background(), *testdata, strings.Split(*holdout, ","))
		if err != nil {
			fmt.Fprintln(os.Stderr, "nexus-train:", err)
			os.Exit(1)
		}
		ablate(docs, strings.Split(*ablateFlag, ","))
		return
	}
	if *gapsFlag != "" {
		docs, err := load(context.Background(), *testdata, strings.Split(*holdout, ","))
		if err != nil {
			fmt.Fprintln(os.Stderr, "nexus-train:", err)
			os.Exit(1)
		}
		gaps(docs, *gapsFlag == "detail")
		return
	}
	if err := run(context.Background(), *testdata, *out, strings.Split(*holdout, ","), *loso); err != nil {
		fmt.Fprintln(os.Stderr, "nexus-train:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, testdata, out string, holdout []string, loso bool) error {
	docs, err := load(ctx, testdata, holdout)
	if err != nil {
		return err
	}
	if loso {
		report(docs)
	}
	var all []relclass.Example
	for _, d := range docs {
		all = append(all, d.examples...)
	}
	m := relclass.Train(all, relclass.TrainOptions{})
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	fmt.Printf("trained on %d examples from %d documents: %d features, %d classes, %d bytes → %s\n",
		len(all), len(docs), len(m.Weights), len(m.Classes), len(b)+1, out)
	return nil
}

// load reads, extracts, parses and labels every annotated document.
func load(ctx context.Context, testdata string, holdout []string) ([]*doc, error) {
	x, err := extract.Default()
	if err != nil {
		return nil, err
	}
	fs, err := frames.Load(seeds.Frames())
	if err != nil {
		return nil, err
	}
	annotated, err := goldscore.LoadSets(testdata, func(set string) bool { return slices.Contains(holdout, set) })
	if err != nil {
		return nil, err
	}
	var docs []*doc
	var texts []string
	for _, a := range annotated {
		docs = append(docs, &doc{set: a.Set, gold: a.Gold, doc: a.Doc})
		texts = append(texts, a.Doc.Text)
	}
	pctx, cancel := context.WithTimeout(ctx, 20*time.Minute)
	defer cancel()
	pool, err := nlp.Start(pctx, nlp.Options{Logger: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	parsed, err := pool.Parse(pctx, texts)
	if err != nil {
		return nil, err
	}
	for i, d := range docs {
		d.parse = &parsed[i]
		ex := x.Extract(d.doc)
		d.cands = ingest.Reading{Names: true, Frames: fs, Triggers: x.Triggers()}.Read(d.doc, d.parse, &ex)
		d.base = ex
		d.examples = label(d, ex.Entities)
	}
	return docs, nil
}

// label gives each candidate its gold class: the relation the gold states
// between the two entities with evidence in the candidate's sentence, or
// NONE when the gold has none between them. A pair the gold relates only
// elsewhere in the document is left out: its sentence may or may not
// state it.
func label(d *doc, ents []graph.Entity) []relclass.Example {
	byGold := d.gold.Resolver()
	resolve := func(e *graph.Entity) string { return byGold(*e) }
	type span struct{ start, end int }
	type goldRel struct {
		typ   graph.RelationType
		src   string
		where span
	}
	byPair := map[[2]string][]goldRel{}
	for _, r := range d.gold.Relations {
		ev := r.Evidence
		sp := span{-1, -1}
		if i := strings.Index(d.doc.Text, ev); ev != "" && i >= 0 {
			s := len([]rune(d.doc.Text[:i]))
			sp = span{s, s + len([]rune(ev))}
		}
		p := [2]string{r.Source, r.Target}
		if p[1] < p[0] {
			p[0], p[1] = p[1], p[0]
		}
		byPair[p] = append(byPair[p], goldRel{graph.RelationType(r.Type), r.Source, sp})
	}
	var out []relclass.Example
	for _, c := range d.cands {
		a, b := resolve(c.A), resolve(c.B)
		if a == "" || b == "" || a == b {
			out = append(out, relclass.Example{Features: c.Features, Class: relclass.None})
			continue
		}
		p := [2]string{a, b}
		if p[1] < p[0] {
			p[0], p[1] = p[1], p[0]
		}
		rels := byPair[p]
		if len(rels) == 0 {
			out = append(out, relclass.Example{Features: c.Features, Class: relclass.None})
			continue
		}
		s := d.parse.Sents[c.Sent]
		for _, r := range rels {
			if r.where.start < s.End && s.Start < r.where.end {
				out = append(out, relclass.Example{Features: c.Features, Class: relclass.Label(r.typ, r.src == a)})
				break
			}
		}
	}
	return out
}

// trainWithout trains a model on every set but set: the model whose
// figures on set measure text it has not seen.
func trainWithout(docs []*doc, set string) *relclass.Model {
	var train []relclass.Example
	for _, d := range docs {
		if d.set != set {
			train = append(train, d.examples...)
		}
	}
	return relclass.Train(train, relclass.TrainOptions{})
}

func setNames(docs []*doc) []string {
	sets := map[string]bool{}
	for _, d := range docs {
		sets[d.set] = true
	}
	var names []string
	for s := range sets {
		names = append(names, s)
	}
	sort.Strings(names)
	return names
}

// report prints leave-one-set-out figures: per development set, typed
// recall and precision of the pipeline without and with a classifier
// trained on the other sets, at several thresholds.
func report(docs []*doc) {
	names := setNames(docs)
	thresholds := []float64{0.6, 0.7, 0.8}
	type acc struct{ r, p float64 }
	base := acc{}
	alone := make([]acc, len(thresholds))
	with := make([]acc, len(thresholds))
	fmt.Println("leave-one-set-out: typed R / P of the pipeline, the classifier alone and both, per threshold")
	for _, s := range names {
		m := trainWithout(docs, s)
		var b acc
		al, wi := make([]acc, len(thresholds)), make([]acc, len(thresholds))
		n := 0.0
		for _, d := range docs {
			if d.set != s {
				continue
			}
			n++
			sc := goldscore.Score(d.gold, d.base)
			b.r, b.p = b.r+sc.TypedR, b.p+sc.TypedP
			for i, th := range thresholds {
				m.Threshold = th
				found := m.Read(d.doc, d.parse, ingest.AssertedOnly(d.parse, d.cands))
				sa := goldscore.Score(d.gold, graph.Extraction{Entities: d.base.Entities, Relations: found})
				al[i].r, al[i].p = al[i].r+sa.TypedR, al[i].p+sa.TypedP
				both := d.base
				both.Relations = ingest.AddReadings(append([]graph.Relation(nil), d.base.Relations...), found)
				sb := goldscore.Score(d.gold, both)
				wi[i].r, wi[i].p = wi[i].r+sb.TypedR, wi[i].p+sb.TypedP
			}
		}
		line := fmt.Sprintf("%-8s pipeline %.2f/%.2f", s, b.r/n, b.p/n)
		base.r, base.p = base.r+b.r/n, base.p+b.p/n
		for i, th := range thresholds {
			line += fmt.Sprintf(" | @%.1f alone %.2f/%.2f both %.2f/%.2f", th, al[i].r/n, al[i].p/n, wi[i].r/n, wi[i].p/n)
			alone[i].r, alone[i].p = alone[i].r+al[i].r/n, alone[i].p+al[i].p/n
			with[i].r, with[i].p = with[i].r+wi[i].r/n, with[i].p+wi[i].p/n
		}
		fmt.Println(line)
	}
	k := float64(len(names))
	line := fmt.Sprintf("%-8s pipeline %.3f/%.3f", "macro", base.r/k, base.p/k)
	for i, th := range thresholds {
		line += fmt.Sprintf(" | @%.1f alone %.3f/%.3f both %.3f/%.3f", th, alone[i].r/k, alone[i].p/k, with[i].r/k, with[i].p/k)
	}
	fmt.Println(line)
}
