// Package storetest opens the real test Neo4j (internal/neo4jtest.URI) as a
// neo4jstore.Store for the tests of packages above the store: api, ingest,
// cmd/nexus. The store's own tests keep their helper (importing this
// package from there would be a cycle).
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph/neo4jstore"
	"github.com/nexus-graph/nexus/internal/neo4jtest"
)

// Open connects to the test database, waits until it answers and wipes it;
// the store is closed when the test ends. Without NEXUS_TEST_NEO4J_URI it
// fails under CI and skips elsewhere (see neo4jtest.URI).
func Open(t testing.TB) *neo4jstore.Store {
	t.Helper()
	uri := neo4jtest.URI(t)
	ctx := context.Background()
	st, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri, User: neo4jtest.User(), Password: neo4jtest.Password()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := st.WaitReady(wctx, 200*time.Millisecond); err != nil {
		t.Fatalf("neo4j at %s: %v", uri, err)
	}
	if err := st.Wipe(wctx); err != nil {
		t.Fatal(err)
	}
	return st
}
