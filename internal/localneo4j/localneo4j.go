// Package localneo4j runs a real Neo4j 5.26 Community server on the loopback
// interface for development and tests, without Docker or downloads other than
// Maven Central.
//
// The server is tools/neo4j: a tiny Java launcher (nexus.neo4j.Launcher)
// around Neo4j's embedded DBMS plus its Bolt connector, built by Maven into
// tools/neo4j/target with the local repository in .cache/m2. Start builds it
// when needed, runs java detached (own session) with its log and pid file in
// the home directory, and waits until the caller's Ready function succeeds
// (normally a driver "RETURN 1"). Stop sends SIGTERM, which the launcher turns
// into a clean DBMS shutdown.
//
// Home layout: neo4j.pid (pid, then bolt address), neo4j.log (launcher
// stdout/stderr), data/ and logs/ (Neo4j's own store and debug.log).
package localneo4j

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// File names inside the home directory.
const (
	PidFile = "neo4j.pid"
	LogFile = "neo4j.log"
)

// PasswordEnv is the environment variable through which the launcher gets
// the neo4j user's password (so it never appears on a command line).
const PasswordEnv = "NEXUS_NEO4J_PASSWORD"

// Errors callers can test with errors.Is.
var (
	ErrAlreadyRunning = errors.New("neo4j already running")
	ErrPortInUse      = errors.New("bolt address already in use")
	ErrExited         = errors.New("neo4j exited during start")
	ErrNotReady       = errors.New("neo4j not ready in time")
)

// Config says what to start and how to know it is up.
type Config struct {
	RepoRoot string // directory holding tools/neo4j (see FindRepoRoot)
	Home     string // data, logs and pid file; survives restarts
	Bolt     string // host:port on loopback, e.g. 127.0.0.1:7687
	NoAuth   bool   // disable authentication (loopback test instances)
	Password string // neo4j user's password when auth is on (min. 8 chars)
	Heap     string // JVM -Xmx, default 768m
	// PageCache is Neo4j's page cache size, default 1g: the store of
	// 50,000 documents outgrows a 192m cache and each write then costs
	// more as the database grows (31 % more server CPU per document at the
	// fiftieth thousand than at the first), while with 1g it stays flat
	// (BENCHMARKS.md, "Ingest at scale, fifteenth session"). Neo4j fills
	// the cache as it reads pages, so a small database uses little of it.
	PageCache string
	// TLS makes Bolt accept encrypted connections (bolt+s://, neo4j+s://,
	// and their +ssc forms) beside plain ones, with a self-signed
	// certificate for the loopback names that Start writes under
	// Home/certificates/bolt on first use (see SelfSignedCert). The
	// certificate is the server's own: a client that verifies against the
	// system's roots refuses it, one that trusts it (+ssc, or its CA file)
	// gets an encrypted session.
	TLS bool
	// TxTimeout is the server's transaction timeout, default 60s.
	TxTimeout time.Duration
	Java      string // java binary; default $JAVA_HOME/bin/java or java
	Mvn       string // mvn binary; default mvn
	// Ready is polled until it returns nil; typically neo4jstore's Ping.
	// When nil, a TCP connect to Bolt is used (weaker: the port opens
	// before the database is fully available).
	Ready func(ctx context.Context) error
	// Timeout bounds the wait for readiness (default 90s).
	Timeout time.Duration
	Logger  *slog.Logger
}

