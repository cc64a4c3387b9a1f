package graph

import "errors"

// Sentinel errors shared by every layer. Stores and the ingest pipeline wrap
// them with context (fmt.Errorf("...: %w", ErrNotFound)); the API maps them
// to HTTP statuses in one table (api/errors.go).
var (
	// ErrNotFound: the entity, relation or document does not exist (404).
	ErrNotFound = errors.New("not found")
	// ErrInvalid: a parameter or input is malformed or out of range (400).
	ErrInvalid = errors.New("invalid input")
	// ErrWriteRefused: a Cypher query is not a plain read — it would write,
	// run a command, read files or URLs, or run unbounded (422).
	ErrWriteRefused = errors.New("not a plain read")
	// ErrQuerySyntax: Cypher the server could not parse (400).
	ErrQuerySyntax = errors.New("query syntax error")
	// ErrTimeout: a query ran past its deadline (504).
	ErrTimeout = errors.New("query timed out")
	// ErrUnavailable: the database cannot be reached (503).
	ErrUnavailable = errors.New("database unavailable")
	// ErrTooLarge: an input exceeds a configured size limit (413).
	ErrTooLarge = errors.New("input too large")
	// ErrUnauthorized: a write endpoint was called without a valid token (401).
	ErrUnauthorized = errors.New("unauthorized")
	// ErrDisabled: the feature is switched off by configuration (403).
	ErrDisabled = errors.New("disabled")
)
