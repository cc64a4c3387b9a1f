package neo4jstore

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/internal/corpus"
)

// benchEntities is N: the benchmark writes N entities and 10·N relations
// (one evidence each). NEXUS_BENCH_ENTITIES overrides the default 20,000.
func benchEntities() int {
	if n, err := strconv.Atoi(os.Getenv("NEXUS_BENCH_ENTITIES")); err == nil && n > 0 {
		return n
	}
	return 20000
}

// benchExtraction builds a random graph of n entities and 10·n distinct
// relations spread over documents of relsPerDoc relations each.
func benchExtraction(n, relsPerDoc int) graph.Extraction {
	rng := rand.New(rand.NewPCG(1, 2))
	types := []graph.RelationType{}
	for _, t := range graph.RelationTypes() {
		if t != graph.MentionedWith {
			types = append(types, t)
		}
	}
	etypes := graph.EntityTypes()
	var x graph.Extraction
	for i := range n {
		name := fmt.Sprintf("Entity %06d", i)
		x.Entities = append(x.Entities, graph.Entity{ID: graph.EntityID(name), Name: name,
			Type: etypes[i%len(etypes)], Mentions: 1})
	}
	seen := map[string]bool{}
	for len(x.Relations) < 10*n {
		a, b := rng.IntN(n), rng.IntN(n)
		if a == b {
			continue
		}
		r := graph.Relation{Source: x.Entities[a].ID, Target: x.Entities[b].ID, Type: types[rng.IntN(len(types))],
			Confidence: 0.5 + rng.Float64()/2}.Canonical()
		if seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		docID := fmt.Sprintf("bench-doc-%05d", len(x.Relations)/relsPerDoc)
		off := (len(x.Relations) % relsPerDoc) * 100
		r.Evidence = []graph.Evidence{{DocumentID: docID, Sentence: "Benchmark sentence about the two.",
			Start: off, End: off + 33, Trigger: "about", TriggerStart: off + 19, TriggerEnd: off + 24,
			Rule: "bench", Confidence: r.Confidence}}
		x.Relations = append(x.Relations, r)
	}
	for d := 0; d*relsPerDoc < len(x.Relations); d++ {
		id := fmt.Sprintf("bench-doc-%05d", d)
		x.Documents = append(x.Documents, graph.Document{ID: id, Title: id, Path: id + ".txt", Format: "txt",
			Text: "benchmark", Chars: 9})
	}
	return x
}

// BenchmarkWrite writes N entities and 10·N relations through Write into an
// empty database and reports relations per second. That is a bulk load,
// where every relation is created without a look-up; ingest mostly takes
// the other path, which BenchmarkWriteCorpus measures.
func BenchmarkWrite(b *testing.B) {
	// NEXUS_BENCH_BATCH, NEXUS_BENCH_TXROWS and NEXUS_BENCH_WORKERS
	// override Config.BatchSize, Config.TxRows and Config.WriteWorkers,
	// for tuning; NEXUS_BENCH_REPLAN=default runs the
	// write statements without CYPHER replan=skip, for comparison.
	s := openTest(b, func(c *Config) {
		c.BatchSize, _ = strconv.Atoi(os.Getenv("NEXUS_BENCH_BATCH"))
		c.TxRows, _ = strconv.Atoi(os.Getenv("NEXUS_BENCH_TXROWS"))
		c.WriteWorkers, _ = strconv.Atoi(os.Getenv("NEXUS_BENCH_WORKERS"))
	})
	if os.Getenv("NEXUS_BENCH_TRACE") != "" {
		slog.SetLogLoggerLevel(slog.LevelDebug)
	}
	if os.Getenv("NEXUS_BENCH_REPLAN") == "default" {
		old := writeQueryPrefix
		writeQueryPrefix = ""
		b.Cleanup(func() { writeQueryPrefix = old })
	}
	n := benchEntities()
	x := benchExtraction(n, 1000)
	ctx := context.Background()
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := s.Wipe(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		st, err := s.Write(ctx, x)
		if err != nil {
			b.Fatal(err)
		}
		total += time.Since(t0)
		if st.Relations != len(x.Relations) || st.Evidence != len(x.Relations) {
			b.Fatalf("write stats %+v, want %d relations and evidence", st, len(x.Relations))
		}
	}
	b.ReportMetric(float64(len(x.Relations)*b.N)/total.Seconds(), "rel/s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkShortestPath times Paths (Shortest, MaxHops 6) between random
// pairs on the graph BenchmarkWrite leaves behind (it writes one if the
// database holds fewer than N entities).
func BenchmarkShortestPath(b *testing.B) {
	benchPaths(b, graph.Shortest)
}

// BenchmarkAllShortestPaths is BenchmarkShortestPath with AllShortest.
func BenchmarkAllShortestPaths(b *testing.B) {
	benchPaths(b, graph.AllShortest)
}

// BenchmarkKShortestPaths is BenchmarkShortestPath with K=3.
func BenchmarkKShortestPaths(b *testing.B) {
	benchPaths(b, graph.KShortest)
}

// BenchmarkRelation times Relation (one relation with its evidence, the
// edge panel of the viewer) for random relations of the graph
// BenchmarkWrite leaves behind: an Evidence index seek, then the relation's
// type and endpoints from its document's relation lists (1,000 entries
// here), then the relationship through its endpoints.
func BenchmarkRelation(b *testing.B) {
	s, x := benchGraph(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(5, 6))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		want := x.Relations[rng.IntN(len(x.Relations))]
		r, err := s.Relation(ctx, want.ID)
		if err != nil {
			b.Fatal(err)
		}
		if r.Source != want.Source || r.Target != want.Target || len(r.Evidence) != 1 {
			b.Fatalf("relation %s: got %s -> %s with %d evidence", want.ID, r.Source, r.Target, len(r.Evidence))
		}
	}
}

// benchGraph opens the store at NEXUS_TEST_NEO4J_URI holding the graph of
// benchExtraction (written unless the database already holds N entities)
// and returns it with that extraction.
func benchGraph(b *testing.B) (*Store, graph.Extraction) {
	uri := os.Getenv("NEXUS_TEST_NEO4J_URI")
	if uri == "" {
		openTest(b) // skips or fails with the usual message
	}
	ctx := context.Background()
	s, err := Open(ctx, Config{URI: uri})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close(context.WithoutCancel(ctx)) })
	n := benchEntities()
	x := benchExtraction(n, 1000)
	if st, err := s.Stats(ctx); err != nil || st.Entities != n {
		if err := s.EnsureSchema(ctx); err != nil {
			b.Fatal(err)
		}
		if err := s.Wipe(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Write(ctx, x); err != nil {
			b.Fatal(err)
		}
	}
	return s, x
}

