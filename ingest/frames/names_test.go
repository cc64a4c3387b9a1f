package frames

import (
	"slices"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

func entityNames(x graph.Extraction) map[string]graph.EntityType {
	out := map[string]graph.EntityType{}
	for _, e := range x.Entities {
		out[e.Name] = e.Type
	}
	return out
}

// checkTyped asserts that got has each name of want with type typ and
// none of not.
func checkTyped(t *testing.T, got map[string]graph.EntityType, typ graph.EntityType, want, not []string) {
	t.Helper()
	for _, w := range want {
		if got[w] != typ {
			t.Errorf("want %s %q, got %v", typ, w, got)
		}
	}
	checkNames(t, got, nil, not)
}

// checkNames asserts that got has each name of want, of any type, and
// none of not.
func checkNames(t *testing.T, got map[string]graph.EntityType, want, not []string) {
	t.Helper()
	for _, w := range want {
		if _, ok := got[w]; !ok {
			t.Errorf("want %q, got %v", w, got)
		}
	}
	for _, n := range not {
		if _, ok := got[n]; ok {
			t.Errorf("%q read as an entity (%s): %v", n, got[n], got)
		}
	}
}

func TestRepairCompanies(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		before     []graph.Entity // what earlier stages found
		want       []string       // companies expected afterwards
		gone       []string       // fragments folded into them
		kept       []string       // names that must stay
	}{
		{"abbreviated legal form cut at its dots",
			"Payment went to Marisol Resin Sdn. Bhd., a trading house in Penang.",
			[]graph.Entity{{ID: "marisol", Name: "Marisol", Type: graph.Location}, {ID: "bhd", Name: "Bhd.", Type: graph.Location}},
			[]string{"Marisol Resin Sdn. Bhd."}, []string{"Marisol", "Bhd."}, nil},
		{"a name in capitals the parser splits into two sentences",
			"NOT FOR TRANSMISSION\n\nKORVALD RISK SOLUTIONS (PTY) LTD\nAviation support to the police.",
			nil, []string{"KORVALD RISK SOLUTIONS (PTY) LTD"}, []string{"RISK SOLUTIONS (PTY) LTD", "TRANSMISSION KORVALD RISK SOLUTIONS (PTY) LTD"}, nil},
		{"comma inside the legal form",
			"The powder was shipped by Qingyuan Fenghua Materials Co., Ltd., which denies it.",
			nil, []string{"Qingyuan Fenghua Materials Co., Ltd."}, nil, nil},
		{"Central European forms: lower case with dots, a preposition inside, a form first",
			"Fuzes were made by Pilsen Fuze Works a.s. and sold to Orla Aero Sp. z o.o., a Polish firm; SIA Daugava Signal and Ege Savunma A.Ş. bid too.",
			nil, []string{"Pilsen Fuze Works a.s.", "Orla Aero Sp. z o.o.", "SIA Daugava Signal", "Ege Savunma A.Ş."}, nil, nil},
		{"a British public company in lower case; forms of francophone Africa and Oman; \"and\" in French inside a name",
			"Halvard Drives plc sold motors to Sahel Fer et Acier SARLU, which resold them to Qurum Bunkering SPC in Muscat.",
			nil, []string{"Halvard Drives plc", "Sahel Fer et Acier SARLU", "Qurum Bunkering SPC"}, nil, nil},
		{"Mexican forms join two parts with \"de\"",
			"Rifles went to Comercial Norteña del Golfo, S.A. de C.V., and to Grupo Lince S. de R.L. de C.V.",
			nil, []string{"Comercial Norteña del Golfo, S.A. de C.V."}, nil, nil},
		{"an office before the company is not part of its name",
			"Pavel Orlov is the General Director of Granit Optics OJSC, a maker of sights.",
			nil, []string{"Granit Optics OJSC"}, nil, nil},
		{"a sentence's full stop after an unabbreviated form is not the name's",
			"The gold is sold to Corvane Refining DMCC. Payment went to Halden Trade Co. in Dubai.",
			nil, []string{"Corvane Refining DMCC", "Halden Trade Co."}, nil, nil},
		{"form first, Russian style",
			"The brackets were sold by OOO Uralskiy Kompas to a plant in Izhevsk.",
			nil, []string{"OOO Uralskiy Kompas"}, nil, nil},
		{"a place after the name stays a place",
			"The buyer, Tobolsk Trade OOO of Omsk, paid in roubles. Tobolsk later closed its Omsk office.",
			[]graph.Entity{{ID: "omsk", Name: "Omsk", Type: graph.Location}, {ID: "tobolsk", Name: "Tobolsk", Type: graph.Location}},
			[]string{"Tobolsk Trade OOO"}, []string{"Tobolsk"}, []string{"Omsk"}},
		{"a name known as an alias, and a place inside another place's name",
			"North Korea's Korea Mining Development Trading Corporation sold missiles. Korea was divided in 1945.",
			[]graph.Entity{{ID: "komid", Name: "KOMID", Aliases: []string{"Korea Mining Development Trading Corporation"}, Type: graph.Organization},
				{ID: "north-korea", Name: "North Korea", Type: graph.Country}, {ID: "korea", Name: "Korea", Type: graph.Location}},
			nil, nil, []string{"KOMID", "North Korea", "Korea"}},
		{"a heading in capitals is not a company",
			"SHELL COMPANY AND ITS OWNER\n\nThe firm has no staff.", nil, nil, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := parse(t, tc.text)
			x := graph.Extraction{Entities: slices.Clone(tc.before)}
			if len(tc.before) == 2 {
				x.Relations = []graph.Relation{graph.Relation{Source: tc.before[0].ID, Target: tc.before[1].ID, Type: graph.LocatedIn}.Canonical()}
			}
			RepairCompanies(&x, p)
			got := entityNames(x)
			for _, w := range tc.want {
				if got[w] != graph.Organization {
					t.Errorf("want organisation %q, got %v", w, got)
				}
			}
			if len(tc.want) == 0 && len(x.Entities) != len(tc.before) {
				t.Errorf("added %v", got)
			}
			checkNames(t, got, tc.kept, tc.gone)
			ids := map[string]bool{}
			for _, e := range x.Entities {
				ids[e.ID] = true
			}
			for _, r := range x.Relations {
				if !ids[r.Source] || !ids[r.Target] || r.ID != graph.RelationID(r.Source, r.Type, r.Target) {
					t.Errorf("relation %+v points at a folded entity or kept a stale id", r)
				}
			}
		})
	}
}

