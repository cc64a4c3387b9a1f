package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/nexus-graph/nexus/graph"
)

// fulltextIndex is the name of the full-text index over entity names.
const fulltextIndex = "entity_names"

// schemaStatements lists the constraints and indexes, all IF NOT EXISTS.
func schemaStatements() []string {
	st := []string{
		"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
		"CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
		// Evidence nodes no longer carry a key (Document.id guards them).
		"DROP CONSTRAINT evidence_key IF EXISTS",
		"CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type)",
		"CREATE INDEX document_path IF NOT EXISTS FOR (d:Document) ON (d.path)",
		"CREATE INDEX evidence_relation IF NOT EXISTS FOR (e:Evidence) ON (e.relationId)",
		"CREATE FULLTEXT INDEX " + fulltextIndex + " IF NOT EXISTS FOR (e:Entity) ON EACH [e.nameText]",
	}
	for _, t := range graph.RelationTypes() {
		// t comes from the vocabulary, never from a request. Earlier
		// versions had a plain index where the constraint now goes.
		name := strings.ToLower(string(t))
		st = append(st, fmt.Sprintf("DROP INDEX rel_%s_id IF EXISTS", name),
			fmt.Sprintf("CREATE CONSTRAINT rel_%s_id_unique IF NOT EXISTS FOR ()-[r:%s]-() REQUIRE r.id IS UNIQUE", name, t))
	}
	return st
}

// EnsureSchema creates the constraints and indexes Nexus relies on and
// waits until they are online. It is idempotent; Write and Search call it
// once lazily, and a program may call it at start-up to fail early.
func (s *Store) EnsureSchema(ctx context.Context) error {
	s.schemaMu.Lock()
	defer s.schemaMu.Unlock()
	if s.schemaOK {
		return nil
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	for _, q := range schemaStatements() {
		res, err := sess.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("schema %q: %w", q, mapError(err))
		}
	}
	res, err := sess.Run(ctx, "CALL db.awaitIndexes(300)", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("await indexes: %w", mapError(err))
	}
	s.schemaOK = true
	return nil
}
