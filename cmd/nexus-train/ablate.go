package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest"
	"github.com/nexus-graph/nexus/ingest/relclass"
	"github.com/nexus-graph/nexus/internal/goldscore"
)

// ablate measures what each token rule family adds to the pipeline when
// the classifier never saw the set it is scored on: per family, the macro
// typed R / P over all sets and over recent ones with that family's
// evidence taken away. A family whose removal costs no recall on text the
// rules were not written from does not pay for itself.
func ablate(docs []*doc, recent []string) {
	models := map[string]*relclass.Model{}
	for _, s := range setNames(docs) {
		models[s] = trainWithout(docs, s)
	}
	learned := map[*doc][]graph.Relation{}
	count := map[string]int{}
	for _, d := range docs {
		learned[d] = models[d.set].Read(d.doc, d.parse, ingest.AssertedOnly(d.parse, d.cands))
		for _, r := range d.base.Relations {
			for _, ev := range r.Evidence {
				count[family(ev.Rule)]++
			}
		}
	}
	var fams []string
	for f := range count {
		if f != "co-occurrence" && f != "frame" && f != "" {
			fams = append(fams, f)
		}
	}
	sort.Slice(fams, func(i, j int) bool {
		return count[fams[i]] > count[fams[j]] || count[fams[i]] == count[fams[j]] && fams[i] < fams[j]
	})
	score := func(drop string) (all, rec [2]float64) {
		per := map[string][3]float64{}
		for _, d := range docs {
			x := d.base
			x.Relations = withoutFamily(x.Relations, drop)
			x.Relations = ingest.AddReadings(x.Relations, learned[d])
			sc := goldscore.Score(d.gold, x)
			v := per[d.set]
			per[d.set] = [3]float64{v[0] + sc.TypedR, v[1] + sc.TypedP, v[2] + 1}
		}
		var na, nr float64
		for s, v := range per {
			r, p := v[0]/v[2], v[1]/v[2]
			all[0], all[1], na = all[0]+r, all[1]+p, na+1
			for _, q := range recent {
				if q == s {
					rec[0], rec[1], nr = rec[0]+r, rec[1]+p, nr+1
				}
			}
		}
		return [2]float64{all[0] / na, all[1] / na}, [2]float64{rec[0] / max(nr, 1), rec[1] / max(nr, 1)}
	}
	a0, r0 := score("")
	fmt.Printf("| family | evidence | all typed R | all typed P | %s typed R | typed P |\n|---|---|---|---|---|---|\n", strings.Join(recent, "+"))
	fmt.Printf("| (pipeline, leave-one-set-out classifier) | | %.3f | %.3f | %.3f | %.3f |\n", a0[0], a0[1], r0[0], r0[1])
	for _, f := range fams {
		a, r := score(f)
		fmt.Printf("| - %s | %d | %+.3f | %+.3f | %+.3f | %+.3f |\n", f, count[f], a[0]-a0[0], a[1]-a0[1], r[0]-r0[0], r[1]-r0[1])
	}
}

func family(rule string) string {
	f, _, _ := strings.Cut(rule, ":")
	return f
}

// withoutFamily takes away a token rule family's evidence, and the
// relations left with none.
func withoutFamily(rels []graph.Relation, fam string) []graph.Relation {
	if fam == "" {
		return append([]graph.Relation(nil), rels...)
	}
	var out []graph.Relation
	for _, r := range rels {
		var kept []graph.Evidence
		for _, ev := range r.Evidence {
			if family(ev.Rule) != fam {
				kept = append(kept, ev)
			}
		}
		if len(kept) > 0 {
			r.Evidence = kept
			out = append(out, r)
		}
	}
	return out
}
