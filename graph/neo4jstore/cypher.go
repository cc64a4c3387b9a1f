package neo4jstore

import (
	"context"
	"fmt"

	"github.com/nexus-graph/nexus/graph"
)

// RunReadOnly runs analyst Cypher that must not write.
func (s *Store) RunReadOnly(ctx context.Context, query string, params map[string]any) (graph.CypherResult, error) {
	return graph.CypherResult{}, fmt.Errorf("cypher: %w", graph.ErrDisabled)
}
