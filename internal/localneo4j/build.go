package localneo4j

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// Paths of the launcher project, relative to the repository root.
const (
	launcherDir = "tools/neo4j"
	launcherJar = "target/nexus-neo4j-launcher.jar"
	launcherLib = "target/lib"
	mavenRepo   = ".cache/m2"
	mainClass   = "nexus.neo4j.Launcher"
)

// FindRepoRoot walks up from dir to the first directory holding go.mod.
func FindRepoRoot(dir string) (string, error) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("repo root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("repo root: no go.mod above %s", dir)
		}
		d = parent
	}
}

// MavenBuildArgs returns the mvn arguments that build the launcher (without
// -o). The repository's Makefile runs the same command.
func MavenBuildArgs(repoRoot string) []string {
	return []string{"-B", "-q",
		"-Dmaven.repo.local=" + filepath.Join(repoRoot, mavenRepo),
		"-f", filepath.Join(repoRoot, launcherDir, "pom.xml"),
		"package"}
}

// Classpath is the java -cp value for the built launcher.
func Classpath(repoRoot string) string {
	dir := filepath.Join(repoRoot, launcherDir)
	return filepath.Join(dir, launcherJar) + string(os.PathListSeparator) + filepath.Join(dir, launcherLib, "*")
}

// NeedsBuild reports whether the launcher jar or its lib dir is missing or
// older than pom.xml or a Java source.
func NeedsBuild(repoRoot string) (bool, error) {
	dir := filepath.Join(repoRoot, launcherDir)
	jar, err := os.Stat(filepath.Join(dir, launcherJar))
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	} else if err != nil {
		return false, fmt.Errorf("launcher jar: %w", err)
	}
	if _, err := os.Stat(filepath.Join(dir, launcherLib)); err != nil {
		return true, nil
	}
	newer := false
	check := func(p string) error {
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		if st.ModTime().After(jar.ModTime()) {
			newer = true
		}
		return nil
	}
	if err := check(filepath.Join(dir, "pom.xml")); err != nil {
		return false, fmt.Errorf("launcher pom: %w", err)
	}
	err = filepath.WalkDir(filepath.Join(dir, "src"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		return check(p)
	})
	if err != nil {
		return false, fmt.Errorf("launcher sources: %w", err)
	}
	return newer, nil
}

// EnsureBuilt builds the launcher with Maven when NeedsBuild says so. It
// first tries offline (-o) when the local Maven repository exists, so a
// machine that fetched once needs no network. Concurrent callers are
// serialised by a file lock.
func EnsureBuilt(ctx context.Context, repoRoot, mvn string, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	if mvn == "" {
		mvn = "mvn"
	}
	need, err := NeedsBuild(repoRoot)
	if err != nil || !need {
		return err
	}
	unlock, err := lockFile(filepath.Join(repoRoot, ".cache", "neo4j-build.lock"))
	if err != nil {
		return err
	}
	defer unlock()
	if need, err = NeedsBuild(repoRoot); err != nil || !need { // built while we waited
		return err
	}
	// Jars of another Neo4j version must not stay on the classpath, so lib is
	// emptied when pom.xml changed. It is left alone otherwise: running
	// servers read their jars from it.
	libDir := filepath.Join(repoRoot, launcherDir, launcherLib)
	pom, err := os.ReadFile(filepath.Join(repoRoot, launcherDir, "pom.xml"))
	if err != nil {
		return fmt.Errorf("launcher pom: %w", err)
	}
	sum := sha256.Sum256(pom)
	pomSum := hex.EncodeToString(sum[:])
	stamp := filepath.Join(libDir, ".pom-sha256")
	if old, err := os.ReadFile(stamp); err != nil || string(old) != pomSum {
		if err := os.RemoveAll(libDir); err != nil {
			return fmt.Errorf("clean launcher lib: %w", err)
		}
	}
	args := MavenBuildArgs(repoRoot)
	start := time.Now()
	if _, err := os.Stat(filepath.Join(repoRoot, mavenRepo)); err == nil {
		out, err := runMaven(ctx, mvn, append([]string{"-o"}, args...))
		if err == nil {
			log.Info("built neo4j launcher (offline)", "took", time.Since(start).Round(time.Millisecond).String())
			return writeStamp(stamp, pomSum)
		}
		log.Info("offline maven build failed; fetching from Maven Central", "tail", tail(out, 400))
	}
	log.Info("building neo4j launcher with maven (first run downloads ~130 MB)")
	if out, err := runMaven(ctx, mvn, args); err != nil {
		return fmt.Errorf("mvn package %s: %w\n%s", launcherDir, err, tail(out, 4000))
	}
	log.Info("built neo4j launcher", "took", time.Since(start).Round(time.Millisecond).String())
	return writeStamp(stamp, pomSum)
}

func writeStamp(path, sum string) error {
	if err := os.WriteFile(path, []byte(sum), 0o644); err != nil {
		return fmt.Errorf("launcher lib stamp: %w", err)
	}
	return nil
}

func runMaven(ctx context.Context, mvn string, args []string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, mvn, args...)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	return buf.Bytes(), err
}

// lockFile takes an exclusive flock on path, creating it and its directory.
func lockFile(path string) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("lock dir: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// tail returns at most the last n bytes of b, starting at a line boundary.
func tail(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	b = b[len(b)-n:]
	if i := bytes.IndexByte(b, '\n'); i >= 0 && i < len(b)-1 {
		b = b[i+1:]
	}
	return "…\n" + string(b)
}
