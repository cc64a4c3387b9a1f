// Command nexus turns documents into an evidence-backed knowledge graph in
// Neo4j and serves it to a browser viewer and a JSON API.
//
// Wiring is explicit: config → driver → store → pipeline → server; each
// subcommand builds only what it needs.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	slog.SetDefault(newLogger())
	if err := newRootCmd().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "nexus:", err)
		stop()
		os.Exit(1)
	}
}

// newLogger logs text on a terminal and JSON otherwise.
func newLogger() *slog.Logger {
	if isatty.IsTerminal(os.Stderr.Fd()) {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewJSONHandler(os.Stderr, nil))
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "nexus",
		Short:         "Nexus: documents to an evidence-backed knowledge graph",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		newServeCmd(),
		newIngestCmd(),
		newExtractCmd(),
		newPathCmd(),
		newCypherCmd(),
		newNeo4jCmd(),
	)
	return root
}
