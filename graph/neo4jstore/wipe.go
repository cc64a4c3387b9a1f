package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// wipeBatch is the number of nodes Wipe deletes per transaction: small
// transactions stay within the server's transaction memory pool and
// timeout.
const wipeBatch = 2000

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
	for {
		sess := s.session(ctx, neo4j.AccessModeWrite)
		v, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			if _, err := s.lockWrites(ctx, tx, ws); err != nil {
				return nil, err
			}
			res, err := tx.Run(ctx, `MATCH (n) WHERE NOT n:`+writeLockLabel+`
WITH n LIMIT $n DETACH DELETE n RETURN count(*) AS deleted`, map[string]any{"n": int64(wipeBatch)})
			if err != nil {
				return nil, err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return nil, err
			}
			return rec.Values[0], nil
		})
		sess.Close(ctx)
		if err != nil {
			return fmt.Errorf("wipe: %w", mapError(err))
		}
		if n, _ := v.(int64); n == 0 {
			return nil
		}
	}
}
