package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/nexus-graph/nexus/graph"
)

// errorWriter answers a request with the mapped error.
type errorWriter func(c *gin.Context, err error)

// graphHandler serves the read endpoints.
type graphHandler struct {
	store   graph.Reader
	cfg     Config
	failure errorWriter
}

// ctx bounds one request's store calls by the query timeout; it is also
// cancelled when the client goes away.
func (h *graphHandler) ctx(c *gin.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request.Context(), h.cfg.QueryTimeout)
}

type searchResponse struct {
	Results []graph.Entity `json:"results"`
}

func (h *graphHandler) search(c *gin.Context) {
	p := newParams(c.Request.URL.Query())
	q := graph.SearchQuery{
		Text:  p.str("q", true, 200),
		Types: p.entityTypes("types"),
		Limit: p.limit("limit", 10, h.cfg.SearchLimit),
	}
	if p.err != nil {
		h.failure(c, p.err)
		return
	}
	answer(h, c, func(ctx context.Context) (searchResponse, error) {
		res, err := h.store.Search(ctx, q)
		return searchResponse{Results: nonNil(res)}, err
	})
}

// byName retries a query that did not find an entity id with the entity
// the given names or aliases stand for (graph.ResolveEntity): the viewer
// sends ids, people type names. An ambiguous name is a 409 with the
// candidates.
func byName[T any](ctx context.Context, r graph.Reader, refs []*string, run func() (T, error)) (T, error) {
	v, err := run()
	if !errors.Is(err, graph.ErrNotFound) {
		return v, err
	}
	changed := false
	for _, ref := range refs {
		e, rerr := graph.ResolveEntity(ctx, r, *ref)
		if rerr != nil {
			return v, rerr
		}
		if e.ID != *ref {
			*ref, changed = e.ID, true
		}
	}
	if !changed {
		return v, err
	}
	return run()
}

func (h *graphHandler) entity(c *gin.Context) {
	lookup(h, c, func(ctx context.Context, id string) (graph.EntityDetail, error) {
		return byName(ctx, h.store, []*string{&id}, func() (graph.EntityDetail, error) { return h.store.Entity(ctx, id) })
	}, func(d *graph.EntityDetail) {
		// Empty collections are [] and {} in JSON, never null.
		if d.DegreeByType == nil {
			d.DegreeByType = map[graph.RelationType]int{}
		}
		d.Documents = nonNil(d.Documents)
	})
}

func (h *graphHandler) neighbors(c *gin.Context) {
	id, err := pathID("id", c.Param("id"))
	if err != nil {
		h.failure(c, err)
		return
	}
	p := newParams(c.Request.URL.Query())
	q := graph.NeighborQuery{
		ID:        id,
		Depth:     p.intRange("depth", 1, 1, h.cfg.MaxDepth),
		Direction: p.direction("direction"),
		Filter:    p.filter(),
		Limit:     p.limit("limit", 50, h.cfg.NodeLimit),
	}
	if p.err != nil {
		h.failure(c, p.err)
		return
	}
	answer(h, c, func(ctx context.Context) (graph.Subgraph, error) {
		sg, err := byName(ctx, h.store, []*string{&q.ID}, func() (graph.Subgraph, error) { return h.store.Neighbors(ctx, q) })
		return normSubgraph(sg), err
	})
}

type pathsResponse struct {
	Paths []graph.Path `json:"paths"`
}

func (h *graphHandler) paths(c *gin.Context) {
	p := newParams(c.Request.URL.Query())
	q := graph.PathQuery{
		From:    p.str("from", true, maxIDLen),
		To:      p.str("to", true, maxIDLen),
		Mode:    p.mode("mode"),
		K:       p.intRange("k", 3, 1, 10),
		MaxHops: p.intRange("maxHops", min(4, h.cfg.MaxHops), 1, h.cfg.MaxHops),
		Filter:  p.filter(),
	}
	if p.err != nil {
		h.failure(c, p.err)
		return
	}
	if q.Mode != graph.KShortest {
		q.K = 1
	}
	answer(h, c, func(ctx context.Context) (pathsResponse, error) {
		ps, err := byName(ctx, h.store, []*string{&q.From, &q.To}, func() ([]graph.Path, error) { return h.store.Paths(ctx, q) })
		for i := range ps {
			ps[i].Nodes = nonNil(ps[i].Nodes)
			ps[i].Edges = nonNil(ps[i].Edges)
		}
		return pathsResponse{Paths: nonNil(ps)}, err
	})
}

