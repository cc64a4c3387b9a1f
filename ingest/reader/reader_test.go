package reader

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

var update = flag.Bool("update", false, "rewrite golden files and generated test PDFs")

// reportPages is the text of testdata/good/report.pdf (made by makePDF).
var reportPages = [][]string{
	{
		"Interdiction summary",
		"",
		"Customs officers inspected a container ship at the port of Piraeus and",
		"found boxes of valves and pressure gauges that had been declared as",
		"farm equipment. The consignment came from a trading firm in Pyongyang",
		"and was addressed to a research centre near Damascus.",
		"",
		"The shipping agent, a company registered in Hong Kong, denied any",
		"knowledge of the contents. Its director is Kim Chol-su, who also runs",
		"a travel business.",
	},
	{
		"Next steps",
		"",
		"The seized goods were handed to the national inspectors, who will report",
		"to the United Nations panel of experts.",
	},
}

func TestMain(m *testing.M) {
	flag.Parse()
	if *update {
		if err := os.WriteFile("testdata/good/report.pdf", makePDF("Interdiction summary (PDF)", reportPages...), 0o644); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}

func TestReadGood(t *testing.T) {
	tests := []struct {
		file      string
		format    string
		title     string
		contains  []string
		excludes  []string
		paragraph int // minimum number of paragraphs (blank-line separated)
	}{
		{
			file:   "article.html",
			format: FormatHTML,
			title:  "Cargo seized off the Horn of Africa",
			contains: []string{
				"A naval boarding team stopped the freighter Sea Lantern in international waters",
				"bound for a buyer in Syria.",
				"A familiar route",
			},
			excludes:  []string{"Subscribe today", "Related articles", "Ten ports to watch", "All rights reserved", "Privacy policy", "window.analytics", "font-family"},
			paragraph: 4,
		},
		{
			file:   "notes.md",
			format: FormatMarkdown,
			title:  "Procurement notes: missile parts",
			contains: []string{
				"Procurement notes: missile parts\n\nPrepared for the sanctions desk. Sources are listed at the end.",
				"Alpha Trading, registered in a free-trade zone",
				"Beta Logistics, which chartered the ships and paid the crews",
				"Analysts consider the orders part of a long-running programme.",
				"| Alpha Trading | buyer |",
				"ref: case 2019/114",
				"Inline code stays as words, and a link to the UN panel keeps its label.",
				"Sources\n\nOpen reporting only.",
			},
			excludes:  []string{"**", "](", "<span>", "```", "\n---\n", "| --- |"},
			paragraph: 8,
		},
		{
			file:      "manifest.txt",
			format:    FormatText,
			title:     "Shipping manifest review",
			contains:  []string{"Shipping manifest review\n\nThe vessel called at three ports before the inspection.\nIts declared cargo was machine parts.\n\nInspectors found otherwise."},
			excludes:  []string{"\r", "\n\n\n"},
			paragraph: 3,
		},
		{
			file:      "disguised.txt",
			format:    FormatHTML,
			title:     "Really a web page",
			contains:  []string{"This file is named like plain text but holds a web page.", "A second paragraph says"},
			excludes:  []string{"<p>", "Home", "Site footer text"},
			paragraph: 2,
		},
		{
			// Too short for trafilatura's main extractor: the block
			// structure must survive its baseline fallback.
			file:      "short.html",
			format:    FormatHTML,
			title:     "Interdiction",
			contains:  []string{"Interdiction\n\nIsrael intercepted the freighter Francop off Cyprus. The ship carried rockets.\n\nThe cargo was bound for Lebanon, officials said."},
			excludes:  []string{"Home", "Photo:", "Ten more stories", "Footer text"},
			paragraph: 3,
		},
		{
			file:     "plain-with-hash.txt",
			format:   FormatText,
			title:    "Situation report 14",
			contains: []string{"# is used in this report only as a number sign"},
		},
		{
			file:   "report.pdf",
			format: FormatPDF,
			title:  "Interdiction summary (PDF)",
			contains: []string{
				"Interdiction summary\n\n",
				"Customs officers inspected a container ship at the port of Piraeus and found boxes of valves",
				"addressed to a research centre near Damascus.",
				"Its director is Kim Chol-su, who also runs a travel business.",
				"Next steps\n\nThe seized goods were handed to the national inspectors, who will report to the United Nations panel of experts.",
			},
			paragraph: 5,
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "good", tc.file)
			got, raw, err := ReadFile(path, 0)
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			if want, _ := os.ReadFile(path); !bytes.Equal(raw, want) {
				t.Errorf("raw bytes differ from the file")
			}
			if got.Format != tc.format {
				t.Errorf("format = %q, want %q", got.Format, tc.format)
			}
			if got.Title != tc.title {
				t.Errorf("title = %q, want %q", got.Title, tc.title)
			}
			for _, s := range tc.contains {
				if !strings.Contains(got.Body, s) {
					t.Errorf("body lacks %q\nbody:\n%s", s, got.Body)
				}
			}
			for _, s := range tc.excludes {
				if strings.Contains(got.Body, s) {
					t.Errorf("body contains %q\nbody:\n%s", s, got.Body)
				}
			}
			if n := len(strings.Split(got.Body, "\n\n")); n < tc.paragraph {
				t.Errorf("%d paragraphs, want at least %d\nbody:\n%s", n, tc.paragraph, got.Body)
			}
			checkGolden(t, tc.file, fmt.Sprintf("format: %s\ntitle: %s\n---\n%s\n", got.Format, got.Title, got.Body))
		})
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file: %v (run go test -update)", err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s (go test -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestReadBad(t *testing.T) {
	good := makePDF("t", []string{"Some text on a page."})
	tests := []struct {
		name string
		data []byte
		want string // the whole error message
		kind error
	}{
		{"empty.txt", nil, "empty.txt: empty file", graph.ErrInvalid},
		{"blank.md", []byte(" \n\t\r\n"), "blank.md: empty file (only white space)", graph.ErrInvalid},
		{"nul.txt", []byte("abc\x00def"), "nul.txt: binary content (NUL byte at offset 3), not a text, Markdown, HTML or PDF document", graph.ErrInvalid},
		{"photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "photo.txt: binary content (PNG image), not a text, Markdown, HTML or PDF document", graph.ErrInvalid},
		{"doc.docx", []byte("PK\x03\x04\x14\x00\x06\x00"), "doc.docx: binary content (ZIP archive or Office document), not a text, Markdown, HTML or PDF document", graph.ErrInvalid},
		{"latin1.txt", []byte("Caf\xe9 au lait"), "latin1.txt: invalid UTF-8 at byte offset 3", graph.ErrInvalid},
		{"late.md", []byte("# Title\n\nok ok \xff\xfe more"), "late.md: invalid UTF-8 at byte offset 15", graph.ErrInvalid},
		{"utf16.txt", []byte("\xff\xfeH\x00i\x00"), "utf16.txt: binary content (UTF-16 text; convert it to UTF-8), not a text, Markdown, HTML or PDF document", graph.ErrInvalid},
		{"ctrl.txt", bytes.Repeat([]byte("a\x01\x02\x03"), 20), "ctrl.txt: binary content (control character at byte offset 1), not a text document", graph.ErrInvalid},
		{"cut.pdf", good[:len(good)/2], "cut.pdf: truncated PDF (no %%EOF marker at the end)", graph.ErrInvalid},
		{"junk.pdf", []byte("%PDF-1.7\nthis is not a pdf body at all\n%%EOF\n"), "junk.pdf: corrupt or truncated PDF (PDFium cannot parse it)", graph.ErrInvalid},
		{"tags.html", []byte("<html><body><script>x()</script></body></html>"), "tags.html: no text found in html document", graph.ErrInvalid},
	}
	enc, err := os.ReadFile("testdata/encrypted.pdf")
	if err != nil {
		t.Fatal(err)
	}
	tests = append(tests, struct {
		name string
		data []byte
		want string
		kind error
	}{"secret.pdf", enc, "secret.pdf: encrypted PDF (password required)", graph.ErrInvalid})

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.name, tc.data)
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("error = %q\nwant    %q", err, tc.want)
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("error %v does not wrap %v", err, tc.kind)
			}
			var re *Error
			if !errors.As(err, &re) || re.Name != tc.name {
				t.Errorf("error is not a *reader.Error naming %q: %#v", tc.name, err)
			}
		})
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("word "), 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.md")
	tests := []struct {
		name  string
		path  string
		limit int64
		want  string
		kind  error
	}{
		{"too large", big, 1024, big + ": file too large (4.9 KiB, limit 1.0 KiB)", graph.ErrTooLarge},
		{"missing", missing, 0, missing + ": cannot open: no such file or directory", graph.ErrInvalid},
		{"directory", dir, 0, dir + ": is a directory", graph.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ReadFile(tc.path, tc.limit)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error = %v\nwant    %s", err, tc.want)
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("error %v does not wrap %v", err, tc.kind)
			}
		})
	}
	t.Run("exactly at limit", func(t *testing.T) {
		if _, _, err := ReadFile(big, 5000); err != nil {
			t.Fatalf("file of exactly the limit refused: %v", err)
		}
	})
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"a.txt", "<!DOCTYPE html><html><body><p>x</p></body></html>", FormatHTML},
		{"a.txt", "\ufeff  <HTML><p>x</p></HTML>", FormatHTML},
		{"a.md", "<!-- note -->\n<html><p>x</p></html>", FormatHTML},
		{"upload", "<div class=x><p>text</p></div>", FormatHTML},
		{"a.html", "just words, no markup", FormatText},
		{"a.txt", "<b>bold</b> is the start of this line", FormatText},
		{"noext", "# Title\n\n- one\n- two\n", FormatMarkdown},
		{"a.txt", "# Title\n\nSee [the list](http://x) below.\n", FormatMarkdown},
		{"a.txt", "Title\n\nA line with **bold** only.\n", FormatText},
		{"a.md", "no syntax at all", FormatMarkdown},
		{"a.txt", "%PDF-1.4\n...", FormatPDF},
		{"a.txt", "\n %PDF-1.4\n...", FormatPDF},
		{"a.txt", "The header %PDF-1.4 quoted in text", FormatText},
	}
	for _, tc := range tests {
		t.Run(tc.name+"/"+tc.want, func(t *testing.T) {
			got, err := Detect(tc.name, []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Detect(%q, %q) = %q, want %q", tc.name, tc.data, got, tc.want)
			}
		})
	}
}

