package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// wipeBatch is the number of relationships, then nodes, Wipe deletes per
// transaction: small transactions stay within the server's transaction
// memory pool and timeout. Relationships go first: a node's DETACH DELETE
// takes all its relationships in one transaction, and an entity such as a
// state mentioned by every document has hundreds of thousands (a wipe of
// 5,000 documents ran out of the 384 MiB transaction pool).
const wipeBatch = 10000

// Wipe deletes every node and relationship of the database (but the write
// lock node), a batch of nodes per transaction. It keeps the schema. It is
// meant for tests, benchmarks and administrators ("start from scratch"),
// never for request handlers. Each batch takes the write lock, like a
// Write's transaction: a parallel Write relies on no node being deleted
// while it holds the lock (it finds its entities by element id).
func (s *Store) Wipe(ctx context.Context) error {
	if err := s.EnsureSchema(ctx); err != nil {
		return fmt.Errorf("wipe: %w", err)
	}
	ws := &writeState{me: newWriterID()}
	for _, step := range []string{
		`MATCH ()-[r]->() WITH r LIMIT $n DELETE r RETURN count(*) AS deleted`,
		`MATCH (n) WHERE NOT n:` + writeLockLabel + ` WITH n LIMIT $n DETACH DELETE n RETURN count(*) AS deleted`,
	} {
		for {
			n, err := s.wipeBatchOf(ctx, ws, step)
			if err != nil {
				return fmt.Errorf("wipe: %w", mapError(err))
			}
			if n == 0 {
				break
			}
		}
	}
	return nil
}

// wipeBatchOf runs one deleting statement in its own transaction, under
// the write lock, and returns how much it deleted.
func (s *Store) wipeBatchOf(ctx context.Context, ws *writeState, query string) (int64, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	v, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		if _, err := s.lockWrites(ctx, tx, ws); err != nil {
			return nil, err
		}
		res, err := tx.Run(ctx, query, map[string]any{"n": int64(wipeBatch)})
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		return rec.Values[0], nil
	})
	if err != nil {
		return 0, err
	}
	n, _ := v.(int64)
	return n, nil
}
