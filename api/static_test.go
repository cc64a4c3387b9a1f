package api

import (
	"net/http"
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