func TestAddVessels(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
		not        []string
	}{
		{"after the ship noun, a list", "The firm owns the cargo ships NORTHERN LARCH and MIRA VOSTOK and charters a third.", []string{"NORTHERN LARCH", "MIRA VOSTOK"}, nil},
		{"apposition after the name", "Investigators identified the ship as KESTREL DAWN 3, a Comoros-flagged coastal tanker.", []string{"KESTREL DAWN 3"}, nil},
		{"apposition of the noun", "In 2001 its freighter, the Polar Wren, carried rifles to the port.", []string{"Polar Wren"}, nil},
		{"a ship word modifying another noun", "Corvid Line Ltd, a Seychelles-registered single-ship company, owns her.", nil, []string{"Corvid Line Ltd"}},
		{"a heading on the next line", "The cargo went aboard the tanker\n\nSANCTIONS AND OWNERS\n\nNobody answered.", nil, []string{"SANCTIONS", "SANCTIONS AND OWNERS"}},
		{"an abbreviation is not a ship", "They met for a ship-to-ship (STS) transfer at night.", nil, []string{"STS"}},
		{"a hyphenated name with its number", "The navy intercepted the dhow AL-MURJAN 4 off the coast.", []string{"AL-MURJAN 4"}, []string{"AL"}},
		{"an IMO number alone makes a ship, without its hull prefix", "Schedule 2 is amended by adding:\n\n9 NORTH STAR 5 (IMO 8745204)\n10 MT SEA LARK, IMO 9166338\n", []string{"NORTH STAR 5", "SEA LARK"}, []string{"MT SEA LARK"}},
		{"a registry number between name and apposition", "Agents found the crates aboard BLUE HERON 6 (IMO 9123456), a Togo-flagged cargo ship.", []string{"BLUE HERON 6"}, nil},
		{"a legal form makes an operator, not a ship", "The crates were flown by Velta Air Cargo LLC, a Kyrgyz carrier, to Minsk.", nil, []string{"Velta Air Cargo LLC"}},
		{"an airline's word makes an operator, not a ship", "Freighters of Nashira Airlines, an Omani cargo carrier, landed twice.", nil, []string{"Nashira Airlines"}},
		{"a field label before a colon", "Name: GREY PLOVER\nType: Refrigerated cargo vessel, 1998\nFlag: Comoros", nil, []string{"Type"}},
		{"a ship noun the tagger misreads in telegraphic text", "0540B. Patrol boarded outboard dhow UPEPO MWEMA 3 approx 2 nm E of Kesh.", []string{"UPEPO MWEMA 3"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{}
			AddVessels(&x, parse(t, tc.text))
			checkTyped(t, entityNames(x), graph.Vessel, tc.want, tc.not)
		})
	}
}

