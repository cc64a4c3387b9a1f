package frames

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
	"github.com/nexus-graph/nexus/seeds"
)

var (
	poolOnce sync.Once
	pool     *nlp.Pool
	poolErr  error
)

// parse runs the real spaCy worker (make test installs it with make nlp;
// without it these tests fail: they test reading a real parse).
func parse(t *testing.T, text string) *nlp.Doc {
	t.Helper()
	poolOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		pool, poolErr = nlp.Start(ctx, nlp.Options{Workers: 1})
	})
	if poolErr != nil {
		t.Fatalf("the NLP runtime is needed (make nlp): %v", poolErr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	docs, err := pool.Parse(ctx, []string{text})
	if err != nil {
		t.Fatal(err)
	}
	return &docs[0]
}

func TestMain(m *testing.M) {
	code := m.Run()
	if pool != nil {
		_ = pool.Close()
	}
	os.Exit(code)
}

func loadSeedFrames(t *testing.T) *Set {
	t.Helper()
	s, err := Load(seeds.Frames())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type ent struct {
	name string
	typ  graph.EntityType
}

func entities(es ...ent) []graph.Entity {
	var out []graph.Entity
	for _, e := range es {
		out = append(out, graph.Entity{ID: graph.EntityID(e.name), Name: e.name, Type: e.typ})
	}
	return out
}

// relations reads text with the seed frames and renders each relation as
// "Source TYPE Target".
func relations(t *testing.T, s *Set, text string, ents []graph.Entity) []string {
	t.Helper()
	doc := graph.Document{ID: "doc", Text: text}
	p := parse(t, text)
	names := map[string]string{}
	for _, e := range ents {
		names[e.ID] = e.Name
	}
	var out []string
	for _, r := range s.Read(doc, p, s.WithRecordSubjects(doc, FindMentions(text, ents))) {
		out = append(out, fmt.Sprintf("%s %s %s", names[r.Source], r.Type, names[r.Target]))
		ev := r.Evidence[0]
		if got := string([]rune(text)[ev.Start:ev.End]); got != ev.Sentence || !strings.HasPrefix(ev.Rule, "dep:") && !strings.HasPrefix(ev.Rule, "list:") {
			t.Errorf("evidence %q at [%d,%d) reads %q (rule %q)", ev.Sentence, ev.Start, ev.End, got, ev.Rule)
		}
		if trig := string([]rune(text)[ev.TriggerStart:ev.TriggerEnd]); trig != ev.Trigger {
			t.Errorf("trigger %q at [%d,%d) reads %q", ev.Trigger, ev.TriggerStart, ev.TriggerEnd, trig)
		}
	}
	return out
}

// The sentences are invented for these tests; each shows one grammatical
// phenomenon every frame shares.
func TestReadFrames(t *testing.T) {
	s := loadSeedFrames(t)
	org, person, country, vessel, place := graph.Organization, graph.Person, graph.Country, graph.Vessel, graph.Location
	tests := []struct {
		name   string
		text   string
		ents   []ent
		want   []string
		absent []string
	}{
		{name: "goods counted in bags are what was seized",
			text:   "The Norland Customs Service seized 60 sacks of urea and a town near Kesh.",
			ents:   []ent{{"Norland Customs Service", org}, {"urea", graph.Item}, {"Kesh", place}},
			want:   []string{"Norland Customs Service INTERCEPTED urea"},
			absent: []string{"Norland Customs Service INTERCEPTED Kesh"}},
		{name: "who makes a class of goods",
			text: "Velmar Dynamics, a maker of turbojet engines, denied it. Gimbal assemblies made by Kora Arms were in the wreck.",
			ents: []ent{{"Velmar Dynamics", org}, {"turbojet engines", graph.Item}, {"Kora Arms", org}, {"Gimbal assemblies", graph.Item}},
			want: []string{"Velmar Dynamics PRODUCES turbojet engines", "Kora Arms PRODUCES Gimbal assemblies"}},
		{name: "a participle coordinated with a passive is passive too",
			text:   "The rifles were made by Kora Arms and bought by Pelican Freight from Gao Trading.",
			ents:   []ent{{"Kora Arms", org}, {"Pelican Freight", org}, {"Gao Trading", org}},
			want:   []string{"Gao Trading SUPPLIES Pelican Freight"},
			absent: []string{"Pelican Freight SUPPLIES Gao Trading"}},
		{name: "a place apposed to an owner does not own",
			text:   "The tanker Star 3 is owned by Pelican Freight and managed by Kora Shipmanagement, Gao.",
			ents:   []ent{{"Star 3", vessel}, {"Pelican Freight", org}, {"Gao", place}},
			want:   []string{"Pelican Freight OPERATES Star 3"},
			absent: []string{"Gao OPERATES Star 3"}},
		{name: "an agentless passive implies the last named designator",
			text:   "Norland on Monday imposed sanctions on Kora Trading and three other firms. Pelican Freight, a shipper, was also blacklisted. Tamsar Brigade was later designated by Ostmark.",
			ents:   []ent{{"Norland", country}, {"Kora Trading", org}, {"Pelican Freight", org}, {"Tamsar Brigade", org}, {"Ostmark", country}},
			want:   []string{"Norland SANCTIONED Kora Trading", "Norland SANCTIONED Pelican Freight", "Ostmark SANCTIONED Tamsar Brigade"},
			absent: []string{"Norland SANCTIONED Tamsar Brigade"}},
		{name: "the entries of a list under 'added the following'",
			text:   "Ostmark has added the following three entities to its list:\n\n1. Kora Trading Ltd (Norland)\n2. Pelican Freight\n3. Omar Ali, a broker\n\nThe measures also concern Gao Trading, which was warned.",
			ents:   []ent{{"Ostmark", country}, {"Kora Trading Ltd", org}, {"Norland", country}, {"Pelican Freight", org}, {"Omar Ali", person}, {"Gao Trading", org}},
			want:   []string{"Ostmark SANCTIONED Kora Trading Ltd", "Ostmark SANCTIONED Pelican Freight", "Ostmark SANCTIONED Omar Ali"},
			absent: []string{"Ostmark SANCTIONED Gao Trading", "Ostmark SANCTIONED Norland"}},
		{name: "a listing notice's own list is its issuer's, not the last state named",
			text:   "Ostmark today listed Kora Trading, whose broker Omar Ali fled. The action was coordinated with Norland, which designated Gao Trading in May.\n\nThe following persons are listed today:\n\nIndividuals\n- Omar ALI - broker, Kora Trading\n\nEntities\n- Pelican Freight - Gao\n",
			ents:   []ent{{"Ostmark", country}, {"Kora Trading", org}, {"Norland", country}, {"Gao Trading", org}, {"Omar Ali", person}, {"Pelican Freight", org}, {"Gao", place}},
			want:   []string{"Ostmark SANCTIONED Omar Ali", "Ostmark SANCTIONED Pelican Freight", "Norland SANCTIONED Gao Trading", "Pelican Freight LOCATED_IN Gao"},
			absent: []string{"Norland SANCTIONED Omar Ali", "Norland SANCTIONED Pelican Freight"}},
		{name: "inverted passives: 'Among those listed is X', 'Also listed is Y'",
			text: "Ostmark listed Kora Trading on Monday. Among those listed is Pelican Freight, a shipper. Also listed is Colonel Omar Ali, a commander.",
			ents: []ent{{"Ostmark", country}, {"Kora Trading", org}, {"Pelican Freight", org}, {"Omar Ali", person}},
			want: []string{"Ostmark SANCTIONED Kora Trading", "Ostmark SANCTIONED Pelican Freight", "Ostmark SANCTIONED Omar Ali"}},
		{name: "being on the list is being listed, not when negated",
			text:   "Ostmark listed Kora Trading on Monday. Also on the list is Omar Ali, a broker. Gao Trading is not on the list.",
			ents:   []ent{{"Ostmark", country}, {"Kora Trading", org}, {"Omar Ali", person}, {"Gao Trading", org}},
			want:   []string{"Ostmark SANCTIONED Kora Trading", "Ostmark SANCTIONED Omar Ali"},
			absent: []string{"Ostmark SANCTIONED Gao Trading"}},
		{name: "a sum's recipient on the participle that measures it or on the transfers it went in",
			text:   "Since 2023 Kora Trading has sent 17 payments totalling USD 480,000 to Pelican Freight. Kora Trading also paid USD 96,500 in six transfers to Gao Trading. Omar Ali received four payments totalling USD 52,000 from Bina Aero.",
			ents:   []ent{{"Kora Trading", org}, {"Pelican Freight", org}, {"Gao Trading", org}, {"Omar Ali", person}, {"Bina Aero", org}},
			want:   []string{"Kora Trading FINANCES Pelican Freight", "Kora Trading FINANCES Gao Trading"},
			absent: []string{"Bina Aero SUPPLIES Omar Ali"}},
		{name: "a list that names its owner: the owner listed the name, not the last designator",
			text:   "Ostmark listed Kora Trading on Monday. Pelican Freight was placed on the Norland sanctions list in 2023. Gao Trading was added to Valoria's Ostmark sanctions list. Omar Ali is on the Norland list too. Bina Aero was not placed on the Norland list.",
			ents:   []ent{{"Ostmark", country}, {"Kora Trading", org}, {"Pelican Freight", org}, {"Norland", country}, {"Gao Trading", org}, {"Valoria", country}, {"Omar Ali", person}, {"Bina Aero", org}},
			want:   []string{"Norland SANCTIONED Pelican Freight", "Valoria SANCTIONED Gao Trading", "Norland SANCTIONED Omar Ali"},
			absent: []string{"Ostmark SANCTIONED Pelican Freight", "Ostmark SANCTIONED Gao Trading", "Norland SANCTIONED Bina Aero", "Ostmark SANCTIONED Bina Aero"}},
		{name: "a public body named once stands for its noun throughout",
			text: "Council of Norland\n\nThe sanctions regime began in 2019. It was extended in 2020. It was reviewed in 2021. It covers arms. It covers fuel. " +
				"It covers gold. It covers timber. It covers cash. It covers ships. It covers aircraft. It covers brokers. It covers banks. It covers insurers. " +
				"The Council today listed Kora Trading.",
			ents: []ent{{"Council of Norland", org}, {"Kora Trading", org}},
			want: []string{"Council of Norland SANCTIONED Kora Trading"}},
		{name: "a qualified office is membership; ships and people are intercepted, towns are not",
			text:   "Omar Ali, the deputy commander of the Tamsar Brigade, said the Norland Coast Guard stopped the dhow Sea Wren and seized rifles aboard the Pelican Star. The Tamsar Brigade seized Gao.",
			ents:   []ent{{"Omar Ali", person}, {"Tamsar Brigade", org}, {"Norland Coast Guard", org}, {"Sea Wren", vessel}, {"Pelican Star", vessel}, {"Gao", place}},
			want:   []string{"Omar Ali MEMBER_OF Tamsar Brigade", "Norland Coast Guard INTERCEPTED Sea Wren", "Norland Coast Guard INTERCEPTED Pelican Star"},
			absent: []string{"Omar Ali LEADS Tamsar Brigade", "Tamsar Brigade INTERCEPTED Gao"}},
		{name: "on behalf of, for the account of, acting for",
			text: "Pelican Freight bought the fuel on behalf of the Tamsar Brigade. Sea Wren carried crude for the account of Norvik Arms. Omar Ali is assessed to act for Gao Trading.",
			ents: []ent{{"Pelican Freight", org}, {"Tamsar Brigade", org}, {"Sea Wren", vessel}, {"Norvik Arms", org}, {"Omar Ali", person}, {"Gao Trading", org}},
			want: []string{"Pelican Freight SUPPORTS Tamsar Brigade", "Sea Wren SUPPORTS Norvik Arms", "Omar Ali SUPPORTS Gao Trading"}},
		{name: "a conjunct's own apposition holds its office; a treasurer is a member; the trust",
			text:   "Ostmark listed Pelican Freight, a Gao trucking company, and its owner, Omar Ali, in May. Tamsar Relief Trust was founded in 2011. Its treasurer, Bina Sayed, moved to Gao in 2020. The trust was outlawed by Norland in 2021.",
			ents:   []ent{{"Ostmark", country}, {"Pelican Freight", org}, {"Gao", place}, {"Omar Ali", person}, {"Tamsar Relief Trust", org}, {"Bina Sayed", person}, {"Norland", country}},
			want:   []string{"Omar Ali OPERATES Pelican Freight", "Ostmark SANCTIONED Omar Ali", "Bina Sayed MEMBER_OF Tamsar Relief Trust", "Norland SANCTIONED Tamsar Relief Trust"},
			absent: []string{"Omar Ali OPERATES Ostmark"}},
		{name: "a group is a member of a bloc; a shop's owner",
			text:   "Ti Gwo Baz is a member of the Lamè Sans coalition. Cedar Tactical, a gun store in Ocala, sold the rifles. The store's owner, Wade Pruitt, was not charged.",
			ents:   []ent{{"Ti Gwo Baz", org}, {"Lamè Sans", org}, {"Cedar Tactical", org}, {"Ocala", place}, {"Wade Pruitt", person}},
			want:   []string{"Ti Gwo Baz MEMBER_OF Lamè Sans", "Cedar Tactical LOCATED_IN Ocala", "Wade Pruitt OPERATES Cedar Tactical"},
			absent: []string{"Wade Pruitt OPERATES Lamè Sans"}},
		{name: "a personal pronoun is not its own verb's other argument; a person recruits no members",
			text:   "Dana Colter bought pistols at gun shows. Marcus Pell paid her $300 a week. In May Marcus Pell recruited Omar Ali.",
			ents:   []ent{{"Dana Colter", person}, {"Marcus Pell", person}, {"Omar Ali", person}},
			want:   []string{"Marcus Pell FINANCES Dana Colter"},
			absent: []string{"Omar Ali MEMBER_OF Marcus Pell"}},
		{name: "a possessed office belongs to the company, not to the body that listed it",
			text:   "The Council of Norland named four firms on Monday. One of them is Kavir Rotor Company, an engine maker. Its managing director, Omar Ali, was named too.",
			ents:   []ent{{"Council of Norland", org}, {"Kavir Rotor Company", org}, {"Omar Ali", person}},
			want:   []string{"Omar Ali LEADS Kavir Rotor Company"},
			absent: []string{"Omar Ali LEADS Council of Norland"}},
		{name: "a unit of a named body, with or without its abbreviation",
			text: "The Organised Crime Division of the Northport Police Service seized the rifles. The Signals Branch (SB) of the Norland Border Guard helped.",
			ents: []ent{{"Organised Crime Division", org}, {"Northport Police Service", org}, {"Signals Branch", org}, {"Norland Border Guard", org}},
			want: []string{"Organised Crime Division PART_OF Northport Police Service", "Signals Branch PART_OF Norland Border Guard"}},
		{name: "a pronoun a verb of goods moves is the goods, not a party",
			text:   "Kora Trading re-exported the parts to Pelican Freight, which forwarded them to Gao Trading. They were later carried to Minsk by Tamsar Lines.",
			ents:   []ent{{"Kora Trading", org}, {"Pelican Freight", org}, {"Gao Trading", org}, {"Minsk", place}, {"Tamsar Lines", org}},
			want:   []string{"Kora Trading SUPPLIES Pelican Freight", "Pelican Freight SUPPLIES Gao Trading"},
			absent: []string{"Pelican Freight SUPPLIES Kora Trading", "Tamsar Lines SUPPLIES Gao Trading", "Tamsar Lines SUPPLIES Pelican Freight"}},
		{name: "a business described by its kind and city",
			text:   "The rifles went to Pelican Freight, a Gao trading company, and to Norvik Arms, a firm in Kidal. Tamsar Trading is a Norland company.",
			ents:   []ent{{"Pelican Freight", org}, {"Gao", place}, {"Norvik Arms", org}, {"Kidal", place}, {"Tamsar Trading", org}, {"Norland", country}},
			want:   []string{"Pelican Freight LOCATED_IN Gao", "Norvik Arms LOCATED_IN Kidal"},
			absent: []string{"Tamsar Trading LOCATED_IN Norland"}},
		{name: "a designation followed by another state; an excluded conjunct",
			text:   "Ostmark listed Pelican Freight and Omar Ali in May, and Norland followed in July. Kordia is expected to follow. Later Gao Trading listed Omar Ali but not Pelican Freight.",
			ents:   []ent{{"Ostmark", country}, {"Pelican Freight", org}, {"Omar Ali", person}, {"Norland", country}, {"Kordia", country}, {"Gao Trading", org}},
			want:   []string{"Ostmark SANCTIONED Pelican Freight", "Norland SANCTIONED Pelican Freight", "Norland SANCTIONED Omar Ali", "Gao Trading SANCTIONED Omar Ali"},
			absent: []string{"Kordia SANCTIONED Omar Ali", "Gao Trading SANCTIONED Pelican Freight"}},
		{name: "a role noun as the subject of 'be'; whose; a payee as indirect object",
			text: "Pelican Freight's registered owner was Gao Trading. Tamsar Lines, whose director is Omar Ali, paid Kora Shipping a fee.",
			ents: []ent{{"Pelican Freight", org}, {"Gao Trading", org}, {"Tamsar Lines", org}, {"Omar Ali", person}, {"Kora Shipping", org}},
			want: []string{"Gao Trading OPERATES Pelican Freight", "Omar Ali LEADS Tamsar Lines", "Tamsar Lines FINANCES Kora Shipping"}},
		{name: "a relation inside a denial's subject stands; a negated copula does not",
			text:   "Norvik Arms sold rifles to the army. Its director, Omar Ali, denied any wrongdoing. The owner of Sea Wren is not Gao Trading.",
			ents:   []ent{{"Norvik Arms", org}, {"Omar Ali", person}, {"Sea Wren", vessel}, {"Gao Trading", org}},
			want:   []string{"Omar Ali LEADS Norvik Arms"},
			absent: []string{"Gao Trading OPERATES Sea Wren"}},
		{name: "a prefixed verb keeps its frame",
			text: "Norvik Arms re-exported the cameras to the Tamsar Brigade.",
			ents: []ent{{"Norvik Arms", org}, {"Tamsar Brigade", org}},
			want: []string{"Norvik Arms SUPPLIES Tamsar Brigade"}},
		{name: "active with to-phrase",
			text: "Norvik Arms shipped rifles to the Tamsar Brigade in 2021.",
			ents: []ent{{"Norvik Arms", org}, {"Tamsar Brigade", org}},
			want: []string{"Norvik Arms SUPPLIES Tamsar Brigade"}},
		{name: "name, office and body between commas",
			text:   "Speakers:\n- Ana Ruiz, senior fellow, Madrid Arms Observatory\n- Tom Beck, Director, Beck Freight Ltd\n- Eva Holm, Norvik Arms, Tamsar Brigade",
			ents:   []ent{{"Ana Ruiz", person}, {"Madrid Arms Observatory", org}, {"Tom Beck", person}, {"Beck Freight Ltd", org}, {"Eva Holm", person}, {"Norvik Arms", org}, {"Tamsar Brigade", org}},
			want:   []string{"Ana Ruiz MEMBER_OF Madrid Arms Observatory", "Tom Beck LEADS Beck Freight Ltd"},
			absent: []string{"Eva Holm LEADS Tamsar Brigade", "Eva Holm MEMBER_OF Tamsar Brigade"}},
		{name: "a stake stands for the company it is a stake in",
			text: "Neman Trade LLC is a broker. Its shares are held by Iryna Volk. Kora Trading owns 70 per cent of Pelican Freight.",
			ents: []ent{{"Iryna Volk", person}, {"Neman Trade LLC", org}, {"Kora Trading", org}, {"Pelican Freight", org}},
			want: []string{"Iryna Volk OPERATES Neman Trade LLC", "Kora Trading OPERATES Pelican Freight"}},
		{name: "conjoined offices share their possessor",
			text: "Neman Trade LLC was set up in 2019 by Iryna Volk, who remains its director and sole shareholder.",
			ents: []ent{{"Iryna Volk", person}, {"Neman Trade LLC", org}},
			want: []string{"Iryna Volk LEADS Neman Trade LLC", "Iryna Volk OPERATES Neman Trade LLC"}},
		{name: "conjoined offices share their complement",
			text: "Iryna Volk is the owner and director of Neman Trade LLC.",
			ents: []ent{{"Iryna Volk", person}, {"Neman Trade LLC", org}},
			want: []string{"Iryna Volk LEADS Neman Trade LLC", "Iryna Volk OPERATES Neman Trade LLC"}},
		{name: "a name that possesses another names the other",
			text:   "The Department of the Velora Treasury's Office of Export Enforcement designated Kora Trading in May.",
			ents:   []ent{{"Department of the Velora Treasury", org}, {"Office of Export Enforcement", org}, {"Kora Trading", org}},
			want:   []string{"Office of Export Enforcement SANCTIONED Kora Trading"},
			absent: []string{"Department of the Velora Treasury SANCTIONED Kora Trading"}},
		{name: "a negation the parser hangs on the auxiliary still negates",
			text:   "Neman Trade LLC and Kora Trading were not themselves designated by the Tamsar Ministry.",
			ents:   []ent{{"Neman Trade LLC", org}, {"Kora Trading", org}, {"Tamsar Ministry", org}},
			absent: []string{"Tamsar Ministry SANCTIONED Neman Trade LLC", "Tamsar Ministry SANCTIONED Kora Trading"}},
		{name: "a sum received is financing, goods received a supply",
			text:   "Neman Trade LLC received $3 million from Kora Trading. Pelican Freight received 400 rifles from Norvik Arms.",
			ents:   []ent{{"Neman Trade LLC", org}, {"Kora Trading", org}, {"Pelican Freight", org}, {"Norvik Arms", org}},
			want:   []string{"Kora Trading FINANCES Neman Trade LLC", "Norvik Arms SUPPLIES Pelican Freight"},
			absent: []string{"Kora Trading SUPPLIES Neman Trade LLC"}},
		{name: "a relative clause on a predicate noun is about the copula's subject",
			text: "Neman Trade LLC is a Minsk firm that the Tamsar Ministry sanctioned in 2024.",
			ents: []ent{{"Neman Trade LLC", org}, {"Tamsar Ministry", org}},
			want: []string{"Tamsar Ministry SANCTIONED Neman Trade LLC"}},
		{name: "an administrator runs the company (the continental title for a director)",
			text: "Iryna Volk, administrator of the company Neman Trade LLC, organised the transport.",
			ents: []ent{{"Iryna Volk", person}, {"Neman Trade LLC", org}},
			want: []string{"Iryna Volk LEADS Neman Trade LLC"}},
		{name: "a sum given or moved finances, goods supply",
			text:   "Hodan Remit moved $2 million a month to the Tamsar Brigade. Norvik Arms gives the Tamsar Brigade some $500 million a year and shipped rifles to Pelican Freight.",
			ents:   []ent{{"Hodan Remit", org}, {"Tamsar Brigade", org}, {"Norvik Arms", org}, {"Pelican Freight", org}},
			want:   []string{"Hodan Remit FINANCES Tamsar Brigade", "Norvik Arms FINANCES Tamsar Brigade", "Norvik Arms SUPPLIES Pelican Freight"},
			absent: []string{"Hodan Remit SUPPLIES Tamsar Brigade", "Norvik Arms SUPPLIES Tamsar Brigade"}},
		{name: "a front acted as, a formation of, one of the units of",
			text: "The Panel considers that Kora Trading acted as a buying front for the Tamsar Brigade. The Sahel Corps, the overseas formation of Norvik Arms, was seen at Gao. The Rahad Brigade, one of Norvik Arms's main units, moved north.",
			ents: []ent{{"Kora Trading", org}, {"Tamsar Brigade", org}, {"Sahel Corps", org}, {"Norvik Arms", org}, {"Rahad Brigade", org}},
			want: []string{"Kora Trading SUPPORTS Tamsar Brigade", "Sahel Corps PART_OF Norvik Arms", "Rahad Brigade PART_OF Norvik Arms"}},
		{name: "the head of one function is a member, not the leader",
			text:   "Tan Wei, the sales manager of Norvik Arms, signed. Omar Ali, the head of procurement of the Tamsar Brigade, paid.",
			ents:   []ent{{"Tan Wei", person}, {"Norvik Arms", org}, {"Omar Ali", person}, {"Tamsar Brigade", org}},
			want:   []string{"Tan Wei MEMBER_OF Norvik Arms"},
			absent: []string{"Tan Wei LEADS Norvik Arms", "Omar Ali LEADS Tamsar Brigade"}},
		{name: "employed by, in a relative clause",
			text: "Tan Wei, who was employed by Norvik Arms as its shipping clerk, signed the invoices.",
			ents: []ent{{"Tan Wei", person}, {"Norvik Arms", org}},
			want: []string{"Tan Wei MEMBER_OF Norvik Arms"}},
		{name: "transfers worth a sum finance",
			text:   "In 2023 Hodan Remit sent Pelican Freight seven transfers worth US$82,000.",
			ents:   []ent{{"Hodan Remit", org}, {"Pelican Freight", org}},
			want:   []string{"Hodan Remit FINANCES Pelican Freight"},
			absent: []string{"Hodan Remit SUPPLIES Pelican Freight"}},
		{name: "passive with a repeated agent",
			text: "Pelican Freight has also been designated by the United States and by Canada.",
			ents: []ent{{"Pelican Freight", org}, {"United States", country}, {"Canada", country}},
			want: []string{"United States SANCTIONED Pelican Freight", "Canada SANCTIONED Pelican Freight"}},
		{name: "passive with agent",
			text: "Pelican Freight was designated by the Office of Foreign Assets Control last year.",
			ents: []ent{{"Pelican Freight", org}, {"Office of Foreign Assets Control", org}},
			want: []string{"Office of Foreign Assets Control SANCTIONED Pelican Freight"}},
		{name: "participle after a noun",
			text: "The broker used Halden Maritime, a shipping firm owned by Ivo Brask.",
			ents: []ent{{"Halden Maritime", org}, {"Ivo Brask", person}},
			want: []string{"Ivo Brask OPERATES Halden Maritime"}},
		{name: "relative clause with its own subject",
			text: "Auric Logistics, a carrier that the Treasury designated in May, moved the cargo.",
			ents: []ent{{"Auric Logistics", org}, {"Treasury", org}},
			want: []string{"Treasury SANCTIONED Auric Logistics"}},
		{name: "relative clause as subject",
			text: "Grey Finch Ltd, which supplies engines to the Veyra Front, is registered in Cyprus.",
			ents: []ent{{"Grey Finch Ltd", org}, {"Veyra Front", org}, {"Cyprus", country}},
			want: []string{"Grey Finch Ltd SUPPLIES Veyra Front"}},
		{name: "coordinated objects",
			text:   "The ministry sanctioned Orel Bank, Tamsk Shipping and Volna Trade.",
			ents:   []ent{{"Orel Bank", org}, {"Tamsk Shipping", org}, {"Volna Trade", org}},
			absent: []string{"Orel Bank SANCTIONED Tamsk Shipping"}},
		{name: "coordinated subjects",
			text: "Kesh Industries and Baltar Metals sold fuses to the Red Hand militia.",
			ents: []ent{{"Kesh Industries", org}, {"Baltar Metals", org}, {"Red Hand", org}},
			want: []string{"Kesh Industries SUPPLIES Red Hand", "Baltar Metals SUPPLIES Red Hand"}},
		{name: "coordinated verbs share the subject",
			text: "Saffron Line is owned by Mara Kell and operates the tanker Blue Heron.",
			ents: []ent{{"Saffron Line", org}, {"Mara Kell", person}, {"Blue Heron", vessel}},
			want: []string{"Mara Kell OPERATES Saffron Line", "Saffron Line OPERATES Blue Heron"}},
		{name: "role noun with a copula",
			text: "Dana Oshiro is the managing director of Kestrel Components.",
			ents: []ent{{"Dana Oshiro", person}, {"Kestrel Components", org}},
			want: []string{"Dana Oshiro LEADS Kestrel Components"}},
		{name: "role noun in apposition",
			text: "Lark Avionics, a supplier to Tern Holdings, builds gyroscopes.",
			ents: []ent{{"Lark Avionics", org}, {"Tern Holdings", org}},
			want: []string{"Lark Avionics SUPPLIES Tern Holdings"}},
		{name: "title before a name",
			text: "Kestrel Components spokesman Ivo Brask declined to comment.",
			ents: []ent{{"Kestrel Components", org}, {"Ivo Brask", person}},
			want: []string{"Ivo Brask MEMBER_OF Kestrel Components"}},
		{name: "negation",
			text:   "Norvik Arms did not ship rifles to the Tamsar Brigade.",
			ents:   []ent{{"Norvik Arms", org}, {"Tamsar Brigade", org}},
			absent: []string{"Norvik Arms SUPPLIES Tamsar Brigade"}},
		{name: "no evidence",
			text:   "No evidence was found that Norvik Arms shipped rifles to the Tamsar Brigade.",
			ents:   []ent{{"Norvik Arms", org}, {"Tamsar Brigade", org}},
			absent: []string{"Norvik Arms SUPPLIES Tamsar Brigade"}},
		{name: "neither nor",
			text:   "Neither Canada nor Japan has sanctioned Orel Bank.",
			ents:   []ent{{"Canada", country}, {"Japan", country}, {"Orel Bank", org}},
			absent: []string{"Canada SANCTIONED Orel Bank", "Japan SANCTIONED Orel Bank"}},
		{name: "hypothetical",
			text:   "If Kesh Industries sold fuses to the Red Hand militia, the embargo would be broken.",
			ents:   []ent{{"Kesh Industries", org}, {"Red Hand", org}},
			absent: []string{"Kesh Industries SUPPLIES Red Hand"}},
		{name: "denial",
			text:   "Baltar Metals denied that it had supplied the Veyra Front.",
			ents:   []ent{{"Baltar Metals", org}, {"Veyra Front", org}},
			absent: []string{"Baltar Metals SUPPLIES Veyra Front"}},
		{name: "pronoun subject in the next sentence",
			text: "Pelican Freight is a small Cypriot carrier. It delivered drones to the Veyra Front in March.",
			ents: []ent{{"Pelican Freight", org}, {"Veyra Front", org}},
			want: []string{"Pelican Freight SUPPLIES Veyra Front"}},
		{name: "definite description",
			text: "Halden Maritime registered two tankers last year. The company later sold fuel to the Veyra Front.",
			ents: []ent{{"Halden Maritime", org}, {"Veyra Front", org}},
			want: []string{"Halden Maritime SUPPLIES Veyra Front"}},
		{name: "a city after to is a destination",
			text:   "Norvik Arms shipped the rifles to Rotterdam.",
			ents:   []ent{{"Norvik Arms", org}, {"Rotterdam", place}},
			absent: []string{"Norvik Arms SUPPLIES Rotterdam"}},
		{name: "troops stand for their state",
			text: "Sorvia armed the Kazarian troops.",
			ents: []ent{{"Kazaria", country}, {"Sorvia", country}},
			want: []string{"Sorvia SUPPLIES Kazaria"}},
		{name: "a trigger inside a name is not one",
			text:   "The Supply Directorate of Tern Holdings met Norvik Arms.",
			ents:   []ent{{"Supply Directorate", org}, {"Tern Holdings", org}, {"Norvik Arms", org}},
			absent: []string{"Supply Directorate SUPPLIES Norvik Arms", "Tern Holdings SUPPLIES Norvik Arms"}},
		{name: "a name cut short of a legal form the recognizer does not know still heads its phrase",
			text: "Mr Anton Velik is a Norlandic trader. He is the manager of Sarn Minerals SURL.",
			ents: []ent{{"Anton Velik", person}, {"Sarn Minerals", org}},
			want: []string{"Anton Velik LEADS Sarn Minerals"}},
		{name: "what a force attacks: the place or enemy a village or a position stands for, not the sea its ships are in",
			text:   "The Varran Air Force carried out air strikes on villages in Kesh and Olm. Its artillery shelled positions of the Tamsar Brigade. The Tamsar Brigade attacked cargo ships in the Sarn Sea.",
			ents:   []ent{{"Varran Air Force", org}, {"Kesh", place}, {"Olm", place}, {"Tamsar Brigade", org}, {"Sarn Sea", place}},
			want:   []string{"Varran Air Force ATTACKED Kesh", "Varran Air Force ATTACKED Olm"},
			absent: []string{"Tamsar Brigade ATTACKED Sarn Sea"}},
		{name: "an office written with 'general' after it",
			text: "Payments went through Kel Exchange, a money changer. Its director general, Anton Velik, signed the contracts.",
			ents: []ent{{"Kel Exchange", org}, {"Anton Velik", person}},
			want: []string{"Anton Velik LEADS Kel Exchange"}},
		{name: "a copula puts its subjects in the class a designator's participle describes",
			text:   "Anton Velik and Kel Trading are on the list of persons sanctioned by the Norland Treasury. Sarn Minerals is among the companies designated by Ostmark. Pelican Freight sold parts to the companies designated by Ostmark.",
			ents:   []ent{{"Anton Velik", person}, {"Kel Trading", org}, {"Norland Treasury", org}, {"Sarn Minerals", org}, {"Ostmark", country}, {"Pelican Freight", org}},
			want:   []string{"Norland Treasury SANCTIONED Anton Velik", "Norland Treasury SANCTIONED Kel Trading", "Ostmark SANCTIONED Sarn Minerals"},
			absent: []string{"Ostmark SANCTIONED Pelican Freight"}},
		{name: "the place a preposition hangs on a business's name, not a force's or a list's",
			text:   "The rifles came from Tarn Ridge Supply of Vell Harbor. Later the Norland Border Force in Vell Harbor stopped a truck. We met Kora Trading and Pelican Freight in Vell Harbor.",
			ents:   []ent{{"Tarn Ridge Supply", org}, {"Vell Harbor", place}, {"Norland Border Force", org}, {"Kora Trading", org}, {"Pelican Freight", org}},
			want:   []string{"Tarn Ridge Supply LOCATED_IN Vell Harbor"},
			absent: []string{"Norland Border Force LOCATED_IN Vell Harbor", "Kora Trading LOCATED_IN Vell Harbor"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var es []ent
			es = append(es, tc.ents...)
			ents := entities(es...)
			for i := range ents {
				if ents[i].Name == "Kazaria" {
					ents[i].Aliases = []string{"Kazarian"} // the gazetteer's demonyms
				}
			}
			got := relations(t, s, tc.text, ents)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q; got %q", w, got)
				}
			}
			for _, a := range tc.absent {
				if slices.Contains(got, a) {
					t.Errorf("must not read %q; got %q", a, got)
				}
			}
		})
	}
}

