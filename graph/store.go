package graph

import (
	"context"
	"time"
)

// Direction restricts which way edges are followed from a node.
type Direction string

// Directions for neighbourhood queries.
const (
	Both     Direction = "both"
	Outgoing Direction = "out"
	Incoming Direction = "in"
)

// PathMode selects the path algorithm.
type PathMode string

// Path modes.
const (
	Shortest    PathMode = "shortest"     // one shortest path
	AllShortest PathMode = "all_shortest" // every path of the minimum length
	KShortest   PathMode = "k"            // the K shortest paths up to MaxHops
)

// Filter narrows the edges and nodes a traversal may use. Empty slices mean
// "any"; MentionedWith is only followed when listed explicitly or
// IncludeWeak is set.
type Filter struct {
	RelationTypes []RelationType `json:"relationTypes,omitempty"`
	EntityTypes   []EntityType   `json:"entityTypes,omitempty"`
	MinConfidence float64        `json:"minConfidence,omitempty"`
	IncludeWeak   bool           `json:"includeWeak,omitempty"`
}

// SearchQuery asks for entities whose name or alias matches Text
// (full-text, prefix-friendly for autocomplete).
type SearchQuery struct {
	Text  string
	Types []EntityType
	Limit int
}

// NeighborQuery asks for the subgraph around one entity.
type NeighborQuery struct {
	ID        string
	Depth     int // 1..3
	Direction Direction
	Filter    Filter
	Limit     int // maximum number of nodes besides the centre
}

// PathQuery asks how two entities are connected.
type PathQuery struct {
	From, To string
	Mode     PathMode
	K        int // for KShortest
	MaxHops  int // 1..6
	Filter   Filter
}

// EntityDetail is an entity with its neighbourhood summary.
type EntityDetail struct {
	Entity
	// DegreeByType counts relations per relation type.
	DegreeByType map[RelationType]int `json:"degreeByType"`
	Documents    []Document           `json:"documents"`
}

// Stats counts what the graph holds.
type Stats struct {
	Documents       int                  `json:"documents"`
	Entities        int                  `json:"entities"`
	Relations       int                  `json:"relations"`
	Evidence        int                  `json:"evidence"`
	EntitiesByType  map[EntityType]int   `json:"entitiesByType"`
	RelationsByType map[RelationType]int `json:"relationsByType"`
}

// WriteStats says what one write did.
type WriteStats struct {
	Documents int `json:"documents"`
	Entities  int `json:"entities"`
	Relations int `json:"relations"`
	Evidence  int `json:"evidence"`
	// Skipped counts documents already stored with the same content.
	Skipped int `json:"skipped"`
}

// CypherResult is the outcome of a read-only Cypher query. Values in Rows
// are plain JSON-able values; nodes, relationships and paths found in them
// are also gathered into Graph so a viewer can draw them.
type CypherResult struct {
	Columns   []string `json:"columns"`
	Rows      [][]any  `json:"rows"`
	Graph     Subgraph `json:"graph"`
	Truncated bool     `json:"truncated"`
	// TruncatedReason says which bound cut the answer ("row cap of 1000
	// rows", "answer size cap of 16 MiB"); empty when nothing was cut.
	TruncatedReason string   `json:"truncatedReason,omitempty"`
	Elapsed         Duration `json:"elapsedMs"`
}

// Duration marshals as milliseconds.
type Duration time.Duration

// MarshalJSON writes the duration as a number of milliseconds.
func (d Duration) MarshalJSON() ([]byte, error) {
	return []byte(strconvFloat(float64(time.Duration(d)) / float64(time.Millisecond))), nil
}

// Writer stores extractions. Writing is idempotent: a document whose ID is
// already stored is skipped; a document with a new ID for an already
// stored Path replaces that older version's evidence.
type Writer interface {
	Write(ctx context.Context, x Extraction) (WriteStats, error)
}

// StoredChecker says which documents are already stored, by content id,
// so that ingest can skip an unchanged file before it extracts it.
type StoredChecker interface {
	StoredDocuments(ctx context.Context, ids []string) (map[string]bool, error)
}

// Reader answers the queries of the API and viewer.
type Reader interface {
	Search(ctx context.Context, q SearchQuery) ([]Entity, error)
	Entity(ctx context.Context, id string) (EntityDetail, error)
	Neighbors(ctx context.Context, q NeighborQuery) (Subgraph, error)
	Paths(ctx context.Context, q PathQuery) ([]Path, error)
	Relation(ctx context.Context, id string) (Relation, error)
	Documents(ctx context.Context) ([]Document, error)
	// Document returns one document with its Text.
	Document(ctx context.Context, id string) (Document, error)
	Stats(ctx context.Context) (Stats, error)
}

// CypherRunner runs analyst-written Cypher that must not write.
type CypherRunner interface {
	RunReadOnly(ctx context.Context, query string, params map[string]any) (CypherResult, error)
}

// Store is everything the program needs from a graph database.
type Store interface {
	Writer
	Reader
	CypherRunner
	// Ping succeeds when the database answers a trivial query.
	Ping(ctx context.Context) error
	Close(ctx context.Context) error
}
