// Package corpus generates a deterministic corpus of news-like documents
// together with their extraction output, for measuring the database side
// of ingest at scale without paying for extraction (issue 13).
//
// Document i depends only on the seed and i: the same (seed, i) always
// gives the same text, entities, relations and evidence, whatever else is
// generated, so a benchmark can add documents 50,000–50,099 to a database
// of 50,000 without generating the others again.
//
// Each document has the shape today's extraction gives news articles:
// 2–6 KB of text; 10–16 entities drawn from a pool of PoolSize names with
// a Zipf law (a few names — the states and agencies every article names —
// are in most documents, most names in few), so relations between popular
// entities recur across documents and a store must find them; 25 typed
// relations with 36 evidence sentences, 18 co-occurrences (MENTIONED_WITH)
// with one each, 54 evidence records in all, and the rune spans where the
// text names each entity.
package corpus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
)

// Per-document shape.
const (
	TypedRelations  = 25
	TypedEvidence   = 36 // 11 of the typed relations have two sentences
	CoOccurrences   = 18
	EvidencePerDoc  = TypedEvidence + CoOccurrences
	minEntities     = 10
	maxEntities     = 16
	minChars        = 2048
	maxChars        = 6144
	DefaultPoolSize = 200_000
	// zipfS is the Zipf exponent of entity popularity: with the default
	// pool, the most popular entity is in about three documents of four.
	zipfS = 1.1
)

// Generator makes the documents of one corpus.
type Generator struct {
	// Seed selects the corpus; the default 1 is the one BENCHMARKS.md
	// reports.
	Seed uint64
	// PoolSize is the number of entity names documents draw from
	// (DefaultPoolSize when 0).
	PoolSize int
}

func (g Generator) pool() int {
	if g.PoolSize > 0 {
		return g.PoolSize
	}
	return DefaultPoolSize
}

// Document returns document i (i ≥ 0) with its extraction output.
func (g Generator) Document(i int) graph.Extraction {
	rng := rand.New(rand.NewPCG(g.Seed, uint64(i)))
	zipf := rand.NewZipf(rng, zipfS, 1, uint64(g.pool()-1))
	b := &builder{spans: map[string][]graph.Span{}}

	// Entities: distinct, popular ones most often.
	n := minEntities + rng.IntN(maxEntities-minEntities+1)
	var ents []graph.Entity
	seen := map[int]bool{}
	for len(ents) < n {
		k := int(zipf.Uint64())
		if seen[k] {
			continue
		}
		seen[k] = true
		ents = append(ents, Entity(k))
	}
	target := minChars + rng.IntN(maxChars-minChars)
	title := fmt.Sprintf("Corpus report %d", i)
	b.write(title + "\n\n")

	var rels []graph.Relation
	relIdx := map[string]int{}
	types := typedRelations()
	// Typed relations, each with one or two sentences.
	for len(rels) < TypedRelations {
		a, c := ents[rng.IntN(n)], ents[rng.IntN(n)]
		if a.ID == c.ID {
			continue
		}
		t := types[rng.IntN(len(types))]
		r := graph.Relation{Source: a.ID, Target: c.ID, Type: t}.Canonical()
		if _, dup := relIdx[r.ID]; dup {
			continue
		}
		relIdx[r.ID] = len(rels)
		rels = append(rels, r)
	}
	for j := range rels {
		evs := 1
		if j < TypedEvidence-TypedRelations {
			evs = 2
		}
		for range evs {
			rels[j].Evidence = append(rels[j].Evidence, b.typedSentence(rng, rels[j], byID(ents)))
		}
	}
	// Co-occurrences, one sentence each.
	var co []graph.Relation
	for len(co) < CoOccurrences {
		a, c := ents[rng.IntN(n)], ents[rng.IntN(n)]
		if a.ID == c.ID {
			continue
		}
		r := graph.Relation{Source: a.ID, Target: c.ID, Type: graph.MentionedWith}.Canonical()
		if _, dup := relIdx[r.ID]; dup {
			continue
		}
		relIdx[r.ID] = len(rels) + len(co)
		r.Evidence = []graph.Evidence{b.coSentence(r, byID(ents))}
		co = append(co, r)
	}
	rels = append(rels, co...)
	for j := range rels {
		for _, ev := range rels[j].Evidence {
			rels[j].Confidence = max(rels[j].Confidence, ev.Confidence)
		}
	}
	// Every entity named at least once, then filler up to the size.
	for _, e := range ents {
		if len(b.spans[e.ID]) == 0 {
			b.span(e, b.sentence(e.Name+" was also named in the report."))
		}
	}
	for b.runes < target {
		b.sentence(filler[rng.IntN(len(filler))])
	}
	text := b.sb.String()
	for j := range rels {
		for k := range rels[j].Evidence {
			rels[j].Evidence[k].DocumentID = graph.DocumentID([]byte(text))
		}
	}
	for j := range ents {
		ents[j].Mentions = len(b.spans[ents[j].ID])
	}
	doc := graph.Document{
		ID:       graph.DocumentID([]byte(text)),
		Title:    title,
		Path:     fmt.Sprintf("corpus/%06d.txt", i),
		Format:   "txt",
		Text:     text,
		Chars:    b.runes,
		Mentions: b.spans,
	}
	return graph.Extraction{Documents: []graph.Document{doc}, Entities: ents, Relations: rels}
}