// TestDescriptionOnRoleNoun reads a parse whose company description hangs
// on the role noun, as the parser sometimes attaches it after a name it
// does not know: the description is not the office's holder.
func TestDescriptionOnRoleNoun(t *testing.T) {
	s := loadSeedFrames(t)
	text := "Anton Velik is the manager of Sarn Minerals, a gold-export company."
	ents := entities(ent{"Anton Velik", graph.Person}, ent{"Sarn Minerals", graph.Organization})
	doc := graph.Document{ID: "doc", Text: text}
	p := parse(t, text)
	role, desc := -1, -1
	for i, tk := range p.Tokens {
		switch tk.Text {
		case "manager":
			role = i
		case "company":
			desc = i
		}
	}
	if role < 0 || desc < 0 {
		t.Fatalf("no role noun or description in %q", text)
	}
	p.Tokens[desc].Head, p.Tokens[desc].Dep = role, "appos"
	var got []string
	for _, r := range s.Read(doc, p, FindMentions(text, ents)) {
		got = append(got, string(r.Type)+" "+r.Target)
	}
	if !slices.Contains(got, "LEADS "+ents[1].ID) {
		t.Errorf("want LEADS of %s; got %q", ents[1].ID, got)
	}
}

func TestLoadRefusesBadFrames(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown type", "verbs:\n  - type: SELLS\n    lemmas: [sell]\n    subject: source\n", "relation type"},
		{"bad role", "verbs:\n  - type: SUPPLIES\n    lemmas: [sell]\n    subject: buyer\n", "role"},
		{"no lemmas", "nouns:\n  - type: LEADS\n    holder: source\n", "no lemmas"},
		{"unknown field", "verbs:\n  - type: SUPPLIES\n    lemma: sell\n", "lemma"},
		{"bad moves", "verbs:\n  - type: FINANCES\n    lemmas: [give]\n    subject: source\n    moves: gold\n", "moves"},
		{"bad entity type", "nouns:\n  - type: LEADS\n    lemmas: [head]\n    holder: source\n    sourceTypes: [Human]\n", "entity type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load([]byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one naming %q", err, tc.want)
			}
		})
	}
}

