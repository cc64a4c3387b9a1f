package graph

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestEntityID(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Bashar al-Assad", "bashar-al-assad"},
		{"KOMID", "komid"},
		{"North Korea", "north-korea"},
		{"St Antony’s College", "st-antonys-college"},
		{"  Démocratie  Congo ", "democratie-congo"},
		{"U.S.", "u-s"},
		{"2006 Israel–Lebanon war", "2006-israel-lebanon-war"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EntityID(tt.name); got != tt.want {
				t.Errorf("EntityID(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestParseRelationType(t *testing.T) {
	tests := []struct {
		in      string
		want    RelationType
		wantErr bool
	}{
		{"SUPPLIES", Supplies, false},
		{"supplies", Supplies, false},
		{"allied-with", AlliedWith, false},
		{" mentioned with ", MentionedWith, false},
		{"SUPPLIES]->() DETACH DELETE n //", "", true},
		{"", "", true},
		{"KNOWS", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseRelationType(tt.in)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("ParseRelationType(%q) error = %v, want ErrInvalid", tt.in, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseRelationType(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseEntityType(t *testing.T) {
	if got, err := ParseEntityType("person"); err != nil || got != Person {
		t.Fatalf("ParseEntityType(person) = %q, %v", got, err)
	}
	if _, err := ParseEntityType("Person`) DETACH DELETE (n"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("injection accepted: %v", err)
	}
}

func TestVocabularySymmetry(t *testing.T) {
	want := map[RelationType]bool{AlliedWith: true, CooperatesWith: true, LinkedTo: true, TradesWith: true, MentionedWith: true}
	if len(Vocabulary()) != 20 {
		t.Fatalf("vocabulary has %d types, want 20", len(Vocabulary()))
	}
	for _, s := range Vocabulary() {
		if s.Symmetric != want[s.Type] {
			t.Errorf("%s symmetric = %v, want %v", s.Type, s.Symmetric, want[s.Type])
		}
	}
}

func TestRelationCanonical(t *testing.T) {
	a := Relation{Source: "syria", Target: "iran", Type: AlliedWith}.Canonical()
	b := Relation{Source: "iran", Target: "syria", Type: AlliedWith}.Canonical()
	if a.Source != "iran" || a.Target != "syria" || a.ID != b.ID {
		t.Fatalf("symmetric relation not canonical: %+v vs %+v", a, b)
	}
	s1 := Relation{Source: "syria", Target: "iran", Type: Supplies}.Canonical()
	s2 := Relation{Source: "iran", Target: "syria", Type: Supplies}.Canonical()
	if s1.Source != "syria" || s1.ID == s2.ID {
		t.Fatalf("directed relation reordered or ids collide: %+v vs %+v", s1, s2)
	}
}

func TestDocumentIDAndEvidenceKey(t *testing.T) {
	if DocumentID([]byte("a")) == DocumentID([]byte("b")) {
		t.Fatal("different content, same document id")
	}
	if DocumentID([]byte("a")) != DocumentID([]byte("a")) {
		t.Fatal("document id not deterministic")
	}
	e := Evidence{DocumentID: "d1", Start: 10, End: 42}
	if e.Key() != "d1:10:42" {
		t.Fatalf("Key() = %q", e.Key())
	}
}

func TestDurationJSON(t *testing.T) {
	b, err := json.Marshal(CypherResult{Elapsed: Duration(1500 * time.Microsecond)})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["elapsedMs"] != 1.5 {
		t.Fatalf("elapsedMs = %v, want 1.5", m["elapsedMs"])
	}
}

func TestCompareRelations(t *testing.T) {
	a := Relation{Source: "iran", Type: Supplies, Target: "syria"}
	tests := []struct {
		name string
		b    Relation
		want int
	}{
		{"equal", a, 0},
		{"source first", Relation{Source: "hezbollah", Type: Supplies, Target: "syria"}, 1},
		{"then type", Relation{Source: "iran", Type: Supports, Target: "syria"}, -1},
		{"then target", Relation{Source: "iran", Type: Supplies, Target: "yemen"}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CompareRelations(a, tt.b); got != tt.want {
				t.Errorf("CompareRelations = %d, want %d", got, tt.want)
			}
		})
	}
}

// Documents that disagree on an entity's type give the same type whatever
// their order: the precedence is a total order, so the preferred type of
// several is their maximum.
func TestPreferTypeOrderIndependent(t *testing.T) {
	if !Country.Outranks(Location) || Location.Outranks(Country) || Country.Outranks(Country) {
		t.Fatal("a Country is a Location: Country must outrank Location, and only one way")
	}
	if !Vessel.Outranks(Item) || !Person.Outranks(EntityType("Unknown")) || EntityType("Unknown").Outranks(Item) {
		t.Fatal("Vessel outranks Item; a known type outranks an unknown one, never the reverse")
	}
	types := EntityTypes()
	for _, a := range types {
		for _, b := range types {
			if a != b && a.Outranks(b) == b.Outranks(a) {
				t.Fatalf("%s and %s: exactly one must outrank the other", a, b)
			}
			for _, c := range types {
				if PreferType(PreferType(a, b), c) != PreferType(a, PreferType(c, b)) {
					t.Fatalf("PreferType depends on the order of %s, %s, %s", a, b, c)
				}
			}
		}
		if n := len(a.Outranked()); n != len(types)-1-slices.Index(typePrecedence, a) {
			t.Fatalf("%s outranks %d types", a, n)
		}
	}
}
