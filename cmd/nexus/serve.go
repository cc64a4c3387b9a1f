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
	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/graph/neo4jstore"
	"github.com/nexus-graph/nexus/ingest"
	"github.com/nexus-graph/nexus/ui"
)

func newServeCmd() *cobra.Command {
	c := &config{}
	var (
		ingestPaths []string
		lexiconDir  string
	)
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
			return runServe(cmd.Context(), c, ingestPaths, lexiconDir)
		},
	}
	bindConfig(cmd.Flags(), c)
	bindServeConfig(cmd.Flags(), c)
	bindNLPConfig(cmd.Flags(), c)
	cmd.Flags().StringSliceVar(&ingestPaths, "ingest", nil,
		"files or folders to ingest in the background once Neo4j answers (repeatable)")
	cmd.Flags().StringVar(&lexiconDir, "lexicon-dir", "",
		"directory with an analyst's gazetteer.yaml/lexicon.yaml for uploads (default: the embedded ones)")
	return cmd
}

// openGraphStore opens the Neo4j store described by c without waiting for
// the server.
func openGraphStore(ctx context.Context, c *config) (*neo4jstore.Store, error) {
	return neo4jstore.Open(ctx, neo4jstore.Config{
		URI: c.Neo4jURI, User: c.Neo4jUser, Password: c.Neo4jPassword, Database: c.Neo4jDatabase, CAFile: c.Neo4jCAFile,
		QueryTimeout: c.QueryTimeout, RowCap: c.RowCap, AnswerBytes: c.AnswerBytes,
		CypherUser: c.CypherUser, CypherPassword: c.CypherPassword,
	})
}

func runServe(ctx context.Context, c *config, ingestPaths []string, lexiconDir string) error {
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

	pipeline, stopLanguage, err := newServeIngester(ctx, log, store, lexiconDir, c.NLPWorkers)
	if err != nil {
		return err
	}
	defer stopLanguage()

	// Readiness in the background: the HTTP server is up meanwhile.
	go prepareStore(ctx, log, store, pipeline, ingestPaths)

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
		// Listening on the loopback: answer only to loopback names, so a
		// page whose DNS name was rebound to 127.0.0.1 is refused.
		LoopbackHosts:     loopbackAddr(c.Addr),
		CypherConcurrency: c.CypherSlots,
	}, api.Deps{Store: store, Ingester: pipelineIngester{pipeline}, Assets: assets, Logger: log})

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
func prepareStore(ctx context.Context, log *slog.Logger, store *neo4jstore.Store, p *ingest.Pipeline, paths []string) {
	start := time.Now()
	if err := store.WaitReady(ctx, time.Second); err != nil {
		if !errors.Is(err, context.Canceled) {
			log.Error("neo4j never became ready", "error", err)
		}
		return
	}
	log.Info("neo4j ready", "waited", time.Since(start).Round(time.Millisecond).String())
	if sc, ok := any(store).(interface{ EnsureSchema(context.Context) error }); ok {
		if err := sc.EnsureSchema(ctx); err != nil {
			log.Error("neo4j schema", "error", err)
			return
		}
	}
	if len(paths) > 0 {
		if err := ingestPathsInto(ctx, log, p, paths); err != nil {
			log.Error("ingest at start-up", "error", err)
		}
	}
	warmUp(ctx, log, store)
}

