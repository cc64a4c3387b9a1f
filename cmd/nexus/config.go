package main

import (
	"fmt"
	"net"
	"net/url"
	"os"
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
	Addr          string
	APIToken      string
	QueryTimeout  time.Duration
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
	fs.StringVar(&c.Addr, "addr", env("NEXUS_ADDR", "127.0.0.1:8080"), "HTTP listen address (env NEXUS_ADDR)")
	fs.StringVar(&c.APIToken, "api-token", env("NEXUS_API_TOKEN", ""), "bearer token for write endpoints; empty disables them (env NEXUS_API_TOKEN)")
	fs.DurationVar(&c.QueryTimeout, "query-timeout", 10*time.Second, "server-side timeout of one query")
}

// validate checks the configuration and names the offending setting.
func (c *config) validate() error {
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
