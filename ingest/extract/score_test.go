package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/internal/goldscore"
)

// The scorer lives in internal/goldscore, shared with the pipeline's
// quality tests.
type (
	goldFile = goldscore.Gold
	scores   = goldscore.Scores
)

func score(g goldFile, ext graph.Extraction) scores { return goldscore.Score(g, ext) }

// sharedDir finds ../shared relative to the repository root (env
// NEXUS_SHARED overrides). Missing: t.Fatal under CI=true, else skip.
func sharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("NEXUS_SHARED"); d != "" {
		return d
	}
	wd, _ := os.Getwd()
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			cand := filepath.Join(dir, "..", "shared")
			if _, err := os.Stat(filepath.Join(cand, "eval", "seed-gold.json")); err == nil {
				return cand
			}
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("../shared (seed article and gold) not found; set NEXUS_SHARED")
	}
	t.Skip("../shared not found: seed quality gate skipped")
	return ""
}

func loadGold(t testing.TB, path string) goldFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read gold: %v", err)
	}
	var g goldFile
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("parse gold %s: %v", path, err)
	}
	return g
}

func extractFile(t testing.TB, x *Extractor, path string) graph.Extraction {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return x.Extract(graph.Document{ID: graph.DocumentID(b), Title: filepath.Base(path), Text: string(b)})
}

func defaultExtractor(t testing.TB) *Extractor {
	t.Helper()
	x, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return x
}

func logScores(t *testing.T, name string, sc scores) {
	t.Logf("%s: entities R=%.2f P=%.2f (n=%d) | relations pairR=%.2f typedR=%.2f typedP=%.2f (n=%d)",
		name, sc.EntR, sc.EntP, sc.NEnt, sc.PairR, sc.TypedR, sc.TypedP, sc.NRel)
	if testing.Verbose() {
		t.Logf("  missed entities: %v", sc.MissedEnt)
		t.Logf("  unmatched entities: %v", sc.WrongEnt)
		t.Logf("  missed relations: %v", sc.MissedRel)
		t.Logf("  relations not in gold: %v", sc.WrongRel)
	}
}

// TestSeedQualityGate scores the seed article against the hand gold with
// the definitions of ../shared/eval/score.py.
func TestSeedQualityGate(t *testing.T) {
	dir := sharedDir(t)
	x := defaultExtractor(t)
	g := loadGold(t, filepath.Join(dir, "eval", "seed-gold.json"))
	ext := extractFile(t, x, filepath.Join(dir, "seeds", "000_47d7b7553f4c6e6e.txt"))
	sc := score(g, ext)
	logScores(t, "seed", sc)
	gates := []struct {
		name      string
		got, want float64
	}{
		{"entity recall (core)", sc.EntR, 0.95},
		{"entity precision (all)", sc.EntP, 0.90},
		{"typed relation recall (core)", sc.TypedR, 0.75},
		{"typed relation precision", sc.TypedP, 0.80},
	}
	for _, gt := range gates {
		if gt.got < gt.want {
			t.Errorf("%s = %.3f, want >= %.2f (missed ents %v, wrong ents %v, missed rels %v, wrong rels %v)",
				gt.name, gt.got, gt.want, sc.MissedEnt, sc.WrongEnt, sc.MissedRel, sc.WrongRel)
		}
	}
	// negatives (page chrome, social links) must not become entities
	for _, neg := range g.Negatives {
		for _, e := range ext.Entities {
			if goldscore.Norm(e.Name) == goldscore.Norm(neg) {
				t.Errorf("negative %q extracted as entity %+v", neg, e)
			}
		}
	}
}

// TestDocumentSets scores each set of hand-annotated test documents
// (testdata/<set>/*.txt with *.gold.json beside them) and fails when the
// macro average falls below the set's gate.
//
// The blind sets were written and annotated before the extractor was run
// on them; their honest first-run figures are in testdata/<set>/README.md
// (typed relation recall 0.16, 0.13 and 0.17). Rules were improved
// afterwards by linguistic phenomenon, so these gates sit below what is
// reached now: they guard against regressions, not against overfitting.
// The unseen set was used for tuning from the start.
func TestDocumentSets(t *testing.T) {
	sets := []struct {
		dir                        string
		minDocs                    int
		entR, entP, typedR, typedP float64
	}{
		{"unseen", 3, 0.85, 0.85, 0.50, 0.70},
		{"blind", 4, 0.90, 0.85, 0.65, 0.85},
		{"blind2", 4, 0.85, 0.82, 0.75, 0.85},
		{"blind3", 4, 0.85, 0.80, 0.60, 0.80},
		{"blind4", 3, 0.90, 0.85, 0.75, 0.90},
		{"blind5", 3, 0.90, 0.80, 0.65, 0.90},
		{"blind6", 3, 0.90, 0.85, 0.60, 0.85},
		{"blind7", 4, 0.90, 0.80, 0.55, 0.80},
		// blind8 was held out until its first run (0.30 typed recall) and
		// then used for development
		{"blind8", 4, 0.80, 0.75, 0.55, 0.75},
		// blind9 was held out until its first run (0.38 typed recall)
		// and then used for development
		{"blind9", 4, 0.80, 0.75, 0.55, 0.75},
		// blind10 was held out until its first run (0.18 typed recall)
		{"blind10", 4, 0.85, 0.80, 0.55, 0.70},
		// blind13 (common news and report voices) was measured once before
		// anyone read it (0.29 typed recall) and then used for development
		{"blind13", 6, 0.85, 0.80, 0.50, 0.70},
	}
	x := defaultExtractor(t)
	for _, set := range sets {
		t.Run(set.dir, func(t *testing.T) {
			docs, _ := filepath.Glob(filepath.Join("testdata", set.dir, "*.txt"))
			if len(docs) < set.minDocs {
				t.Fatalf("want >= %d documents in testdata/%s, found %d", set.minDocs, set.dir, len(docs))
			}
			var sum scores
			k := float64(len(docs))
			for _, p := range docs {
				g := loadGold(t, strings.TrimSuffix(p, ".txt")+".gold.json")
				sc := score(g, extractFile(t, x, p))
				logScores(t, filepath.Base(p), sc)
				sum.EntR += sc.EntR / k
				sum.EntP += sc.EntP / k
				sum.TypedR += sc.TypedR / k
				sum.TypedP += sc.TypedP / k
				sum.PairR += sc.PairR / k
			}
			logScores(t, set.dir+" (macro average)", sum)
			if sum.EntR < set.entR || sum.EntP < set.entP {
				t.Errorf("%s entity figures too low: R=%.2f P=%.2f (want R >= %.2f, P >= %.2f)", set.dir, sum.EntR, sum.EntP, set.entR, set.entP)
			}
			if sum.TypedR < set.typedR || sum.TypedP < set.typedP {
				t.Errorf("%s typed relation figures too low: R=%.2f P=%.2f (want R >= %.2f, P >= %.2f)", set.dir, sum.TypedR, sum.TypedP, set.typedR, set.typedP)
			}
		})
	}
}
