package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/nexus-graph/nexus/graph"
)

// These tests need no database: every request here is refused before the
// store is called (the store points at a closed port to prove it).

func TestBadParameters(t *testing.T) {
	s := newTestServer(t, Config{}, Deps{Store: closedStore(t)})
	inj := url.QueryEscape("SUPPLIES]->() DETACH DELETE n //")
	tests := []struct {
		name     string
		path     string
		mentions []string
	}{
		{"search without q", "/api/search", []string{"parameter q", "required"}},
		{"search blank q", "/api/search?q=%20%20", []string{"parameter q"}},
		{"search long q", "/api/search?q=" + strings.Repeat("a", 201), []string{"parameter q", "longer than"}},
		{"search type injection", "/api/search?q=x&types=" + url.QueryEscape("Person) DETACH DELETE n //"), []string{"parameter types", "entity type"}},
		{"search unknown type", "/api/search?q=x&types=Person,Planet", []string{"parameter types", "Planet"}},
		{"search limit zero", "/api/search?q=x&limit=0", []string{"parameter limit"}},
		{"search limit negative", "/api/search?q=x&limit=-3", []string{"parameter limit"}},
		{"search limit text", "/api/search?q=x&limit=ten", []string{"parameter limit", "ten"}},
		{"neighbors rel injection", "/api/entities/iran/neighbors?rel=" + inj, []string{"parameter rel", "relation type"}},
		{"neighbors rel unknown", "/api/entities/iran/neighbors?rel=SUPPLIES,LOVES", []string{"parameter rel", "LOVES"}},
		{"neighbors types injection", "/api/entities/iran/neighbors?types=" + url.QueryEscape("Country:Entity) DELETE n //"), []string{"parameter types"}},
		{"neighbors depth zero", "/api/entities/iran/neighbors?depth=0", []string{"parameter depth", "1..3"}},
		{"neighbors depth four", "/api/entities/iran/neighbors?depth=4", []string{"parameter depth", "1..3"}},
		{"neighbors depth text", "/api/entities/iran/neighbors?depth=deep", []string{"parameter depth"}},
		{"neighbors direction", "/api/entities/iran/neighbors?direction=sideways", []string{"parameter direction", "both, out or in"}},
		{"neighbors confidence high", "/api/entities/iran/neighbors?minConfidence=1.5", []string{"parameter minConfidence", "0..1"}},
		{"neighbors confidence negative", "/api/entities/iran/neighbors?minConfidence=-0.1", []string{"parameter minConfidence"}},
		{"neighbors confidence NaN", "/api/entities/iran/neighbors?minConfidence=NaN", []string{"parameter minConfidence"}},
		{"neighbors limit", "/api/entities/iran/neighbors?limit=0", []string{"parameter limit"}},
		{"neighbors includeWeak", "/api/entities/iran/neighbors?includeWeak=maybe", []string{"parameter includeWeak"}},
		{"neighbors long id", "/api/entities/" + strings.Repeat("x", 300) + "/neighbors", []string{"parameter id", "longer"}},
		{"paths without from", "/api/paths?to=iran", []string{"parameter from", "required"}},
		{"paths without to", "/api/paths?from=iran", []string{"parameter to", "required"}},
		{"paths hops zero", "/api/paths?from=a&to=b&maxHops=0", []string{"parameter maxHops", "1..6"}},
		{"paths hops seven", "/api/paths?from=a&to=b&maxHops=7", []string{"parameter maxHops", "1..6"}},
		{"paths k zero", "/api/paths?from=a&to=b&mode=k&k=0", []string{"parameter k", "1..10"}},
		{"paths k eleven", "/api/paths?from=a&to=b&mode=k&k=11", []string{"parameter k", "1..10"}},
		{"paths mode", "/api/paths?from=a&to=b&mode=longest", []string{"parameter mode", "shortest, all_shortest or k"}},
		{"paths rel injection", "/api/paths?from=a&to=b&rel=" + inj, []string{"parameter rel"}},
		{"paths types injection", "/api/paths?from=a&to=b&types=" + url.QueryEscape("Person|Country"), []string{"parameter types"}},
		{"entity long id", "/api/entities/" + strings.Repeat("x", 300), []string{"parameter id"}},
		{"relation long id", "/api/relations/" + strings.Repeat("x", 300), []string{"parameter id"}},
		{"document long id", "/api/documents/" + strings.Repeat("x", 300), []string{"parameter id"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(t, s, tc.path)
			wantError(t, w, http.StatusBadRequest, "bad_request", tc.mentions...)
		})
	}
}