func byID(ents []graph.Entity) map[string]graph.Entity {
	m := make(map[string]graph.Entity, len(ents))
	for _, e := range ents {
		m[e.ID] = e
	}
	return m
}

// builder writes a document's text and remembers rune offsets.
type builder struct {
	sb     strings.Builder
	runes  int // runes written
	inPara int // sentences in the current paragraph
	spans  map[string][]graph.Span
}

func (b *builder) write(s string) {
	b.sb.WriteString(s)
	b.runes += utf8.RuneCountInString(s)
}

// sentence appends s as a sentence and returns its rune offset.
func (b *builder) sentence(s string) int {
	switch {
	case b.inPara == 6:
		b.write("\n\n")
		b.inPara = 0
	case b.inPara > 0:
		b.write(" ")
	}
	b.inPara++
	start := b.runes
	b.write(s)
	return start
}

func (b *builder) span(e graph.Entity, at int) {
	b.spans[e.ID] = append(b.spans[e.ID], graph.Span{Start: at, End: at + utf8.RuneCountInString(e.Name)})
}

// typedSentence writes "A <verb> B <tail>." for r and returns its evidence.
func (b *builder) typedSentence(rng *rand.Rand, r graph.Relation, ents map[string]graph.Entity) graph.Evidence {
	a, c := ents[r.Source], ents[r.Target]
	verb := verbs[r.Type]
	tail := tails[rng.IntN(len(tails))]
	s := a.Name + " " + verb + " " + c.Name + tail
	start := b.sentence(s)
	b.span(a, start)
	vs := start + utf8.RuneCountInString(a.Name) + 1
	b.span(c, vs+utf8.RuneCountInString(verb)+1)
	conf := 0.6 + float64(rng.IntN(36))/100
	return graph.Evidence{Sentence: s, Start: start, End: start + utf8.RuneCountInString(s),
		Trigger: verb, TriggerStart: vs, TriggerEnd: vs + utf8.RuneCountInString(verb),
		Rule: "corpus:" + strings.ToLower(string(r.Type)), Confidence: math.Round(conf*100) / 100}
}

// coSentence writes "A and B were both named in ..." for r.
func (b *builder) coSentence(r graph.Relation, ents map[string]graph.Entity) graph.Evidence {
	a, c := ents[r.Source], ents[r.Target]
	s := a.Name + " and " + c.Name + " were both named in the filing."
	start := b.sentence(s)
	b.span(a, start)
	b.span(c, start+utf8.RuneCountInString(a.Name)+5)
	return graph.Evidence{Sentence: s, Start: start, End: start + utf8.RuneCountInString(s),
		Rule: "cooccurrence", Confidence: 0.3}
}

