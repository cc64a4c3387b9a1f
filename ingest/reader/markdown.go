package reader

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

var mdParser = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify)).Parser()

// readMarkdown parses Markdown and writes its text: each block (heading,
// paragraph, list item, table row, code block) on its own, blocks
// separated by a blank line, inline syntax (emphasis, links, code spans)
// reduced to its words. The title is the first heading.
func readMarkdown(src string) Text {
	source := []byte(src)
	doc := mdParser.Parse(text.NewReader(source))
	w := &mdWriter{src: source}
	w.block(doc)
	return Text{Title: w.title, Body: w.b.String()}
}

type mdWriter struct {
	src   []byte
	b     strings.Builder
	title string
}

// sep starts a new block.
func (w *mdWriter) sep() {
	if w.b.Len() > 0 {
		w.b.WriteString("\n\n")
	}
}

func (w *mdWriter) block(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading:
			s := strings.TrimSpace(w.inline(c))
			if s == "" {
				continue
			}
			if w.title == "" {
				w.title = s
			}
			w.sep()
			w.b.WriteString(s)
		case *ast.Paragraph, *ast.TextBlock:
			if s := strings.TrimSpace(w.inline(c)); s != "" {
				w.sep()
				w.b.WriteString(s)
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			var lines strings.Builder
			l := c.Lines()
			for i := 0; i < l.Len(); i++ {
				seg := l.At(i)
				lines.Write(seg.Value(w.src))
			}
			if s := strings.TrimRight(lines.String(), "\n "); strings.TrimSpace(s) != "" {
				w.sep()
				w.b.WriteString(s)
			}
		case *ast.HTMLBlock, *ast.ThematicBreak:
			// Raw HTML and rules carry no prose.
		case *east.Table:
			// a pipe table, one row a line, with the header's separator:
			// the extractor reads relations from the columns' headers
			w.sep()
			first := true
			for row := c.FirstChild(); row != nil; row = row.NextSibling() {
				var cells []string
				for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
					// a pipe inside a cell would shift the columns
					cells = append(cells, pipeInCell.Replace(strings.TrimSpace(w.inline(cell))))
				}
				if len(cells) == 0 {
					continue
				}
				if !first {
					w.b.WriteByte('\n')
				}
				w.b.WriteString("| " + strings.Join(cells, " | ") + " |")
				if _, header := row.(*east.TableHeader); header {
					w.b.WriteString("\n|" + strings.Repeat("---|", len(cells)))
				}
				first = false
			}
		default:
			// Documents, lists, list items, block quotes: their children.
			w.block(c)
		}
	}
}

// inline renders the inline content of n as plain text.
func (w *mdWriter) inline(n ast.Node) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Value(w.src))
				switch {
				case c.HardLineBreak():
					b.WriteByte('\n')
				case c.SoftLineBreak():
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.CodeSpan:
				walk(c)
			case *ast.AutoLink:
				b.Write(c.Label(w.src))
			case *ast.RawHTML:
				// Inline tags: dropped.
			case *ast.Image:
				// The alt text stands for the image.
				walk(c)
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// pipeInCell keeps a cell's pipe (escaped in Markdown) from shifting columns.
var pipeInCell = strings.NewReplacer(`\|`, "/", "|", "/")

var (
	mdHeading  = regexp.MustCompile(`(?m)^#{1,6}[ \t]+\S`)
	mdSetext   = regexp.MustCompile(`(?m)^\S.*\n(?:=+|-{3,})[ \t]*$`)
	mdList     = regexp.MustCompile(`(?m)^[ \t]{0,3}(?:[-*+]|\d+[.)])[ \t]+\S`)
	mdLink     = regexp.MustCompile(`\[[^\]\n]+\]\([^)\s]+\)`)
	mdEmphasis = regexp.MustCompile(`(?:\*\*|__)[^*_\n]+(?:\*\*|__)`)
	mdFence    = regexp.MustCompile("(?m)^(?:```|~~~)")
	mdQuote    = regexp.MustCompile(`(?m)^>[ \t]?\S`)
	mdTable    = regexp.MustCompile(`(?m)^\|?[ \t]*:?-{3,}:?[ \t]*\|`)
)

// markdownScore counts the kinds of Markdown syntax found in s: two or
// more kinds make a plain-text file read as Markdown.
func markdownScore(s string) int {
	// The head of the file is enough to tell.
	if len(s) > 16<<10 {
		s = s[:16<<10]
	}
	n := 0
	for _, re := range []*regexp.Regexp{mdHeading, mdSetext, mdList, mdLink, mdEmphasis, mdFence, mdQuote, mdTable} {
		if re.MatchString(s) {
			n++
		}
	}
	return n
}
