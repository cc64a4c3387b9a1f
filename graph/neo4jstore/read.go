package neo4jstore

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/nexus-graph/nexus/graph"
)

// Limits of the read queries.
const (
	defaultSearchLimit   = 20
	maxSearchLimit       = 500
	defaultNeighborLimit = 200
	maxNeighborLimit     = 5000
	maxDepth             = 3
	maxHops              = 6
	maxK                 = 20
	maxEntityDocuments   = 500
)

// collect runs one query in tx and returns its records.
func collect(ctx context.Context, tx neo4j.ManagedTransaction, q string, p map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, q, p)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// luceneQuery turns user text into a full-text query: terms are split
// like the standard analyzer does, escaped, all required, and the last one
// is a prefix. It returns "" when the text holds no term.
func luceneQuery(text string) string {
	terms := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(terms) == 0 {
		return ""
	}
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('+')
		b.WriteString(escapeLucene(t))
		if i == len(terms)-1 {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// escapeLucene backslash-escapes Lucene's query syntax characters.
func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func entityTypesParam(ts []graph.EntityType) ([]any, error) {
	out := make([]any, 0, len(ts))
	for _, t := range ts {
		if !t.Valid() {
			return nil, fmt.Errorf("types: entity type %q: %w", t, graph.ErrInvalid)
		}
		out = append(out, string(t))
	}
	return out, nil
}

// fulltext returns the first cand entities of the full-text index for the
// Lucene query lq, of the given types (all when empty), with their score
// and degree.
func (s *Store) fulltext(ctx context.Context, lq string, types []any, cand int) ([]*neo4j.Record, error) {
	v, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, `CALL db.index.fulltext.queryNodes('`+fulltextIndex+`', $q) YIELD node, score
WHERE size($types) = 0 OR node.type IN $types
WITH node, score LIMIT $cand
RETURN node `+entityProjection+` AS e, score, `+degreeExpr("node")+` AS degree`,
			map[string]any{"q": lq, "types": types, "cand": int64(cand)})
	})
	if err != nil {
		return nil, err
	}
	return v.([]*neo4j.Record), nil
}

// Search finds entities by name or alias. Exact name matches come first,
// then name prefixes, exact aliases, alias prefixes, then the rest in
// full-text score order; when those are fewer than the limit, spelling
// variants follow (variants.go). Alias and variant hits say what matched.
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) ([]graph.Entity, error) {
	limit := q.Limit
	if limit == 0 {
		limit = defaultSearchLimit
	}
	if limit < 0 || limit > maxSearchLimit {
		return nil, fmt.Errorf("limit %d: must be 1..%d: %w", q.Limit, maxSearchLimit, graph.ErrInvalid)
	}
	types, err := entityTypesParam(q.Types)
	if err != nil {
		return nil, err
	}
	lq := luceneQuery(q.Text)
	if lq == "" {
		return nil, fmt.Errorf("text %q: no searchable term: %w", q.Text, graph.ErrInvalid)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		return nil, err
	}
	cand := max(limit*5, 100)
	records, err := s.fulltext(ctx, lq, types, cand)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	type hit struct {
		e     graph.Entity
		tier  int
		score float64
	}
	want := graph.EntityID(q.Text)
	var hits []hit
	seen := map[string]bool{}
	for _, r := range records {
		e := entityFrom(r.Values[0])
		e.Degree = toInt(r.Values[2])
		tier := matchTier(want, e)
		if tier == 2 || tier == 3 {
			e.Matched, e.MatchedBy = matchedAlias(want, e), graph.MatchedAlias
		}
		seen[e.ID] = true
		hits = append(hits, hit{e: e, tier: tier, score: toFloat(r.Values[1])})
	}
	// Fewer hits than asked: spelling and transliteration variants, after
	// every direct match.
	if terms := queryTerms(q.Text); len(hits) < limit {
		if fq := fuzzyQuery(terms); fq != "" {
			variants, err := s.fulltext(ctx, fq, types, cand)
			if err != nil {
				return nil, fmt.Errorf("search %q for variants: %w", q.Text, err)
			}
			for _, r := range variants {
				e := entityFrom(r.Values[0])
				if seen[e.ID] {
					continue
				}
				name := variantName(terms, e)
				if name == "" {
					continue
				}
				e.Degree = toInt(r.Values[2])
				e.Matched, e.MatchedBy = name, graph.MatchedVariant
				seen[e.ID] = true
				hits = append(hits, hit{e: e, tier: 5, score: toFloat(r.Values[1])})
			}
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.tier != b.tier {
			return a.tier < b.tier
		}
		if a.score != b.score {
			return a.score > b.score
		}
		if a.e.Mentions != b.e.Mentions {
			return a.e.Mentions > b.e.Mentions
		}
		if len(a.e.Name) != len(b.e.Name) {
			return len(a.e.Name) < len(b.e.Name)
		}
		return a.e.ID < b.e.ID
	})
	out := make([]graph.Entity, 0, min(limit, len(hits)))
	for i := 0; i < len(hits) && i < limit; i++ {
		out = append(out, hits[i].e)
	}
	return out, nil
}

