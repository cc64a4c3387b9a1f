package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/extract"
)

var (
	extOnce sync.Once
	extX    *extract.Extractor
	extErr  error
)

// testExtractor is the embedded extractor, built once per test binary.
func testExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	extOnce.Do(func() { extX, extErr = extract.Default() })
	if extErr != nil {
		t.Fatalf("extract.Default: %v", extErr)
	}
	return extX
}

const (
	goodMD = `# Shipment report

KOMID sold missile components to the SSRC in 2016.

North Korea supplied Syria with ballistic missile parts.
`
	goodTXT  = "Sanctions update\r\n\r\nThe UN Security Council sanctioned KOMID.\r\n"
	goodHTML = `<!doctype html><html><head><title>Interdiction</title></head><body>
<nav><a href="/">Home</a></nav>
<article><h1>Interdiction</h1><p>Israel intercepted the freighter Francop off Cyprus. The ship carried Iranian rockets for Hezbollah.</p>
<p>Iran supplied Hezbollah with rockets through Syria for many years, officials said.</p></article>
<footer>Footer text</footer></body></html>`
)

// writeTree creates files (relative path → content) under a new temp dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readerPDF(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("reader/testdata/good/report.pdf")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestExtractPathsOneBadFile(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.md":               goodMD,
		"a-copy.md":          goodMD, // same bytes: one document, the first in walk order
		"b.txt":              goodTXT,
		"sub/c.html":         goodHTML,
		"sub/deeper/d.pdf":   readerPDF(t),
		"sub/bad.txt":        "Caf\xe9 in Damascus",
		"sub/photo.png":      "\x89PNG\r\n\x1a\n\x00\x00", // not a document extension: not read
		".hidden.txt":        "hidden file, never read",
		".git/notes.txt":     "git internals, never read",
		"sub/.cache/old.txt": "hidden directory, never read",
	})
	p := &Pipeline{Extractor: testExtractor(t)}
	x, errs := p.ExtractPaths(context.Background(), []string{dir})

	if len(errs) != 1 {
		t.Fatalf("errors = %v, want exactly one (sub/bad.txt)", errs)
	}
	bad := filepath.Join(dir, "sub", "bad.txt")
	if want := bad + ": invalid UTF-8 at byte offset 3"; errs[0].Error() != want {
		t.Errorf("error = %q, want %q", errs[0].Error(), want)
	}
	if errs[0].Path != bad || !errors.Is(errs[0], graph.ErrInvalid) {
		t.Errorf("error %#v: want path %s wrapping ErrInvalid", errs[0], bad)
	}

	var paths []string
	for _, d := range x.Documents {
		rel, _ := filepath.Rel(dir, d.Path)
		paths = append(paths, filepath.ToSlash(rel))
	}
	slices.Sort(paths)
	if want := []string{"a-copy.md", "b.txt", "sub/c.html", "sub/deeper/d.pdf"}; !slices.Equal(paths, want) {
		t.Fatalf("documents = %v, want %v", paths, want)
	}
	formats := map[string]string{}
	for _, d := range x.Documents {
		raw, err := os.ReadFile(d.Path)
		if err != nil {
			t.Fatal(err)
		}
		if d.ID != graph.DocumentID(raw) {
			t.Errorf("%s: id %s is not the hash of its bytes", d.Path, d.ID)
		}
		if d.Chars != utf8.RuneCountInString(d.Text) || d.Chars == 0 {
			t.Errorf("%s: chars %d for a text of %d runes", d.Path, d.Chars, utf8.RuneCountInString(d.Text))
		}
		formats[filepath.Base(d.Path)] = d.Format
	}
	if want := map[string]string{"a-copy.md": "md", "b.txt": "txt", "c.html": "html", "d.pdf": "pdf"}; !mapsEqual(formats, want) {
		t.Errorf("formats = %v, want %v", formats, want)
	}
	for _, d := range x.Documents {
		if strings.Contains(d.Text, "Footer text") || strings.Contains(d.Text, "\r") {
			t.Errorf("%s: text not cleaned: %q", d.Path, d.Text)
		}
	}
	checkEvidenceOffsets(t, x)

	// The good files were extracted: relations from each of them.
	for _, want := range []struct{ src, typ, dst string }{
		{"komid", "SUPPLIES", "ssrc"},                  // a.md
		{"un-security-council", "SANCTIONED", "komid"}, // b.txt
		{"israel", "INTERCEPTED", "francop"},           // c.html
	} {
		if !hasRelation(x, want.src, graph.RelationType(want.typ), want.dst) {
			t.Errorf("no relation %s %s %s", want.src, want.typ, want.dst)
		}
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func hasRelation(x graph.Extraction, src string, typ graph.RelationType, dst string) bool {
	id := graph.RelationID(src, typ, dst)
	for _, r := range x.Relations {
		if r.ID == id {
			return true
		}
	}
	return false
}

// checkEvidenceOffsets asserts every evidence sentence sits at its
// offsets (code points) in its document's text.
func checkEvidenceOffsets(t *testing.T, x graph.Extraction) {
	t.Helper()
	texts := map[string][]rune{}
	for _, d := range x.Documents {
		texts[d.ID] = []rune(d.Text)
	}
	n := 0
	for _, r := range x.Relations {
		for _, ev := range r.Evidence {
			text, ok := texts[ev.DocumentID]
			if !ok {
				t.Errorf("relation %s: evidence of unknown document %s", r.ID, ev.DocumentID)
				continue
			}
			if ev.Start < 0 || ev.End > len(text) || ev.Start >= ev.End {
				t.Errorf("relation %s: offsets %d..%d outside a text of %d runes", r.ID, ev.Start, ev.End, len(text))
				continue
			}
			if got := string(text[ev.Start:ev.End]); got != ev.Sentence {
				t.Errorf("relation %s: text[%d:%d] = %q, sentence %q", r.ID, ev.Start, ev.End, got, ev.Sentence)
			}
			n++
		}
	}
	if n == 0 {
		t.Errorf("no evidence at all")
	}
}

func TestExtractPathsErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{"ok.txt": goodTXT, "empty.md": ""})
	missing := filepath.Join(dir, "nope.pdf")
	p := &Pipeline{Extractor: testExtractor(t), MaxFileSize: 100}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(strings.Repeat("The UN Security Council sanctioned KOMID. ", 10)), 0o644); err != nil {
		t.Fatal(err)
	}
	// Named explicitly, so read whatever the extension.
	x, errs := p.ExtractPaths(context.Background(), []string{filepath.Join(dir, "ok.txt"), missing, filepath.Join(dir, "empty.md"), big})
	got := map[string]string{}
	for _, e := range errs {
		got[filepath.Base(e.Path)] = e.Error()
	}
	want := map[string]string{
		"nope.pdf": missing + ": cannot read: no such file or directory: invalid input",
		"empty.md": filepath.Join(dir, "empty.md") + ": empty file",
		"big.txt":  big + ": file too large (420 bytes, limit 100 bytes)",
	}
	if !mapsEqual(got, want) {
		t.Errorf("errors:\n got %q\nwant %q", got, want)
	}
	for _, e := range errs {
		if filepath.Base(e.Path) == "big.txt" && !errors.Is(e, graph.ErrTooLarge) {
			t.Errorf("big.txt error does not wrap ErrTooLarge: %v", e)
		}
	}
	if len(x.Documents) != 1 || filepath.Base(x.Documents[0].Path) != "ok.txt" {
		t.Errorf("documents = %+v, want ok.txt only", x.Documents)
	}
}