func TestVesselFragmentsFolded(t *testing.T) {
	text := "The frigate stopped the dhow AL-MURJAN 4 at dawn. AL-MURJAN 4 was towed to port."
	x := graph.Extraction{
		Entities:  []graph.Entity{{ID: "al-murjan", Name: "al-Murjan", Type: graph.Vessel}, {ID: "port", Name: "Port", Type: graph.Location}},
		Relations: []graph.Relation{{Source: "al-murjan", Target: "port", Type: graph.LocatedIn}},
	}
	AddVessels(&x, parse(t, text))
	got := entityNames(x)
	if _, ok := got["al-Murjan"]; ok || got["AL-MURJAN 4"] != graph.Vessel {
		t.Fatalf("the cut name was not folded into the ship: %v", got)
	}
	if len(x.Relations) != 1 || x.Relations[0].Source != graph.EntityID("AL-MURJAN 4") {
		t.Errorf("the fragment's relation did not move to the ship: %+v", x.Relations)
	}
}

func TestReferences(t *testing.T) {
	text := "Halden Marine Ltd is registered in Malta. Its director, Piet Vorster, signed the charter. The company later sold the tanker."
	p := parse(t, text)
	halden := &graph.Entity{ID: "halden", Name: "Halden Marine Ltd", Type: graph.Organization}
	piet := &graph.Entity{ID: "piet", Name: "Piet Vorster", Type: graph.Person}
	ms := FindMentions(text, []graph.Entity{*halden, *piet})
	got := References(p, ms)
	var refs []string
	for i, m := range got {
		if i > 0 && got[i-1].Start > m.Start {
			t.Fatalf("mentions out of text order: %+v", got)
		}
		if m.Reference {
			refs = append(refs, string([]rune(text)[m.Start:m.End])+"="+m.Entity.Name)
		}
	}
	for _, want := range []string{"Its=Halden Marine Ltd", "company=Halden Marine Ltd"} {
		if !slices.Contains(refs, want) {
			t.Errorf("references %v, want %s", refs, want)
		}
	}
	if len(got) != len(ms)+len(refs) || strings.Contains(strings.Join(refs, " "), "Piet") {
		t.Errorf("references %v", refs)
	}
}

func TestDescriptionsWithModifiers(t *testing.T) {
	text := "Tarn Polymers Ltd sold resin to Ostrava Chemie. His company later bought the Czech firm's stake."
	p := parse(t, text)
	tarn := graph.Entity{ID: "tarn", Name: "Tarn Polymers Ltd", Type: graph.Organization}
	ost := graph.Entity{ID: "ostrava", Name: "Ostrava Chemie", Type: graph.Organization}
	var refs []string
	for _, m := range References(p, FindMentions(text, []graph.Entity{tarn, ost})) {
		if m.Reference {
			refs = append(refs, string([]rune(text)[m.Start:m.End]))
		}
	}
	for _, want := range []string{"company", "firm"} {
		if !slices.Contains(refs, want) {
			t.Errorf("references %v, want %q resolved", refs, want)
		}
	}
}

