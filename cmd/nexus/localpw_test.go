package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLocalPassword(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, ".nexus"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, localPasswordFile), []byte("s3cretpassword\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(root, "docs", "deep")
	if err := os.MkdirAll(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Chdir(sub)
	tests := []struct {
		uri, want string
	}{
		{"neo4j://127.0.0.1:7687", "s3cretpassword"},
		{"bolt://localhost:7687", "s3cretpassword"},
		{"neo4j://db.example.org:7687", ""}, // not the local server: never guessed
		{"bolt://127.0.0.1:19687", ""},
	}
	for _, tc := range tests {
		t.Run(tc.uri, func(t *testing.T) {
			pw, file := localPassword(tc.uri)
			if pw != tc.want {
				t.Errorf("password = %q (from %q), want %q", pw, file, tc.want)
			}
		})
	}
	c := &config{Neo4jURI: "neo4j://127.0.0.1:7687", Neo4jDatabase: "neo4j", Addr: "127.0.0.1:8080", QueryTimeout: 1}
	if err := c.validate(); err != nil || c.Neo4jPassword != "s3cretpassword" {
		t.Errorf("validate: %v, password %q", err, c.Neo4jPassword)
	}
	c = &config{Neo4jURI: "neo4j://127.0.0.1:7687", Neo4jPassword: "given", Neo4jDatabase: "neo4j", Addr: "127.0.0.1:8080", QueryTimeout: 1}
	if err := c.validate(); err != nil || c.Neo4jPassword != "given" {
		t.Errorf("a given password must win: %v, %q", err, c.Neo4jPassword)
	}
}
