// Command nexus-load measures the Nexus API under load and compares it with
// the same queries run directly through the store.
//
// It generates a deterministic synthetic graph (--entities, --relations,
// --seed) and writes it through the store (--generate, which wipes the
// database first), then for each scenario — search, neighbours (depth 1)
// and shortest path — sends the same sequence of queries to a running
// `nexus serve` (--url, loopback only) and to the store directly, each
// bounded by --requests and --duration, and prints requests/s, p50, p99,
// errors and the API/direct ratio at p50.
//
//	nexus-load --neo4j-uri bolt://127.0.0.1:27690 --generate --generate-only
//	nexus-load --neo4j-uri bolt://127.0.0.1:27690 --url http://127.0.0.1:18090
//
// Without --url it starts the API in-process on 127.0.0.1 (still over TCP).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/api"
	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/graph/neo4jstore"
)

type options struct {
	neo4jURI, user, password string
	url                      string
	entities, relations      int
	seed                     uint64
	generate, generateOnly   bool
	concurrency              int
	requests                 int
	duration                 time.Duration
	warmup                   int
	jsonOut                  string
}

func main() {
	var o options
	flag.StringVar(&o.neo4jURI, "neo4j-uri", envOr("NEO4J_URI", "bolt://127.0.0.1:7687"), "Neo4j Bolt URI (env NEO4J_URI)")
	flag.StringVar(&o.user, "neo4j-user", envOr("NEO4J_USER", "neo4j"), "Neo4j user")
	flag.StringVar(&o.password, "neo4j-password", os.Getenv("NEO4J_PASSWORD"), "Neo4j password (env NEO4J_PASSWORD); empty: no auth")
	flag.StringVar(&o.url, "url", "", "base URL of a running `nexus serve` on 127.0.0.1; empty starts the API in-process")
	flag.IntVar(&o.entities, "entities", 20000, "entities in the generated graph")
	flag.IntVar(&o.relations, "relations", 100000, "relations in the generated graph")
	flag.Uint64Var(&o.seed, "seed", 1, "generator seed")
	flag.BoolVar(&o.generate, "generate", false, "WIPE the database and write the generated graph")
	flag.BoolVar(&o.generateOnly, "generate-only", false, "stop after generating")
	flag.IntVar(&o.concurrency, "concurrency", 4, "concurrent clients")
	flag.IntVar(&o.requests, "requests", 3000, "most requests per scenario and side (1..100000)")
	flag.DurationVar(&o.duration, "duration", 20*time.Second, "most time per side of a scenario (at most 5m)")
	flag.IntVar(&o.warmup, "warmup", 200, "unmeasured requests per scenario and side before measuring")
	flag.StringVar(&o.jsonOut, "json", "", "also write the results as JSON to this file")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "nexus-load:", err)
		os.Exit(1)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func run(ctx context.Context, o options) error {
	if o.concurrency < 1 || o.concurrency > 64 || o.requests < 1 || o.requests > 100000 ||
		o.duration <= 0 || o.duration > 5*time.Minute || o.entities < 10 || o.relations < 1 {
		return errors.New("limits: concurrency 1..64, requests 1..100000, duration ≤5m, entities ≥10")
	}
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: o.neo4jURI, User: o.user, Password: o.password})
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	wctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	err = store.WaitReady(wctx, 500*time.Millisecond)
	cancel()
	if err != nil {
		return err
	}
	g := generate(o.entities, o.relations, o.seed)
	if o.generate {
		if err := writeGraph(ctx, store, g); err != nil {
			return err
		}
	}
	st, err := store.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("graph: %d entities, %d relations, %d evidence, %d documents\n", st.Entities, st.Relations, st.Evidence, st.Documents)
	if st.Relations < o.relations*9/10 {
		return fmt.Errorf("the database holds %d relations, want about %d: run with --generate", st.Relations, o.relations)
	}
	if o.generateOnly {
		return nil
	}

	base := o.url
	if base == "" {
		srv := api.New(api.Config{CypherRate: -1}, api.Deps{Store: store,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		sctx, scancel := context.WithCancel(ctx)
		defer scancel()
		go srv.Serve(sctx, ln, 5*time.Second)
		base = "http://" + ln.Addr().String()
		fmt.Println("api: in-process at", base)
	} else {
		if err := checkLoopback(base); err != nil {
			return err
		}
		fmt.Println("api:", base)
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: o.concurrency * 2, MaxIdleConnsPerHost: o.concurrency * 2, IdleConnTimeout: time.Minute}}
	if err := waitReady(ctx, client, base); err != nil {
		return err
	}

	var results []result
	for _, sc := range scenarios(g, o.seed) {
		apiCall := func(ctx context.Context, i int) error { return httpGet(ctx, client, base+sc.path(i)) }
		directCall := func(ctx context.Context, i int) error { return sc.direct(ctx, store, i) }
		ra, rd := measurePair(ctx, sc.name, apiCall, directCall, o)
		for _, r := range []result{ra, rd} {
			results = append(results, r)
			fmt.Fprintf(os.Stderr, "%-10s %-6s %6d req  %8.1f req/s  p50 %7.2fms  p99 %7.2fms  errors %d\n",
				r.Scenario, r.Side, r.Requests, r.RPS, r.P50ms, r.P99ms, r.Errors)
			if r.FirstError != "" {
				fmt.Fprintf(os.Stderr, "  first error: %s\n", r.FirstError)
			}
		}
	}
	report(os.Stdout, results, o)
	if o.jsonOut != "" {
		b, _ := json.MarshalIndent(results, "", "  ")
		if err := os.WriteFile(o.jsonOut, b, 0o644); err != nil {
			return err
		}
	}
	for _, r := range results {
		if r.Errors > 0 {
			return fmt.Errorf("%s/%s: %d errors", r.Scenario, r.Side, r.Errors)
		}
	}
	return nil
}

