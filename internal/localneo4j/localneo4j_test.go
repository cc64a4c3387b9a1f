package localneo4j

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPidFileRoundTrip(t *testing.T) {
	home := t.TempDir()
	if err := writePid(home, 4242, "127.0.0.1:17687"); err != nil {
		t.Fatal(err)
	}
	pid, bolt, err := readPid(home)
	if err != nil {
		t.Fatal(err)
	}
	if pid != 4242 || bolt != "127.0.0.1:17687" {
		t.Fatalf("readPid = %d %q, want 4242 127.0.0.1:17687", pid, bolt)
	}
}

func TestReadPidBad(t *testing.T) {
	tests := []struct {
		name, content string
		wantPid       int
		wantErr       bool
	}{
		{"pid only", "123\n", 123, false},
		{"empty", "", 0, true},
		{"not a number", "abc\n127.0.0.1:1\n", 0, true},
		{"negative", "-5\n", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			if err := os.WriteFile(filepath.Join(home, PidFile), []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			pid, _, err := readPid(home)
			if (err != nil) != tc.wantErr || pid != tc.wantPid {
				t.Fatalf("readPid = %d, %v; want %d, err=%v", pid, err, tc.wantPid, tc.wantErr)
			}
		})
	}
}

// deadPid returns the pid of a process that has exited and been reaped.
func deadPid(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// fakeLauncher starts a process whose command line names the launcher class
// (so isLauncher accepts it) and that exits on SIGTERM.
func fakeLauncher(t *testing.T) *exec.Cmd {
	t.Helper()
	cmd := exec.Command("sh", "-c", "sleep 60; :", mainClass)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() { _ = cmd.Process.Kill(); <-done })
	return cmd
}

func TestStatus(t *testing.T) {
	live := fakeLauncher(t)
	tests := []struct {
		name        string
		pid         int // 0: no pid file
		wantRunning bool
		wantStale   bool
	}{
		{"no pid file", 0, false, false},
		{"dead pid", deadPid(t), false, true},
		{"live pid of another program", os.Getpid(), false, true},
		{"live launcher", live.Process.Pid, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			if tc.pid != 0 {
				if err := writePid(home, tc.pid, "127.0.0.1:1"); err != nil {
					t.Fatal(err)
				}
			}
			st, err := GetStatus(home)
			if err != nil {
				t.Fatal(err)
			}
			if st.Running != tc.wantRunning || st.Stale != tc.wantStale || st.PID != tc.pid {
				t.Fatalf("status = %+v; want running=%v stale=%v pid=%d", st, tc.wantRunning, tc.wantStale, tc.pid)
			}
			if st.Running && st.RSSBytes <= 0 {
				t.Fatalf("running process has RSS %d", st.RSSBytes)
			}
		})
	}
}