func (c *Config) defaults() error {
	if c.RepoRoot == "" {
		return errors.New("localneo4j: RepoRoot is required")
	}
	if c.Home == "" {
		return errors.New("localneo4j: Home is required")
	}
	h, err := filepath.Abs(c.Home)
	if err != nil {
		return fmt.Errorf("home: %w", err)
	}
	c.Home = h
	if c.Bolt == "" {
		c.Bolt = "127.0.0.1:7687"
	}
	host, _, err := net.SplitHostPort(c.Bolt)
	if err != nil {
		return fmt.Errorf("bolt address %q: %w", c.Bolt, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("bolt address %q: must be on loopback", c.Bolt)
	}
	if !c.NoAuth && len(c.Password) < 8 {
		return errors.New("localneo4j: auth is on: a password of at least 8 characters is required (or NoAuth)")
	}
	if c.Heap == "" {
		c.Heap = "768m"
	}
	if c.PageCache == "" {
		c.PageCache = "1g"
	}
	if c.TxTimeout <= 0 {
		c.TxTimeout = 60 * time.Second
	}
	if c.Java == "" {
		c.Java = javaBinary()
	}
	if c.Timeout <= 0 {
		c.Timeout = 90 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return nil
}

// javaBinary prefers NEXUS_JAVA, then $JAVA_HOME/bin/java, then java on PATH.
func javaBinary() string {
	if j := os.Getenv("NEXUS_JAVA"); j != "" {
		return j
	}
	if jh := os.Getenv("JAVA_HOME"); jh != "" {
		if p := filepath.Join(jh, "bin", "java"); fileExists(p) {
			return p
		}
	}
	return "java"
}

// jvmArgs mirrors the JVM options of Neo4j's own neo4j.conf that matter here,
// except the collector: ParallelGC instead of G1. On the 2-core dev box a
// bulk write allocates ~60 KB of short-lived server heap per relation;
// G1's barriers, concurrent cycles and tiny survivor spaces cost ~30% more
// server CPU than ParallelGC for the same Write (BenchmarkWrite, BENCHMARKS.md
// "Store (issue 2)"), at the price of stop-the-world old-generation
// collections (~0.2 s each with a 1 GiB heap; a few per 200k-relation write).
// NewRatio=1 gives the young generation half the heap instead of a third:
// two write transactions' state is live across every young collection
// until they commit, and fewer collections copy it fewer times (per
// 200k-relation write, 1.0 s of collection instead of 2.0 s, BENCHMARKS.md
// "Store (issue 2)", round 4).
// No -XX:+ExitOnOutOfMemoryError (Neo4j's own default): a read query can
// build values the transaction memory pool does not track (a string
// doubled in a reduce), and with that flag one such query took the whole
// server down; without it the query fails with OutOfMemoryError and the
// server goes on (SECURITY.md).
func jvmArgs(heap string) []string {
	return []string{
		"-Xmx" + heap,
		"-XX:+UseParallelGC",
		"-XX:NewRatio=1",
		"-XX:-OmitStackTraceInFastThrow",
		"-XX:+UnlockExperimentalVMOptions",
		"-XX:+TrustFinalNonStaticFields",
		"-XX:+DisableExplicitGC",
		"-Djdk.nio.maxCachedBufferSize=1024",
		"-Dio.netty.tryReflectionSetAccessible=true",
		"-Dlog4j2.disable.jmx=true",
		"--add-opens=java.base/java.nio=ALL-UNNAMED",
		"--add-opens=java.base/java.io=ALL-UNNAMED",
		"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"--add-opens=java.base/java.lang=ALL-UNNAMED",
		"-Dfile.encoding=UTF-8",
	}
}

// Status describes an instance found through its home's pid file.
type Status struct {
	Home     string
	Running  bool
	PID      int    // 0 when there is no pid file
	Bolt     string // address recorded at start
	Stale    bool   // a pid file exists but its process is gone
	RSSBytes int64  // resident memory of the JVM, when running (Linux)
	LogPath  string
}

// Instance is a started server.
type Instance struct {
	PID       int
	Bolt      string
	Home      string
	LogPath   string
	StartedIn time.Duration // from exec to Ready
	exited    chan struct{}
}

// URI is the bolt:// URI of the instance.
func (i *Instance) URI() string { return "bolt://" + i.Bolt }

// Start builds the launcher if needed, starts Neo4j detached and waits for
// Ready. It refuses a home whose recorded process is alive and an address
// that already answers. On failure the process is killed and the error
// carries the tail of the log.
func Start(ctx context.Context, cfg Config) (*Instance, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	log := cfg.Logger
	st, err := GetStatus(cfg.Home)
	if err != nil {
		return nil, err
	}
	if st.Running {
		return nil, fmt.Errorf("%w: pid %d, home %s, bolt %s", ErrAlreadyRunning, st.PID, cfg.Home, st.Bolt)
	}
	if st.Stale {
		log.Info("removing stale pid file", "pid", st.PID, "home", cfg.Home)
		if err := removePid(cfg.Home); err != nil {
			return nil, err
		}
	}
	if portAnswers(cfg.Bolt) {
		return nil, fmt.Errorf("%w: %s answers already (another Neo4j?)", ErrPortInUse, cfg.Bolt)
	}
	if err := EnsureBuilt(ctx, cfg.RepoRoot, cfg.Mvn, log); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.Home, 0o755); err != nil {
		return nil, fmt.Errorf("home: %w", err)
	}
	logPath := filepath.Join(cfg.Home, LogFile)
	lf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("log file: %w", err)
	}
	defer lf.Close() // the child keeps its own descriptor
	logStart, _ := lf.Seek(0, io.SeekEnd)

	args := append(jvmArgs(cfg.Heap), "-cp", Classpath(cfg.RepoRoot), mainClass,
		"--home", cfg.Home, "--bolt", cfg.Bolt,
		"--pagecache", cfg.PageCache,
		"--tx-timeout", strconv.FormatInt(int64(cfg.TxTimeout/time.Millisecond), 10)+"ms")
	if cfg.NoAuth {
		args = append(args, "--no-auth")
	}
	if cfg.TLS {
		dir := TLSDir(cfg.Home)
		if err := SelfSignedCert(dir, time.Now()); err != nil {
			return nil, fmt.Errorf("bolt tls: %w", err)
		}
		args = append(args, "--tls-dir", dir)
	}
	cmd := exec.Command(cfg.Java, args...)
	cmd.Dir = cfg.Home
	cmd.Stdout, cmd.Stderr = lf, lf
	cmd.Env = append(withoutEnv(os.Environ(), PasswordEnv), PasswordEnv+"="+passwordFor(cfg))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // survives the CLI and its terminal
	fmt.Fprintf(lf, "=== nexus neo4j start %s bolt=%s auth=%v heap=%s ===\n",
		time.Now().UTC().Format(time.RFC3339), cfg.Bolt, !cfg.NoAuth, cfg.Heap)
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", cfg.Java, err)
	}
	inst := &Instance{PID: cmd.Process.Pid, Bolt: cfg.Bolt, Home: cfg.Home, LogPath: logPath, exited: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(inst.exited) }() // reaps the child while we live
	if err := writePid(cfg.Home, inst.PID, cfg.Bolt); err != nil {
		_ = cmd.Process.Kill()
		return nil, err
	}
	log.Info("neo4j starting", "pid", inst.PID, "bolt", cfg.Bolt, "home", cfg.Home, "log", logPath)

	if err := waitReady(ctx, cfg, inst, logStart); err != nil {
		_ = cmd.Process.Kill()
		<-inst.exited
		_ = removePid(cfg.Home)
		return nil, fmt.Errorf("%w\n--- %s (tail) ---\n%s", err, logPath, logTail(logPath, logStart, 3000))
	}
	inst.StartedIn = time.Since(began)
	log.Info("neo4j ready", "pid", inst.PID, "uri", inst.URI(), "took", inst.StartedIn.Round(time.Millisecond).String())
	return inst, nil
}

