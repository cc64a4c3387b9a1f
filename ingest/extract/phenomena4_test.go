package extract

import (
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// TestPhenomenonRules4 covers rules added by linguistic phenomenon after
// the blind4 round. Sentences and names are invented for the test and do
// not occur in testdata/blind4.
func TestPhenomenonRules4(t *testing.T) {
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
		{"age apposition makes a person",
			"Maxim Orlov, 44, was charged on Monday.",
			[]want{{"Maxim Orlov", "", ""}}, nil},
		{"organisation noun and comma before a name",
			"The goods were relabelled by a freight forwarder, Tarsus Cargo Line, in Mersin.",
			[]want{{"Tarsus Cargo Line", "", ""}}, nil},
		{"organisation noun right before a name",
			"Kolva Optics, a subsidiary of the state conglomerate Tekhnoprom, makes lenses.",
			[]want{{"Kolva Optics", graph.PartOf, "Tekhnoprom"}}, nil},
		{"one word ending in bank",
			"The money was sent from Promvolgabank to the broker.",
			[]want{{"Promvolgabank", "", ""}}, nil},
		{"apposed contractor in a place",
			"The chips went to Almaz Radiotekh, a defence contractor in Murmansk.",
			[]want{{"Almaz Radiotekh", graph.LocatedIn, "Murmansk"}}, nil},
		{"money sent from X to Y is financing",
			"Payments were sent from Promvolgabank to Balt Freight Systems.",
			[]want{{"Promvolgabank", graph.Finances, "Balt Freight Systems"}}, []want{{"Promvolgabank", graph.Supplies, "Balt Freight Systems"}}},
		{"flag state in words after the vessel",
			"The tanker Sea Lark was seized. The vessel, flagged in Panama and operated by Halden Tankers, was released.",
			[]want{{"Sea Lark", graph.LinkedTo, "Panama"}, {"Halden Tankers", graph.Operates, "Sea Lark"}}, nil},
		{"sails under the flag of",
			"The tanker Grey Owl was seized. The vessel sails under the flag of Togo.",
			[]want{{"Grey Owl", graph.LinkedTo, "Togo"}}, nil},
		{"welcomed the efforts of X and of Y",
			"Egypt welcomed the efforts of Qatar and of Jordan.",
			[]want{{"Egypt", graph.Praised, "Qatar"}, {"Egypt", graph.Praised, "Jordan"}}, nil},
		{"the Sultanate of X in a coordinated object",
			"Egypt welcomed the efforts of Qatar and of the Sultanate of Oman.",
			[]want{{"Egypt", graph.Praised, "Qatar"}, {"Egypt", graph.Praised, "Oman"}}, nil},
		{"the Kingdom of X as object",
			"Egypt praised the Kingdom of Jordan.",
			[]want{{"Egypt", graph.Praised, "Jordan"}}, nil},
		{"short organisation name opening a sentence",
			"Varga Hydraulic Systems makes pumps. Varga sells the pumps to Delmont Trading.",
			[]want{{"Varga Hydraulic Systems", graph.Supplies, "Delmont Trading"}}, nil},
		{"in turn",
			"Delmont Trading, a broker registered in Macau, which in turn ships them to Iran, is small.",
			[]want{{"Delmont Trading", graph.Supplies, "Iran"}}, nil},
		{"raising verb before the trigger",
			"Zelenodolsk Boat Works is believed to supply boats to Egypt.",
			[]want{{"Zelenodolsk Boat Works", graph.Supplies, "Egypt"}}, nil},
		{"operates a plant near a place",
			"Parvin Marine Industries operates a shipyard near Bushehr.",
			[]want{{"Parvin Marine Industries", graph.LocatedIn, "Bushehr"}}, nil},
		{"attack claimed by X, condemned by Y",
			"The Arab League condemned the attack on the merchant vessel Silver Gull, which was claimed by Hezbollah.",
			[]want{{"Hezbollah", graph.Attacked, "Silver Gull"}, {"Arab League", graph.Opposes, "Hezbollah"}},
			[]want{{"Arab League", graph.Attacked, "Silver Gull"}}},
		{"X claimed responsibility for the attack on Y",
			"Hamas claimed responsibility for the attack on Sderot.",
			[]want{{"Hamas", graph.Attacked, "Sderot"}}, nil},
		{"added X to its list",
			"The Commerce Department added Tarsus Logistics to its Entity List in June.",
			[]want{{"US Department of Commerce", graph.Sanctioned, "Tarsus Logistics"}}, nil},
		{"a licensed variant of X",
			"Kazan Boat Works builds a licensed variant of the Orlan-10.",
			[]want{{"Kazan Boat Works", graph.Produces, "Orlan-10"}}, nil},
		{"the company refers to the organisation last named as a head",
			"Assembly is done by Parvin Marine Industries, which has a yard near Bushehr. The company is controlled by Tarvex Holdings.",
			[]want{{"Tarvex Holdings", graph.Operates, "Parvin Marine Industries"}}, nil},
		{"its after a sentence about the company",
			"Assembly is done by Parvin Marine Industries. The company is controlled by Tarvex Holdings. Its managing director, Omid Farzan, was sanctioned.",
			[]want{{"Omid Farzan", graph.Leads, "Parvin Marine Industries"}}, []want{{"Omid Farzan", graph.Leads, "Tarvex Holdings"}}},
		{"the company is not the possessor of a front company",
			"Sahar Trading is a front company of the Quds Force. The company is owned by Reza Tavakoli.",
			nil, []want{{"Reza Tavakoli", graph.Operates, "Quds Force"}}},
		{"short name of a two-word organisation",
			"Dremora Systems makes radars. Ivan Petrov works for Dremora.",
			[]want{{"Ivan Petrov", graph.MemberOf, "Dremora Systems"}}, nil},
		{"his place-based company, X",
			"Maxim Orlov, 44, is accused of using his Riga-based company, Balt Freight Systems, to buy chips.",
			[]want{{"Maxim Orlov", graph.Operates, "Balt Freight Systems"}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.family, func(t *testing.T) {
			ext := run(t, tc.text)
			for _, w := range tc.want {
				if w.typ == "" {
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
