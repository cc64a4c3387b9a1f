package api

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/nexus-graph/nexus/graph"
)

// maxIDLen bounds path ids (entity, relation, document).
const maxIDLen = 256

// params reads and validates query parameters. Every error names the
// parameter and says what is wrong; it wraps graph.ErrInvalid (400).
type params struct {
	q   url.Values
	err error
}

func newParams(q url.Values) *params { return &params{q: q} }

func (p *params) fail(err error) {
	if p.err == nil {
		p.err = err
	}
}

// str returns a trimmed parameter, checking it is present when required and
// at most max bytes long.
func (p *params) str(name string, required bool, max int) string {
	v := strings.TrimSpace(p.q.Get(name))
	switch {
	case v == "" && required:
		p.fail(badParam(name, "required"))
	case len(v) > max:
		p.fail(badParam(name, "longer than %d bytes", max))
	}
	return v
}

// intRange parses an integer that must lie in [lo, hi].
func (p *params) intRange(name string, def, lo, hi int) int {
	raw := strings.TrimSpace(p.q.Get(name))
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		p.fail(badParam(name, "want an integer %d..%d, got %q", lo, hi, raw))
		return def
	}
	if n < lo || n > hi {
		p.fail(badParam(name, "must be %d..%d, got %d", lo, hi, n))
		return def
	}
	return n
}

// limit parses a positive result limit; values over max are clamped.
func (p *params) limit(name string, def, max int) int {
	raw := strings.TrimSpace(p.q.Get(name))
	if raw == "" {
		return min(def, max)
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		p.fail(badParam(name, "want a positive integer (at most %d), got %q", max, raw))
		return def
	}
	return min(n, max)
}

// confidence parses a number in [0, 1].
func (p *params) confidence(name string) float64 {
	raw := strings.TrimSpace(p.q.Get(name))
	if raw == "" {
		return 0
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > 1 {
		p.fail(badParam(name, "want a number 0..1, got %q", raw))
		return 0
	}
	return f
}

// boolean parses true/false/1/0.
func (p *params) boolean(name string) bool {
	raw := strings.TrimSpace(p.q.Get(name))
	if raw == "" {
		return false
	}
	b, err := strconv.ParseBool(raw)
	if err != nil {
		p.fail(badParam(name, "want true or false, got %q", raw))
	}
	return b
}

// list splits comma-separated values of possibly repeated parameters.
func (p *params) list(name string) []string {
	var out []string
	for _, v := range p.q[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	if len(out) > 64 {
		p.fail(badParam(name, "too many values (%d, at most 64)", len(out)))
		return nil
	}
	return out
}

// relationTypes checks every value against the relation vocabulary, so no
// request text can reach a relationship type in Cypher.
func (p *params) relationTypes(name string) []graph.RelationType {
	var out []graph.RelationType
	for _, s := range p.list(name) {
		t, err := graph.ParseRelationType(s)
		if err != nil {
			p.fail(badParam(name, "%v", err))
			return nil
		}
		out = append(out, t)
	}
	return out
}

// entityTypes checks every value against the entity types.
func (p *params) entityTypes(name string) []graph.EntityType {
	var out []graph.EntityType
	for _, s := range p.list(name) {
		t, err := graph.ParseEntityType(s)
		if err != nil {
			p.fail(badParam(name, "%v", err))
			return nil
		}
		out = append(out, t)
	}
	return out
}

// direction parses both|out|in (default both).
func (p *params) direction(name string) graph.Direction {
	switch raw := strings.ToLower(strings.TrimSpace(p.q.Get(name))); raw {
	case "", "both":
		return graph.Both
	case "out", "outgoing":
		return graph.Outgoing
	case "in", "incoming":
		return graph.Incoming
	default:
		p.fail(badParam(name, "want both, out or in, got %q", raw))
		return graph.Both
	}
}

// mode parses shortest|all_shortest|k (default shortest).
func (p *params) mode(name string) graph.PathMode {
	switch raw := strings.ToLower(strings.TrimSpace(p.q.Get(name))); raw {
	case "", "shortest":
		return graph.Shortest
	case "all_shortest", "all-shortest", "allshortest":
		return graph.AllShortest
	case "k", "kshortest", "k_shortest":
		return graph.KShortest
	default:
		p.fail(badParam(name, "want shortest, all_shortest or k, got %q", raw))
		return graph.Shortest
	}
}

// filter reads the common edge/node filter parameters.
func (p *params) filter() graph.Filter {
	return graph.Filter{
		RelationTypes: p.relationTypes("rel"),
		EntityTypes:   p.entityTypes("types"),
		MinConfidence: p.confidence("minConfidence"),
		IncludeWeak:   p.boolean("includeWeak"),
	}
}

// pathID validates an id taken from the URL path.
func pathID(name, id string) (string, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return "", badParam(name, "required")
	}
	if len(id) > maxIDLen {
		return "", badParam(name, "longer than %d bytes", maxIDLen)
	}
	return id, nil
}
