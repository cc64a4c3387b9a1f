package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// runExtract runs `nexus extract args...` in-process.
func runExtract(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := newRootCmd()
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(append([]string{"extract"}, args...))
	err = cmd.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

// TestExtractJSONGolden pins the shape (and, for a small document, the
// content) of `nexus extract --json`. Regenerate after an intended change
// of the extractor with NEXUS_UPDATE_GOLDEN=1 go test ./cmd/nexus -run Golden.
func TestExtractJSONGolden(t *testing.T) {
	out, errOut, err := runExtract(t, "--json", "testdata/extract/briefing.md")
	if err != nil || errOut != "" {
		t.Fatalf("extract: %v, stderr %q", err, errOut)
	}
	const golden = "testdata/extract/briefing.golden.json"
	if os.Getenv("NEXUS_UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("output differs from %s (NEXUS_UPDATE_GOLDEN=1 to accept):\n%s", golden, out)
	}

	// The shape, independent of the extractor's current rules.
	var doc map[string][]map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not one JSON object: %v", err)
	}
	for _, key := range []string{"documents", "entities", "relations"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("no %q list", key)
		}
	}
	if len(doc["documents"]) != 1 {
		t.Fatalf("documents = %v", doc["documents"])
	}
	d := doc["documents"][0]
	if d["path"] != "testdata/extract/briefing.md" || d["title"] != "Golden briefing" || d["id"] == "" {
		t.Errorf("document = %v", d)
	}
	if _, ok := d["text"]; ok {
		t.Errorf("document text is in the output")
	}
	for _, e := range doc["entities"] {
		for _, k := range []string{"id", "name", "type", "aliases", "mentions"} {
			if _, ok := e[k]; !ok {
				t.Errorf("entity %v lacks %q", e["id"], k)
			}
		}
	}
	if len(doc["relations"]) == 0 {
		t.Fatal("no relations")
	}
	for _, r := range doc["relations"] {
		for _, k := range []string{"source", "target", "type", "confidence", "properties", "evidence"} {
			if _, ok := r[k]; !ok {
				t.Errorf("relation %v lacks %q", r["id"], k)
			}
		}
		for _, ev := range r["evidence"].([]any) {
			m := ev.(map[string]any)
			for _, k := range []string{"document", "sentence", "start", "end"} {
				if _, ok := m[k]; !ok {
					t.Errorf("evidence of %v lacks %q", r["id"], k)
				}
			}
		}
	}
}

func TestExtractReportsBadFilesAndGoesOn(t *testing.T) {
	out, errOut, err := runExtract(t, "testdata/extract/briefing.md", "testdata/extract/empty.txt", "testdata/extract/missing.pdf")
	if err == nil || err.Error() != "2 file(s) could not be read" {
		t.Errorf("error = %v, want the count of failed files", err)
	}
	wantErr := "testdata/extract/empty.txt: empty file\n" +
		"testdata/extract/missing.pdf: cannot read: no such file or directory: invalid input\n"
	if errOut != wantErr {
		t.Errorf("stderr =\n%s\nwant\n%s", errOut, wantErr)
	}
	for _, s := range []string{"DOCUMENTS (1)", "ENTITIES (", "RELATIONS (", "KOMID", "SANCTIONED", "briefing.md"} {
		if !strings.Contains(out, s) {
			t.Errorf("table lacks %q:\n%s", s, out)
		}
	}
}

func TestExtractLexiconDir(t *testing.T) {
	_, _, err := runExtract(t, "--lexicon-dir", t.TempDir(), "testdata/extract/briefing.md")
	if err == nil || !strings.Contains(err.Error(), "--lexicon-dir") {
		t.Errorf("empty lexicon dir: error = %v, want one naming --lexicon-dir", err)
	}
}
