package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Wipe deletes every node and relationship of the database, in batches of
// 10,000 nodes. It keeps the schema. It is meant for tests, benchmarks and
// administrators ("start from scratch"), never for request handlers.
func (s *Store) Wipe(ctx context.Context) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("wipe: %w", mapError(err))
	}
	return nil
}
