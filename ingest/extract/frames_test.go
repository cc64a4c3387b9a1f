package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// frameCase is one sentence built from a frame and the relation it states.
type frameCase struct {
	family string
	text   string
	src    string
	typ    graph.RelationType
	tgt    []string // any of these targets is right ("Minsk" or "Belarus")
}

// frameCases crosses syntactic frames with the words that fill them, so a
// rule is tested on the language, not on one sentence. Names are invented.
func frameCases() []frameCase {
	const p, o, a, b = "Peter Garin", "Kolvo Systems", "Kolvo Systems", "Varna Trading"
	var cs []frameCase
	add := func(family, text, src string, typ graph.RelationType, tgt ...string) {
		cs = append(cs, frameCase{family, text, src, typ, tgt})
	}
	roleFrames := []string{
		"P, the R of O, signed the contract.",
		"P is the R of O.",
		"P, who is the R of O, signed the contract.",
		"O's R, P, signed the contract.",
		"The R of O, P, signed the contract.",
		"P (Garin) is the R of O and signed the contract.",
		"P, R of O, signed the contract.",
		"P serves as the R of O.",
		"O R P signed the contract.",
		"P was named R of O in 2019.",
	}
	for _, role := range []string{"managing director", "chief executive", "director", "chairman", "founder", "head", "president", "owner", "beneficial owner"} {
		typ := graph.Leads
		if strings.HasSuffix(role, "owner") {
			typ = graph.Operates
		}
		for _, f := range roleFrames {
			text := strings.NewReplacer("P", p, "O", o, "R", role).Replace(f)
			if strings.HasPrefix(text, role) {
				text = strings.ToUpper(role[:1]) + text[1:]
			}
			add("role/"+role, text, p, typ, o)
		}
	}
	for _, role := range []string{"an official", "an employee", "a senior engineer", "the chief financial officer"} {
		add("member/"+role, fmt.Sprintf("%s, %s at %s, signed the contract.", p, role, o), p, graph.MemberOf, o)
		add("member/"+role, fmt.Sprintf("%s is %s of %s.", p, role, o), p, graph.MemberOf, o)
	}
	for _, f := range []string{
		"O is a Minsk-based firm.", "O, a Minsk-based firm, shipped parts.", "O is based in Minsk.",
		"O, based in Minsk, shipped parts.", "O, headquartered in Minsk, shipped parts.", "The Minsk-based O shipped parts.",
		"O (Kolvo) is a Minsk-based front company that bought parts.", "O is a front company registered in Minsk.",
		"O, a company registered in Minsk, shipped parts.", "O is a Minsk-registered company.", "O of Minsk shipped parts.",
		"O, a firm in Minsk, shipped parts.", "Parts went to O in Minsk.",
	} {
		add("located", strings.ReplaceAll(f, "O", o), o, graph.LocatedIn, "Minsk", "Belarus")
	}
	for _, f := range []string{
		"A sold engines to B.", "A has supplied engines to B.", "A shipped the engines to B in 2021.",
		"The engines were sold to B by A.", "The engines were shipped from Riga to B by A.", "B bought engines from A.",
		"B received engines from A.", "The sale of engines by A to B continued.", "A's sale of engines to B continued.",
		"A, which sold engines to B, is private.", "A is a supplier of engines to B.",
		"Deliveries of engines from A to B continued.", "A shipped engines to B via Riga.", "A delivered the engines to B.",
		"A exported engines to B.", "A provided B with engines.", "B purchased engines from A.", "B obtained the engines from A.",
		"B sourced engines from A.", "A transferred engines to B.", "A re-exported the engines to B.",
		"A sells engines to B, which in turn ships them to Iran.",
	} {
		add("supply", strings.NewReplacer("A", a, "B", b).Replace(f), a, graph.Supplies, b)
	}
	// a buyer acting for a client supplies the client
	add("supply/procure-for", b+" has purchased engines for "+a+".", b, graph.Supplies, a)
	add("supply/procure-for", b+" bought engines from "+a+" for Iran.", b, graph.Supplies, "Iran")
	for _, f := range []string{
		"A paid B.", "A financed B.", "A transferred $2 million to B.", "Payments from A to B continued.",
		"B received $2 million from A.", "B was funded by A.", "A wired money to B.",
	} {
		add("finance", strings.NewReplacer("A", a, "B", b).Replace(f), a, graph.Finances, b)
	}
	for _, f := range []string{"A is owned by B.", "A is owned or controlled by B.", "B owns A.", "B controls A.",
		"A is run by B.", "B runs A.", "A is managed by B."} {
		add("control", strings.NewReplacer("A", a, "B", b).Replace(f), b, graph.Operates, a)
	}
	for _, f := range []string{"A is a subsidiary of B.", "A, a subsidiary of B, shipped parts.", "B's subsidiary A shipped parts.",
		"B's Dubai-based front company, A, shipped parts.", "A (Kolvo) is a front company for B."} {
		add("part", strings.NewReplacer("A", a, "B", b).Replace(f), a, graph.PartOf, b)
	}
	for _, f := range []string{"Canada sanctioned A.", "A was sanctioned by Canada.", "Canada designated A in May.",
		"Canada imposed sanctions on A.", "A was designated by Canada.", "Canada added A to its sanctions list.",
		"Canada has blacklisted A.", "A is subject to Canadian sanctions.", "A has been under Canadian sanctions since 2020.",
		"Canadian sanctions target A.", "A, under Canadian sanctions since 2022, shipped parts."} {
		add("sanction", strings.ReplaceAll(f, "A", a), "Canada", graph.Sanctioned, a)
	}
	// voices: timelines, interviews, academic prose, news
	for _, f := range []string{
		"2019 — A delivers engines to B.", "March 2021: A ships engines to B.", "March 2021 – A ships engines to B",
		"- 2021: A sells engines to B", "2021: first delivery of engines from A to B.",
		"We found that B was buying engines from A.", "It turned out A had shipped engines to B.",
		"We traced the engines back to A, which had sold them to B.", "Well, A was basically selling engines to B.",
		"I think A supplied B for years.", "A sent them to B through Dubai.", "Our investigation showed that A supplied engines to B.",
		"A appears to have supplied engines to B (Smith 2019).", "The transfer of engines from A to B (Jones 2020) suggests a pattern.",
		"B's procurement of engines from A is documented.", "B's acquisition of engines from A is documented.",
		"Engines supplied by A to B were later found in Syria.", "According to Smith (2019), A supplied engines to B.",
		"A, which has supplied engines to B since 2015, is state-owned.", "A is B's main supplier of engines.",
		"A is the main supplier of engines to B.", "A allegedly supplied engines to B.", "A is accused of supplying engines to B.",
		"A was found to have supplied engines to B.", "A continued to supply B with engines.", "B has received engines from A since 2020.",
		"B took delivery of engines from A.",
	} {
		add("voice/supply", strings.NewReplacer("A", a, "B", b).Replace(f), a, graph.Supplies, b)
	}
	add("voice/timeline", "12 May 2022 – Canada sanctions "+a+".", "Canada", graph.Sanctioned, a)
	add("voice/timeline", "May 2022: "+a+" designated by Canada.", "Canada", graph.Sanctioned, a)
	add("voice/timeline", "2020 — "+a+" becomes a subsidiary of "+b+".", a, graph.PartOf, b)
	add("voice/timeline", "2018 — "+p+" appointed director of "+o+".", p, graph.Leads, o)
	add("voice/ties", a+" has worked closely with "+b+".", a, graph.CooperatesWith, b)
	add("voice/ties", a+" and "+b+" signed a cooperation agreement.", a, graph.CooperatesWith, b)
	add("voice/ties", a+" does business with "+b+".", a, graph.TradesWith, b)
	add("voice/attack", "Russia launched drones at Ukraine.", "Russia", graph.Attacked, "Ukraine")
	add("voice/attack", "Israel carried out strikes against Hezbollah.", "Israel", graph.Attacked, "Hezbollah")
	add("voice/finance", a+" bankrolled "+b+".", a, graph.Finances, b)
	add("voice/finance", a+" has provided funding to "+b+".", a, graph.Finances, b)
	add("voice/support", a+" is a key backer of "+b+".", a, graph.Supports, b)
	return cs
}