func TestQuestionsAreNotAsserted(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Did a Maltese ship deliver rifles to Tobruk?", false},
		{"A Maltese ship delivered rifles to Tobruk.", true},
		{"If Oslo were to ship rockets to Kyiv, prices would rise.", false},
	} {
		p := parse(t, tc.text)
		verb := -1
		for i, tok := range p.Tokens {
			if tok.Lemma == "deliver" || tok.Lemma == "ship" && tok.POS == "VERB" {
				verb = i
			}
		}
		if verb < 0 {
			t.Fatalf("%q: no verb in the parse", tc.text)
		}
		if got := Asserted(p)(verb); got != tc.want {
			t.Errorf("%q: asserted %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestPossessiveInConjunct(t *testing.T) {
	text := "Treasury designated Orion Trading LLC. The European Union listed Halden Marine Ltd and its director, Piet Vorster."
	p := parse(t, text)
	ents := []graph.Entity{{ID: "treasury", Name: "Treasury", Type: graph.Organization}, {ID: "orion", Name: "Orion Trading LLC", Type: graph.Organization},
		{ID: "eu", Name: "European Union", Type: graph.Organization}, {ID: "halden", Name: "Halden Marine Ltd", Type: graph.Organization}}
	for _, m := range References(p, FindMentions(text, ents)) {
		if m.Reference && string([]rune(text)[m.Start:m.End]) == "its" && m.Entity.ID != "halden" {
			t.Errorf("its = %s, want Halden Marine Ltd (the conjunct it follows)", m.Entity.Name)
		}
	}
}

func TestExtendNames(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		have       []graph.Entity // what the token rules found
		want, not  []string
	}{
		{"a connector continues an organisation's name",
			"Chair: Anna Berg, Director, Baltic Institute for Security Studies (Riga). The Baltic Institute said so.",
			[]graph.Entity{{ID: "baltic-institute", Name: "Baltic Institute", Type: graph.Organization}},
			[]string{"Baltic Institute for Security Studies"}, []string{"Baltic Institute"}},
		{"a numbered unit",
			"Weapons moved through Unit 731 of the brigade and reached Combined Task Force 150 in 2021.",
			nil, []string{"Unit 731", "Combined Task Force 150"}, []string{"Force 2021"}},
		{"a body named after its parent stays another body",
			"The parts went to the Islamic Revolutionary Guard Corps Aerospace Force last year.",
			[]graph.Entity{{ID: "irgc", Name: "Islamic Revolutionary Guard Corps", Type: graph.Organization, Aliases: []string{"IRGC"}}},
			[]string{"Islamic Revolutionary Guard Corps"}, nil},
		{"a public body's name goes on over the state it belongs to",
			"The drones are delivered to the Ministry of Defence of the Russian Federation. Another Ministry of Defence and Armed Forces Logistics order followed.",
			[]graph.Entity{{ID: "mod", Name: "Ministry of Defence", Type: graph.Organization},
				{ID: "modafl", Name: "Ministry of Defense and Armed Forces Logistics", Type: graph.Organization, Aliases: []string{"Ministry of Defence and Armed Forces Logistics"}},
				{ID: "russia", Name: "Russia", Type: graph.Country, Aliases: []string{"Russian Federation"}}},
			[]string{"Ministry of Defence of the Russian Federation", "Ministry of Defense and Armed Forces Logistics"},
			[]string{"Ministry of Defence", "Ministry of Defence and Armed Forces Logistics"}},
		{"a state's name before its force",
			"On Friday the Norland Coast Guard detained the tanker near the port.",
			[]graph.Entity{{ID: "norland", Name: "Norland", Type: graph.Country}},
			[]string{"Norland Coast Guard"}, nil},
		{"a gang named by a number",
			"Rivas sells rifles and ammunition to 300 Lanmo, a gang in the capital.",
			nil, []string{"300 Lanmo"}, nil},
		{"a footnote number is not part of a name",
			"The vessel was listed in 2019.\n1 US Department of the Treasury, press release.",
			[]graph.Entity{{ID: "treasury", Name: "US Department of the Treasury", Type: graph.Organization, Aliases: []string{"Treasury"}}},
			[]string{"US Department of the Treasury"}, []string{"1 US Department of the Treasury", "1 US Department"}},
		{"a demonym opening a body's name",
			"Pistols went to the Peruvian National Police in March.",
			[]graph.Entity{{ID: "peru", Name: "Peru", Type: graph.Country, Aliases: []string{"Peruvian"}}},
			[]string{"Peruvian National Police", "Peru"}, nil},
		{"a company's country is not part of its name",
			"Parts came from Xiamen Lanbo Engine Company of China in May.",
			[]graph.Entity{{ID: "xiamen-lanbo-engine-company", Name: "Xiamen Lanbo Engine Company", Type: graph.Organization}},
			[]string{"Xiamen Lanbo Engine Company"}, []string{"Xiamen Lanbo Engine Company of China"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{Entities: tc.have}
			ExtendNames(&x, parse(t, tc.text))
			checkNames(t, entityNames(x), tc.want, tc.not)
		})
	}
}

// MergePersonNames folds the variants of one person's name into the
// fullest: a listing's full form and the prose's short form sharing first
// and last words, and a surname that ends exactly one person's name. A
// short form or surname that fits two people stays apart; the folded
// entity's relations and aliases move to the full name.
func TestMergePersonNames(t *testing.T) {
	person := func(id, name string, aliases ...string) graph.Entity {
		return graph.Entity{ID: id, Name: name, Type: graph.Person, Aliases: aliases}
	}
	for _, tc := range []struct {
		name       string
		ents       []graph.Entity
		rel        graph.Relation
		gone, kept []string
		relEnd     string    // the id the relation's person end must have after the merge
		alias      [2]string // an entity and an alias it must have
	}{
		{name: "a listing's full name and the prose's short form",
			ents: []graph.Entity{person("iryna-mikalaeuna-zhurauskaya", "Iryna Mikalaeuna ZHURAUSKAYA"), person("iryna-zhurauskaya", "Iryna Zhurauskaya"),
				person("ali-khan", "Ali Khan"), person("ali-hassan-khan", "Ali Hassan Khan"), person("ali-reza-khan", "Ali Reza Khan")},
			rel:  graph.Relation{Source: "iryna-zhurauskaya", Target: "neman", Type: graph.Leads},
			gone: []string{"Iryna Zhurauskaya"}, kept: []string{"Ali Khan"}, relEnd: "iryna-mikalaeuna-zhurauskaya"},
		{name: "a surname that ends one person's name",
			ents: []graph.Entity{person("tomas-ibarra-quesada", "Tomás Ibarra Quesada"), person("ibarra-quesada", "Ibarra Quesada"),
				person("lindqvist", "Lindqvist", "Mr. Lindqvist"), person("anders-lindqvist", "Anders Lindqvist"),
				person("okafor", "Okafor"), person("chidi-okafor", "Chidi Okafor"), person("ngozi-okafor", "Ngozi Okafor")},
			rel:  graph.Relation{Source: "neman", Target: "ibarra-quesada", Type: graph.Supplies},
			gone: []string{"Ibarra Quesada", "Lindqvist"}, kept: []string{"Okafor"}, relEnd: "tomas-ibarra-quesada",
			alias: [2]string{"Anders Lindqvist", "Mr. Lindqvist"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ents := append(slices.Clone(tc.ents), graph.Entity{ID: "neman", Name: "Neman Trade", Type: graph.Organization})
			x := graph.Extraction{Entities: ents, Relations: []graph.Relation{tc.rel}}
			MergePersonNames(&x)
			checkNames(t, entityNames(x), tc.kept, tc.gone)
			if len(x.Relations) != 1 || x.Relations[0].Source != tc.relEnd && x.Relations[0].Target != tc.relEnd {
				t.Errorf("the folded name's relation did not move to %s: %+v", tc.relEnd, x.Relations)
			}
			for _, e := range x.Entities {
				if e.Name == tc.alias[0] && !slices.Contains(e.Aliases, tc.alias[1]) {
					t.Errorf("the folded name's aliases were lost: %+v", e)
				}
			}
		})
	}
}

// synthDoc builds a parse by hand: words separated by single spaces, each
// with its part of speech, dependency and head, and one recognizer span
// [es, ee) of label. It pins down a recognizer slip the real model makes
// only in some sentences.
func synthDoc(words []string, pos, dep []string, head []int, label string, es, ee int) *nlp.Doc {
	d := &nlp.Doc{}
	for i, w := range words {
		if i > 0 {
			d.Text += " "
		}
		start, bstart := len([]rune(d.Text)), len(d.Text)
		d.Text += w
		t := nlp.Token{Text: w, Start: start, End: start + len([]rune(w)), ByteStart: bstart, ByteEnd: len(d.Text),
			POS: pos[i], Dep: dep[i], Head: head[i], Lemma: w}
		if i >= es && i < ee {
			t.EntType = label
		}
		d.Tokens = append(d.Tokens, t)
	}
	d.Sents = []nlp.Sentence{{Text: d.Text, End: len([]rune(d.Text)), TokEnd: len(words)}}
	d.Ents = []nlp.Entity{{Text: strings.Join(words[es:ee], " "), Label: label, Start: d.Tokens[es].Start, End: d.Tokens[ee-1].End, TokStart: es, TokEnd: ee}}
	return d
}

// A given name the recognizer left out of a person's name joins it; the
// last word of an office before a name does not.
func TestAddNamedGivenNameBefore(t *testing.T) {
	for _, tc := range []struct {
		name       string
		doc        *nlp.Doc
		want, gone []string
	}{
		{"a given name left out", synthDoc(
			[]string{"The", "dealer", "sold", "rifles", "to", "Yovany", "Ocampo", "Salas", "."},
			[]string{"DET", "NOUN", "VERB", "NOUN", "ADP", "PROPN", "PROPN", "PROPN", "PUNCT"},
			[]string{"det", "nsubj", "ROOT", "dobj", "prep", "compound", "compound", "pobj", "punct"},
			[]int{1, 2, 2, 2, 2, 7, 7, 4, 2}, "PERSON", 6, 8),
			[]string{"Yovany Ocampo Salas"}, []string{"Ocampo Salas"}},
		{"an office's last word", synthDoc(
			[]string{"The", "Commissioner", "for", "Compliance", "Nora", "Villa", "spoke", "."},
			[]string{"DET", "PROPN", "ADP", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"},
			[]string{"det", "nsubj", "prep", "compound", "compound", "pobj", "ROOT", "punct"},
			[]int{1, 6, 1, 5, 5, 2, 6, 6}, "PERSON", 4, 6),
			[]string{"Nora Villa"}, []string{"Compliance Nora Villa"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{}
			AddNamed(&x, tc.doc)
			checkNames(t, entityNames(x), tc.want, tc.gone)
		})
	}
}

// A transcript's "Q." and "A." open lines, never names.
func TestAddNamedSkipsLineLabels(t *testing.T) {
	text := "Q. Where was the vessel?\nA. Small cargo ships to Norland.\nQ. Please look at Exhibit 14.\nA. Captain Tomas Reyes was the master.\n"
	x := graph.Extraction{}
	AddNamed(&x, parse(t, text))
	for name := range entityNames(x) {
		if strings.HasPrefix(name, "A. ") || strings.HasPrefix(name, "Q. ") {
			t.Errorf("a line label opens the name %q", name)
		}
	}
}

// The recognizer's readings of a whole name win over the pieces the rules
// or the recognizer made of it, repaired where it cuts names short; a
// title or an office is never part of a person's name.
func TestAddNamedWholeNames(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		ents       []graph.Entity
		want, gone []string
		alias      [2]string // entity, alias it must have
	}{
		{name: "a person's full name over the surname the rules have; a title is no given name",
			text: "The rifles were sold to Rosa Delgado Fuentes, a clerk. Ms. Delgado Fuentes fled. Dr Marchetti, who advised her, did not.",
			ents: []graph.Entity{{ID: "delgado-fuentes", Name: "Delgado Fuentes", Type: graph.Person}, {ID: "marchetti", Name: "Marchetti", Type: graph.Person}},
			want: []string{"Rosa Delgado Fuentes"}, gone: []string{"Delgado Fuentes", "Dr Marchetti"}},
		{name: "a connector never ends a name",
			text: "He sent money to a driver in San José de las Matas on 7 September.",
			want: []string{"San José de las Matas"}},
		{name: "a name the recognizer cut in two is one person",
			text: "A judge ordered that Duvan Alonso Parra Quintero, alias Pecoso; and two others be held.",
			want: []string{"Duvan Alonso Parra Quintero"}, gone: []string{"Duvan Alonso", "Parra Quintero"}},
		{name: "a quoted other name after 'a/k/a' is the person's alias",
			text:  `Agents arrested Dario Velez Mora, a/k/a "Tonton Zo", in May.`,
			alias: [2]string{"Dario Velez Mora", "Tonton Zo"}},
		{name: "a nickname after 'alias' is the person's alias",
			text:  "The court heard that Julio Ríos Montoya, alias El Flaco, ran the network. Alias El Flaco fled.",
			ents:  []graph.Entity{{ID: "alias-el-flaco", Name: "Alias El Flaco", Type: graph.Person}},
			gone:  []string{"Alias El Flaco", "El Flaco"},
			alias: [2]string{"Julio Ríos Montoya", "El Flaco"}},
		{name: "a place read only inside an organisation's name is part of it",
			text: "The four belong to Los Tigres de la Sierra, a criminal structure. Los Tigres de la Sierra sold rifles.",
			ents: []graph.Entity{{ID: "sierra", Name: "Sierra", Type: graph.Location}},
			want: []string{"Los Tigres de la Sierra"}, gone: []string{"Sierra"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{Entities: slices.Clone(tc.ents)}
			AddNamed(&x, parse(t, tc.text))
			Nicknames(&x, tc.text)
			MergePersonNames(&x)
			checkNames(t, entityNames(x), tc.want, tc.gone)
			if tc.alias[0] != "" {
				found := false
				for _, e := range x.Entities {
					found = found || e.Name == tc.alias[0] && slices.Contains(e.Aliases, tc.alias[1])
				}
				if !found {
					t.Errorf("%q lacks the alias %q: %+v", tc.alias[0], tc.alias[1], x.Entities)
				}
			}
		})
	}
}

func TestDescriptionAntecedents(t *testing.T) {
	ents := []graph.Entity{
		{ID: "hezbollah", Name: "Hezbollah", Type: graph.Organization},
		{ID: "harbor", Name: "Harbor Crest Trading LLC", Type: graph.Organization},
		{ID: "treasury", Name: "US Department of the Treasury", Type: graph.Organization},
		{ID: "zone", Name: "Tavrida Special Economic Zone", Type: graph.Organization},
		{ID: "ukraine", Name: "Ukraine", Type: graph.Country, Aliases: []string{"Ukrainian"}},
		{ID: "russia", Name: "Russia", Type: graph.Country},
		{ID: "halvern", Name: "Halvern Marine ASA", Type: graph.Organization},
		{ID: "bergen", Name: "Bergen", Type: graph.Location},
		{ID: "marula", Name: "Marula Staffing Ltd", Type: graph.Organization},
		{ID: "mombasa", Name: "Mombasa", Type: graph.Location},
	}
	for _, tc := range []struct {
		name, text, word, want string
	}{
		{"a name's own head noun reaches past the type window",
			"The Tavrida Special Economic Zone hosts a drone plant. Its workers came from abroad. Most were students. Few spoke Russian. Ukraine struck the zone in May.",
			"zone", "zone"},
		{"a group is not a company described as one",
			"Hezbollah runs a fuel network. Harbor Crest Trading LLC, a Beirut company, buys fuel for the group.",
			"group", "hezbollah"},
		{"a group is not an entity described otherwise",
			"Hezbollah runs a fuel network. Harbor Crest Trading LLC, a Beirut company, buys fuel. Blue Delta moves the cash to the group.",
			"group", "hezbollah"},
		{"a group is not a public body",
			"Hezbollah runs a fuel network. The US Department of the Treasury listed its brokers on Monday, saying they sold oil for the group.",
			"group", "hezbollah"},
		{"a description is not its verb's own subject",
			"Hezbollah gets oil money. Harbor Crest Trading LLC gives the company cash.",
			"company", ""},
		{"a defined term stands for its definition",
			`Halvern Marine ASA ("the Company") sold two radars. The Company is headquartered in Bergen.`,
			"Company", "halvern"},
		{"a lower-case defined term stands for its definition after 'the'",
			`Halvern Marine ASA (the "licensee") sold two radars from Bergen. Ukraine protested. Russia said nothing. The radars were bought by the licensee from Marula Staffing Ltd.`,
			"licensee", "halvern"},
		{"a lower-case defined term without 'the' is only a word",
			`Halvern Marine ASA (the "licensee") sold two radars. Any licensee must keep records.`,
			"licensee", ""},
		{"a state's government is that state",
			"Ukraine protested on Monday. Russia said nothing. The Ukrainian government then wrote to the zone.",
			"government", "ukraine"},
		{"an earlier description names the antecedent",
			"Marula Staffing Ltd, a Mombasa agency, hired thirty cooks. Ukraine protested. The agency denied wrongdoing.",
			"agency", "marula"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := parse(t, tc.text)
			got := ""
			lastWord := strings.LastIndex(tc.text, tc.word)
			for _, m := range References(p, FindMentions(tc.text, ents)) {
				if m.Reference && string([]rune(tc.text)[m.Start:m.End]) == tc.word && m.Start == len([]rune(tc.text[:lastWord])) {
					got = m.Entity.ID
				}
			}
			if got != tc.want {
				t.Errorf("%q stands for %q, want %q", tc.word, got, tc.want)
			}
		})
	}
}

