package api

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// static serves the embedded viewer as a single-page app: existing files
// as they are, any other path without a file extension as index.html (so
// client-side routes survive a reload), and missing files with an
// extension as 404.
// Text assets (scripts, styles, the page, SVG, JSON) go out compressed to
// browsers that accept it: Brotli where the build left a precompressed
// NAME.br beside the file (Node's zlib makes them, see ui/vite.config.ts; no
// Go module compresses), else gzip, made once per file since the embedded
// files never change while the server runs.
type static struct {
	assets fs.FS
	gz     sync.Map // file name -> *gzipped
}

// gzipped is a file's compressed form, or nil data when compressing does not pay.
type gzipped struct {
	once sync.Once
	data []byte
	err  error
}

func newStatic(assets fs.FS) *static { return &static{assets: assets} }

// compressible reports whether a file of this name is text worth gzipping.
func compressible(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".js", ".mjs", ".css", ".html", ".svg", ".json", ".map", ".txt", ".xml":
		return true
	}
	return false
}

// minGzipSize: below this, a gzip header and trailer cost more than they save.
const minGzipSize = 512

// acceptsGzip reports whether the request's Accept-Encoding allows gzip
// (a q-value of 0 refuses it).
func acceptsGzip(r *http.Request) bool { return accepts(r, "gzip") }

// accepts reports whether the request's Accept-Encoding allows a content
// coding: the first entry naming it or "*" decides, and a q-value of 0
// refuses it.
func accepts(r *http.Request, want string) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != want && coding != "*" {
			continue
		}
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		return q > 0
	}
	return false
}

// gzipOf returns the gzipped bytes of a file (made on first use), or nil
// when the file is small or does not shrink.
func (st *static) gzipOf(name string, raw []byte) ([]byte, error) {
	v, _ := st.gz.LoadOrStore(name, &gzipped{})
	g := v.(*gzipped)
	g.once.Do(func() {
		if len(raw) < minGzipSize {
			return
		}
		var buf bytes.Buffer
		zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if err != nil {
			g.err = fmt.Errorf("gzip %s: %w", name, err)
			return
		}
		if _, err := zw.Write(raw); err != nil {
			g.err = fmt.Errorf("gzip %s: %w", name, err)
			return
		}
		if err := zw.Close(); err != nil {
			g.err = fmt.Errorf("gzip %s: %w", name, err)
			return
		}
		if buf.Len() < len(raw) {
			g.data = buf.Bytes()
		}
	})
	return g.data, g.err
}

// send writes a file's bytes, as its precompressed .br when the browser
// accepts Brotli and the build made one, else gzipped when the browser
// accepts it and it pays; the Content-Type is the one of the uncompressed
// file.
func (st *static) send(c *gin.Context, name string, raw []byte) {
	h := c.Writer.Header()
	if h.Get("Content-Type") == "" {
		if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
			h.Set("Content-Type", ct)
		}
	}
	body := raw
	if compressible(name) {
		h.Add("Vary", "Accept-Encoding")
		if br, err := fs.ReadFile(st.assets, name+".br"); err == nil && accepts(c.Request, "br") && len(br) < len(raw) {
			h.Set("Content-Encoding", "br")
			body = br
		} else if acceptsGzip(c.Request) {
			if gz, err := st.gzipOf(name, raw); err == nil && gz != nil {
				h.Set("Content-Encoding", "gzip")
				body = gz
			}
		}
	}
	http.ServeContent(c.Writer, c.Request, name, time.Time{}, bytes.NewReader(body))
}

// hashedPart finds a bundler content hash in a file name
// ("index-3f9a2b7c.js", "app.BdH3kX9a.css").
var hashedPart = regexp.MustCompile(`[.-]([A-Za-z0-9_]{8,})\.[a-z0-9]+$`)

// immutable reports whether a file never changes under its name: anything
// under assets/ (the bundler's output directory) or a name carrying a
// hash (8+ characters with a digit, so "sigma-renderer.js" is not one).
// Those may be cached for a year.
func immutable(name string) bool {
	if strings.HasPrefix(name, "assets/") {
		return true
	}
	m := hashedPart.FindStringSubmatch(path.Base(name))
	return m != nil && strings.ContainsAny(m[1], "0123456789")
}

func (st *static) serve(c *gin.Context) {
	if st.assets == nil {
		c.AbortWithStatusJSON(http.StatusNotFound, errorBody{Error: errorDetail{
			Code: "not_found", Message: "the viewer is not built into this binary", RequestID: requestID(c)}})
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+c.Request.URL.Path), "/")
	if name == "" || name == "index.html" {
		st.index(c)
		return
	}
	if fi, err := fs.Stat(st.assets, name); err == nil && !fi.IsDir() {
		if immutable(name) {
			c.Header("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			c.Header("Cache-Control", "no-cache")
		}
		raw, err := fs.ReadFile(st.assets, name)
		if err != nil {
			c.AbortWithStatusJSON(http.StatusNotFound, errorBody{Error: errorDetail{
				Code: "not_found", Message: "no such file: /" + name, RequestID: requestID(c)}})
			return
		}
		st.send(c, name, raw)
		return
	}
	if path.Ext(name) != "" {
		c.AbortWithStatusJSON(http.StatusNotFound, errorBody{Error: errorDetail{
			Code: "not_found", Message: "no such file: /" + name, RequestID: requestID(c)}})
		return
	}
	st.index(c)
}

// index serves index.html uncached, so a new build is picked up at once.
func (st *static) index(c *gin.Context) {
	b, err := fs.ReadFile(st.assets, "index.html")
	if err != nil {
		c.AbortWithStatusJSON(http.StatusNotFound, errorBody{Error: errorDetail{
			Code: "not_found", Message: "the viewer has no index.html", RequestID: requestID(c)}})
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.Header("Content-Type", "text/html; charset=utf-8")
	st.send(c, "index.html", b)
}