// typedRelations are the vocabulary's types but the co-occurrence.
func typedRelations() []graph.RelationType {
	var out []graph.RelationType
	for _, t := range graph.RelationTypes() {
		if t != graph.MentionedWith {
			out = append(out, t)
		}
	}
	return out
}

var verbs = map[graph.RelationType]string{
	graph.Supplies: "supplied", graph.TradesWith: "traded with", graph.Finances: "financed",
	graph.Supports: "backed", graph.AlliedWith: "allied with", graph.CooperatesWith: "cooperated with",
	graph.LinkedTo: "is linked to", graph.PartOf: "is part of", graph.Leads: "leads",
	graph.MemberOf: "is a member of", graph.Praised: "praised", graph.Opposes: "opposed",
	graph.Attacked: "attacked", graph.Intercepted: "intercepted", graph.Sanctioned: "sanctioned",
	graph.Produces: "produces", graph.DeployedTo: "was deployed to", graph.Operates: "operates",
	graph.LocatedIn: "is based in",
}

var tails = []string{
	".",
	" last year, according to the panel.",
	" in March, officials said.",
	", the report found.",
	" through intermediaries, investigators said.",
	" despite the embargo.",
}

var filler = []string{
	"Officials declined to comment on the findings.",
	"The panel said its investigation was continuing and that further shipments were under review.",
	"Customs records obtained by reporters show several consignments declared as machine parts.",
	"A spokesperson said the allegations were baseless and politically motivated.",
	"Diplomats at the Security Council discussed the matter in a closed session on Tuesday.",
	"Satellite imagery reviewed by analysts shows activity at the port in the weeks before.",
	"The ministry did not respond to several requests for comment.",
	"Independent researchers said the pattern matched earlier transfers documented in 2019.",
}

// Entity returns entity k of the pool: a unique name (its words spell k),
// a type fixed by k, and no aliases.
func Entity(k int) graph.Entity {
	w := word(k)
	var name string
	t := entityType(k)
	switch t {
	case graph.Person:
		name = w + " " + word(k*7919+13)
	case graph.Organization:
		name = w + []string{" Trading Co.", " Holdings", " Ministry", " Industries", " Brigade"}[k%5]
	case graph.Country:
		name = "Republic of " + w
	case graph.Location:
		name = w + []string{" Port", " Province", " Airbase"}[k%3]
	case graph.Item:
		name = strings.ToUpper(w[:2]) + fmt.Sprintf("-%d missile", k%97)
		name = w + " " + name
	case graph.Vessel:
		name = "MV " + w
	default:
		name = w + " Summit"
	}
	return graph.Entity{ID: graph.EntityID(name), Name: name, Type: t}
}

// entityType spreads the types as news mentions them: organisations and
// people most, events least.
func entityType(k int) graph.EntityType {
	switch m := k % 20; {
	case m < 7:
		return graph.Organization
	case m < 12:
		return graph.Person
	case m < 14:
		return graph.Country
	case m < 17:
		return graph.Location
	case m < 18:
		return graph.Item
	case m < 19:
		return graph.Vessel
	default:
		return graph.Event
	}
}

var syllables = []string{"ka", "ro", "mi", "ta", "ve", "lu", "sa", "no", "di", "be", "zar", "qu", "fe", "ha", "jo", "pi",
	"ren", "tal", "mor", "vin", "sel", "dra", "kos", "bel", "nar", "tov", "gri", "lan", "mes", "dor", "yas", "hel"}

// word spells k in base 32 with syllables (at least two, "ix" pads one),
// capitalised: distinct k give distinct words (no syllable starts with
// "i", and where one syllable starts another — "ta", "tal" — no syllable
// completes the difference).
func word(k int) string {
	var parts []string
	for {
		parts = append(parts, syllables[k%len(syllables)])
		k /= len(syllables)
		if k == 0 {
			break
		}
	}
	if len(parts) < 2 {
		parts = append(parts, "ix")
	}
	w := strings.Join(parts, "")
	return strings.ToUpper(w[:1]) + w[1:]
}
