// Package neo4jtest tells tests where the real Neo4j test server is.
//
// `make test` (and CI) start a Neo4j 5.26 Community server with auth disabled
// and export its Bolt URI as NEXUS_TEST_NEO4J_URI, e.g. bolt://127.0.0.1:17687.
// To get one while developing:
//
//	go run ./cmd/nexus neo4j start --home /tmp/nexus-neo4j-dev-$USER --bolt 127.0.0.1:17687 --no-auth
//	export NEXUS_TEST_NEO4J_URI=bolt://127.0.0.1:17687
//
// The package has no driver dependency (so any package, including
// graph/neo4jstore, can use it in tests without an import cycle). Community
// Edition has a single user database: run DB packages with `go test -p 1`
// and let each test wipe what it needs.
package neo4jtest

import (
	"os"
	"testing"
)

// Environment variables read by this package.
const (
	URIEnv      = "NEXUS_TEST_NEO4J_URI"
	PasswordEnv = "NEXUS_TEST_NEO4J_PASSWORD"
	UserEnv     = "NEXUS_TEST_NEO4J_USER"
	// TLSCAEnv names the test server's own certificate when it also
	// accepts TLS (`nexus neo4j start --tls`): <home>/certificates/bolt/public.crt.
	TLSCAEnv = "NEXUS_TEST_NEO4J_TLS_CA"
)

// URI returns the Bolt URI of the test server. When NEXUS_TEST_NEO4J_URI is
// unset it fails the test if CI=true (a CI run must not silently skip DB
// tests) and skips it otherwise, saying how to start a server.
func URI(t testing.TB) string {
	t.Helper()
	return required(t, URIEnv, "start a server with `go run ./cmd/nexus neo4j start --home /tmp/nexus-neo4j-dev-$USER --bolt 127.0.0.1:17687 --no-auth` and export "+URIEnv+"=bolt://127.0.0.1:17687")
}

// required returns the environment variable key; unset, it fails the test
// in CI (a CI run must not silently skip what needs the server) and skips
// it otherwise, saying how to set it.
func required(t testing.TB, key, how string) string {
	t.Helper()
	if v := os.Getenv(key); v != "" {
		return v
	}
	msg := key + " is not set; " + how
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// User returns the test server's user: NEXUS_TEST_NEO4J_USER or "neo4j".
func User() string {
	if u := os.Getenv(UserEnv); u != "" {
		return u
	}
	return "neo4j"
}

// Password returns NEXUS_TEST_NEO4J_PASSWORD; empty (the default) means the
// test server runs without authentication.
func Password() string { return os.Getenv(PasswordEnv) }

// TLSCAFile returns the certificate file of a test server that accepts
// TLS (NEXUS_TEST_NEO4J_TLS_CA). Unset, it fails the test in CI (make test
// starts its server with --tls) and skips it otherwise.
func TLSCAFile(t testing.TB) string {
	t.Helper()
	return required(t, TLSCAEnv, "start the test server with `nexus neo4j start ... --tls` and export "+TLSCAEnv+"=<home>/certificates/bolt/public.crt")
}
