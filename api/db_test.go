package api

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	dto "github.com/prometheus/client_model/go"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/graph/neo4jstore"
)

// The fixture: a small hand-built extraction with evidence, written
// through the real store. Sentences are invented for the test.
const fixtureText = "Ruritania shipped drones to the Crimson Brigade in 2019. " +
	"Ruritania also backed the government of Borduria. " +
	"General Vlad Tepes leads Borduria. " +
	"Syldavia and Borduria are allies. " +
	"The Crimson Brigade and Syldavia were named together."

var fixtureDoc = graph.Document{ID: "dfixture000000000000000001", Title: "Fixture report", Path: "fixture/report.txt",
	Format: "txt", Text: fixtureText, Chars: utf8.RuneCountInString(fixtureText), IngestedAt: time.Unix(1_700_000_000, 0).UTC()}

func fixtureEntity(name string, t graph.EntityType) graph.Entity {
	return graph.Entity{ID: graph.EntityID(name), Name: name, Type: t, Mentions: 1}
}

// evidence locates sentence in the fixture text (rune offsets).
func evidence(sentence, trigger string) graph.Evidence {
	b := strings.Index(fixtureText, sentence)
	if b < 0 {
		panic("sentence not in fixture: " + sentence)
	}
	start := utf8.RuneCountInString(fixtureText[:b])
	ev := graph.Evidence{DocumentID: fixtureDoc.ID, Sentence: sentence, Start: start,
		End: start + utf8.RuneCountInString(sentence), Rule: "test", Confidence: 0.9}
	if i := strings.Index(sentence, trigger); trigger != "" && i >= 0 {
		ev.Trigger = trigger
		ev.TriggerStart = start + utf8.RuneCountInString(sentence[:i])
		ev.TriggerEnd = ev.TriggerStart + utf8.RuneCountInString(trigger)
	}
	return ev
}

func fixtureRelation(src string, t graph.RelationType, dst string, conf float64, ev graph.Evidence) graph.Relation {
	return graph.Relation{Source: graph.EntityID(src), Target: graph.EntityID(dst), Type: t, Confidence: conf,
		Evidence: []graph.Evidence{ev}}.Canonical()
}

func fixture() graph.Extraction {
	s := strings.Split(fixtureText, ". ")
	for i := range s[:len(s)-1] {
		s[i] += "."
	}
	return graph.Extraction{
		Documents: []graph.Document{fixtureDoc},
		Entities: []graph.Entity{
			fixtureEntity("Ruritania", graph.Country),
			fixtureEntity("Crimson Brigade", graph.Organization),
			fixtureEntity("Borduria", graph.Country),
			fixtureEntity("Vlad Tepes", graph.Person),
			fixtureEntity("Syldavia", graph.Country),
			fixtureEntity("Lonely Island", graph.Location),
		},
		Relations: []graph.Relation{
			fixtureRelation("Ruritania", graph.Supplies, "Crimson Brigade", 0.9, evidence(s[0], "shipped")),
			fixtureRelation("Ruritania", graph.Supports, "Borduria", 0.8, evidence(s[1], "backed")),
			fixtureRelation("Vlad Tepes", graph.Leads, "Borduria", 0.85, evidence(s[2], "leads")),
			fixtureRelation("Syldavia", graph.AlliedWith, "Borduria", 0.7, evidence(s[3], "allies")),
			fixtureRelation("Crimson Brigade", graph.MentionedWith, "Syldavia", 0.3, evidence(s[4], "")),
		},
	}
}

// fixtureServer wipes the test database, writes the fixture and returns a
// server over it.
func fixtureServer(t *testing.T, cfg Config, deps Deps) (*Server, *neo4jstore.Store) {
	t.Helper()
	st := dbStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := st.Write(ctx, fixture()); err != nil {
		t.Fatalf("write fixture: %v", err)
	}
	deps.Store = st
	return newTestServer(t, cfg, deps), st
}

func nodeIDs(ns []graph.Entity) map[string]bool {
	m := map[string]bool{}
	for _, n := range ns {
		m[n.ID] = true
	}
	return m
}