func TestLegacyCharsetHTML(t *testing.T) {
	page := []byte("<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 report</title></head>" +
		"<body><p>The caf\xe9 near the port of Latakia was a meeting point \x96 officials said.</p></body></html>")
	got, err := Read("legacy.html", page)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Café report" || !strings.Contains(got.Body, "The café near the port of Latakia was a meeting point – officials said.") {
		t.Errorf("got title %q body %q", got.Title, got.Body)
	}
	// Without a declaration the same bytes are refused.
	_, err = Read("undeclared.html", bytes.Replace(page, []byte(`<meta charset="windows-1252">`), nil, 1))
	if err == nil || err.Error() != "undeclared.html: invalid UTF-8 at byte offset 22" {
		t.Errorf("error = %v", err)
	}
}

func TestTextNormalisation(t *testing.T) {
	tests := []struct {
		name, in, title, body string
	}{
		{"crlf", "  Title line  \r\n\r\nOne.\r\nTwo.\r\n", "Title line", "Title line\n\nOne.\nTwo."},
		{"lone cr", "A\rB\r\rC", "A", "A\nB\n\nC"},
		{"bom and blank runs", "\ufeff\n\nFirst\n\n\n\n\nSecond   \n", "First", "First\n\nSecond"},
		{"markdown setext title", "Main title\n==========\n\nBody *text*.\n\n- item\n", "Main title", "Main title\n\nBody text.\n\nitem"},
		{"markdown without heading", "Intro line with **bold**.\n\n- a\n- b\n", "Intro line with bold.", "Intro line with bold.\n\na\n\nb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			name := "x.txt"
			if strings.HasPrefix(tc.name, "markdown") {
				name = "x.md"
			}
			got, err := Read(name, []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tc.title || got.Body != tc.body {
				t.Errorf("got title %q body %q\nwant title %q body %q", got.Title, got.Body, tc.title, tc.body)
			}
		})
	}
}

