package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// goldFile mirrors ../shared/eval/seed-gold.json.
type goldFile struct {
	Entities []struct {
		Name    string   `json:"name"`
		Type    string   `json:"type"`
		Aliases []string `json:"aliases"`
		Core    bool     `json:"core"`
	} `json:"entities"`
	Negatives []string `json:"negatives"`
	Relations []struct {
		Source string `json:"source"`
		Type   string `json:"type"`
		Target string `json:"target"`
		Core   bool   `json:"core"`
	} `json:"relations"`
}

// scores are the figures of ../shared/eval/score.py.
type scores struct {
	EntR, EntP, PairR, TypedR, TypedP float64
	NEnt, NRel                        int
	MissedEnt, WrongEnt               []string
	MissedRel, WrongRel               []string
}

var (
	reNonAlnum = regexp.MustCompile(`[^a-z0-9]+`)
	scoreSym   = map[string]bool{"ALLIED_WITH": true, "COOPERATES_WITH": true, "LINKED_TO": true, "TRADES_WITH": true}
	scoreWeak  = map[string]bool{"MENTIONED_WITH": true, "CO_OCCURS": true, "MENTIONS": true}
)

// scoreNorm is score.py's norm().
func scoreNorm(s string) string {
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(s)
	s = strings.TrimSpace(strings.ToLower(s))
	s = strings.TrimSuffix(s, "'s")
	s = strings.TrimPrefix(s, "the ")
	return strings.TrimSpace(reNonAlnum.ReplaceAllString(s, " "))
}

// score reimplements ../shared/eval/score.py in Go.
func score(g goldFile, ext graph.Extraction) scores {
	key := map[string]string{}
	core := map[string]bool{}
	for _, e := range g.Entities {
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			k := scoreNorm(s)
			if _, ok := key[k]; !ok {
				key[k] = e.Name
			}
		}
		if e.Core {
			core[e.Name] = true
		}
	}
	resolve := func(e graph.Entity) string {
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			if v, ok := key[scoreNorm(s)]; ok {
				return v
			}
		}
		return ""
	}
	var sc scores
	byID := map[string]string{}
	matched := map[string]bool{}
	good := 0
	for _, e := range ext.Entities {
		r := resolve(e)
		byID[e.ID] = r
		if r != "" {
			good++
			matched[r] = true
		} else {
			sc.WrongEnt = append(sc.WrongEnt, e.Name)
		}
	}
	hit := 0
	for c := range core {
		if matched[c] {
			hit++
		} else {
			sc.MissedEnt = append(sc.MissedEnt, c)
		}
	}
	sc.EntR = float64(hit) / float64(max(1, len(core)))
	sc.EntP = float64(good) / float64(max(1, len(ext.Entities)))
	sc.NEnt = len(ext.Entities)
	canon := func(s, t, o string) string {
		if scoreSym[t] && o < s {
			s, o = o, s
		}
		return s + "|" + t + "|" + o
	}
	pair := func(a, b string) string {
		if b < a {
			a, b = b, a
		}
		return a + "|" + b
	}
	goldAll, goldCore, corePairs := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, r := range g.Relations {
		goldAll[canon(r.Source, r.Type, r.Target)] = true
		if r.Core {
			goldCore[canon(r.Source, r.Type, r.Target)] = true
			corePairs[pair(r.Source, r.Target)] = true
		}
	}
	sysTrip, sysPairs := map[string]bool{}, map[string]bool{}
	for _, r := range ext.Relations {
		t := string(r.Type)
		if scoreWeak[t] {
			continue
		}
		s, o := byID[r.Source], byID[r.Target]
		if s == "" || o == "" {
			sysTrip["?|"+t+"|?"+r.ID] = true
			continue
		}
		sysTrip[canon(s, t, o)] = true
		sysPairs[pair(s, o)] = true
	}
	ph := 0
	for p := range corePairs {
		if sysPairs[p] {
			ph++
		}
	}
	sc.PairR = float64(ph) / float64(max(1, len(corePairs)))
	th := 0
	for t := range goldCore {
		if sysTrip[t] {
			th++
		} else {
			sc.MissedRel = append(sc.MissedRel, t)
		}
	}
	sc.TypedR = float64(th) / float64(max(1, len(goldCore)))
	tp := 0
	for t := range sysTrip {
		if goldAll[t] {
			tp++
		} else if !strings.HasPrefix(t, "?") {
			sc.WrongRel = append(sc.WrongRel, t)
		}
	}
	sc.TypedP = float64(tp) / float64(max(1, len(sysTrip)))
	sc.NRel = len(sysTrip)
	for _, l := range [][]string{sc.MissedEnt, sc.WrongEnt, sc.MissedRel, sc.WrongRel} {
		sort.Strings(l)
	}
	return sc
}

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
			if scoreNorm(e.Name) == scoreNorm(neg) {
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