// answer runs one store query with the request's context (bounded by the
// query timeout, cancelled when the client goes away) and writes its
// result as JSON, or its error through the error table.
func answer[T any](h *graphHandler, c *gin.Context, query func(context.Context) (T, error)) {
	ctx, cancel := h.ctx(c)
	defer cancel()
	v, err := query(ctx)
	if err != nil {
		h.failure(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// lookup answers GET .../:id for one stored thing: the id is validated,
// then the thing fetched and (after an optional touch-up) answered.
func lookup[T any](h *graphHandler, c *gin.Context, get func(context.Context, string) (T, error), touch func(*T)) {
	id, err := pathID("id", c.Param("id"))
	if err != nil {
		h.failure(c, err)
		return
	}
	answer(h, c, func(ctx context.Context) (T, error) {
		v, err := get(ctx, id)
		if err == nil && touch != nil {
			touch(&v)
		}
		return v, err
	})
}

func (h *graphHandler) relation(c *gin.Context) { lookup(h, c, h.store.Relation, nil) }

type documentsResponse struct {
	Documents []graph.Document `json:"documents"`
}

func (h *graphHandler) documents(c *gin.Context) {
	answer(h, c, func(ctx context.Context) (documentsResponse, error) {
		ds, err := h.store.Documents(ctx)
		for i := range ds {
			ds[i].Text = "" // listings leave the text out
		}
		return documentsResponse{Documents: nonNil(ds)}, err
	})
}

func (h *graphHandler) document(c *gin.Context) { lookup(h, c, h.store.Document, nil) }

func (h *graphHandler) stats(c *gin.Context) { answer(h, c, h.store.Stats) }

type schemaRelation struct {
	graph.RelationSpec
	Count int `json:"count"`
}

type schemaResponse struct {
	EntityTypes   []graph.EntityType `json:"entityTypes"`
	RelationTypes []schemaRelation   `json:"relationTypes"`
}

func (h *graphHandler) schema(c *gin.Context) {
	answer(h, c, func(ctx context.Context) (schemaResponse, error) {
		st, err := h.store.Stats(ctx)
		out := schemaResponse{EntityTypes: graph.EntityTypes()}
		for _, spec := range graph.Vocabulary() {
			out.RelationTypes = append(out.RelationTypes, schemaRelation{RelationSpec: spec, Count: st.RelationsByType[spec.Type]})
		}
		return out, err
	})
}

// cypherHandler runs read-only Cypher.
type cypherHandler struct {
	runner  graph.CypherRunner
	cfg     Config
	failure errorWriter
}

type cypherRequest struct {
	Query  string         `json:"query"`
	Params map[string]any `json:"params"`
}

const maxCypherLen = 64 << 10

func (h *cypherHandler) run(c *gin.Context) {
	var req cypherRequest
	if err := decodeJSON(c.Request.Body, &req); err != nil {
		h.failure(c, err)
		return
	}
	req.Query = strings.TrimSpace(req.Query)
	switch {
	case req.Query == "":
		h.failure(c, badParam("query", "required"))
		return
	case len(req.Query) > maxCypherLen:
		h.failure(c, newPublic(graph.ErrTooLarge, "query of %d bytes exceeds %d bytes", len(req.Query), maxCypherLen))
		return
	}
	params, err := normParams(req.Params)
	if err != nil {
		h.failure(c, err)
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), h.cfg.QueryTimeout)
	defer cancel()
	res, err := h.runner.RunReadOnly(ctx, req.Query, params)
	if err != nil {
		h.failure(c, err)
		return
	}
	if len(res.Rows) > h.cfg.RowCap {
		res.Rows = res.Rows[:h.cfg.RowCap]
		res.Truncated, res.TruncatedReason = true, fmt.Sprintf("row cap of %d rows", h.cfg.RowCap)
	}
	res.Columns = nonNil(res.Columns)
	res.Rows = nonNil(res.Rows)
	res.Graph = normSubgraph(res.Graph)
	writeCypherJSON(c, res)
}

// writeCypherJSON writes a Cypher answer row by row: encoding/json builds
// a whole value in memory before writing it, and an answer may be as big
// as the byte cap; one row at a time, the buffer is a row.
func writeCypherJSON(c *gin.Context, res graph.CypherResult) {
	c.Header("Content-Type", "application/json; charset=utf-8")
	c.Status(http.StatusOK)
	w := c.Writer
	part := func(prefix string, v any) bool {
		b, err := json.Marshal(v)
		if err != nil {
			// Values come from the store's converter, all JSON-able; a
			// failure here leaves a truncated body that no client parses.
			return false
		}
		if _, err := io.WriteString(w, prefix); err != nil {
			return false
		}
		_, err = w.Write(b)
		return err == nil
	}
	if !part(`{"columns":`, res.Columns) {
		return
	}
	sep := `,"rows":[`
	for _, row := range res.Rows {
		if !part(sep, row) {
			return
		}
		sep = ","
	}
	if len(res.Rows) == 0 {
		if _, err := io.WriteString(w, sep); err != nil {
			return
		}
	}
	tail := struct {
		Graph           graph.Subgraph `json:"graph"`
		Truncated       bool           `json:"truncated"`
		TruncatedReason string         `json:"truncatedReason,omitempty"`
		Elapsed         graph.Duration `json:"elapsedMs"`
	}{res.Graph, res.Truncated, res.TruncatedReason, res.Elapsed}
	b, err := json.Marshal(tail)
	if err != nil {
		return
	}
	// tail is an object; splice its fields after the rows.
	_, _ = io.WriteString(w, "],")
	_, _ = w.Write(b[1:])
}

// decodeJSON reads one JSON object from a size-limited body.
func decodeJSON(body io.Reader, v any) error {
	dec := json.NewDecoder(body)
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bodyError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err != nil {
			return bodyError(err)
		}
		return newPublic(graph.ErrInvalid, "request body: want exactly one JSON object")
	}
	return nil
}

// bodyError classifies a failure to read or decode a request body.
func bodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return newPublic(graph.ErrTooLarge, "request body exceeds the limit of %d bytes", mbe.Limit)
	}
	if errors.Is(err, io.EOF) {
		return newPublic(graph.ErrInvalid, "request body: empty, want a JSON object")
	}
	return newPublic(graph.ErrInvalid, "request body: %v", err)
}

