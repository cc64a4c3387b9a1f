// Package ingest turns document files into graph extractions and writes
// them to a graph.Writer: read (ingest/reader) → extract (ingest/extract)
// → write, with files read and extracted in parallel and written in small
// batches of whole documents. A bad file is reported and skipped; the
// others go on.
package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/extract"
	"github.com/nexus-graph/nexus/ingest/frames"
	"github.com/nexus-graph/nexus/ingest/nlp"
	"github.com/nexus-graph/nexus/ingest/reader"
)

// Defaults for a zero Pipeline.
//
// DefaultBatchDocs is 32 (it was 8): each Store.Write is a write
// transaction with a fixed cost (the write lock, look-ups, a dozen
// statements, the commit), and documents of one batch share entities and
// relations that are then upserted once. On the generated corpus of
// `make bench-scale`, 32 documents per Write took about a third less of
// the server's CPU per document than 8 (alternating thousands on one
// server); 64 was no better than 32 within the noise (BENCHMARKS.md,
// "Ingest at scale (issue 13)"). A batch of 32 typical documents is a few
// thousand rows, one transaction well inside Config.TxRows.
const (
	DefaultMaxFileSize int64 = 32 << 20
	DefaultBatchDocs         = 32
)

// Source is one document given by content: an upload, or a file already
// read.
type Source struct {
	Name string // path or upload name
	Data []byte
}

// FileError is a problem with one input file.
type FileError struct {
	Path string
	Err  error
}

// Error reads "path: problem".
func (e FileError) Error() string { return e.Path + ": " + e.Problem() }

// Problem is the message without the path ("empty file").
func (e FileError) Problem() string {
	if e.Err == nil {
		return "failed"
	}
	return strings.TrimPrefix(e.Err.Error(), e.Path+": ")
}

// MarshalJSON writes {"path": ..., "error": problem}.
func (e FileError) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Path  string `json:"path"`
		Error string `json:"error"`
	}{e.Path, e.Problem()})
}

// Unwrap gives errors.Is access to the sentinel (graph.ErrInvalid...).
func (e FileError) Unwrap() error { return e.Err }

// Summary says what one ingest run did.
type Summary struct {
	Documents int `json:"documents"` // new documents stored
	// Skipped counts documents not stored because the same content was
	// already in the database or appeared twice in this run.
	Skipped int `json:"skipped"`
	// Unchanged counts those of Skipped found stored before extraction
	// (their files were read and hashed, not extracted).
	Unchanged int           `json:"unchanged"`
	Entities  int           `json:"entities"`
	Relations int           `json:"relations"`
	Evidence  int           `json:"evidence"`
	Errors    []FileError   `json:"errors,omitempty"`
	Elapsed   time.Duration `json:"elapsed"`
}

// Progress is reported after each file is dealt with.
type Progress struct {
	Done  int    // files dealt with so far
	Total int    // files found
	Path  string // the file just dealt with
	Err   error  // its error, if any
}

// Pipeline reads, extracts and stores documents. Extractor is required;
// Store only for the Ingest methods.
type Pipeline struct {
	Extractor *extract.Extractor
	// Parser gives each document's sentences, tokens and dependency parse
	// (package nlp's Pool), and Reading the stages that run on it after
	// the token rules (names, frames, the classifier). Without a Parser
	// only the token rules run; the binary always sets both and stops when
	// the NLP runtime is missing.
	Parser  Parser
	Reading Reading
	Store   graph.Writer
	// MaxFileSize bounds one file (DefaultMaxFileSize when 0).
	MaxFileSize int64
	// BatchDocs is the number of documents per Store.Write (DefaultBatchDocs when 0).
	BatchDocs int
	Logger    *slog.Logger
}

// Parser is the linguistic analysis of texts.
type Parser interface {
	Parse(ctx context.Context, texts []string) ([]nlp.Doc, error)
}

func (p *Pipeline) logger() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.Default()
}

func (p *Pipeline) maxFileSize() int64 {
	if p.MaxFileSize > 0 {
		return p.MaxFileSize
	}
	return DefaultMaxFileSize
}

func (p *Pipeline) batchDocs() int {
	if p.BatchDocs > 0 {
		return p.BatchDocs
	}
	return DefaultBatchDocs
}

// job is one file to read: by path, or by content when data is set.
type job struct {
	idx    int
	name   string
	data   []byte
	byPath bool
}

// result is one file read and extracted.
type result struct {
	idx  int
	name string
	x    graph.Extraction // one document
	dup  bool             // same content as another file of this run, or already stored
	// unchanged: already stored, found before extraction
	unchanged bool
	err       error
}