func TestStopStalePidFile(t *testing.T) {
	home := t.TempDir()
	if err := writePid(home, deadPid(t), "127.0.0.1:1"); err != nil {
		t.Fatal(err)
	}
	was, err := Stop(context.Background(), home, time.Second)
	if err != nil || was {
		t.Fatalf("Stop = %v, %v; want false, nil", was, err)
	}
	if _, err := os.Stat(filepath.Join(home, PidFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("stale pid file not removed: %v", err)
	}
}

func TestStopNothing(t *testing.T) {
	was, err := Stop(context.Background(), t.TempDir(), time.Second)
	if err != nil || was {
		t.Fatalf("Stop = %v, %v; want false, nil", was, err)
	}
}

func TestStopSendsSIGTERM(t *testing.T) {
	home := t.TempDir()
	proc := fakeLauncher(t)
	if err := writePid(home, proc.Process.Pid, "127.0.0.1:1"); err != nil {
		t.Fatal(err)
	}
	was, err := Stop(context.Background(), home, 20*time.Second)
	if err != nil || !was {
		t.Fatalf("Stop = %v, %v; want true, nil", was, err)
	}
	if isLauncher(proc.Process.Pid) {
		t.Fatal("process still alive after Stop")
	}
	if _, err := os.Stat(filepath.Join(home, PidFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("pid file not removed: %v", err)
	}
}

func TestStartRefuses(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	live := fakeLauncher(t)
	liveHome := t.TempDir()
	if err := writePid(liveHome, live.Process.Pid, "127.0.0.1:1"); err != nil {
		t.Fatal(err)
	}
	base := Config{RepoRoot: t.TempDir(), NoAuth: true, Bolt: "127.0.0.1:1"}
	tests := []struct {
		name    string
		edit    func(*Config)
		wantIs  error  // errors.Is target, or nil
		wantMsg string // substring, when wantIs is nil
	}{
		{"home of a running instance", func(c *Config) { c.Home = liveHome }, ErrAlreadyRunning, ""},
		{"address already answering", func(c *Config) { c.Home = t.TempDir(); c.Bolt = ln.Addr().String() }, ErrPortInUse, ""},
		{"not loopback", func(c *Config) { c.Home = t.TempDir(); c.Bolt = "0.0.0.0:7687" }, nil, "loopback"},
		{"auth without password", func(c *Config) { c.Home = t.TempDir(); c.NoAuth = false; c.Password = "short" }, nil, "password"},
		{"no home", func(c *Config) {}, nil, "Home"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := base
			tc.edit(&cfg)
			_, err := Start(context.Background(), cfg)
			if err == nil {
				t.Fatal("Start succeeded, want an error")
			}
			if tc.wantIs != nil && !errors.Is(err, tc.wantIs) {
				t.Fatalf("err = %v, want %v", err, tc.wantIs)
			}
			if tc.wantIs == nil && !strings.Contains(err.Error(), tc.wantMsg) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.wantMsg)
			}
		})
	}
	if !isLauncher(live.Process.Pid) {
		t.Fatal("refused Start must not touch the running instance")
	}
}

func TestNeedsBuild(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, launcherDir)
	src := filepath.Join(dir, "src/main/java/nexus/neo4j/Launcher.java")
	write := func(p string, mod time.Time) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	old, mid, recent := time.Now().Add(-3*time.Hour), time.Now().Add(-2*time.Hour), time.Now().Add(-time.Hour)
	write(filepath.Join(dir, "pom.xml"), old)
	write(src, old)
	check := func(want bool) {
		t.Helper()
		got, err := NeedsBuild(root)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("NeedsBuild = %v, want %v", got, want)
		}
	}
	check(true) // no jar
	write(filepath.Join(dir, launcherJar), mid)
	check(true) // no lib
	write(filepath.Join(dir, launcherLib, "neo4j.jar"), mid)
	check(false)
	write(src, recent)
	check(true) // source newer than jar
	write(src, old)
	write(filepath.Join(dir, "pom.xml"), recent)
	check(true) // pom newer than jar
}

func TestFindRepoRoot(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := FindRepoRoot(deep)
	if err != nil {
		t.Fatal(err)
	}
	if got != root {
		t.Fatalf("FindRepoRoot = %s, want %s", got, root)
	}
}

func TestTail(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"line1\nline2\nline3\n", 8, "…\nline3\n"},
	}
	for _, tc := range tests {
		t.Run(strconv.Quote(tc.in), func(t *testing.T) {
			if got := tail([]byte(tc.in), tc.n); got != tc.want {
				t.Fatalf("tail = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestIsAuthError(t *testing.T) {
	tests := []struct {
		msg  string
		want bool
	}{
		{"Neo4jError: Neo.ClientError.Security.Unauthorized (The client is unauthorized)", true},
		{"Neo4jError: Neo.ClientError.Security.AuthenticationRateLimit (too many)", true},
		{"dial tcp 127.0.0.1:7687: connect: connection refused", false},
	}
	for _, tc := range tests {
		t.Run(tc.msg, func(t *testing.T) {
			if got := isAuthError(errors.New(tc.msg)); got != tc.want {
				t.Fatalf("isAuthError = %v, want %v", got, tc.want)
			}
		})
	}
}
