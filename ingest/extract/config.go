package extract

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/seeds"
)

// gazEntry is one curated entity of gazetteer.yaml.
type gazEntry struct {
	Name     string   `yaml:"name"`
	Type     string   `yaml:"type"`
	Aliases  []string `yaml:"aliases"`
	Demonyms []string `yaml:"demonyms"`
	Capitals []string `yaml:"capitals"`
	Country  string   `yaml:"country"`
	Note     string   `yaml:"note"`
	// Unlisted entries are read (what moves in "an arms exporter") but
	// not kept as entities: they name no class an analyst follows.
	Unlisted bool `yaml:"unlisted"`
	// NonState marks an armed group or movement: it acts in its country,
	// it is not part of the state ("Yemen's Houthis" says where, not whose).
	NonState bool `yaml:"nonState"`
}

type gazetteerFile struct {
	Countries     []gazEntry `yaml:"countries"`
	Organizations []gazEntry `yaml:"organizations"`
	People        []gazEntry `yaml:"people"`
	Locations     []gazEntry `yaml:"locations"`
	Events        []gazEntry `yaml:"events"`
	Items         []gazEntry `yaml:"items"`
	Vessels       []gazEntry `yaml:"vessels"`
	// Entities takes entries of any type (Type required).
	Entities   []gazEntry `yaml:"entities"`
	GivenNames []string   `yaml:"given_names"`
}

// relRule is one relation rule of lexicon.yaml.
type relRule struct {
	Type         string   `yaml:"type"`
	Name         string   `yaml:"name"`
	Verbs        []string `yaml:"verbs"`
	Forms        []string `yaml:"forms"`
	Nouns        []string `yaml:"nouns"`
	VerbPreps    []string `yaml:"verb_preps"`
	NounPreps    []string `yaml:"noun_preps"`
	Reverse      bool     `yaml:"reverse"`
	PassiveOnly  bool     `yaml:"passive_only"`
	SourceTypes  []string `yaml:"source_types"`
	TargetTypes  []string `yaml:"target_types"`
	DefenceVerbs []string `yaml:"defence_verbs"`
	PartnerNouns []string `yaml:"partner_nouns"`
	Confidence   float64  `yaml:"confidence"`
}

type lexiconFile struct {
	Relations      []relRule           `yaml:"relations"`
	SymmetricNouns map[string][]string `yaml:"symmetric_nouns"`
	Titles         struct {
		Leader []string `yaml:"leader"`
		Other  []string `yaml:"other"`
	} `yaml:"titles"`
	LightVerbs       []string `yaml:"light_verbs"`
	Copulas          []string `yaml:"copulas"`
	Auxiliaries      []string `yaml:"auxiliaries"`
	ControlWords     []string `yaml:"control_words"`
	Negations        []string `yaml:"negations"`
	PersonnelNouns   []string `yaml:"personnel_nouns"`
	SupportNouns     []string `yaml:"support_nouns"`
	PersonNouns      []string `yaml:"person_nouns"`
	MoneyNouns       []string `yaml:"money_nouns"`
	GroupCorefs      []string `yaml:"group_corefs"`
	OrgHeads         []string `yaml:"org_heads"`
	PartHeads        []string `yaml:"part_heads"`
	LocatedHeads     []string `yaml:"located_heads"`
	OrgCues          []string `yaml:"org_cues"`
	EventCues        []string `yaml:"event_cues"`
	EventPrefixes    []string `yaml:"event_prefixes"`
	LocationCues     []string `yaml:"location_cues"`
	LocationPrefixes []string `yaml:"location_prefixes"`
	LocationPreps    []string `yaml:"location_preps"`
	VesselCues       []string `yaml:"vessel_cues"`
	VesselPrefixes   []string `yaml:"vessel_prefixes"`
	StopWords        []string `yaml:"stop_words"`
	Months           []string `yaml:"months"`
	Days             []string `yaml:"days"`
	Abbreviations    []string `yaml:"abbreviations"`
	AcronymStoplist  []string `yaml:"acronym_stoplist"`
}

// Default builds an Extractor from the gazetteer and lexicon embedded in
// package seeds.
func Default() (*Extractor, error) {
	return New(seeds.Gazetteer(), seeds.Lexicon())
}