// checkLoopback refuses any target that is not this machine.
func checkLoopback(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return fmt.Errorf("--url %q: %w", base, err)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if u.Scheme != "http" || ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("--url %q: only http://127.0.0.1:PORT (loopback) is allowed", base)
	}
	return nil
}

func waitReady(ctx context.Context, c *http.Client, base string) error {
	deadline := time.Now().Add(time.Minute)
	for {
		err := httpGet(ctx, c, base+"/readyz")
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s never became ready: %w", base, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
	}
}

func httpGet(ctx context.Context, c *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || n == 0 {
		return fmt.Errorf("GET %s: status %d", u, resp.StatusCode)
	}
	return nil
}

// ---- the synthetic graph ----

type synthGraph struct {
	x     graph.Extraction
	names []string // entity names by index
	used  []int    // indexes of entities with at least one relation
}

var syllables = []string{"ka", "lo", "mi", "ra", "ten", "vor", "sa", "del", "quin", "bar", "zo", "ul", "fen", "dra", "mor", "pe", "tis", "gan", "hal", "ve"}

// generate builds entities with pronounceable unique names and relations
// between random pairs (a quarter of them towards a few hubs, as real
// graphs have), each with one evidence sentence in one of the documents.
func generate(nEnt, nRel int, seed uint64) synthGraph {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	types := graph.EntityTypes()
	rels := graph.RelationTypes()
	g := synthGraph{}
	seen := map[string]bool{}
	for i := 0; i < nEnt; i++ {
		var name string
		for {
			var b strings.Builder
			for j, n := 0, 2+rng.IntN(3); j < n; j++ {
				b.WriteString(syllables[rng.IntN(len(syllables))])
			}
			name = strings.ToUpper(b.String()[:1]) + b.String()[1:]
			if rng.IntN(3) == 0 {
				name += " " + strings.ToUpper(syllables[rng.IntN(len(syllables))][:1]) + syllables[rng.IntN(len(syllables))]
			}
			if !seen[graph.EntityID(name)] {
				break
			}
			// Disambiguate deterministically.
			name = fmt.Sprintf("%s %d", name, i)
			if !seen[graph.EntityID(name)] {
				break
			}
		}
		seen[graph.EntityID(name)] = true
		g.names = append(g.names, name)
		g.x.Entities = append(g.x.Entities, graph.Entity{ID: graph.EntityID(name), Name: name, Type: types[i%len(types)], Mentions: 1})
	}
	hubs := max(10, nEnt/1000)
	const perDoc = 100
	var (
		doc   strings.Builder
		docN  int
		evs   []graph.Relation
		pairs = map[string]bool{}
	)
	flush := func() {
		text := doc.String()
		d := graph.Document{Title: fmt.Sprintf("Synthetic report %d", docN), Path: fmt.Sprintf("synthetic/%05d.txt", docN),
			Format: "txt", Text: text, Chars: utf8.RuneCountInString(text), IngestedAt: time.Unix(1_700_000_000, 0).UTC()}
		d.ID = graph.DocumentID([]byte(d.Path + "\x00" + text))
		for i := range evs {
			evs[i].Evidence[0].DocumentID = d.ID
		}
		g.x.Documents = append(g.x.Documents, d)
		g.x.Relations = append(g.x.Relations, evs...)
		doc.Reset()
		evs = nil
		docN++
	}
	for len(g.x.Relations)+len(evs) < nRel {
		a := rng.IntN(nEnt)
		b := rng.IntN(nEnt)
		if rng.IntN(4) == 0 {
			b = rng.IntN(hubs)
		}
		t := rels[rng.IntN(len(rels)-1)] // every type but MENTIONED_WITH
		if a == b {
			continue
		}
		r := graph.Relation{Source: g.x.Entities[a].ID, Target: g.x.Entities[b].ID, Type: t}.Canonical()
		if pairs[r.ID] {
			continue
		}
		pairs[r.ID] = true
		sentence := fmt.Sprintf("%s %s %s.", g.names[a], strings.ToLower(strings.ReplaceAll(string(t), "_", " ")), g.names[b])
		if doc.Len() > 0 {
			doc.WriteByte(' ')
		}
		start := utf8.RuneCountInString(doc.String())
		doc.WriteString(sentence)
		conf := 0.5 + float64(rng.IntN(50))/100
		r.Confidence = conf
		r.Evidence = []graph.Evidence{{Sentence: sentence, Start: start, End: start + utf8.RuneCountInString(sentence),
			Rule: "synthetic", Confidence: conf}}
		evs = append(evs, r)
		if len(evs) == perDoc {
			flush()
		}
	}
	if len(evs) > 0 {
		flush()
	}
	deg := make([]int, nEnt)
	idx := make(map[string]int, nEnt)
	for i, e := range g.x.Entities {
		idx[e.ID] = i
	}
	for _, r := range g.x.Relations {
		deg[idx[r.Source]]++
		deg[idx[r.Target]]++
	}
	for i, d := range deg {
		if d > 0 {
			g.used = append(g.used, i)
		}
	}
	return g
}