func passwordFor(cfg Config) string {
	if cfg.NoAuth {
		return ""
	}
	return cfg.Password
}

func withoutEnv(env []string, key string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, key+"=") {
			out = append(out, kv)
		}
	}
	return out
}

// readyLine is what the launcher prints once its start-up checks passed.
const readyLine = "nexus-neo4j: ready "

// waitReady polls until the launcher has logged its ready line (written
// after its SHORTEST/full-text checks, since Bolt opens before them) and
// cfg.Ready succeeds, or the process exits, or the timeout or ctx ends.
func waitReady(ctx context.Context, cfg Config, inst *Instance, logStart int64) error {
	probe := cfg.Ready
	if probe == nil {
		probe = func(context.Context) error {
			if portAnswers(cfg.Bolt) {
				return nil
			}
			return errors.New("bolt port closed")
		}
	}
	ready := func(ctx context.Context) error {
		if !logHas(inst.LogPath, logStart, readyLine) {
			return errors.New("launcher has not logged ready yet")
		}
		return probe(ctx)
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	var last error
	for {
		actx, acancel := context.WithTimeout(ctx, 5*time.Second)
		last = ready(actx)
		acancel()
		if last == nil {
			return nil
		}
		if isAuthError(last) {
			return fmt.Errorf("neo4j refuses the credentials: %w", last)
		}
		select {
		case <-inst.exited:
			return fmt.Errorf("%w (pid %d)", ErrExited, inst.PID)
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("%w after %s: last error: %w", ErrNotReady, cfg.Timeout, last)
			}
			return fmt.Errorf("waiting for neo4j: %w", ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// Wait blocks until ready returns nil or ctx ends; used for a server started
// elsewhere.
func Wait(ctx context.Context, ready func(context.Context) error, every time.Duration) error {
	for {
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := ready(actx)
		cancel()
		if err == nil {
			return nil
		}
		if isAuthError(err) {
			return fmt.Errorf("neo4j refuses the credentials: %w", err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: %w", ctx.Err(), err)
		case <-time.After(every):
		}
	}
}

// isAuthError reports whether err is Neo4j refusing credentials, which
// waiting does not cure. (Matched on the status code text so that this
// package needs no driver.)
func isAuthError(err error) bool {
	m := err.Error()
	return strings.Contains(m, "Neo.ClientError.Security.Unauthorized") ||
		strings.Contains(m, "Neo.ClientError.Security.AuthenticationRateLimit")
}

// Stop sends SIGTERM to the home's Neo4j and waits up to timeout for a clean
// shutdown, then SIGKILLs it. It removes the pid file. It reports whether a
// process was running.
func Stop(ctx context.Context, home string, timeout time.Duration) (bool, error) {
	st, err := GetStatus(home)
	if err != nil {
		return false, err
	}
	if !st.Running {
		if st.PID != 0 {
			return false, removePid(home)
		}
		return false, nil
	}
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	if err := syscall.Kill(st.PID, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		return true, fmt.Errorf("SIGTERM pid %d: %w", st.PID, err)
	}
	if !waitGone(ctx, st.PID, timeout) {
		if err := syscall.Kill(st.PID, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
			return true, fmt.Errorf("SIGKILL pid %d: %w", st.PID, err)
		}
		if !waitGone(ctx, st.PID, 10*time.Second) {
			return true, fmt.Errorf("pid %d still alive after SIGKILL", st.PID)
		}
	}
	return true, removePid(home)
}

func waitGone(ctx context.Context, pid int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if !isLauncher(pid) {
			return true
		}
		select {
		case <-ctx.Done():
			return !isLauncher(pid)
		case <-time.After(100 * time.Millisecond):
		}
	}
	return !isLauncher(pid)
}

// GetStatus reads the home's pid file and checks its process.
func GetStatus(home string) (Status, error) {
	h, err := filepath.Abs(home)
	if err != nil {
		return Status{}, fmt.Errorf("home: %w", err)
	}
	st := Status{Home: h, LogPath: filepath.Join(h, LogFile)}
	pid, bolt, err := readPid(h)
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	st.PID, st.Bolt = pid, bolt
	st.Running = isLauncher(pid)
	st.Stale = !st.Running
	if st.Running {
		st.RSSBytes = RSS(pid)
	}
	return st, nil
}

func writePid(home string, pid int, bolt string) error {
	p := filepath.Join(home, PidFile)
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(fmt.Sprintf("%d\n%s\n", pid, bolt)), 0o644); err != nil {
		return fmt.Errorf("pid file: %w", err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return fmt.Errorf("pid file: %w", err)
	}
	return nil
}

// readPid parses the pid file: first line pid, optional second line bolt.
func readPid(home string) (int, string, error) {
	b, err := os.ReadFile(filepath.Join(home, PidFile))
	if err != nil {
		return 0, "", err
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(lines[0]))
	if err != nil || pid <= 0 {
		return 0, "", fmt.Errorf("pid file %s: bad pid %q", filepath.Join(home, PidFile), lines[0])
	}
	bolt := ""
	if len(lines) > 1 {
		bolt = strings.TrimSpace(lines[1])
	}
	return pid, bolt, nil
}

func removePid(home string) error {
	err := os.Remove(filepath.Join(home, PidFile))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove pid file: %w", err)
	}
	return nil
}

// isLauncher reports whether pid is a live (non-zombie) process running our
// launcher class, so a recycled pid is not mistaken for Neo4j. Without /proc
// it falls back to signal 0.
func isLauncher(pid int) bool {
	if pid <= 0 {
		return false
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		if _, statErr := os.Stat("/proc/self"); statErr == nil {
			return false // /proc works, so the process is gone
		}
		err := syscall.Kill(pid, 0)
		return err == nil || errors.Is(err, syscall.EPERM)
	}
	// A zombie has an empty cmdline.
	return strings.Contains(string(cmdline), mainClass)
}

// RSS returns the resident set size of process pid from /proc, or 0.
func RSS(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// portAnswers reports whether something accepts TCP connections at addr.
func portAnswers(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// logHas reports whether the log, from offset from, contains s.
func logHas(path string, from int64, s string) bool {
	b, err := os.ReadFile(path)
	if err != nil || from > int64(len(b)) {
		return false
	}
	return strings.Contains(string(b[from:]), s)
}

// logTail returns up to n bytes of the log written since offset from.
func logTail(path string, from int64, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	if from > 0 && from <= int64(len(b)) {
		b = b[from:]
	}
	return tail(b, n)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// SelfCheck runs the launcher's end-to-end check on a scratch home (which
// must not be in use): it creates data and a full-text index, checks that
// CYPHER 5 SHORTEST 2 and db.index.fulltext.queryNodes return the expected
// rows, removes them and exits. It returns the launcher's output.
func SelfCheck(ctx context.Context, cfg Config) (string, error) {
	cfg.NoAuth = true
	if err := cfg.defaults(); err != nil {
		return "", err
	}
	if st, err := GetStatus(cfg.Home); err != nil {
		return "", err
	} else if st.Running {
		return "", fmt.Errorf("%w: pid %d, home %s", ErrAlreadyRunning, st.PID, cfg.Home)
	}
	if err := EnsureBuilt(ctx, cfg.RepoRoot, cfg.Mvn, cfg.Logger); err != nil {
		return "", err
	}
	args := append(jvmArgs(cfg.Heap), "-cp", Classpath(cfg.RepoRoot), mainClass,
		"--home", cfg.Home, "--pagecache", cfg.PageCache, "--no-auth", "--selfcheck")
	out, err := exec.CommandContext(ctx, cfg.Java, args...).CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("neo4j selfcheck: %w\n%s", err, tail(out, 3000))
	}
	return string(out), nil
}
