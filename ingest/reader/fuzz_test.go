package reader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
)

// checkRead asserts what Read promises for any input: no panic, and
// either a non-empty, valid, LF-only body with a format, or one error
// that names the file and wraps a sentinel.
func checkRead(t *testing.T, name string, data []byte) {
	got, err := Read(name, data)
	if err != nil {
		if !errors.Is(err, graph.ErrInvalid) && !errors.Is(err, graph.ErrTooLarge) {
			t.Fatalf("error does not wrap a sentinel: %v", err)
		}
		if !strings.HasPrefix(err.Error(), name+": ") {
			t.Fatalf("error does not name the file: %v", err)
		}
		return
	}
	if got.Format == "" || strings.TrimSpace(got.Body) == "" {
		t.Fatalf("success with format %q and body %q", got.Format, got.Body)
	}
	if !utf8.ValidString(got.Body) || !utf8.ValidString(got.Title) {
		t.Fatalf("invalid UTF-8 in output")
	}
	if strings.Contains(got.Body, "\r") || strings.Contains(got.Body, "\n\n\n") {
		t.Fatalf("body not normalised: %q", got.Body)
	}
	if strings.Contains(got.Title, "\n") {
		t.Fatalf("title spans lines: %q", got.Title)
	}
}

func addFiles(f *testing.F, glob string) {
	paths, _ := filepath.Glob(glob)
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

func FuzzReadText(f *testing.F) {
	addFiles(f, "testdata/good/*.txt")
	for _, s := range []string{"", "a", "\r\n\r\n", "x\x00y", "\xff", "# not md", "\ufeffTitle\n\nBody"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.txt", data) })
}

func FuzzReadMarkdown(f *testing.F) {
	addFiles(f, "testdata/good/*.md")
	for _, s := range []string{"# T\n\n- a\n- b", "```\ncode", "[x](y", "| a |\n| - |\n| b |", "> q\n>> r", "<div>\n*a*"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.md", data) })
}

func FuzzReadHTML(f *testing.F) {
	addFiles(f, "testdata/good/*.html")
	for _, s := range []string{"<html><body><p>Hi there.</p></body></html>", "<html>", "<!doctype html><title>t</title><p>x", "<html><body><nav>n</nav><table><tr><td>a<td>b</table>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.html", data) })
}

func FuzzReadPDF(f *testing.F) {
	addFiles(f, "testdata/good/*.pdf")
	addFiles(f, "testdata/*.pdf")
	good := makePDF("T", []string{"Hello (world) \\ again."}, []string{"Second page."})
	f.Add(good)
	f.Add(good[:len(good)-40])
	f.Add([]byte("%PDF-1.4\n%%EOF"))
	PDFTimeout = 5 * time.Second
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.pdf", data) })
}
