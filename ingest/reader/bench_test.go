package reader

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func benchRead(b *testing.B, name string, data []byte) {
	b.Helper()
	if _, err := Read(name, data); err != nil { // warm up (PDFium pool)
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := Read(name, data); err != nil {
			b.Fatal(err)
		}
	}
}

func benchFile(b *testing.B, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	benchRead(b, path, data)
}

// BenchmarkRead measures reader throughput per format.
func BenchmarkRead(b *testing.B) {
	b.Run("html-article", func(b *testing.B) { benchFile(b, "testdata/good/article.html") })
	b.Run("html-large", func(b *testing.B) {
		var s strings.Builder
		s.WriteString("<html><head><title>Large</title></head><body><nav><a href=/>Home</a></nav><article><h1>Large page</h1>")
		for i := range 400 {
			fmt.Fprintf(&s, "<p>Paragraph %d: the cargo ship was stopped and searched by inspectors, who found crates of rocket parts declared as machine tools.</p>\n", i)
		}
		s.WriteString("</article><footer>Footer</footer></body></html>")
		benchRead(b, "large.html", []byte(s.String()))
	})
	b.Run("md-notes", func(b *testing.B) { benchFile(b, "testdata/good/notes.md") })
	b.Run("pdf-2-pages", func(b *testing.B) { benchFile(b, "testdata/good/report.pdf") })
	b.Run("pdf-40-pages", func(b *testing.B) {
		var pages [][]string
		for i := range 40 {
			var lines []string
			for j := range 45 {
				lines = append(lines, fmt.Sprintf("Page %d line %d: the consignment was declared as farm equipment by the", i+1, j+1))
			}
			pages = append(pages, lines)
		}
		benchRead(b, "large.pdf", makePDF("Large", pages...))
	})
	b.Run("txt-1MB", func(b *testing.B) {
		benchRead(b, "big.txt", []byte(strings.Repeat("North Korea supplied Syria with missile parts.\n\n", 1<<20/48)))
	})
}