// claims remembers the document ids seen in one run.
type claims struct {
	mu   sync.Mutex
	seen map[string]string // id → name of the first file
}

func (c *claims) claim(id, name string) (first string, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, dup := c.seen[id]; dup {
		return f, false
	}
	c.seen[id] = name
	return name, true
}

// process reads and extracts one file.
func (p *Pipeline) process(ctx context.Context, j job, cl *claims) (r result) {
	r = result{idx: j.idx, name: j.name}
	defer func() {
		// A panic in the extractor must cost one file, not the run.
		if v := recover(); v != nil {
			r.err = fmt.Errorf("%s: extraction failed: %v: %w", j.name, v, graph.ErrInvalid)
		}
	}()
	var (
		text reader.Text
		raw  []byte
		err  error
	)
	if j.byPath {
		text, raw, err = reader.ReadFile(j.name, p.maxFileSize())
	} else {
		raw = j.data
		if int64(len(raw)) > p.maxFileSize() {
			err = &reader.Error{Name: j.name, Kind: graph.ErrTooLarge,
				Problem: fmt.Sprintf("file too large (%d bytes, limit %d)", len(raw), p.maxFileSize())}
		} else {
			text, err = reader.Read(j.name, raw)
		}
	}
	if err != nil {
		r.err = err
		return r
	}
	doc := graph.Document{
		ID:     graph.DocumentID(raw),
		Title:  text.Title,
		Path:   j.name,
		Format: text.Format,
		Text:   text.Body,
		Chars:  utf8.RuneCountInString(text.Body),
	}
	if cl == nil {
		// The caller dedupes (extractJobs, by input order).
	} else if first, ok := cl.claim(doc.ID, j.name); !ok {
		p.logger().Info("duplicate content skipped", "path", j.name, "same_as", first, "document", doc.ID)
		r.dup = true
		return r
	} else if sc, ok := p.Store.(graph.StoredChecker); ok {
		// An unchanged file costs a read, a hash and one look-up, not an
		// extraction: re-ingesting a folder redoes only what changed.
		// A failed look-up is not the file's fault: it is extracted, and
		// the write says what is wrong with the store.
		stored, err := sc.StoredDocuments(ctx, []string{doc.ID})
		if err != nil {
			p.logger().Debug("stored-document look-up failed; extracting", "path", j.name, "error", err)
		}
		if err == nil && stored[doc.ID] {
			p.logger().Debug("unchanged, already stored", "path", j.name, "document", doc.ID)
			r.dup, r.unchanged = true, true
			return r
		}
	}
	x := p.Extractor.Extract(doc)
	if p.Parser != nil && doc.Text != "" {
		parsed, err := p.Parser.Parse(ctx, []string{doc.Text})
		if err != nil {
			r.err = fmt.Errorf("%s: parse: %w", j.name, err)
			return r
		}
		p.Reading.Read(doc, &parsed[0], &x)
	}
	doc.Mentions = mentionSpans(doc.Text, x.Entities)
	for i := range x.Entities {
		x.Entities[i].Mentions = graph.MentionCount(doc.Mentions[x.Entities[i].ID])
	}
	x.Documents = []graph.Document{doc}
	r.x = x
	return r
}

