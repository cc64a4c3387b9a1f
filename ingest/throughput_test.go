package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/ingest/extract"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// BenchmarkExtractionPipeline measures the whole extraction of `nexus
// extract` — reading, token rules, the parse, names, frames and the
// classifier — over the annotated documents (71 files, 31,000 words), with
// the NLP workers already started. It reports words per second of wall
// time and words per CPU-second of this process and its workers together
// (the figure that compares across loads).
func BenchmarkExtractionPipeline(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("extract", "testdata", "*", "*.txt"))
	words := 0
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		words += len(strings.Fields(string(t)))
	}
	x, err := extract.Default()
	if err != nil {
		b.Fatal(err)
	}
	reading, err := SeedReading()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	pool, err := nlp.Start(ctx, nlp.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	p := &Pipeline{Extractor: x, Parser: pool, Reading: reading}
	cpu := func() time.Duration {
		var self, kids syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &self)
		_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &kids) // exited children only
		return time.Duration(self.Utime.Nano() + self.Stime.Nano() + kids.Utime.Nano() + kids.Stime.Nano())
	}
	workers := func() time.Duration {
		d, ok := pool.WorkerCPU()
		if !ok {
			b.Fatal("worker CPU time cannot be read")
		}
		return d
	}
	b.ResetTimer()
	c0, w0 := cpu(), workers()
	for i := 0; i < b.N; i++ {
		if _, errs := p.ExtractPaths(ctx, files); len(errs) > 0 {
			b.Fatal(errs[0])
		}
	}
	b.StopTimer()
	total := float64(words * b.N)
	b.ReportMetric(total/b.Elapsed().Seconds(), "words/s")
	b.ReportMetric(total/((cpu()-c0)+(workers()-w0)).Seconds(), "words/CPU-s")
}
