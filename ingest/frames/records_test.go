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