func TestParamsParsing(t *testing.T) {
	t.Run("clamps limits", func(t *testing.T) {
		p := newParams(url.Values{"limit": {"100000"}})
		if got := p.limit("limit", 50, 500); got != 500 || p.err != nil {
			t.Fatalf("limit = %d, %v; want 500, nil", got, p.err)
		}
	})
	t.Run("defaults", func(t *testing.T) {
		p := newParams(url.Values{})
		f := p.filter()
		if p.direction("direction") != graph.Both || p.mode("mode") != graph.Shortest ||
			p.intRange("depth", 1, 1, 3) != 1 || f.MinConfidence != 0 || f.IncludeWeak || p.err != nil {
			t.Fatalf("unexpected defaults: %+v, %v", f, p.err)
		}
	})
	t.Run("lists in any case and repeated", func(t *testing.T) {
		p := newParams(url.Values{"rel": {"supplies, allied-with", "MENTIONED_WITH"}, "types": {"person,COUNTRY"}})
		rels, types := p.relationTypes("rel"), p.entityTypes("types")
		if p.err != nil {
			t.Fatal(p.err)
		}
		if fmt.Sprint(rels) != "[SUPPLIES ALLIED_WITH MENTIONED_WITH]" || fmt.Sprint(types) != "[Person Country]" {
			t.Fatalf("rels %v types %v", rels, types)
		}
	})
	t.Run("first error wins and names its parameter", func(t *testing.T) {
		p := newParams(url.Values{"depth": {"9"}, "k": {"0"}})
		p.intRange("depth", 1, 1, 3)
		p.intRange("k", 3, 1, 10)
		if p.err == nil || !errors.Is(p.err, graph.ErrInvalid) || !strings.Contains(p.err.Error(), "depth") {
			t.Fatalf("err = %v", p.err)
		}
	})
	t.Run("modes and directions", func(t *testing.T) {
		p := newParams(url.Values{"mode": {"all_shortest"}, "direction": {"IN"}})
		if p.mode("mode") != graph.AllShortest || p.direction("direction") != graph.Incoming || p.err != nil {
			t.Fatal("mode/direction not parsed")
		}
	})
}

func TestErrorTable(t *testing.T) {
	tests := []struct {
		err    error
		status int
		code   string
	}{
		{fmt.Errorf("x: %w", graph.ErrInvalid), 400, "bad_request"},
		{fmt.Errorf("x: %w", graph.ErrQuerySyntax), 400, "syntax_error"},
		{fmt.Errorf("x: %w", graph.ErrNotFound), 404, "not_found"},
		{fmt.Errorf("x: %w", graph.ErrTooLarge), 413, "too_large"},
		{fmt.Errorf("x: %w", graph.ErrWriteRefused), 422, "write_refused"},
		{fmt.Errorf("x: %w", graph.ErrUnauthorized), 401, "unauthorized"},
		{fmt.Errorf("x: %w", graph.ErrDisabled), 403, "disabled"},
		{errRateLimited, 429, "rate_limited"},
		{fmt.Errorf("x: %w", graph.ErrTimeout), 504, "timeout"},
		{fmt.Errorf("x: %w", context.DeadlineExceeded), 504, "timeout"},
		{fmt.Errorf("x: %w: %w", graph.ErrTimeout, graph.ErrUnavailable), 504, "timeout"},
		{fmt.Errorf("x: %w", graph.ErrUnavailable), 503, "unavailable"},
		{errors.New("boom"), 500, "internal"},
	}
	for _, tc := range tests {
		t.Run(tc.code+"/"+tc.err.Error(), func(t *testing.T) {
			m := classify(tc.err)
			if m.status != tc.status || m.code != tc.code {
				t.Fatalf("classify(%v) = %d %s, want %d %s", tc.err, m.status, m.code, tc.status, tc.code)
			}
			if m.status >= 500 && m.public {
				t.Fatalf("%d mapping must not expose error text", m.status)
			}
		})
	}
}

