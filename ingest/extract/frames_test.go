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
	return cs
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
