package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ErrAmbiguous: a name stands for several entities (409).
var ErrAmbiguous = errors.New("ambiguous name")

// AmbiguousError names the query and the entities it could mean.
type AmbiguousError struct {
	Query      string
	Candidates []Entity
}

func (e *AmbiguousError) Error() string {
	names := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		names[i] = fmt.Sprintf("%s (%s, id %s)", c.Name, c.Type, c.ID)
	}
	return fmt.Sprintf("%q could be %s: give one of the ids", e.Query, strings.Join(names, ", "))
}

// Unwrap makes errors.Is(err, ErrAmbiguous) true.
func (e *AmbiguousError) Unwrap() error { return ErrAmbiguous }

// resolveCandidates is how many search hits ResolveEntity weighs.
const resolveCandidates = 5

// ResolveEntity turns what a user typed — an id, a name or an alias — into
// one entity: the id as given, then the id the name would have, then the
// search. A search hit whose name or alias is what was typed (ignoring case
// and punctuation) wins when it is the only such hit; otherwise a single hit
// wins; several hits and no exact one, or several exact ones, are an
// *AmbiguousError listing them.
func ResolveEntity(ctx context.Context, r Reader, s string) (Entity, error) {
	s = strings.TrimSpace(s)
	for _, id := range []string{s, EntityID(s)} {
		if id == "" {
			continue
		}
		d, err := r.Entity(ctx, id)
		if err == nil {
			return d.Entity, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return Entity{}, err
		}
	}
	hits, err := r.Search(ctx, SearchQuery{Text: s, Limit: resolveCandidates})
	if err != nil {
		return Entity{}, fmt.Errorf("search %q: %w", s, err)
	}
	switch len(hits) {
	case 0:
		return Entity{}, fmt.Errorf("no entity matches %q: %w", s, ErrNotFound)
	case 1:
		return hits[0], nil
	}
	want := EntityID(s)
	var exact []Entity
	for _, h := range hits {
		for _, n := range append([]string{h.Name}, h.Aliases...) {
			if EntityID(n) == want {
				exact = append(exact, h)
				break
			}
		}
	}
	if len(exact) == 1 {
		return exact[0], nil
	}
	if len(exact) > 1 {
		hits = exact
	}
	return Entity{}, &AmbiguousError{Query: s, Candidates: hits}
}