func TestUnavailableStoreHidesInternals(t *testing.T) {
	s := newTestServer(t, Config{QueryTimeout: time.Second, ReadyTimeout: time.Second}, Deps{Store: closedStore(t)})
	for _, path := range []string{"/readyz", "/api/stats", "/api/search?q=iran", "/api/entities/iran", "/api/documents"} {
		t.Run(path, func(t *testing.T) {
			w := get(t, s, path)
			if w.Code != http.StatusServiceUnavailable {
				t.Fatalf("status %d, want 503; body %s", w.Code, w.Body.String())
			}
			if path == "/readyz" && w.Code != http.StatusServiceUnavailable {
				t.Fatalf("/readyz status %d, want 503", w.Code)
			}
			e := decode[errorBody](t, w).Error
			for _, leak := range []string{"127.0.0.1", "bolt", "neo4j", "Neo4j", "connect", "dial", "refused", ":1"} {
				if strings.Contains(w.Body.String(), leak) {
					t.Errorf("5xx body leaks %q: %s", leak, w.Body.String())
				}
			}
			rid := w.Header().Get(headerRequestID)
			if rid == "" || e.RequestID != rid || !strings.Contains(e.Message, rid) {
				t.Errorf("want request id %q in header, body and message; got %+v", rid, e)
			}
		})
	}
	t.Run("healthz stays up", func(t *testing.T) {
		w := get(t, s, "/healthz")
		if w.Code != http.StatusOK || decode[statusResponse](t, w).Status != "ok" {
			t.Fatalf("healthz: %d %s", w.Code, w.Body.String())
		}
	})
}

func TestRequestID(t *testing.T) {
	s := newTestServer(t, Config{}, Deps{Store: closedStore(t)})
	t.Run("generated", func(t *testing.T) {
		a, b := get(t, s, "/healthz").Header().Get(headerRequestID), get(t, s, "/healthz").Header().Get(headerRequestID)
		if len(a) != 16 || a == b {
			t.Fatalf("ids %q %q: want distinct 16-hex ids", a, b)
		}
	})
	t.Run("propagated", func(t *testing.T) {
		w := s.do(t, req{path: "/api/search", headers: map[string]string{headerRequestID: "edge-42.abc"}})
		if got := w.Header().Get(headerRequestID); got != "edge-42.abc" {
			t.Fatalf("header %q", got)
		}
		wantError(t, w, 400, "bad_request")
	})
	t.Run("malformed replaced", func(t *testing.T) {
		w := s.do(t, req{path: "/healthz", headers: map[string]string{headerRequestID: "bad id\r\n<script>"}})
		if got := w.Header().Get(headerRequestID); got == "" || strings.ContainsAny(got, " <") {
			t.Fatalf("header %q", got)
		}
	})
}

