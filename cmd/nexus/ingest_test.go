package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/internal/neo4jtest"
	"github.com/nexus-graph/nexus/internal/storetest"
)

// TestIngestCommand runs `nexus ingest` against the test server: the
// good files are stored, the bad one is reported on stderr, the summary
// line is printed, the exit status says a file failed, and a second run
// stores nothing new.
func TestIngestCommand(t *testing.T) {
	store := storetest.Open(t)
	uri := neo4jtest.URI(t)
	ctx := context.Background()

	dir := t.TempDir()
	for name, body := range map[string]string{
		"briefing.md": "# Note\n\nThe UN Security Council sanctioned KOMID.\n",
		"more.txt":    "Log\n\nNorth Korea supplied Syria with missile parts.\n",
		"bad.pdf":     "%PDF-1.4\ntruncated",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func() (string, string, error) {
		cmd := newRootCmd()
		var out, errOut bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(&errOut)
		cmd.SetArgs([]string{"ingest", "--neo4j-uri", uri, "--neo4j-password", neo4jtest.Password(), "--wait", "30s", dir})
		err := cmd.ExecuteContext(ctx)
		return out.String(), errOut.String(), err
	}

	out, _, err := run()
	if err == nil || err.Error() != "1 file(s) could not be ingested" {
		t.Errorf("error = %v, want one failed file", err)
	}
	line := regexp.MustCompile(`^documents 2, skipped 0 \(0 unchanged, not extracted\), entities \d+, relations \d+, evidence \d+, errors 1, elapsed \S+\n$`)
	if !line.MatchString(out) {
		t.Errorf("summary line = %q", out)
	}
	st, err := store.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 || st.Relations == 0 {
		t.Errorf("stats = %+v, want 2 documents with relations", st)
	}

	out, _, _ = run()
	if !strings.HasPrefix(out, "documents 0, skipped 2 (2 unchanged, not extracted), entities 0, relations 0, evidence 0, errors 1,") {
		t.Errorf("second run summary = %q, want nothing new", out)
	}
}
