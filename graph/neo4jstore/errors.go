package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/nexus-graph/nexus/graph"
)

// mapError wraps a driver error with the matching graph sentinel, keeping
// the server's message (syntax errors carry the position of the fault).
// Errors that already wrap a sentinel are returned as they are.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	if isSentinel(err) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: %w", graph.ErrTimeout, err)
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		code := ne.Code
		msg := publicMessage(ne.Msg)
		switch {
		case strings.Contains(code, "TransactionTimedOut"), strings.HasSuffix(code, "Transaction.LockAcquisitionTimeout"),
			strings.Contains(code, "Terminated") && strings.Contains(msg, "timeout"):
			return fmt.Errorf("%w: %s", graph.ErrTimeout, msg)
		case code == "Neo.ClientError.Statement.SyntaxError", code == "Neo.ClientError.Statement.SemanticError",
			code == "Neo.ClientError.Statement.ParameterMissing":
			return fmt.Errorf("%w: %s", graph.ErrQuerySyntax, msg)
		case code == "Neo.ClientError.Statement.AccessMode", strings.Contains(code, "ForbiddenOnReadOnlyDatabase"),
			strings.HasPrefix(code, "Neo.ClientError.Security.Forbidden"):
			return fmt.Errorf("%w: %s", graph.ErrWriteRefused, msg)
		case strings.Contains(code, "General.OutOfMemoryError"):
			// The JVM ran out of heap for this query; the server survives it
			// (the launcher does not exit on OutOfMemoryError).
			return fmt.Errorf("%w: the query needs more memory than the database allows; return less", graph.ErrTooLarge)
		case strings.Contains(code, "MemoryPoolOutOfMemoryError"):
			return fmt.Errorf("%w: transaction memory: %s", graph.ErrTooLarge, msg)
		case code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return fmt.Errorf("%w: %s", graph.ErrInvalid, msg)
		case strings.HasPrefix(code, "Neo.ClientError.Statement."), strings.HasPrefix(code, "Neo.ClientError.Procedure."):
			return fmt.Errorf("%w: %s", graph.ErrInvalid, msg)
		case strings.HasPrefix(code, "Neo.ClientError.Security.Unauthorized"),
			strings.HasPrefix(code, "Neo.ClientError.Security.AuthenticationRateLimit"):
			// Say which settings to fix, not the driver's scheme talk.
			return fmt.Errorf("%w: Neo4j refused the credentials: set NEO4J_USER and NEO4J_PASSWORD "+
				"(make run keeps the local server's password in .nexus/neo4j-password, which the command line reads "+
				"by itself for neo4j://127.0.0.1:7687)", graph.ErrUnavailable)
		case strings.HasPrefix(code, "Neo.ClientError.Database.DatabaseNotFound"),
			strings.HasPrefix(code, "Neo.TransientError.General.DatabaseUnavailable"):
			return fmt.Errorf("%w: %s", graph.ErrUnavailable, msg)
		}
		return fmt.Errorf("neo4j %s: %w", code, err) // not public: 5xx bodies never carry it
	}
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) {
		return fmt.Errorf("%w: %w", graph.ErrUnavailable, err)
	}
	var te *neo4j.TransactionExecutionLimit
	if errors.As(err, &te) {
		// Retries exhausted: unwrap the last cause if we can classify it.
		for i := len(te.Errors) - 1; i >= 0; i-- {
			if m := mapError(te.Errors[i]); isSentinel(m) {
				return m
			}
		}
		return fmt.Errorf("%w: %w", graph.ErrUnavailable, err)
	}
	return err
}

// isSentinel reports whether err already wraps one of graph's sentinels.
func isSentinel(err error) bool {
	for _, s := range []error{graph.ErrNotFound, graph.ErrInvalid, graph.ErrWriteRefused, graph.ErrQuerySyntax,
		graph.ErrTimeout, graph.ErrUnavailable, graph.ErrTooLarge} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

var (
	javaClassRE = regexp.MustCompile(`\b(?:[a-z_][a-z0-9_]*\.){2,}[A-Z][A-Za-z0-9_$]*(?:\.[A-Za-z0-9_$]+)*:?\s*`)
	filePathRE  = regexp.MustCompile(`(?:file:/*|\b[A-Za-z]:\\|(?:^|[\s'"(=])/)(?:[\w.@~-]+[/\\])+[\w.@~-]*`)
)

// maxPublicMessage bounds a server message shown to a client.
const maxPublicMessage = 600

// publicMessage is the server's message as a client may see it: no Java
// class names (they name internals, not the problem), no file paths or
// URLs of the host, and not longer than maxPublicMessage runes. A syntax
// error's caret lines, which point into the client's own query, stay.
func publicMessage(msg string) string {
	msg = javaClassRE.ReplaceAllString(msg, "")
	msg = filePathRE.ReplaceAllStringFunc(msg, func(m string) string {
		if m != "" && strings.ContainsRune(" '\"(=", rune(m[0])) {
			return m[:1] + "<path>"
		}
		return "<path>"
	})
	msg = strings.TrimSpace(msg)
	if r := []rune(msg); len(r) > maxPublicMessage {
		msg = string(r[:maxPublicMessage]) + "…"
	}
	return msg
}
