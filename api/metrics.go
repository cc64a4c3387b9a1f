package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/nexus-graph/nexus/graph"
)

// metrics are the server's Prometheus collectors, on a registry of its own.
type metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	inFlight  prometheus.Gauge
	latency   *prometheus.HistogramVec
	storeTime *prometheus.HistogramVec
}

func newMetrics(reg *prometheus.Registry) *metrics {
	if reg == nil {
		reg = prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	m := &metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nexus_http_requests_total",
			Help: "HTTP requests by route template, method and status.",
		}, []string{"route", "method", "status"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "nexus_http_requests_in_flight",
			Help: "HTTP requests being served.",
		}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "nexus_http_request_duration_seconds",
			Help:    "HTTP request latency by route template, method and status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method", "status"}),
		storeTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "nexus_store_query_duration_seconds",
			Help:    "Graph store (Neo4j) call latency by operation and outcome.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"op", "outcome"}),
	}
	reg.MustRegister(m.requests, m.inFlight, m.latency, m.storeTime)
	return m
}

// middleware records every request under its route template ("unmatched"
// for the viewer fallback and unknown paths, keeping label cardinality
// bounded).
func (m *metrics) middleware(c *gin.Context) {
	start := time.Now()
	m.inFlight.Inc()
	defer m.inFlight.Dec()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	status := strconv.Itoa(c.Writer.Status())
	m.requests.WithLabelValues(route, c.Request.Method, status).Inc()
	m.latency.WithLabelValues(route, c.Request.Method, status).Observe(time.Since(start).Seconds())
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// observe times one store call.
func (m *metrics) observe(op string, start time.Time, err error) {
	outcome := "ok"
	switch {
	case err == nil:
	case errors.Is(err, graph.ErrNotFound):
		outcome = "not_found"
	case errors.Is(err, context.Canceled):
		outcome = "canceled"
	default:
		outcome = classify(err).code
	}
	m.storeTime.WithLabelValues(op, outcome).Observe(time.Since(start).Seconds())
}

// instrumentedStore is a graph.Store decorator that times every call.
type instrumentedStore struct {
	next graph.Store
	m    *metrics
}

func instrument(s graph.Store, m *metrics) graph.Store { return &instrumentedStore{next: s, m: m} }

func (s *instrumentedStore) Write(ctx context.Context, x graph.Extraction) (w graph.WriteStats, err error) {
	defer func(t time.Time) { s.m.observe("write", t, err) }(time.Now())
	return s.next.Write(ctx, x)
}

func (s *instrumentedStore) Search(ctx context.Context, q graph.SearchQuery) (r []graph.Entity, err error) {
	defer func(t time.Time) { s.m.observe("search", t, err) }(time.Now())
	return s.next.Search(ctx, q)
}

func (s *instrumentedStore) Entity(ctx context.Context, id string) (r graph.EntityDetail, err error) {
	defer func(t time.Time) { s.m.observe("entity", t, err) }(time.Now())
	return s.next.Entity(ctx, id)
}

func (s *instrumentedStore) Neighbors(ctx context.Context, q graph.NeighborQuery) (r graph.Subgraph, err error) {
	defer func(t time.Time) { s.m.observe("neighbors", t, err) }(time.Now())
	return s.next.Neighbors(ctx, q)
}

func (s *instrumentedStore) Paths(ctx context.Context, q graph.PathQuery) (r []graph.Path, err error) {
	defer func(t time.Time) { s.m.observe("paths", t, err) }(time.Now())
	return s.next.Paths(ctx, q)
}

func (s *instrumentedStore) Relation(ctx context.Context, id string) (r graph.Relation, err error) {
	defer func(t time.Time) { s.m.observe("relation", t, err) }(time.Now())
	return s.next.Relation(ctx, id)
}

func (s *instrumentedStore) Documents(ctx context.Context) (r []graph.Document, err error) {
	defer func(t time.Time) { s.m.observe("documents", t, err) }(time.Now())
	return s.next.Documents(ctx)
}

func (s *instrumentedStore) Document(ctx context.Context, id string) (r graph.Document, err error) {
	defer func(t time.Time) { s.m.observe("document", t, err) }(time.Now())
	return s.next.Document(ctx, id)
}

func (s *instrumentedStore) Stats(ctx context.Context) (r graph.Stats, err error) {
	defer func(t time.Time) { s.m.observe("stats", t, err) }(time.Now())
	return s.next.Stats(ctx)
}

func (s *instrumentedStore) RunReadOnly(ctx context.Context, query string, params map[string]any) (r graph.CypherResult, err error) {
	defer func(t time.Time) { s.m.observe("cypher", t, err) }(time.Now())
	return s.next.RunReadOnly(ctx, query, params)
}

func (s *instrumentedStore) Ping(ctx context.Context) (err error) {
	defer func(t time.Time) { s.m.observe("ping", t, err) }(time.Now())
	return s.next.Ping(ctx)
}

func (s *instrumentedStore) Close(ctx context.Context) error { return s.next.Close(ctx) }
