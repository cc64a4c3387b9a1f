package main

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// config is everything the binary reads from flags and the environment.
// It is built once in main and passed down explicitly; nothing reads the
// environment after start-up.
type config struct {
	Neo4jURI      string
	Neo4jUser     string
	Neo4jPassword string
	Neo4jDatabase string
	// Neo4jCAFile is a PEM file of certificates to trust on bolt+s:// and
	// neo4j+s:// instead of the system's roots.
	Neo4jCAFile  string
	Addr         string
	APIToken     string
	QueryTimeout time.Duration
	// CypherUser/CypherPassword: optional read-only credentials for the
	// Cypher console (SECURITY.md).
	CypherUser     string
	CypherPassword string
	// NLPWorkers is how many spaCy worker processes ingest starts (0: one
	// per core); where several ingest processes or API replicas share a
	// machine, their workers together should not exceed its cores.
	NLPWorkers int

	// Serve-only settings (bindServeConfig).
	CORSOrigins    []string
	CypherRate     float64
	CypherBurst    int
	MaxBodyBytes   int64
	MaxIngestBytes int64
	RowCap         int
	AnswerBytes    int
	CypherSlots    int
	NodeLimit      int
	ShutdownGrace  time.Duration
}

// env returns the environment variable or a default.
func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

// bindConfig registers the connection flags, defaulting from the environment.
func bindConfig(fs *pflag.FlagSet, c *config) {
	fs.StringVar(&c.Neo4jURI, "neo4j-uri", env("NEO4J_URI", "neo4j://127.0.0.1:7687"), "Neo4j Bolt URI (env NEO4J_URI)")
	fs.StringVar(&c.Neo4jUser, "neo4j-user", env("NEO4J_USER", "neo4j"), "Neo4j user (env NEO4J_USER)")
	fs.StringVar(&c.Neo4jPassword, "neo4j-password", env("NEO4J_PASSWORD", ""), "Neo4j password; empty means no auth (env NEO4J_PASSWORD)")
	fs.StringVar(&c.Neo4jDatabase, "neo4j-database", env("NEO4J_DATABASE", "neo4j"), "Neo4j database name (env NEO4J_DATABASE)")
	fs.StringVar(&c.Neo4jCAFile, "neo4j-ca-file", env("NEO4J_CA_FILE", ""),
		"PEM certificates to trust for bolt+s:// or neo4j+s:// instead of the system's roots, e.g. a local server's <home>/certificates/bolt/public.crt (env NEO4J_CA_FILE)")
	fs.StringVar(&c.Addr, "addr", env("NEXUS_ADDR", "127.0.0.1:8080"), "HTTP listen address (env NEXUS_ADDR)")
	fs.StringVar(&c.APIToken, "api-token", env("NEXUS_API_TOKEN", ""), "bearer token for write endpoints; empty disables them (env NEXUS_API_TOKEN)")
	fs.DurationVar(&c.QueryTimeout, "query-timeout", 10*time.Second, "server-side timeout of one query")
	fs.StringVar(&c.CypherUser, "cypher-user", env("NEXUS_CYPHER_USER", ""),
		"Neo4j user for the Cypher console, ideally granted only reads; empty uses --neo4j-user (env NEXUS_CYPHER_USER)")
	fs.StringVar(&c.CypherPassword, "cypher-password", env("NEXUS_CYPHER_PASSWORD", ""),
		"password of --cypher-user (env NEXUS_CYPHER_PASSWORD)")
}

// bindNLPConfig registers --nlp-workers, for the commands that extract.
func bindNLPConfig(fs *pflag.FlagSet, c *config) {
	fs.IntVar(&c.NLPWorkers, "nlp-workers", int(envFloat("NEXUS_NLP_WORKERS", 0)),
		"spaCy worker processes to start; 0 means one per core (env NEXUS_NLP_WORKERS)")
}

