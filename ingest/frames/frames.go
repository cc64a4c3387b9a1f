// Package frames reads typed relations off a dependency parse: it
// interprets the frames of seeds/frames.yaml (which dependents of a
// trigger verb or role noun are a relation's source and target) over the
// sentences, tokens and parse of package nlp, between the entities that
// extraction already found. The declarations are data; this package only
// knows the grammar every frame shares — voice, participles, relative
// clauses, coordination, apposition, possessives — and what keeps a
// statement out (negation, hypotheticals, denials).
package frames

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/nexus-graph/nexus/graph"
)

// Role says which end of a relation a dependent fills.
type Role string

// The two ends of a relation.
const (
	Source Role = "source"
	Target Role = "target"
)

// VerbFrame declares a trigger verb's arguments in the active voice.
type VerbFrame struct {
	Type    graph.RelationType `yaml:"type"`
	Lemmas  []string           `yaml:"lemmas"`
	Subject Role               `yaml:"subject"`
	Object  Role               `yaml:"object"`
	Preps   map[string]Role    `yaml:"preps"`
	// Dative is the role of an indirect object ("gave the group $5m").
	Dative Role `yaml:"dative"`
	// Moves restricts the frame by what its direct object is: "money"
	// (the frame applies only to sums: "moved $2m to X" finances X) or
	// "goods" (it does not apply to sums).
	Moves string `yaml:"moves"`
	// Objects restricts the frame to clauses whose direct object (or
	// passive subject) is one of these nouns: "imposed sanctions on X"
	// designates X, "imposed a fee on X" does not.
	Objects []string `yaml:"objects"`
	// Agentless says where a passive without its by-phrase finds the
	// subject's role: "previous" takes the source of the last relation of
	// the frame's type read before it in the document ("OFAC designated
	// X ... Y was also designated"); empty leaves the relation out.
	Agentless string `yaml:"agentless"`
	// Echo "previous" makes the verb repeat the last relation of the
	// frame's type read in the sentences just before it, with its own
	// subject as the source ("The EU listed X. Canada followed in May.").
	Echo string `yaml:"echo"`
	// Through names prepositions by which a target that is a common noun
	// stands for the party or place after it ("shelled villages in X",
	// "attacked positions of X").
	Through []string `yaml:"through"`
	// StandIns are the common nouns Through reads past (villages,
	// positions); other nouns are what was attacked ("ships in the Red
	// Sea" are not the Red Sea).
	StandIns    []string           `yaml:"standIns"`
	SourceTypes []graph.EntityType `yaml:"sourceTypes"`
	TargetTypes []graph.EntityType `yaml:"targetTypes"`
}

// NounFrame declares a role noun: the noun's holder ("X" in "X, the
// director of Y") and its complement ("Y").
type NounFrame struct {
	Type   graph.RelationType `yaml:"type"`
	Lemmas []string           `yaml:"lemmas"`
	Holder Role               `yaml:"holder"`
	Preps  []string           `yaml:"preps"`
	// Compound takes a name compounded before the noun as its complement
	// whatever its type ("a Gao company" is in Gao); without
	// it only an organisation's name is ("a KOMID official").
	Compound bool `yaml:"compound"`
	// Qualifiers are words that, before another frame's role noun, make
	// the office this frame's: a "deputy commander" is a member of the
	// force, not its leader.
	Qualifiers  []string           `yaml:"qualifiers"`
	SourceTypes []graph.EntityType `yaml:"sourceTypes"`
	TargetTypes []graph.EntityType `yaml:"targetTypes"`
}

// RecordField declares a field of a record ("Registered owner: X" under
// an entry about a ship): the relation between the record's subject and
// the first entity of the field's value, and which end the subject is.
type RecordField struct {
	Type       graph.RelationType `yaml:"type"`
	Labels     []string           `yaml:"labels"`
	Subject    Role               `yaml:"subject"`
	ValueTypes []graph.EntityType `yaml:"valueTypes"`
	// ByRoleNoun takes the type from the office the value names before
	// its entity ("Position: General Director, X" → LEADS): the first
	// word a person-holder noun frame declares; Type when none does.
	ByRoleNoun bool `yaml:"byRoleNoun"`
}

