package api

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"github.com/nexus-graph/nexus/graph"
)

const (
	headerRequestID = "X-Request-ID"
	ctxRequestID    = "nexus.requestID"
)

// requestIDMiddleware takes a well-formed incoming X-Request-ID (so a proxy's
// id carries through) or makes one, and returns it on every response.
func requestIDMiddleware(c *gin.Context) {
	id := c.GetHeader(headerRequestID)
	if !validRequestID(id) {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	c.Set(ctxRequestID, id)
	c.Header(headerRequestID, id)
	c.Next()
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

func requestID(c *gin.Context) string { return c.GetString(ctxRequestID) }

// accessLog logs one line per request.
func (s *Server) accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	level := slog.LevelInfo
	if c.Request.URL.Path == "/healthz" || c.Request.URL.Path == "/readyz" || c.Request.URL.Path == "/metrics" {
		level = slog.LevelDebug
	}
	s.log.LogAttrs(c.Request.Context(), level, "http",
		slog.String("requestId", requestID(c)),
		slog.String("method", c.Request.Method),
		slog.String("route", route),
		slog.String("path", c.Request.URL.Path),
		slog.Int("status", c.Writer.Status()),
		slog.Float64("ms", float64(time.Since(start).Microseconds())/1000),
		slog.String("client", c.ClientIP()),
	)
}

// recovery turns a panic into a logged 500 without internals.
func (s *Server) recovery(c *gin.Context) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.Error("panic", "requestId", requestID(c), "panic", p, "route", c.FullPath())
			if !c.Writer.Written() {
				c.AbortWithStatusJSON(http.StatusInternalServerError, errorBody{Error: errorDetail{
					Code: internalMapping.code, Message: internalMapping.message + " (request id " + requestID(c) + ")",
					RequestID: requestID(c)}})
			}
		}
	}()
	c.Next()
}

// cors answers preflights and sets CORS headers for allow-listed origins
// only. With an empty list it does nothing.
func (s *Server) cors(c *gin.Context) {
	origin := c.GetHeader("Origin")
	if origin == "" || !slices.Contains(s.cfg.CORSOrigins, origin) {
		c.Next()
		return
	}
	h := c.Writer.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Add("Vary", "Origin")
	h.Set("Access-Control-Expose-Headers", headerRequestID+", Retry-After")
	if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
		h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, "+headerRequestID)
		h.Set("Access-Control-Max-Age", "600")
		c.AbortWithStatus(http.StatusNoContent)
		return
	}
	c.Next()
}

// requireToken guards write endpoints: without a configured token they are
// disabled (403); otherwise the bearer token must match (401).
func (s *Server) requireToken(c *gin.Context) {
	if s.cfg.APIToken == "" {
		s.writeError(c, newPublic(graph.ErrDisabled,
			"write endpoints are disabled: the server has no API token configured (set NEXUS_API_TOKEN)"))
		return
	}
	auth := c.GetHeader("Authorization")
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok {
		c.Header("WWW-Authenticate", `Bearer realm="nexus"`)
		s.writeError(c, newPublic(graph.ErrUnauthorized, "missing bearer token: send Authorization: Bearer <token>"))
		return
	}
	if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.cfg.APIToken)) != 1 {
		c.Header("WWW-Authenticate", `Bearer realm="nexus", error="invalid_token"`)
		s.writeError(c, newPublic(graph.ErrUnauthorized, "invalid bearer token"))
		return
	}
	c.Next()
}

// limitBody caps the request body; reading past n fails with
// *http.MaxBytesError, which readBody maps to 413. A declared length over
// the cap is refused before reading.
func (s *Server) limitBody(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > n {
			s.writeError(c, newPublic(graph.ErrTooLarge, "request body of %d bytes exceeds the limit of %d bytes",
				c.Request.ContentLength, n))
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}

// rateLimiter hands out one token bucket per client IP. The map is bounded:
// when full, clients idle longer than idleAfter are dropped, and if none
// are, an arbitrary one is.
type rateLimiter struct {
	mu        sync.Mutex
	limit     rate.Limit
	burst     int
	max       int
	idleAfter time.Duration
	clients   map[string]*clientLimiter
}

type clientLimiter struct {
	lim  *rate.Limiter
	seen time.Time
}

func newRateLimiter(perSecond float64, burst, maxClients int) *rateLimiter {
	return &rateLimiter{
		limit: rate.Limit(perSecond), burst: burst, max: maxClients,
		idleAfter: time.Minute, clients: make(map[string]*clientLimiter),
	}
}

// allow reports whether key may make a request now.
func (r *rateLimiter) allow(key string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	cl, ok := r.clients[key]
	if !ok {
		if len(r.clients) >= r.max {
			r.evict(now)
		}
		cl = &clientLimiter{lim: rate.NewLimiter(r.limit, r.burst)}
		r.clients[key] = cl
	}
	cl.seen = now
	return cl.lim.AllowN(now, 1)
}

func (r *rateLimiter) evict(now time.Time) {
	for k, cl := range r.clients {
		if now.Sub(cl.seen) > r.idleAfter {
			delete(r.clients, k)
		}
	}
	for k := range r.clients {
		if len(r.clients) < r.max {
			return
		}
		delete(r.clients, k)
	}
}

func (r *rateLimiter) size() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.clients)
}

// rateLimit refuses requests over the client's rate with 429.
func (s *Server) rateLimit(rl *rateLimiter) gin.HandlerFunc {
	return func(c *gin.Context) {
		if rl != nil && !rl.allow(c.ClientIP(), time.Now()) {
			s.writeError(c, newPublic(errRateLimited, "too many Cypher queries from this client; slow down and retry"))
			return
		}
		c.Next()
	}
}