func TestExtractSources(t *testing.T) {
	p := &Pipeline{Extractor: testExtractor(t), MaxFileSize: 1 << 20}
	srcs := []Source{
		{Name: "first.md", Data: []byte(goodMD)},
		{Name: "upload.html", Data: []byte(goodHTML)},
		{Name: "again.md", Data: []byte(goodMD)}, // duplicate of first.md
		{Name: "notes.txt", Data: []byte(goodTXT)},
		{Name: "broken.pdf", Data: []byte("%PDF-1.4\n1 0 obj\n<<")},
	}
	x, errs := p.Extract(context.Background(), srcs)
	if len(errs) != 1 || errs[0].Error() != "broken.pdf: truncated PDF (no %%EOF marker at the end)" {
		t.Errorf("errors = %v", errs)
	}
	var names []string
	for _, d := range x.Documents {
		names = append(names, d.Path)
	}
	if want := []string{"first.md", "upload.html", "notes.txt"}; !slices.Equal(names, want) {
		t.Errorf("documents = %v, want %v (input order, duplicate dropped)", names, want)
	}
	if x.Documents[1].Title != "Interdiction" || x.Documents[1].Format != "html" {
		t.Errorf("html document = %+v", x.Documents[1])
	}
	checkEvidenceOffsets(t, x)

	// Determinism: the same input gives the same output.
	y, _ := p.Extract(context.Background(), srcs)
	if len(x.Entities) != len(y.Entities) || len(x.Relations) != len(y.Relations) {
		t.Errorf("second run differs: %d/%d entities, %d/%d relations", len(x.Entities), len(y.Entities), len(x.Relations), len(y.Relations))
	}
}