func TestCapsPersons(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want, not  []string
	}{
		{"a profile headed by a name in capitals",
			"WANTED FOR INFORMATION\n\nHAMID YUSUF KASSAB\nNationality: Lebanese\n\nKassab is a Beirut-based businessman who brokers oil sales.",
			[]string{"Hamid Yusuf Kassab"}, []string{"Wanted For Information"}},
		{"a legal document's surnames in capitals",
			"Affidavit of the agent.\n\n1. ODRIC PAUL VILBRUN and MARC DESLANDES met in May. VILBRUN wrote to DESLANDES twice. DESLANDES paid VILBRUN.",
			[]string{"Odric Paul Vilbrun"}, nil},
		{"a message label before a name in capitals is not part of it",
			"Field 70: INVOICE 0325 ATTN HALVOR NESS ODEGAARD\n\nThe filter matched the name. Odegaard is the director of the vendor.",
			[]string{"Halvor Ness Odegaard"}, []string{"Attn Halvor Ness Odegaard"}},
		{"a heading is not a person",
			"SUPERSEDING INDICTMENT\n\nThe Indictment charges two men. Indictment counts follow.",
			nil, []string{"Superseding Indictment"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := parse(t, tc.text)
			var x graph.Extraction
			CapsPersons(&x, p)
			var got []string
			for _, e := range x.Entities {
				if e.Type == graph.Person {
					got = append(got, e.Name)
				}
			}
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("people %v, want %q", got, w)
				}
			}
			for _, n := range tc.not {
				if slices.Contains(got, n) {
					t.Errorf("people %v, do not want %q", got, n)
				}
			}
		})
	}
}

