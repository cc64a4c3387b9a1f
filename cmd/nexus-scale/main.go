// Command nexus-scale measures whether ingest keeps its pace as the graph
// grows (issue 13): it writes the documents of the generated corpus
// (internal/corpus, extraction output precomputed) into one running Neo4j
// through the store, in batches of the size ingest uses, and reports per
// thousand documents the time per document at that database size,
// documents/s, relations/s and evidence/s, the memory of both processes
// (Go heap and RSS, the Neo4j JVM's RSS), then an incremental ingest of
// new documents into the largest database and the counts the database
// holds (the same corpus must always give the same counts).
//
//	nexus-scale --neo4j-uri bolt://127.0.0.1:37687 --neo4j-home .nexus/scale-neo4j --docs 50000
//
// It wipes the database first unless --keep; `make bench-scale` starts a
// Neo4j of its own with the launcher's defaults and runs it.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/graph/neo4jstore"
	"github.com/nexus-graph/nexus/ingest"
	"github.com/nexus-graph/nexus/internal/corpus"
	"github.com/nexus-graph/nexus/internal/localneo4j"
)

type options struct {
	uri, user, password, database string
	home                          string
	docs, every, batch, incr      int
	marks                         string
	seed                          uint64
	keep                          bool
	warmup                        int
	jsonOut                       string
	debug                         bool
}

