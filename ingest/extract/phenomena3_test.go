package extract

import (
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// TestPhenomenonRules3 covers rules added by linguistic phenomenon after
// the blind3 round. Sentences and names are invented for the test and do
// not occur in testdata/blind3.
func TestPhenomenonRules3(t *testing.T) {
	type want struct {
		src string
		typ graph.RelationType
		tgt string
	}
	cases := []struct {
		family string
		text   string
		want   []want
		not    []want
	}{
		{"organisation in a place",
			"Funds went through Orvell Bank in Dubai last year.",
			[]want{{"Orvell Bank", graph.LocatedIn, "Dubai"}}, nil},
		{"organisation of a place",
			"The cargo was insured by Brisco Marine of Dubai.",
			[]want{{"Brisco Marine", graph.LocatedIn, "Dubai"}}, nil},
		{"apposed company noun in a place",
			"Payments came from Dovemark Trading, a front company in Ajman, which paid cash.",
			[]want{{"Dovemark Trading", graph.LocatedIn, "Ajman"}}, nil},
		{"named state of a name is not a seat",
			"The Central Bank of Iran froze the accounts.",
			nil, []want{{"Central Bank of Iran", graph.LocatedIn, "Iran"}}},
		{"role noun and comma before a name make a person",
			"He met the minister's associate, Pavel Gruzdev, in May.",
			[]want{{"Pavel Gruzdev", "", ""}}, nil},
		{"list with a possessive role noun",
			"Canada sanctioned Ostrava Systems and its director, Ivan Petrov, in June.",
			[]want{{"Canada", graph.Sanctioned, "Ostrava Systems"}, {"Canada", graph.Sanctioned, "Ivan Petrov"}, {"Ivan Petrov", graph.Leads, "Ostrava Systems"}}, nil},
		{"his company, X",
			"Omar Haddad rarely speaks to reporters. His company, Haddad Freight Services, moves goods to Libya.",
			[]want{{"Omar Haddad", graph.Operates, "Haddad Freight Services"}}, nil},
		{"copula with its + officer title is membership",
			"Ostrava Systems was founded in 2001. Ivan Petrov is its chief financial officer.",
			[]want{{"Ivan Petrov", graph.MemberOf, "Ostrava Systems"}}, []want{{"Ivan Petrov", graph.Leads, "Ostrava Systems"}}},
		{"copula with a leader title of an organisation",
			"Ivan Petrov is the chairman of Ostrava Systems.",
			[]want{{"Ivan Petrov", graph.Leads, "Ostrava Systems"}}, nil},
		{"stake in an organisation",
			"Brisco Marine bought a stake in Ostrava Systems in 2020.",
			[]want{{"Brisco Marine", graph.Operates, "Ostrava Systems"}}, nil},
		{"relative clause shared across coordinated verbs",
			"A former colleague, Ivan Petrov, who left the bank in 2018 and now runs Ostrava Systems, declined to comment.",
			[]want{{"Ivan Petrov", graph.Operates, "Ostrava Systems"}}, nil},
		{"bare comma after an introductory phrase is not a list",
			"According to a study by the Brennholt Institute, Omar Haddad financed Hezbollah.",
			[]want{{"Omar Haddad", graph.Finances, "Hezbollah"}}, []want{{"Brennholt Institute", graph.Finances, "Hezbollah"}}},
		{"aboard the X is a vessel",
			"Rifles were found on board the Morning Tern. The Greek navy seized the Morning Tern.",
			[]want{{"Morning Tern", "", ""}}, nil},
		{"agentless passive transfer from X to Y",
			"The fuel was transferred from the MV Cobalt Wren to the tanker Silver Ibis near Crete.",
			[]want{{"Cobalt Wren", graph.Supplies, "Silver Ibis"}}, nil},
		{"reporting clause inside a relative clause",
			"Parts came from Ostrava Systems, a Prague-based firm that investigators say has shipped components to Iran.",
			[]want{{"Ostrava Systems", graph.Supplies, "Iran"}}, []want{{"Czechia", graph.Supplies, "Iran"}}},
		{"coordinated passives across an apposition",
			"The tanker Silver Ibis is owned by Dovemark Trading, a company registered in Liberia, and managed by Brisco Marine.",
			[]want{{"Dovemark Trading", graph.Operates, "Silver Ibis"}, {"Brisco Marine", graph.Operates, "Silver Ibis"}}, nil},
		{"definite generic item refers back to the model",
			"Russia launched a dozen Shahed-136 drones at Kharkiv. Poland said it tracked the drones.",
			[]want{{"Poland", "", "Shahed-136"}}, nil},
		{"pronoun after a reporting verb is the reporter",
			"The Polish Air Force, which said it intercepted three of the drones, launched jets. Earlier Russia fired Shahed-136 drones.",
			nil, nil},
		{"pronoun patient of a passive",
			"Investigators traced Ivan Petrov. Records show that he was paid by Ostrava Systems in 2021.",
			[]want{{"Ostrava Systems", graph.Finances, "Ivan Petrov"}}, nil},
		{"working for is membership, working with cooperation",
			"Ivan Petrov worked for Deutsche Bank before 2010. Ostrava Systems works with Brisco Marine.",
			[]want{{"Ivan Petrov", graph.MemberOf, "Deutsche Bank"}, {"Ostrava Systems", graph.CooperatesWith, "Brisco Marine"}},
			[]want{{"Ivan Petrov", graph.CooperatesWith, "Deutsche Bank"}}},
		{"chairs its board",
			"Ostrava Systems grew fast. Ivan Petrov founded it, and he still chairs its board.",
			[]want{{"Ivan Petrov", graph.Leads, "Ostrava Systems"}}, nil},
		{"another state's demonym before a generic unit name",
			"The Omani Coast Guard stopped a dhow.",
			[]want{{"Omani Coast Guard", "", ""}}, []want{{"US Coast Guard", "", ""}}},
		{"place apposed to a state's place noun",
			"The dhow sailed from Chabahar, Iran's largest oceanic port, in May.",
			[]want{{"Chabahar", graph.LocatedIn, "Iran"}}, nil},
		{"double-barrelled surname makes a person",
			"The court heard Helena Moore-Whitby on Tuesday.",
			[]want{{"Helena Moore-Whitby", "", ""}}, nil},
		{"definite role noun as copula subject",
			"The court dismissed the appeal of Helena Moore-Whitby. The appellant was a director of Dovemark Trading.",
			[]want{{"Helena Moore-Whitby", graph.Leads, "Dovemark Trading"}}, nil},
		{"capital as the seat of an organisation is the city",
			"Payments passed through Orvell Bank in Tbilisi.",
			[]want{{"Orvell Bank", graph.LocatedIn, "Tbilisi"}}, []want{{"Orvell Bank", graph.LocatedIn, "Georgia"}}},
		{"demonym opens a place name with a cue",
			"The firm was registered in the British Virgin Islands.",
			[]want{{"British Virgin Islands", "", ""}}, []want{{"United Kingdom", "", ""}}},
		{"broker of a transfer reported before",
			"In 2020 Belarus delivered six helicopters to the Malian Army. The transfer, brokered by Dovemark Trading, was paid in cash.",
			[]want{{"Dovemark Trading", graph.Supplies, "Malian Army"}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.family, func(t *testing.T) {
			ext := run(t, tc.text)
			for _, w := range tc.want {
				if w.typ == "" {
					// entity (and, with a target, any typed relation to it)
					if _, ok := entity(ext, w.src); !ok {
						t.Errorf("missing entity %s; got %s", w.src, relList(ext))
					}
					continue
				}
				if !hasRel(ext, w.src, w.typ, w.tgt) {
					t.Errorf("missing %s -%s-> %s; got %s", w.src, w.typ, w.tgt, relList(ext))
				}
			}
			for _, w := range tc.not {
				if w.typ == "" {
					if _, ok := entity(ext, w.src); ok {
						t.Errorf("unexpected entity %s", w.src)
					}
					continue
				}
				if hasRel(ext, w.src, w.typ, w.tgt) {
					t.Errorf("unexpected %s -%s-> %s", w.src, w.typ, w.tgt)
				}
			}
		})
	}
}