func TestReadEndpoints(t *testing.T) {
	s, _ := fixtureServer(t, Config{}, Deps{})
	ok := func(t *testing.T, path string) *httptestRecorder {
		t.Helper()
		w := get(t, s, path)
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, w.Code, w.Body.String())
		}
		if w.Header().Get(headerRequestID) == "" {
			t.Error("no X-Request-ID")
		}
		return w
	}

	t.Run("search", func(t *testing.T) {
		res := decode[searchResponse](t, ok(t, "/api/search?q=Ruritania")).Results
		if len(res) == 0 || res[0].ID != "ruritania" || res[0].Type != graph.Country || res[0].Name != "Ruritania" {
			t.Fatalf("results %+v", res)
		}
	})
	t.Run("search prefix", func(t *testing.T) {
		res := decode[searchResponse](t, ok(t, "/api/search?q=Crims")).Results
		if len(res) == 0 || res[0].ID != "crimson-brigade" {
			t.Fatalf("results %+v", res)
		}
	})
	t.Run("search types filter", func(t *testing.T) {
		res := decode[searchResponse](t, ok(t, "/api/search?q=Borduria&types=person")).Results
		for _, e := range res {
			if e.Type != graph.Person {
				t.Fatalf("got %s of type %s with types=person", e.ID, e.Type)
			}
		}
	})
	t.Run("search spelling variant", func(t *testing.T) {
		w := ok(t, "/api/search?q=Rouritania")
		res := decode[searchResponse](t, w).Results
		if len(res) == 0 || res[0].ID != "ruritania" || res[0].Matched != "Ruritania" || res[0].MatchedBy != graph.MatchedVariant {
			t.Fatalf("results %+v", res)
		}
		if !strings.Contains(w.Body.String(), `"matched":"Ruritania","matchedBy":"variant"`) {
			t.Fatalf("body %s does not say what matched", w.Body.String())
		}
	})
	t.Run("search no hit", func(t *testing.T) {
		w := ok(t, "/api/search?q=Zzyzx")
		if got := strings.TrimSpace(w.Body.String()); got != `{"results":[]}` {
			t.Fatalf("body %s", got)
		}
	})
	t.Run("entity", func(t *testing.T) {
		d := decode[graph.EntityDetail](t, ok(t, "/api/entities/ruritania"))
		if d.Name != "Ruritania" || d.DegreeByType[graph.Supplies] != 1 || d.DegreeByType[graph.Supports] != 1 {
			t.Fatalf("detail %+v", d)
		}
		if len(d.Documents) != 1 || d.Documents[0].ID != fixtureDoc.ID {
			t.Fatalf("documents %+v", d.Documents)
		}
	})
	t.Run("neighbors depth 1", func(t *testing.T) {
		sg := decode[graph.Subgraph](t, ok(t, "/api/entities/ruritania/neighbors"))
		ids := nodeIDs(sg.Nodes)
		if !ids["ruritania"] || !ids["crimson-brigade"] || !ids["borduria"] || ids["vlad-tepes"] || len(sg.Edges) < 2 {
			t.Fatalf("subgraph %+v", sg)
		}
	})
	t.Run("neighbors depth 2 rel filter", func(t *testing.T) {
		sg := decode[graph.Subgraph](t, ok(t, "/api/entities/ruritania/neighbors?depth=2&rel=SUPPORTS,leads"))
		ids := nodeIDs(sg.Nodes)
		if !ids["borduria"] || !ids["vlad-tepes"] || ids["crimson-brigade"] {
			t.Fatalf("nodes %v", ids)
		}
		for _, e := range sg.Edges {
			if e.Type != graph.Supports && e.Type != graph.Leads {
				t.Fatalf("edge of type %s with rel=SUPPORTS,LEADS", e.Type)
			}
		}
	})
	t.Run("neighbors direction in", func(t *testing.T) {
		sg := decode[graph.Subgraph](t, ok(t, "/api/entities/crimson-brigade/neighbors?direction=in"))
		ids := nodeIDs(sg.Nodes)
		if !ids["ruritania"] || ids["syldavia"] {
			t.Fatalf("nodes %v (weak MENTIONED_WITH must be hidden by default)", ids)
		}
	})
	t.Run("neighbors includeWeak", func(t *testing.T) {
		sg := decode[graph.Subgraph](t, ok(t, "/api/entities/crimson-brigade/neighbors?includeWeak=true"))
		if !nodeIDs(sg.Nodes)["syldavia"] {
			t.Fatalf("nodes %v: want syldavia through MENTIONED_WITH", nodeIDs(sg.Nodes))
		}
	})
	t.Run("neighbors limit truncates", func(t *testing.T) {
		sg := decode[graph.Subgraph](t, ok(t, "/api/entities/borduria/neighbors?limit=1"))
		if !sg.Truncated || len(sg.Nodes) != 2 {
			t.Fatalf("truncated=%v nodes=%d, want true and centre+1", sg.Truncated, len(sg.Nodes))
		}
	})
	t.Run("paths shortest with evidence", func(t *testing.T) {
		ps := decode[pathsResponse](t, ok(t, "/api/paths?from=vlad-tepes&to=crimson-brigade")).Paths
		if len(ps) != 1 || ps[0].Len() != 3 {
			t.Fatalf("paths %+v", ps)
		}
		want := []string{"vlad-tepes", "borduria", "ruritania", "crimson-brigade"}
		for i, n := range ps[0].Nodes {
			if n.ID != want[i] {
				t.Fatalf("node %d = %s, want %s", i, n.ID, want[i])
			}
		}
		for _, e := range ps[0].Edges {
			if len(e.Evidence) == 0 || e.Evidence[0].Sentence == "" {
				t.Fatalf("edge %s without evidence", e.ID)
			}
		}
	})
	t.Run("paths k and hops", func(t *testing.T) {
		ps := decode[pathsResponse](t, ok(t, "/api/paths?from=ruritania&to=syldavia&mode=k&k=3&maxHops=3&includeWeak=true")).Paths
		if len(ps) != 2 {
			t.Fatalf("%d paths, want 2 (via Borduria and via the weak link)", len(ps))
		}
		ps = decode[pathsResponse](t, ok(t, "/api/paths?from=vlad-tepes&to=crimson-brigade&maxHops=2")).Paths
		if len(ps) != 0 {
			t.Fatalf("%d paths within 2 hops, want none", len(ps))
		}
	})
	t.Run("paths all_shortest", func(t *testing.T) {
		ps := decode[pathsResponse](t, ok(t, "/api/paths?from=ruritania&to=syldavia&mode=all_shortest")).Paths
		if len(ps) != 1 || ps[0].Len() != 2 {
			t.Fatalf("paths %+v", ps)
		}
	})
	t.Run("relation", func(t *testing.T) {
		id := graph.RelationID("ruritania", graph.Supplies, "crimson-brigade")
		r := decode[graph.Relation](t, ok(t, "/api/relations/"+id))
		if r.Type != graph.Supplies || len(r.Evidence) != 1 || r.Evidence[0].DocumentTitle != "Fixture report" ||
			r.Evidence[0].Trigger != "shipped" {
			t.Fatalf("relation %+v", r)
		}
		if got := []rune(fixtureText)[r.Evidence[0].Start:r.Evidence[0].End]; string(got) != r.Evidence[0].Sentence {
			t.Fatalf("offsets point at %q, sentence is %q", string(got), r.Evidence[0].Sentence)
		}
	})
	t.Run("documents without text", func(t *testing.T) {
		w := ok(t, "/api/documents")
		ds := decode[documentsResponse](t, w).Documents
		if len(ds) != 1 || ds[0].ID != fixtureDoc.ID || ds[0].Title != "Fixture report" || strings.Contains(w.Body.String(), "Ruritania shipped") {
			t.Fatalf("documents %s", w.Body.String())
		}
	})
	t.Run("document with text", func(t *testing.T) {
		d := decode[graph.Document](t, ok(t, "/api/documents/"+fixtureDoc.ID))
		if d.Text != fixtureText || d.Chars != utf8.RuneCountInString(fixtureText) {
			t.Fatalf("document %+v", d)
		}
	})
	t.Run("stats", func(t *testing.T) {
		st := decode[graph.Stats](t, ok(t, "/api/stats"))
		if st.Documents != 1 || st.Entities < 5 || st.Relations != 5 || st.RelationsByType[graph.Supplies] != 1 {
			t.Fatalf("stats %+v", st)
		}
	})
	t.Run("schema", func(t *testing.T) {
		sc := decode[schemaResponse](t, ok(t, "/api/schema"))
		if len(sc.EntityTypes) != len(graph.EntityTypes()) || len(sc.RelationTypes) != len(graph.Vocabulary()) {
			t.Fatalf("schema %+v", sc)
		}
		for _, r := range sc.RelationTypes {
			if r.Type == graph.AlliedWith && (r.Count != 1 || !r.Symmetric) {
				t.Fatalf("ALLIED_WITH %+v", r)
			}
		}
	})
	t.Run("one node shape everywhere", func(t *testing.T) {
		// The same entity serialises the same core fields from every endpoint.
		var raw struct {
			Results []map[string]any `json:"results"`
		}
		_ = json.Unmarshal(ok(t, "/api/search?q=Borduria").Body.Bytes(), &raw)
		var sg struct {
			Nodes []map[string]any `json:"nodes"`
		}
		_ = json.Unmarshal(ok(t, "/api/entities/vlad-tepes/neighbors").Body.Bytes(), &sg)
		pick := func(ns []map[string]any) map[string]any {
			for _, n := range ns {
				if n["id"] == "borduria" {
					return n
				}
			}
			return nil
		}
		a, b := pick(raw.Results), pick(sg.Nodes)
		if a == nil || b == nil || a["name"] != b["name"] || a["type"] != b["type"] {
			t.Fatalf("search %v vs neighbours %v", a, b)
		}
	})
	t.Run("readyz", func(t *testing.T) {
		if w := ok(t, "/readyz"); decode[statusResponse](t, w).Status != "ready" {
			t.Fatal(w.Body.String())
		}
	})
	t.Run("metrics", func(t *testing.T) {
		body := ok(t, "/metrics").Body.String()
		for _, want := range []string{
			`nexus_http_requests_total{method="GET",route="/api/search",status="200"}`,
			`nexus_http_request_duration_seconds_bucket{method="GET",route="/api/entities/:id/neighbors",status="200"`,
			`nexus_store_query_duration_seconds_count{op="paths",outcome="ok"}`,
			`nexus_store_query_duration_seconds_count{op="ping",outcome="ok"}`,
			`go_goroutines`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
	})
}

