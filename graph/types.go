// Package graph holds Nexus's domain types — entities, relations, the
// evidence behind them, documents, and the subgraphs and paths that queries
// return — and the small interfaces the rest of the program uses. It imports
// no database driver: graph/neo4jstore implements these interfaces.
package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Entity is a node: a person, organisation, state, place, event, item or
// vessel. Its ID is derived from the canonical name (see EntityID), so the
// same name from two documents lands on the same node.
type Entity struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Type    EntityType `json:"type"`
	Aliases []string   `json:"aliases,omitempty"`
	// Properties holds free-form attributes (descriptions learned from
	// appositions, country codes...). Values are JSON-able scalars or lists.
	Properties map[string]any `json:"properties,omitempty"`
	// Mentions counts how often the entity was found (extraction output).
	Mentions int `json:"mentions,omitempty"`
	// Degree is the number of relations touching the node (query output).
	Degree int `json:"degree,omitempty"`
	// Matched is, in search results, the alias or the spelling variant of
	// the entity's names that the query matched (empty for its name), and
	// MatchedBy says which of the two.
	Matched   string `json:"matched,omitempty"`
	MatchedBy string `json:"matchedBy,omitempty"`
}

// How a search result matched the query (Entity.MatchedBy).
const (
	MatchedAlias   = "alias"
	MatchedVariant = "variant"
)

// Evidence is one sentence that supports a relation, located by character
// offsets (Unicode code points, not bytes) into the document's text.
type Evidence struct {
	DocumentID string `json:"document"`
	// DocumentTitle is filled on reads, for display.
	DocumentTitle string `json:"documentTitle,omitempty"`
	Sentence      string `json:"sentence"`
	Start         int    `json:"start"`
	End           int    `json:"end"`
	// Trigger is the word or phrase that fired the rule ("supplied"), with
	// its offsets into the document text (not into the sentence).
	Trigger      string  `json:"trigger,omitempty"`
	TriggerStart int     `json:"triggerStart,omitempty"`
	TriggerEnd   int     `json:"triggerEnd,omitempty"`
	Rule         string  `json:"rule,omitempty"`
	Confidence   float64 `json:"confidence,omitempty"`
}

// Key identifies evidence within a relation: the same sentence of the same
// document is the same evidence, however often it is written.
func (e Evidence) Key() string {
	return e.DocumentID + ":" + strconv.Itoa(e.Start) + ":" + strconv.Itoa(e.End)
}

// Relation is a typed, directed edge with the evidence that supports it.
// Symmetric types are stored with Source < Target (see Canonical).
type Relation struct {
	ID         string         `json:"id"`
	Source     string         `json:"source"`
	Target     string         `json:"target"`
	Type       RelationType   `json:"type"`
	Confidence float64        `json:"confidence"`
	Properties map[string]any `json:"properties,omitempty"`
	Evidence   []Evidence     `json:"evidence,omitempty"`
	// EvidenceCount is filled on reads where the evidence list is left out.
	EvidenceCount int `json:"evidenceCount,omitempty"`
}

// Canonical orders the endpoints of a symmetric relation and sets its ID.
func (r Relation) Canonical() Relation {
	if r.Type.Symmetric() && r.Target < r.Source {
		r.Source, r.Target = r.Target, r.Source
	}
	r.ID = RelationID(r.Source, r.Type, r.Target)
	return r
}

// RelationID is the stable id of the edge (source, type, target): the same
// triple from any number of documents is one edge with many evidences.
func RelationID(source string, t RelationType, target string) string {
	if t.Symmetric() && target < source {
		source, target = target, source
	}
	sum := sha256.Sum256([]byte(source + "\x00" + string(t) + "\x00" + target))
	return "r" + hex.EncodeToString(sum[:8])
}

// Document is one ingested source. Its ID is the hash of its content, so
// re-ingesting the same bytes is recognisable and a changed file is a new
// version of the same Path.
type Document struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Path   string `json:"path"`
	Format string `json:"format,omitempty"` // txt, md, html, pdf
	// Text is the extracted plain text that evidence offsets point into.
	// Left out of listings.
	Text       string    `json:"text,omitempty"`
	Chars      int       `json:"chars,omitempty"`
	IngestedAt time.Time `json:"ingestedAt,omitzero"`
	// Mentions says where the document names each entity it yields
	// (entity id → spans in Text, in runes), as extraction found them; an
	// entity the document yields without naming it verbatim (through a
	// description or a pronoun) has no spans and counts once. The store
	// writes MENTIONS from it, so counts are the same whatever the batch
	// or the order of ingest. Nil on reads and from older extractions.
	Mentions map[string][]Span `json:"mentions,omitempty"`
	// Counts filled on reads.
	EntityCount   int `json:"entityCount,omitempty"`
	RelationCount int `json:"relationCount,omitempty"`
}

// Span is a stretch of a document's text, in rune offsets, End exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// MentionCount is how many times a document mentions the entity whose
// spans are given: at least once, since the document yields it.
func MentionCount(spans []Span) int { return max(1, len(spans)) }

// DocumentID derives a document id from its content.
func DocumentID(content []byte) string {
	sum := sha256.Sum256(content)
	return "d" + hex.EncodeToString(sum[:12])
}

// Extraction is everything found in a set of documents: the unit the
// ingest pipeline hands to a Writer, and the shape `nexus extract --json`
// prints. Relations reference entities by ID.
type Extraction struct {
	Documents []Document `json:"documents"`
	Entities  []Entity   `json:"entities"`
	Relations []Relation `json:"relations"`
}

// Subgraph is a set of nodes and the edges among them.
type Subgraph struct {
	Nodes []Entity   `json:"nodes"`
	Edges []Relation `json:"edges"`
	// Truncated says a limit cut the result: more nodes exist.
	Truncated bool `json:"truncated,omitempty"`
}

// Path is an ordered walk: Nodes[i] -Edges[i]- Nodes[i+1]. An edge may be
// traversed against its direction; its Source and Target stay as stored.
type Path struct {
	Nodes []Entity   `json:"nodes"`
	Edges []Relation `json:"edges"`
}

// Len is the number of hops.
func (p Path) Len() int { return len(p.Edges) }

// EntityID derives the stable id of an entity from its canonical name:
// lower case, accents folded, runs of anything but letters and digits
// turned into single dashes ("Bashar al-Assad" → "bashar-al-assad").
func EntityID(name string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), name)
	if err != nil {
		folded = name
	}
	folded = strings.NewReplacer("’", "", "'", "", "‘", "").Replace(folded)
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(folded) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

func strconvFloat(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }

// CompareRelations orders relations by source, type and target: the stable
// order of extraction output and golden files.
func CompareRelations(a, b Relation) int {
	if c := strings.Compare(a.Source, b.Source); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.Type), string(b.Type)); c != 0 {
		return c
	}
	return strings.Compare(a.Target, b.Target)
}