func benchPaths(b *testing.B, mode graph.PathMode) {
	s, _ := benchGraph(b)
	ctx := context.Background()
	n := benchEntities()
	rng := rand.New(rand.NewPCG(3, 4))
	found := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a, c := rng.IntN(n), rng.IntN(n)
		if a == c {
			c = (c + 1) % n
		}
		paths, err := s.Paths(ctx, graph.PathQuery{From: graph.EntityID(fmt.Sprintf("Entity %06d", a)),
			To: graph.EntityID(fmt.Sprintf("Entity %06d", c)), Mode: mode, K: 3, MaxHops: 6})
		if err != nil {
			b.Fatal(err)
		}
		if len(paths) > 0 {
			found++
		}
	}
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
}

// BenchmarkWriteCorpus (last in the file: it wipes the graph the path
// benchmarks read) measures the path ingest takes: documents of the
// generated corpus (internal/corpus: 43 relations and 54 evidence each,
// many relations already stored by earlier documents) written in
// ingest's batches (ingest.DefaultBatchDocs, 32 documents per Write)
// into a database that already holds NEXUS_BENCH_CORPUS_DOCS documents
// (default 2,000, written first, not timed). Each iteration writes the next 1,000 documents; it reports
// documents/s and relations/s. cmd/nexus-scale (make bench-scale) runs
// the same path up to 50,000 documents.
func BenchmarkWriteCorpus(b *testing.B) {
	s := openTest(b)
	prefill := 2000
	if n, err := strconv.Atoi(os.Getenv("NEXUS_BENCH_CORPUS_DOCS")); err == nil && n >= 0 {
		prefill = n
	}
	ctx := context.Background()
	gen := corpus.Generator{Seed: 1}
	const step, batch = 1000, 32
	write := func(from, to int) (rels int) {
		for lo := from; lo < to; lo += batch {
			var x graph.Extraction
			for i := lo; i < min(lo+batch, to); i++ {
				d := gen.Document(i)
				x.Documents = append(x.Documents, d.Documents...)
				x.Entities = append(x.Entities, d.Entities...)
				x.Relations = append(x.Relations, d.Relations...)
			}
			st, err := s.Write(ctx, x)
			if err != nil {
				b.Fatal(err)
			}
			if st.Documents != len(x.Documents) {
				b.Fatalf("write stats %+v, want %d documents", st, len(x.Documents))
			}
			rels += len(x.Relations)
		}
		return rels
	}
	write(0, prefill)
	b.ResetTimer()
	var total time.Duration
	rels := 0
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		rels += write(prefill+i*step, prefill+(i+1)*step)
		total += time.Since(t0)
	}
	b.ReportMetric(float64(step*b.N)/total.Seconds(), "docs/s")
	b.ReportMetric(float64(rels)/total.Seconds(), "rel/s")
	b.ReportMetric(0, "ns/op")
}
