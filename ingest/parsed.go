package ingest

import (
	"sort"
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/extract"
	"github.com/nexus-graph/nexus/ingest/frames"
	"github.com/nexus-graph/nexus/ingest/nlp"
	"github.com/nexus-graph/nexus/ingest/relclass"
	"github.com/nexus-graph/nexus/seeds"
)

// Reading says which parse-based stages run after the token rules; a nil
// stage is skipped (ablations take them away one at a time).
type Reading struct {
	Names      bool // the recognizer's names and organisations' short names
	Frames     *frames.Set
	Classifier *relclass.Model
	// Triggers are the lexicon's relation words (extract.Extractor.Triggers),
	// which the classifier's features generalise over.
	Triggers map[string][]string
}

// SeedReading is every stage with the embedded frames and classifier.
func SeedReading() (Reading, error) {
	fs, err := frames.Load(seeds.Frames())
	if err != nil {
		return Reading{}, err
	}
	model, err := relclass.Load(seeds.RelationModel())
	if err != nil {
		return Reading{}, err
	}
	x, err := extract.Default()
	if err != nil {
		return Reading{}, err
	}
	return Reading{Names: true, Frames: fs, Classifier: model, Triggers: x.Triggers()}, nil
}

// Read runs the parse-based stages on x, which the token rules extracted
// from doc, and returns the mention pairs it considered (for training).
// Pairs whose clause is not asserted (negated, hypothetical, denied) are
// not offered to the classifier; the frames keep those out themselves.
func (rd Reading) Read(doc graph.Document, p *nlp.Doc, x *graph.Extraction) []relclass.Candidate {
	if rd.Names {
		frames.AddParties(x, doc.Text)
		frames.RepairCompanies(x, p)
		frames.AddVessels(x, p)
		frames.AddGroups(x, p)
		frames.ExtendNames(x, p)
		frames.AddNamed(x, p)
		frames.Nicknames(x, doc.Text)
		frames.AddShortNames(x, p)
		frames.CapsPersons(x, p)
		frames.MergePersonNames(x)
		frames.AliasNameParts(x, doc.Text)
		frames.FoldFormerNames(x, doc.Text)
		frames.AddPlaceBodies(x, p)
		frames.SplitUnits(x)
		frames.AddGoods(x, p)
		frames.AddRegistrations(x, doc.Text)
	}
	mentions := frames.FindMentions(doc.Text, x.Entities)
	// with the labels that stand for a caption's party or a record's subject
	read := frames.PartyLabels(doc.Text, x.Entities, mentions)
	if rd.Frames != nil {
		var records []graph.Relation
		records, read = rd.Frames.ReadRecordsAndSubjects(doc, read)
		x.Relations = AddReadings(x.Relations, rd.Frames.ReadBeside(doc, p, read, x.Relations))
		x.Relations = AddReadings(x.Relations, records)
	}
	cands := relclass.Candidates(p, frames.References(p, read), rd.Triggers)
	if rd.Classifier != nil {
		x.Relations = AddReadings(x.Relations, rd.Classifier.Read(doc, p, AssertedOnly(p, cands)))
	}
	dropUnasserted(x, p, func(tok int) bool { return !frames.Asked(p, tok) })
	if rd.Names {
		// mentions still hold: no reader above adds or drops an entity
		dropAdjectivalStates(x, mentions, doc.Text, p)
		dropPassingItems(x)
		dropNonEntities(x)
	}
	dropImplausible(x)
	dropImpliedCountries(x)
	moveDesignatorReasons(x)
	return cands
}

// The word classes (ingest/frames/words.yaml) by which names are judged
// here: what ends a street's or an instrument's name, a language, what
// points into a document, the organs by which an adjective names a state.
var (
	addressWords    = frames.AddressWords
	languageNames   = frames.LanguageNames
	referenceWords  = frames.ReferenceWords
	instrumentWords = frames.InstrumentWords
	stateOrgans     = frames.StateOrgans
)

// dropNonEntities removes what the recognizer takes for names and is
// not: ordinal party labels, streets, postcodes and box numbers ("Lida 231300", "P.O. Box
// 8812"), instruments, references into a document ("Box 3.1") and
// languages. Their relations go with them.
func dropNonEntities(x *graph.Extraction) {
	drop := map[string]bool{}
	for _, e := range x.Entities {
		words := strings.Fields(e.Name)
		last := strings.ToLower(strings.Trim(words[len(words)-1], ".,"))
		// An instrument's year or number follows its noun: "Customs Act
		// 2019", "Common Position 2011/137/".
		n := len(words)
		for n > 2 && strings.ContainsAny(words[n-1], "0123456789") {
			n--
		}
		instrument := strings.ToLower(strings.Trim(words[n-1], ".,"))
		switch {
		case e.Type == graph.Location && len(words) > 1 && addressWords[last]:
		case e.Type == graph.Organization && n > 1 && instrumentWords[instrument]:
		case (e.Type == graph.Person || e.Type == graph.Location) && addressNumber(e.Name):
		case e.Type != graph.Person && len(words) == 1 && languageNames[strings.ToLower(e.Name)]:
		case e.Type != graph.Item && len(words) > 1 && referenceWords[strings.ToLower(words[0])] && unicode.IsDigit([]rune(words[1])[0]):
		case frames.PartyLabel(e.Name): // "3rd Defendants": a caption's party by number
		default:
			continue
		}
		drop[e.ID] = true
	}
	removeEntities(x, drop)
}