func TestNotFound(t *testing.T) {
	s, _ := fixtureServer(t, Config{}, Deps{})
	tests := []struct{ path, mention string }{
		{"/api/entities/atlantis", "atlantis"},
		{"/api/entities/atlantis/neighbors", "atlantis"},
		{"/api/paths?from=atlantis&to=ruritania", "atlantis"},
		{"/api/paths?from=ruritania&to=atlantis", "atlantis"},
		{"/api/relations/r0000000000000000", "r0000000000000000"},
		{"/api/documents/dnope", "dnope"},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			wantError(t, get(t, s, tc.path), http.StatusNotFound, "not_found", tc.mention)
		})
	}
}

func postCypher(t *testing.T, s *Server, query string, params map[string]any) *httptestRecorder {
	t.Helper()
	b, err := json.Marshal(cypherRequest{Query: query, Params: params})
	if err != nil {
		t.Fatal(err)
	}
	return s.do(t, req{method: http.MethodPost, path: "/api/cypher", body: string(b)})
}

// cypherJSON is graph.CypherResult as a client reads it.
type cypherJSON struct {
	Columns   []string       `json:"columns"`
	Rows      [][]any        `json:"rows"`
	Graph     graph.Subgraph `json:"graph"`
	Truncated bool           `json:"truncated"`
	Elapsed   float64        `json:"elapsedMs"`
}

