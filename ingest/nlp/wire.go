package nlp

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The wire form of tools/nlp/worker.py (protocol 1); see the top of that file.

type wireRequest struct {
	ID    int64    `json:"id"`
	Texts []string `json:"texts,omitempty"`
	Ping  bool     `json:"ping,omitempty"`
}

type wireResponse struct {
	ID    *int64    `json:"id"`
	Docs  []wireDoc `json:"docs"`
	Pong  bool      `json:"pong"`
	Error string    `json:"error"`
	// The ready line, first on the stream.
	Ready    *bool    `json:"ready"`
	Model    string   `json:"model"`
	Version  string   `json:"version"`
	SpaCy    string   `json:"spacy"`
	Pipeline []string `json:"pipeline"`
	Protocol int      `json:"protocol"`
}

type wireDoc struct {
	Tokens []wireToken  `json:"tokens"`
	Sents  [][2]int     `json:"sents"`
	Ents   []wireEntity `json:"ents"`
}

// wireToken is [start, end, lemma, pos, tag, dep, head, ent_iob, ent_type].
type wireToken struct {
	Start, End           int
	Lemma, POS, Tag, Dep string
	Head                 int
	EntIOB, EntType      string
}

func (t *wireToken) UnmarshalJSON(b []byte) error {
	fields := []any{&t.Start, &t.End, &t.Lemma, &t.POS, &t.Tag, &t.Dep, &t.Head, &t.EntIOB, &t.EntType}
	n := len(fields)
	if err := json.Unmarshal(b, &fields); err != nil {
		return fmt.Errorf("token: %w", err)
	}
	if len(fields) != n {
		return fmt.Errorf("token: %d fields, want %d", len(fields), n)
	}
	return nil
}

// wireEntity is [start_char, end_char, label, start_tok, end_tok].
type wireEntity struct {
	Start, End       int
	Label            string
	TokStart, TokEnd int
}

func (e *wireEntity) UnmarshalJSON(b []byte) error {
	fields := []any{&e.Start, &e.End, &e.Label, &e.TokStart, &e.TokEnd}
	n := len(fields)
	if err := json.Unmarshal(b, &fields); err != nil {
		return fmt.Errorf("entity: %w", err)
	}
	if len(fields) != n {
		return fmt.Errorf("entity: %d fields, want %d", len(fields), n)
	}
	return nil
}

// piece is a part of a text sent to a worker on its own: texts longer than
// the batch limit are cut at paragraph breaks (or, failing that, at line
// ends, sentence ends, spaces) and parsed as separate documents.
type piece struct {
	doc     int    // index of the text in the Parse call
	text    string // the part
	runeOff int    // offset of the part in the text, in runes
	byteOff int    // the same in bytes
	runes   int    // length of the part in runes
}

// split cuts text into pieces of at most maxRunes runes each. The pieces
// cover the text exactly; a cut falls after a separator, so a piece ends with
// the paragraph break (or space) that closes it.
func split(doc int, text string, maxRunes int) []piece {
	total := utf8.RuneCountInString(text)
	if total <= maxRunes {
		return []piece{{doc: doc, text: text, runes: total}}
	}
	var out []piece
	byteOff, runeOff := 0, 0
	for byteOff < len(text) {
		rest := text[byteOff:]
		lim := len(rest) // byte index after maxRunes runes of rest
		n := 0
		for i := range rest {
			if n == maxRunes {
				lim = i
				break
			}
			n++
		}
		cut := lim
		if lim < len(rest) {
			cut = cutPoint(rest[:lim])
		}
		part := rest[:cut]
		runes := utf8.RuneCountInString(part)
		out = append(out, piece{doc: doc, text: part, runeOff: runeOff, byteOff: byteOff, runes: runes})
		byteOff += cut
		runeOff += runes
	}
	return out
}

// cutPoint returns where to end a piece within window: after the last
// paragraph break, line end, sentence end or space in its second half, else
// at its end.
func cutPoint(window string) int {
	half := len(window) / 2
	for _, sep := range []string{"\n\n", "\n", ". ", " "} {
		if i := strings.LastIndex(window, sep); i >= half {
			return i + len(sep)
		}
	}
	return len(window)
}

// builder assembles a Doc from the wire docs of its pieces, checking that
// every offset fits the text.
type builder struct {
	doc    Doc
	byteAt int // byte cursor in doc.Text, at rune runeAt
	runeAt int
	labels map[string]string // interned labels, shared by all tokens
}

