package api

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/graph/neo4jstore"
	"github.com/nexus-graph/nexus/internal/storetest"
)

// closedStore is a real Neo4j store pointed at a port where nothing
// listens: every call fails as a down database does. Tests of parameter
// checks use it because validation happens before any store call.
func closedStore(t *testing.T) graph.Store {
	t.Helper()
	st, err := neo4jstore.Open(context.Background(), neo4jstore.Config{URI: "bolt://127.0.0.1:1", QueryTimeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}

// dbStore opens the real test database and wipes it.
func dbStore(t *testing.T) *neo4jstore.Store { return storetest.Open(t) }

// quietLogger drops logs unless the test runs verbose.
func quietLogger(t *testing.T) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(&testWriter{t}, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

type testWriter struct{ t *testing.T }

func (w *testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func newTestServer(t *testing.T, cfg Config, deps Deps) *Server {
	t.Helper()
	if deps.Logger == nil {
		deps.Logger = quietLogger(t)
	}
	return New(cfg, deps)
}

type req struct {
	method  string
	path    string
	body    string
	headers map[string]string
}

func (s *Server) do(t *testing.T, r req) *httptest.ResponseRecorder {
	t.Helper()
	if r.method == "" {
		r.method = http.MethodGet
	}
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	hr := httptest.NewRequest(r.method, r.path, body)
	if r.body != "" && r.headers["Content-Type"] == "" {
		hr.Header.Set("Content-Type", "application/json")
	}
	for k, v := range r.headers {
		hr.Header.Set(k, v)
	}
	if h := r.headers["Host"]; h != "" {
		hr.Host = h // net/http reads the Host from the request, not its header map
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, hr)
	return w
}

func get(t *testing.T, s *Server, path string) *httptest.ResponseRecorder {
	t.Helper()
	return s.do(t, req{path: path})
}

// decode unmarshals a response body, failing the test on bad JSON.
func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %T: %v\nbody: %s", v, err, w.Body.String())
	}
	return v
}

// wantError checks status, error code and that the message mentions each
// of the given fragments.
func wantError(t *testing.T, w *httptest.ResponseRecorder, status int, code string, mentions ...string) errorDetail {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d; body: %s", w.Code, status, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want JSON", ct)
	}
	e := decode[errorBody](t, w).Error
	if e.Code != code {
		t.Errorf("code %q, want %q (message %q)", e.Code, code, e.Message)
	}
	for _, m := range mentions {
		if !strings.Contains(e.Message, m) {
			t.Errorf("message %q does not mention %q", e.Message, m)
		}
	}
	if e.RequestID == "" || e.RequestID != w.Header().Get(headerRequestID) {
		t.Errorf("requestId %q, header %q: want the same non-empty id", e.RequestID, w.Header().Get(headerRequestID))
	}
	return e
}

type httptestRecorder = httptest.ResponseRecorder

// newChunkedRequest builds a request whose body length is unknown
// (ContentLength -1), as a chunked upload has.
func newChunkedRequest(method, path, body string) *http.Request {
	hr := httptest.NewRequest(method, path, io.NopCloser(strings.NewReader(body)))
	hr.ContentLength = -1
	if body != "" {
		hr.Header.Set("Content-Type", "application/json")
	}
	return hr
}

func serve(s *Server, hr *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.ServeHTTP(w, hr)
	return w
}

func jsonNumber(s string) json.Number { return json.Number(s) }