// matchTier ranks how e's names match the normalised query want:
// 0 exact name, 1 name prefix, 2 exact alias, 3 alias prefix, 4 other.
func matchTier(want string, e graph.Entity) int {
	name := graph.EntityID(e.Name)
	switch {
	case want == "":
		return 4
	case name == want:
		return 0
	case strings.HasPrefix(name, want):
		return 1
	}
	tier := 4
	for _, a := range e.Aliases {
		n := graph.EntityID(a)
		if n == want {
			return 2
		}
		if strings.HasPrefix(n, want) {
			tier = 3
		}
	}
	return tier
}

func (s *Store) degreeByTypeExpr() string {
	return s.cached("degreeByType", func() string {
		parts := make([]string, 0, len(graph.RelationTypes()))
		for _, t := range graph.RelationTypes() {
			parts = append(parts, fmt.Sprintf("%s: COUNT { (e)-[:%s]-() }", t, t))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	})
}

// Entity returns one entity with its degree per relation type and the
// documents that mention it.
func (s *Store) Entity(ctx context.Context, id string) (graph.EntityDetail, error) {
	v, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, `MATCH (e:Entity {id: $id})
RETURN e `+entityProjection+` AS e, `+degreeExpr("e")+` AS degree, `+s.degreeByTypeExpr()+` AS byType`,
			map[string]any{"id": id})
		if err != nil || len(recs) == 0 {
			return nil, err
		}
		docs, err := collect(ctx, tx, `MATCH (d:Document)-[:MENTIONS]->(:Entity {id: $id})
RETURN d `+documentProjection+` AS d ORDER BY d.title, d.id LIMIT $max`,
			map[string]any{"id": id, "max": int64(maxEntityDocuments)})
		if err != nil {
			return nil, err
		}
		return append(recs, docs...), nil
	})
	if err != nil {
		return graph.EntityDetail{}, fmt.Errorf("entity %q: %w", id, err)
	}
	recs, _ := v.([]*neo4j.Record)
	if len(recs) == 0 {
		return graph.EntityDetail{}, fmt.Errorf("entity %q: %w", id, graph.ErrNotFound)
	}
	d := graph.EntityDetail{Entity: entityFrom(recs[0].Values[0]), DegreeByType: map[graph.RelationType]int{},
		Documents: []graph.Document{}}
	d.Degree = toInt(recs[0].Values[1])
	byType, _ := recs[0].Values[2].(map[string]any)
	for k, n := range byType {
		if c := toInt(n); c > 0 {
			d.DegreeByType[graph.RelationType(k)] = c
		}
	}
	for _, r := range recs[1:] {
		d.Documents = append(d.Documents, documentFrom(r.Values[0]))
	}
	return d, nil
}

// filterTypes validates f and returns the relation types to follow.
func filterTypes(f graph.Filter) ([]graph.RelationType, []any, error) {
	var rels []graph.RelationType
	seen := map[graph.RelationType]bool{}
	add := func(t graph.RelationType) {
		if !seen[t] {
			seen[t] = true
			rels = append(rels, t)
		}
	}
	for _, t := range f.RelationTypes {
		if !t.Valid() {
			return nil, nil, fmt.Errorf("relationTypes: relation type %q: %w", t, graph.ErrInvalid)
		}
		add(t)
	}
	if len(rels) == 0 {
		for _, t := range graph.RelationTypes() {
			if t != graph.MentionedWith {
				add(t)
			}
		}
	}
	if f.IncludeWeak {
		add(graph.MentionedWith)
	}
	sort.Slice(rels, func(i, j int) bool { return rels[i] < rels[j] })
	ets, err := entityTypesParam(f.EntityTypes)
	if err != nil {
		return nil, nil, fmt.Errorf("entityTypes: %w", err)
	}
	if f.MinConfidence < 0 || f.MinConfidence > 1 {
		return nil, nil, fmt.Errorf("minConfidence %v: must be 0..1: %w", f.MinConfidence, graph.ErrInvalid)
	}
	return rels, ets, nil
}

