package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/nexus-graph/nexus/ingest"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// withLanguage starts the NLP workers and gives p its parser and the
// stages that read the parse (names, frames, classifier). Without the NLP
// runtime it fails with the error that says how to install it: extraction
// has no second engine. workers is the number of worker processes (0:
// one per core). The returned func stops the workers.
func withLanguage(ctx context.Context, log *slog.Logger, p *ingest.Pipeline, workers int) (func(), error) {
	reading, err := ingest.SeedReading()
	if err != nil {
		return nil, err
	}
	pool, err := nlp.Start(ctx, nlp.Options{Logger: log, Workers: workers})
	if err != nil {
		return nil, fmt.Errorf("extraction needs the NLP runtime: %w", err)
	}
	p.Parser, p.Reading = pool, reading
	return func() {
		if err := pool.Close(); err != nil {
			log.Warn("stopping NLP workers", "error", err)
		}
	}, nil
}