func writeGraph(ctx context.Context, s *neo4jstore.Store, g synthGraph) error {
	start := time.Now()
	if err := s.Wipe(ctx); err != nil {
		return err
	}
	if err := s.EnsureSchema(ctx); err != nil {
		return err
	}
	// Entities first, then documents in chunks with their relations.
	if _, err := s.Write(ctx, graph.Extraction{Entities: g.x.Entities}); err != nil {
		return fmt.Errorf("write entities: %w", err)
	}
	const chunk = 50 // documents (5,000 relations) per Write
	byDoc := map[string][]graph.Relation{}
	for _, r := range g.x.Relations {
		byDoc[r.Evidence[0].DocumentID] = append(byDoc[r.Evidence[0].DocumentID], r)
	}
	for i := 0; i < len(g.x.Documents); i += chunk {
		x := graph.Extraction{Documents: g.x.Documents[i:min(i+chunk, len(g.x.Documents))]}
		for _, d := range x.Documents {
			x.Relations = append(x.Relations, byDoc[d.ID]...)
		}
		if _, err := s.Write(ctx, x); err != nil {
			return fmt.Errorf("write documents %d..: %w", i, err)
		}
		fmt.Fprintf(os.Stderr, "\rwrote %d/%d documents", min(i+chunk, len(g.x.Documents)), len(g.x.Documents))
	}
	fmt.Fprintf(os.Stderr, "\rwrote %d entities, %d relations in %s\n", len(g.x.Entities), len(g.x.Relations),
		time.Since(start).Round(time.Second))
	return nil
}

// ---- scenarios ----

type scenario struct {
	name   string
	path   func(i int) string
	direct func(ctx context.Context, s graph.Store, i int) error
}

// scenarios derive the i-th query of each kind deterministically, so the
// API and the direct side run exactly the same queries.
func scenarios(g synthGraph, seed uint64) []scenario {
	pick := func(salt uint64, i int) int {
		r := rand.New(rand.NewPCG(seed+salt, uint64(i)))
		return g.used[r.IntN(len(g.used))]
	}
	// Search by a prefix of a name (what the viewer's autocomplete sends).
	prefix := func(i int) string {
		name := g.names[pick(1, i)]
		w := strings.Fields(name)[0]
		return w[:max(3, len(w)*2/3)]
	}
	return []scenario{
		{
			name: "search",
			path: func(i int) string { return "/api/search?limit=10&q=" + url.QueryEscape(prefix(i)) },
			direct: func(ctx context.Context, s graph.Store, i int) error {
				_, err := s.Search(ctx, graph.SearchQuery{Text: prefix(i), Limit: 10})
				return err
			},
		},
		{
			name: "neighbors",
			path: func(i int) string {
				return "/api/entities/" + url.PathEscape(g.x.Entities[pick(2, i)].ID) + "/neighbors?depth=1&limit=50"
			},
			direct: func(ctx context.Context, s graph.Store, i int) error {
				_, err := s.Neighbors(ctx, graph.NeighborQuery{ID: g.x.Entities[pick(2, i)].ID, Depth: 1,
					Direction: graph.Both, Limit: 50})
				return err
			},
		},
		{
			name: "shortest",
			path: func(i int) string {
				return "/api/paths?mode=shortest&maxHops=4&from=" + url.QueryEscape(g.x.Entities[pick(3, i)].ID) +
					"&to=" + url.QueryEscape(g.x.Entities[pick(4, i)].ID)
			},
			direct: func(ctx context.Context, s graph.Store, i int) error {
				_, err := s.Paths(ctx, graph.PathQuery{From: g.x.Entities[pick(3, i)].ID, To: g.x.Entities[pick(4, i)].ID,
					Mode: graph.Shortest, K: 1, MaxHops: 4})
				return err
			},
		},
	}
}

