// Package goldscore scores an extraction against a gold annotation, as
// ../shared/eval/score.py does: entity recall over core entities and
// precision over all extracted ones, pair recall, typed relation recall
// over core relations and precision against all gold relations.
package goldscore

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/reader"
)

// Gold mirrors ../shared/eval/seed-gold.json.
type Gold struct {
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
		// Evidence is the text that states the relation, as written in
		// the document.
		Evidence string `json:"evidence"`
	} `json:"relations"`
}

// Scores are the figures of ../shared/eval/score.py, with the misses.
type Scores struct {
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

// Norm is score.py's norm().
func Norm(s string) string {
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(s)
	s = strings.TrimSpace(strings.ToLower(s))
	s = strings.TrimSuffix(s, "'s")
	s = strings.TrimPrefix(s, "the ")
	return strings.TrimSpace(reNonAlnum.ReplaceAllString(s, " "))
}

// Resolver returns score.py's matching of an extracted entity to the gold:
// the gold name whose name or alias equals one of the entity's names
// (compared by Norm), or "".
func (g Gold) Resolver() func(e graph.Entity) string {
	key := map[string]string{}
	for _, e := range g.Entities {
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			if k := Norm(s); key[k] == "" {
				key[k] = e.Name
			}
		}
	}
	return func(e graph.Entity) string {
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			if v, ok := key[Norm(s)]; ok {
				return v
			}
		}
		return ""
	}
}

// Score reimplements ../shared/eval/score.py in Go.
func Score(g Gold, ext graph.Extraction) Scores {
	core := map[string]bool{}
	for _, e := range g.Entities {
		if e.Core {
			core[e.Name] = true
		}
	}
	resolve := g.Resolver()
	var sc Scores
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

// Load reads a gold file.
func Load(path string) (Gold, error) {
	var g Gold
	b, err := os.ReadFile(path)
	if err != nil {
		return g, fmt.Errorf("gold %s: %w", path, err)
	}
	if err := json.Unmarshal(b, &g); err != nil {
		return g, fmt.Errorf("gold %s: %w", path, err)
	}
	return g, nil
}

// Document is an annotated document: its set, its gold annotation and its
// text as the reader gives it to extraction.
type Document struct {
	Set, Name string
	Gold      Gold
	Doc       graph.Document
}

// maxDocBytes bounds an annotated document (they are a few KB).
const maxDocBytes = 8 << 20

// LoadSets reads every SET/NAME.gold.json under dir with its document
// (SET/NAME.txt, .md, .html or .pdf), in path order, leaving out the sets
// skip names.
func LoadSets(dir string, skip func(set string) bool) ([]Document, error) {
	golds, err := filepath.Glob(filepath.Join(dir, "*", "*.gold.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(golds)
	var out []Document
	for _, g := range golds {
		set := filepath.Base(filepath.Dir(g))
		if skip != nil && skip(set) {
			continue
		}
		base := strings.TrimSuffix(g, ".gold.json")
		matches, _ := filepath.Glob(base + ".*")
		path := ""
		for _, m := range matches {
			if !strings.HasSuffix(m, ".gold.json") {
				path = m
			}
		}
		if path == "" {
			return nil, fmt.Errorf("gold %s: no document beside it", g)
		}
		gold, err := Load(g)
		if err != nil {
			return nil, err
		}
		text, raw, err := reader.ReadFile(path, maxDocBytes)
		if err != nil {
			return nil, err
		}
		out = append(out, Document{Set: set, Name: filepath.Base(base), Gold: gold,
			Doc: graph.Document{ID: graph.DocumentID(raw), Text: text.Body, Path: path}})
	}
	return out, nil
}
