package nlp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults for a zero Options.
const (
	DefaultStartTimeout = 2 * time.Minute
	DefaultBatchRunes   = 100_000
	DefaultMaxInFlight  = 1
)

// Supervision timings.
const (
	minBackoff = 250 * time.Millisecond
	maxBackoff = 30 * time.Second
	// A worker that served this long before it crashed restarts at minBackoff.
	healthyRun = 30 * time.Second
	// Close waits this long for a worker to finish and exit before killing it.
	stopGrace = 5 * time.Second
)

// ErrClosed is returned by a Pool after Close.
var ErrClosed = errors.New("nlp: pool closed")

// Options configure a Pool. The zero value is usable.
type Options struct {
	// Workers is the number of worker processes; 0 means runtime.NumCPU().
	// Each is single-threaded and holds about 150 MB idle, up to about
	// 450 MB (peak RSS) while it parses a full batch of DefaultBatchRunes.
	Workers int
	// Python is the interpreter of the NLP environment; empty means
	// FindPython ($NEXUS_NLP_PYTHON, else .nexus/venv/bin/python).
	Python string
	// StartTimeout bounds the wait for a worker to load its model;
	// 0 means DefaultStartTimeout.
	StartTimeout time.Duration
	// MaxInFlight is the most requests one worker holds at once (it works
	// on one, the others wait in its pipe); 0 means DefaultMaxInFlight.
	MaxInFlight int
	// BatchRunes is the most text, in runes, sent in one request; a longer
	// text is cut at paragraph breaks into parts parsed on their own.
	// 0 means DefaultBatchRunes.
	BatchRunes int
	// Logger receives the workers' stderr and supervision events;
	// nil means slog.Default().
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = DefaultStartTimeout
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = DefaultMaxInFlight
	}
	if o.BatchRunes <= 0 {
		o.BatchRunes = DefaultBatchRunes
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// Pool runs and supervises spaCy worker processes and spreads Parse calls
// over them.
//
// Supervision: a worker that exits is started again, at once when the pool
// killed it (a request's context ended), else after a backoff that doubles
// from 250 ms to 30 s while restarts keep failing or the worker keeps dying
// young. A request whose worker dies under it is retried once on another
// (or the restarted) worker, so an outside kill costs no caller an error; a
// text that kills the worker twice fails with ErrWorkerCrashed.
//
// Back-pressure: each worker holds at most Options.MaxInFlight requests;
// callers wait for a free worker until their context ends.
//
// A Pool is safe for concurrent use.
type Pool struct {
	opts   Options
	python string
	log    *slog.Logger
	info   Info

	ctx    context.Context // ends on Close; bounds restarts
	cancel context.CancelFunc
	nextID atomic.Int64
	wg     sync.WaitGroup // supervisors

	mu      sync.Mutex
	procs   []*proc       // by slot; nil while that slot restarts
	changed chan struct{} // closed and replaced whenever a worker frees up or changes
	closed  bool
	lastErr error // the last failed restart, for callers left waiting
}

// Start starts opts.Workers workers and returns once all of them have loaded
// the model. ctx bounds the start only; the workers run until Close. When
// the runtime is not installed the error wraps ErrRuntimeMissing and says
// how to install it.
func Start(ctx context.Context, opts Options) (*Pool, error) {
	opts = opts.withDefaults()
	python := opts.Python
	if python == "" {
		var err error
		if python, err = FindPython(); err != nil {
			return nil, err
		}
	} else if err := executable(python); err != nil {
		return nil, fmt.Errorf("nlp: python %s: %w: %w", python, err, ErrRuntimeMissing)
	}
	t0 := time.Now()
	procs := make([]*proc, opts.Workers)
	errs := make([]error, opts.Workers)
	var wg sync.WaitGroup
	for i := range procs {
		wg.Go(func() { procs[i], errs[i] = spawn(ctx, python, i, opts.StartTimeout, opts.Logger) })
	}
	wg.Wait()
	if i := slices.IndexFunc(errs, func(err error) bool { return err != nil }); i >= 0 {
		for _, w := range procs {
			if w != nil {
				w.stop(stopGrace)
			}
		}
		return nil, errs[i]
	}
	p := &Pool{
		opts: opts, python: python, log: opts.Logger, info: procs[0].info,
		procs: procs, changed: make(chan struct{}),
	}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	for i, w := range procs {
		p.wg.Go(func() { p.supervise(i, w) })
	}
	p.log.Info("nlp workers ready", "workers", opts.Workers, "model", p.info.Model, "version", p.info.Version,
		"spacy", p.info.SpaCy, "python", python, "took", time.Since(t0).Round(time.Millisecond))
	return p, nil
}

// Info describes the model the workers run.
func (p *Pool) Info() Info { return p.info }

// Workers returns the number of worker processes the pool keeps.
func (p *Pool) Workers() int { return p.opts.Workers }

// supervise restarts slot's worker whenever it exits, until Close.
func (p *Pool) supervise(slot int, w *proc) {
	backoff := minBackoff
	for {
		<-w.done
		p.mu.Lock()
		if p.procs[slot] == w {
			p.procs[slot] = nil
		}
		closed := p.closed
		p.notifyLocked()
		p.mu.Unlock()
		if closed {
			return
		}
		var delay time.Duration
		if w.timedOut.Load() {
			p.log.Info("nlp worker killed to abandon a request; restarting", "worker", slot)
		} else {
			if time.Since(w.readyAt) > healthyRun {
				backoff = minBackoff
			}
			delay, backoff = backoff, min(2*backoff, maxBackoff)
			p.log.Warn("nlp worker exited; restarting", "worker", slot, "err", w.exitErr, "in", delay)
		}
		for {
			select {
			case <-time.After(delay):
			case <-p.ctx.Done():
				return
			}
			nw, err := spawn(p.ctx, p.python, slot, p.opts.StartTimeout, p.log)
			if err == nil {
				w = nw
				break
			}
			if p.ctx.Err() != nil {
				return
			}
			delay, backoff = backoff, min(2*backoff, maxBackoff)
			p.log.Error("nlp worker restart failed", "worker", slot, "err", err, "retry in", delay)
			p.mu.Lock()
			p.lastErr = err
			p.mu.Unlock()
		}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			w.stop(stopGrace)
			return
		}
		p.procs[slot] = w
		p.lastErr = nil
		p.notifyLocked()
		p.mu.Unlock()
	}
}