// warmUp runs the reads of a viewer's first minute — the counts, a search,
// the best-connected entities' neighbourhoods and details, a path between
// them — so that the server has planned those queries and cached the
// pages they read before the first analyst asks (a cold server took 5-6 s
// over its first neighbourhood). Failures only log: it is an optimisation.
func warmUp(ctx context.Context, log *slog.Logger, r graph.Reader) {
	start := time.Now()
	if _, err := r.Stats(ctx); err != nil {
		log.Debug("warm-up", "error", err)
		return
	}
	ents, err := r.Search(ctx, graph.SearchQuery{Text: "a", Limit: 3})
	if err != nil {
		log.Debug("warm-up", "error", err)
	}
	for _, e := range ents {
		if _, err := r.Neighbors(ctx, graph.NeighborQuery{ID: e.ID, Depth: 1, Direction: graph.Both, Limit: 50}); err != nil {
			log.Debug("warm-up", "error", err)
		}
		if _, err := r.Entity(ctx, e.ID); err != nil {
			log.Debug("warm-up", "error", err)
		}
	}
	if len(ents) >= 2 {
		if _, err := r.Paths(ctx, graph.PathQuery{From: ents[0].ID, To: ents[1].ID, Mode: graph.Shortest, K: 1, MaxHops: 4}); err != nil {
			log.Debug("warm-up", "error", err)
		}
	}
	log.Info("warm-up done", "entities", len(ents), "took", time.Since(start).Round(time.Millisecond).String())
}

// pipelineIngester adapts the ingest pipeline to api.Ingester.
type pipelineIngester struct{ p *ingest.Pipeline }

// ingestResponse is the JSON answer of POST /api/ingest: the pipeline's
// summary with file errors as text.
type ingestResponse struct {
	Documents int               `json:"documents"`
	Skipped   int               `json:"skipped"`
	Unchanged int               `json:"unchanged"`
	Entities  int               `json:"entities"`
	Relations int               `json:"relations"`
	Evidence  int               `json:"evidence"`
	Errors    []ingestFileError `json:"errors"`
	ElapsedMs float64           `json:"elapsedMs"`
}

type ingestFileError struct {
	Name  string `json:"name"`
	Error string `json:"error"`
}

func (a pipelineIngester) Ingest(ctx context.Context, docs []api.IngestDoc) (any, error) {
	srcs := make([]ingest.Source, len(docs))
	for i, d := range docs {
		srcs[i] = ingest.Source{Name: d.Name, Data: d.Data}
	}
	sum, err := a.p.IngestSources(ctx, srcs)
	if err != nil {
		return nil, err
	}
	out := ingestResponse{Documents: sum.Documents, Skipped: sum.Skipped, Unchanged: sum.Unchanged, Entities: sum.Entities,
		Relations: sum.Relations, Evidence: sum.Evidence, Errors: []ingestFileError{},
		ElapsedMs: float64(sum.Elapsed) / float64(time.Millisecond)}
	for _, e := range sum.Errors {
		// Problem leaves out the file name, which Name already carries.
		out.Errors = append(out.Errors, ingestFileError{Name: e.Path, Error: e.Problem()})
	}
	return out, nil
}

// newServeIngester builds the ingest pipeline over store with the embedded
// lexicon (or --lexicon-dir).
func newServeIngester(ctx context.Context, log *slog.Logger, store *neo4jstore.Store, lexiconDir string, nlpWorkers int) (*ingest.Pipeline, func(), error) {
	x, err := loadExtractor(lexiconDir)
	if err != nil {
		return nil, nil, err
	}
	p := &ingest.Pipeline{Extractor: x, Store: store, Logger: log}
	stop, err := withLanguage(ctx, log, p, nlpWorkers)
	if err != nil {
		return nil, nil, err
	}
	return p, stop, nil
}

// ingestPathsInto ingests files and folders at start-up.
func ingestPathsInto(ctx context.Context, log *slog.Logger, p *ingest.Pipeline, paths []string) error {
	sum, err := p.IngestPaths(ctx, paths, nil)
	for _, e := range sum.Errors {
		log.Warn("ingest: file skipped", "error", e.Error())
	}
	log.Info("ingest at start-up done", "documents", sum.Documents, "skipped", sum.Skipped,
		"entities", sum.Entities, "relations", sum.Relations, "errors", len(sum.Errors),
		"elapsed", sum.Elapsed.Round(time.Millisecond).String())
	return err
}

// loopbackAddr reports whether a listen address is on the loopback only.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