// Bounds on Cypher parameters: the server recurses on nested values (a
// list 5,000 levels deep overflowed its stack), and every value is work a
// query can loop over.
const (
	maxParamDepth  = 8
	maxParamValues = 10000
)

// normParams turns JSON numbers into int64 where integral (so LIMIT $n
// works) and float64 otherwise, recursively, and refuses parameters nested
// deeper than maxParamDepth or holding more than maxParamValues values.
func normParams(in map[string]any) (map[string]any, error) {
	if len(in) > 256 {
		return nil, badParam("params", "too many parameters (%d, at most 256)", len(in))
	}
	budget := maxParamValues
	out := make(map[string]any, len(in))
	for k, v := range in {
		nv, err := normValue(v, 1, &budget)
		if err != nil {
			return nil, badParam("params", "%s: %v", k, err)
		}
		out[k] = nv
	}
	return out, nil
}

func normValue(v any, depth int, budget *int) (any, error) {
	if depth > maxParamDepth {
		return nil, fmt.Errorf("nested deeper than %d levels", maxParamDepth)
	}
	if *budget--; *budget < 0 {
		return nil, fmt.Errorf("more than %d values in all parameters", maxParamValues)
	}
	switch t := v.(type) {
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return i, nil
		}
		f, err := t.Float64()
		if err != nil {
			return nil, fmt.Errorf("number %s out of range", t)
		}
		return f, nil
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			ne, err := normValue(e, depth+1, budget)
			if err != nil {
				return nil, err
			}
			out[i] = ne
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			ne, err := normValue(e, depth+1, budget)
			if err != nil {
				return nil, err
			}
			out[k] = ne
		}
		return out, nil
	default:
		return v, nil
	}
}

