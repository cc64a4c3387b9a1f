package reader

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"

	"github.com/nexus-graph/nexus/graph"
)

// readHTML keeps the main text of a page: trafilatura drops navigation,
// headers, footers, credits and related-article boxes. When it finds no
// main content (very short pages), the visible text of <body> outside
// nav/header/footer/aside is used instead.
func readHTML(name string, data []byte) (Text, error) {
	if !utf8.Valid(data) {
		enc, label := declaredCharset(data)
		if enc == nil {
			return Text{}, invalid(name, "invalid UTF-8 at byte offset %d", invalidUTF8Offset(data))
		}
		dec, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return Text{}, &Error{Name: name, Problem: "cannot decode " + label, Kind: graph.ErrInvalid, Err: err}
		}
		data = dec
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return Text{}, &Error{Name: name, Problem: "cannot parse HTML", Kind: graph.ErrInvalid, Err: err}
	}
	title := htmlTitle(doc)
	var body string
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		ExcludeComments: true,
		EnableFallback:  true,
		HtmlDateMode:    trafilatura.Disabled,
		Deduplicate:     true,
	})
	if err == nil && res != nil && res.ContentNode != nil {
		body = blockText(res.ContentNode, nil)
		if title == "" {
			title = res.Metadata.Title
		}
	}
	if !strings.Contains(body, "\n\n") {
		// Nothing, or one run-on block: on short pages trafilatura falls
		// back to a baseline that glues headings and paragraphs together.
		// The visible text outside page furniture keeps the blocks apart.
		// (Re-parse: trafilatura prunes the tree it is given.)
		if doc2, err := html.Parse(bytes.NewReader(data)); err == nil {
			if alt := blockText(doc2, skipChrome); strings.Contains(alt, "\n\n") || strings.TrimSpace(body) == "" {
				body = alt
			}
		}
	}
	return Text{Title: title, Body: body}, nil
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?([a-z0-9_:.-]+)`)

// declaredCharset returns the encoding a page declares in a <meta> tag
// within its first 2 KB, when it is a known one other than UTF-8.
func declaredCharset(data []byte) (encoding.Encoding, string) {
	head := data
	if len(head) > 2048 {
		head = head[:2048]
	}
	m := metaCharset.FindSubmatch(head)
	if m == nil {
		return nil, ""
	}
	enc, name := charset.Lookup(string(m[1]))
	if enc == nil || name == "utf-8" {
		return nil, ""
	}
	return enc, name
}

// htmlTitle prefers og:title, then <title>.
func htmlTitle(doc *html.Node) string {
	var og, title string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				prop := strings.ToLower(attr(n, "property") + attr(n, "name"))
				if og == "" && (prop == "og:title" || prop == "twitter:title") {
					og = strings.TrimSpace(attr(n, "content"))
				}
			case atom.Title:
				if title == "" {
					title = strings.TrimSpace(textOf(n))
				}
			case atom.Body:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if og != "" {
		return og
	}
	return title
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// skipChrome drops page furniture when trafilatura found no usable
// main content: navigation, headers, footers, asides, forms, and blocks
// whose class or id says they are menus, credits, sharing or related links.
func skipChrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form, atom.Button, atom.Menu, atom.Figcaption:
		return true
	}
	if strings.EqualFold(attr(n, "role"), "navigation") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	names := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, w := range chromeWords {
		if strings.Contains(names, w) {
			return true
		}
	}
	return false
}

var chromeWords = []string{"nav", "menu", "footer", "header", "sidebar", "related", "share", "social",
	"cookie", "banner", "advert", "promo", "breadcrumb", "subscribe", "newsletter", "comment", "credit", "byline"}

var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Blockquote: true, atom.Pre: true,
	atom.Tr: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Section: true, atom.Article: true, atom.Main: true, atom.Figure: true,
	atom.Figcaption: true, atom.Hr: true, atom.Header: true, atom.Footer: true, atom.Address: true,
	atom.Body: true, atom.Caption: true,
}

// blockText renders the text of n with one blank line between blocks and
// inline white space collapsed. skip, when set, prunes subtrees.
func blockText(n *html.Node, skip func(*html.Node) bool) string {
	var out strings.Builder
	var line strings.Builder
	flush := func() {
		s := strings.Join(strings.Fields(line.String()), " ")
		line.Reset()
		if s == "" {
			return
		}
		if out.Len() > 0 {
			out.WriteString("\n\n")
		}
		out.WriteString(s)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			line.WriteString(n.Data)
			return
		case html.ElementNode:
			a := n.DataAtom
			if a == 0 {
				// Nodes built by trafilatura carry only their tag name.
				a = atom.Lookup([]byte(strings.ToLower(n.Data)))
			}
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Head:
				return
			case atom.Br:
				line.WriteByte(' ')
				return
			case atom.Td, atom.Th:
				line.WriteString(" ")
			}
			if skip != nil && skip(n) {
				return
			}
			// a table becomes a pipe table (first row as header), so the
			// extractor can read relations from its columns
			if a == atom.Table || n.Data == "table" {
				if t := pipeTable(n); t != "" {
					flush()
					if out.Len() > 0 {
						out.WriteString("\n\n")
					}
					out.WriteString(t)
					return
				}
			}
			// trafilatura's output tree names paragraphs and headings
			// with its own tags (<p>, <head>, <item>, <row>...).
			block := blockAtoms[a] || a == 0 && isTrafilaturaBlock(n.Data)
			if block {
				flush()
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			if block {
				flush()
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	flush()
	return out.String()
}

// pipeTable renders a table's rows ("tr", or trafilatura's "row") as pipe
// table lines with a separator after the first, or "" when the table has
// fewer than two rows of two cells.
func pipeTable(t *html.Node) string {
	var rows [][]string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			tag := strings.ToLower(c.Data) // trafilatura's nodes carry no atom
			if tag == "table" {
				continue // nested tables stay out
			}
			if tag == "tr" || tag == "row" {
				var cells []string
				for d := c.FirstChild; d != nil; d = d.NextSibling {
					if dt := strings.ToLower(d.Data); d.Type == html.ElementNode && (dt == "td" || dt == "th" || dt == "cell") {
						cells = append(cells, strings.ReplaceAll(strings.Join(strings.Fields(textOf(d)), " "), "|", "/"))
					}
				}
				if len(cells) >= 2 {
					rows = append(rows, cells)
				}
				continue
			}
			walk(c)
		}
	}
	walk(t)
	if len(rows) < 2 {
		return ""
	}
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("| " + strings.Join(r, " | ") + " |")
		if i == 0 {
			b.WriteString("\n|" + strings.Repeat("---|", len(r)))
		}
	}
	return b.String()
}

func isTrafilaturaBlock(tag string) bool {
	switch tag {
	case "item", "row", "list", "quote", "code", "graphic":
		return true
	}
	return false
}
