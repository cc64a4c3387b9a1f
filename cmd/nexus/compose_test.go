package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// No Docker engine runs on the CI machines, so compose.yaml is checked by
// reading it: the invariants the README promises, and that the command it
// gives the nexus container is one this binary accepts.
func TestComposeFile(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Services map[string]struct {
			Image       string            `yaml:"image"`
			Environment map[string]string `yaml:"environment"`
			Command     []string          `yaml:"command"`
			Volumes     []string          `yaml:"volumes"`
			Healthcheck *struct {
				Test []string `yaml:"test"`
			} `yaml:"healthcheck"`
			DependsOn map[string]struct {
				Condition string `yaml:"condition"`
			} `yaml:"depends_on"`
			Build *struct {
				Dockerfile string `yaml:"dockerfile"`
			} `yaml:"build"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	db, ok := doc.Services["neo4j"]
	if !ok {
		t.Fatal("compose.yaml: no neo4j service")
	}
	if db.Image != "neo4j:5.26-community" {
		t.Errorf("neo4j image = %q, want neo4j:5.26-community", db.Image)
	}
	if !strings.HasPrefix(db.Environment["NEO4J_AUTH"], "neo4j/${NEO4J_PASSWORD") {
		t.Errorf("NEO4J_AUTH = %q, want the password from the environment", db.Environment["NEO4J_AUTH"])
	}
	if db.Healthcheck == nil || !strings.Contains(strings.Join(db.Healthcheck.Test, " "), "RETURN 1") {
		t.Errorf("neo4j healthcheck must run a query, got %+v", db.Healthcheck)
	}
	// The database's own second line behind the API's plan check.
	for k, want := range map[string]string{
		"NEO4J_dbms_security_allow__csv__import__from__file__urls": "false",
		"NEO4J_db_memory_transaction_max":                          "256m",
		"NEO4J_dbms_memory_transaction_total_max":                  "384m",
		"NEO4J_db_transaction_timeout":                             "60s",
	} {
		if got := db.Environment[k]; got != want {
			t.Errorf("neo4j %s = %q, want %q", k, got, want)
		}
	}
	if !containsPrefix(db.Volumes, "neo4j-data:/data") {
		t.Errorf("neo4j data must live in a volume, got %v", db.Volumes)
	}
	app, ok := doc.Services["nexus"]
	if !ok {
		t.Fatal("compose.yaml: no nexus service")
	}
	if app.DependsOn["neo4j"].Condition != "service_healthy" {
		t.Errorf("nexus must wait for a healthy neo4j, got %+v", app.DependsOn)
	}
	if app.Environment["NEO4J_URI"] != "neo4j://neo4j:7687" {
		t.Errorf("nexus NEO4J_URI = %q", app.Environment["NEO4J_URI"])
	}
	if app.Build == nil {
		t.Fatal("nexus service is not built from the Dockerfile")
	}
	if _, err := os.Stat(filepath.Join("..", "..", app.Build.Dockerfile)); err != nil {
		t.Errorf("dockerfile: %v", err)
	}
	// The container's command must parse as a nexus invocation.
	root := newRootCmd()
	cmd, args, err := root.Find(app.Command)
	if err != nil {
		t.Fatalf("compose command %v: %v", app.Command, err)
	}
	if err := cmd.ParseFlags(args); err != nil {
		t.Fatalf("compose command %v: %v", app.Command, err)
	}
	if cmd.Name() != "serve" {
		t.Errorf("compose runs %q, want serve", cmd.Name())
	}
}

func containsPrefix(ss []string, p string) bool {
	for _, s := range ss {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