// TestAliasNameParts: a surname written alone stands for the one person
// whose name ends (or, family name first, begins) with it; not when it is
// part of a longer name or of two people's names.
func TestAliasNameParts(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		ents       []graph.Entity
		want       map[string]string // entity → alias it must have ("" none)
	}{
		{"surname alone", "Arkady Veretin founded the firm. Veretin is its director.",
			[]graph.Entity{{ID: "av", Name: "Arkady Veretin", Type: graph.Person}}, map[string]string{"av": "Veretin"}},
		{"family name first", "Zhou Weilin set it up in 2019. Zhou is also its sole director.",
			[]graph.Entity{{ID: "zm", Name: "Zhou Weilin", Type: graph.Person}}, map[string]string{"zm": "Zhou"}},
		{"inside a longer name", "Arkady Veretin runs Veretin Shipping.",
			[]graph.Entity{{ID: "av", Name: "Arkady Veretin", Type: graph.Person}, {ID: "vs", Name: "Veretin Shipping", Type: graph.Organization}},
			map[string]string{"av": ""}},
		{"a paternal surname in capitals", "Tomás Ibarra Quesada is charged. IBARRA controlled the firm.",
			[]graph.Entity{{ID: "tq", Name: "Tomás Ibarra Quesada", Type: graph.Person}}, map[string]string{"tq": "IBARRA"}},
		{"two people share it", "Omar Haddad and Rami Haddad met. Haddad left.",
			[]graph.Entity{{ID: "oh", Name: "Omar Haddad", Type: graph.Person}, {ID: "rh", Name: "Rami Haddad", Type: graph.Person}},
			map[string]string{"oh": "", "rh": ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{Entities: tc.ents}
			AliasNameParts(&x, tc.text)
			for _, e := range x.Entities {
				want, ok := tc.want[e.ID]
				if !ok {
					continue
				}
				if want == "" && len(e.Aliases) > 0 || want != "" && !slices.Contains(e.Aliases, want) {
					t.Errorf("%s aliases %v, want %q", e.Name, e.Aliases, want)
				}
			}
		})
	}
}

