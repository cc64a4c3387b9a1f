package frames

import (
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

func TestParties(t *testing.T) {
	const caption = "IN THE HIGH COURT OF KESH\n\nBETWEEN:\nTHE STATE ........ COMPLAINANT\nAND\n" +
		"1. TOMAS OKELLO VARGA\n2. LINDA ABENA KORSAH ........ DEFENDANTS\n3. PELICAN AGRO SUPPLIES LIMITED\n\n" +
		"JUDGMENT\n\n1. The prosecution says the 1st Defendant bought urea from the 3rd Defendant.\n" +
		"2. I am not satisfied that the 2nd and 3rd Defendants knew the buyer.\n"
	for _, tc := range []struct {
		name, text string
		known      []graph.Entity
		want       map[string]graph.EntityType // parties added
		labels     map[string]string           // label text → the party it stands for
	}{
		{name: "a caption in capitals, referred to by number", text: caption,
			want: map[string]graph.EntityType{"Tomas Okello Varga": graph.Person, "Linda Abena Korsah": graph.Person,
				"Pelican Agro Supplies Limited": graph.Organization},
			labels: map[string]string{"1st Defendant": "Tomas Okello Varga", "3rd Defendant": "Pelican Agro Supplies Limited",
				"2nd": "Linda Abena Korsah", "3rd Defendants": "Pelican Agro Supplies Limited"}},
		{name: "a party already known keeps its entity",
			text:   caption,
			known:  []graph.Entity{{ID: "pelican", Name: "Pelican Agro Supplies Limited", Type: graph.Organization}},
			want:   map[string]graph.EntityType{"Tomas Okello Varga": graph.Person, "Linda Abena Korsah": graph.Person},
			labels: map[string]string{"3rd Defendant": "Pelican Agro Supplies Limited"}},
		{name: "caption lines that number their parties themselves",
			text: "IN THE HIGH COURT AT KESH\n\nASSET RECOVERY OFFICE ........ APPLICANT\nVERSUS\n" +
				"TARN VALLEY MOTORS LIMITED ........ 1ST RESPONDENT\nOSMAN FARAH DUALE ........ 2ND RESPONDENT\n\n" +
				"The 2nd Respondent is the sole director of the 1st Respondent.\n",
			want:   map[string]graph.EntityType{"Tarn Valley Motors Limited": graph.Organization, "Osman Farah Duale": graph.Person},
			labels: map[string]string{"2nd Respondent": "Osman Farah Duale", "1st Respondent": "Tarn Valley Motors Limited"}},
		{name: "numbered paragraphs without party labels add nothing",
			text: "1. TOMAS OKELLO VARGA\n2. LINDA ABENA KORSAH\n\nThe two met in Kesh.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Extraction{Entities: append([]graph.Entity(nil), tc.known...)}
			AddParties(&x, tc.text)
			got := entityNames(x)
			if len(got) != len(tc.known)+len(tc.want) {
				t.Errorf("entities %v, want the known ones and %v", got, tc.want)
			}
			for name, typ := range tc.want {
				if got[name] != typ {
					t.Errorf("want %s %q, got %v", typ, name, got)
				}
			}
			ms := PartyLabels(tc.text, x.Entities, FindMentions(tc.text, x.Entities))
			runes := []rune(tc.text)
			found := map[string]string{}
			for _, m := range ms {
				surface := string(runes[m.Start:m.End])
				if strings.ContainsAny(surface, "0123456789") {
					found[surface] = m.Entity.Name
				}
			}
			for label, party := range tc.labels {
				if found[label] != party {
					t.Errorf("label %q stands for %q, want %q (labels %v)", label, found[label], party, found)
				}
			}
			if len(tc.labels) == 0 && len(found) > 0 {
				t.Errorf("labels read where there are none: %v", found)
			}
		})
	}
	for _, s := range []string{"3rd Defendants", "the 1st accused"} {
		if !PartyLabel(s) {
			t.Errorf("PartyLabel(%q) = false", s)
		}
	}
	if PartyLabel("Pelican Agro Supplies Limited") || PartyLabel("3rd Defendant Holdings") {
		t.Error("a name read as a party label")
	}
}
