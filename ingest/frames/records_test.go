package frames

import (
	"slices"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

func TestReadRecords(t *testing.T) {
	ents := []graph.Entity{
		{ID: "orion", Name: "Orion Trading LLC", Type: graph.Organization},
		{ID: "limassol", Name: "Limassol", Type: graph.Location},
		{ID: "cyprus", Name: "Cyprus", Type: graph.Country},
		{ID: "pia", Name: "Pia Lund", Type: graph.Person},
		{ID: "sea-wren", Name: "SEA WREN", Type: graph.Vessel},
		{ID: "halden", Name: "Halden Marine Ltd", Type: graph.Organization},
		{ID: "togo", Name: "Togo", Type: graph.Country},
		{ID: "nubia", Name: "Nubia Mining Co", Type: graph.Organization},
		{ID: "kaunas", Name: "Kaunas", Type: graph.Location},
	}
	text := "Subject 1: Orion Trading LLC\n" +
		"Identifying information: Address: Limassol, Cyprus; Type of entity: private company\n" +
		"- Sole director (assessed): Pia Lund\n" +
		"\n" +
		"2. SEA WREN (IMO 9301859)\n" +
		"Flag: Togo\n" +
		"Registered owner: Halden Marine Ltd\n" +
		"Subject 3: a firm we could not identify\n" +
		"Address: Cyprus\n" +
		"Nubia Mining Co's owner is Pia Lund.\n" +
		"Flag: Cyprus\n" +
		"\n" +
		"Official name: Halden Marine Ltd\n" +
		"Town: Kaunas\n" +
		"\n" +
		"Name: Pia Lund\n" +
		"Position: General Director, Nubia Mining Co\n" +
		"Function: procurement officer at Orion Trading LLC\n" +
		"\n" +
		"Ship name: SEA WREN\n" +
		"Company (ISM): Nubia Mining Co\n" +
		"Address (registered): Kaunas\n" +
		"\n" +
		"REF 12-0041 | Pia Lund\n" +
		"Function: director-general of Halden Marine Ltd\n" +
		"REF 12-0042 | an entry we cannot name\n" +
		"Address: Limassol\n"
	rels := loadSeedFrames(t).ReadRecords(graph.Document{ID: "d", Text: text}, FindMentions(text, ents))
	var got []string
	for _, r := range rels {
		got = append(got, r.Source+" "+string(r.Type)+" "+r.Target)
		if ev := r.Evidence[0]; string([]rune(text)[ev.Start:ev.End]) != ev.Sentence || ev.Rule != "record" {
			t.Errorf("evidence %+v does not quote the text", ev)
		}
	}
	for _, want := range []string{"orion LOCATED_IN limassol", "pia LEADS orion", "sea-wren LINKED_TO togo", "halden OPERATES sea-wren", "halden LOCATED_IN kaunas",
		"pia LEADS nubia", "pia MEMBER_OF orion", "nubia OPERATES sea-wren", "sea-wren LOCATED_IN kaunas", "pia LEADS halden"} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %s; got %v", want, got)
		}
	}
	// A head with no known name ends the record; a sentence opening with a
	// name does not start one; nor does an entry whose name we do not know.
	if len(got) != 10 {
		t.Errorf("got %v, want only the ten fields above", got)
	}
}

// A narrative field ("Basis for listing: ...") mostly leaves its record's
// subject unsaid; the frames read its clauses as the subject's.
func TestReadNarrativeFields(t *testing.T) {
	ents := []graph.Entity{
		{ID: "orion", Name: "ORION TRADING LLC", Type: graph.Organization},
		{ID: "halden", Name: "Halden Marine Ltd", Type: graph.Organization},
		{ID: "pia", Name: "Pia LUND", Type: graph.Person},
		{ID: "blue-delta", Name: "Blue Delta Exchange", Type: graph.Organization},
		{ID: "ofac", Name: "Office of Foreign Assets Control", Type: graph.Organization},
	}
	for _, tc := range []struct{ text, want, not string }{
		{"1. ORION TRADING LLC\nAddress: Main Road, Limassol\nBasis for listing: Registered owner of Halden Marine Ltd; works as a front for Blue Delta Exchange.\n",
			"ORION TRADING LLC OPERATES Halden Marine Ltd", ""},
		{"1. ORION TRADING LLC\nAddress: Main Road, Limassol\nBasis for listing: Registered owner of Halden Marine Ltd; works as a front for Blue Delta Exchange.\n",
			"ORION TRADING LLC SUPPORTS Blue Delta Exchange", ""},
		{"2. Pia LUND\nNationality: Danish\nReasons for listing: Owner and general manager of Halden Marine Ltd since 2019.\n",
			"Pia LUND OPERATES Halden Marine Ltd", ""},
		{"3. Halden Marine Ltd\nOther information: Also designated by the Office of Foreign Assets Control on 1 May 2024.\n",
			"Office of Foreign Assets Control SANCTIONED Halden Marine Ltd", ""},
		// a label that is not a narrative stands for nothing
		{"3. Halden Marine Ltd\nIdentifying information: Also designated by the Office of Foreign Assets Control on 1 May 2024.\n",
			"", "Office of Foreign Assets Control SANCTIONED Halden Marine Ltd"},
	} {
		t.Run(tc.want+tc.not, func(t *testing.T) {
			got := relations(t, loadSeedFrames(t), tc.text, ents)
			if tc.want != "" && !slices.Contains(got, tc.want) {
				t.Errorf("missing %q; got %v", tc.want, got)
			}
			if tc.not != "" && slices.Contains(got, tc.not) {
				t.Errorf("read %q; got %v", tc.not, got)
			}
		})
	}
}

// An address's city is the place before its country, past a street or a
// district, and not a region.
func TestRecordAddressCity(t *testing.T) {
	ents := []graph.Entity{
		{ID: "orion", Name: "ORION TRADING LLC", Type: graph.Organization},
		{ID: "halden", Name: "Halden Marine Ltd", Type: graph.Organization},
		{ID: "oldport", Name: "Old Port", Type: graph.Location},
		{ID: "mersin", Name: "Mersin", Type: graph.Location},
		{ID: "turkey", Name: "Turkey", Type: graph.Country},
		{ID: "zone", Name: "Kama Special Economic Zone", Type: graph.Location},
		{ID: "bashkortostan", Name: "Bashkortostan", Type: graph.Location},
		{ID: "russia", Name: "Russia", Type: graph.Country},
	}
	text := "1. ORION TRADING LLC\nAddress: Old Port, Mersin, Turkey\n\n2. Halden Marine Ltd\nAddress: Kama Special Economic Zone, Republic of Bashkortostan, Russia\n"
	var got []string
	for _, r := range loadSeedFrames(t).ReadRecords(graph.Document{ID: "d", Text: text}, FindMentions(text, ents)) {
		got = append(got, r.Source+" "+string(r.Type)+" "+r.Target)
	}
	for _, want := range []string{"orion LOCATED_IN mersin", "halden LOCATED_IN zone"} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %s; got %v", want, got)
		}
	}
	for _, not := range []string{"orion LOCATED_IN oldport", "halden LOCATED_IN bashkortostan"} {
		if slices.Contains(got, not) {
			t.Errorf("read %s; got %v", not, got)
		}
	}
}