// LoadDir builds an Extractor from gazetteer.yaml and lexicon.yaml in dir
// (an analyst's override of the embedded seeds).
func LoadDir(dir string) (*Extractor, error) {
	g, err := os.ReadFile(filepath.Join(dir, "gazetteer.yaml"))
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	l, err := os.ReadFile(filepath.Join(dir, "lexicon.yaml"))
	if err != nil {
		return nil, fmt.Errorf("load lexicon: %w", err)
	}
	return New(g, l)
}

// New builds an Extractor from the bytes of gazetteer.yaml and lexicon.yaml.
// Errors name the file and the offending field.
func New(gazetteerYAML, lexiconYAML []byte) (*Extractor, error) {
	var g gazetteerFile
	if err := decodeStrict(gazetteerYAML, &g); err != nil {
		return nil, fmt.Errorf("gazetteer.yaml: %w", err)
	}
	var l lexiconFile
	if err := decodeStrict(lexiconYAML, &l); err != nil {
		return nil, fmt.Errorf("lexicon.yaml: %w", err)
	}
	if err := validateGazetteer(&g); err != nil {
		return nil, fmt.Errorf("gazetteer.yaml: %w", err)
	}
	if err := validateLexicon(&l); err != nil {
		return nil, fmt.Errorf("lexicon.yaml: %w", err)
	}
	return compile(&g, &l)
}

func decodeStrict(b []byte, v any) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return errors.New("empty file")
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("parse: %w", err)
	}
	return nil
}

func validateGazetteer(g *gazetteerFile) error {
	sections := []struct {
		name string
		list []gazEntry
		typ  graph.EntityType
	}{
		{"countries", g.Countries, graph.Country},
		{"organizations", g.Organizations, graph.Organization},
		{"people", g.People, graph.Person},
		{"locations", g.Locations, graph.Location},
		{"events", g.Events, graph.Event},
		{"items", g.Items, graph.Item},
		{"vessels", g.Vessels, graph.Vessel},
		{"entities", g.Entities, ""},
	}
	n := 0
	for _, s := range sections {
		for i, e := range s.list {
			if strings.TrimSpace(e.Name) == "" {
				return fmt.Errorf("%s[%d]: field name is empty", s.name, i)
			}
			if e.Type != "" {
				t, err := graph.ParseEntityType(e.Type)
				if err != nil {
					return fmt.Errorf("%s[%d] (%s): field type: %w", s.name, i, e.Name, err)
				}
				if s.typ != "" && t != s.typ {
					return fmt.Errorf("%s[%d] (%s): field type %q contradicts section %s", s.name, i, e.Name, e.Type, s.name)
				}
			} else if s.typ == "" {
				return fmt.Errorf("%s[%d] (%s): field type is required in section entities", s.name, i, e.Name)
			}
			for j, a := range append(append(append([]string{}, e.Aliases...), e.Demonyms...), e.Capitals...) {
				if strings.TrimSpace(a) == "" {
					return fmt.Errorf("%s[%d] (%s): alias/demonym/capital %d is empty", s.name, i, e.Name, j)
				}
			}
			n++
		}
	}
	if n == 0 {
		return errors.New("no entities (expected sections countries, organizations, people, locations, events, items)")
	}
	return nil
}

func validateLexicon(l *lexiconFile) error {
	if len(l.Relations) == 0 {
		return errors.New("field relations: no relation rules")
	}
	for i, r := range l.Relations {
		t, err := graph.ParseRelationType(r.Type)
		if err != nil {
			return fmt.Errorf("relations[%d]: field type: %w", i, err)
		}
		if t == graph.MentionedWith {
			return fmt.Errorf("relations[%d]: field type: MENTIONED_WITH is produced by co-occurrence, not by triggers", i)
		}
		if len(r.Verbs)+len(r.Forms)+len(r.Nouns) == 0 {
			return fmt.Errorf("relations[%d] (%s): no verbs, forms or nouns", i, r.Type)
		}
		if r.Confidence < 0 || r.Confidence > 1 {
			return fmt.Errorf("relations[%d] (%s): field confidence %v not in [0,1]", i, r.Type, r.Confidence)
		}
		for _, f := range [][]string{r.SourceTypes, r.TargetTypes} {
			for _, et := range f {
				if _, err := graph.ParseEntityType(et); err != nil {
					return fmt.Errorf("relations[%d] (%s): source_types/target_types: %w", i, r.Type, err)
				}
			}
		}
	}
	for k := range l.SymmetricNouns {
		t, err := graph.ParseRelationType(k)
		if err != nil {
			return fmt.Errorf("symmetric_nouns: key: %w", err)
		}
		if !t.Symmetric() {
			return fmt.Errorf("symmetric_nouns: %s is not a symmetric relation type", k)
		}
	}
	return nil
}

