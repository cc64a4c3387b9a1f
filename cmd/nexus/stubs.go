package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Temporary: each of these moves to its own file as it is implemented.
var errNotYet = errors.New("not implemented yet")

func newIngestCmd() *cobra.Command {
	return &cobra.Command{Use: "ingest", RunE: func(*cobra.Command, []string) error { return errNotYet }}
}
func newExtractCmd() *cobra.Command {
	return &cobra.Command{Use: "extract", RunE: func(*cobra.Command, []string) error { return errNotYet }}
}
