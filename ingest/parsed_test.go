package ingest

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/frames"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

func TestDropPassingItems(t *testing.T) {
	for _, tc := range []struct {
		name string
		item graph.Entity
		rel  graph.RelationType // between Orvell Arms and the item
		keep bool
	}{
		{"a class named once in passing", graph.Entity{Name: "weapons", Mentions: 1}, graph.MentionedWith, false},
		{"a class named often, related to nothing", graph.Entity{Name: "drones", Mentions: 3}, graph.MentionedWith, false},
		{"a class a relation relates", graph.Entity{Name: "rifles", Mentions: 1}, graph.Produces, true},
		{"a model named once in passing", graph.Entity{Name: "Korsak-7", Mentions: 1}, graph.MentionedWith, true},
		{"a model named twice", graph.Entity{Name: "Korsak-7", Mentions: 2}, graph.MentionedWith, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.item.ID, tc.item.Type = "item", graph.Item
			x := graph.Extraction{
				Entities: []graph.Entity{{ID: "orvell", Name: "Orvell Arms", Type: graph.Organization, Mentions: 1}, tc.item},
				Relations: []graph.Relation{
					{Source: "orvell", Target: "item", Type: tc.rel},
					{Source: "orvell", Target: "kestrel", Type: graph.MentionedWith},
				},
			}
			dropPassingItems(&x)
			kept := len(x.Entities) == 2
			if kept != tc.keep {
				t.Fatalf("%q kept = %v, want %v", tc.item.Name, kept, tc.keep)
			}
			if !kept && len(x.Relations) != 1 {
				t.Errorf("relations %+v, want only those of kept entities", x.Relations)
			}
		})
	}
}

// A class that a relation carries as its goods stays.
func TestDropPassingItemsKeepsCarriedGoods(t *testing.T) {
	x := graph.Extraction{
		Entities: []graph.Entity{
			{ID: "orvell", Name: "Orvell Arms", Type: graph.Organization},
			{ID: "kestrel", Name: "Kestrel Ltd", Type: graph.Organization},
			{ID: "drones", Name: "drones", Type: graph.Item, Mentions: 2},
		},
		Relations: []graph.Relation{{Source: "orvell", Target: "kestrel", Type: graph.Supplies,
			Properties: map[string]any{"items": []string{"drones"}}}},
	}
	dropPassingItems(&x)
	if len(x.Entities) != 3 {
		t.Errorf("entities %+v, want the drones Orvell Arms supplies kept", x.Entities)
	}
}

func TestDropNonEntities(t *testing.T) {
	for _, tc := range []struct {
		name string
		e    graph.Entity
		drop bool
	}{
		{"a street", graph.Entity{Name: "Partyzanski Avenue", Type: graph.Location}, true},
		{"a city", graph.Entity{Name: "Vitebsk", Type: graph.Location}, false},
		{"a postcode read as a person", graph.Entity{Name: "Orsha 211030", Type: graph.Person}, true},
		{"a box number", graph.Entity{Name: "P.O. Box 8812", Type: graph.Person}, true},
		{"an order read as a body", graph.Entity{Name: "Temporary Denial Order", Type: graph.Organization}, true},
		{"a numbered unit", graph.Entity{Name: "Unit 4400", Type: graph.Organization}, false},
		{"an act with its year", graph.Entity{Name: "Ostrian Customs Act 2019", Type: graph.Organization}, true},
		{"a position with its number", graph.Entity{Name: "Council Common Position 2011/137/", Type: graph.Organization}, true},
		{"regulations", graph.Entity{Name: "Ostrian Export Regulations", Type: graph.Organization}, true},
		{"a body with a year in its name", graph.Entity{Name: "Kestrel Holdings 2019", Type: graph.Organization}, false},
		{"a committee named by its resolution", graph.Entity{Name: "1718 Committee", Type: graph.Organization}, false},
		{"a language read as a place", graph.Entity{Name: "Dari", Type: graph.Location}, true},
		{"a box of a report", graph.Entity{Name: "Box 3.1", Type: graph.Organization}, true},
		{"sections of an act", graph.Entity{Name: "Sections 5", Type: graph.Organization}, true},
		{"a person named like a language", graph.Entity{Name: "French", Type: graph.Person}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.e.ID = graph.EntityID(tc.e.Name)
			x := graph.Extraction{Entities: []graph.Entity{tc.e, {ID: "kestrel", Name: "Kestrel Ltd", Type: graph.Organization}},
				Relations: []graph.Relation{{Source: tc.e.ID, Target: "kestrel", Type: graph.MentionedWith}}}
			dropNonEntities(&x)
			dropped := len(x.Entities) == 1
			if dropped != tc.drop {
				t.Fatalf("%q dropped = %v, want %v", tc.e.Name, dropped, tc.drop)
			}
			if dropped && len(x.Relations) != 0 {
				t.Errorf("its relations stayed: %+v", x.Relations)
			}
		})
	}
}