func TestIngestAuth(t *testing.T) {
	body := `{"documents":[{"name":"a.txt","text":"Alpha supplies Beta."}]}`
	tests := []struct {
		name   string
		token  string // server's
		auth   string // client's header
		status int
		code   string
		want   string
	}{
		{"disabled without token", "", "Bearer anything", 403, "disabled", "NEXUS_API_TOKEN"},
		{"missing token", "s3cret", "", 401, "unauthorized", "missing bearer token"},
		{"wrong scheme", "s3cret", "Basic czNjcmV0", 401, "unauthorized", "missing bearer token"},
		{"wrong token", "s3cret", "Bearer nope", 401, "unauthorized", "invalid bearer token"},
		// Right token but no pipeline configured: still refused, later.
		{"right token, no pipeline", "s3cret", "Bearer s3cret", 403, "disabled", "not available"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, Config{APIToken: tc.token}, Deps{Store: closedStore(t)})
			h := map[string]string{}
			if tc.auth != "" {
				h["Authorization"] = tc.auth
			}
			w := s.do(t, req{method: http.MethodPost, path: "/api/ingest", body: body, headers: h})
			wantError(t, w, tc.status, tc.code, tc.want)
			if tc.status == 401 && w.Header().Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

func TestBodyLimits(t *testing.T) {
	s := newTestServer(t, Config{MaxBodyBytes: 1024, MaxIngestBytes: 2048, APIToken: "t"}, Deps{Store: closedStore(t)})
	big := `{"query":"RETURN '` + strings.Repeat("x", 4096) + `'"}`
	t.Run("cypher declared length", func(t *testing.T) {
		w := s.do(t, req{method: http.MethodPost, path: "/api/cypher", body: big})
		wantError(t, w, http.StatusRequestEntityTooLarge, "too_large", "1024")
	})
	t.Run("cypher chunked", func(t *testing.T) {
		hr := newChunkedRequest(http.MethodPost, "/api/cypher", big)
		w := serve(s, hr)
		wantError(t, w, http.StatusRequestEntityTooLarge, "too_large", "1024")
	})
	t.Run("ingest", func(t *testing.T) {
		w := s.do(t, req{method: http.MethodPost, path: "/api/ingest", body: `{"documents":[{"name":"a","text":"` +
			strings.Repeat("y", 4096) + `"}]}`, headers: map[string]string{"Authorization": "Bearer t"}})
		wantError(t, w, http.StatusRequestEntityTooLarge, "too_large", "2048")
	})
}

func TestCypherRequestValidation(t *testing.T) {
	s := newTestServer(t, Config{CypherRate: -1}, Deps{Store: closedStore(t)})
	tests := []struct {
		name, body, want string
	}{
		{"empty body", "", "empty"},
		{"not JSON", "MATCH (n) RETURN n", "request body"},
		{"unknown field", `{"query":"RETURN 1","cypher":"x"}`, "unknown field"},
		{"no query", `{"params":{}}`, "parameter query"},
		{"blank query", `{"query":"   "}`, "parameter query"},
		{"two objects", `{"query":"RETURN 1"}{"query":"RETURN 2"}`, "exactly one"},
		{"params not object", `{"query":"RETURN 1","params":[1]}`, "request body"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := s.do(t, req{method: http.MethodPost, path: "/api/cypher", body: tc.body,
				headers: map[string]string{"Content-Type": "application/json"}})
			wantError(t, w, http.StatusBadRequest, "bad_request", tc.want)
		})
	}
	t.Run("numbers become int64 or float64", func(t *testing.T) {
		got, err := normParams(map[string]any{"n": jsonNumber("5"), "f": jsonNumber("0.5"),
			"l": []any{jsonNumber("1"), "x"}, "m": map[string]any{"k": jsonNumber("-2")}})
		if err != nil {
			t.Fatal(err)
		}
		if got["n"] != int64(5) || got["f"] != 0.5 || got["l"].([]any)[0] != int64(1) || got["m"].(map[string]any)["k"] != int64(-2) {
			t.Fatalf("normParams = %#v", got)
		}
	})
}

func TestRateLimit(t *testing.T) {
	// Bad bodies are refused by the handler, after the limiter has counted
	// them, so no database is needed to see the limit.
	s := newTestServer(t, Config{CypherRate: 0.001, CypherBurst: 2}, Deps{Store: closedStore(t)})
	post := func(ip string) *httptestRecorder {
		hr := newChunkedRequest(http.MethodPost, "/api/cypher", `{}`)
		hr.RemoteAddr = ip + ":40000"
		return serve(s, hr)
	}
	for i := range 2 {
		if w := post("192.0.2.7"); w.Code != http.StatusBadRequest {
			t.Fatalf("request %d: status %d, want 400 (within burst); %s", i, w.Code, w.Body.String())
		}
	}
	w := post("192.0.2.7")
	wantError(t, w, http.StatusTooManyRequests, "rate_limited", "too many")
	if w.Header().Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	if w := post("192.0.2.8"); w.Code != http.StatusBadRequest {
		t.Fatalf("other client: status %d, want 400 (own bucket)", w.Code)
	}
	t.Run("X-Forwarded-For is not trusted", func(t *testing.T) {
		hr := newChunkedRequest(http.MethodPost, "/api/cypher", `{}`)
		hr.RemoteAddr = "192.0.2.7:40001"
		hr.Header.Set("X-Forwarded-For", "198.51.100.1")
		if w := serve(s, hr); w.Code != http.StatusTooManyRequests {
			t.Fatalf("status %d, want 429", w.Code)
		}
	})
	t.Run("other routes unlimited", func(t *testing.T) {
		hr := newChunkedRequest(http.MethodGet, "/healthz", "")
		hr.RemoteAddr = "192.0.2.7:40002"
		if w := serve(s, hr); w.Code != http.StatusOK {
			t.Fatalf("status %d", w.Code)
		}
	})
}

func TestRateLimiterBounded(t *testing.T) {
	rl := newRateLimiter(1, 1, 100)
	now := time.Unix(1_000_000, 0)
	for i := range 1000 {
		rl.allow(fmt.Sprintf("10.0.%d.%d", i/256, i%256), now)
	}
	if n := rl.size(); n > 100 {
		t.Fatalf("tracking %d clients, bound is 100", n)
	}
	if !rl.allow("new", now) || rl.allow("new", now) {
		t.Fatal("a new client gets exactly its burst")
	}
	// A client idle past idleAfter is evicted first once the map is full.
	rl = newRateLimiter(1, 1, 2)
	rl.allow("old", now)
	rl.allow("busy", now.Add(2*time.Minute))
	rl.allow("newcomer", now.Add(2*time.Minute))
	rl.mu.Lock()
	_, oldKept := rl.clients["old"]
	_, busyKept := rl.clients["busy"]
	rl.mu.Unlock()
	if oldKept || !busyKept {
		t.Fatalf("old kept %v, busy kept %v: want the idle one evicted", oldKept, busyKept)
	}
}

func TestCORS(t *testing.T) {
	s := newTestServer(t, Config{CORSOrigins: []string{"https://viewer.example"}}, Deps{Store: closedStore(t)})
	t.Run("allowed origin", func(t *testing.T) {
		w := s.do(t, req{path: "/healthz", headers: map[string]string{"Origin": "https://viewer.example"}})
		if w.Header().Get("Access-Control-Allow-Origin") != "https://viewer.example" {
			t.Fatalf("headers %v", w.Header())
		}
	})
	t.Run("other origin", func(t *testing.T) {
		w := s.do(t, req{path: "/healthz", headers: map[string]string{"Origin": "https://evil.example"}})
		if w.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Fatalf("CORS header for a foreign origin: %v", w.Header())
		}
	})
	t.Run("preflight", func(t *testing.T) {
		w := s.do(t, req{method: http.MethodOptions, path: "/api/cypher", headers: map[string]string{
			"Origin": "https://viewer.example", "Access-Control-Request-Method": "POST"}})
		if w.Code != http.StatusNoContent || !strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "POST") {
			t.Fatalf("preflight: %d %v", w.Code, w.Header())
		}
	})
	t.Run("off by default", func(t *testing.T) {
		s := newTestServer(t, Config{}, Deps{Store: closedStore(t)})
		w := s.do(t, req{path: "/healthz", headers: map[string]string{"Origin": "https://viewer.example"}})
		if w.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Fatal("CORS header with no allow-list")
		}
	})
}