// addressNumber reports a postcode or box number in a name: a run of five
// or more digits, or "P.O." ("Unit 4400" and the "1718 Committee" are
// bodies, not people or places).
func addressNumber(name string) bool {
	if strings.Contains(name, "P.O.") {
		return true
	}
	run := 0
	for _, r := range name {
		if unicode.IsDigit(r) {
			if run++; run >= 5 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// removeEntities removes the entities whose ids drop holds, and their
// relations.
func removeEntities(x *graph.Extraction, drop map[string]bool) {
	if len(drop) == 0 {
		return
	}
	// New slices: the candidates Read returns point into the old ones.
	ents := make([]graph.Entity, 0, len(x.Entities))
	for _, e := range x.Entities {
		if !drop[e.ID] {
			ents = append(ents, e)
		}
	}
	x.Entities = ents
	rels := make([]graph.Relation, 0, len(x.Relations))
	for _, r := range x.Relations {
		if !drop[r.Source] && !drop[r.Target] {
			rels = append(rels, r)
		}
	}
	x.Relations = rels
}

// dropPassingItems removes the classes of goods written in lower case
// ("weapons", "drones", "crude oil") that no relation relates or carries,
// however often the text names them. A class is background to the
// people and companies a document is about (an analyst follows who
// shipped the drones, not "drones"); it becomes a node when a relation
// says who traded or seized it, and until then would only join every
// name near it by co-occurrence, a hub with no meaning. A named model
// ("Korsak-7") stays even when named once: it identifies hardware an
// analyst traces across documents, and it joins few names.
func dropPassingItems(x *graph.Extraction) {
	typed := map[string]bool{} // ids, and names of items carried by a relation
	for _, r := range x.Relations {
		if r.Type == graph.MentionedWith {
			continue
		}
		typed[r.Source], typed[r.Target] = true, true
		if items, ok := r.Properties["items"].([]string); ok {
			for _, it := range items {
				typed[it] = true
			}
		}
	}
	drop := map[string]bool{}
	for _, e := range x.Entities {
		class := strings.ToLower(e.Name) == e.Name
		if e.Type == graph.Item && class && !typed[e.ID] && !typed[e.Name] {
			drop[e.ID] = true
		}
	}
	removeEntities(x, drop)
}

// dropAdjectivalStates removes the countries a document names only by an
// adjective ("Veloran traders", "a Veloran-flagged tanker") and relates to
// nothing: the adjective says where a person or a thing is from, it does
// not make the state an actor of the text. A country named once as a noun
// ("Velora", "the Veloran Republic", its capital) or by one of its organs
// ("the Veloran government") stays, and so does one a relation holds.
// mentions are x's entities' mentions in text.
// Regions are read alike: "Ostrian buyers" does not make the continent
// Ostria a place the text is about.
func dropAdjectivalStates(x *graph.Extraction, mentions []frames.Mention, text string, p *nlp.Doc) {
	if p == nil {
		return
	}
	related := map[string]bool{}
	for _, r := range x.Relations {
		if r.Type != graph.MentionedWith {
			related[r.Source], related[r.Target] = true, true
		}
	}
	runes := []rune(text)           // mentions are in rune offsets
	adjectival := map[string]bool{} // ids with a mention, all adjectives
	for _, m := range mentions {
		e := m.Entity
		if e.Type != graph.Country && e.Type != graph.Location || related[e.ID] {
			continue
		}
		adj, seen := adjectival[e.ID]
		if seen && !adj {
			continue
		}
		adjectival[e.ID] = string(runes[m.Start:m.End]) != e.Name && adjectiveSpan(p, m.Start, m.End)
	}
	drop := map[string]bool{}
	for id, adj := range adjectival {
		if adj {
			drop[id] = true
		}
	}
	removeEntities(x, drop)
}

// adjectiveSpan reports whether the tokens of p within [start, end) (rune
// offsets) are adjectives, or the parser's nationality label ("Veloran",
// "Velorans"), that do not modify a noun of the state's organs.
func adjectiveSpan(p *nlp.Doc, start, end int) bool {
	lo := sort.Search(len(p.Tokens), func(i int) bool { return p.Tokens[i].Start >= start })
	n := 0
	for i := lo; i < len(p.Tokens) && p.Tokens[i].End <= end; i++ {
		t := p.Tokens[i]
		if t.Tag != "JJ" && t.EntType != "NORP" || stateOrgans[strings.ToLower(p.Tokens[t.Head].Lemma)] {
			return false
		}
		n++
	}
	return n > 0
}

// AssertedOnly keeps the pairs whose clause the text asserts.
func AssertedOnly(p *nlp.Doc, cands []relclass.Candidate) []relclass.Candidate {
	asserted := frames.Asserted(p)
	out := make([]relclass.Candidate, 0, len(cands))
	for _, c := range cands {
		if c.Clause < 0 || asserted(c.Clause) {
			out = append(out, c)
		}
	}
	return out
}