// Set is a loaded frames file, indexed by lemma.
type Set struct {
	verbs map[string][]*VerbFrame
	nouns map[string][]*NounFrame
	// qualifiers: a word before a role noun → the frame it makes the office
	qualifiers map[string]*NounFrame
	fields     map[string]*RecordField // by label, lower case
	// heads are the labels whose value names the record's subject.
	heads map[string]bool
	// narratives are the labels whose value tells in prose what the
	// record's subject did, mostly leaving the subject unsaid ("Basis for
	// listing: Owner of X; paid the debts of Y").
	narratives map[string]bool
	// noReferences turns off pronoun and description resolution
	// (ablation: what references contribute).
	noReferences bool
}

// Without returns a copy of s without the verb frames (kind "verb"), noun
// frames ("noun") or both ("") of the given relation types; with no types,
// without all of that kind. It serves ablations: what a family of frames
// contributes is measured by taking it away.
func (s *Set) Without(kind string, types ...graph.RelationType) *Set {
	drop := func(t graph.RelationType) bool { return len(types) == 0 || slices.Contains(types, t) }
	out := &Set{verbs: map[string][]*VerbFrame{}, nouns: map[string][]*NounFrame{}, noReferences: s.noReferences,
		fields: map[string]*RecordField{}, heads: s.heads, narratives: s.narratives, qualifiers: map[string]*NounFrame{}}
	for q, f := range s.qualifiers {
		if kind == "verb" || !drop(f.Type) {
			out.qualifiers[q] = f
		}
	}
	for l, f := range s.fields {
		if kind == "verb" || kind == "noun" || !drop(f.Type) {
			out.fields[l] = f
		}
	}
	for l, fs := range s.verbs {
		for _, f := range fs {
			if kind == "noun" || !drop(f.Type) {
				out.verbs[l] = append(out.verbs[l], f)
			}
		}
	}
	for l, fs := range s.nouns {
		for _, f := range fs {
			if kind == "verb" || !drop(f.Type) {
				out.nouns[l] = append(out.nouns[l], f)
			}
		}
	}
	return out
}

// WithoutReferences returns a copy of s that reads no pronoun or
// definite description as an entity.
func (s *Set) WithoutReferences() *Set {
	out := *s
	out.noReferences = true
	return &out
}

type file struct {
	Verbs   []*VerbFrame `yaml:"verbs"`
	Nouns   []*NounFrame `yaml:"nouns"`
	Records struct {
		Heads      []string       `yaml:"heads"`
		Narratives []string       `yaml:"narratives"`
		Fields     []*RecordField `yaml:"fields"`
	} `yaml:"records"`
}