// run processes jobs on GOMAXPROCS workers and hands each result to
// handle, one at a time, in the order they finish. It stops early when
// ctx ends or handle fails.
func (p *Pipeline) run(ctx context.Context, jobs []job, dedupe bool, handle func(result) error) error {
	if p.Extractor == nil {
		return fmt.Errorf("ingest pipeline: no extractor: %w", graph.ErrInvalid)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var cl *claims
	if dedupe {
		cl = &claims{seen: map[string]string{}}
	}
	in := make(chan job)
	out := make(chan result)
	workers := min(runtime.GOMAXPROCS(0), max(len(jobs), 1))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range in {
				r := p.process(ctx, j, cl)
				select {
				case out <- r:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		defer close(in)
		for _, j := range jobs {
			select {
			case in <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()
	var err error
	for r := range out {
		if err != nil {
			continue // drain
		}
		if err = handle(r); err != nil {
			cancel()
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// Extract reads and extracts the sources without a database. Sources
// with identical content are extracted once (the first one wins). The
// result lists documents in the order of srcs; the errors name the
// sources that could not be read.
func (p *Pipeline) Extract(ctx context.Context, srcs []Source) (graph.Extraction, []FileError) {
	jobs := make([]job, len(srcs))
	for i, s := range srcs {
		jobs[i] = job{idx: i, name: s.Name, data: s.Data}
	}
	return p.extractJobs(ctx, jobs)
}

// ExtractPaths is Extract for files and directories (walked as in
// IngestPaths).
func (p *Pipeline) ExtractPaths(ctx context.Context, paths []string) (graph.Extraction, []FileError) {
	files, errs := p.collect(paths)
	jobs := make([]job, len(files))
	for i, f := range files {
		jobs[i] = job{idx: i, name: f, byPath: true}
	}
	x, ferrs := p.extractJobs(ctx, jobs)
	return x, sortErrors(append(errs, ferrs...))
}

// sortErrors orders file errors by path, for stable reports.
func sortErrors(errs []FileError) []FileError {
	slices.SortStableFunc(errs, func(a, b FileError) int { return strings.Compare(a.Path, b.Path) })
	return errs
}

func (p *Pipeline) extractJobs(ctx context.Context, jobs []job) (graph.Extraction, []FileError) {
	// Identical in-memory sources: keep the first in input order, so the
	// output does not depend on scheduling.
	results := make([]*result, len(jobs))
	err := p.run(ctx, dedupeJobs(jobs), false, func(r result) error {
		results[r.idx] = &r
		return nil
	})
	var errs []FileError
	xs := make([]graph.Extraction, 0, len(results))
	seen := map[string]bool{}
	for i, r := range results {
		switch {
		case r == nil:
			if err != nil {
				errs = append(errs, FileError{Path: jobs[i].name, Err: err})
			}
		case r.err != nil:
			errs = append(errs, FileError{Path: r.name, Err: r.err})
		case !seen[r.x.Documents[0].ID]:
			// Same content twice: the first in input order wins.
			seen[r.x.Documents[0].ID] = true
			xs = append(xs, r.x)
		}
	}
	x := Merge(xs...)
	if x.Documents == nil {
		x.Documents = []graph.Document{}
	}
	if x.Entities == nil {
		x.Entities = []graph.Entity{}
	}
	if x.Relations == nil {
		x.Relations = []graph.Relation{}
	}
	return x, errs
}

// dedupeJobs drops in-memory jobs whose content equals an earlier one.
func dedupeJobs(jobs []job) []job {
	seen := map[string]bool{}
	out := jobs[:0:0]
	for _, j := range jobs {
		if !j.byPath {
			id := graph.DocumentID(j.data)
			if seen[id] {
				continue
			}
			seen[id] = true
		}
		out = append(out, j)
	}
	return out
}

// IngestPaths ingests files and directories. Directories are walked
// recursively, skipping hidden files and directories (.git...) and files
// whose extension is not a document's (.txt, .md, .html, .pdf and
// friends, or none); files named explicitly are always read. Errors of
// single files are collected in the summary and the rest goes on; the
// error return is for failures of the whole run (database unreachable,
// context cancelled).
func (p *Pipeline) IngestPaths(ctx context.Context, paths []string, progress func(Progress)) (Summary, error) {
	start := time.Now()
	files, errs := p.collect(paths)
	jobs := make([]job, len(files))
	for i, f := range files {
		jobs[i] = job{idx: i, name: f, byPath: true}
	}
	sum, err := p.ingest(ctx, jobs, progress)
	sum.Errors = sortErrors(append(errs, sum.Errors...))
	sum.Elapsed = time.Since(start)
	return sum, err
}

// IngestSources ingests documents given by content (uploads).
func (p *Pipeline) IngestSources(ctx context.Context, srcs []Source) (Summary, error) {
	start := time.Now()
	jobs := make([]job, len(srcs))
	for i, s := range srcs {
		jobs[i] = job{idx: i, name: s.Name, data: s.Data}
	}
	sum, err := p.ingest(ctx, jobs, nil)
	sum.Elapsed = time.Since(start)
	return sum, err
}

// ingest runs the jobs and writes their extractions in batches. Writing
// runs beside reading and extraction: one batch may wait while the next
// one fills, so neither the database nor the CPUs sit idle.
func (p *Pipeline) ingest(ctx context.Context, jobs []job, progress func(Progress)) (Summary, error) {
	var sum Summary
	if p.Store == nil {
		return sum, fmt.Errorf("ingest pipeline: no store: %w", graph.ErrInvalid)
	}
	log := p.logger()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	// The writer owns wsum until it reports on werr.
	var wsum Summary
	batches := make(chan []result, 1)
	werr := make(chan error, 1)
	go func() {
		var err error
		for b := range batches {
			if err != nil {
				continue // drain after a fatal error
			}
			if err = p.write(ctx, b, &wsum); err != nil {
				cancel(err)
			}
		}
		werr <- err
	}()
	send := func(b []result) error {
		select {
		case batches <- b:
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}

	var batch []result
	done := 0
	err := p.run(ctx, jobs, true, func(r result) error {
		done++
		switch {
		case r.err != nil:
			sum.Errors = append(sum.Errors, FileError{Path: r.name, Err: r.err})
			log.Warn("file skipped", "error", FileError{Path: r.name, Err: r.err}.Error())
		case r.dup:
			sum.Skipped++
			if r.unchanged {
				sum.Unchanged++
			}
		default:
			batch = append(batch, r)
		}
		if progress != nil {
			progress(Progress{Done: done, Total: len(jobs), Path: r.name, Err: r.err})
		}
		if len(batch) >= p.batchDocs() {
			b := batch
			batch = nil
			return send(b)
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = send(batch)
	}
	close(batches)
	if wErr := <-werr; wErr != nil {
		err = wErr // the cause; run only saw the cancellation
	}
	sum.Documents += wsum.Documents
	sum.Skipped += wsum.Skipped
	sum.Entities += wsum.Entities
	sum.Relations += wsum.Relations
	sum.Evidence += wsum.Evidence
	sum.Errors = append(sum.Errors, wsum.Errors...)
	return sum, err
}

// write stores one batch. When the batch is refused for its content, each
// document is written alone so one bad document costs only itself; a
// database that cannot be reached stops the run.
func (p *Pipeline) write(ctx context.Context, batch []result, sum *Summary) error {
	xs := make([]graph.Extraction, len(batch))
	for i, r := range batch {
		xs[i] = r.x
	}
	st, err := p.Store.Write(ctx, Merge(xs...))
	if err == nil {
		addStats(sum, st)
		return nil
	}
	if fatal(ctx, err) || len(batch) == 1 {
		if fatal(ctx, err) {
			return fmt.Errorf("write %d documents: %w", len(batch), err)
		}
		sum.Errors = append(sum.Errors, FileError{Path: batch[0].name, Err: fmt.Errorf("store refused it: %w", err)})
		return nil
	}
	p.logger().Warn("batch write refused; writing its documents one by one", "documents", len(batch), "error", err)
	for _, r := range batch {
		if err := p.write(ctx, []result{r}, sum); err != nil {
			return err
		}
	}
	return nil
}

// fatal says an error ends the run rather than one document.
func fatal(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, graph.ErrUnavailable) || errors.Is(err, graph.ErrTimeout) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, graph.ErrUnauthorized)
}

func addStats(sum *Summary, st graph.WriteStats) {
	sum.Documents += st.Documents
	sum.Skipped += st.Skipped
	sum.Entities += st.Entities
	sum.Relations += st.Relations
	sum.Evidence += st.Evidence
}

// documentExts are the extensions a directory walk picks up.
var documentExts = map[string]bool{
	"": true, ".txt": true, ".text": true, ".md": true, ".markdown": true, ".mdown": true, ".mkd": true,
	".html": true, ".htm": true, ".xhtml": true, ".pdf": true,
}

// collect expands paths into files. Paths named explicitly are kept as
// given; directories contribute their document files in lexical order.
// Paths that do not exist are returned as errors.
func (p *Pipeline) collect(paths []string) ([]string, []FileError) {
	var files []string
	var errs []FileError
	seen := map[string]bool{}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			errs = append(errs, FileError{Path: root, Err: fmt.Errorf("cannot read: %w: %w", unwrapPath(err), graph.ErrInvalid)})
			continue
		}
		if !st.IsDir() {
			add(root)
			continue
		}
		werr := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, FileError{Path: path, Err: fmt.Errorf("cannot read: %w: %w", unwrapPath(err), graph.ErrInvalid)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if path != root && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			if !documentExts[strings.ToLower(filepath.Ext(name))] {
				p.logger().Debug("not a document file, skipped", "path", path)
				return nil
			}
			add(path)
			return nil
		})
		if werr != nil {
			errs = append(errs, FileError{Path: root, Err: werr})
		}
	}
	return files, errs
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// mentionSpans lists where text names each entity, by name or alias; an
// entity extraction yielded without a verbatim name gets an empty list.
func mentionSpans(text string, ents []graph.Entity) map[string][]graph.Span {
	out := make(map[string][]graph.Span, len(ents))
	for _, e := range ents {
		out[e.ID] = []graph.Span{}
	}
	for _, m := range frames.FindMentions(text, ents) {
		out[m.Entity.ID] = append(out[m.Entity.ID], graph.Span{Start: m.Start, End: m.End})
	}
	return out
}
