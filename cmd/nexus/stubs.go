package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Temporary: each of these moves to its own file as it is implemented.
var errNotYet = errors.New("not implemented yet")

func newServeCmd() *cobra.Command {
	return &cobra.Command{Use: "serve", RunE: func(*cobra.Command, []string) error { return errNotYet }}
}
func newIngestCmd() *cobra.Command {
	return &cobra.Command{Use: "ingest", RunE: func(*cobra.Command, []string) error { return errNotYet }}
}
func newExtractCmd() *cobra.Command {
	return &cobra.Command{Use: "extract", RunE: func(*cobra.Command, []string) error { return errNotYet }}
}
func newPathCmd() *cobra.Command {
	return &cobra.Command{Use: "path", RunE: func(*cobra.Command, []string) error { return errNotYet }}
}
func newCypherCmd() *cobra.Command {
	return &cobra.Command{Use: "cypher", RunE: func(*cobra.Command, []string) error { return errNotYet }}
}
