package extract

import (
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// TestPhenomenonRules5 covers rules added by linguistic phenomenon after
// the blind5 round. Sentences and names are invented for the test and do
// not occur in testdata/blind5.
func TestPhenomenonRules5(t *testing.T) {
	type want = ruleExpect
	cases := []ruleCase{
		{"short form in parentheses is an alias, not a place named by its cue",
			"Kestrel Bay Shipping Limited (Kestrel Bay) operates tankers. Kestrel Bay bought a tanker.",
			[]want{{"Kestrel Bay Shipping Limited", "", ""}}, []want{{"Kestrel Bay", "", ""}}},
		{"a state's long form defines the state's acronym",
			"Goods went to the Lao People's Democratic Republic (Lao PDR) in May. The Lao PDR paid.",
			nil, []want{{"Lao People's Democratic Republic", "", ""}}},
		{"a legal instrument's long form is not an entity",
			"The Ministry acted under Executive Order (E.O.) 14024.",
			nil, []want{{"Executive Order", "", ""}}},
		{"a defined unit name beats the shorter gazetteer name",
			"The Islamic Revolutionary Guard Corps Ground Forces (IRGC GF) guard the border. The IRGC GF seized the MV Tarlan Star.",
			[]want{{"Islamic Revolutionary Guard Corps Ground Forces", graph.Intercepted, "Tarlan Star"}}, nil},
		{"a city opening an organisation's name",
			"Ufa Precision Works supplied gyroscopes to the army.",
			[]want{{"Ufa Precision Works", "", ""}}, nil},
		{"designation far from its authority keeps the authority",
			"Canada designated Tarn Holdings on Monday. Tarn Holdings ships oil. It uses tankers. " +
				"They sail at night. The tankers avoid ports. The oil goes east. Buyers pay in cash. " +
				"The cash moves through banks. The banks are small. Some are in Dubai. Others are in Baku. " +
				"Dovra Trading and Igor Sarkov are also being designated for having assisted Tarn Holdings.",
			[]want{{"Canada", graph.Sanctioned, "Dovra Trading"}, {"Canada", graph.Sanctioned, "Igor Sarkov"}}, nil},
	}
	runRuleCases(t, cases)
}
