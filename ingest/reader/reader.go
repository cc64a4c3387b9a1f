// Package reader turns document files (plain text, Markdown, HTML, PDF)
// into plain text for extraction. The format is detected from the content
// first and the file name second, so a .txt file that holds HTML is read
// as HTML. Bad input yields one *Error that names the file and the problem
// and wraps graph.ErrInvalid or graph.ErrTooLarge.
package reader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
)

// Formats a reader can produce.
const (
	FormatText     = "txt"
	FormatMarkdown = "md"
	FormatHTML     = "html"
	FormatPDF      = "pdf"
)

// DefaultLimit is the file size limit ReadFile applies when given 0.
const DefaultLimit int64 = 32 << 20

// Text is the plain text of one document.
type Text struct {
	// Title is the document's title: first heading or first non-empty
	// line for text and Markdown, <title>/og:title for HTML, the
	// document info title or first line for PDF.
	Title string
	// Body is the plain text. Paragraphs are separated by blank lines,
	// line ends are \n.
	Body string
	// Format is one of FormatText, FormatMarkdown, FormatHTML, FormatPDF.
	Format string
}

// Error is a problem with one input file.
type Error struct {
	Name    string // file path or upload name
	Problem string // what is wrong, in a few words
	Kind    error  // graph.ErrInvalid or graph.ErrTooLarge
	Err     error  // underlying cause, if any
}

// Error reads "name: problem".
func (e *Error) Error() string {
	if e.Err != nil {
		return e.Name + ": " + e.Problem + ": " + e.Err.Error()
	}
	return e.Name + ": " + e.Problem
}

// Unwrap exposes the sentinel (and the cause) to errors.Is.
func (e *Error) Unwrap() []error {
	if e.Err != nil {
		return []error{e.Kind, e.Err}
	}
	return []error{e.Kind}
}

func invalid(name, format string, args ...any) *Error {
	return &Error{Name: name, Problem: fmt.Sprintf(format, args...), Kind: graph.ErrInvalid}
}

// ReadFile reads and converts the file at path. Files larger than limit
// bytes (DefaultLimit when limit <= 0) are refused with graph.ErrTooLarge
// without reading them whole. It also returns the raw bytes, from which
// the caller derives the document id.
func ReadFile(path string, limit int64) (Text, []byte, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	f, err := os.Open(path)
	if err != nil {
		return Text{}, nil, &Error{Name: path, Problem: "cannot open", Kind: graph.ErrInvalid, Err: unwrapPathErr(err)}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Text{}, nil, &Error{Name: path, Problem: "cannot stat", Kind: graph.ErrInvalid, Err: unwrapPathErr(err)}
	}
	if st.IsDir() {
		return Text{}, nil, invalid(path, "is a directory")
	}
	if !st.Mode().IsRegular() {
		return Text{}, nil, invalid(path, "not a regular file")
	}
	if st.Size() > limit {
		return Text{}, nil, tooLarge(path, st.Size(), limit)
	}
	// Read at most limit+1 bytes: the file may grow after Stat.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return Text{}, nil, &Error{Name: path, Problem: "read failed", Kind: graph.ErrInvalid, Err: unwrapPathErr(err)}
	}
	if int64(len(data)) > limit {
		return Text{}, nil, tooLarge(path, int64(len(data)), limit)
	}
	t, err := Read(path, data)
	return t, data, err
}

func tooLarge(name string, size, limit int64) *Error {
	return &Error{Name: name, Problem: fmt.Sprintf("file too large (%s, limit %s)", humanBytes(size), humanBytes(limit)), Kind: graph.ErrTooLarge}
}