// A company named in full and then by its first words is one entity: the
// short form is its alias, whatever the recognizer types it.
func TestCompanyShortFormIsAlias(t *testing.T) {
	text := "Orsk Harbour Ship Management Sdn. Bhd., of Johor Bahru, was designated as manager of the tanker. " +
		"The UK listed Orsk Harbour two days later, and a licence covers dealings with Orsk Harbour until May."
	x := graph.Extraction{Entities: []graph.Entity{{ID: "orsk-harbour-ship-management-sdn-bhd", Name: "Orsk Harbour Ship Management Sdn. Bhd.", Type: graph.Organization}}}
	AddNamed(&x, parse(t, text))
	got := entityNames(x)
	if _, ok := got["Orsk Harbour"]; ok {
		t.Fatalf("the short form is an entity of its own: %v", got)
	}
	for _, e := range x.Entities {
		if e.Name == "Orsk Harbour Ship Management Sdn. Bhd." && !slices.Contains(e.Aliases, "Orsk Harbour") {
			t.Errorf("the short form is not the company's alias: %+v", e)
		}
	}
}

// A ship's former name is the ship's alias: its relations move to the
// ship; a former name of something else is left alone.
func TestFoldFormerNames(t *testing.T) {
	text := "The KESTREL DAWN (IMO 9138252), formerly named AMBER SKY, changed flag in 2024. AMBER SKY had called at Nampho. " +
		"Orion Trading, formerly Halden Marine, denied it."
	x := graph.Extraction{
		Entities: []graph.Entity{{ID: "kestrel-dawn", Name: "KESTREL DAWN", Type: graph.Vessel}, {ID: "amber-sky", Name: "AMBER SKY", Type: graph.Vessel},
			{ID: "nampho", Name: "Nampho", Type: graph.Location}, {ID: "orion", Name: "Orion Trading", Type: graph.Organization},
			{ID: "halden", Name: "Halden Marine", Type: graph.Organization}},
		Relations: []graph.Relation{{Source: "amber-sky", Target: "nampho", Type: graph.LocatedIn}},
	}
	FoldFormerNames(&x, text)
	got := entityNames(x)
	if _, ok := got["AMBER SKY"]; ok {
		t.Fatalf("the former name is still an entity of its own: %v", got)
	}
	if _, ok := got["Halden Marine"]; !ok {
		t.Errorf("a firm's former name was folded: %v", got)
	}
	if len(x.Relations) != 1 || x.Relations[0].Source != "kestrel-dawn" {
		t.Errorf("the former name's relation did not move to the ship: %+v", x.Relations)
	}
}