func (p *Pool) notifyLocked() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// acquire waits for the least busy live worker with room for a request.
func (p *Pool) acquire(ctx context.Context) (*proc, error) {
	for {
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			return nil, ErrClosed
		}
		var best *proc
		for _, w := range p.procs {
			if w != nil && !w.gone.Load() && w.inflight < p.opts.MaxInFlight && (best == nil || w.inflight < best.inflight) {
				best = w
			}
		}
		if best != nil {
			best.inflight++
			p.mu.Unlock()
			return best, nil
		}
		changed, lastErr := p.changed, p.lastErr
		p.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			if lastErr != nil {
				return nil, fmt.Errorf("nlp: waiting for a worker (last restart failed: %v): %w", lastErr, ctx.Err())
			}
			return nil, fmt.Errorf("nlp: waiting for a worker: %w", ctx.Err())
		}
	}
}

func (p *Pool) release(w *proc) {
	p.mu.Lock()
	w.inflight--
	p.notifyLocked()
	p.mu.Unlock()
}

// Parse analyses texts and returns one Doc per text, in order. Texts are
// sent in batches of at most Options.BatchRunes runes, spread over the
// workers; a longer text is cut at paragraph breaks and its parts' analyses
// joined (no sentence spans a cut). When ctx ends while a worker parses, that
// worker is killed and restarted, and the error wraps ctx.Err().
func (p *Pool) Parse(ctx context.Context, texts []string) ([]Doc, error) {
	var pieces []piece
	for i, t := range texts {
		if t != "" {
			pieces = append(pieces, split(i, t, p.opts.BatchRunes)...)
		}
	}
	var batches [][]piece
	for start, size := 0, 0; start < len(pieces); {
		end := start
		for size = 0; end < len(pieces) && (end == start || size+pieces[end].runes <= p.opts.BatchRunes); end++ {
			size += pieces[end].runes
		}
		batches = append(batches, pieces[start:end])
		start = end
	}

	results := make([][]wireDoc, len(batches))
	next := make(chan int)
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
		failed   = make(chan struct{})
	)
	for range min(len(batches), p.opts.Workers*p.opts.MaxInFlight) {
		wg.Go(func() {
			for i := range next {
				docs, err := p.request(ctx, batches[i])
				if err != nil {
					errOnce.Do(func() { firstErr = err; close(failed) })
					continue
				}
				results[i] = docs
			}
		})
	}