func newBuilder(text string, labels map[string]string) *builder {
	return &builder{doc: Doc{Text: text}, labels: labels}
}

func (b *builder) intern(s string) string {
	if v, ok := b.labels[s]; ok {
		return v
	}
	b.labels[s] = s
	return s
}

// seek moves the cursor to rune offset r (never backwards) and returns its
// byte offset.
func (b *builder) seek(r int) (int, error) {
	if r < b.runeAt {
		return 0, fmt.Errorf("offset %d goes back before %d", r, b.runeAt)
	}
	for b.runeAt < r {
		if b.byteAt >= len(b.doc.Text) {
			return 0, fmt.Errorf("offset %d is past the end of the text (%d runes)", r, b.runeAt)
		}
		_, size := utf8.DecodeRuneInString(b.doc.Text[b.byteAt:])
		b.byteAt += size
		b.runeAt++
	}
	return b.byteAt, nil
}

// add appends the analysis w of piece p.
func (b *builder) add(p piece, w *wireDoc) error {
	d := &b.doc
	tokOff, sentOff := len(d.Tokens), len(d.Sents)
	n := len(w.Tokens)
	for i, wt := range w.Tokens {
		start, end := wt.Start+p.runeOff, wt.End+p.runeOff
		if wt.Start < 0 || wt.End <= wt.Start || wt.End > p.runes {
			return fmt.Errorf("token %d [%d,%d) outside the text (%d runes)", i, wt.Start, wt.End, p.runes)
		}
		bs, err := b.seek(start)
		if err != nil {
			return fmt.Errorf("token %d: %w", i, err)
		}
		be, err := b.seek(end)
		if err != nil {
			return fmt.Errorf("token %d: %w", i, err)
		}
		if wt.Head < 0 || wt.Head >= n {
			return fmt.Errorf("token %d: head %d outside the doc (%d tokens)", i, wt.Head, n)
		}
		text := d.Text[bs:be]
		lemma := wt.Lemma
		if lemma == "" {
			lemma = text
		}
		d.Tokens = append(d.Tokens, Token{
			Text: text, Start: start, End: end, ByteStart: bs, ByteEnd: be,
			Lemma: lemma, POS: b.intern(wt.POS), Tag: b.intern(wt.Tag), Dep: b.intern(wt.Dep),
			Head: wt.Head + tokOff, EntIOB: b.intern(wt.EntIOB), EntType: b.intern(wt.EntType),
			Sent: -1,
		})
	}
	next := 0
	for i, s := range w.Sents {
		if s[0] != next || s[1] <= s[0] || s[1] > n {
			return fmt.Errorf("sentence %d [%d,%d) does not follow token %d of %d", i, s[0], s[1], next, n)
		}
		next = s[1]
		ts, te := s[0]+tokOff, s[1]+tokOff
		first, last := d.Tokens[ts], d.Tokens[te-1]
		d.Sents = append(d.Sents, Sentence{
			Text: d.Text[first.ByteStart:last.ByteEnd], Start: first.Start, End: last.End, TokStart: ts, TokEnd: te,
		})
		for t := ts; t < te; t++ {
			d.Tokens[t].Sent = sentOff + i
		}
	}
	if next != n {
		return fmt.Errorf("sentences cover %d of %d tokens", next, n)
	}
	for i, e := range w.Ents {
		if e.TokStart < 0 || e.TokEnd <= e.TokStart || e.TokEnd > n {
			return fmt.Errorf("entity %d: tokens [%d,%d) outside the doc (%d tokens)", i, e.TokStart, e.TokEnd, n)
		}
		first, last := d.Tokens[e.TokStart+tokOff], d.Tokens[e.TokEnd-1+tokOff]
		if first.Start != e.Start+p.runeOff || last.End != e.End+p.runeOff {
			return fmt.Errorf("entity %d: [%d,%d) does not match its tokens", i, e.Start, e.End)
		}
		d.Ents = append(d.Ents, Entity{
			Text: d.Text[first.ByteStart:last.ByteEnd], Label: b.intern(e.Label),
			Start: first.Start, End: last.End, TokStart: e.TokStart + tokOff, TokEnd: e.TokEnd + tokOff,
		})
	}
	return nil
}