// A pronoun prefers the last subject of any type it may stand for over a
// later non-subject of a type listed first: "it" after "The ship was
// designated by the Committee" is the ship.
func TestPronounPrefersSubjectOfAnyType(t *testing.T) {
	text := "The AMBERLEY 7 was designated in 2018 by the Orsk Committee. It is operated by Halden Marine Ltd."
	ents := []graph.Entity{{ID: "ship", Name: "AMBERLEY 7", Type: graph.Vessel}, {ID: "committee", Name: "Orsk Committee", Type: graph.Organization},
		{ID: "halden", Name: "Halden Marine Ltd", Type: graph.Organization}}
	for _, m := range References(parse(t, text), FindMentions(text, ents)) {
		if m.Reference && string([]rune(text)[m.Start:m.End]) == "It" && m.Entity.ID != "ship" {
			t.Errorf("It = %s, want the ship", m.Entity.Name)
		}
	}
}

func TestAddGroups(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
		not        []string
	}{
		{"a gang named before its noun", "Police arrested a member of the Tibwa gang in March.", []string{"Tibwa"}, nil},
		{"a coalition of several words", "The Tibwa gang later joined the Lamè Sans Ansanm coalition.", []string{"Tibwa", "Lamè Sans Ansanm"}, nil},
		{"a demonym is no name", "Officials blamed the Mexican cartel for the attack.", nil, []string{"Mexican"}},
		{"the noun without a determiner opens no name", "Tibwa gang members fled.", nil, []string{"Tibwa"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{}
			AddGroups(&x, parse(t, tc.text))
			checkTyped(t, entityNames(x), graph.Organization, tc.want, tc.not)
		})
	}
}