// typeAlt joins valid relation types into a pattern alternative "A|B".
func typeAlt(ts []graph.RelationType) string {
	ss := make([]string, len(ts))
	for i, t := range ts {
		if !t.Valid() { // defensive: callers validated already
			panic("neo4jstore: unvalidated relation type " + string(t))
		}
		ss[i] = string(t)
	}
	return strings.Join(ss, "|")
}

// expandQuery builds the query that finds the next BFS level.
func (s *Store) expandQuery(dir graph.Direction, rels []graph.RelationType) string {
	alt := typeAlt(rels)
	return s.cached("expand:"+string(dir)+":"+alt, func() string {
		var sym, directed []graph.RelationType
		for _, t := range rels {
			if t.Symmetric() || dir == graph.Both {
				sym = append(sym, t)
			} else {
				directed = append(directed, t)
			}
		}
		var parts []string
		if len(directed) > 0 {
			l, r := "-", "->"
			if dir == graph.Incoming {
				l, r = "<-", "-"
			}
			parts = append(parts, "MATCH (a)"+l+"[r:"+typeAlt(directed)+"]"+r+"(b:Entity) RETURN r, b")
		}
		if len(sym) > 0 {
			parts = append(parts, "MATCH (a)-[r:"+typeAlt(sym)+"]-(b:Entity) RETURN r, b")
		}
		return `UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})
CALL (a) {
  ` + strings.Join(parts, "\n  UNION ALL\n  ") + `
}
WITH r, b WHERE r.confidence >= $min AND NOT b.id IN $seen AND (size($etypes) = 0 OR b.type IN $etypes)
WITH b, max(r.confidence) AS w, count(r) AS k
RETURN b.id AS id ORDER BY w DESC, k DESC, id LIMIT $cap`
	})
}

// Neighbors returns the subgraph around an entity, breadth first, up to
// q.Limit nodes besides the centre; Truncated says more were reachable.
func (s *Store) Neighbors(ctx context.Context, q graph.NeighborQuery) (graph.Subgraph, error) {
	depth := q.Depth
	if depth == 0 {
		depth = 1
	}
	if depth < 1 || depth > maxDepth {
		return graph.Subgraph{}, fmt.Errorf("depth %d: must be 1..%d: %w", q.Depth, maxDepth, graph.ErrInvalid)
	}
	dir := q.Direction
	if dir == "" {
		dir = graph.Both
	}
	if dir != graph.Both && dir != graph.Outgoing && dir != graph.Incoming {
		return graph.Subgraph{}, fmt.Errorf("direction %q: must be both, out or in: %w", q.Direction, graph.ErrInvalid)
	}
	limit := q.Limit
	if limit == 0 {
		limit = defaultNeighborLimit
	}
	if limit < 0 || limit > maxNeighborLimit {
		return graph.Subgraph{}, fmt.Errorf("limit %d: must be 1..%d: %w", q.Limit, maxNeighborLimit, graph.ErrInvalid)
	}
	rels, ets, err := filterTypes(q.Filter)
	if err != nil {
		return graph.Subgraph{}, err
	}
	if q.ID == "" {
		return graph.Subgraph{}, fmt.Errorf("id: empty: %w", graph.ErrInvalid)
	}
	expand := s.expandQuery(dir, rels)
	v, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		centre, err := collect(ctx, tx, `MATCH (e:Entity {id: $id}) RETURN e.id`, map[string]any{"id": q.ID})
		if err != nil || len(centre) == 0 {
			return nil, err
		}
		ids := []any{q.ID}
		frontier := []any{q.ID}
		truncated := false
		for level := 0; level < depth && len(frontier) > 0; level++ {
			remaining := limit - (len(ids) - 1)
			recs, err := collect(ctx, tx, expand, map[string]any{"frontier": frontier, "seen": ids,
				"min": q.Filter.MinConfidence, "etypes": ets, "cap": int64(remaining + 1)})
			if err != nil {
				return nil, err
			}
			if len(recs) > remaining {
				truncated = true
				recs = recs[:remaining]
			}
			frontier = frontier[:0:0]
			for _, r := range recs {
				frontier = append(frontier, r.Values[0])
			}
			ids = append(ids, frontier...)
			if truncated {
				break
			}
		}
		return s.subgraph(ctx, tx, ids, rels, q.Filter.MinConfidence, truncated)
	})
	if err != nil {
		return graph.Subgraph{}, fmt.Errorf("neighbors of %q: %w", q.ID, err)
	}
	if v == nil {
		return graph.Subgraph{}, fmt.Errorf("entity %q: %w", q.ID, graph.ErrNotFound)
	}
	return v.(graph.Subgraph), nil
}