// ---- measurement ----

type result struct {
	Scenario   string  `json:"scenario"`
	Side       string  `json:"side"`
	Requests   int     `json:"requests"`
	Errors     int     `json:"errors"`
	Seconds    float64 `json:"seconds"`
	RPS        float64 `json:"rps"`
	P50ms      float64 `json:"p50ms"`
	P90ms      float64 `json:"p90ms"`
	P99ms      float64 `json:"p99ms"`
	FirstError string  `json:"firstError,omitempty"`
}

// side accumulates one side's measurements across blocks.
type side struct {
	name     string
	call     func(context.Context, int) error
	lat      []time.Duration
	busy     time.Duration
	errs     int
	firstErr string
}

// measurePair runs the API and the direct side over the same query
// indices in alternating blocks of blockSize, so both see the same machine
// load (this box is shared: a fixed order would bias the ratio). It stops
// when each side has done o.requests or 2×o.duration has passed.
func measurePair(ctx context.Context, name string, apiCall, directCall func(context.Context, int) error, o options) (result, result) {
	const blockSize = 100
	for i := 0; i < o.warmup; i++ { // unmeasured warm-up on both sides
		_ = apiCall(ctx, i)
		_ = directCall(ctx, i)
	}
	ctx, cancel := context.WithTimeout(ctx, 2*o.duration)
	defer cancel()
	sides := []*side{{name: "api", call: apiCall}, {name: "direct", call: directCall}}
	for from := 0; from < o.requests && ctx.Err() == nil; from += blockSize {
		to := min(from+blockSize, o.requests)
		order := sides
		if (from/blockSize)%2 == 1 {
			order = []*side{sides[1], sides[0]}
		}
		for _, sd := range order {
			runBlock(ctx, sd, from, to, o.concurrency)
		}
	}
	return sides[0].result(name), sides[1].result(name)
}

// runBlock runs query indices [from, to) with conc workers.
func runBlock(ctx context.Context, sd *side, from, to, conc int) {
	var (
		next atomic.Int64
		mu   sync.Mutex
		wg   sync.WaitGroup
	)
	next.Store(int64(from))
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= to {
					return
				}
				t := time.Now()
				err := sd.call(ctx, i)
				d := time.Since(t)
				if err != nil && ctx.Err() != nil {
					return // the time bound cut this request: not an error
				}
				mu.Lock()
				sd.lat = append(sd.lat, d)
				if err != nil {
					sd.errs++
					if sd.firstErr == "" {
						sd.firstErr = err.Error()
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	sd.busy += time.Since(start)
}

func (sd *side) result(scenario string) result {
	lat := slices.Clone(sd.lat)
	slices.Sort(lat)
	r := result{Scenario: scenario, Side: sd.name, Requests: len(lat), Errors: sd.errs, Seconds: sd.busy.Seconds(),
		FirstError: sd.firstErr}
	if len(lat) > 0 && sd.busy > 0 {
		r.RPS = float64(len(lat)) / sd.busy.Seconds()
		r.P50ms = ms(pct(lat, 0.50))
		r.P90ms = ms(pct(lat, 0.90))
		r.P99ms = ms(pct(lat, 0.99))
	}
	return r
}

func pct(sorted []time.Duration, p float64) time.Duration {
	i := int(float64(len(sorted)-1) * p)
	return sorted[i]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func report(w io.Writer, rs []result, o options) {
	fmt.Fprintf(w, "\nconcurrency %d, up to %d requests per scenario and side (or %s), API and direct interleaved in blocks of 100, %d warm-up\n\n",
		o.concurrency, o.requests, o.duration, o.warmup)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scenario\tside\trequests\terrors\treq/s\tp50 ms\tp90 ms\tp99 ms\tAPI/direct p50\t")
	direct := map[string]result{}
	for _, r := range rs {
		if r.Side == "direct" {
			direct[r.Scenario] = r
		}
	}
	for _, r := range rs {
		ratio := ""
		if d, ok := direct[r.Scenario]; ok && r.Side == "api" && d.P50ms > 0 {
			ratio = fmt.Sprintf("%.2f×", r.P50ms/d.P50ms)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%s\t\n", r.Scenario, r.Side, r.Requests, r.Errors,
			r.RPS, r.P50ms, r.P90ms, r.P99ms, ratio)
	}
	tw.Flush()
}