func TestFileErrorMessage(t *testing.T) {
	tests := []struct {
		e    FileError
		want string
	}{
		{FileError{Path: "a.txt", Err: errors.New("a.txt: empty file")}, "a.txt: empty file"},
		{FileError{Path: "a.txt", Err: errors.New("store refused it")}, "a.txt: store refused it"},
	}
	for _, tc := range tests {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
	b, err := json.Marshal(Summary{Errors: []FileError{tests[0].e}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"documents":0,"skipped":0,"unchanged":0,"entities":0,"relations":0,"evidence":0,"errors":[{"path":"a.txt","error":"empty file"}],"elapsed":0}`; string(b) != want {
		t.Errorf("JSON = %s\nwant   %s", b, want)
	}
}

// TestSeedDocumentsConnectKOMIDToAssad walks the graph extracted from
// seeds/documents (no database): KOMID must reach Bashar al-Assad over
// typed relations (co-occurrence not counted).
func TestSeedDocumentsConnectKOMIDToAssad(t *testing.T) {
	p := &Pipeline{Extractor: testExtractor(t)}
	x, errs := p.ExtractPaths(context.Background(), []string{"../seeds/documents"})
	if len(errs) > 0 {
		t.Fatalf("seed documents did not all read: %v", errs)
	}
	if len(x.Documents) < 3 {
		t.Fatalf("%d seed documents, want at least 3", len(x.Documents))
	}
	komid := ""
	for _, e := range x.Entities {
		if e.ID == "komid" || e.Name == "KOMID" || slices.Contains(e.Aliases, "KOMID") {
			komid = e.ID
		}
	}
	if komid == "" {
		t.Fatal("no entity named KOMID")
	}
	path := shortestPath(x, komid, "bashar-al-assad")
	if path == nil {
		t.Fatalf("no path from %s to bashar-al-assad over typed relations", komid)
	}
	t.Logf("path: %s", strings.Join(path, " "))
	for _, want := range []struct{ src, typ, dst string }{
		{komid, "PART_OF", "north-korea"},
		{"north-korea", "SUPPLIES", "syria"},
		{"bashar-al-assad", "LEADS", "syria"},
		{"un-security-council", "SANCTIONED", komid},
		{"israel", "INTERCEPTED", "francop"},
	} {
		if !hasRelation(x, want.src, graph.RelationType(want.typ), want.dst) {
			t.Errorf("seed documents lack %s %s %s", want.src, want.typ, want.dst)
		}
	}
}

// shortestPath is a breadth-first walk over non-weak relations in either
// direction; it returns the hops as "a -TYPE- b" steps.
func shortestPath(x graph.Extraction, from, to string) []string {
	type edge struct{ next, label string }
	adj := map[string][]edge{}
	for _, r := range x.Relations {
		if spec, _ := r.Type.Spec(); spec.Weak {
			continue
		}
		adj[r.Source] = append(adj[r.Source], edge{r.Target, "-" + string(r.Type) + "->"})
		adj[r.Target] = append(adj[r.Target], edge{r.Source, "<-" + string(r.Type) + "-"})
	}
	prev := map[string]edge{from: {}}
	queue := []string{from}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if n == to {
			var steps []string
			for c := to; c != from; c = prev[c].next {
				steps = append([]string{prev[c].label + " " + c}, steps...)
			}
			return append([]string{from}, steps...)
		}
		for _, e := range adj[n] {
			if _, seen := prev[e.next]; !seen {
				prev[e.next] = edge{n, e.label}
				queue = append(queue, e.next)
			}
		}
	}
	return nil
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
