package api

import (
	"bytes"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// static serves the embedded viewer as a single-page app: existing files
// as they are, any other path without a file extension as index.html (so
// client-side routes survive a reload), and missing files with an
// extension as 404.
type static struct {
	assets fs.FS
}

func newStatic(assets fs.FS) *static { return &static{assets: assets} }

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
		http.ServeFileFS(c.Writer, c.Request, st.assets, name)
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
	http.ServeContent(c.Writer, c.Request, "index.html", time.Time{}, bytes.NewReader(b))
}