func TestCypher(t *testing.T) {
	s, st := fixtureServer(t, Config{CypherRate: -1, RowCap: 3}, Deps{})
	t.Run("rows and graph", func(t *testing.T) {
		w := postCypher(t, s, "MATCH (a:Entity {id: $id})-[r]->(b) RETURN a, r, b.name AS name LIMIT $n",
			map[string]any{"id": "ruritania", "n": 10})
		if w.Code != http.StatusOK {
			t.Fatalf("%d %s", w.Code, w.Body.String())
		}
		res := decode[cypherJSON](t, w)
		if strings.Join(res.Columns, ",") != "a,r,name" || len(res.Rows) != 2 {
			t.Fatalf("result %+v", res)
		}
		ids := nodeIDs(res.Graph.Nodes)
		if !ids["ruritania"] || len(res.Graph.Edges) != 2 {
			t.Fatalf("graph %+v", res.Graph)
		}
	})
	t.Run("row cap", func(t *testing.T) {
		w := postCypher(t, s, "UNWIND range(1, 10) AS i RETURN i", nil)
		res := decode[cypherJSON](t, w)
		if w.Code != http.StatusOK || len(res.Rows) != 3 || !res.Truncated {
			t.Fatalf("%d rows truncated=%v: %s", len(res.Rows), res.Truncated, w.Body.String())
		}
	})
	writes := []struct{ name, query string }{
		{"CREATE", "CREATE (n:Entity {id: 'evil'}) RETURN n"},
		{"MERGE", "MERGE (n:Entity {id: 'evil'}) RETURN n"},
		{"SET", "MATCH (n:Entity {id: 'ruritania'}) SET n.name = 'Evil' RETURN n"},
		{"DELETE", "MATCH (n:Entity {id: 'lonely-island'}) DELETE n"},
		{"DETACH DELETE", "MATCH (n) DETACH DELETE n"},
		{"REMOVE", "MATCH (n:Entity {id: 'ruritania'}) REMOVE n.name RETURN n"},
		{"CALL dbms", "CALL dbms.security.createUser('evil', 'password123', false)"},
		{"LOAD CSV", "LOAD CSV FROM 'file:///etc/passwd' AS line CREATE (:Entity {id: line[0]})"},
		{"CREATE INDEX", "CREATE INDEX evil_idx IF NOT EXISTS FOR (n:Entity) ON (n.name)"},
		{"DROP CONSTRAINT", "DROP CONSTRAINT entity_id IF EXISTS"},
		{"write in subquery", "MATCH (n:Entity) CALL (n) { SET n.evil = true } RETURN count(n)"},
	}
	for _, tc := range writes {
		t.Run("refused "+tc.name, func(t *testing.T) {
			w := postCypher(t, s, tc.query, nil)
			wantError(t, w, http.StatusUnprocessableEntity, "write_refused")
		})
	}
	t.Run("nothing was written", func(t *testing.T) {
		stats, err := st.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if stats.Entities != len(fixture().Entities) || stats.Relations != len(fixture().Relations) {
			t.Fatalf("stats changed: %+v", stats)
		}
		d := decode[graph.EntityDetail](t, get(t, s, "/api/entities/ruritania"))
		if d.Name != "Ruritania" {
			t.Fatalf("name %q", d.Name)
		}
	})
	t.Run("syntax error with position", func(t *testing.T) {
		w := postCypher(t, s, "MATCH (n RETURN n", nil)
		e := wantError(t, w, http.StatusBadRequest, "syntax_error")
		if !strings.Contains(e.Message, "line") && !strings.Contains(e.Message, "column") && !strings.Contains(e.Message, "offset") {
			t.Errorf("message %q gives no position", e.Message)
		}
	})
	t.Run("missing parameter", func(t *testing.T) {
		w := postCypher(t, s, "MATCH (n:Entity {id: $id}) RETURN n", nil)
		if w.Code != http.StatusBadRequest {
			t.Fatalf("%d %s", w.Code, w.Body.String())
		}
	})
}