dispatch:
	for i := range batches {
		select {
		case next <- i:
		case <-failed:
			break dispatch
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}

	docs := make([]Doc, len(texts))
	labels := map[string]string{}
	builders := make([]*builder, len(texts))
	for i, t := range texts {
		builders[i] = newBuilder(t, labels)
	}
	for bi, batch := range batches {
		for j, pc := range batch {
			if err := builders[pc.doc].add(pc, &results[bi][j]); err != nil {
				return nil, fmt.Errorf("nlp: text %d: worker answer does not fit the text: %w", pc.doc, err)
			}
		}
	}
	for i, b := range builders {
		docs[i] = b.doc
	}
	return docs, nil
}

// request parses one batch, retrying once on another worker when the one
// holding it dies.
func (p *Pool) request(ctx context.Context, batch []piece) ([]wireDoc, error) {
	req := &wireRequest{Texts: make([]string, len(batch))}
	for i, pc := range batch {
		req.Texts[i] = pc.text
	}
	for attempt := 1; ; attempt++ {
		w, err := p.acquire(ctx)
		if err != nil {
			return nil, err
		}
		req.ID = p.nextID.Add(1)
		resp, err := w.call(ctx, req, true)
		p.release(w)
		if err != nil {
			if errors.Is(err, ErrWorkerCrashed) && attempt == 1 && ctx.Err() == nil {
				p.log.Warn("nlp worker died holding a request; retrying it once", "err", err)
				continue
			}
			return nil, err
		}
		if resp.Error != "" {
			return nil, fmt.Errorf("nlp: worker %d: %s", w.slot, resp.Error)
		}
		if len(resp.Docs) != len(batch) {
			return nil, fmt.Errorf("nlp: worker %d answered %d docs for %d texts", w.slot, len(resp.Docs), len(batch))
		}
		return resp.Docs, nil
	}
}

// Healthy returns nil when every worker is running and answers a ping
// before ctx ends. A worker busy with a long parse answers after it; a ping
// that times out does not kill it.
func (p *Pool) Healthy(ctx context.Context) error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return ErrClosed
	}
	procs, lastErr := slices.Clone(p.procs), p.lastErr
	p.mu.Unlock()
	errs := make([]error, len(procs))
	var wg sync.WaitGroup
	for i, w := range procs {
		if w == nil {
			errs[i] = fmt.Errorf("nlp: worker %d is restarting", i)
			if lastErr != nil {
				errs[i] = fmt.Errorf("nlp: worker %d is restarting: %w", i, lastErr)
			}
			continue
		}
		wg.Go(func() {
			resp, err := w.call(ctx, &wireRequest{ID: p.nextID.Add(1), Ping: true}, false)
			if err == nil && !resp.Pong {
				err = fmt.Errorf("nlp: worker %d: no pong: %s", i, resp.Error)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Close stops the workers (each finishes what it holds, or is killed after
// a grace period) and makes further calls fail with ErrClosed.
func (p *Pool) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	procs := slices.Clone(p.procs)
	p.notifyLocked()
	p.mu.Unlock()
	p.cancel()
	var wg sync.WaitGroup
	for _, w := range procs {
		if w != nil {
			wg.Go(func() { w.stop(stopGrace) })
		}
	}
	wg.Wait()
	p.wg.Wait()
	return nil
}

// WorkerCPU is the CPU time the running worker processes have used, read
// from /proc (Linux); false where it cannot be read. Benchmarks add it to
// their own process's to report work per CPU-second.
func (p *Pool) WorkerCPU() (time.Duration, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var total time.Duration
	for _, w := range p.procs {
		if w == nil {
			return 0, false
		}
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(w.cmd.Process.Pid) + "/stat")
		if err != nil {
			return 0, false
		}
		// Fields after the command name: state is the first, utime the 12th, stime the 13th.
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) < 13 {
			return 0, false
		}
		for _, s := range f[11:13] {
			ticks, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return 0, false
			}
			total += time.Duration(ticks) * (time.Second / 100) // USER_HZ is 100 on Linux
		}
	}
	return total, true
}