// bindServeConfig registers the HTTP server's limits, defaulting from the
// environment where a deployment is likely to set them.
func bindServeConfig(fs *pflag.FlagSet, c *config) {
	fs.StringSliceVar(&c.CORSOrigins, "cors-origins", splitList(env("NEXUS_CORS_ORIGINS", "")),
		"comma-separated origins allowed to call the API from a browser; empty sends no CORS headers (env NEXUS_CORS_ORIGINS)")
	fs.Float64Var(&c.CypherRate, "cypher-rate", envFloat("NEXUS_CYPHER_RATE", 5),
		"sustained /api/cypher requests per second per client IP; negative disables the limit (env NEXUS_CYPHER_RATE)")
	fs.IntVar(&c.CypherBurst, "cypher-burst", 10, "burst of /api/cypher requests per client IP")
	fs.Int64Var(&c.MaxBodyBytes, "max-body", 1<<20, "largest JSON request body in bytes")
	fs.Int64Var(&c.MaxIngestBytes, "max-ingest-body", 32<<20, "largest POST /api/ingest body in bytes")
	fs.IntVar(&c.RowCap, "row-cap", 1000, "most rows a Cypher query returns")
	fs.IntVar(&c.AnswerBytes, "answer-bytes", int(envFloat("NEXUS_ANSWER_BYTES", 16<<20)),
		"largest Cypher answer in bytes, counted as rows stream in (env NEXUS_ANSWER_BYTES)")
	fs.IntVar(&c.CypherSlots, "cypher-concurrency", 2, "Cypher queries running at once over all clients")
	fs.IntVar(&c.NodeLimit, "node-limit", 500, "most nodes a neighbourhood returns")
	fs.DurationVar(&c.ShutdownGrace, "shutdown-grace", 20*time.Second, "how long in-flight requests may run after a stop signal")
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func envFloat(key string, def float64) float64 {
	if v, err := strconv.ParseFloat(env(key, ""), 64); err == nil {
		return v
	}
	return def
}

// validateServe checks the serve-only settings.
func (c *config) validateServe() error {
	for _, o := range c.CORSOrigins {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return fmt.Errorf("NEXUS_CORS_ORIGINS: %q is not an origin like https://example.org", o)
		}
	}
	if c.CypherBurst < 1 {
		return fmt.Errorf("--cypher-burst %d: must be at least 1", c.CypherBurst)
	}
	if c.MaxBodyBytes < 1024 || c.MaxIngestBytes < 1024 {
		return fmt.Errorf("--max-body/--max-ingest-body: must be at least 1024 bytes")
	}
	if c.RowCap < 1 || c.NodeLimit < 1 {
		return fmt.Errorf("--row-cap and --node-limit must be positive")
	}
	if c.AnswerBytes < 1024 {
		return fmt.Errorf("--answer-bytes (NEXUS_ANSWER_BYTES) %d: must be at least 1024", c.AnswerBytes)
	}
	if c.CypherSlots < 1 {
		return fmt.Errorf("--cypher-concurrency %d: must be at least 1", c.CypherSlots)
	}
	if (c.CypherUser == "") != (c.CypherPassword == "") {
		return fmt.Errorf("NEXUS_CYPHER_USER and NEXUS_CYPHER_PASSWORD: set both or neither")
	}
	if c.ShutdownGrace <= 0 {
		return fmt.Errorf("--shutdown-grace %s: must be positive", c.ShutdownGrace)
	}
	return c.validate()
}

// validate checks the configuration and names the offending setting.
// With no password given for the local default server, it takes the one
// `make run` made (localPassword).
func (c *config) validate() error {
	if c.NLPWorkers < 0 {
		return fmt.Errorf("--nlp-workers (NEXUS_NLP_WORKERS) %d: must be 0 (one per core) or more", c.NLPWorkers)
	}
	if c.Neo4jPassword == "" {
		c.Neo4jPassword, _ = localPassword(c.Neo4jURI)
	}
	u, err := url.Parse(c.Neo4jURI)
	if err != nil {
		return fmt.Errorf("NEO4J_URI %q: %w", c.Neo4jURI, err)
	}
	switch u.Scheme {
	case "neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc":
	default:
		return fmt.Errorf("NEO4J_URI %q: scheme must be neo4j:// or bolt:// (with optional +s/+ssc)", c.Neo4jURI)
	}
	if u.Host == "" {
		return fmt.Errorf("NEO4J_URI %q: no host", c.Neo4jURI)
	}
	if strings.TrimSpace(c.Neo4jDatabase) == "" {
		return fmt.Errorf("NEO4J_DATABASE: must not be empty")
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("NEXUS_ADDR %q: want host:port: %w", c.Addr, err)
	}
	if c.QueryTimeout <= 0 {
		return fmt.Errorf("--query-timeout %s: must be positive", c.QueryTimeout)
	}
	return nil
}