// TestTablesBecomePipeTables: HTML and Markdown tables reach the extractor
// as pipe tables, one row a line, the first row a header.
func TestTablesBecomePipeTables(t *testing.T) {
	const want = "| Vessel | Flag |\n|---|---|\n| Sea Lantern | Togo |\n| Amber / Tide | Cameroon |"
	tests := []struct{ name, in string }{
		{"page.html", "<html><body><article><h1>Fleet</h1><p>The fleet list below was compiled by the compliance team from open registries in May.</p>" +
			"<table><tr><th>Vessel</th><th>Flag</th></tr><tr><td>Sea Lantern</td><td>Togo</td></tr><tr><td>Amber | Tide</td><td> Cameroon </td></tr></table>" +
			"<p>Both ships called at Bandar Abbas in 2024, according to tracking data that the team reviewed.</p></article></body></html>"},
		{"notes.md", "# Fleet\n\n| Vessel | Flag |\n| --- | --- |\n| Sea Lantern | Togo |\n| Amber \\| Tide | Cameroon |\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(tc.name, []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got.Body, want) {
				t.Errorf("body %q\nlacks %q", got.Body, want)
			}
		})
	}
}

func TestPDFParagraphs(t *testing.T) {
	in := "Heading\r\n" +
		"This is a long line of running text that goes on across the page width and\r\n" +
		"continues on the next line, until the paragraph ends here.\r\n" +
		"\r\n" +
		"Second paragraph about the Syrian Scientific Studies and Research Center, al-\r\n" +
		"Assad and others, which continues on another long line of text to the end.\r\n" +
		"Short tail."
	want := "Heading\n\n" +
		"This is a long line of running text that goes on across the page width and continues on the next line, until the paragraph ends here.\n\n" +
		"Second paragraph about the Syrian Scientific Studies and Research Center, al-Assad and others, which continues on another long line of text to the end. Short tail."
	if got := pdfParagraphs(in); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestPDFManyPagesConcurrent(t *testing.T) {
	var pages [][]string
	for i := range 12 {
		pages = append(pages, []string{fmt.Sprintf("Page %d says hello.", i+1)})
	}
	data := makePDF("", pages...)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			got, err := Read("many.pdf", data)
			if err == nil && (!strings.Contains(got.Body, "Page 12 says hello.") || got.Title != "Page 1 says hello.") {
				err = fmt.Errorf("body %q title %q", got.Body, got.Title)
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestPlainTitle(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"a saved page: section label, menu, repeated headline",
			"The Levant\n\nOrion's Cyprus Connection\n\nLatest Stories\n\nThe Levant\n\nOrion's Cyprus Connection\n\nOrion Trading has shipped parts since 2019.\n",
			"Orion's Cyprus Connection"},
		{"a headline on the first line", "Customs Seize Drone Engines at Colombo\n\nOfficers stopped a container.\n", "Customs Seize Drone Engines at Colombo"},
		{"a short label, then a headline", "PRESS RELEASE\nTreasury Sanctions Shipping Network\n\nToday the Treasury acted.\n", "Treasury Sanctions Shipping Network"},
		{"only sentences: the first line", "The panel met in May.\nIt found nothing.\n", "The panel met in May."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read("a.txt", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tc.want {
				t.Errorf("title %q, want %q", got.Title, tc.want)
			}
		})
	}
}
