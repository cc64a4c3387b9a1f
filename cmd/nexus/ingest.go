package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/nexus-graph/nexus/ingest"
)

// ingestFlags are the options of `nexus ingest`.
type ingestFlags struct {
	lexiconDir  string
	maxFileSize int64
	batchDocs   int
	wait        time.Duration
	noProgress  bool
}

func newIngestCmd() *cobra.Command {
	c := &config{}
	f := &ingestFlags{}
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Read documents, extract entities and relations, and store them in Neo4j",
		Long: `Reads files and directories (walked recursively; hidden files and .git
skipped), extracts entities and relations and writes them to Neo4j in small
batches of whole documents. Re-ingesting a file whose content is already
stored does nothing. A file that cannot be read is reported and skipped;
the others are stored and the exit status is 1.`,
		Example: `  nexus ingest seeds/documents
  NEO4J_URI=bolt://127.0.0.1:17687 nexus ingest ~/reports report.pdf`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := c.validate(); err != nil {
				return err
			}
			return runIngest(cmd.Context(), c, f, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	bindConfig(cmd.Flags(), c)
	bindNLPConfig(cmd.Flags(), c)
	cmd.Flags().StringVar(&f.lexiconDir, "lexicon-dir", "", "directory with an analyst's gazetteer.yaml/lexicon.yaml (default: the embedded ones)")
	cmd.Flags().Int64Var(&f.maxFileSize, "max-file-size", ingest.DefaultMaxFileSize, "largest file read, in bytes")
	cmd.Flags().IntVar(&f.batchDocs, "batch", ingest.DefaultBatchDocs, "documents per write transaction group")
	cmd.Flags().DurationVar(&f.wait, "wait", 60*time.Second, "how long to wait for Neo4j to answer before giving up")
	cmd.Flags().BoolVar(&f.noProgress, "no-progress", false, "log one line per file instead of drawing a progress bar")
	return cmd
}

func runIngest(ctx context.Context, c *config, f *ingestFlags, paths []string, stdout, stderr io.Writer) error {
	if f.batchDocs < 1 {
		return fmt.Errorf("--batch %d: must be at least 1", f.batchDocs)
	}
	if f.maxFileSize < 1 {
		return fmt.Errorf("--max-file-size %d: must be positive", f.maxFileSize)
	}
	x, err := loadExtractor(f.lexiconDir)
	if err != nil {
		return err
	}
	store, err := openGraphStore(ctx, c)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = store.Close(cctx)
	}()
	wctx, cancel := context.WithTimeout(ctx, f.wait)
	err = store.WaitReady(wctx, 500*time.Millisecond)
	cancel()
	if err != nil {
		return fmt.Errorf("neo4j at %s did not answer within %s: %w", c.Neo4jURI, f.wait, err)
	}

	log := slog.Default()
	tty := !f.noProgress && isTerminal(stderr)
	var bar *progressbar.ProgressBar
	progress := func(p ingest.Progress) {
		if !tty {
			if p.Err == nil {
				log.Info("file done", "path", p.Path, "done", p.Done, "total", p.Total)
			}
			return
		}
		if bar == nil {
			bar = progressbar.NewOptions(p.Total,
				progressbar.OptionSetWriter(stderr),
				progressbar.OptionSetDescription("ingesting"),
				progressbar.OptionShowCount(),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionSetWidth(30),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionClearOnFinish(),
			)
		}
		_ = bar.Set(p.Done)
	}
	plog := log
	if tty {
		// Warnings would tear the bar; file errors are listed at the end.
		plog = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	}
	p := &ingest.Pipeline{Extractor: x, Store: store, MaxFileSize: f.maxFileSize, BatchDocs: f.batchDocs, Logger: plog}
	stop, err := withLanguage(ctx, plog, p, c.NLPWorkers)
	if err != nil {
		return err
	}
	defer stop()
	sum, err := p.IngestPaths(ctx, paths, progress)
	if bar != nil {
		_ = bar.Finish()
	}
	if tty {
		for _, e := range sum.Errors {
			fmt.Fprintln(stderr, e.Error())
		}
	}
	fmt.Fprintln(stdout, summaryLine(sum))
	if err != nil {
		return err
	}
	if len(sum.Errors) > 0 {
		return fmt.Errorf("%d file(s) could not be ingested", len(sum.Errors))
	}
	return nil
}

// summaryLine is the one-line account of an ingest run.
func summaryLine(s ingest.Summary) string {
	return fmt.Sprintf("documents %d, skipped %d (%d unchanged, not extracted), entities %d, relations %d, evidence %d, errors %d, elapsed %s",
		s.Documents, s.Skipped, s.Unchanged, s.Entities, s.Relations, s.Evidence, len(s.Errors), s.Elapsed.Round(time.Millisecond))
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