// pathIngester is a stand-in for the ingest pipeline (not for Neo4j): it
// writes each uploaded document with one entity named after the file
// through the real store.
type pathIngester struct{ store graph.Writer }

func (p pathIngester) Ingest(ctx context.Context, docs []IngestDoc) (any, error) {
	var x graph.Extraction
	for _, d := range docs {
		x.Documents = append(x.Documents, graph.Document{ID: graph.DocumentID(d.Data), Title: d.Name, Path: d.Name,
			Format: "txt", Text: string(d.Data), Chars: utf8.RuneCount(d.Data), IngestedAt: time.Now().UTC()})
		x.Entities = append(x.Entities, fixtureEntity("Uploaded "+strings.TrimSuffix(d.Name, ".txt"), graph.Item))
	}
	return p.store.Write(ctx, x)
}

func TestIngest(t *testing.T) {
	st := dbStore(t)
	s := newTestServer(t, Config{APIToken: "s3cret"}, Deps{Store: st, Ingester: pathIngester{st}})
	auth := map[string]string{"Authorization": "Bearer s3cret"}
	t.Run("json", func(t *testing.T) {
		w := s.do(t, req{method: http.MethodPost, path: "/api/ingest", headers: auth,
			body: `{"documents":[{"name":"alpha.txt","text":"Alpha text."},{"name":"beta.txt","text":"Beta text."}]}`})
		if w.Code != http.StatusOK {
			t.Fatalf("%d %s", w.Code, w.Body.String())
		}
		if ws := decode[graph.WriteStats](t, w); ws.Documents != 2 {
			t.Fatalf("stats %+v", ws)
		}
	})
	t.Run("multipart", func(t *testing.T) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("files", "gamma.txt")
		fw.Write([]byte("Gamma text."))
		mw.WriteField("note", "ignored")
		mw.Close()
		w := s.do(t, req{method: http.MethodPost, path: "/api/ingest", body: buf.String(),
			headers: map[string]string{"Authorization": "Bearer s3cret", "Content-Type": mw.FormDataContentType()}})
		if w.Code != http.StatusOK {
			t.Fatalf("%d %s", w.Code, w.Body.String())
		}
	})
	t.Run("documents listed", func(t *testing.T) {
		ds := decode[documentsResponse](t, get(t, s, "/api/documents")).Documents
		if len(ds) != 3 {
			t.Fatalf("documents %+v", ds)
		}
		res := decode[searchResponse](t, get(t, s, "/api/search?q=Uploaded+gamma")).Results
		if len(res) == 0 || res[0].ID != "uploaded-gamma" {
			t.Fatalf("search %+v", res)
		}
	})
	t.Run("bad requests", func(t *testing.T) {
		for _, tc := range []struct{ ct, body, want string }{
			{"application/json", `{"documents":[]}`, "no documents"},
			{"application/json", `{"documents":[{"name":"","text":"x"}]}`, "documents[0].name"},
			{"text/plain", "hello", "Content-Type"},
		} {
			w := s.do(t, req{method: http.MethodPost, path: "/api/ingest", body: tc.body,
				headers: map[string]string{"Authorization": "Bearer s3cret", "Content-Type": tc.ct}})
			wantError(t, w, http.StatusBadRequest, "bad_request", tc.want)
		}
	})
}