// lowerSet builds a set of lower-cased words.
func lowerSet(lists ...[]string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, w := range l {
			m[strings.ToLower(normQuotes(w))] = true
		}
	}
	return m
}

// exactSet builds a set of words kept in their case.
func exactSet(lists ...[]string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, w := range l {
			m[normQuotes(w)] = true
		}
	}
	return m
}

func normQuotes(s string) string {
	return strings.Map(func(r rune) rune { return normRune(r) }, s)
}

// normRune maps typographic quotes and dashes to their ASCII forms, one rune
// for one rune, so offsets are unchanged.
func normRune(r rune) rune {
	switch r {
	case '\u2019', '\u2018', '\u02bc', '\u2032', '`':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb':
		return '"'
	case '\u2010', '\u2011':
		return '-'
	case '\u00a0', '\u2009', '\u202f':
		return ' '
	}
	return r
}

// inflectVerb returns the regular forms of a verb lemma.
func inflectVerb(lemma string) []string {
	l := lemma
	out := []string{l}
	n := len(l)
	if n == 0 {
		return out
	}
	last := l[n-1]
	isVowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	// third person
	switch {
	case strings.HasSuffix(l, "y") && n > 1 && !isVowel(l[n-2]):
		out = append(out, l[:n-1]+"ies", l[:n-1]+"ied")
	case strings.HasSuffix(l, "s") || strings.HasSuffix(l, "sh") || strings.HasSuffix(l, "ch") || strings.HasSuffix(l, "x") || strings.HasSuffix(l, "z") || strings.HasSuffix(l, "o"):
		out = append(out, l+"es")
	default:
		out = append(out, l+"s")
	}
	// past
	switch {
	case strings.HasSuffix(l, "y") && n > 1 && !isVowel(l[n-2]):
	case last == 'e':
		out = append(out, l+"d")
	default:
		out = append(out, l+"ed")
		if n >= 3 && !isVowel(last) && isVowel(l[n-2]) && !isVowel(l[n-3]) && last != 'w' && last != 'x' && last != 'y' {
			out = append(out, l+string(last)+"ed", l+string(last)+"ing")
		}
	}
	// gerund
	switch {
	case last == 'e' && !strings.HasSuffix(l, "ee"):
		out = append(out, l[:n-1]+"ing")
	default:
		out = append(out, l+"ing")
	}
	return out
}

// pluralize returns plural forms of a noun (the word itself included).
func pluralize(w string) []string {
	n := len(w)
	if n == 0 {
		return nil
	}
	out := []string{w}
	isVowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	switch {
	case strings.HasSuffix(w, "y") && n > 1 && !isVowel(w[n-2]):
		out = append(out, w[:n-1]+"ies")
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "x"):
		out = append(out, w+"es")
	default:
		out = append(out, w+"s")
	}
	return out
}

// singularize derives singular forms of a (lower-case or mixed) plural phrase's
// last word: "ballistic missiles" → "ballistic missile".
var pluraliaTantum = map[string]bool{"arms": true, "goods": true, "means": true, "headquarters": true}

func singularize(phrase string) []string {
	i := strings.LastIndexByte(phrase, ' ')
	head, last := phrase[:i+1], phrase[i+1:]
	if pluraliaTantum[strings.ToLower(last)] {
		return nil // "arms" is not the plural of "arm" ("its commercial arm")
	}
	var out []string
	switch {
	case strings.HasSuffix(last, "ies") && len(last) > 4:
		out = append(out, head+last[:len(last)-3]+"y")
	case strings.HasSuffix(last, "ses") || strings.HasSuffix(last, "shes") || strings.HasSuffix(last, "ches") || strings.HasSuffix(last, "xes"):
		out = append(out, head+last[:len(last)-2])
	case strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") && len(last) > 3:
		out = append(out, head+last[:len(last)-1])
	}
	if len(out) == 1 && strings.ToUpper(last) == last { // acronym plural: UAVs → UAV
		return out
	}
	return out
}

func isAllUpper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters >= 2
}