// The classifier's candidates, which Read returns for training, point
// into the entity slice; dropping entities after them must not move the
// entities under those pointers.
func TestRemoveEntitiesKeepsCandidatePointers(t *testing.T) {
	x := graph.Extraction{Entities: []graph.Entity{
		{ID: "weapons", Name: "weapons", Type: graph.Item},
		{ID: "orvell", Name: "Orvell Arms", Type: graph.Organization},
	}}
	second := &x.Entities[1]
	removeEntities(&x, map[string]bool{"weapons": true})
	if second.Name != "Orvell Arms" {
		t.Fatalf("a pointer to Orvell Arms now points to %q", second.Name)
	}
	if len(x.Entities) != 1 || x.Entities[0].ID != "orvell" {
		t.Errorf("entities %+v, want only Orvell Arms", x.Entities)
	}
}

// tagged builds the parse of a sentence written as "word/TAG/head" tokens
// separated by spaces (head: the index of the token's head; NORP after
// the tag marks the parser's nationality label).
func tagged(sentence string) (string, *nlp.Doc) {
	var text strings.Builder
	var p nlp.Doc
	for i, w := range strings.Fields(sentence) {
		parts := strings.Split(w, "/")
		if i > 0 {
			text.WriteByte(' ')
		}
		start := utf8.RuneCountInString(text.String())
		text.WriteString(parts[0])
		head, _ := strconv.Atoi(parts[2])
		tok := nlp.Token{Text: parts[0], Lemma: strings.ToLower(parts[0]), Tag: parts[1], Start: start, End: start + utf8.RuneCountInString(parts[0]), Head: head}
		if len(parts) > 3 {
			tok.EntType = parts[3]
		}
		p.Tokens = append(p.Tokens, tok)
	}
	return text.String(), &p
}

func TestDropAdjectivalStates(t *testing.T) {
	velora := graph.Entity{ID: "velora", Name: "Velora", Type: graph.Country, Aliases: []string{"Veloran"}}
	ostria := graph.Entity{ID: "ostria", Name: "Ostria", Type: graph.Location, Aliases: []string{"Ostrian"}}
	for _, tc := range []struct {
		name, sentence string
		rel            graph.RelationType // between the place and Kestrel Ltd
		keep           bool
	}{
		{"named by an adjective only", "Veloran/JJ/1/NORP traders/NNS/2 bought/VBD/2 from/IN/2 Kestrel/NNP/5 Ltd/NNP/3", graph.MentionedWith, false},
		{"named as a noun too", "Veloran/JJ/1/NORP traders/NNS/2 left/VBD/2 Velora/NNP/2", graph.MentionedWith, true},
		{"named by one of its organs", "the/DT/2 Veloran/JJ/2/NORP government/NN/3 objected/VBD/3", graph.MentionedWith, true},
		{"held by a relation", "Veloran/JJ/1/NORP traders/NNS/1", graph.Supplies, true},
		{"a region named by an adjective only", "Ostrian/JJ/1/NORP buyers/NNS/1", graph.MentionedWith, false},
		{"a region named as a noun", "buyers/NNS/0 in/IN/0 Ostria/NNP/1", graph.MentionedWith, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, p := tagged(tc.sentence)
			place := velora
			if strings.Contains(text, "Ostria") {
				place = ostria
			}
			x := graph.Extraction{
				Entities:  []graph.Entity{place, {ID: "kestrel", Name: "Kestrel Ltd", Type: graph.Organization}},
				Relations: []graph.Relation{{Source: place.ID, Target: "kestrel", Type: tc.rel}},
			}
			dropAdjectivalStates(&x, frames.FindMentions(text, x.Entities), text, p)
			if kept := len(x.Entities) == 2; kept != tc.keep {
				t.Fatalf("%s kept = %v, want %v in %q", place.Name, kept, tc.keep, text)
			}
		})
	}
}
