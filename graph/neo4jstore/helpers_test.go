package neo4jstore

import (
	"context"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/internal/neo4jtest"
)

// openTest opens a store on the test server, with the schema in place and
// the database empty.
func openTest(t testing.TB, mod ...func(*Config)) *Store {
	t.Helper()
	uri := neo4jtest.URI(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cfg := Config{URI: uri, User: neo4jtest.User(), Password: neo4jtest.Password()}
	for _, m := range mod {
		m(&cfg)
	}
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	if err := s.WaitReady(ctx, 200*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// ent builds an entity with its id derived from the name.
func ent(name string, t graph.EntityType, aliases ...string) graph.Entity {
	return graph.Entity{ID: graph.EntityID(name), Name: name, Type: t, Aliases: aliases, Mentions: 1}
}

// rel builds a relation between two entity names with one evidence
// sentence in doc at [start, start+10).
func rel(src string, t graph.RelationType, dst string, conf float64, doc string, start int) graph.Relation {
	return graph.Relation{Source: graph.EntityID(src), Target: graph.EntityID(dst), Type: t, Confidence: conf,
		Evidence: []graph.Evidence{{DocumentID: doc, Sentence: src + " " + string(t) + " " + dst,
			Start: start, End: start + 10, Trigger: string(t), Rule: "test", Confidence: conf}}}
}

func doc(id, path, text string) graph.Document {
	return graph.Document{ID: id, Title: "Title " + id, Path: path, Format: "txt", Text: text}
}

func mustWrite(t testing.TB, s *Store, x graph.Extraction) graph.WriteStats {
	t.Helper()
	st, err := s.Write(ctxT(t), x)
	if err != nil {
		t.Fatalf("write: %v", err)
	}
	return st
}

func mustStats(t testing.TB, s *Store) graph.Stats {
	t.Helper()
	st, err := s.Stats(ctxT(t))
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	return st
}