// ingestHandler accepts documents for the ingest pipeline.
type ingestHandler struct {
	ingester Ingester
	cfg      Config
	failure  errorWriter
}

type ingestJSON struct {
	Documents []struct {
		Name string `json:"name"`
		Text string `json:"text"`
	} `json:"documents"`
}

const maxIngestDocs = 1000

func (h *ingestHandler) ingest(c *gin.Context) {
	if h.ingester == nil {
		h.failure(c, newPublic(graph.ErrDisabled, "ingest is not available on this server"))
		return
	}
	docs, err := h.readDocs(c)
	if err != nil {
		h.failure(c, err)
		return
	}
	// Ingest runs to completion once accepted, bounded by its own timeout
	// rather than the read-query timeout.
	ctx, cancel := context.WithTimeout(c.Request.Context(), h.cfg.IngestTimeout)
	defer cancel()
	sum, err := h.ingester.Ingest(ctx, docs)
	if err != nil {
		h.failure(c, err)
		return
	}
	c.JSON(http.StatusOK, sum)
}

func (h *ingestHandler) readDocs(c *gin.Context) ([]IngestDoc, error) {
	ct := c.ContentType()
	var docs []IngestDoc
	switch ct {
	case "application/json":
		var req ingestJSON
		if err := decodeJSON(c.Request.Body, &req); err != nil {
			return nil, err
		}
		for i, d := range req.Documents {
			if strings.TrimSpace(d.Name) == "" {
				return nil, badParam(fmt.Sprintf("documents[%d].name", i), "required")
			}
			docs = append(docs, IngestDoc{Name: d.Name, Data: []byte(d.Text)})
		}
	case "multipart/form-data":
		mr, err := c.Request.MultipartReader()
		if err != nil {
			return nil, newPublic(graph.ErrInvalid, "request body: %v", err)
		}
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, bodyError(err)
			}
			d, err := readPart(part)
			if err != nil {
				return nil, err
			}
			if d != nil {
				docs = append(docs, *d)
			}
			if len(docs) > maxIngestDocs {
				return nil, newPublic(graph.ErrTooLarge, "more than %d documents in one request", maxIngestDocs)
			}
		}
	default:
		return nil, newPublic(graph.ErrInvalid,
			"Content-Type %q: want multipart/form-data (field \"files\") or application/json ({documents:[{name,text}]})", ct)
	}
	if len(docs) == 0 {
		return nil, badParam("files", "no documents in the request")
	}
	if len(docs) > maxIngestDocs {
		return nil, newPublic(graph.ErrTooLarge, "more than %d documents in one request", maxIngestDocs)
	}
	return docs, nil
}

func readPart(part *multipart.Part) (*IngestDoc, error) {
	defer part.Close()
	if part.FormName() != "files" {
		_, err := io.Copy(io.Discard, part)
		if err != nil {
			return nil, bodyError(err)
		}
		return nil, nil
	}
	name := part.FileName()
	if name == "" {
		return nil, badParam("files", "each part needs a file name")
	}
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, part); err != nil {
		return nil, bodyError(err)
	}
	return &IngestDoc{Name: name, Data: buf.Bytes()}, nil
}

// healthHandler answers the probes.
type healthHandler struct {
	pinger  interface{ Ping(context.Context) error }
	timeout time.Duration
	failure errorWriter
}

type statusResponse struct {
	Status string `json:"status"`
}

func (h *healthHandler) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, statusResponse{Status: "ok"})
}

func (h *healthHandler) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), h.timeout)
	defer cancel()
	if err := h.pinger.Ping(ctx); err != nil {
		// Always 503 (not 504): the probe asks "can I send traffic?".
		h.failure(c, fmt.Errorf("readiness: %w (%v)", graph.ErrUnavailable, err))
		return
	}
	c.JSON(http.StatusOK, statusResponse{Status: "ready"})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func normSubgraph(sg graph.Subgraph) graph.Subgraph {
	sg.Nodes = nonNil(sg.Nodes)
	sg.Edges = nonNil(sg.Edges)
	return sg
}
