package ingest

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/graph/neo4jstore"
	"github.com/nexus-graph/nexus/internal/storetest"
)

// openTestStore connects to the test server and empties it.
func openTestStore(t testing.TB) *neo4jstore.Store { return storetest.Open(t) }

func TestIngestPathsNeo4j(t *testing.T) {
	store := openTestStore(t)
	ctx := context.Background()
	pdf := readerPDF(t)
	dir := writeTree(t, map[string]string{
		"a.md":        goodMD,
		"b.txt":       goodTXT,
		"web/c.html":  goodHTML,
		"web/d.pdf":   pdf,
		"cut.pdf":     pdf[:len(pdf)/2],                                     // truncated
		"secret.pdf":  mustRead(t, "reader/testdata/encrypted.pdf"),         // password required
		"notes/e.txt": "Caf\xe9 society notes: North Korea supplied Syria.", // not UTF-8
	})
	p := &Pipeline{Extractor: testExtractor(t), Store: store, BatchDocs: 2}
	var progress []Progress
	sum, err := p.IngestPaths(ctx, []string{dir}, func(pr Progress) { progress = append(progress, pr) })
	if err != nil {
		t.Fatalf("IngestPaths: %v", err)
	}

	if sum.Documents != 4 || sum.Skipped != 0 || sum.Entities == 0 || sum.Relations == 0 || sum.Evidence == 0 {
		t.Errorf("summary = %+v, want 4 new documents with entities, relations and evidence", sum)
	}
	var errPaths []string
	for _, e := range sum.Errors {
		errPaths = append(errPaths, strings.TrimPrefix(e.Path, dir+string(filepath.Separator)))
		if !strings.HasPrefix(e.Error(), e.Path+": ") {
			t.Errorf("error %q does not start with its path", e.Error())
		}
	}
	if want := []string{"cut.pdf", filepath.Join("notes", "e.txt"), "secret.pdf"}; !reflect.DeepEqual(errPaths, want) {
		t.Errorf("errors for %v, want %v (%v)", errPaths, want, sum.Errors)
	}
	if len(progress) != 7 || progress[len(progress)-1].Done != 7 || progress[0].Total != 7 {
		t.Errorf("progress = %+v, want 7 reports of 7", progress)
	}

	docs, err := store.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 4 {
		t.Errorf("stored documents = %d, want 4", len(docs))
	}
	for _, d := range docs {
		for _, bad := range []string{"cut.pdf", "secret.pdf", "e.txt"} {
			if strings.HasSuffix(d.Path, bad) {
				t.Errorf("bad file %s was stored: %+v", bad, d)
			}
		}
	}
	before, err := store.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before.Documents != 4 || before.Relations == 0 {
		t.Errorf("stats after ingest = %+v", before)
	}
	// The text the evidence points into was stored with the document.
	for _, d := range docs {
		full, err := store.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if full.Text == "" || full.Chars != len([]rune(full.Text)) {
			t.Errorf("%s: stored text %d runes, chars %d", d.Path, len([]rune(full.Text)), full.Chars)
		}
	}

	t.Run("re-ingest is a no-op", func(t *testing.T) {
		again, err := p.IngestPaths(ctx, []string{dir}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if again.Documents != 0 || again.Skipped != 4 || again.Entities != 0 || again.Relations != 0 || again.Evidence != 0 {
			t.Errorf("second run summary = %+v, want 4 skipped and nothing written", again)
		}
		// Found stored before extraction, by content id.
		if again.Unchanged != 4 {
			t.Errorf("second run found %d unchanged before extraction, want 4", again.Unchanged)
		}
		after, err := store.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(before, after) {
			t.Errorf("stats changed on re-ingest:\nbefore %+v\nafter  %+v", before, after)
		}
	})
}

func TestIngestSourcesNeo4j(t *testing.T) {
	store := openTestStore(t)
	ctx := context.Background()
	p := &Pipeline{Extractor: testExtractor(t), Store: store}
	sum, err := p.IngestSources(ctx, []Source{
		{Name: "upload-1.md", Data: []byte(goodMD)},
		{Name: "upload-2.md", Data: []byte(goodMD)}, // same content
		{Name: "upload.html", Data: []byte(goodHTML)},
		{Name: "blank.txt", Data: []byte("   \n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 2 || sum.Skipped != 1 {
		t.Errorf("summary = %+v, want 2 documents and 1 duplicate skipped", sum)
	}
	if len(sum.Errors) != 1 || sum.Errors[0].Error() != "blank.txt: empty file (only white space)" {
		t.Errorf("errors = %v", sum.Errors)
	}
	st, err := store.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 {
		t.Errorf("stored documents = %d, want 2", st.Documents)
	}
	// The relations of the upload are queryable with their evidence.
	r, err := store.Relation(ctx, graph.RelationID("israel", graph.Intercepted, "francop"))
	if err != nil {
		t.Fatalf("relation israel INTERCEPTED francop: %v", err)
	}
	if len(r.Evidence) == 0 || !strings.Contains(r.Evidence[0].Sentence, "Francop") {
		t.Errorf("relation evidence = %+v", r.Evidence)
	}
}

func TestIngestUnreachableStore(t *testing.T) {
	// A server that is not there ends the run with ErrUnavailable instead
	// of reporting every file as bad.
	s, err := neo4jstore.Open(context.Background(), neo4jstore.Config{URI: "bolt://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	p := &Pipeline{Extractor: testExtractor(t), Store: s}
	_, err = p.IngestSources(ctx, []Source{{Name: "a.md", Data: []byte(goodMD)}})
	if err == nil {
		t.Fatal("no error writing to a closed port")
	}
	if !strings.Contains(err.Error(), "write 1 documents") {
		t.Errorf("error = %v", err)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWriteBatchIsolatesRefusedDocument: when the store refuses a batch
// for one document's content, the others of the batch are still written
// and only the bad one is reported.
func TestWriteBatchIsolatesRefusedDocument(t *testing.T) {
	store := openTestStore(t)
	ctx := context.Background()
	p := &Pipeline{Extractor: testExtractor(t), Store: store}
	good, errs := p.Extract(ctx, []Source{{Name: "good.md", Data: []byte(goodMD)}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	bad := graph.Extraction{
		Documents: []graph.Document{{ID: graph.DocumentID([]byte("bad")), Title: "bad", Path: "bad.txt", Format: "txt", Text: "x", Chars: 1}},
		Entities:  []graph.Entity{{ID: "x", Name: "X", Type: "Spaceship"}}, // not a known type
	}
	var sum Summary
	err := p.write(ctx, []result{{name: "good.md", x: good}, {name: "bad.txt", x: bad}}, &sum)
	if err != nil {
		t.Fatalf("write: %v", err)
	}
	if sum.Documents != 1 || len(sum.Errors) != 1 || sum.Errors[0].Path != "bad.txt" {
		t.Fatalf("summary = %+v, want the good document stored and bad.txt reported", sum)
	}
	if !strings.HasPrefix(sum.Errors[0].Error(), "bad.txt: store refused it: ") {
		t.Errorf("error = %q", sum.Errors[0].Error())
	}
	docs, err := store.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Path != "good.md" {
		t.Errorf("stored documents = %+v, want good.md only", docs)
	}
}