// inFlight reads the in-flight gauge (this test's own request excluded).
func inFlight(s *Server) float64 {
	var m dto.Metric
	if err := s.metrics.inFlight.Write(&m); err != nil {
		return 0
	}
	return m.GetGauge().GetValue()
}

// TestServeLifecycle runs the server on a real listener: it answers, a
// request whose client has gone is cancelled, and cancelling the context
// shuts it down cleanly.
func TestServeLifecycle(t *testing.T) {
	s, _ := fixtureServer(t, Config{CypherRate: -1}, Deps{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, 10*time.Second) }()
	base := "http://" + ln.Addr().String()
	resp, err := http.Get(base + "/api/search?q=" + url.QueryEscape("Syldavia"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get(headerRequestID) == "" {
		t.Fatalf("status %d", resp.StatusCode)
	}

	t.Run("cancelled request", func(t *testing.T) {
		rctx, rcancel := context.WithCancel(context.Background())
		rcancel()
		hr := httptest.NewRequest(http.MethodGet, "/api/entities/ruritania/neighbors?depth=3", nil).WithContext(rctx)
		w := serve(s, hr)
		if w.Code != statusClientClosed {
			t.Fatalf("status %d, want %d for a gone client", w.Code, statusClientClosed)
		}
	})

	// A slow query in flight when the stop comes still gets its answer.
	slow := make(chan *http.Response, 1)
	go func() {
		resp, err := http.Post(base+"/api/cypher", "application/json", strings.NewReader(
			`{"query":"UNWIND range(1, 3000000) AS i WITH i WHERE i % 7 = 0 RETURN count(*) AS n"}`))
		if err != nil {
			t.Errorf("in-flight request: %v", err)
			slow <- nil
			return
		}
		slow <- resp
	}()
	for i := 0; inFlight(s) < 1; i++ {
		if i > 1000 {
			t.Fatal("the slow request never started")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if resp := <-slow; resp != nil {
		var res cypherJSON
		err := json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || err != nil || len(res.Rows) != 1 {
			t.Fatalf("in-flight request: status %d, %v, %+v", resp.StatusCode, err, res)
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("server still answers after shutdown")
	}
}

// TestReadyAfterStoreComesUp: a server built on a store that cannot
// connect says 503, and a server over the live store says 200 — the same
// code path the background WaitReady in `nexus serve` relies on.
func TestReadyzStates(t *testing.T) {
	down := newTestServer(t, Config{ReadyTimeout: time.Second}, Deps{Store: closedStore(t)})
	wantError(t, get(t, down, "/readyz"), http.StatusServiceUnavailable, "unavailable")
	up, _ := fixtureServer(t, Config{}, Deps{})
	if w := get(t, up, "/readyz"); w.Code != http.StatusOK {
		t.Fatalf("live store: %d %s", w.Code, w.Body.String())
	}
}