// subgraph loads the nodes ids (in that order) and the edges among them
// of the given types with at least minConf.
func (s *Store) subgraph(ctx context.Context, tx neo4j.ManagedTransaction, ids []any, rels []graph.RelationType, minConf float64, truncated bool) (graph.Subgraph, error) {
	sg := graph.Subgraph{Nodes: []graph.Entity{}, Edges: []graph.Relation{}, Truncated: truncated}
	recs, err := collect(ctx, tx, `UNWIND range(0, size($ids) - 1) AS i
MATCH (e:Entity {id: $ids[i]})
RETURN e `+entityProjection+` AS e, `+degreeExpr("e")+` AS degree ORDER BY i`, map[string]any{"ids": ids})
	if err != nil {
		return sg, err
	}
	for _, r := range recs {
		e := entityFrom(r.Values[0])
		e.Degree = toInt(r.Values[1])
		sg.Nodes = append(sg.Nodes, e)
	}
	alt := typeAlt(rels)
	q := s.cached("edges:"+alt, func() string {
		return `UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r:` + alt + `]->(b:Entity)
WHERE r.confidence >= $min AND b.id IN $ids
RETURN r ` + relationProjection + ` AS r ORDER BY r.id`
	})
	recs, err = collect(ctx, tx, q, map[string]any{"ids": ids, "min": minConf})
	if err != nil {
		return sg, err
	}
	for _, r := range recs {
		sg.Edges = append(sg.Edges, relationFrom(r.Values[0]))
	}
	return sg, nil
}

// relationByIDQuery finds a relationship by id among all types (or type
// t) through the relation_<type>_id indexes: the way to relations no
// evidence points at.
func (s *Store) relationByIDQuery(t graph.RelationType) string {
	key := "relById:" + string(t)
	return s.cached(key, func() string {
		ts := []graph.RelationType{t}
		if t == "" {
			ts = graph.RelationTypes()
		}
		parts := make([]string, len(ts))
		for i, t := range ts {
			parts[i] = "MATCH ()-[r:" + typeAlt([]graph.RelationType{t}) + " {id: $id}]->() RETURN r " + relationProjection + " AS r"
		}
		return strings.Join(parts, "\nUNION ALL\n")
	})
}

// relationByEndpointsQuery finds the relation of type t with id $id
// between $source and $target (the Entity.id constraint, then an expand).
func (s *Store) relationByEndpointsQuery(t graph.RelationType) string {
	return s.cached("relByEnds:"+string(t), func() string {
		return "MATCH (:Entity {id: $source})-[r:" + typeAlt([]graph.RelationType{t}) +
			" {id: $id}]->(:Entity {id: $target}) RETURN r " + relationProjection + " AS r"
	})
}

// Relation returns one relation with all its evidence. Its evidence
// (Evidence.relationId index) names its document, whose relation lists
// give its type and endpoints (Evidence written by earlier versions
// carries them itself).
func (s *Store) Relation(ctx context.Context, id string) (graph.Relation, error) {
	v, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, `MATCH (ev:Evidence {relationId: $id})
WITH ev ORDER BY ev.source IS NULL LIMIT 1
OPTIONAL MATCH (d:Document {id: ev.documentId})
WITH ev, d, CASE WHEN ev.source IS NULL AND d.relationSources IS NOT NULL THEN d.relationIds ELSE [] END AS ids
WITH ev, d, [k IN range(0, size(ids) - 1) WHERE ids[k] = $id][0] AS k
RETURN coalesce(ev.relType, d.relationTypes[k]), coalesce(ev.source, d.relationSources[k]),
  coalesce(ev.target, d.relationTargets[k])`, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		var t graph.RelationType
		var src, dst string
		if len(recs) > 0 {
			t = graph.RelationType(str(recs[0].Values[0]))
			if !t.Valid() {
				t = ""
			}
			src, dst = str(recs[0].Values[1]), str(recs[0].Values[2])
		}
		q, p := s.relationByIDQuery(t), map[string]any{"id": id}
		if t != "" && src != "" && dst != "" {
			q, p = s.relationByEndpointsQuery(t), map[string]any{"id": id, "source": src, "target": dst}
		}
		recs, err = collect(ctx, tx, q, p)
		if err != nil || len(recs) == 0 {
			return nil, err
		}
		r := relationFrom(recs[0].Values[0])
		ev, err := evidenceFor(ctx, tx, []any{id})
		if err != nil {
			return nil, err
		}
		r.Evidence = ev[id]
		return r, nil
	})
	if err != nil {
		return graph.Relation{}, fmt.Errorf("relation %q: %w", id, err)
	}
	if v == nil {
		return graph.Relation{}, fmt.Errorf("relation %q: %w", id, graph.ErrNotFound)
	}
	return v.(graph.Relation), nil
}

