package extract

import (
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// TestPhenomenonRules covers rules added by linguistic phenomenon after the
// blind2 round. Sentences are invented for the test.
func TestPhenomenonRules(t *testing.T) {
	type want = ruleExpect
	cases := []ruleCase{
		{"comitative alongside is cooperation, not opposition",
			"The Houthis fought alongside Iranian advisers against the coalition.",
			[]want{{"Houthis", graph.CooperatesWith, "Iran"}}, []want{{"Houthis", graph.Opposes, "Iran"}}},
		{"comitative together with",
			"Hamas battled together with Hezbollah in the south.",
			[]want{{"Hamas", graph.CooperatesWith, "Hezbollah"}}, []want{{"Hamas", graph.Opposes, "Hezbollah"}}},
		{"object control: praised X for fighting",
			"The minister praised Hezbollah for fighting alongside the Syrian army.",
			[]want{{"Hezbollah", graph.CooperatesWith, "Syria"}}, nil},
		{"object control: accused X of supplying",
			"Washington accused Iran of supplying drones to the Houthis.",
			[]want{{"Iran", graph.Supplies, "Houthis"}}, []want{{"United States", graph.Supplies, "Houthis"}}},
		{"predicate nominal with demonym is about the copula subject",
			"Hamas is a Palestinian armed group allied with Iran.",
			[]want{{"Hamas", graph.AlliedWith, "Iran"}}, []want{{"Palestine", graph.AlliedWith, "Iran"}, {"Iran", graph.AlliedWith, "Palestine"}}},
		{"state name before a one-word organisation cue",
			"In 2019 Belarus delivered armoured vehicles to the Myanmar Army.",
			[]want{{"Belarus", graph.Supplies, "Myanmar Army"}}, []want{{"Belarus", graph.DeployedTo, "Myanmar"}}},
		{"personnel word as a modifier is not a deployment",
			"Russia shipped armoured personnel carriers to Mali.",
			[]want{{"Russia", graph.Supplies, "Mali"}}, []want{{"Russia", graph.DeployedTo, "Mali"}}},
		{"participle between an item and a noun is an adjective",
			"China supplied four Wing Loong II armed drones to the Malian Air Force.",
			[]want{{"China", graph.Supplies, "Malian Air Force"}}, nil},
		{"implicit sanctioning agent of an agentless passive",
			"Today the European Union designated three firms. The Council said that Mahan Air has been designated for flying weapons.",
			[]want{{"European Union", graph.Sanctioned, "Mahan Air"}}, nil},
		{"inverted passive designation",
			"Australia sanctioned two banks on Monday. Also designated is Mahan Air.",
			[]want{{"Australia", graph.Sanctioned, "Mahan Air"}}, nil},
		{"sanction noun as subject of target",
			"Japan sanctioned two shipping firms on Friday. The sanctions also target Mahan Air.",
			[]want{{"Japan", graph.Sanctioned, "Mahan Air"}}, []want{{"Japan", graph.Opposes, "Mahan Air"}}},
		{"no implicit agent without an earlier designation",
			"Mahan Air has been designated.",
			nil, []want{{"Mahan Air", graph.Sanctioned, "Mahan Air"}}},
		{"targeted with an item is an attack",
			"The Houthis targeted Aden with drones in May.",
			[]want{{"Houthis", graph.Attacked, "Aden"}}, []want{{"Houthis", graph.Opposes, "Aden"}}},
		{"stand with is support",
			"Poland stands with Ukraine.",
			[]want{{"Poland", graph.Supports, "Ukraine"}}, nil},
		{"apposition: chief executive of leads",
			"The firm is run by Ivan Petrov, the chief executive of Mahan Air, who denied it.",
			[]want{{"Ivan Petrov", graph.Leads, "Mahan Air"}}, nil},
		{"apposition: commander in is membership",
			"Ivan Petrov, a senior commander in the Wagner Group, travelled to Mali.",
			[]want{{"Ivan Petrov", graph.MemberOf, "Wagner Group"}}, nil},
		{"named model before a generic item",
			"Baykar Technology Company developed the Bayraktar TB2 armed drone.",
			[]want{{"Baykar Technology Company", graph.Produces, "Bayraktar TB2"}}, nil},
		{"possessive pronoun before a title: its commander, X",
			"The Wagner Group moved south. Its commander, Pavel Orlov, denied it.",
			[]want{{"Pavel Orlov", graph.Leads, "Wagner Group"}}, nil},
		{"bare verb form after a possessive is a noun (arm)",
			"Funds reached Zamzam Trading Company, the Wagner Group's commercial arm, in May.",
			[]want{{"Zamzam Trading Company", graph.PartOf, "Wagner Group"}}, nil},
		{"distinctive first word of an organisation's name used alone",
			"Kestrel Marine Logistics is registered in Malta. Later Kestrel shipped rifles to the Houthis.",
			[]want{{"Kestrel Marine Logistics", graph.Supplies, "Houthis"}}, nil},
		{"nominalisation with from-agent: shipments from X to Y",
			"Shipments from Kestrel Marine Logistics to the Houthis continued.",
			[]want{{"Kestrel Marine Logistics", graph.Supplies, "Houthis"}}, nil},
		{"nominalisation with of-agent: deployment of X personnel to Y",
			"The talks covered the deployment of Wagner Group personnel to Mali.",
			[]want{{"Wagner Group", graph.DeployedTo, "Mali"}}, nil},
		{"user of a weapon is the agent of the strike",
			"The Syrian government used helicopters in strikes on Aleppo.",
			[]want{{"Syria", graph.Attacked, "Aleppo"}}, nil},
		{"leads as a verb",
			"Ivan Petrov, known as the Chef, leads the Wagner Group.",
			[]want{{"Ivan Petrov", graph.Leads, "Wagner Group"}}, nil},
		{"name apposed to a company noun is an organisation",
			"Rostrum, the manufacturer, is based in Kazan.",
			[]want{{"Rostrum", graph.LocatedIn, "Kazan"}}, nil},
		{"tail of a hyphenated compound is not a verb",
			"Tehran's long-standing allies, Hezbollah and the Houthis, agreed.",
			[]want{{"Hezbollah", graph.AlliedWith, "Iran"}, {"Houthis", graph.AlliedWith, "Iran"}}, nil},
	}
	runRuleCases(t, cases)
}

// TestItemModels: model designations become items, reference codes and
// month-year dates do not.
func TestItemModels(t *testing.T) {
	cases := []struct {
		text string
		item string
		ok   bool
	}{
		{"The rebels flew Orlan-10 models over the city.", "Orlan-10", true},
		{"Russia bought Su-30SME jets.", "Su-30SME", true},
		{"The army fielded Bayraktar TB2 drones.", "Bayraktar TB2", true},
		{"The plant builds the Garpiya-A1 attack drone.", "Garpiya-A1", true},
		{"Kestrel Dynamics makes the ZK-12 engine.", "ZK-12", true},
		{"Police seized three TR-44 fuzes.", "TR-44", true},
		{"The rebels fired a Karim-9 at the base.", "Karim-9", true},
		{"Entry RUS-1287 was added to the list.", "RUS-1287", false},
		{"Sample T-07 was tested.", "T-07", false},
		{"Case CASE-24-0193 was opened.", "CASE-24", false},
		{"The audit cited order ORD-312/2021.", "ORD-312", false},
		{"Entry RUS-1287 was added to the list.", "Entry RUS-1287", false},
		{"Korsak Trading shipped 20kt of fuel oil in Mar-24.", "Mar-24", false},
		{"The Sept-2025 cargo of Korsak Trading was late.", "Sept-2025", false},
	}
	for _, tc := range cases {
		t.Run(tc.item, func(t *testing.T) {
			e, found := entity(run(t, tc.text), tc.item)
			if found != tc.ok {
				t.Fatalf("entity %q found=%v, want %v", tc.item, found, tc.ok)
			}
			if found && e.Type != graph.Item {
				t.Errorf("%q typed %s, want Item", tc.item, e.Type)
			}
		})
	}
}

// TestRecordFields: semi-structured list entries ("Name:", "Type:",
// "Address:", "Position:", "Designation reason:") become entities and
// relations about the record's subject.
func TestRecordFields(t *testing.T) {
	text := `Consolidated list: new entries

Name: Ivo Marek Danek
Type: Individual
Position: Managing Director, Harbin Valve Works
Date of listing: 01/02/2024

Name: Blue Heron
Type: Ship
Address: Varna, Bulgaria
Designation reason: Cargo vessel operated by Pontic Lines Company. It carried rifles to Libya.

Name: Orsk Machinery Plant
Type: Entity
Address: Orsk, Russia
Designation reason: A subsidiary of Rostec that builds artillery.
`
	ext := run(t, text)
	for _, e := range []struct {
		name string
		typ  graph.EntityType
	}{{"Ivo Marek Danek", graph.Person}, {"Blue Heron", graph.Vessel}, {"Orsk Machinery Plant", graph.Organization}, {"Varna", graph.Location}} {
		got, ok := entity(ext, e.name)
		if !ok || got.Type != e.typ {
			t.Errorf("entity %q: found=%v type=%s, want %s", e.name, ok, got.Type, e.typ)
		}
	}
	want := []struct {
		src string
		typ graph.RelationType
		tgt string
	}{
		{"Ivo Marek Danek", graph.Leads, "Harbin Valve Works"},
		{"Blue Heron", graph.LocatedIn, "Varna"},
		{"Pontic Lines Company", graph.Operates, "Blue Heron"},
		{"Orsk Machinery Plant", graph.PartOf, "Rostec"},
	}
	for _, w := range want {
		if !hasRel(ext, w.src, w.typ, w.tgt) {
			t.Errorf("missing %s -%s-> %s; got %s", w.src, w.typ, w.tgt, relList(ext))
		}
	}
}

func TestFieldLine(t *testing.T) {
	cases := []struct {
		line string
		want bool
	}{
		{"Name: Ivo Danek", true},
		{"Designation reason: A subsidiary of Rostec.", true},
		{"Date of listing: 01/02/2024", true},
		{"The minister said: we will act.", false},
		{"Note 3: see above", false},
		{"Name:", false},
	}
	for _, tc := range cases {
		t.Run(tc.line, func(t *testing.T) {
			if got := fieldLine(tc.line); got != tc.want {
				t.Errorf("fieldLine(%q) = %v, want %v", tc.line, got, tc.want)
			}
		})
	}
}
