package neo4jstore

import (
	"context"
	"errors"
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
		"CREATE CONSTRAINT write_lock_id IF NOT EXISTS FOR (l:" + writeLockLabel + ") REQUIRE l.id IS UNIQUE",
		// Evidence nodes no longer carry a key (Document.id guards them).
		"DROP CONSTRAINT evidence_key IF EXISTS",
		"CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type)",
		"CREATE INDEX document_path IF NOT EXISTS FOR (d:Document) ON (d.path)",
		"CREATE INDEX evidence_relation IF NOT EXISTS FOR (e:Evidence) ON (e.relationId)",
		"CREATE FULLTEXT INDEX " + fulltextIndex + " IF NOT EXISTS FOR (e:Entity) ON EACH [e.nameText]",
	}
	st = append(st, dropRelationIDIndexes()...)
	return append(st, relationIDIndexes()...)
}

// relationIDIndexName is the name of the range index on the id of
// relationships of type t.
func relationIDIndexName(t graph.RelationType) string {
	return "relation_" + strings.ToLower(string(t)) + "_id"
}

// relationIDIndexes creates a range index on the id of the relationships
// of each type: Write finds the relations that may exist through it
// (relationUpdateQuery). Finding them through their endpoints instead
// costs the endpoint's degree in that type, which grows with the database:
// between two entities most documents name, thousands of relationships
// per row (BENCHMARKS.md, "Ingest at scale (issue 13)"). Not unique: the
// write lock already keeps a relation from being created twice, and a
// uniqueness check would cost a second look-up on every create.
func relationIDIndexes() []string {
	var st []string
	for _, t := range graph.RelationTypes() {
		// t comes from the vocabulary, never from a request.
		st = append(st, fmt.Sprintf("CREATE INDEX %s IF NOT EXISTS FOR ()-[r:%s]-() ON (r.id)", relationIDIndexName(t), t))
	}
	return st
}

// dropRelationIDIndexes drops the relationship-id indexes and uniqueness
// constraints earlier versions kept per relation type (rel_<type>_id, then
// rel_<type>_id_unique); relationIDIndexes makes the plain range indexes
// that replace them (relation_<type>_id).
func dropRelationIDIndexes() []string {
	var st []string
	for _, t := range graph.RelationTypes() {
		// t comes from the vocabulary, never from a request.
		name := strings.ToLower(string(t))
		st = append(st, fmt.Sprintf("DROP INDEX rel_%s_id IF EXISTS", name),
			fmt.Sprintf("DROP CONSTRAINT rel_%s_id_unique IF EXISTS", name))
	}
	return st
}

// oldRelationIndexes returns the relation types for which a relationship
// id index or constraint of an earlier version still exists.
func oldRelationIndexes(ctx context.Context, sess neo4j.SessionWithContext) ([]graph.RelationType, error) {
	names := map[string]graph.RelationType{}
	for _, t := range graph.RelationTypes() {
		name := strings.ToLower(string(t))
		names["rel_"+name+"_id"] = t
		names["rel_"+name+"_id_unique"] = t
	}
	res, err := sess.Run(ctx, "SHOW INDEXES YIELD name RETURN name", nil)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[graph.RelationType]bool{}
	var out []graph.RelationType
	for _, r := range recs {
		if t, ok := names[str(r.Values[0])]; ok && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out, nil
}

// backfillEvidenceEndpoints gives the Evidence nodes of relations of type
// t written by earlier versions (without source and target) their
// relation's endpoints, found through the old id index while it still
// exists, in batches of their own transactions.
func backfillEvidenceEndpoints(ctx context.Context, sess neo4j.SessionWithContext, t graph.RelationType) error {
	res, err := sess.Run(ctx, `MATCH (ev:Evidence {relType: $type}) WHERE ev.source IS NULL
CALL (ev) {
  MATCH (a:Entity)-[r:`+string(t)+` {id: ev.relationId}]->(b:Entity)
  WITH ev, a, b LIMIT 1
  SET ev.source = a.id, ev.target = b.id
} IN TRANSACTIONS OF 5000 ROWS`, map[string]any{"type": string(t)})
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return err
}

// schemaStatement runs one schema statement in a managed write
// transaction (on a cluster, on the leader; retried on transient errors).
// Several processes starting at once (ingest workers, API replicas) run
// the same statements: one that another process's creation of the same
// rule made fail counts as done.
func schemaStatement(ctx context.Context, sess neo4j.SessionWithContext, q string) error {
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, q, nil)
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && strings.HasPrefix(ne.Code, "Neo.ClientError.Schema.") &&
		(strings.HasSuffix(ne.Code, "AlreadyExists") || strings.HasSuffix(ne.Code, "NotFound")) {
		return nil
	}
	return err
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
	// Evidence of an earlier version learns its relation's endpoints
	// before the relationship id index that finds them goes.
	old, err := oldRelationIndexes(ctx, sess)
	if err != nil {
		return fmt.Errorf("schema: list indexes: %w", mapError(err))
	}
	for _, t := range old {
		if err := backfillEvidenceEndpoints(ctx, sess, t); err != nil {
			return fmt.Errorf("schema: evidence endpoints %s: %w", t, mapError(err))
		}
	}
	for _, q := range schemaStatements() {
		if err := schemaStatement(ctx, sess, q); err != nil {
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
