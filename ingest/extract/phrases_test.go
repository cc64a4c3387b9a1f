package extract

import (
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// TestGeneralRules covers the rule families added after the blind
// measurement: one row per linguistic phenomenon, with sentences written
// for the test (not taken from any scored document).
func TestGeneralRules(t *testing.T) {
	type rel struct {
		src string
		typ graph.RelationType
		tgt string
	}
	cases := []struct {
		name   string
		text   string
		want   []rel
		absent []rel
	}{
		{"compound backed, apposed before", "Hamas, the Qatar-backed movement, rejected the plan.",
			[]rel{{"Qatar", graph.Supports, "Hamas"}}, nil},
		{"compound based, apposed after", "Funds moved through a Sharjah-based broker, Blue Dune Trading, last year.",
			[]rel{{"Blue Dune Trading", graph.LocatedIn, "Sharjah"}}, nil},
		{"compound flagged vessel", "The Togo-flagged tanker Sea Lark docked at Latakia.",
			[]rel{{"Sea Lark", graph.LinkedTo, "Togo"}}, nil},
		{"at the direction of", "Ivan Petrov, acting at the direction of Omar Khalil, bought the parts.",
			[]rel{{"Omar Khalil", graph.Operates, "Ivan Petrov"}}, nil},
		{"on behalf of after a relative", "Sabalan Industries, which builds engines on behalf of the Quds Force, was named.",
			[]rel{{"Sabalan Industries", graph.Supports, "Quds Force"}}, nil},
		{"on behalf of a place is not support", "Firms in Gambia were used on behalf of the Quds Force.",
			nil, []rel{{"Gambia", graph.Supports, "Quds Force"}}},
		{"copula subject of a reduced passive", "Orion Shipping Ltd. was a front company controlled by Hassan Nouri.",
			[]rel{{"Hassan Nouri", graph.Operates, "Orion Shipping Ltd."}}, nil},
		{"coordinated participles share the patient", "Orion Shipping Ltd. was a shell company owned by Hassan Nouri and registered in Panama.",
			[]rel{{"Orion Shipping Ltd.", graph.LocatedIn, "Panama"}}, nil},
		{"parenthesised short form", "Delta Marine Services LLC (\"Delta\") is based in Malta. Delta shipped rifles to Libya.",
			[]rel{{"Delta Marine Services LLC", graph.Supplies, "Libya"}, {"Delta Marine Services LLC", graph.LocatedIn, "Malta"}}, nil},
		{"he resolves to the last person", "Karim Haddad runs a currency exchange. He was sanctioned by the European Union in 2022.",
			[]rel{{"European Union", graph.Sanctioned, "Karim Haddad"}}, nil},
		{"aside between subject and verb", "Egypt, for its part, has condemned the Houthis.",
			[]rel{{"Egypt", graph.Opposes, "Houthis"}}, nil},
		{"causative passive", "Hassan Nouri bought the valves and caused them to be shipped to Orion Shipping Ltd. in Dubai.",
			[]rel{{"Hassan Nouri", graph.Supplies, "Orion Shipping Ltd."}}, nil},
		{"employed by", "Ali Rezaei was employed by the Aerospace Industries Organization.",
			[]rel{{"Ali Rezaei", graph.MemberOf, "Aerospace Industries Organization"}}, nil},
		{"money verb with amount", "Hassan Nouri wired $3 million to Orion Shipping Ltd.",
			[]rel{{"Hassan Nouri", graph.Finances, "Orion Shipping Ltd."}}, nil},
		{"non-restrictive relative after a preposition", "Iran sent parts to Sabalan Industries, which manufactures the Shahed-136.",
			[]rel{{"Sabalan Industries", graph.Produces, "Shahed-136"}}, []rel{{"Iran", graph.Produces, "Shahed-136"}}},
		{"kin and command apposition", "The cargo belonged to Maher al-Assad, the brother of Bashar al-Assad and commander of the Fourth Division.",
			[]rel{{"Maher al-Assad", graph.LinkedTo, "Bashar al-Assad"}, {"Maher al-Assad", graph.Leads, "Fourth Division"}}, nil},
		{"leader title across a comma", "The Houthis' leader, Abdul-Malik al-Houthi, spoke on Thursday.",
			[]rel{{"Abdul-Malik al-Houthi", graph.Leads, "Houthis"}}, nil},
		{"coordinated subjects in capitals with an aside", "The defendant IVAN PETROV owned ORION SHIPPING LTD. (\"Orion\"). The defendants IVAN PETROV and ORION SHIPPING LTD., together with others, did knowingly and willfully conspire to export valves to Iran.",
			[]rel{{"Ivan Petrov", graph.Supplies, "Iran"}, {"Orion Shipping Ltd.", graph.Supplies, "Iran"}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ext := run(t, tc.text)
			for _, w := range tc.want {
				if !hasRel(ext, w.src, w.typ, w.tgt) {
					t.Errorf("missing %s %s %s; got %s", w.src, w.typ, w.tgt, relSummary(ext))
				}
			}
			for _, w := range tc.absent {
				if hasRel(ext, w.src, w.typ, w.tgt) {
					t.Errorf("unexpected %s %s %s", w.src, w.typ, w.tgt)
				}
			}
		})
	}
}

// TestGeneralEntities covers the entity rules added after the blind
// measurement.
func TestGeneralEntities(t *testing.T) {
	cases := []struct {
		name string
		text string
		want map[string]graph.EntityType
		not  []string
	}{
		{"all-caps defendant title-cased", "The defendant IVAN PETROV was a resident of Riga. PETROV bought valves.",
			map[string]graph.EntityType{"Ivan Petrov": graph.Person}, []string{"IVAN PETROV"}},
		{"adjective opens an organisation", "Southern Metal Works sold the steel.",
			map[string]graph.EntityType{"Southern Metal Works": graph.Organization}, []string{"Metal Works"}},
		{"particle name with a known surname", "Rami al-Assad spoke to reporters.",
			map[string]graph.EntityType{"Rami al-Assad": graph.Person}, []string{"Bashar al-Assad"}},
		{"title inside a capitalised run", "Defence Minister Yusuf Karimov told reporters.",
			map[string]graph.EntityType{"Yusuf Karimov": graph.Person}, nil},
		{"unit named after its parent", "The Islamic Revolutionary Guard Corps Ground Forces shelled the town.",
			map[string]graph.EntityType{"Islamic Revolutionary Guard Corps Ground Forces": graph.Organization}, nil},
		{"place before -based", "A Limassol-based firm, Kappa Trading, paid.",
			map[string]graph.EntityType{"Limassol": graph.Location, "Kappa Trading": graph.Organization}, []string{"Limassol-based"}},
		{"all-caps names split at and", "The defendant MARK ROSS was charged. MARK ROSS and ORION SHIPPING LTD. conspired.",
			map[string]graph.EntityType{"Mark Ross": graph.Person, "Orion Shipping Ltd.": graph.Organization}, []string{"MARK ROSS and ORION SHIPPING LTD"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ext := run(t, tc.text)
			for n, typ := range tc.want {
				e, ok := entity(ext, n)
				if !ok {
					t.Errorf("missing entity %q; got %v", n, entNames(ext))
					continue
				}
				if e.Type != typ {
					t.Errorf("%q typed %s, want %s", n, e.Type, typ)
				}
			}
			for _, n := range tc.not {
				for _, e := range ext.Entities {
					if e.Name == n {
						t.Errorf("unexpected entity %q", n)
					}
				}
			}
		})
	}
}

func relSummary(ext graph.Extraction) []string {
	names := map[string]string{}
	for _, e := range ext.Entities {
		names[e.ID] = e.Name
	}
	var out []string
	for _, r := range ext.Relations {
		if r.Type != graph.MentionedWith {
			out = append(out, names[r.Source]+" "+string(r.Type)+" "+names[r.Target])
		}
	}
	return out
}

func entNames(ext graph.Extraction) []string {
	var out []string
	for _, e := range ext.Entities {
		out = append(out, e.Name+"/"+string(e.Type))
	}
	return out
}
