package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph/neo4jstore"
	"github.com/nexus-graph/nexus/internal/neo4jtest"
	"github.com/nexus-graph/nexus/internal/storetest"
)

// concurrentCorpus is the documents the concurrent ingest test feeds:
// the seed briefings and four annotated development sets (real prose
// with shared names, so the processes merge the same entities and
// relations).
func concurrentCorpus(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{
		"../../seeds/documents/*",
		"../../ingest/extract/testdata/blind/*.txt",
		"../../ingest/extract/testdata/blind2/*.txt",
		"../../ingest/extract/testdata/blind3/*.txt",
		"../../ingest/extract/testdata/blind4/*.txt",
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			abs, err := filepath.Abs(f)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, abs)
		}
	}
	if len(files) < 15 {
		t.Fatalf("corpus has %d files, want at least 15", len(files))
	}
	return files
}

// graphSnapshot is a database's content in a comparable form: one line
// per entity (id, mention count, its names as a sorted set), relation,
// evidence record, MENTIONS edge and document, sorted. Types holds each
// entity's type and labels apart (compared on their own): where documents
// disagree on a type, the one that outranks the others wins
// (graph.EntityType.Outranks), whatever the processes' timing.
type graphSnapshot struct {
	Entities, Relations, Evidence, Mentions, Documents []string
	Types                                              []string `json:"-"`
}

func (s graphSnapshot) counts() string {
	return fmt.Sprintf("%d entities, %d relations, %d evidence, %d MENTIONS, %d documents",
		len(s.Entities), len(s.Relations), len(s.Evidence), len(s.Mentions), len(s.Documents))
}

// takeGraphSnapshot reads the database through the store's read-only
// Cypher (the only way above the store to run a query).
func takeGraphSnapshot(t *testing.T, st *neo4jstore.Store) graphSnapshot {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rows := func(q string, fix func([]any)) []string {
		res, err := st.RunReadOnly(ctx, q, nil)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if res.Truncated {
			t.Fatalf("%s: truncated (%s)", q, res.TruncatedReason)
		}
		out := make([]string, len(res.Rows))
		for i, r := range res.Rows {
			if fix != nil {
				fix(r)
			}
			out[i] = fmt.Sprint(r...)
		}
		sort.Strings(out)
		return out
	}
	var sn graphSnapshot
	sortList := func(v any) {
		l, _ := v.([]any)
		slices.SortFunc(l, func(a, b any) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	}
	sn.Entities = rows(`MATCH (e:Entity) RETURN e.id, e.mentions, [e.name] + e.aliases`, func(r []any) { sortList(r[2]) })
	sn.Types = rows(`MATCH (e:Entity) RETURN e.id, e.type, labels(e)`, func(r []any) { sortList(r[2]) })
	sn.Relations = rows(`MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) <> 'MENTIONS'
RETURN a.id, type(r), b.id, r.id, r.evidenceCount, r.confidence`, nil)
	sn.Evidence = rows(`MATCH (ev:Evidence) RETURN ev.relationId, ev.documentId, ev.start, ev.end,
ev.triggerStart, ev.triggerEnd, ev.rule, ev.confidence`, nil)
	sn.Mentions = rows(`MATCH (d:Document)-[m:MENTIONS]->(e:Entity) RETURN d.id, e.id, m.count`, nil)
	sn.Documents = rows(`MATCH (d:Document) RETURN d.id, d.path, d.title, d.chars, size(d.relationIds)`, nil)
	return sn
}

// duplicates returns the lines of sorted that occur more than once.
func duplicates(sorted []string) []string {
	var out []string
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] && (len(out) == 0 || out[len(out)-1] != sorted[i]) {
			out = append(out, sorted[i])
		}
	}
	return out
}

// ingestProcess is one `nexus ingest` process: the test binary run as
// nexus (TestMain), with one NLP worker and small batches, so that its
// write transactions interleave with the other processes'.
func ingestProcess(ctx context.Context, uri string, files []string) *exec.Cmd {
	args := append([]string{"ingest", "--no-progress", "--batch", "2", "--nlp-workers", "1", "--wait", "60s"}, files...)
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), mainEnv+"=1", "NEO4J_URI="+uri, "NEO4J_USER="+neo4jtest.User(),
		"NEO4J_PASSWORD="+neo4jtest.Password())
	return cmd
}