func TestUnknownAPIRoute(t *testing.T) {
	s := newTestServer(t, Config{}, Deps{Store: closedStore(t)})
	wantError(t, get(t, s, "/api/nope"), http.StatusNotFound, "not_found", "/api/nope")
	w := s.do(t, req{method: http.MethodDelete, path: "/api/search"})
	if w.Code != http.StatusMethodNotAllowed {
		t.Fatalf("DELETE /api/search: %d", w.Code)
	}
}

// FuzzQueryParams: whatever the query string, parsing never panics, every
// type that comes out is in graph's whitelist (so it may be put into
// Cypher text), numbers stay in range, and failures are ErrInvalid.
func FuzzQueryParams(f *testing.F) {
	for _, seed := range []string{
		"rel=SUPPLIES,allied-with&types=person&depth=2&minConfidence=0.5",
		"rel=SUPPLIES]->() DETACH DELETE n //&types=Person)--(",
		"depth=99&k=-1&maxHops=3&limit=1e9&direction=in&mode=k",
		"rel=%00&types=%E2%80%AE&includeWeak=1",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		p := newParams(q)
		flt := p.filter()
		depth := p.intRange("depth", 1, 1, 3)
		hops := p.intRange("maxHops", 4, 1, 6)
		k := p.intRange("k", 3, 1, 10)
		limit := p.limit("limit", 50, 500)
		p.direction("direction")
		p.mode("mode")
		if p.err != nil {
			if !errors.Is(p.err, graph.ErrInvalid) || !strings.HasPrefix(p.err.Error(), "parameter ") {
				t.Fatalf("error %v: want a named ErrInvalid", p.err)
			}
			return
		}
		for _, r := range flt.RelationTypes {
			if !r.Valid() {
				t.Fatalf("relation type %q passed the check", r)
			}
		}
		for _, e := range flt.EntityTypes {
			if !e.Valid() {
				t.Fatalf("entity type %q passed the check", e)
			}
		}
		if depth < 1 || depth > 3 || hops < 1 || hops > 6 || k < 1 || k > 10 || limit < 1 || limit > 500 ||
			flt.MinConfidence < 0 || flt.MinConfidence > 1 {
			t.Fatalf("out of range: depth %d hops %d k %d limit %d conf %v", depth, hops, k, limit, flt.MinConfidence)
		}
	})
}

func TestPanicIs500WithoutInternals(t *testing.T) {
	s := newTestServer(t, Config{}, Deps{Store: closedStore(t)})
	s.engine.GET("/api/boom", func(*gin.Context) { panic("secret detail at /var/lib/neo4j") })
	w := get(t, s, "/api/boom")
	wantError(t, w, http.StatusInternalServerError, "internal", "internal error")
	if strings.Contains(w.Body.String(), "secret") || strings.Contains(w.Body.String(), "/var/lib") {
		t.Fatalf("500 body leaks the panic: %s", w.Body.String())
	}
	body := get(t, s, "/metrics").Body.String()
	if !strings.Contains(body, `nexus_http_requests_total{method="GET",route="/api/boom",status="500"} 1`) {
		t.Error("the 500 is not counted in the metrics")
	}
}
