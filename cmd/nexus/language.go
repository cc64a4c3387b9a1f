package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/nexus-graph/nexus/ingest"
	"github.com/nexus-graph/nexus/ingest/frames"
	"github.com/nexus-graph/nexus/ingest/nlp"
	"github.com/nexus-graph/nexus/ingest/relclass"
	"github.com/nexus-graph/nexus/seeds"
)

// withLanguage starts the NLP workers and gives p its parser, relation
// frames and relation classifier. Without the NLP runtime it fails with the error that says how to
// install it: extraction has no second engine. The returned func stops
// the workers.
func withLanguage(ctx context.Context, log *slog.Logger, p *ingest.Pipeline) (func(), error) {
	fs, err := frames.Load(seeds.Frames())
	if err != nil {
		return nil, err
	}
	model, err := relclass.Load(seeds.RelationModel())
	if err != nil {
		return nil, err
	}
	pool, err := nlp.Start(ctx, nlp.Options{Logger: log})
	if err != nil {
		return nil, fmt.Errorf("extraction needs the NLP runtime: %w", err)
	}
	p.Parser, p.Frames, p.Classifier = pool, fs, model
	return func() {
		if err := pool.Close(); err != nil {
			log.Warn("stopping NLP workers", "error", err)
		}
	}, nil
}