func main() {
	var o options
	flag.StringVar(&o.uri, "neo4j-uri", envOr("NEO4J_URI", "bolt://127.0.0.1:37687"), "Bolt URI of the server to fill")
	flag.StringVar(&o.user, "neo4j-user", envOr("NEO4J_USER", "neo4j"), "Neo4j user")
	flag.StringVar(&o.password, "neo4j-password", os.Getenv("NEO4J_PASSWORD"), "Neo4j password (empty: no auth)")
	flag.StringVar(&o.database, "neo4j-database", envOr("NEO4J_DATABASE", "neo4j"), "database")
	flag.StringVar(&o.home, "neo4j-home", "", "home of the local server (nexus neo4j start --home), to read its JVM's RSS")
	flag.IntVar(&o.docs, "docs", 50_000, "documents to ingest")
	flag.IntVar(&o.every, "every", 1000, "report every this many documents")
	flag.IntVar(&o.batch, "batch", ingest.DefaultBatchDocs, "documents per Store.Write (ingest's batch)")
	flag.IntVar(&o.incr, "incremental", 100, "new documents ingested into the full database at the end")
	flag.StringVar(&o.marks, "marks", "1000,5000,20000,50000", "database sizes at which counts are read")
	flag.Uint64Var(&o.seed, "seed", 1, "corpus seed")
	flag.IntVar(&o.warmup, "warmup", 0, "first write this many documents of another corpus (seed+1000), in rounds of 1,000 each wiped, so the server's JIT is warm (not with --keep)")
	flag.BoolVar(&o.keep, "keep", false, "do not wipe the database first: go on from the documents it holds")
	flag.StringVar(&o.jsonOut, "json", "", "also write the figures as JSON to this file")
	flag.BoolVar(&o.debug, "debug", false, "log every statement's time (slog debug)")
	flag.Parse()
	if o.debug {
		slog.SetLogLoggerLevel(slog.LevelDebug)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "nexus-scale:", err)
		os.Exit(1)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// warmupRound is the most documents the warm-up writes before it wipes
// them.
const warmupRound = 1000

// row is one report line: the documents written since the last line.
type row struct {
	Docs        int     `json:"docs"` // in the database after this step
	Step        int     `json:"step"` // documents in this step
	MsPerDoc    float64 `json:"msPerDoc"`
	WriteMsDoc  float64 `json:"writeMsPerDoc"`  // inside Store.Write only
	JVMCPUMsDoc float64 `json:"jvmCpuMsPerDoc"` // Neo4j's CPU time (user+system) per document
	GoCPUMsDoc  float64 `json:"goCpuMsPerDoc"`  // this process's CPU time per document
	DocsPerS    float64 `json:"docsPerS"`
	RelsPerS    float64 `json:"relsPerS"`
	EvPerS      float64 `json:"evidencePerS"`
	GoHeapMiB   float64 `json:"goHeapMiB"`
	GoRSSMiB    float64 `json:"goRssMiB"`
	JVMRSSMiB   float64 `json:"jvmRssMiB"`
	Load1       string  `json:"load1"`
	Incremental bool    `json:"incremental,omitempty"`
}

// counts is what the database holds at a mark.
type counts struct {
	Docs      int `json:"docs"`
	Documents int `json:"documents"`
	Entities  int `json:"entities"`
	Relations int `json:"relations"`
	Evidence  int `json:"evidence"`
	Mentions  int `json:"mentions"`
}

type report struct {
	Start  time.Time `json:"start"`
	URI    string    `json:"uri"`
	Seed   uint64    `json:"seed"`
	Batch  int       `json:"batch"`
	Rows   []row     `json:"rows"`
	Counts []counts  `json:"counts"`
}

func run(ctx context.Context, o options, out io.Writer) error {
	if o.docs <= 0 || o.every <= 0 || o.batch <= 0 {
		return errors.New("--docs, --every and --batch must be positive")
	}
	marks, err := parseMarks(o.marks, o.docs)
	if err != nil {
		return err
	}
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: o.uri, User: o.user, Password: o.password, Database: o.database})
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	defer s.Close(context.WithoutCancel(ctx))
	if err := s.WaitReady(ctx, time.Second); err != nil {
		return fmt.Errorf("wait for neo4j: %w", err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	if o.warmup > 0 && !o.keep {
		// The warm-up writes rounds of at most warmupRound documents, each
		// wiped before the next: the JIT warms up as much as in one long
		// write, but the last wipe leaves few freed records behind (after
		// one wipe of 6,000 documents the first measured thousand cost
		// 8.8 ms of server CPU per document, the same thousand written
		// after five rounds of 1,000 each wiped 4.7; BENCHMARKS.md,
		// "Ingest at scale, ninth session").
		t0 := time.Now()
		var last row
		for lo := 0; lo < o.warmup; lo += warmupRound {
			if err := s.Wipe(ctx); err != nil {
				return fmt.Errorf("wipe: %w", err)
			}
			w, err := ingestRange(ctx, s, corpus.Generator{Seed: o.seed + 1000}, lo, min(lo+warmupRound, o.warmup), o.batch, o.home)
			if err != nil {
				return fmt.Errorf("warm-up: %w", err)
			}
			last = w
		}
		fmt.Fprintf(out, "# warm-up: %d documents of seed %d in rounds of %d, each wiped; last round %.1f ms/doc, server CPU %.1f ms/doc; in %s\n",
			o.warmup, o.seed+1000, warmupRound, last.MsPerDoc, last.JVMCPUMsDoc, time.Since(t0).Round(time.Second))
	}
	if !o.keep {
		t0 := time.Now()
		if err := s.Wipe(ctx); err != nil {
			return fmt.Errorf("wipe: %w", err)
		}
		slog.Info("wiped", "took", time.Since(t0).Round(time.Millisecond))
	}
	rep := report{Start: time.Now().UTC(), URI: o.uri, Seed: o.seed, Batch: o.batch}
	gen := corpus.Generator{Seed: o.seed}
	fmt.Fprintf(out, "# nexus-scale seed %d, batch %d documents per Write, %s, %d CPUs\n", o.seed, o.batch, o.uri, runtime.NumCPU())
	fmt.Fprintf(out, "%8s %6s %7s %9s %9s %8s %7s %8s %8s %8s %7s %7s %6s\n",
		"docs", "step", "ms/doc", "write/doc", "jvmCPU/doc", "goCPU/doc", "docs/s", "rel/s", "ev/s", "heapMiB", "rssMiB", "jvmMiB", "load1")
	done := 0
	if o.keep {
		// Go on from what the database holds (documents 0 … n-1 of the corpus).
		st, err := s.Stats(ctx)
		if err != nil {
			return err
		}
		done = st.Documents
	}
	for _, end := range stepEnds(done, o.docs, o.every) {
		r, err := ingestRange(ctx, s, gen, done, end, o.batch, o.home)
		if err != nil {
			return err
		}
		done = end
		rep.Rows = append(rep.Rows, r)
		printRow(out, r)
		if slices.Contains(marks, done) {
			c, err := readCounts(ctx, s, done)
			if err != nil {
				return err
			}
			rep.Counts = append(rep.Counts, c)
			fmt.Fprintf(out, "# at %d: %d documents, %d entities, %d relations, %d evidence, %d MENTIONS\n",
				done, c.Documents, c.Entities, c.Relations, c.Evidence, c.Mentions)
		}
	}
	if o.incr > 0 {
		r, err := ingestRange(ctx, s, gen, done, done+o.incr, o.batch, o.home)
		if err != nil {
			return err
		}
		r.Incremental = true
		rep.Rows = append(rep.Rows, r)
		fmt.Fprintf(out, "# incremental: %d new documents into %d\n", o.incr, done)
		printRow(out, r)
	}
	summarize(out, rep.Rows)
	if o.jsonOut != "" {
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return fmt.Errorf("json: %w", err)
		}
		if err := os.WriteFile(o.jsonOut, b, 0o644); err != nil {
			return fmt.Errorf("json: %w", err)
		}
	}
	return nil
}