func TestFindMentions(t *testing.T) {
	text := "Tern Holdings (TH) owns Tern. TH's unit, Lark Avionics, and Tern Holdings again; not Terns."
	ents := entities(ent{"Tern Holdings", graph.Organization}, ent{"Tern", graph.Organization}, ent{"Lark Avionics", graph.Organization})
	ents[0].Aliases = []string{"TH"}
	var got []string
	for _, m := range FindMentions(text, ents) {
		got = append(got, fmt.Sprintf("%s@%d", string([]rune(text)[m.Start:m.End]), m.Start))
	}
	want := []string{"Tern Holdings@0", "TH@15", "Tern@24", "TH@30", "Lark Avionics@41", "Tern Holdings@60"}
	if !slices.Equal(got, want) {
		t.Errorf("mentions = %q, want %q", got, want)
	}
}

func TestAddShortNames(t *testing.T) {
	text := "Halden Maritime Services Ltd and Halden Rail Group filed papers. The Office of Export Control " +
		"wrote to Corvane Shipping LLC. Corvane paid the fee; the Office declined. Halden then sold a tanker. " +
		"OOO Severnyi Veter Logistika and Brask-Ost LLC hired it. Severnyi Veter and Brask-Ost paid."
	x := graph.Extraction{Entities: entities(
		ent{"Halden Maritime Services Ltd", graph.Organization}, ent{"Halden Rail Group", graph.Organization},
		ent{"Office of Export Control", graph.Organization}, ent{"Corvane Shipping LLC", graph.Organization},
		ent{"OOO Severnyi Veter Logistika", graph.Organization}, ent{"Brask-Ost LLC", graph.Organization})}
	AddShortNames(&x, parse(t, text))
	got := map[string][]string{}
	for _, e := range x.Entities {
		got[e.Name] = e.Aliases
	}
	for name, want := range map[string][]string{"Corvane Shipping LLC": {"Corvane"},
		"OOO Severnyi Veter Logistika": {"Severnyi Veter", "Severnyi Veter Logistika"}, "Brask-Ost LLC": {"Brask-Ost"}} {
		if a := got[name]; !slices.Equal(a, want) {
			t.Errorf("%s aliases = %q, want %q", name, a, want)
		}
	}
	for _, name := range []string{"Halden Maritime Services Ltd", "Halden Rail Group", "Office of Export Control"} {
		if a := got[name]; len(a) != 0 {
			t.Errorf("%s aliases = %q: a shared or generic short form is no name", name, a)
		}
	}
}

func TestAsked(t *testing.T) {
	for _, tc := range []struct {
		text, word string
		asked      bool
	}{
		{"Did Kestrel Ltd sell the parts to Velora?", "sell", true},
		{"Kestrel Ltd sold the parts to Velora.", "sold", false},
		{"Can the minister say if Omar Haddad, the broker who owns Kestrel Exchange, was sanctioned?", "owns", false},
		{"Can the minister say if Omar Haddad, the broker who owns Kestrel Exchange, was sanctioned?", "sanctioned", true},
	} {
		t.Run(tc.text+"/"+tc.word, func(t *testing.T) {
			p := parse(t, tc.text)
			k := -1
			for i, tok := range p.Tokens {
				if tok.Text == tc.word {
					k = i
				}
			}
			if k < 0 {
				t.Fatalf("no token %q", tc.word)
			}
			if got := Asked(p, k); got != tc.asked {
				t.Errorf("Asked(%q) = %v, want %v", tc.word, got, tc.asked)
			}
		})
	}
}
