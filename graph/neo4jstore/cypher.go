package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/nexus-graph/nexus/graph"
)

// maxTextInNode bounds long string properties (document text) shown in
// converted nodes.
const maxTextInNode = 500

// RunReadOnly runs analyst-written Cypher that must not write.
//
// The query passes a lexical guard (one statement; no administration
// commands, LOAD CSV, USE, IN TRANSACTIONS or procedures outside a small
// allow-list), then is EXPLAINed and refused with graph.ErrWriteRefused
// unless the server says its query type is read-only. It runs in a read
// transaction with the server-side timeout Config.QueryTimeout; at most
// Config.RowCap rows are read (Truncated says more existed). Values come
// back as plain JSON-able values; nodes, relationships and paths are also
// gathered into Graph.
func (s *Store) RunReadOnly(ctx context.Context, query string, params map[string]any) (graph.CypherResult, error) {
	start := time.Now()
	q, err := guard(query)
	if err != nil {
		return graph.CypherResult{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.QueryTimeout+5*time.Second)
	defer cancel()
	// A Go-side deadline shows up as whatever the driver was doing when it
	// hit (a connectivity error mid-read, say); it is a timeout all the same.
	fail := func(err error) (graph.CypherResult, error) {
		if ctx.Err() == context.DeadlineExceeded && !errors.Is(err, graph.ErrTimeout) {
			err = fmt.Errorf("%w: %w", graph.ErrTimeout, err)
		}
		return graph.CypherResult{}, fmt.Errorf("cypher: %w", err)
	}
	sess := s.cypherSession(ctx)
	defer sess.Close(ctx)
	tx, err := sess.BeginTransaction(ctx, neo4j.WithTxTimeout(s.cfg.QueryTimeout))
	if err != nil {
		return fail(mapError(err))
	}
	defer tx.Close(ctx) // rolls back: nothing here may commit

	res, err := tx.Run(ctx, explainPrefix+q, params)
	if err != nil {
		return fail(unprefix(mapError(err)))
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return fail(unprefix(mapError(err)))
	}
	if st := sum.StatementType(); st != neo4j.StatementTypeReadOnly {
		return graph.CypherResult{}, fmt.Errorf("cypher: the server classifies this query as %s; only read-only queries run here: %w", statementKind(st), graph.ErrWriteRefused)
	}
	if err := checkPlan(sum.Plan()); err != nil {
		return graph.CypherResult{}, fmt.Errorf("cypher: %w", err)
	}

	res, err = tx.Run(ctx, q, params)
	if err != nil {
		return fail(mapError(err))
	}
	keys, err := res.Keys()
	if err != nil {
		return fail(mapError(err))
	}
	out := graph.CypherResult{Columns: keys, Rows: [][]any{}}
	var raw [][]any
	size := 0
	for res.Next(ctx) {
		if len(raw) == s.cfg.RowCap {
			out.Truncated, out.TruncatedReason = true, fmt.Sprintf("row cap of %d rows", s.cfg.RowCap)
			break
		}
		row := res.Record().Values
		size += answerBytes(row)
		if size > s.cfg.AnswerBytes {
			out.Truncated, out.TruncatedReason = true, fmt.Sprintf("answer size cap of %s", byteSize(s.cfg.AnswerBytes))
			break
		}
		raw = append(raw, row)
	}
	if !out.Truncated {
		if err := res.Err(); err != nil {
			return fail(mapError(err))
		}
	}
	c := newConverter()
	for _, row := range raw {
		for _, v := range row {
			c.scan(v)
		}
	}
	if err := c.resolve(ctx, tx); err != nil {
		return fail(mapError(err))
	}
	for _, row := range raw {
		conv := make([]any, len(row))
		for i, v := range row {
			conv[i] = c.value(v)
		}
		out.Rows = append(out.Rows, conv)
	}
	out.Graph = c.subgraph()
	out.Elapsed = graph.Duration(time.Since(start))
	return out, nil
}

const explainPrefix = "EXPLAIN "

var positionRE = regexp.MustCompile(`\(line 1, column (\d+) \(offset: (\d+)\)\)`)

// unprefix makes the position in a server error message point into the
// analyst's query rather than into "EXPLAIN " + query.
func unprefix(err error) error {
	if !errors.Is(err, graph.ErrQuerySyntax) {
		return err
	}
	n := len(explainPrefix)
	msg := positionRE.ReplaceAllStringFunc(err.Error(), func(m string) string {
		sub := positionRE.FindStringSubmatch(m)
		col, _ := strconv.Atoi(sub[1])
		off, _ := strconv.Atoi(sub[2])
		return fmt.Sprintf("(line 1, column %d (offset: %d))", max(col-n, 1), max(off-n, 0))
	})
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		if j := strings.Index(l, `"`+explainPrefix); j >= 0 {
			lines[i] = l[:j+1] + l[j+1+n:]
			if i+1 < len(lines) {
				caret := lines[i+1]
				if k := strings.Index(caret, "^"); k >= j+1+n {
					lines[i+1] = caret[:k-n] + caret[k:]
				}
			}
		}
	}
	msg = strings.Join(lines, "\n")
	if s, ok := strings.CutPrefix(msg, graph.ErrQuerySyntax.Error()+": "); ok {
		msg = s
	}
	return fmt.Errorf("%w: %s", graph.ErrQuerySyntax, msg)
}