// parseMarks reads the comma-separated sizes at which counts are read,
// keeping those up to docs (and docs itself).
func parseMarks(s string, docs int) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("--marks: %q is not a positive number", f)
		}
		if n <= docs {
			out = append(out, n)
		}
	}
	return append(out, docs), nil
}

// stepEnds are the database sizes after each report step, from from
// documents to docs.
func stepEnds(from, docs, every int) []int {
	if from >= docs {
		return nil
	}
	var out []int
	for n := from + every; n < docs; n += every {
		out = append(out, n)
	}
	return append(out, docs)
}

// ingestRange writes documents [from, to) of the corpus in batches of
// batch documents, merged as ingest merges them, the next batch generated
// while the store writes the current one (as extraction runs beside
// writing in ingest).
func ingestRange(ctx context.Context, s *neo4jstore.Store, gen corpus.Generator, from, to, batch int, home string) (row, error) {
	type job struct {
		x    graph.Extraction
		rels int
		evs  int
	}
	jobs := make(chan job, 2)
	go func() {
		defer close(jobs)
		for lo := from; lo < to; lo += batch {
			var xs []graph.Extraction
			j := job{}
			for i := lo; i < min(lo+batch, to); i++ {
				x := gen.Document(i)
				j.rels += len(x.Relations)
				for _, r := range x.Relations {
					j.evs += len(r.Evidence)
				}
				xs = append(xs, x)
			}
			j.x = ingest.Merge(xs...)
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	pid := 0
	if home != "" {
		if st, err := localneo4j.GetStatus(home); err == nil && st.Running {
			pid = st.PID
		}
	}
	jvm0, go0 := cpuOf(pid), selfCPU()
	t0 := time.Now()
	var inWrite time.Duration
	rels, evs := 0, 0
	for j := range jobs {
		w0 := time.Now()
		st, err := s.Write(ctx, j.x)
		inWrite += time.Since(w0)
		if err != nil {
			return row{}, fmt.Errorf("write documents %d–%d: %w", from, to-1, err)
		}
		if st.Documents != len(j.x.Documents) {
			return row{}, fmt.Errorf("write: %d of %d documents written (are they stored already? use a wiped database)",
				st.Documents, len(j.x.Documents))
		}
		rels += j.rels
		evs += j.evs
	}
	if err := ctx.Err(); err != nil {
		return row{}, err
	}
	wall := time.Since(t0)
	jvm1, go1 := cpuOf(pid), selfCPU()
	n := to - from
	r := row{Docs: to, Step: n,
		MsPerDoc:   wall.Seconds() * 1000 / float64(n),
		WriteMsDoc: inWrite.Seconds() * 1000 / float64(n),
		DocsPerS:   float64(n) / wall.Seconds(),
		RelsPerS:   float64(rels) / wall.Seconds(),
		EvPerS:     float64(evs) / wall.Seconds(),
		Load1:      load1(),
	}
	if pid > 0 {
		r.JVMCPUMsDoc = (jvm1 - jvm0).Seconds() * 1000 / float64(n)
	}
	r.GoCPUMsDoc = (go1 - go0).Seconds() * 1000 / float64(n)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.GoHeapMiB = float64(ms.HeapAlloc) / (1 << 20)
	r.GoRSSMiB = float64(localneo4j.RSS(os.Getpid())) / (1 << 20)
	if home != "" {
		if st, err := localneo4j.GetStatus(home); err == nil && st.Running {
			r.JVMRSSMiB = float64(st.RSSBytes) / (1 << 20)
		}
	}
	return r, nil
}

func printRow(out io.Writer, r row) {
	fmt.Fprintf(out, "%8d %6d %7.1f %9.1f %10.1f %9.1f %7.1f %8.0f %8.0f %8.0f %7.0f %7.0f %6s\n",
		r.Docs, r.Step, r.MsPerDoc, r.WriteMsDoc, r.JVMCPUMsDoc, r.GoCPUMsDoc, r.DocsPerS, r.RelsPerS, r.EvPerS, r.GoHeapMiB, r.GoRSSMiB, r.JVMRSSMiB, r.Load1)
}

// summarize prints the first and last full steps and their ratio (the
// goal: flat within 20 %).
func summarize(out io.Writer, rows []row) {
	var full []row
	for _, r := range rows {
		if !r.Incremental {
			full = append(full, r)
		}
	}
	if len(full) < 2 {
		return
	}
	first, last := full[0], full[len(full)-1]
	minDPS, minRPS := first.DocsPerS, first.RelsPerS
	for _, r := range full {
		minDPS, minRPS = min(minDPS, r.DocsPerS), min(minRPS, r.RelsPerS)
	}
	fmt.Fprintf(out, "# first step %.1f ms/doc, last %.1f ms/doc: last/first %.2f; slowest step %.1f docs/s, %.0f rel/s\n",
		first.MsPerDoc, last.MsPerDoc, last.MsPerDoc/first.MsPerDoc, minDPS, minRPS)
}

// readCounts reads what the database holds.
func readCounts(ctx context.Context, s *neo4jstore.Store, docs int) (counts, error) {
	st, err := s.Stats(ctx)
	if err != nil {
		return counts{}, err
	}
	c := counts{Docs: docs, Documents: st.Documents, Entities: st.Entities, Relations: st.Relations, Evidence: st.Evidence}
	res, err := s.RunReadOnly(ctx, "MATCH ()-[m:MENTIONS]->() RETURN count(m) AS n", nil)
	if err != nil {
		return c, fmt.Errorf("count mentions: %w", err)
	}
	if len(res.Rows) == 1 && len(res.Rows[0]) == 1 {
		switch v := res.Rows[0][0].(type) {
		case int64:
			c.Mentions = int(v)
		case float64:
			c.Mentions = int(v)
		case int:
			c.Mentions = v
		}
	}
	return c, nil
}

// load1 is the one-minute load average.
func load1() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "?"
}

// cpuOf returns the CPU time (user + system) pid has used, from
// /proc/<pid>/stat; 0 when unknown.
func cpuOf(pid int) time.Duration {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command (which may hold spaces) start at ')'.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / clockTicks
}

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat times (100 on
// Linux everywhere this runs).
const clockTicks = 100

// selfCPU returns this process's CPU time (user + system).
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
