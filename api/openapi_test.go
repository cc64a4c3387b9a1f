package api

import (
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var ginParam = regexp.MustCompile(`:([A-Za-z]+)`)

// TestOpenAPICoversRoutes walks gin's routes: every /api route must be in
// openapi.json with its method, and every documented operation must exist.
func TestOpenAPICoversRoutes(t *testing.T) {
	s := newTestServer(t, Config{}, Deps{Store: closedStore(t)})
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	w := get(t, s, "/api/openapi.json")
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("GET /api/openapi.json: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi %q, want 3.x", doc.OpenAPI)
	}
	routes := map[string]bool{}
	for _, r := range s.Routes() {
		if !isAPIPath(r.Path) {
			continue
		}
		p := ginParam.ReplaceAllString(r.Path, "{$1}")
		key := strings.ToLower(r.Method) + " " + p
		routes[key] = true
		if _, ok := doc.Paths[p][strings.ToLower(r.Method)]; !ok {
			t.Errorf("route %s %s is not in openapi.json", r.Method, p)
		}
	}
	var documented []string
	for p, ops := range doc.Paths {
		for m := range ops {
			key := m + " " + p
			documented = append(documented, key)
			if !routes[key] {
				t.Errorf("openapi.json documents %s, which is not a route", key)
			}
		}
	}
	sort.Strings(documented)
	if len(documented) < 12 {
		t.Errorf("only %d operations documented: %v", len(documented), documented)
	}
	// Path parameters in the document match the template's.
	for p := range doc.Paths {
		if strings.Contains(p, ":") {
			t.Errorf("path %s uses gin syntax; want {param}", p)
		}
	}
}