// TestFramesNegative checks frames that must not produce a relation.
func TestFramesNegative(t *testing.T) {
	cases := []struct {
		text, src string
		typ       graph.RelationType
		tgt       string
	}{
		{"Kolvo Systems is not under Canadian sanctions.", "Canada", graph.Sanctioned, "Kolvo Systems"},
		{"Kolvo Systems was the supplier of Varna Trading.", "Kolvo Systems", graph.PartOf, "Varna Trading"},
		{"Canadian sanctions target Kolvo Systems.", "Canada", graph.Opposes, "Kolvo Systems"},
		{"Peter Garin never was the director of Kolvo Systems.", "Peter Garin", graph.Leads, "Kolvo Systems"},
	}
	for _, tc := range cases {
		t.Run(tc.text, func(t *testing.T) {
			if ext := run(t, tc.text); hasRel(ext, tc.src, tc.typ, tc.tgt) {
				t.Errorf("unexpected %s -%s-> %s", tc.src, tc.typ, tc.tgt)
			}
		})
	}
}

// TestFrames checks every frame case.
func TestFrames(t *testing.T) {
	for _, fc := range frameCases() {
		t.Run(fc.family+"/"+fc.text, func(t *testing.T) {
			ext := run(t, fc.text)
			for _, tgt := range fc.tgt {
				if hasRel(ext, fc.src, fc.typ, tgt) {
					return
				}
			}
			t.Errorf("missing %s -%s-> %s; got %s", fc.src, fc.typ, strings.Join(fc.tgt, "|"), relList(ext))
		})
	}
}
