package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/nexus-graph/nexus/graph"
)

// What a hostile web page in the analyst's browser can send: simple
// requests that need no CORS preflight, other origins, rebound DNS names.
func TestCrossSiteRefused(t *testing.T) {
	s, st := fixtureServer(t, Config{CypherRate: -1, LoopbackHosts: true, CORSOrigins: []string{"https://trusted.example"}}, Deps{})
	before, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	read := `{"query":"MATCH (n:Entity) RETURN n.id LIMIT 1"}`
	write := `{"query":"CREATE (n:Evil) RETURN n"}`
	host := map[string]string{"Host": "127.0.0.1:8080"}
	with := func(h map[string]string) map[string]string {
		out := map[string]string{"Host": "127.0.0.1:8080"}
		for k, v := range h {
			out[k] = v
		}
		return out
	}
	tests := []struct {
		name    string
		r       req
		status  int
		code    string
		mention string
	}{
		{"text/plain body", req{method: "POST", path: "/api/cypher", body: read, headers: with(map[string]string{"Content-Type": "text/plain"})}, 415, "unsupported_media_type", "application/json"},
		{"form body", req{method: "POST", path: "/api/cypher", body: "query=" + read, headers: with(map[string]string{"Content-Type": "application/x-www-form-urlencoded"})}, 415, "unsupported_media_type", "application/json"},
		{"multipart body", req{method: "POST", path: "/api/cypher", body: read, headers: with(map[string]string{"Content-Type": "multipart/form-data; boundary=x"})}, 415, "unsupported_media_type", ""},
		{"no content type", req{method: "POST", path: "/api/cypher", body: read, headers: with(map[string]string{"Content-Type": " "})}, 415, "unsupported_media_type", ""},
		{"json-ish type", req{method: "POST", path: "/api/cypher", body: read, headers: with(map[string]string{"Content-Type": "text/json"})}, 415, "unsupported_media_type", ""},
		{"evil origin", req{method: "POST", path: "/api/cypher", body: read, headers: with(map[string]string{"Origin": "http://evil.example"})}, 403, "forbidden", "evil.example"},
		{"null origin", req{method: "POST", path: "/api/cypher", body: read, headers: with(map[string]string{"Origin": "null"})}, 403, "forbidden", ""},
		{"origin other port", req{method: "POST", path: "/api/cypher", body: read, headers: with(map[string]string{"Origin": "http://127.0.0.1:3000"})}, 403, "forbidden", ""},
		{"cross-site fetch", req{method: "POST", path: "/api/cypher", body: read, headers: with(map[string]string{"Sec-Fetch-Site": "cross-site"})}, 403, "forbidden", "cross-site"},
		{"same-site fetch", req{method: "POST", path: "/api/cypher", body: read, headers: with(map[string]string{"Sec-Fetch-Site": "same-site"})}, 403, "forbidden", ""},
		{"cross-site GET", req{path: "/api/search?q=a", headers: with(map[string]string{"Sec-Fetch-Site": "cross-site"})}, 403, "forbidden", ""},
		{"cross-site write", req{method: "POST", path: "/api/cypher", body: write, headers: with(map[string]string{"Origin": "http://evil.example", "Content-Type": "text/plain"})}, 403, "forbidden", ""},
		{"rebound DNS name", req{method: "POST", path: "/api/cypher", body: read, headers: map[string]string{"Host": "evil.example:8080", "Origin": "http://evil.example:8080"}}, 403, "forbidden", "loopback"},
		{"rebound GET", req{path: "/api/search?q=a", headers: map[string]string{"Host": "attacker.test"}}, 403, "forbidden", ""},
		{"ingest cross-site", req{method: "POST", path: "/api/ingest", body: "{}", headers: with(map[string]string{"Sec-Fetch-Site": "cross-site"})}, 403, "forbidden", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := s.do(t, tc.r)
			if tc.mention != "" {
				wantError(t, w, tc.status, tc.code, tc.mention)
			} else {
				wantError(t, w, tc.status, tc.code)
			}
		})
	}
	allowed := []struct {
		name string
		h    map[string]string
	}{
		{"curl (no browser headers)", host},
		{"the viewer itself", with(map[string]string{"Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-origin"})},
		{"localhost name", map[string]string{"Host": "localhost:8080", "Origin": "http://localhost:8080"}},
		{"ipv6 loopback", map[string]string{"Host": "[::1]:8080"}},
		{"configured origin", with(map[string]string{"Origin": "https://trusted.example"})},
		{"typed in the address bar", with(map[string]string{"Sec-Fetch-Site": "none"})},
	}
	for _, tc := range allowed {
		t.Run("allowed/"+tc.name, func(t *testing.T) {
			w := s.do(t, req{method: "POST", path: "/api/cypher", body: read, headers: tc.h})
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body.String())
			}
		})
	}
	after, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if after.Entities != before.Entities || after.Relations != before.Relations {
		t.Errorf("graph changed: %+v → %+v", before, after)
	}
}

