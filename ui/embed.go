// Package ui embeds the built graph viewer (Vite output in ui/dist) so the
// nexus binary serves it at "/". On a fresh clone without Node the dist
// folder holds only .keep, and Assets serves a page saying how to build it.
package ui

import (
	"embed"
	"io/fs"
	"testing/fstest"
)

//go:embed all:dist
var dist embed.FS

// placeholder is served when the viewer has not been built.
const placeholder = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Nexus — viewer not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em}code{background:#eee;padding:.1em .3em}</style>
</head><body>
<h1>Nexus</h1>
<p>The graph viewer has not been built into this binary. The JSON API is available under <a href="api/stats"><code>/api</code></a>.</p>
<p>To build the viewer (needs Node.js 20.19+ and npm), run <code>make ui</code>, or
<code>cd ui &amp;&amp; npm ci &amp;&amp; npm run build</code>, then rebuild the binary (<code>go build ./cmd/nexus</code>).</p>
</body></html>
`

// Built reports whether the embedded assets hold a built viewer.
func Built() bool {
	_, err := fs.Stat(dist, "dist/index.html")
	return err == nil
}

// Assets returns the viewer's files rooted at the dist folder (index.html,
// assets/...), or a one-page placeholder when the viewer was not built.
func Assets() fs.FS {
	if Built() {
		sub, err := fs.Sub(dist, "dist")
		if err == nil {
			return sub
		}
	}
	return fstest.MapFS{"index.html": &fstest.MapFile{Data: []byte(placeholder), Mode: 0o444}}
}
