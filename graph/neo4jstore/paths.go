package neo4jstore

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/nexus-graph/nexus/graph"
)

const defaultMaxHops = 4

// pathQuery builds the Cypher 5 shortest-path query for a mode, a number
// of paths, a hop bound and a set of (validated) relation types. Paths
// ignore direction; intermediate nodes must pass the entity-type filter.
func (s *Store) pathQuery(mode graph.PathMode, k, hops int, rels []graph.RelationType) string {
	alt := typeAlt(rels)
	key := "path:" + string(mode) + ":" + strconv.Itoa(k) + ":" + strconv.Itoa(hops) + ":" + alt
	return s.cached(key, func() string {
		sel := "SHORTEST 1"
		switch mode {
		case graph.AllShortest:
			sel = "ALL SHORTEST"
		case graph.KShortest:
			sel = "SHORTEST " + strconv.Itoa(k)
		}
		return `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = ` + sel + ` (a)(()-[r:` + alt + ` WHERE r.confidence >= $min]-(x:Entity WHERE size($etypes) = 0 OR x.type IN $etypes OR x.id = $to)){1,` + strconv.Itoa(hops) + `}(b)
RETURN [n IN nodes(p) | n ` + entityProjection + `] AS nodes,
  [n IN nodes(p) | ` + degreeExpr("n") + `] AS degrees,
  [r IN relationships(p) | r ` + relationProjection + `] AS rels`
	})
}

// Paths finds how two entities are connected. Every edge carries its
// evidence. Shortest returns at most one path; AllShortest every path of
// the minimum length (ordered by node ids); KShortest the K shortest simple
// paths (no repeated node) up to MaxHops, shortest first.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	mode := q.Mode
	if mode == "" {
		mode = graph.Shortest
	}
	hops := q.MaxHops
	if hops == 0 {
		hops = defaultMaxHops
	}
	if hops < 1 || hops > maxHops {
		return nil, fmt.Errorf("maxHops %d: must be 1..%d: %w", q.MaxHops, maxHops, graph.ErrInvalid)
	}
	k := 1
	switch mode {
	case graph.Shortest, graph.AllShortest:
	case graph.KShortest:
		k = q.K
		if k == 0 {
			k = 3
		}
		if k < 1 || k > maxK {
			return nil, fmt.Errorf("k %d: must be 1..%d: %w", q.K, maxK, graph.ErrInvalid)
		}
	default:
		return nil, fmt.Errorf("mode %q: must be shortest, all_shortest or k: %w", q.Mode, graph.ErrInvalid)
	}
	if q.From == "" || q.To == "" {
		return nil, fmt.Errorf("from/to: empty: %w", graph.ErrInvalid)
	}
	if q.From == q.To {
		return nil, fmt.Errorf("from/to: both are %q: %w", q.From, graph.ErrInvalid)
	}
	rels, ets, err := filterTypes(q.Filter)
	if err != nil {
		return nil, err
	}
	// Trails may revisit a node; ask for more and keep the simple paths.
	fetch := k
	if mode == graph.KShortest {
		fetch = min(3*k, 3*maxK)
	}
	query := s.pathQuery(mode, fetch, hops, rels)
	v, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		ends, err := collect(ctx, tx, `UNWIND [$from, $to] AS id OPTIONAL MATCH (e:Entity {id: id}) RETURN id, e IS NOT NULL`,
			map[string]any{"from": q.From, "to": q.To})
		if err != nil {
			return nil, err
		}
		for _, r := range ends {
			if ok, _ := r.Values[1].(bool); !ok {
				return nil, fmt.Errorf("entity %q: %w", str(r.Values[0]), graph.ErrNotFound)
			}
		}
		recs, err := collect(ctx, tx, query, map[string]any{"from": q.From, "to": q.To,
			"min": q.Filter.MinConfidence, "etypes": ets})
		if err != nil {
			return nil, err
		}
		var paths []graph.Path
		var ids []any
		seenRel := map[string]bool{}
		for _, r := range recs {
			var p graph.Path
			degrees, _ := r.Values[1].([]any)
			for i, n := range r.Values[0].([]any) {
				e := entityFrom(n)
				if i < len(degrees) {
					e.Degree = toInt(degrees[i])
				}
				p.Nodes = append(p.Nodes, e)
			}
			if !simple(p) {
				continue
			}
			for _, e := range r.Values[2].([]any) {
				rel := relationFrom(e)
				p.Edges = append(p.Edges, rel)
				if !seenRel[rel.ID] {
					seenRel[rel.ID] = true
					ids = append(ids, rel.ID)
				}
			}
			paths = append(paths, p)
		}
		ev, err := evidenceFor(ctx, tx, ids)
		if err != nil {
			return nil, err
		}
		for _, p := range paths {
			for i := range p.Edges {
				p.Edges[i].Evidence = ev[p.Edges[i].ID]
				if p.Edges[i].EvidenceCount == 0 {
					p.Edges[i].EvidenceCount = len(p.Edges[i].Evidence)
				}
			}
		}
		return paths, nil
	})
	if err != nil {
		return nil, fmt.Errorf("paths %q→%q: %w", q.From, q.To, err)
	}
	paths, _ := v.([]graph.Path)
	sort.SliceStable(paths, func(i, j int) bool {
		if paths[i].Len() != paths[j].Len() {
			return paths[i].Len() < paths[j].Len()
		}
		if mode == graph.AllShortest {
			return pathKey(paths[i]) < pathKey(paths[j])
		}
		return false
	})
	if len(paths) > k && mode != graph.AllShortest {
		paths = paths[:k]
	}
	if paths == nil {
		paths = []graph.Path{}
	}
	return paths, nil
}

func simple(p graph.Path) bool {
	seen := make(map[string]bool, len(p.Nodes))
	for _, n := range p.Nodes {
		if seen[n.ID] {
			return false
		}
		seen[n.ID] = true
	}
	return true
}

func pathKey(p graph.Path) string {
	ids := make([]string, len(p.Nodes))
	for i, n := range p.Nodes {
		ids[i] = n.ID
	}
	return strings.Join(ids, "\x00")
}
