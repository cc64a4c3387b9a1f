package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/nexus-graph/nexus/graph"
)

// errRateLimited is returned when a client exceeds its request rate.
var errRateLimited = errors.New("rate limited")

// errForbidden refuses a request a browser made for another site (403).
var errForbidden = errors.New("forbidden")

// errUnsupportedMedia refuses a request body that is not JSON (415).
var errUnsupportedMedia = errors.New("unsupported media type")

// errClientGone marks a request whose client went away; nothing is written.
var errClientGone = errors.New("client closed request")

// statusClientClosed is the (nginx) status recorded when the client
// disconnects before the answer; it is never seen by the client.
const statusClientClosed = 499

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"requestId,omitempty"`
	// Candidates are the entities an ambiguous name could mean (409).
	Candidates []graph.Entity `json:"candidates,omitempty"`
}

// errorMapping says how one sentinel error is shown over HTTP. Public
// mappings (4xx) show the error text, which names the parameter or the
// query problem; the others (5xx) show only Message and the request id,
// while the full error goes to the log.
type errorMapping struct {
	err     error
	status  int
	code    string
	public  bool
	message string // for non-public mappings
}

// errorTable is the one place errors become HTTP statuses. Order matters:
// the first sentinel the error wraps wins, so more specific entries come
// first (a timeout wrapping ErrUnavailable is still a timeout).
var errorTable = []errorMapping{
	{err: graph.ErrInvalid, status: http.StatusBadRequest, code: "bad_request", public: true},
	{err: graph.ErrQuerySyntax, status: http.StatusBadRequest, code: "syntax_error", public: true},
	{err: graph.ErrNotFound, status: http.StatusNotFound, code: "not_found", public: true},
	{err: graph.ErrAmbiguous, status: http.StatusConflict, code: "ambiguous", public: true},
	{err: graph.ErrTooLarge, status: http.StatusRequestEntityTooLarge, code: "too_large", public: true},
	{err: graph.ErrWriteRefused, status: http.StatusUnprocessableEntity, code: "write_refused", public: true},
	{err: graph.ErrUnauthorized, status: http.StatusUnauthorized, code: "unauthorized", public: true},
	{err: graph.ErrDisabled, status: http.StatusForbidden, code: "disabled", public: true},
	{err: errRateLimited, status: http.StatusTooManyRequests, code: "rate_limited", public: true},
	{err: errForbidden, status: http.StatusForbidden, code: "forbidden", public: true},
	{err: errUnsupportedMedia, status: http.StatusUnsupportedMediaType, code: "unsupported_media_type", public: true},
	{err: graph.ErrTimeout, status: http.StatusGatewayTimeout, code: "timeout",
		message: "the query took too long and was stopped; narrow it (fewer hops, a lower limit) and retry"},
	{err: context.DeadlineExceeded, status: http.StatusGatewayTimeout, code: "timeout",
		message: "the query took too long and was stopped; narrow it (fewer hops, a lower limit) and retry"},
	{err: graph.ErrUnavailable, status: http.StatusServiceUnavailable, code: "unavailable",
		message: "the graph database is not reachable; try again shortly"},
}

var internalMapping = errorMapping{status: http.StatusInternalServerError, code: "internal",
	message: "internal error"}

// classify finds the mapping for err.
func classify(err error) errorMapping {
	for _, m := range errorTable {
		if errors.Is(err, m.err) {
			return m
		}
	}
	return internalMapping
}

// publicError is an error whose text is written for the client, wrapping a
// sentinel that decides the status.
type publicError struct {
	sentinel error
	msg      string
}

func (e *publicError) Error() string { return e.msg }
func (e *publicError) Unwrap() error { return e.sentinel }

// badParam reports an invalid query parameter, naming it and saying why.
func badParam(name, format string, args ...any) error {
	return &publicError{sentinel: graph.ErrInvalid,
		msg: fmt.Sprintf("parameter %s: %s", name, fmt.Sprintf(format, args...))}
}

// newPublic builds an error of the given sentinel with a client-facing text.
func newPublic(sentinel error, format string, args ...any) error {
	return &publicError{sentinel: sentinel, msg: fmt.Sprintf(format, args...)}
}

// writeError logs err and answers with the mapped status and JSON body.
// A request whose client has gone is only logged.
func (s *Server) writeError(c *gin.Context, err error) {
	rid := requestID(c)
	ctx := c.Request.Context()
	if ctx.Err() == context.Canceled || errors.Is(err, errClientGone) {
		s.log.LogAttrs(ctx, slog.LevelInfo, "client closed request",
			slog.String("requestId", rid), slog.String("route", c.FullPath()), slog.String("error", err.Error()))
		c.AbortWithStatus(statusClientClosed)
		return
	}
	m := classify(err)
	msg := m.message
	if m.public {
		msg = err.Error()
	}
	level := slog.LevelInfo
	if m.status >= 500 {
		level = slog.LevelError
		if c.FullPath() == "/readyz" {
			level = slog.LevelWarn // probes repeat while the database is down
		}
		msg = fmt.Sprintf("%s (request id %s)", msg, rid)
	}
	s.log.LogAttrs(ctx, level, "request failed",
		slog.String("requestId", rid), slog.String("route", c.FullPath()),
		slog.Int("status", m.status), slog.String("code", m.code), slog.String("error", err.Error()))
	if m.status == http.StatusTooManyRequests {
		c.Header("Retry-After", "1")
	}
	detail := errorDetail{Code: m.code, Message: msg, RequestID: rid}
	var amb *graph.AmbiguousError
	if errors.As(err, &amb) {
		detail.Candidates = amb.Candidates
	}
	c.AbortWithStatusJSON(m.status, errorBody{Error: detail})
}
