package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/nexus-graph/nexus/graph/neo4jstore"
	"github.com/nexus-graph/nexus/internal/localneo4j"
)

// neo4jFlags are the flags of `nexus neo4j ...`.
type neo4jFlags struct {
	home      string
	bolt      string
	noAuth    bool
	tls       bool
	password  string
	heap      string
	pageCache string
	repoRoot  string
	timeout   time.Duration
	uri       string
	user      string
}

func (f *neo4jFlags) root() (string, error) {
	if f.repoRoot != "" {
		return f.repoRoot, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("cwd: %w", err)
	}
	return localneo4j.FindRepoRoot(wd)
}

// pinger returns a Ready function that runs RETURN 1 through the driver.
func pinger(uri, user, password string) func(context.Context) error {
	return func(ctx context.Context) error {
		st, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri, User: user, Password: password})
		if err != nil {
			return err
		}
		defer st.Close(context.WithoutCancel(ctx))
		return st.Ping(ctx)
	}
}

func newNeo4jCmd() *cobra.Command {
	f := &neo4jFlags{}
	cmd := &cobra.Command{
		Use:   "neo4j",
		Short: "Run a local Neo4j 5.26 Community server (built from Maven Central jars)",
		Long: `Runs a real Neo4j 5.26 Community server on 127.0.0.1 for development and tests.

The server is tools/neo4j (a small Java launcher around Neo4j's embedded DBMS and
Bolt connector), built by Maven on first use with its jars cached in .cache/m2.
Data, logs (neo4j.log) and the pid file live in --home and survive restarts.`,
	}
	pf := cmd.PersistentFlags()
	pf.StringVar(&f.home, "home", ".nexus/neo4j", "directory for data, logs and the pid file")
	pf.StringVar(&f.bolt, "bolt", "127.0.0.1:7687", "Bolt listen address (loopback only)")
	pf.BoolVar(&f.noAuth, "no-auth", false, "disable authentication (test instances)")
	pf.StringVar(&f.password, "password", env("NEO4J_PASSWORD", ""), "password of user neo4j, at least 8 chars (env NEO4J_PASSWORD)")
	pf.StringVar(&f.heap, "heap", "768m", "JVM maximum heap (-Xmx)")
	pf.StringVar(&f.pageCache, "pagecache", "1g", "Neo4j page cache size (filled as the store is read)")
	pf.StringVar(&f.repoRoot, "repo-root", "", "repository root holding tools/neo4j (default: nearest dir with go.mod above cwd)")
	pf.DurationVar(&f.timeout, "timeout", 120*time.Second, "how long to wait for readiness or shutdown")
	pf.BoolVar(&f.tls, "tls", false, "also accept TLS on Bolt (bolt+s://, neo4j+s://) with a self-signed certificate made in <home>/certificates/bolt")

	start := &cobra.Command{
		Use:   "start",
		Short: "Build the launcher if needed, start Neo4j detached and wait until it answers RETURN 1",
		RunE: func(c *cobra.Command, _ []string) error {
			root, err := f.root()
			if err != nil {
				return err
			}
			pw := f.password
			if f.noAuth {
				pw = ""
			}
			inst, err := localneo4j.Start(c.Context(), localneo4j.Config{
				RepoRoot:  root,
				Home:      f.home,
				Bolt:      f.bolt,
				NoAuth:    f.noAuth,
				Password:  pw,
				Heap:      f.heap,
				PageCache: f.pageCache,
				TLS:       f.tls,
				Timeout:   f.timeout,
				Ready:     pinger("bolt://"+f.bolt, "neo4j", pw),
			})
			if errors.Is(err, localneo4j.ErrAlreadyRunning) {
				return fmt.Errorf("%w (stop it with: nexus neo4j stop --home %s)", err, f.home)
			}
			if err != nil {
				return err
			}
			st, _ := localneo4j.GetStatus(inst.Home)
			fmt.Fprintf(c.OutOrStdout(), "neo4j ready: %s pid=%d home=%s log=%s started_in=%s rss=%dMiB\n",
				inst.URI(), inst.PID, inst.Home, inst.LogPath, inst.StartedIn.Round(time.Millisecond), st.RSSBytes>>20)
			if f.tls {
				fmt.Fprintf(c.OutOrStdout(), "tls: bolt+s://%s with --neo4j-ca-file %s (or bolt+ssc:// to trust it unverified)\n",
					inst.Bolt, filepath.Join(localneo4j.TLSDir(inst.Home), localneo4j.TLSCertFile))
			}
			return nil
		},
	}

	stop := &cobra.Command{
		Use:   "stop",
		Short: "Stop the Neo4j of --home (SIGTERM, then SIGKILL after --timeout)",
		RunE: func(c *cobra.Command, _ []string) error {
			was, err := localneo4j.Stop(c.Context(), f.home, f.timeout)
			if err != nil {
				return err
			}
			if was {
				fmt.Fprintf(c.OutOrStdout(), "neo4j stopped (home %s)\n", f.home)
			} else {
				fmt.Fprintf(c.OutOrStdout(), "neo4j was not running (home %s)\n", f.home)
			}
			return nil
		},
	}

	status := &cobra.Command{
		Use:   "status",
		Short: "Show whether the Neo4j of --home runs; exit 3 when it does not",
		RunE: func(c *cobra.Command, _ []string) error {
			st, err := localneo4j.GetStatus(f.home)
			if err != nil {
				return err
			}
			out := c.OutOrStdout()
			switch {
			case st.Running:
				fmt.Fprintf(out, "running pid=%d bolt=%s rss=%dMiB home=%s log=%s\n", st.PID, st.Bolt, st.RSSBytes>>20, st.Home, st.LogPath)
				return nil
			case st.Stale:
				fmt.Fprintf(out, "stopped (stale pid file, pid %d) home=%s\n", st.PID, st.Home)
			default:
				fmt.Fprintf(out, "stopped home=%s\n", st.Home)
			}
			os.Exit(3)
			return nil
		},
	}

	wait := &cobra.Command{
		Use:   "wait",
		Short: "Wait until a Neo4j at --uri answers RETURN 1 (or --timeout passes)",
		RunE: func(c *cobra.Command, _ []string) error {
			uri := f.uri
			if uri == "" {
				uri = "bolt://" + f.bolt
			}
			pw := f.password
			if f.noAuth {
				pw = ""
			}
			ctx, cancel := context.WithTimeout(c.Context(), f.timeout)
			defer cancel()
			began := time.Now()
			if err := localneo4j.Wait(ctx, pinger(uri, f.user, pw), 250*time.Millisecond); err != nil {
				return fmt.Errorf("neo4j at %s not ready: %w", uri, err)
			}
			fmt.Fprintf(c.OutOrStdout(), "neo4j ready: %s (waited %s)\n", uri, time.Since(began).Round(time.Millisecond))
			return nil
		},
	}
	wait.Flags().StringVar(&f.uri, "uri", env("NEO4J_URI", ""), "Bolt URI to ping (env NEO4J_URI; default bolt://<--bolt>)")
	wait.Flags().StringVar(&f.user, "user", env("NEO4J_USER", "neo4j"), "user (env NEO4J_USER)")

	selfcheck := &cobra.Command{
		Use:   "selfcheck",
		Short: "Run the launcher's end-to-end check (SHORTEST 2, full-text index) on a scratch --home",
		RunE: func(c *cobra.Command, _ []string) error {
			root, err := f.root()
			if err != nil {
				return err
			}
			out, err := localneo4j.SelfCheck(c.Context(), localneo4j.Config{
				RepoRoot: root, Home: f.home, Heap: f.heap, PageCache: f.pageCache,
			})
			fmt.Fprint(c.OutOrStdout(), out)
			return err
		},
	}

	cmd.AddCommand(start, stop, status, wait, selfcheck)
	return cmd
}
