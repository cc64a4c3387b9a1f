package reader

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	pdferrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/nexus-graph/nexus/graph"
)

// PDFium runs as WebAssembly inside the process (wazero, no cgo); its
// module is embedded in go-pdfium. The pool is started on the first PDF:
// compiling the module takes a few seconds, so the compiled code is
// cached under the user cache directory when there is one.
var (
	pdfOnce sync.Once
	pdfPool pdfium.Pool
	pdfErr  error
)

func pdfiumPool() (pdfium.Pool, error) {
	pdfOnce.Do(func() {
		// The module needs the exception-handling proposal (as in
		// go-pdfium's default configuration); CloseOnContextDone lets the
		// watchdog in readPDF stop a parse that runs away.
		rc := wazero.NewRuntimeConfig().
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithCloseOnContextDone(true)
		if dir, err := os.UserCacheDir(); err == nil {
			if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "nexus", "wazero")); err == nil {
				rc = rc.WithCompilationCache(cache)
			}
		}
		n := runtime.GOMAXPROCS(0)
		pdfPool, pdfErr = webassembly.Init(webassembly.Config{
			MinIdle:       1,
			MaxIdle:       n,
			MaxTotal:      n,
			ReuseWorkers:  true,
			RuntimeConfig: rc,
			// No file system: documents are handed over as bytes.
			FSConfig: wazero.NewFSConfig(),
		})
		if pdfErr != nil {
			pdfErr = fmt.Errorf("start PDFium: %w", pdfErr)
		}
	})
	return pdfPool, pdfErr
}

// readPDF extracts the text of every page, pages separated by a blank
// line. Truncated, malformed and password-protected files are refused.
func readPDF(name string, data []byte) (Text, error) {
	if !hasEOFMarker(data) {
		return Text{}, invalid(name, "truncated PDF (no %%%%EOF marker at the end)")
	}
	pool, err := pdfiumPool()
	if err != nil {
		return Text{}, err
	}
	inst, err := pool.GetInstance(60 * time.Second)
	if err != nil {
		return Text{}, fmt.Errorf("%s: PDFium instance: %w", name, err)
	}
	// A hostile or broken file can send PDFium into a very long loop:
	// past PDFTimeout the instance is killed and the file refused.
	var killed atomic.Bool
	watchdog := time.AfterFunc(PDFTimeout, func() {
		killed.Store(true)
		_ = inst.Kill()
	})
	defer func() {
		watchdog.Stop()
		if !killed.Load() {
			_ = inst.Close()
		}
	}()
	t, err := pdfText(name, inst, data)
	if killed.Load() {
		return Text{}, invalid(name, "PDF took longer than %s to read; gave up", PDFTimeout)
	}
	return t, err
}

// PDFTimeout bounds the time PDFium may spend on one file.
var PDFTimeout = 60 * time.Second

func pdfText(name string, inst pdfium.Pdfium, data []byte) (Text, error) {
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		switch {
		case errors.Is(err, pdferrors.ErrPassword):
			return Text{}, invalid(name, "encrypted PDF (password required)")
		case errors.Is(err, pdferrors.ErrSecurity):
			return Text{}, invalid(name, "encrypted PDF (unsupported security handler)")
		case errors.Is(err, pdferrors.ErrFormat), errors.Is(err, pdferrors.ErrFile):
			return Text{}, invalid(name, "corrupt or truncated PDF (PDFium cannot parse it)")
		}
		return Text{}, &Error{Name: name, Problem: "cannot open PDF", Kind: graph.ErrInvalid, Err: err}
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})

	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return Text{}, &Error{Name: name, Problem: "cannot count PDF pages", Kind: graph.ErrInvalid, Err: err}
	}
	if count.PageCount == 0 {
		return Text{}, invalid(name, "PDF has no pages")
	}
	var b strings.Builder
	for i := 0; i < count.PageCount; i++ {
		pt, err := inst.GetPageText(&requests.GetPageText{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}})
		if err != nil {
			return Text{}, &Error{Name: name, Problem: fmt.Sprintf("cannot read text of PDF page %d", i+1), Kind: graph.ErrInvalid, Err: err}
		}
		page := pdfParagraphs(pt.Text)
		if page == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(page)
	}
	title := ""
	if meta, err := inst.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: doc.Document, Tag: "Title"}); err == nil {
		title = strings.TrimSpace(meta.Value)
	}
	body := b.String()
	if !utf8.ValidString(body) {
		body = strings.ToValidUTF8(body, "\uFFFD")
	}
	if strings.TrimSpace(body) == "" {
		return Text{}, invalid(name, "PDF has no extractable text (scanned images?)")
	}
	return Text{Title: title, Body: body}, nil
}

// hasEOFMarker reports whether %%EOF occurs in the last kilobyte: a file
// cut short in transfer loses it.
func hasEOFMarker(data []byte) bool {
	tail := data
	if len(tail) > 1024 {
		tail = tail[len(tail)-1024:]
	}
	return bytes.Contains(tail, []byte("%%EOF"))
}

// pdfParagraphs rebuilds paragraphs from the lines of a page: a line
// that runs to (nearly) the full width and does not end a sentence is
// joined with the next; short lines and sentence ends close a paragraph.
// A line ending in a hyphen is joined without a space ("al-" + "Assad").
func pdfParagraphs(page string) string {
	page = strings.ReplaceAll(page, "\x00", "")
	page = normalizeNewlines(page)
	raw := strings.Split(page, "\n")
	lines := make([]string, 0, len(raw))
	width := 0
	for _, l := range raw {
		l = strings.Join(strings.Fields(strings.Map(func(r rune) rune {
			switch {
			case r == '\f' || r == '\u00a0':
				return ' '
			case r == '\u00ad' || r == '\ufffe' || r == '\u0002':
				return -1 // soft hyphen and PDFium's line-end marks
			case unicode.IsControl(r) && r != '\t':
				return -1
			}
			return r
		}, l)), " ")
		lines = append(lines, l)
		if n := utf8.RuneCountInString(l); n > width {
			width = n
		}
	}
	var b strings.Builder
	para := false
	for i, l := range lines {
		if l == "" {
			if para {
				b.WriteString("\n\n")
				para = false
			}
			continue
		}
		b.WriteString(l)
		para = true
		if i == len(lines)-1 {
			break
		}
		switch {
		case utf8.RuneCountInString(l)*10 < width*7:
			// A short line ends its paragraph (headings, last lines).
			b.WriteString("\n\n")
			para = false
		case strings.ContainsAny(l[len(l)-1:], ".!?:") && utf8.RuneCountInString(l)*100 < width*85:
			// A sentence end short of the margin: most likely the last
			// line of a paragraph.
			b.WriteString("\n\n")
			para = false
		case strings.HasSuffix(l, "-"):
			// Joined without a space.
		default:
			b.WriteByte(' ')
		}
	}
	return strings.TrimSpace(b.String())
}
