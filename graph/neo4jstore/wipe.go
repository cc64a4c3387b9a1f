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

// Wipe deletes every node and relationship of the database, a batch of
// nodes per transaction. It keeps the schema. It is meant for tests,
// benchmarks and administrators ("start from scratch"), never for request
// handlers.
func (s *Store) Wipe(ctx context.Context) error {
	for {
		res, err := neo4j.ExecuteQuery(ctx, s.driver, `MATCH (n) WITH n LIMIT $n DETACH DELETE n RETURN count(*) AS deleted`,
			map[string]any{"n": int64(wipeBatch)}, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.cfg.Database))
		if err != nil {
			return fmt.Errorf("wipe: %w", mapError(err))
		}
		if n, _ := res.Records[0].Values[0].(int64); n == 0 {
			return nil
		}
	}
}
