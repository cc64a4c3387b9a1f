package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest"
	"github.com/nexus-graph/nexus/ingest/relclass"
)

// gaps says why the pipeline (with a classifier trained without the set)
// misses each core relation of each set, as counts per cause: where the
// recall is lost decides what to build next. With detail, the missed
// relations of development sets are printed too; held-out sets are never
// loaded by this command.
func gaps(docs []*doc, detail bool) {
	sets := map[string][]*doc{}
	for _, d := range docs {
		sets[d.set] = append(sets[d.set], d)
	}
	var names []string
	for s := range sets {
		names = append(names, s)
	}
	sort.Strings(names)
	causes := []string{"found", "endpoint not extracted", "no pair in its sentence", "evidence spans sentences",
		"clause not asserted", "classifier: none", "classifier: other type", "classifier: below threshold", "learned, not in gold"}
	total := map[string]int{}
	for _, s := range names {
		m := trainWithout(docs, s)
		count := map[string]int{}
		for _, d := range sets[s] {
			for _, g := range gapsOf(d, m) {
				count[g.cause]++
				total[g.cause]++
				if detail && g.cause != "found" {
					fmt.Printf("  %s/%s %-28s %s -%s-> %s  | %s\n", d.set, d.doc.Path[strings.LastIndex(d.doc.Path, "/")+1:], g.cause, g.src, g.typ, g.dst, g.note)
				}
			}
		}
		line := fmt.Sprintf("%-8s", s)
		for _, c := range causes {
			if count[c] > 0 {
				line += fmt.Sprintf(" | %s %d", c, count[c])
			}
		}
		fmt.Println(line)
	}
	line := "all     "
	for _, c := range causes {
		if total[c] > 0 {
			line += fmt.Sprintf(" | %s %d", c, total[c])
		}
	}
	fmt.Println(line)
}

type gap struct {
	cause, src, typ, dst, note string
}

// gapsOf classifies every core relation of d's gold.
func gapsOf(d *doc, m *relclass.Model) []gap {
	byGold := d.gold.Resolver()
	resolve := func(e *graph.Entity) string { return byGold(*e) }
	asserted := map[*relclass.Candidate]bool{}
	ok := ingest.AssertedOnly(d.parse, d.cands)
	for i := range d.cands {
		for j := range ok {
			if ok[j].A == d.cands[i].A && ok[j].B == d.cands[i].B && ok[j].Sent == d.cands[i].Sent {
				asserted[&d.cands[i]] = true
			}
		}
	}
	found := m.Read(d.doc, d.parse, ok)
	both := d.base
	both.Relations = ingest.AddReadings(append([]graph.Relation(nil), d.base.Relations...), found)
	byID := map[string]string{}
	extracted := map[string]bool{}
	for i := range both.Entities {
		r := resolve(&both.Entities[i])
		byID[both.Entities[i].ID] = r
		extracted[r] = true
	}
	got := map[string]bool{}
	for _, r := range both.Relations {
		s, o := byID[r.Source], byID[r.Target]
		got[s+"|"+string(r.Type)+"|"+o] = true
		if graph.RelationType(r.Type).Symmetric() {
			got[o+"|"+string(r.Type)+"|"+s] = true
		}
	}
	var out []gap
	gold := map[string]bool{}
	for _, r := range d.gold.Relations {
		gold[r.Source+"|"+r.Type+"|"+r.Target] = true
		if graph.RelationType(r.Type).Symmetric() {
			gold[r.Target+"|"+r.Type+"|"+r.Source] = true
		}
	}
	base := map[string]bool{}
	for _, r := range d.base.Relations {
		base[r.ID] = true
	}
	for _, r := range found {
		s, o := byID[r.Source], byID[r.Target]
		if base[r.ID] || s == "" || o == "" || gold[s+"|"+string(r.Type)+"|"+o] {
			continue
		}
		out = append(out, gap{cause: "learned, not in gold", src: s, typ: string(r.Type), dst: o, note: r.Evidence[0].Sentence})
	}
	for _, r := range d.gold.Relations {
		if !r.Core {
			continue
		}
		g := gap{src: r.Source, typ: r.Type, dst: r.Target}
		switch {
		case got[r.Source+"|"+r.Type+"|"+r.Target]:
			g.cause = "found"
		case !extracted[r.Source] || !extracted[r.Target]:
			g.cause = "endpoint not extracted"
		default:
			start, end := -1, -1
			if i := strings.Index(d.doc.Text, r.Evidence); r.Evidence != "" && i >= 0 {
				start = len([]rune(d.doc.Text[:i]))
				end = start + len([]rune(r.Evidence))
			}
			var cand *relclass.Candidate
			for i := range d.cands {
				c := &d.cands[i]
				a, b := resolve(c.A), resolve(c.B)
				if !(a == r.Source && b == r.Target || a == r.Target && b == r.Source) {
					continue
				}
				s := d.parse.Sents[c.Sent]
				if start < s.End && s.Start < end {
					cand = c
					break
				}
			}
			if cand == nil {
				g.cause = "no pair in its sentence"
				nsent := 0
				for _, s := range d.parse.Sents {
					if start < s.End && s.Start < end {
						nsent++
					}
				}
				if nsent > 1 {
					g.cause = "evidence spans sentences"
				}
				g.note = r.Evidence
				break
			}
			class, p := m.Predict(cand.Features)
			want := relclass.Label(graph.RelationType(r.Type), resolve(cand.A) == r.Source)
			g.note = fmt.Sprintf("%s %.2f | %s", class, p, strings.Join(cand.Features, " "))
			switch {
			case !asserted[cand]:
				g.cause = "clause not asserted"
			case class == relclass.None:
				g.cause = "classifier: none"
			case class != want:
				g.cause = "classifier: other type"
			default:
				g.cause = "classifier: below threshold"
			}
		}
		out = append(out, g)
	}
	return out
}