// evidenceFor loads the evidence of the relations ids, by relation id,
// ordered by document title and offset.
func evidenceFor(ctx context.Context, tx neo4j.ManagedTransaction, ids []any) (map[string][]graph.Evidence, error) {
	out := map[string][]graph.Evidence{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := collect(ctx, tx, `UNWIND $ids AS rid
MATCH (ev:Evidence {relationId: rid})
MATCH (d:Document {id: ev.documentId})
RETURN rid, ev `+evidenceProjection+` AS ev ORDER BY rid, d.title, ev.documentId, ev.start`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		rid := str(r.Values[0])
		out[rid] = append(out[rid], evidenceFrom(r.Values[1]))
	}
	return out, nil
}

const documentCounts = `COUNT { (d)-[:MENTIONS]->() } AS entities,
  coalesce(size(d.relationIds), COUNT { MATCH (d)<-[:FROM]-(ev:Evidence) WITH DISTINCT ev.relationId AS rid RETURN rid }) AS relations`

// Documents lists the stored documents (without text), newest first.
func (s *Store) Documents(ctx context.Context) ([]graph.Document, error) {
	v, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, `MATCH (d:Document)
RETURN d `+documentProjection+` AS d, `+documentCounts+`
ORDER BY d.ingestedAt DESC, d.title, d.id`, nil)
	})
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	out := []graph.Document{}
	for _, r := range v.([]*neo4j.Record) {
		d := documentFrom(r.Values[0])
		d.EntityCount, d.RelationCount = toInt(r.Values[1]), toInt(r.Values[2])
		out = append(out, d)
	}
	return out, nil
}

// Document returns one document with its text.
func (s *Store) Document(ctx context.Context, id string) (graph.Document, error) {
	v, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, `MATCH (d:Document {id: $id})
RETURN d {.id, .title, .path, .format, .chars, .ingestedAt, .text} AS d, `+documentCounts, map[string]any{"id": id})
	})
	if err != nil {
		return graph.Document{}, fmt.Errorf("document %q: %w", id, err)
	}
	recs := v.([]*neo4j.Record)
	if len(recs) == 0 {
		return graph.Document{}, fmt.Errorf("document %q: %w", id, graph.ErrNotFound)
	}
	d := documentFrom(recs[0].Values[0])
	d.EntityCount, d.RelationCount = toInt(recs[0].Values[1]), toInt(recs[0].Values[2])
	return d, nil
}

func (s *Store) statsQuery() string {
	return s.cached("stats", func() string {
		var rel, ent []string
		for _, t := range graph.RelationTypes() {
			rel = append(rel, fmt.Sprintf("%s: COUNT { ()-[:%s]->() }", t, t))
		}
		for _, t := range graph.EntityTypes() {
			ent = append(ent, fmt.Sprintf("%s: COUNT { (:%s) }", t, t))
		}
		return `RETURN COUNT { (:Document) } AS documents, COUNT { (:Entity) } AS entities,
  COUNT { (:Evidence) } AS evidence, {` + strings.Join(rel, ", ") + `} AS rels, {` + strings.Join(ent, ", ") + `} AS ents`
	})
}

// Stats counts what the graph holds.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	v, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, s.statsQuery(), nil)
	})
	if err != nil {
		return graph.Stats{}, fmt.Errorf("stats: %w", err)
	}
	r := v.([]*neo4j.Record)[0]
	st := graph.Stats{
		Documents:       toInt(r.Values[0]),
		Entities:        toInt(r.Values[1]),
		Evidence:        toInt(r.Values[2]),
		EntitiesByType:  map[graph.EntityType]int{},
		RelationsByType: map[graph.RelationType]int{},
	}
	for k, n := range r.Values[3].(map[string]any) {
		if c := toInt(n); c > 0 {
			st.RelationsByType[graph.RelationType(k)] = c
			st.Relations += c
		}
	}
	for k, n := range r.Values[4].(map[string]any) {
		if c := toInt(n); c > 0 {
			st.EntitiesByType[graph.EntityType(k)] = c
		}
	}
	return st, nil
}