// converter turns driver values into JSON-able values and gathers the
// nodes and relationships it meets.
type converter struct {
	ids   map[string]string // node elementId → entity-style id
	nodes map[string]graph.Entity
	edges map[string]graph.Relation
	order []string // node ids in first-seen order
	eord  []string
	want  map[string]bool // endpoint elementIds not seen as nodes
}

func newConverter() *converter {
	return &converter{ids: map[string]string{}, nodes: map[string]graph.Entity{}, edges: map[string]graph.Relation{},
		want: map[string]bool{}}
}

// scan records node ids and the relationship endpoints still unknown.
func (c *converter) scan(v any) {
	switch x := v.(type) {
	case dbtype.Node:
		c.ids[x.ElementId] = nodeID(x.ElementId, x.Props)
	case dbtype.Relationship:
		c.want[x.StartElementId] = true
		c.want[x.EndElementId] = true
	case dbtype.Path:
		for _, n := range x.Nodes {
			c.scan(n)
		}
	case []any:
		for _, e := range x {
			c.scan(e)
		}
	case map[string]any:
		for _, e := range x {
			c.scan(e)
		}
	}
}

// resolve looks up the relationship endpoints that were not returned as
// nodes, in the same read transaction, and adds them to the graph.
func (c *converter) resolve(ctx context.Context, tx neo4j.ExplicitTransaction) error {
	var missing []any
	for e := range c.want {
		if _, ok := c.ids[e]; !ok {
			missing = append(missing, e)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	res, err := tx.Run(ctx, `UNWIND $ids AS eid MATCH (n) WHERE elementId(n) = eid
RETURN eid, n`, map[string]any{"ids": missing})
	if err != nil {
		return err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if n, ok := r.Values[1].(dbtype.Node); ok {
			c.ids[str(r.Values[0])] = nodeID(n.ElementId, n.Props)
			c.node(n) // endpoints belong in the drawn graph too
		}
	}
	return nil
}

func nodeID(elementID string, props map[string]any) string {
	for _, k := range []string{"id", "key"} {
		if s, ok := props[k].(string); ok && s != "" {
			return s
		}
	}
	return elementID
}

func (c *converter) endpoint(elementID string) string {
	if id, ok := c.ids[elementID]; ok {
		return id
	}
	return elementID
}

// value converts one driver value.
func (c *converter) value(v any) any {
	switch x := v.(type) {
	case nil, bool, string, float64, int64:
		return x
	case int:
		return int64(x)
	case []byte:
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = c.value(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = c.value(e)
		}
		return out
	case dbtype.Node:
		return c.node(x)
	case dbtype.Relationship:
		return c.relationship(x)
	case dbtype.Path:
		p := graph.Path{Nodes: make([]graph.Entity, len(x.Nodes)), Edges: make([]graph.Relation, len(x.Relationships))}
		for i, n := range x.Nodes {
			p.Nodes[i] = c.node(n)
		}
		for i, r := range x.Relationships {
			p.Edges[i] = c.relationship(r)
		}
		return p
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case dbtype.Date:
		return time.Time(x).Format("2006-01-02")
	case dbtype.LocalDateTime:
		return time.Time(x).Format("2006-01-02T15:04:05.999999999")
	case dbtype.LocalTime:
		return time.Time(x).Format("15:04:05.999999999")
	case dbtype.Time:
		return time.Time(x).Format("15:04:05.999999999Z07:00")
	case dbtype.Duration:
		return x.String()
	case dbtype.Point2D:
		return map[string]any{"srid": int64(x.SpatialRefId), "x": x.X, "y": x.Y}
	case dbtype.Point3D:
		return map[string]any{"srid": int64(x.SpatialRefId), "x": x.X, "y": x.Y, "z": x.Z}
	default:
		return fmt.Sprint(x)
	}
}

// plainProps converts properties, dropping the ones shown as fields and
// decoding the JSON "properties" string.
func (c *converter) plainProps(props map[string]any, skip ...string) map[string]any {
	out := map[string]any{}
	for k, v := range props {
		if k == "properties" {
			if m := decodeProps(v); m != nil {
				for pk, pv := range m {
					out[pk] = pv
				}
				continue
			}
		}
		if s, ok := v.(string); ok && len(s) > maxTextInNode {
			v = s[:maxTextInNode] + "…"
		}
		out[k] = c.value(v)
	}
	for _, k := range skip {
		delete(out, k)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (c *converter) node(n dbtype.Node) graph.Entity {
	id := nodeID(n.ElementId, n.Props)
	e := graph.Entity{ID: id, Aliases: strs(n.Props["aliases"]), Mentions: toInt(n.Props["mentions"])}
	e.Name = str(n.Props["name"])
	if e.Name == "" {
		e.Name = str(n.Props["title"])
	}
	if t := graph.EntityType(str(n.Props["type"])); t.Valid() {
		e.Type = t
	} else {
		labels := append([]string(nil), n.Labels...)
		sort.Strings(labels)
		for _, l := range labels {
			if l != "Entity" {
				e.Type = graph.EntityType(l)
				break
			}
		}
	}
	e.Properties = c.plainProps(n.Props, "id", "name", "type", "aliases", "mentions", "nameText")
	if _, ok := c.nodes[id]; !ok {
		c.order = append(c.order, id)
	}
	c.nodes[id] = e
	return e
}

func (c *converter) relationship(r dbtype.Relationship) graph.Relation {
	id := str(r.Props["id"])
	if id == "" {
		id = r.ElementId
	}
	rel := graph.Relation{ID: id, Source: c.endpoint(r.StartElementId), Target: c.endpoint(r.EndElementId),
		Type: graph.RelationType(r.Type), Confidence: toFloat(r.Props["confidence"]),
		EvidenceCount: toInt(r.Props["evidenceCount"])}
	rel.Properties = c.plainProps(r.Props, "id", "confidence", "evidenceCount")
	if _, ok := c.edges[id]; !ok {
		c.eord = append(c.eord, id)
	}
	c.edges[id] = rel
	return rel
}

func (c *converter) subgraph() graph.Subgraph {
	sg := graph.Subgraph{Nodes: []graph.Entity{}, Edges: []graph.Relation{}}
	for _, id := range c.order {
		sg.Nodes = append(sg.Nodes, c.nodes[id])
	}
	for _, id := range c.eord {
		sg.Edges = append(sg.Edges, c.edges[id])
	}
	return sg
}

// statementKind names the server's query classification in words ("w"
// alone means little to an analyst).
func statementKind(st neo4j.StatementType) string {
	switch st {
	case neo4j.StatementTypeWriteOnly:
		return "write-only"
	case neo4j.StatementTypeReadWrite:
		return "read-write"
	case neo4j.StatementTypeSchemaWrite:
		return "a schema change"
	default:
		return "not read-only"
	}
}

// answerBytes estimates how many bytes v takes in a JSON answer, from the
// sizes of its strings and the count of its scalars: cheap enough to run on
// every row as it streams, close enough to bound memory and body size.
func answerBytes(v any) int {
	switch x := v.(type) {
	case nil, bool, int64, float64, int:
		return 8
	case string:
		return len(x) + 2
	case []byte:
		return len(x)*4/3 + 2
	case []any:
		n := 2
		for _, e := range x {
			n += answerBytes(e) + 1
		}
		return n
	case map[string]any:
		n := 2
		for k, e := range x {
			n += len(k) + 4 + answerBytes(e)
		}
		return n
	case dbtype.Node:
		return 64 + answerBytes(x.Props)
	case dbtype.Relationship:
		return 96 + answerBytes(x.Props)
	case dbtype.Path:
		n := 16
		for _, e := range x.Nodes {
			n += answerBytes(e)
		}
		for _, e := range x.Relationships {
			n += answerBytes(e)
		}
		return n
	default:
		return 32
	}
}

// byteSize renders a byte count for messages ("16 MiB").
func byteSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