// Load parses a frames file, refusing unknown fields, relation or entity
// types outside the vocabulary and roles other than source and target.
func Load(data []byte) (*Set, error) {
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("frames: %w", err)
	}
	s := &Set{verbs: map[string][]*VerbFrame{}, nouns: map[string][]*NounFrame{}, fields: map[string]*RecordField{}, heads: map[string]bool{},
		qualifiers: map[string]*NounFrame{}}
	for _, h := range f.Records.Heads {
		s.heads[strings.ToLower(h)] = true
	}
	s.narratives = map[string]bool{}
	for _, n := range f.Records.Narratives {
		n = strings.ToLower(n)
		if s.heads[n] {
			return nil, fmt.Errorf("frames: narrative label %q is also a head: %w", n, graph.ErrInvalid)
		}
		s.narratives[n] = true
	}
	for i, r := range f.Records.Fields {
		where := fmt.Sprintf("frames: record field %d (%s)", i+1, r.Type)
		if err := checkCommon(where, r.Type, r.Labels, nil, r.ValueTypes); err != nil {
			return nil, err
		}
		if r.Subject != Source && r.Subject != Target {
			return nil, fmt.Errorf("%s: subject %q: %w (want source or target)", where, r.Subject, graph.ErrInvalid)
		}
		for _, l := range r.Labels {
			l = strings.ToLower(l)
			if _, dup := s.fields[l]; dup || s.heads[l] || s.narratives[l] {
				return nil, fmt.Errorf("%s: label %q declared twice: %w", where, l, graph.ErrInvalid)
			}
			s.fields[l] = r
		}
	}
	for i, v := range f.Verbs {
		where := fmt.Sprintf("frames: verb frame %d (%s)", i+1, v.Type)
		if err := checkCommon(where, v.Type, v.Lemmas, v.SourceTypes, v.TargetTypes); err != nil {
			return nil, err
		}
		if v.Moves != "" && v.Moves != "money" && v.Moves != "goods" {
			return nil, fmt.Errorf("%s: moves %q: %w (want money or goods)", where, v.Moves, graph.ErrInvalid)
		}
		if v.Echo != "" && (v.Echo != "previous" || v.Subject != Source) {
			return nil, fmt.Errorf("%s: echo %q: %w (want previous, on a frame whose subject is the source)", where, v.Echo, graph.ErrInvalid)
		}
		if v.Agentless != "" && (v.Agentless != "previous" || v.Subject != Source) {
			return nil, fmt.Errorf("%s: agentless %q: %w (want previous, on a frame whose subject is the source)", where, v.Agentless, graph.ErrInvalid)
		}
		roles := []Role{v.Subject, v.Object, v.Dative}
		for _, r := range v.Preps {
			roles = append(roles, r)
		}
		for _, r := range roles {
			if r != "" && r != Source && r != Target {
				return nil, fmt.Errorf("%s: role %q: %w (want source or target)", where, r, graph.ErrInvalid)
			}
		}
		for _, l := range v.Lemmas {
			s.verbs[strings.ToLower(l)] = append(s.verbs[strings.ToLower(l)], v)
		}
	}
	for i, n := range f.Nouns {
		where := fmt.Sprintf("frames: noun frame %d (%s)", i+1, n.Type)
		if err := checkCommon(where, n.Type, n.Lemmas, n.SourceTypes, n.TargetTypes); err != nil {
			return nil, err
		}
		if n.Holder != Source && n.Holder != Target {
			return nil, fmt.Errorf("%s: holder %q: %w (want source or target)", where, n.Holder, graph.ErrInvalid)
		}
		if len(n.Preps) == 0 {
			n.Preps = []string{"of"}
		}
		for _, l := range n.Lemmas {
			s.nouns[strings.ToLower(l)] = append(s.nouns[strings.ToLower(l)], n)
		}
		for _, q := range n.Qualifiers {
			if s.qualifiers[strings.ToLower(q)] != nil {
				return nil, fmt.Errorf("%s: qualifier %q declared twice: %w", where, q, graph.ErrInvalid)
			}
			s.qualifiers[strings.ToLower(q)] = n
		}
	}
	return s, nil
}

func checkCommon(where string, t graph.RelationType, lemmas []string, src, tgt []graph.EntityType) error {
	if !t.Valid() {
		return fmt.Errorf("%s: relation type %q: %w", where, t, graph.ErrInvalid)
	}
	if len(lemmas) == 0 {
		return fmt.Errorf("%s: no lemmas: %w", where, graph.ErrInvalid)
	}
	for _, et := range append(append([]graph.EntityType(nil), src...), tgt...) {
		if !et.Valid() {
			return fmt.Errorf("%s: entity type %q: %w", where, et, graph.ErrInvalid)
		}
	}
	return nil
}

// allows reports whether a frame's type restrictions admit the pair.
func allows(src, tgt []graph.EntityType, s, t graph.EntityType) bool {
	ok := func(list []graph.EntityType, et graph.EntityType) bool {
		if len(list) == 0 {
			return true
		}
		for _, x := range list {
			if x == et {
				return true
			}
		}
		return false
	}
	return ok(src, s) && ok(tgt, t)
}
