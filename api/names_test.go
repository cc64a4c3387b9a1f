package api

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph"
)

// Path, neighbourhood and entity endpoints take what a person types — a
// name, an alias, a word of a name — where they take an id; a word that
// names several entities is a 409 with the candidates.
func TestEndpointsAcceptNames(t *testing.T) {
	s, st := fixtureServer(t, Config{}, Deps{})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	extra := fixtureEntity("Tepes Holdings", graph.Organization)
	alias := fixtureEntity("Crimson Brigade", graph.Organization)
	alias.Aliases = []string{"Red Brigade"}
	if _, err := st.Write(ctx, graph.Extraction{Entities: []graph.Entity{extra, alias}}); err != nil {
		t.Fatal(err)
	}
	q := url.QueryEscape
	t.Run("paths by names", func(t *testing.T) {
		w := get(t, s, "/api/paths?from="+q("Ruritania")+"&to="+q("vlad tepes"))
		if w.Code != http.StatusOK {
			t.Fatalf("status %d: %s", w.Code, w.Body.String())
		}
		res := decode[pathsResponse](t, w)
		if len(res.Paths) == 0 || res.Paths[0].Nodes[0].ID != "ruritania" || res.Paths[0].Nodes[len(res.Paths[0].Nodes)-1].ID != "vlad-tepes" {
			t.Errorf("paths = %+v", res.Paths)
		}
	})
	t.Run("entity by alias", func(t *testing.T) {
		w := get(t, s, "/api/entities/"+url.PathEscape("Red Brigade"))
		if w.Code != http.StatusOK {
			t.Fatalf("status %d: %s", w.Code, w.Body.String())
		}
		if d := decode[graph.EntityDetail](t, w); d.ID != "crimson-brigade" {
			t.Errorf("entity = %s, want crimson-brigade", d.ID)
		}
	})
	t.Run("neighbours by a word of the name", func(t *testing.T) {
		w := get(t, s, "/api/entities/"+url.PathEscape("syldavia")+"/neighbors")
		if w.Code != http.StatusOK {
			t.Fatalf("status %d: %s", w.Code, w.Body.String())
		}
	})
	t.Run("ambiguous word", func(t *testing.T) {
		w := get(t, s, "/api/paths?from="+q("tepes")+"&to=ruritania")
		e := wantError(t, w, http.StatusConflict, "ambiguous", "tepes")
		ids := map[string]bool{}
		for _, c := range e.Candidates {
			ids[c.ID] = true
		}
		if !ids["vlad-tepes"] || !ids["tepes-holdings"] {
			t.Errorf("candidates = %+v, want both Tepes entities", e.Candidates)
		}
	})
	t.Run("unknown name", func(t *testing.T) {
		wantError(t, get(t, s, "/api/entities/"+url.PathEscape("Atlantis")), http.StatusNotFound, "not_found", "Atlantis")
	})
}