// unwrapPathErr drops the *fs.PathError wrapper, whose path the Error
// already names.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// Read converts data to plain text. name is used for messages and as a
// hint to the format; the content decides first.
func Read(name string, data []byte) (Text, error) {
	format, err := Detect(name, data)
	if err != nil {
		return Text{}, err
	}
	var t Text
	switch format {
	case FormatPDF:
		t, err = readPDF(name, data)
	case FormatHTML:
		t, err = readHTML(name, stripBOM(data))
	case FormatMarkdown:
		t = readMarkdown(normalizeNewlines(string(stripBOM(data))))
	default:
		t = readPlain(normalizeNewlines(string(stripBOM(data))))
	}
	if err != nil {
		return Text{}, err
	}
	t.Format = format
	t.Body = tidyBody(t.Body)
	t.Title = cleanTitle(t.Title)
	if strings.TrimSpace(t.Body) == "" {
		return Text{}, invalid(name, "no text found in %s document", format)
	}
	if t.Title == "" {
		t.Title = firstLine(t.Body)
	}
	return t, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func stripBOM(b []byte) []byte { return bytes.TrimPrefix(b, utf8BOM) }

// Detect names the format of data: PDF by its %PDF- header, HTML by its
// opening markup, Markdown by its extension or syntax, otherwise plain
// text. It refuses empty, binary and non-UTF-8 input.
func Detect(name string, data []byte) (string, error) {
	if len(bytes.TrimSpace(stripBOM(data))) == 0 {
		if len(data) == 0 {
			return "", invalid(name, "empty file")
		}
		return "", invalid(name, "empty file (only white space)")
	}
	if isPDF(data) {
		return FormatPDF, nil
	}
	if kind := binaryKind(data); kind != "" {
		return "", invalid(name, "binary content (%s), not a text, Markdown, HTML or PDF document", kind)
	}
	if !utf8.Valid(data) {
		// A web page may declare its legacy charset; it is decoded then.
		if looksHTML(data) {
			if _, label := declaredCharset(data); label != "" {
				return FormatHTML, nil
			}
		}
		return "", invalid(name, "invalid UTF-8 at byte offset %d", invalidUTF8Offset(data))
	}
	if bad, off := controlChars(data); bad {
		return "", invalid(name, "binary content (control character at byte offset %d), not a text document", off)
	}
	text := stripBOM(data)
	if looksHTML(text) {
		return FormatHTML, nil
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".md", ".markdown", ".mdown", ".mkd":
		return FormatMarkdown, nil
	case ".htm", ".html", ".xhtml":
		// Named HTML but holding no markup: treat as text.
		return FormatText, nil
	}
	if markdownScore(string(text)) >= 2 {
		return FormatMarkdown, nil
	}
	return FormatText, nil
}

// isPDF looks for the %PDF- header within the first 1024 bytes, where
// the PDF specification allows it.
func isPDF(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	i := bytes.Index(head, []byte("%PDF-"))
	if i < 0 {
		return false
	}
	// Only junk-free prefixes count: the header must start the file
	// after optional white space or a BOM, or the prefix must be binary
	// garbage as some producers emit (not text that quotes "%PDF-").
	pre := bytes.TrimSpace(stripBOM(head[:i]))
	return len(pre) == 0
}

var magics = []struct {
	prefix string
	kind   string
}{
	{"\x89PNG\r\n\x1a\n", "PNG image"},
	{"\xff\xd8\xff", "JPEG image"},
	{"GIF87a", "GIF image"},
	{"GIF89a", "GIF image"},
	{"PK\x03\x04", "ZIP archive or Office document"},
	{"\x1f\x8b", "gzip data"},
	{"\x7fELF", "ELF executable"},
	{"\xfd7zXZ\x00", "xz data"},
	{"7z\xbc\xaf\x27\x1c", "7-zip archive"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"},
	{"{\\rtf", "RTF document"},
	{"\x00\x00\x01\x00", "icon"},
	{"RIFF", "RIFF media"},
	{"\x00asm", "WebAssembly module"},
	{"SQLite format 3\x00", "SQLite database"},
}

// binaryKind names binary content (or an unsupported format such as RTF),
// or returns "" for text.
func binaryKind(data []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.kind
		}
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return "UTF-16 text; convert it to UTF-8"
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Sprintf("NUL byte at offset %d", i)
	}
	return ""
}

// invalidUTF8Offset returns the byte offset of the first invalid UTF-8
// sequence.
func invalidUTF8Offset(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// controlChars reports text that is mostly control characters (other than
// tab, newline, carriage return and form feed): a binary file that
// happens to be valid UTF-8. A few stray ones are tolerated.
func controlChars(data []byte) (bool, int) {
	n, first := 0, -1
	for i, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	if n == 0 {
		return false, 0
	}
	return n > 8 && n*100 > len(data), first
}

// looksHTML says whether the text opens with HTML markup.
func looksHTML(data []byte) bool {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	s := strings.ToLower(strings.TrimLeftFunc(string(head), unicode.IsSpace))
	if !strings.HasPrefix(s, "<") {
		return false
	}
	for strings.HasPrefix(s, "<!--") {
		end := strings.Index(s, "-->")
		if end < 0 {
			break
		}
		s = strings.TrimLeftFunc(s[end+3:], unicode.IsSpace)
	}
	if strings.HasPrefix(s, "<?xml") {
		return strings.Contains(s, "<html")
	}
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	// A fragment of block markup (<div>, <p>, <article>) with a closing tag.
	for _, p := range []string{"<div", "<p>", "<p ", "<article", "<section", "<main", "<h1", "<table"} {
		if strings.HasPrefix(s, p) && strings.Contains(s, "</") {
			return true
		}
	}
	return false
}

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// readPlain reads plain text; plainTitle chooses its title.
func readPlain(s string) Text {
	return Text{Title: plainTitle(s), Body: s}
}

// titleWindow is how many leading lines may hold a plain text's title.
const titleWindow = 12

// plainTitle picks a plain text's title among its first lines: a saved
// web page opens with its section label and menus ("The Levant", "Latest
// Stories") and repeats its headline, so the first line that reads as a
// headline (three words or more, not a sentence) and occurs again in the
// text wins, then the first headline-like line, then the first line.
func plainTitle(s string) string {
	var lines []string
	for line := range strings.SplitSeq(s, "\n") {
		if t := strings.TrimSpace(line); t != "" {
			lines = append(lines, t)
			if len(lines) == titleWindow {
				break
			}
		}
	}
	if len(lines) == 0 {
		return ""
	}
	headline := func(l string) bool {
		n := len(strings.Fields(l))
		return n >= 3 && n <= 20 && !strings.HasSuffix(l, ".") && !strings.HasSuffix(l, ":")
	}
	for _, l := range lines {
		if headline(l) && strings.Count(s, l) > 1 {
			return l
		}
	}
	for _, l := range lines[:min(len(lines), 3)] {
		if headline(l) {
			return l
		}
	}
	return lines[0]
}

// firstLine returns the first non-empty line, trimmed.
func firstLine(s string) string {
	for line := range strings.SplitSeq(s, "\n") {
		if t := strings.TrimSpace(line); t != "" {
			return t
		}
	}
	return ""
}

// cleanTitle collapses white space and bounds the length.
func cleanTitle(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const max = 200
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:max])) + "…"
	}
	return s
}

// tidyBody trims trailing white space of each line, drops leading and
// trailing blank lines and collapses runs of blank lines to one, so
// paragraphs are separated by exactly one blank line.
func tidyBody(s string) string {
	s = normalizeNewlines(s)
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	started := false
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if line == "" {
			blank++
			continue
		}
		if started {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		if !started {
			line = strings.TrimLeftFunc(line, unicode.IsSpace)
		}
		started = true
		blank = 0
		b.WriteString(line)
	}
	return b.String()
}