func TestSecurityHeaders(t *testing.T) {
	s, _ := fixtureServer(t, Config{}, Deps{})
	for _, path := range []string{"/", "/some/view", "/api/stats"} {
		t.Run(path, func(t *testing.T) {
			w := get(t, s, path)
			h := w.Header()
			if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
				t.Errorf("headers %v", h)
			}
			if strings.HasPrefix(path, "/api") {
				return
			}
			csp := h.Get("Content-Security-Policy")
			for _, want := range []string{"script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %q", csp, want)
				}
			}
			for _, want := range []string{"default-src 'self'", "worker-src 'self'", "style-src 'self'", "base-uri 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %q", csp, want)
				}
			}
			// strict: no inline script or style sheet, no eval, no wildcard
			// sources; only style attributes may be inline
			for _, d := range strings.Split(csp, ";") {
				d = strings.TrimSpace(d)
				for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:", "data:"} {
					allowed := bad == "'unsafe-inline'" && d == "style-src-attr 'unsafe-inline'" ||
						bad == "data:" && (strings.HasPrefix(d, "img-src ") || strings.HasPrefix(d, "font-src "))
					if strings.Contains(d, bad) && !allowed {
						t.Errorf("CSP directive %q allows %s", d, bad)
					}
				}
			}
		})
	}
}

func TestCypherBoundsAndErrors(t *testing.T) {
	s, _ := fixtureServer(t, Config{CypherRate: -1, QueryTimeout: time.Second}, Deps{})
	t.Run("deep params refused before the database", func(t *testing.T) {
		deep := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
		w := s.do(t, req{method: "POST", path: "/api/cypher", body: `{"query":"RETURN $p","params":{"p":` + deep + `}}`})
		wantError(t, w, 400, "bad_request", "nested deeper than 8")
	})
	t.Run("too many values", func(t *testing.T) {
		big := "[" + strings.Repeat("1,", 20000) + "1]"
		w := s.do(t, req{method: "POST", path: "/api/cypher", body: `{"query":"RETURN size($p)","params":{"p":` + big + `}}`})
		wantError(t, w, 400, "bad_request", "10000 values")
	})
	t.Run("deadline is 504", func(t *testing.T) {
		w := postCypher(t, s, "UNWIND range(1, 10000000000) AS x WITH x WHERE x % 7 = 123 RETURN count(*)", nil)
		wantError(t, w, http.StatusGatewayTimeout, "timeout")
	})
	t.Run("refusals are 422 and name the problem", func(t *testing.T) {
		for q, mention := range map[string]string{
			"CYPHER 5 SHOW SETTINGS": "administration command",
			`WITH 1 AS x \u004cOAD CSV FROM 'file:///etc/passwd' AS r RETURN r`: "LOAD CSV",
			"CALL db.info()": "procedure db.info is not allowed",
			"RETURN size(reduce(s = '', x IN range(1, 20000000) | s + 'x'))": "reduce()",
		} {
			w := postCypher(t, s, q, nil)
			e := wantError(t, w, http.StatusUnprocessableEntity, "write_refused", mention)
			if strings.Contains(e.Message, "passwd") && !strings.Contains(q, "passwd") {
				t.Errorf("message leaks: %q", e.Message)
			}
		}
	})
	t.Run("server errors carry no internals", func(t *testing.T) {
		for _, q := range []string{"RETURN 1/0", "MATCH (n RETURN n", "RETURN date('not a date')"} {
			w := postCypher(t, s, q, nil)
			if w.Code != 400 {
				t.Errorf("%s: status %d, want 400: %s", q, w.Code, w.Body.String())
			}
			for _, leak := range []string{"org.neo4j", "Exception", "java.", "/work/", ".nexus"} {
				if strings.Contains(w.Body.String(), leak) {
					t.Errorf("%s: body leaks %q: %s", q, leak, w.Body.String())
				}
			}
		}
	})
}

// The Cypher slots bound queries running at once over all clients.
func TestCypherConcurrency(t *testing.T) {
	s, _ := fixtureServer(t, Config{CypherRate: -1, CypherConcurrency: 1, QueryTimeout: 3 * time.Second}, Deps{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		b, _ := json.Marshal(cypherRequest{Query: "UNWIND range(1, 10000000000) AS x WITH x WHERE x % 7 = 123 RETURN count(*)"})
		s.do(t, req{method: "POST", path: "/api/cypher", body: string(b)})
	}()
	// The slow query holds the only slot for its three seconds.
	var w *httptestRecorder
	for i := 0; i < 20; i++ {
		time.Sleep(100 * time.Millisecond)
		w = postCypher(t, s, "RETURN 1", nil)
		if w.Code == http.StatusTooManyRequests {
			break
		}
	}
	wantError(t, w, http.StatusTooManyRequests, "rate_limited", "already running")
	wg.Wait()
	if w := postCypher(t, s, "RETURN 1", nil); w.Code != http.StatusOK {
		t.Errorf("after the slot freed: status %d", w.Code)
	}
}

// The streamed answer is the same JSON as the result marshalled whole.
func TestWriteCypherJSONMatchesMarshal(t *testing.T) {
	for _, res := range []graph.CypherResult{
		{Columns: []string{}, Rows: [][]any{}, Graph: graph.Subgraph{Nodes: []graph.Entity{}, Edges: []graph.Relation{}}},
		{Columns: []string{"a", "b"}, Rows: [][]any{{int64(1), "x"}, {nil, []any{"y", 2.5}}},
			Graph:     graph.Subgraph{Nodes: []graph.Entity{{ID: "n", Name: "N"}}, Edges: []graph.Relation{}},
			Truncated: true, TruncatedReason: "row cap of 2 rows", Elapsed: graph.Duration(1500 * time.Microsecond)},
	} {
		w := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(w)
		writeCypherJSON(c, res)
		var got, want any
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("streamed body is not JSON: %v\n%s", err, w.Body.String())
		}
		b, _ := json.Marshal(res)
		_ = json.Unmarshal(b, &want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("streamed %s\nmarshalled %s", w.Body.String(), b)
		}
	}
}
