// Package neo4jstore implements graph.Store on Neo4j 5. It is the only
// package that imports the Neo4j driver.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/nexus-graph/nexus/graph"
)

// Config says how to reach the database.
type Config struct {
	URI      string
	User     string
	Password string // empty: no authentication
	Database string
	// QueryTimeout bounds each read query on the server (default 10s).
	QueryTimeout time.Duration
	// RowCap bounds RunReadOnly results (default 1000).
	RowCap int
}

// Store is a graph.Store backed by Neo4j.
type Store struct {
	driver neo4j.DriverWithContext
	cfg    Config
}

// Open creates the driver. It does not wait for the server: call Ping (or
// WaitReady) to know it answers, so a server can start before its database.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = 10 * time.Second
	}
	if cfg.RowCap <= 0 {
		cfg.RowCap = 1000
	}
	auth := neo4j.NoAuth()
	if cfg.Password != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	d, err := neo4j.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		return nil, fmt.Errorf("neo4j driver for %s: %w", cfg.URI, err)
	}
	return &Store{driver: d, cfg: cfg}, nil
}

// Ping runs RETURN 1; it fails with graph.ErrUnavailable when the server
// does not answer.
func (s *Store) Ping(ctx context.Context) error {
	_, err := neo4j.ExecuteQuery(ctx, s.driver, "RETURN 1", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database))
	if err != nil {
		return fmt.Errorf("ping %s: %w: %w", s.cfg.URI, graph.ErrUnavailable, err)
	}
	return nil
}

// WaitReady pings until the server answers or ctx ends.
func (s *Store) WaitReady(ctx context.Context, every time.Duration) error {
	for {
		err := s.Ping(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return errors.Join(ctx.Err(), err)
		case <-time.After(every):
		}
	}
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }
