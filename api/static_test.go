package api

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func TestStaticViewer(t *testing.T) {
	assets := fstest.MapFS{
		"index.html":                {Data: []byte("<!doctype html><title>Nexus</title>")},
		"assets/index-3f9a2b7c.js":  {Data: []byte("console.log('nexus')")},
		"assets/index-3f9a2b7c.css": {Data: []byte("body{}")},
		"favicon.svg":               {Data: []byte("<svg xmlns='http://www.w3.org/2000/svg'/>")},
		"sigma-renderer.js":         {Data: []byte("//")},
		"vendor/app.1a2b3c4d5e.mjs": {Data: []byte("//")},
	}
	s := newTestServer(t, Config{}, Deps{Store: closedStore(t), Assets: assets})
	tests := []struct {
		path, status, ctype, cache, body string
	}{
		{"/", "200", "text/html", "no-cache", "<title>Nexus</title>"},
		{"/index.html", "200", "text/html", "no-cache", "<title>Nexus</title>"},
		{"/entity/iran", "200", "text/html", "no-cache", "<title>Nexus</title>"}, // SPA route
		{"/paths/a/b", "200", "text/html", "no-cache", "<title>Nexus</title>"},
		{"/assets/index-3f9a2b7c.js", "200", "javascript", "immutable", "console.log"},
		{"/assets/index-3f9a2b7c.css", "200", "text/css", "immutable", "body{}"},
		{"/vendor/app.1a2b3c4d5e.mjs", "200", "javascript", "immutable", "//"},
		{"/favicon.svg", "200", "image/svg+xml", "no-cache", "<svg"},
		{"/sigma-renderer.js", "200", "javascript", "no-cache", "//"},
		{"/missing.js", "404", "application/json", "", "not_found"},
		{"/assets/../../etc/passwd", "200", "text/html", "no-cache", "<title>Nexus</title>"}, // cleaned: no escape from the FS
		{"/assets/../../etc/hosts.txt", "404", "application/json", "", "not_found"},
		{"/api/unknown", "404", "application/json", "", "not_found"},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			w := get(t, s, tc.path)
			if got := http.StatusText(w.Code); w.Code != atoi(tc.status) {
				t.Fatalf("status %d (%s), want %s; body %s", w.Code, got, tc.status, w.Body.String())
			}
			if ct := w.Header().Get("Content-Type"); !strings.Contains(ct, tc.ctype) {
				t.Errorf("Content-Type %q, want %q", ct, tc.ctype)
			}
			if cc := w.Header().Get("Cache-Control"); !strings.Contains(cc, tc.cache) {
				t.Errorf("Cache-Control %q, want %q", cc, tc.cache)
			}
			if !strings.Contains(w.Body.String(), tc.body) {
				t.Errorf("body %q lacks %q", w.Body.String(), tc.body)
			}
		})
	}
	t.Run("no viewer", func(t *testing.T) {
		s := newTestServer(t, Config{}, Deps{Store: closedStore(t)})
		wantError(t, get(t, s, "/"), http.StatusNotFound, "not_found", "viewer")
	})
	t.Run("POST to a viewer path", func(t *testing.T) {
		if w := s.do(t, req{method: http.MethodPost, path: "/", body: "{}"}); w.Code != http.StatusMethodNotAllowed {
			t.Fatalf("status %d", w.Code)
		}
	})
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// TestStaticGzip checks that text assets go out gzipped when the browser
// asks, decompress to the very file, and go out as they are otherwise.
func TestStaticGzip(t *testing.T) {
	js := []byte(strings.Repeat("export const nexus = 'graph viewer';\n", 200))
	page := []byte("<!doctype html><title>Nexus</title>" + strings.Repeat("<p>viewer</p>", 100))
	assets := fstest.MapFS{
		"index.html":               {Data: page},
		"assets/index-3f9a2b7c.js": {Data: js},
		"assets/tiny-3f9a2b7c.css": {Data: []byte("body{}")},
		"assets/logo-3f9a2b7c.png": {Data: bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 400)},
	}
	s := newTestServer(t, Config{}, Deps{Store: closedStore(t), Assets: assets})
	tests := []struct {
		name, path, accept string
		want               []byte
		gzipped            bool
		ctype              string
	}{
		{"script, gzip asked", "/assets/index-3f9a2b7c.js", "gzip, deflate, br", js, true, "javascript"},
		{"script, gzip with a q-value", "/assets/index-3f9a2b7c.js", "br;q=1.0, gzip;q=0.8", js, true, "javascript"},
		{"script, gzip refused", "/assets/index-3f9a2b7c.js", "gzip;q=0, br", js, false, "javascript"},
		{"script, nothing asked", "/assets/index-3f9a2b7c.js", "", js, false, "javascript"},
		{"page, gzip asked", "/", "gzip", page, true, "text/html"},
		{"SPA route, gzip asked", "/entity/komid", "gzip", page, true, "text/html"},
		{"tiny style sheet stays plain", "/assets/tiny-3f9a2b7c.css", "gzip", []byte("body{}"), false, "text/css"},
		{"image stays plain", "/assets/logo-3f9a2b7c.png", "gzip", assets["assets/logo-3f9a2b7c.png"].Data, false, "image/png"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := getAccepting(t, s, tc.path, tc.accept)
			if ct := w.Header().Get("Content-Type"); !strings.Contains(ct, tc.ctype) {
				t.Errorf("Content-Type %q, want %q", ct, tc.ctype)
			}
			body := w.Body.Bytes()
			if got := w.Header().Get("Content-Encoding") == "gzip"; got != tc.gzipped {
				t.Fatalf("Content-Encoding %q, gzipped want %v", w.Header().Get("Content-Encoding"), tc.gzipped)
			}
			if tc.gzipped {
				if len(body) >= len(tc.want) {
					t.Errorf("gzipped body of %d bytes is not smaller than the %d-byte file", len(body), len(tc.want))
				}
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatalf("body is not gzip: %v", err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatalf("gunzip: %v", err)
				}
			}
			if !bytes.Equal(body, tc.want) {
				t.Errorf("body (%d bytes) differs from the asset (%d bytes)", len(body), len(tc.want))
			}
			if compressible(tc.path) || tc.path == "/" || tc.path == "/entity/komid" {
				if v := w.Header().Get("Vary"); !strings.Contains(v, "Accept-Encoding") {
					t.Errorf("Vary %q lacks Accept-Encoding", v)
				}
			}
		})
	}
}

// TestStaticBrotli checks that a precompressed NAME.br beside a text asset
// goes out as it is to browsers that accept Brotli, and gzip or the plain
// file to the others. (That the .br decodes to the file is checked where it
// is made, by the build, and by the browser tests, which read the page
// through it.)
func TestStaticBrotli(t *testing.T) {
	js := []byte(strings.Repeat("export const nexus = 'graph viewer';\n", 200))
	br := []byte("\x1b not really brotli, but smaller than the script")
	assets := fstest.MapFS{
		"index.html":                  {Data: []byte("<!doctype html><title>Nexus</title>" + strings.Repeat("<p>viewer</p>", 100))},
		"assets/index-3f9a2b7c.js":    {Data: js},
		"assets/index-3f9a2b7c.js.br": {Data: br},
	}
	s := newTestServer(t, Config{}, Deps{Store: closedStore(t), Assets: assets})
	tests := []struct{ name, path, accept, encoding string }{
		{"brotli first", "/assets/index-3f9a2b7c.js", "gzip, deflate, br", "br"},
		{"brotli only", "/assets/index-3f9a2b7c.js", "br", "br"},
		{"brotli refused", "/assets/index-3f9a2b7c.js", "br;q=0, gzip", "gzip"},
		{"gzip only", "/assets/index-3f9a2b7c.js", "gzip", "gzip"},
		{"nothing asked", "/assets/index-3f9a2b7c.js", "", ""},
		{"no .br made: gzip", "/", "br, gzip", "gzip"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := getAccepting(t, s, tc.path, tc.accept)
			if got := w.Header().Get("Content-Encoding"); got != tc.encoding {
				t.Fatalf("Content-Encoding %q, want %q", got, tc.encoding)
			}
			if tc.encoding == "br" {
				if !bytes.Equal(w.Body.Bytes(), br) {
					t.Errorf("body is not the precompressed file")
				}
				if ct := w.Header().Get("Content-Type"); !strings.Contains(ct, "javascript") {
					t.Errorf("Content-Type %q, want the script's", ct)
				}
			}
			if v := w.Header().Get("Vary"); !strings.Contains(v, "Accept-Encoding") {
				t.Errorf("Vary %q lacks Accept-Encoding", v)
			}
		})
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"GZIP", true},
		{"deflate, gzip;q=0.5", true},
		{"gzip;q=0", false},
		{"gzip; q=0.0", false},
		{"br", false},
		{"*", true},
		{"identity, *;q=0", false},
	}
	for _, tc := range tests {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Accept-Encoding", tc.header)
		if got := acceptsGzip(r); got != tc.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}

// getAccepting fetches path with the Accept-Encoding header accept (none
// when empty) and fails the test unless it answers 200.
func getAccepting(t *testing.T, s *Server, path, accept string) *httptest.ResponseRecorder {
	t.Helper()
	h := map[string]string{}
	if accept != "" {
		h["Accept-Encoding"] = accept
	}
	w := s.do(t, req{path: path, headers: h})
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	return w
}
