package extract

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/seeds"
)

var update = flag.Bool("update", false, "rewrite golden files")

func run(t testing.TB, text string) graph.Extraction {
	t.Helper()
	return defaultExtractor(t).Extract(graph.Document{ID: "dtest", Text: text})
}

func hasRel(ext graph.Extraction, src string, typ graph.RelationType, tgt string) bool {
	want := graph.Relation{Source: graph.EntityID(src), Target: graph.EntityID(tgt), Type: typ}.Canonical()
	for _, r := range ext.Relations {
		if r.ID == want.ID {
			return true
		}
	}
	return false
}

func entity(ext graph.Extraction, name string) (graph.Entity, bool) {
	for _, e := range ext.Entities {
		if e.ID == graph.EntityID(name) {
			return e, true
		}
	}
	return graph.Entity{}, false
}

func TestSegmenter(t *testing.T) {
	x := defaultExtractor(t)
	cases := []struct {
		name string
		text string
		want []string
	}{
		{"abbreviations", "The U.S. envoy met Dr. Smith in St. Louis on Jan. 5. He left.", []string{"The U.S. envoy met Dr. Smith in St. Louis on Jan. 5.", "He left."}},
		{"dotted acronym ends sentence", "Aid came from the U.S. The shipment was seized.", []string{"Aid came from the U.S.", "The shipment was seized."}},
		{"unicode quotes", "“It is over,” he said. Syria’s envoy agreed.", []string{"“It is over,” he said.", "Syria’s envoy agreed."}},
		{"question and exclamation", "Who paid? Iran did! Then it stopped.", []string{"Who paid?", "Iran did!", "Then it stopped."}},
		{"chrome lines dropped", "The Koreas\n\nRecent Features\n\nCredit: Flickr / (someone)\n\nIran armed the group.", []string{"Iran armed the group."}},
		{"repeated headline dropped", "Iran's Reach Grows Across The Region\n\nIran's Reach Grows Across The Region\n\nTehran supplied drones.", []string{"Tehran supplied drones."}},
		{"wrapped paragraph kept", "Iran supplied drones to the rebels in\nYemen during the war and later shipped\nmissiles.", []string{"Iran supplied drones to the rebels in\nYemen during the war and later shipped\nmissiles."}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rs := []rune(tc.text)
			nr := make([]rune, len(rs))
			for i, r := range rs {
				nr[i] = normRune(r)
			}
			var got []string
			for _, s := range x.segment(nr) {
				got = append(got, string(rs[s.start:s.end]))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestMatcher(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		want    []string // entity names expected
		notWant []string
	}{
		{"acronym case", "Let us go. The US and IS fought.", []string{"United States", "Islamic State"}, nil},
		{"lower-case us is not US", "Give us the report about the issue.", nil, []string{"United States", "Islamic State"}},
		{"demonym and capital", "Pyongyang praised the Syrian army.", []string{"North Korea", "Syria"}, nil},
		{"leftmost longest", "The Syrian civil war began.", []string{"Syrian civil war"}, []string{"Syria"}},
		{"item plural and singular", "A ballistic missile and two ballistic missiles.", []string{"ballistic missiles"}, nil},
		{"capitalised pattern needs capital", "They sold turkey and chad.", nil, []string{"Turkey", "Chad"}},
		{"metonym inside a longer name is skipped", "He wrote for the Washington Post and met George Washington.", []string{"Washington Post"}, []string{"United States"}},
		{"hyphenated compound item skipped", "The guided-missile destroyer sailed.", nil, []string{"missiles"}},
		{"curly apostrophe", "Syria’s ally Iran’s navy.", []string{"Syria", "Iran"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ext := run(t, tc.text)
			for _, w := range tc.want {
				if _, ok := entity(ext, w); !ok {
					t.Errorf("missing entity %q in %v", w, ext.Entities)
				}
			}
			for _, w := range tc.notWant {
				if _, ok := entity(ext, w); ok {
					t.Errorf("unexpected entity %q", w)
				}
			}
		})
	}
}

func TestUnknownEntitiesAndAliases(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		entity  string
		typ     graph.EntityType
		aliases []string
	}{
		{"acronym definition", "The Zorlan Export Bureau (ZEB) sold rifles. ZEB also sold shells.", "Zorlan Export Bureau", graph.Organization, []string{"ZEB"}},
		{"title makes a person", "Zimbabwean President Arthur Ndlovu spoke. Later Ndlovu left.", "Arthur Ndlovu", graph.Person, []string{"Ndlovu"}},
		{"given name makes a person", "Samuel Okonjo wrote the report.", "Samuel Okonjo", graph.Person, nil},
		{"apposition makes a person", "The firm is owned by Rashid Karimov, a Tajik businessman.", "Rashid Karimov", graph.Person, nil},
		{"org cue", "Funds went to Blue Anchor Shipping Company last year.", "Blue Anchor Shipping Company", graph.Organization, nil},
		{"vessel cue", "Officers boarded the tanker Sea Lotus near the coast.", "Sea Lotus", graph.Vessel, nil},
		{"vessel prefix", "The MV Ocean Star was detained.", "Ocean Star", graph.Vessel, nil},
		{"operation event", "Operation Desert Falcon began at dawn.", "Operation Desert Falcon", graph.Event, nil},
		{"war event", "He fought in the Ogaden War in his youth.", "Ogaden War", graph.Event, nil},
		{"locative", "The cargo came from Haeju in North Korea.", "Haeju", graph.Location, nil},
		{"a name before a business noun in an apposition is the firm's town", "Orvell Resins Pvt Ltd, a Nashik exporter, shipped it.", "Nashik", graph.Location, nil},
		{"a modifier may stand between the town and the business noun", "Tidewell Crew Ltd, a Thane West crewing agency, placed them.", "Thane West", graph.Location, nil},
		{"a state's name before its own agency is the agency's", "The U.S. Commerce Department added Volkhov Signal LLC to the Entity List.", "US Department of Commerce", graph.Organization, []string{"U.S. Commerce Department"}},
		{"a state's adjective before its own agency is the agency's", "In 2024 the American Justice Department charged Volna LLC.", "US Department of Justice", graph.Organization, []string{"American Justice Department"}},
		{"a known place opening a supplier's name", "Sahara Ember Supplies, a firm from Misrata, bought the cargo.", "Sahara Ember Supplies", graph.Organization, nil},
		{"a class word closing a name at a sentence's start", "Halvard Munitions, a plant near Kragujevac, made the shells.", "Halvard Munitions", graph.Organization, nil},
		{"a capital after a firm's name and 'of' is its city", "The sights came from Orlov Optik a.d. of Belgrade last year.", "Belgrade", graph.Location, nil},
		{"a capital before a business noun is its seat", "They were trucked by Kora Logistics LLC, a Tbilisi carrier, to the border.", "Tbilisi", graph.Location, nil},
		{"a capital after a legal form and a comma is the firm's seat", "Regards,\nAmadou Keita\nKindia Shipping Agency SARL, Conakry\n", "Conakry", graph.Location, nil},
		{"a capital after a dotted legal form and a comma is the firm's seat", "Beneficiary: Halden Cloud Co., Ltd., Tashkent, Uzbekistan\n", "Tashkent", graph.Location, nil},
		{"a legal form after a role noun and a comma", "The respondent, Tessaly Gold Trading CJSC, denied it.", "Tessaly Gold Trading CJSC", graph.Organization, nil},
		{"a post-Soviet legal form after a person noun", "The claimant, Sevan Optic Trade CJSC, appealed the listing.", "Sevan Optic Trade CJSC", graph.Organization, nil},
		{"a Balkan legal form in capitals", "The fuzes were sold by the director, Dravo Munitions AD, in May.", "Dravo Munitions AD", graph.Organization, nil},
		{"a curated body heading a release", "Council of the EU\nPress release\n\nThe sanctions were renewed today.", "Council of the European Union", graph.Organization, []string{"Council of the EU"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ext := run(t, tc.text)
			e, ok := entity(ext, tc.entity)
			if !ok {
				t.Fatalf("missing %q in %+v", tc.entity, ext.Entities)
			}
			if e.Type != tc.typ {
				t.Errorf("type %s, want %s", e.Type, tc.typ)
			}
			for _, a := range tc.aliases {
				found := false
				for _, ea := range e.Aliases {
					if ea == a {
						found = true
					}
				}
				if !found {
					t.Errorf("alias %q missing from %v", a, e.Aliases)
				}
			}
		})
	}
	// precision: generic capitalised words and chrome make no entities
	ext := run(t, "Recent Features\n\nOn Monday, Officials said Twitter and Facebook had nothing. Analysis Of The Region\n\nInternational Relations matter.")
	if len(ext.Entities) != 0 {
		t.Errorf("want no entities, got %+v", ext.Entities)
	}
}

func TestRelationRules(t *testing.T) {
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
		{"active verb with to-object", "Iran supplied drones to Hezbollah.", []want{{"Iran", graph.Supplies, "Hezbollah"}}, nil},
		{"ditransitive", "Russia has supplied Damascus with fighter jets.", []want{{"Russia", graph.Supplies, "Syria"}}, nil},
		{"passive with agent", "Hezbollah has been financed by Iran for decades.", []want{{"Iran", graph.Finances, "Hezbollah"}}, []want{{"Hezbollah", graph.Finances, "Iran"}}},
		{"reduced passive", "The tanker Sea Lotus, owned by Ocean Maritime Management, sailed.", []want{{"Ocean Maritime Management", graph.Operates, "Sea Lotus"}}, nil},
		{"owned or controlled by", "Blue Anchor Shipping Company is owned or controlled by KOMID.", []want{{"KOMID", graph.Operates, "Blue Anchor Shipping Company"}}, nil},
		{"agentless passive gives nothing", "Hezbollah was designated in 2001.", nil, []want{{"Hezbollah", graph.Sanctioned, "Hezbollah"}}},
		{"possessive part-of", "Syria's Scientific Studies and Research Center makes sarin.", []want{{"SSRC", graph.PartOf, "Syria"}, {"SSRC", graph.Produces, "sarin"}}, nil},
		{"title leads", "Iranian President Hassan Rouhani met Russia's leader Vladimir Putin.", []want{{"Hassan Rouhani", graph.Leads, "Iran"}, {"Vladimir Putin", graph.Leads, "Russia"}}, nil},
		{"apposition part-of", "KOMID, North Korea's main arms dealer body, sold missiles.", []want{{"KOMID", graph.PartOf, "North Korea"}}, nil},
		{"coordinated subjects", "Russia and Iran supported Assad.", []want{{"Russia", graph.Supports, "Bashar al-Assad"}, {"Iran", graph.Supports, "Bashar al-Assad"}}, nil},
		{"coordinated objects", "Pyongyang maintains close links with Iran and Hezbollah.", []want{{"North Korea", graph.LinkedTo, "Iran"}, {"North Korea", graph.LinkedTo, "Hezbollah"}}, nil},
		{"coordinated verbs", "North Korean troops backed Angola's MPLA, and assisted Syria.", []want{{"North Korea", graph.Supports, "MPLA"}, {"North Korea", graph.Supports, "Syria"}}, nil},
		{"relative clause subject", "Israel struck the SSRC, which produces chemical weapons.", []want{{"SSRC", graph.Produces, "chemical weapons"}, {"Israel", graph.Attacked, "SSRC"}}, nil},
		{"negation", "Iran has not supplied missiles to Syria.", nil, []want{{"Iran", graph.Supplies, "Syria"}}},
		{"denial", "Russia denied supplying weapons to the Houthis.", nil, []want{{"Russia", graph.Supplies, "Houthis"}}},
		{"partner noun with apposition", "Damascus's allies, Russia and Iran, stood firm.", []want{{"Russia", graph.AlliedWith, "Syria"}, {"Iran", graph.AlliedWith, "Syria"}}, nil},
		{"copula noun", "North Korea has been a supplier of rockets to Hezbollah.", []want{{"North Korea", graph.Supplies, "Hezbollah"}}, nil},
		{"hyphen compound", "The Iran-Syria trade pact was signed.", []want{{"Iran", graph.TradesWith, "Syria"}}, nil},
		{"between", "There are links between Hamas and Hezbollah.", []want{{"Hamas", graph.LinkedTo, "Hezbollah"}}, nil},
		{"deployment", "Iran sent military advisers to Syria.", []want{{"Iran", graph.DeployedTo, "Syria"}}, []want{{"Iran", graph.Supplies, "Syria"}}},
		{"money transfer", "The bank transferred funds to Hamas on behalf of Iran. Iran transferred funds to Hamas.", []want{{"Iran", graph.Finances, "Hamas"}}, nil},
		{"interception", "Egyptian authorities impounded the freighter Jie Shun in 2016.", []want{{"Egypt", graph.Intercepted, "Jie Shun"}}, nil},
		{"sanctioned by", "Mahan Air was sanctioned by the European Union.", []want{{"European Union", graph.Sanctioned, "Mahan Air"}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.family, func(t *testing.T) {
			ext := run(t, tc.text)
			for _, w := range tc.want {
				if !hasRel(ext, w.src, w.typ, w.tgt) {
					t.Errorf("missing %s -%s-> %s; got %s", w.src, w.typ, w.tgt, relList(ext))
				}
			}
			for _, w := range tc.not {
				if hasRel(ext, w.src, w.typ, w.tgt) {
					t.Errorf("unexpected %s -%s-> %s", w.src, w.typ, w.tgt)
				}
			}
		})
	}
}

func relList(ext graph.Extraction) string {
	var out []string
	for _, r := range ext.Relations {
		if r.Type != graph.MentionedWith {
			out = append(out, fmt.Sprintf("%s-%s->%s", r.Source, r.Type, r.Target))
		}
	}
	return strings.Join(out, ", ")
}

func TestEvidenceAndProperties(t *testing.T) {
	text := "Since 2015, Iran’s IRGC has supplied drones to the Houthis. In 2012-2014 Iran supplied rockets to the Houthis."
	ext := run(t, text)
	rs := []rune(text)
	var sup *graph.Relation
	for i := range ext.Relations {
		r := &ext.Relations[i]
		for _, ev := range r.Evidence {
			if ev.DocumentID != "dtest" {
				t.Errorf("evidence document %q", ev.DocumentID)
			}
			if string(rs[ev.Start:ev.End]) != ev.Sentence {
				t.Errorf("evidence offsets %d:%d do not match sentence %q", ev.Start, ev.End, ev.Sentence)
			}
			if ev.Trigger != "" && string(rs[ev.TriggerStart:ev.TriggerEnd]) != ev.Trigger {
				t.Errorf("trigger offsets wrong: %q vs %q", string(rs[ev.TriggerStart:ev.TriggerEnd]), ev.Trigger)
			}
		}
		if r.Source == "iran" && r.Type == graph.Supplies && r.Target == "houthis" {
			sup = r
		}
		if r.Type == graph.MentionedWith && r.Confidence > 0.5 {
			t.Errorf("co-occurrence confidence %v", r.Confidence)
		}
		if r.Source == r.Target {
			t.Errorf("self relation %+v", r)
		}
	}
	if sup == nil {
		t.Fatalf("Iran SUPPLIES Houthis missing: %s", relList(ext))
	}
	items, _ := sup.Properties["items"].([]string)
	if strings.Join(items, ",") != "rockets" {
		t.Errorf("items = %v", sup.Properties["items"])
	}
	years, _ := sup.Properties["years"].([]int)
	if fmt.Sprint(years) != "[2012 2013 2014]" {
		t.Errorf("years = %v", sup.Properties["years"])
	}
	if !hasRel(ext, "Islamic Revolutionary Guard Corps", graph.Supplies, "Houthis") {
		t.Errorf("IRGC SUPPLIES Houthis missing: %s", relList(ext))
	}
	// the same triple twice in one document is one relation with two evidences
	text2 := "Iran supplied drones to Hezbollah. Later, Iran supplied rockets to Hezbollah."
	ext2 := run(t, text2)
	for _, r := range ext2.Relations {
		if r.Type == graph.Supplies && len(r.Evidence) != 2 {
			t.Errorf("want 2 evidences, got %d", len(r.Evidence))
		}
	}
}

func TestNewErrors(t *testing.T) {
	cases := []struct {
		name      string
		gaz, lex  string
		wantInErr string
	}{
		{"bad gazetteer yaml", "countries: [", string(seeds.Lexicon()), "gazetteer.yaml"},
		{"unknown gazetteer field", "countries:\n  - {name: X, colour: red}\n", string(seeds.Lexicon()), "colour"},
		{"empty name", "organizations:\n  - {name: ''}\n", string(seeds.Lexicon()), "organizations[0]: field name is empty"},
		{"bad type", "entities:\n  - {name: X, type: Planet}\n", string(seeds.Lexicon()), "field type"},
		{"bad relation type", string(seeds.Gazetteer()), "relations:\n  - {type: LOVES, verbs: [love]}\n", "relations[0]: field type"},
		{"empty lexicon", string(seeds.Gazetteer()), "", "lexicon.yaml: empty file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New([]byte(tc.gaz), []byte(tc.lex))
			if err == nil || !strings.Contains(err.Error(), tc.wantInErr) {
				t.Errorf("err = %v, want it to mention %q", err, tc.wantInErr)
			}
		})
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	gaz := "organizations:\n  - {name: Acme Rocket Works, aliases: [ARW]}\ncountries:\n  - {name: Freedonia, demonyms: [Freedonian]}\n"
	if err := os.WriteFile(filepath.Join(dir, "gazetteer.yaml"), []byte(gaz), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "lexicon.yaml"), seeds.Lexicon(), 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ext := x.Extract(graph.Document{ID: "d1", Text: "ARW shipped rockets to the Freedonian army."})
	if !hasRel(ext, "Acme Rocket Works", graph.Supplies, "Freedonia") {
		t.Errorf("analyst gazetteer not used: %s", relList(ext))
	}
	if _, err := LoadDir(filepath.Join(dir, "missing")); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadDir(missing) err = %v", err)
	}
}

// TestGolden pins the full extraction JSON of a small document
// (go test -run Golden -update to rewrite).
func TestGolden(t *testing.T) {
	in := filepath.Join("testdata", "golden_small.txt")
	b, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	ext := defaultExtractor(t).Extract(graph.Document{ID: "dgolden", Title: "golden", Text: string(b)})
	ext.Documents[0].Text = ""
	got, err := json.MarshalIndent(ext, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden_small.golden")
	if *update {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if strings.TrimSpace(string(want)) != strings.TrimSpace(string(got)) {
		t.Errorf("extraction differs from %s (run with -update after checking):\n%s", golden, got)
	}
}

func TestConcurrentUse(t *testing.T) {
	x := defaultExtractor(t)
	text := "Iran supplied drones to Hezbollah. Russia backed Assad."
	want := relList(x.Extract(graph.Document{ID: "c", Text: text}))
	done := make(chan string, 8)
	for i := 0; i < 8; i++ {
		go func() { done <- relList(x.Extract(graph.Document{ID: "c", Text: text})) }()
	}
	for i := 0; i < 8; i++ {
		if got := <-done; got != want {
			t.Errorf("concurrent result differs: %s vs %s", got, want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"Iran supplied drones to Hezbollah.", "The U.S. (US) sanctioned KOMID’s “front”.\n\nCredit: x",
		"A-B trade pact between X and Y, which \u00a0makes sarin.", "Syria’s allies, Russia and Iran, ...", "(((", "é'’s"} {
		f.Add(s)
	}
	x, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "?")
		}
		ext := x.Extract(graph.Document{ID: "fz", Text: s})
		rs := []rune(s)
		for _, r := range ext.Relations {
			for _, ev := range r.Evidence {
				if ev.Start < 0 || ev.End > len(rs) || ev.Start > ev.End {
					t.Fatalf("evidence offsets %d:%d out of text (%d runes)", ev.Start, ev.End, len(rs))
				}
				if string(rs[ev.Start:ev.End]) != ev.Sentence {
					t.Fatalf("evidence sentence mismatch")
				}
				if ev.Trigger != "" && (ev.TriggerStart < ev.Start || ev.TriggerEnd > ev.End || string(rs[ev.TriggerStart:ev.TriggerEnd]) != ev.Trigger) {
					t.Fatalf("trigger offsets wrong")
				}
			}
			if !r.Type.Valid() {
				t.Fatalf("invalid relation type %q", r.Type)
			}
		}
		for _, e := range ext.Entities {
			if !e.Type.Valid() || e.ID == "" {
				t.Fatalf("bad entity %+v", e)
			}
		}
	})
}

// ruleExpect is one expected (or forbidden) finding of a rule test: the
// relation src -typ-> tgt, or, with an empty typ, the entity src.
type ruleExpect struct {
	src string
	typ graph.RelationType
	tgt string
}

// ruleCase is one sentence of a rule family with what it must and must not yield.
type ruleCase struct {
	family string
	text   string
	want   []ruleExpect
	not    []ruleExpect
}

// runRuleCases extracts each case's text and checks its expectations.
func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
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

// TestRunOnSentenceIsSplit: a huge text without full stops (a table or a
// PDF dump) is analysed in bounded pieces, and names far apart are not
// linked through one giant sentence.
func TestRunOnSentenceIsSplit(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&b, "in %d Kolvo Systems sold parts to Varna Trading; ", 1900+i)
	}
	ext := run(t, b.String())
	for _, r := range ext.Relations {
		for _, ev := range r.Evidence {
			if n := utf8.RuneCountInString(ev.Sentence); n > 6000 {
				t.Fatalf("evidence sentence of %d runes: run-on text was not split", n)
			}
		}
	}
	if len(ext.Relations) == 0 {
		t.Fatal("no relations from the split pieces")
	}
}
