package api

import (
	"mime"
	"net"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
)

// Protections against hostile web pages. A page the analyst has open can
// send simple cross-site requests (text/plain or form bodies need no CORS
// preflight) and, through DNS rebinding, even same-host ones; the API
// refuses both before any handler runs a query.

// contentSecurityPolicy is sent with the viewer's pages: scripts, workers
// and style sheets only from this server and never inline (the viewer sets
// styles through the CSSOM, the editor through constructed style sheets in
// its shadow root), requests only back to it, no framing, no plugins. Only
// style attributes may be inline: the browser's own editing of the Cypher
// editor's contenteditable writes some, which the editor then redraws.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; " +
	"style-src-attr 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders marks every response: no MIME sniffing, no framing, no
// referrer leaking the analyst's query strings to other sites.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if !isAPIPath(c.Request.URL.Path) {
		h.Set("Content-Security-Policy", contentSecurityPolicy)
	}
	c.Next()
}

// sameOrigin refuses API requests a browser made on behalf of another
// site: Sec-Fetch-Site other than same-origin or none (typed by the user),
// an Origin that is neither this server nor a configured CORS origin, and
// — when the server listens on the loopback — a Host that is not a
// loopback name (a rebound DNS name of an attacker's page). Clients that
// send none of these headers (curl, scripts) are not browsers and pass.
func (s *Server) sameOrigin(c *gin.Context) {
	if site := c.GetHeader("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		s.writeError(c, newPublic(errForbidden, "cross-site request refused (Sec-Fetch-Site: %s)", site))
		return
	}
	if s.cfg.LoopbackHosts && !loopbackHost(c.Request.Host) {
		s.writeError(c, newPublic(errForbidden, "request for host %q refused: this server answers only to loopback names", c.Request.Host))
		return
	}
	if origin := c.GetHeader("Origin"); origin != "" && !s.allowedOrigin(origin, c.Request.Host) {
		s.writeError(c, newPublic(errForbidden, "cross-origin request refused (Origin %q is not this server)", origin))
		return
	}
	c.Next()
}

// allowedOrigin reports whether origin is this server (by the Host the
// request was sent to, checked separately) or a configured CORS origin.
func (s *Server) allowedOrigin(origin, host string) bool {
	if slices.Contains(s.cfg.CORSOrigins, origin) {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Path != "" {
		return false
	}
	return strings.EqualFold(u.Host, host)
}

// loopbackHost reports whether a Host header names the loopback.
func loopbackHost(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.Trim(h, "[]"), ".")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// requireJSON refuses request bodies that are not application/json (415):
// the only bodies a browser may send cross-site without a preflight are
// text/plain, form and multipart ones.
func (s *Server) requireJSON(c *gin.Context) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "application/json" {
		got := c.GetHeader("Content-Type")
		if got == "" {
			got = "none"
		}
		s.writeError(c, newPublic(errUnsupportedMedia, "request body must be application/json (Content-Type: %s)", got))
		return
	}
	c.Next()
}

// cypherSlots bounds the Cypher queries running at once, over all
// clients: the per-client rate limit alone lets one client keep every
// core of the database busy.
func (s *Server) cypherSlots(slots chan struct{}) gin.HandlerFunc {
	return func(c *gin.Context) {
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
			c.Next()
		default:
			s.writeError(c, newPublic(errRateLimited, "%d Cypher queries are already running; retry shortly", cap(slots)))
		}
	}
}
