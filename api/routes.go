package api

import (
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/nexus-graph/nexus/graph"
)

// routes builds the gin engine. Every /api route must also be described in
// openapi.json (a test checks both ways).
func (s *Server) routes(assets fs.FS) *gin.Engine {
	e := gin.New()
	// Client IP is the TCP peer: no proxy headers are trusted, so a client
	// cannot dodge the rate limit with X-Forwarded-For.
	_ = e.SetTrustedProxies(nil)
	e.ForwardedByClientIP = false
	e.HandleMethodNotAllowed = true
	e.Use(requestIDMiddleware, s.metrics.middleware, s.accessLog, s.recovery, securityHeaders, s.cors)

	g := &graphHandler{store: s.store, cfg: s.cfg, failure: s.writeError}
	cy := &cypherHandler{runner: s.store, cfg: s.cfg, failure: s.writeError}
	in := &ingestHandler{ingester: s.ingester, cfg: s.cfg, failure: s.writeError}
	hh := &healthHandler{pinger: s.store, timeout: s.cfg.ReadyTimeout, failure: s.writeError}
	var rl *rateLimiter
	if s.cfg.CypherRate > 0 {
		rl = newRateLimiter(s.cfg.CypherRate, s.cfg.CypherBurst, s.cfg.RateLimitClients)
	}

	e.GET("/healthz", hh.healthz)
	e.GET("/readyz", hh.readyz)
	e.GET("/metrics", gin.WrapH(s.metrics.handler()))

	a := e.Group("/api", s.sameOrigin)
	a.GET("/openapi.json", serveOpenAPI)
	a.GET("/search", g.search)
	a.GET("/entities/:id", g.entity)
	a.GET("/entities/:id/neighbors", g.neighbors)
	a.GET("/paths", g.paths)
	a.GET("/relations/:id", g.relation)
	a.GET("/documents", g.documents)
	a.GET("/documents/:id", g.document)
	a.GET("/stats", g.stats)
	a.GET("/schema", g.schema)
	slots := make(chan struct{}, s.cfg.CypherConcurrency)
	a.POST("/cypher", s.requireJSON, s.rateLimit(rl), s.cypherSlots(slots), s.limitBody(s.cfg.MaxBodyBytes), cy.run)
	a.POST("/ingest", s.requireToken, s.limitBody(s.cfg.MaxIngestBytes), in.ingest)

	st := newStatic(assets)
	e.NoRoute(func(c *gin.Context) {
		if isAPIPath(c.Request.URL.Path) {
			s.writeError(c, newPublic(graph.ErrNotFound, "no API endpoint %s %s", c.Request.Method, c.Request.URL.Path))
			return
		}
		if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
			c.Header("Allow", "GET, HEAD")
			c.AbortWithStatusJSON(http.StatusMethodNotAllowed, errorBody{Error: errorDetail{
				Code: "bad_request", Message: "method not allowed", RequestID: requestID(c)}})
			return
		}
		st.serve(c)
	})
	e.NoMethod(func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusMethodNotAllowed, errorBody{Error: errorDetail{
			Code: "bad_request", Message: "method " + c.Request.Method + " not allowed on " + c.Request.URL.Path,
			RequestID: requestID(c)}})
	})
	return e
}

func isAPIPath(p string) bool { return p == "/api" || strings.HasPrefix(p, "/api/") }
