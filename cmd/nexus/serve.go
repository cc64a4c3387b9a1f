package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"time"

	"github.com/spf13/cobra"

	"github.com/nexus-graph/nexus/api"
	"github.com/nexus-graph/nexus/graph/neo4jstore"
	"github.com/nexus-graph/nexus/ui"
)

func newServeCmd() *cobra.Command {
	c := &config{}
	var ingestPaths []string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the graph viewer and JSON API",
		Long: `Serves the embedded graph viewer at / and the JSON API under /api on --addr
(127.0.0.1:8080 by default).

The server starts even when Neo4j does not answer yet: /healthz answers at
once, /readyz says 503 until the database answers, and the schema is
ensured in the background as soon as it does. SIGINT/SIGTERM stop it
gracefully: in-flight requests get --shutdown-grace to finish.

POST /api/ingest needs --api-token (env NEXUS_API_TOKEN); without one the
write endpoints answer 403.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := c.validateServe(); err != nil {
				return err
			}
			return runServe(cmd.Context(), c, ingestPaths)
		},
	}
	bindConfig(cmd.Flags(), c)
	bindServeConfig(cmd.Flags(), c)
	cmd.Flags().StringSliceVar(&ingestPaths, "ingest", nil,
		"files or folders to ingest in the background once Neo4j answers (repeatable)")
	return cmd
}

// openGraphStore opens the Neo4j store described by c without waiting for
// the server.
func openGraphStore(ctx context.Context, c *config) (*neo4jstore.Store, error) {
	return neo4jstore.Open(ctx, neo4jstore.Config{
		URI: c.Neo4jURI, User: c.Neo4jUser, Password: c.Neo4jPassword, Database: c.Neo4jDatabase,
		QueryTimeout: c.QueryTimeout, RowCap: c.RowCap,
	})
}

func runServe(ctx context.Context, c *config, ingestPaths []string) error {
	log := slog.Default()
	store, err := openGraphStore(ctx, c)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := store.Close(cctx); err != nil {
			log.Warn("closing neo4j driver", "error", err)
		}
	}()

	ingester := newServeIngester(store)

	// Readiness in the background: the HTTP server is up meanwhile.
	go prepareStore(ctx, log, store, ingester, ingestPaths)

	var assets fs.FS = ui.Assets()
	srv := api.New(api.Config{
		MaxBodyBytes:   c.MaxBodyBytes,
		MaxIngestBytes: c.MaxIngestBytes,
		NodeLimit:      c.NodeLimit,
		RowCap:         c.RowCap,
		QueryTimeout:   c.QueryTimeout + 2*time.Second, // the server-side timeout fires first
		CypherRate:     c.CypherRate,
		CypherBurst:    c.CypherBurst,
		CORSOrigins:    c.CORSOrigins,
		APIToken:       c.APIToken,
	}, api.Deps{Store: store, Ingester: ingester, Assets: assets, Logger: log})

	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	log.Info("serving", "url", "http://"+ln.Addr().String(), "neo4j", c.Neo4jURI,
		"viewer", ui.Built(), "writeEndpoints", c.APIToken != "", "cors", c.CORSOrigins)
	return srv.Serve(ctx, ln, c.ShutdownGrace)
}

// prepareStore waits for Neo4j, ensures the schema and ingests the
// --ingest paths. It only logs: the server keeps running (and /readyz keeps
// saying 503) whatever happens here.
func prepareStore(ctx context.Context, log *slog.Logger, store *neo4jstore.Store, ing api.Ingester, paths []string) {
	start := time.Now()
	if err := store.WaitReady(ctx, time.Second); err != nil {
		if !errors.Is(err, context.Canceled) {
			log.Error("neo4j never became ready", "error", err)
		}
		return
	}
	log.Info("neo4j ready", "waited", time.Since(start).Round(time.Millisecond))
	if sc, ok := any(store).(interface{ EnsureSchema(context.Context) error }); ok {
		if err := sc.EnsureSchema(ctx); err != nil {
			log.Error("neo4j schema", "error", err)
			return
		}
	}
	if len(paths) == 0 {
		return
	}
	if err := ingestPathsInto(ctx, log, ing, paths); err != nil {
		log.Error("ingest at start-up", "error", err)
	}
}

// newServeIngester adapts the ingest pipeline to api.Ingester.
//
// TODO(lead): wire ingest.Pipeline here once package ingest exposes it:
//
//	p := ingest.NewPipeline(..., store)
//	return pipelineIngester{p}
//
// with pipelineIngester.Ingest converting []api.IngestDoc to []ingest.Source
// and calling p.IngestSources. Until then POST /api/ingest answers 403
// ("ingest is not available on this server").
func newServeIngester(_ *neo4jstore.Store) api.Ingester { return nil }

// ingestPathsInto ingests files and folders through ing.
func ingestPathsInto(ctx context.Context, log *slog.Logger, ing api.Ingester, paths []string) error {
	if ing == nil {
		return errors.New("--ingest: the ingest pipeline is not wired into serve yet")
	}
	_ = ctx
	_ = log
	return errors.New("--ingest: not implemented")
}
