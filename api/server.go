// Package api serves the Nexus graph as JSON over HTTP (gin), plus the
// embedded viewer, health and readiness probes, Prometheus metrics and an
// OpenAPI description.
//
// Handlers are small structs with their dependencies passed in explicitly;
// nothing is global. Errors become HTTP statuses in one table (errors.go).
package api

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/nexus-graph/nexus/graph"
)

func init() { gin.SetMode(gin.ReleaseMode) }

// Config holds the server's limits and switches. Zero values take the
// defaults documented on each field (see withDefaults).
type Config struct {
	// MaxBodyBytes bounds JSON request bodies (default 1 MiB).
	MaxBodyBytes int64
	// MaxIngestBytes bounds POST /api/ingest bodies (default 32 MiB).
	MaxIngestBytes int64
	// MaxHops is the largest maxHops accepted by /api/paths (default 6,
	// at most 6).
	MaxHops int
	// MaxDepth is the largest neighbourhood depth (default 3, at most 3).
	MaxDepth int
	// NodeLimit caps the nodes of one neighbourhood (default 500); larger
	// limits are clamped to it.
	NodeLimit int
	// SearchLimit caps search results (default 50).
	SearchLimit int
	// RowCap caps Cypher result rows returned (default 1000).
	RowCap int
	// QueryTimeout bounds each store call of a request (default 15s).
	QueryTimeout time.Duration
	// IngestTimeout bounds one POST /api/ingest (default 10m).
	IngestTimeout time.Duration
	// ReadyTimeout bounds the /readyz ping (default 2s).
	ReadyTimeout time.Duration
	// CypherRate is the sustained rate of /api/cypher requests per client
	// IP per second (default 5) and CypherBurst its burst (default 10).
	// A negative rate disables the limit.
	CypherRate  float64
	CypherBurst int
	// RateLimitClients bounds the number of client IPs tracked (default
	// 10000); idle ones are evicted first.
	RateLimitClients int
	// CORSOrigins lists origins allowed to call the API from a browser.
	// Empty (the default) sends no CORS headers.
	CORSOrigins []string
	// APIToken is the bearer token of write endpoints (/api/ingest).
	// Empty disables them (403).
	APIToken string
	// LoopbackHosts refuses requests whose Host is not a loopback name
	// (localhost, 127.0.0.1, ::1): set it when the server listens on the
	// loopback, so that a web page whose DNS name was rebound to 127.0.0.1
	// cannot reach the API as if it were this server's own page.
	LoopbackHosts bool
	// CypherConcurrency bounds the Cypher queries running at once over all
	// clients (default 2); more answer 429.
	CypherConcurrency int
}

// withDefaults fills zero fields.
func (c Config) withDefaults() Config {
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	if c.MaxIngestBytes <= 0 {
		c.MaxIngestBytes = 32 << 20
	}
	if c.MaxHops <= 0 || c.MaxHops > 6 {
		c.MaxHops = 6
	}
	if c.MaxDepth <= 0 || c.MaxDepth > 3 {
		c.MaxDepth = 3
	}
	if c.NodeLimit <= 0 {
		c.NodeLimit = 500
	}
	if c.SearchLimit <= 0 {
		c.SearchLimit = 50
	}
	if c.CypherConcurrency <= 0 {
		c.CypherConcurrency = 2
	}
	if c.RowCap <= 0 {
		c.RowCap = 1000
	}
	if c.QueryTimeout <= 0 {
		c.QueryTimeout = 15 * time.Second
	}
	if c.IngestTimeout <= 0 {
		c.IngestTimeout = 10 * time.Minute
	}
	if c.ReadyTimeout <= 0 {
		c.ReadyTimeout = 2 * time.Second
	}
	if c.CypherRate == 0 {
		c.CypherRate = 5
	}
	if c.CypherBurst <= 0 {
		c.CypherBurst = 10
	}
	if c.RateLimitClients <= 0 {
		c.RateLimitClients = 10000
	}
	return c
}

// IngestDoc is one uploaded document for an Ingester.
type IngestDoc struct {
	Name string
	Data []byte
}

// Ingester turns uploaded documents into graph data. The ingest pipeline
// satisfies it through a small adapter in main; the result is returned to
// the client as JSON.
type Ingester interface {
	Ingest(ctx context.Context, docs []IngestDoc) (any, error)
}

// Deps are the server's collaborators.
type Deps struct {
	// Store is required.
	Store graph.Store
	// Ingester serves POST /api/ingest; nil disables it (403).
	Ingester Ingester
	// Assets is the viewer (index.html at its root); nil serves none.
	Assets fs.FS
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Registry receives the metrics; nil creates a fresh registry with the
	// Go and process collectors.
	Registry *prometheus.Registry
}

// Server is the HTTP API. It is an http.Handler.
type Server struct {
	cfg      Config
	store    graph.Store // instrumented
	ingester Ingester
	log      *slog.Logger
	metrics  *metrics
	engine   *gin.Engine
}

// New builds the server and its routes.
func New(cfg Config, deps Deps) *Server {
	cfg = cfg.withDefaults()
	if deps.Store == nil {
		panic("api.New: Deps.Store is required")
	}
	log := deps.Logger
	if log == nil {
		log = slog.Default()
	}
	m := newMetrics(deps.Registry)
	s := &Server{
		cfg:      cfg,
		store:    instrument(deps.Store, m),
		ingester: deps.Ingester,
		log:      log,
		metrics:  m,
	}
	s.engine = s.routes(deps.Assets)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

// Routes lists the registered routes (method and gin path template).
func (s *Server) Routes() gin.RoutesInfo { return s.engine.Routes() }

// HTTPServer returns an *http.Server for addr with conservative timeouts.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      max(s.cfg.QueryTimeout, s.cfg.IngestTimeout) + time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Serve answers on ln until ctx ends, then shuts down gracefully: the
// listener closes, in-flight requests get up to grace to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	srv := s.HTTPServer(ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "addr", ln.Addr().String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	}
	return nil
}
