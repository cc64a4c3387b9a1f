package localneo4j_test

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph/neo4jstore"
	"github.com/nexus-graph/nexus/internal/localneo4j"
)

// needJava skips (or, in CI, fails) when java or mvn is missing, and skips
// under -short: these tests start a real Neo4j JVM.
func needJava(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a real Neo4j; skipped with -short")
	}
	for _, bin := range []string{"java", "mvn"} {
		if _, err := exec.LookPath(bin); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not found: %v", bin, err)
			}
			t.Skipf("%s not found: %v", bin, err)
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root, err := localneo4j.FindRepoRoot(wd)
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// freeAddr returns a loopback address nothing listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func ping(uri, password string) func(context.Context) error {
	return func(ctx context.Context) error {
		st, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri, User: "neo4j", Password: password})
		if err != nil {
			return err
		}
		defer st.Close(context.WithoutCancel(ctx))
		return st.Ping(ctx)
	}
}

// TestRealStartStop starts a real Neo4j with auth, checks the password is
// enforced, refuses a second start, stops it and starts it again on the same
// home (the store survives a restart).
func TestRealStartStop(t *testing.T) {
	root := needJava(t)
	ctx := context.Background()
	home := t.TempDir()
	bolt := freeAddr(t)
	const pw = "test-password-1"
	cfg := localneo4j.Config{
		RepoRoot: root, Home: home, Bolt: bolt, Password: pw,
		Ready: ping("bolt://"+bolt, pw), Timeout: 120 * time.Second,
	}
	t.Cleanup(func() { _, _ = localneo4j.Stop(context.Background(), home, 30*time.Second) })

	for round := 1; round <= 2; round++ {
		inst, err := localneo4j.Start(ctx, cfg)
		if err != nil {
			t.Fatalf("round %d: Start: %v", round, err)
		}
		st, err := localneo4j.GetStatus(home)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Running || st.PID != inst.PID || st.Bolt != bolt || st.RSSBytes <= 0 {
			t.Fatalf("round %d: status %+v, want running pid %d on %s", round, st, inst.PID, bolt)
		}
		t.Logf("round %d: ready in %s, JVM RSS %d MiB", round, inst.StartedIn, st.RSSBytes>>20)

		if err := ping(inst.URI(), "wrong-password")(ctx); err == nil || !strings.Contains(err.Error(), "Security") {
			t.Fatalf("round %d: ping with a wrong password: %v, want a security error", round, err)
		}
		if _, err := localneo4j.Start(ctx, cfg); !errors.Is(err, localneo4j.ErrAlreadyRunning) {
			t.Fatalf("round %d: second Start: %v, want ErrAlreadyRunning", round, err)
		}
		was, err := localneo4j.Stop(ctx, home, 60*time.Second)
		if err != nil || !was {
			t.Fatalf("round %d: Stop = %v, %v", round, was, err)
		}
		if st, _ := localneo4j.GetStatus(home); st.Running || st.PID != 0 {
			t.Fatalf("round %d: after Stop: %+v", round, st)
		}
		log, err := os.ReadFile(inst.LogPath)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(log), "nexus-neo4j: stopped"); n != round {
			t.Fatalf("round %d: log shows %d clean shutdowns, want %d:\n%s", round, n, round, log)
		}
	}
}

// TestRealSelfCheck runs the launcher's end-to-end Cypher check: SHORTEST 2
// over real data and a full-text index queried with
// db.index.fulltext.queryNodes.
func TestRealSelfCheck(t *testing.T) {
	root := needJava(t)
	out, err := localneo4j.SelfCheck(context.Background(), localneo4j.Config{RepoRoot: root, Home: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"selfcheck SHORTEST 2 ok: lengths [2, 2]", "selfcheck full-text ok: hits [a, b]", "selfcheck ok neo4j=5.26."} {
		if !strings.Contains(out, want) {
			t.Errorf("selfcheck output lacks %q:\n%s", want, out)
		}
	}
}

// TestRealStartFailsWithLogTail checks that a launcher that dies during start
// is reported with its log, not as a time-out.
func TestRealStartFailsWithLogTail(t *testing.T) {
	root := needJava(t)
	home := t.TempDir()
	_, err := localneo4j.Start(context.Background(), localneo4j.Config{
		RepoRoot: root, Home: home, Bolt: freeAddr(t), NoAuth: true,
		Heap:    "1k", // the JVM refuses to start
		Timeout: 60 * time.Second,
	})
	if !errors.Is(err, localneo4j.ErrExited) {
		t.Fatalf("Start with a bad heap: %v, want ErrExited", err)
	}
	if !strings.Contains(err.Error(), "heap") {
		t.Fatalf("error lacks the JVM's complaint from the log: %v", err)
	}
	if st, _ := localneo4j.GetStatus(home); st.PID != 0 {
		t.Fatalf("pid file left after a failed start: %+v", st)
	}
}
