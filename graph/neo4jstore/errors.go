package neo4jstore

import (
	"context"
	"errors"
	"fmt"
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
		switch {
		case strings.Contains(code, "TransactionTimedOut"), strings.HasSuffix(code, "Transaction.LockAcquisitionTimeout"),
			strings.Contains(code, "Terminated") && strings.Contains(ne.Msg, "timeout"):
			return fmt.Errorf("%w: %s", graph.ErrTimeout, ne.Msg)
		case code == "Neo.ClientError.Statement.SyntaxError", code == "Neo.ClientError.Statement.SemanticError",
			code == "Neo.ClientError.Statement.ParameterMissing":
			return fmt.Errorf("%w: %s", graph.ErrQuerySyntax, ne.Msg)
		case code == "Neo.ClientError.Statement.AccessMode", strings.Contains(code, "ForbiddenOnReadOnlyDatabase"),
			strings.HasPrefix(code, "Neo.ClientError.Security.Forbidden"):
			return fmt.Errorf("%w: %s", graph.ErrWriteRefused, ne.Msg)
		case strings.Contains(code, "MemoryPoolOutOfMemoryError"):
			return fmt.Errorf("%w: transaction memory: %s", graph.ErrTooLarge, ne.Msg)
		case code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return fmt.Errorf("%w: %s", graph.ErrInvalid, ne.Msg)
		case strings.HasPrefix(code, "Neo.ClientError.Statement."), strings.HasPrefix(code, "Neo.ClientError.Procedure."):
			return fmt.Errorf("%w: %s", graph.ErrInvalid, ne.Msg)
		case strings.HasPrefix(code, "Neo.ClientError.Database.DatabaseNotFound"),
			strings.HasPrefix(code, "Neo.TransientError.General.DatabaseUnavailable"):
			return fmt.Errorf("%w: %s", graph.ErrUnavailable, ne.Msg)
		}
		return fmt.Errorf("neo4j %s: %w", code, err)
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