// TestConcurrentIngestProcesses runs four `nexus ingest` processes at
// once over overlapping sets of documents (every document goes to three
// of them, each in its own order) into one database, and checks that the
// graph is the one a single `nexus ingest` of all the documents gives:
// the same entities with the same mention counts and names, relations
// with the same evidence counts and confidence, evidence records, MENTIONS
// edges and documents, nothing twice, and every process exits 0 (a
// document another process stored first is skipped, not refused).
func TestConcurrentIngestProcesses(t *testing.T) {
	store := storetest.Open(t)
	uri := neo4jtest.URI(t)
	reader, err := neo4jstore.Open(context.Background(), neo4jstore.Config{URI: uri, User: neo4jtest.User(),
		Password: neo4jtest.Password(), RowCap: 1_000_000, AnswerBytes: 256 << 20, QueryTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = reader.Close(context.Background()) })
	files := concurrentCorpus(t)
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()

	// One process, all documents.
	t0 := time.Now()
	if out, err := ingestProcess(ctx, uri, files).CombinedOutput(); err != nil {
		t.Fatalf("single ingest: %v\n%s", err, out)
	}
	want := takeGraphSnapshot(t, reader)
	t.Logf("one process: %s (%s)", want.counts(), time.Since(t0).Round(time.Millisecond))
	if len(want.Relations) == 0 || len(want.Mentions) == 0 || len(want.Documents) != len(files) {
		t.Fatalf("single ingest stored %s from %d files", want.counts(), len(files))
	}

	if err := store.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	const procs = 4
	t0 = time.Now()
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, procs)
	errs := make([]error, procs)
	for p := range procs {
		// Process p leaves out every fourth document (from p on), and
		// all go through them in the same order, so each document is
		// raced for by three processes.
		var mine []string
		for i, f := range files {
			if i%procs != p {
				mine = append(mine, f)
			}
		}
		cmd := ingestProcess(ctx, uri, mine)
		cmd.Stdout, cmd.Stderr = &outs[p], &outs[p]
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[p] = cmd.Run()
		}()
	}
	wg.Wait()
	replanned := 0
	for p := range procs {
		if errs[p] != nil {
			t.Errorf("process %d: %v\n%s", p, errs[p], outs[p].String())
		}
		replanned += strings.Count(outs[p].String(), "stored by another writer meanwhile")
	}
	got := takeGraphSnapshot(t, reader)
	t.Logf("%d processes: %s (%s); %d writes found documents another process had stored meanwhile",
		procs, got.counts(), time.Since(t0).Round(time.Millisecond), replanned)

	for name, lines := range map[string][]string{"entities": got.Entities, "relations": got.Relations,
		"evidence": got.Evidence, "MENTIONS": got.Mentions, "documents": got.Documents} {
		if d := duplicates(lines); len(d) > 0 {
			t.Errorf("%s stored twice: %q", name, d)
		}
	}
	if !reflect.DeepEqual(got.Types, want.Types) {
		t.Errorf("entity types differ from one process's (they must not depend on which process wrote first):\nconcurrent: %q\nsingle: %q",
			minus(got.Types, want.Types), minus(want.Types, got.Types))
	}
	got.Types, want.Types = nil, nil
	if !reflect.DeepEqual(got, want) {
		for _, part := range []struct {
			name      string
			got, want []string
		}{
			{"entities", got.Entities, want.Entities}, {"relations", got.Relations, want.Relations},
			{"evidence", got.Evidence, want.Evidence}, {"MENTIONS", got.Mentions, want.Mentions},
			{"documents", got.Documents, want.Documents},
		} {
			if !reflect.DeepEqual(part.got, part.want) {
				t.Errorf("%s differ from one process's (%d vs %d):\nonly concurrent: %q\nonly single: %q", part.name,
					len(part.got), len(part.want), minus(part.got, part.want), minus(part.want, part.got))
			}
		}
	}
}

// minus returns the lines of a not in b (at most 10).
func minus(a, b []string) []string {
	in := map[string]int{}
	for _, l := range b {
		in[l]++
	}
	var out []string
	for _, l := range a {
		if in[l] > 0 {
			in[l]--
			continue
		}
		if out = append(out, l); len(out) == 10 {
			break
		}
	}
	return out
}
