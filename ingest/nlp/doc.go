// Package nlp is Nexus's linguistic layer: sentences, tokens, lemmas, parts
// of speech, a dependency parse and named entities for every text, from
// spaCy (en_core_web_sm 3.8.0) running in long-lived worker processes that a
// Pool starts, supervises and feeds.
//
// The Python side is tools/nlp/worker.py, embedded in the binary and run by
// the interpreter of the project's virtual environment (`make nlp` makes it
// in .nexus/venv from hash-pinned wheels). Without that environment Start
// fails with ErrRuntimeMissing; there is no fallback engine.
//
// Offsets are Unicode code points (runes) into the text, end exclusive, as
// everywhere in graph.Evidence; tokens also carry byte offsets for slicing
// Go strings.
package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Doc is the analysis of one text.
type Doc struct {
	// Text is the text as given to Parse.
	Text   string
	Tokens []Token
	Sents  []Sentence
	Ents   []Entity
}

// Token is one token of a Doc. Whitespace the tokenizer keeps (paragraph
// breaks, runs of spaces) appears as tokens with POS "SPACE".
type Token struct {
	// Text is Doc.Text[ByteStart:ByteEnd].
	Text string
	// Start and End are rune offsets into Doc.Text, End exclusive.
	Start, End int
	// ByteStart and ByteEnd are the same span in bytes.
	ByteStart, ByteEnd int
	// Lemma is the base form ("designate" for "designated").
	Lemma string
	// POS is the Universal Dependencies part of speech (NOUN, VERB, PROPN, ...).
	POS string
	// Tag is the fine-grained Penn Treebank tag (NN, VBN, NNP, ...).
	Tag string
	// Dep is the dependency label (nsubj, nsubjpass, agent, pobj, ...).
	Dep string
	// Head is the index in Doc.Tokens of the token's syntactic head; a
	// sentence's root (Dep "ROOT") is its own head.
	Head int
	// EntIOB is "B" (begins an entity), "I" (inside one), "O" (outside) or "".
	EntIOB string
	// EntType is the entity label (ORG, PERSON, GPE, ...) or "" outside entities.
	EntType string
	// Sent is the index in Doc.Sents of the sentence holding the token.
	Sent int
}

// Sentence is a sentence of a Doc.
type Sentence struct {
	// Text is the sentence's text, from its first token to its last.
	Text string
	// Start and End are rune offsets into Doc.Text, End exclusive.
	Start, End int
	// TokStart and TokEnd are token indices, TokEnd exclusive.
	TokStart, TokEnd int
}

// Trimmed returns the sentence without the whitespace the parser keeps
// around it, with its rune offsets: what evidence quotes.
func (s Sentence) Trimmed() (text string, start, end int) {
	text = strings.TrimLeftFunc(s.Text, unicode.IsSpace)
	start = s.Start + utf8.RuneCountInString(s.Text) - utf8.RuneCountInString(text)
	text = strings.TrimRightFunc(text, unicode.IsSpace)
	return text, start, start + utf8.RuneCountInString(text)
}

// Entity is a named entity found by the model's recognizer.
type Entity struct {
	Text string
	// Label is the OntoNotes type: PERSON, ORG, GPE, NORP, FAC, LOC, PRODUCT,
	// EVENT, LAW, DATE, MONEY, CARDINAL, ...
	Label string
	// Start and End are rune offsets into Doc.Text, End exclusive.
	Start, End int
	// TokStart and TokEnd are token indices, TokEnd exclusive.
	TokStart, TokEnd int
}

// Root returns the index of the root token of sentence i.
func (d *Doc) Root(i int) int {
	s := d.Sents[i]
	for t := s.TokStart; t < s.TokEnd; t++ {
		if d.Tokens[t].Head == t {
			return t
		}
	}
	return s.TokStart
}

// Children returns the indices of the tokens whose head is token i, in text
// order (the token itself excluded).
func (d *Doc) Children(i int) []int {
	s := d.Sents[d.Tokens[i].Sent]
	var out []int
	for t := s.TokStart; t < s.TokEnd; t++ {
		if t != i && d.Tokens[t].Head == i {
			out = append(out, t)
		}
	}
	return out
}
