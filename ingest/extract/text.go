package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
)

type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
)

// token is one word, number or punctuation mark with rune offsets into the
// document text. text is the quote-normalised surface.
type token struct {
	text, lower string
	start, end  int
	kind        tokKind
	cap         bool // first rune is an upper-case letter
	upper       bool // all letters upper-case, at least two letters
	space       bool // whitespace precedes the token
}

// sentence is a run of tokens with rune offsets into the document.
type sentence struct {
	toks       []token
	start, end int
}

// region is a rune range of the document that holds prose.
type region struct{ start, end int }

var chromePrefixes = []string{
	"credit:", "credits:", "image:", "images:", "photo:", "photos:", "photograph:", "picture:", "caption:",
	"source:", "image credit", "photo credit", "file photo", "related:", "related articles", "related stories",
	"read more", "read also", "see also", "share", "advertisement", "subscribe", "follow us", "follow on",
	"click here", "sign up", "tags:", "topics:", "filed under", "copyright", "©", "all rights reserved",
	"listen to", "watch:", "video:", "print", "email", "comments",
	// news-agency credit lines: "(Reporting by X in Dakar; Editing by Y)"
	"(reporting by", "reporting by", "(writing by", "writing by", "(editing by", "editing by", "additional reporting by",
	"(additional reporting by", "compiled by", "(compiled by",
}

// listItem reports whether a line without a full stop is a list or
// timeline entry written as a sentence: it opens with a bullet or a date and
// reads in sentence case (a third or more of its words start lower-case),
// unlike navigation and headings, which are short and title-cased.
func listItem(t string) bool {
	fs := strings.Fields(t)
	if len(fs) < 4 {
		return false
	}
	first := fs[0]
	bullet := first == "-" || first == "*" || first == "•" || first == "–" || first == "—" || first == "·"
	dated := len(first) >= 4 && first[0] >= '0' && first[0] <= '9' || monthWord(strings.TrimRight(first, ":,.–—"))
	// "X (Myanmar) – importer; front company for the MAF": a name, a dash
	// and a description, as in a fact sheet's list of entities
	described := strings.Contains(t, " – ") || strings.Contains(t, " — ")
	if !bullet && !dated && !described {
		return false
	}
	lower, letters := 0, 0
	for _, w := range fs {
		r := []rune(w)[0]
		if unicode.IsLetter(r) {
			letters++
		}
		if unicode.IsLower(r) {
			lower++
		}
	}
	return letters >= 3 && lower*3 >= letters
}

// monthWord reports whether w names a month ("March", "Sept").
func monthWord(w string) bool {
	switch strings.ToLower(w) {
	case "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

// proseRegions splits the normalised text into blocks of prose, dropping page
// chrome: short title-like lines without sentence punctuation, lines repeated
// in the document, and credit/share lines. Blank lines and chrome lines end
// a block. A short line that is wholly the name of a curated organisation
// (knownBody: the issuer at the head of a press release or notice,
// "Council of the EU", "MINISTRY OF FOREIGN AFFAIRS") is kept as a unit of
// its own: it names who speaks, and "the Council" below stands for it.
func proseRegions(rs []rune, roleLine, knownBody func(string) bool) []region {
	type line struct {
		start, end int // rune range without the newline
		text       string
		blank      bool
	}
	var lines []line
	s := 0
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == '\n' {
			t := strings.TrimSpace(string(rs[s:i]))
			lines = append(lines, line{start: s, end: i, text: t, blank: t == ""})
			s = i + 1
		}
	}
	count := map[string]int{}
	for _, l := range lines {
		if !l.blank {
			count[strings.ToLower(l.text)]++
		}
	}
	chrome := make([]bool, len(lines))
	field := make([]bool, len(lines))
	body := make([]bool, len(lines))
	// signature blocks: a name on its own line and a role line under it
	// ("Karim Nassar" / "Operations Manager, Levant Fuel Services") are one
	// unit, read by signatureRule
	sig := make([]bool, len(lines))
	for i := 0; i+1 < len(lines); i++ {
		if roleLine != nil && nameLine(lines[i].text) && roleLine(lines[i+1].text) {
			sig[i] = true
		}
	}
	for i, l := range lines {
		if l.blank || sig[i] || i > 0 && sig[i-1] {
			continue
		}
		low := strings.ToLower(l.text)
		for _, p := range chromePrefixes {
			if strings.HasPrefix(low, p) && (len(low) == len(p) || !isLetterByte(low[len(p)]) || strings.HasSuffix(p, ":")) {
				chrome[i] = true
			}
		}
		// pipe tables: the header and its separator are not prose; each
		// data row is a unit of its own (tableRule reads it)
		if pipeSeparator(l.text) || i+1 < len(lines) && headerChrome(l.text, lines[i+1].text) {
			chrome[i] = true
			continue
		}
		if pipeCells(l.text) != nil && !chrome[i] {
			field[i] = true
			continue
		}
		if fieldLine(l.text) && !chrome[i] {
			field[i] = true
			continue
		}
		words := len(strings.Fields(l.text))
		last, _ := lastRune(l.text)
		term := strings.ContainsRune(".!?\"')]:;", last)
		nextBlank := i+1 >= len(lines) || lines[i+1].blank
		prevBlank := i == 0 || lines[i-1].blank
		// hard-wrapped prose: a line ending mid-sentence, or the line after one
		if wraps(l.text, nextBlank) || (i > 0 && !prevBlank && wraps(lines[i-1].text, false)) {
			if count[low] <= 1 || words > 20 {
				continue
			}
		}
		switch {
		case !term && listItem(l.text):
			// "- 2021: X sells engines to Y", "March 2021 – X delivers ...":
			// list and timeline entries need no full stop
		case !term && words <= 8:
			chrome[i] = true
		case !term && words <= 15 && (nextBlank || prevBlank):
			chrome[i] = true
		case count[low] > 1 && words <= 20:
			chrome[i] = true
		}
		if chrome[i] && !term && knownBody != nil && knownBody(l.text) {
			chrome[i], body[i] = false, true
		}
	}
	var out []region
	cur := region{-1, -1}
	flush := func() {
		if cur.start >= 0 {
			out = append(out, cur)
		}
		cur = region{-1, -1}
	}
	for i, l := range lines {
		if sig[i] {
			flush()
			out = append(out, region{l.start, lines[i+1].end})
			continue
		}
		if i > 0 && sig[i-1] {
			continue
		}
		if l.blank || chrome[i] {
			flush()
			continue
		}
		if field[i] || body[i] {
			// "Name: ...", "Address: ...": a record field is a unit of its own
			flush()
			out = append(out, region{l.start, l.end})
			continue
		}
		if cur.start < 0 {
			cur.start = l.start
		}
		cur.end = l.end
	}
	flush()
	return out
}

// nameLine: a line that is only a name of two to four capitalised words
// (a signature), without sentence punctuation.
func nameLine(t string) bool {
	t = strings.TrimSpace(t)
	if len(t) > 60 || len(t) < 3 {
		return false // a name line is short; most lines are prose
	}
	fs := strings.Fields(t)
	if len(fs) < 2 || len(fs) > 4 || strings.ContainsAny(t, ".:;,!?|") {
		return false
	}
	for _, f := range fs {
		if r := []rune(f)[0]; !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// knownBody reports whether line t is, whole, a surface of a curated
// organisation.
func (x *Extractor) knownBody(t string) bool {
	rs := []rune(t)
	toks := x.tokenize(rs, 0, len(rs), nil)
	if len(toks) == 0 || len(toks) > 10 {
		return false
	}
	p, end := x.trie.match(toks, 0)
	return p != nil && end == len(toks) && x.ents[p.ent].typ == graph.Organization
}

// signatureRole: a line that opens with a role ("Operations Manager,
// Levant Fuel Services", "Coordinator, Panel of Experts", "Director at X").
func (x *Extractor) signatureRole(t string) bool {
	t = strings.TrimSpace(t)
	head, _, found := strings.Cut(t, ",")
	if !found {
		if h, _, ok := strings.Cut(t, " at "); ok {
			head, found = h, true
		}
	}
	fs := strings.Fields(strings.ToLower(head))
	if !found || len(fs) == 0 || len(fs) > 4 || len(strings.Fields(t)) > 12 {
		return false
	}
	last := fs[len(fs)-1]
	return x.personNouns[last] || x.leaderTitles[last] || x.leaderTitles[strings.Join(fs, " ")] || last == "officer" || last == "coordinator"
}

// fieldLine reports a semi-structured record line "Label: value" with a
// short capitalised label ("Name:", "Designation reason:", "Address:").
func fieldLine(text string) bool {
	label, value, ok := strings.Cut(text, ":")
	if !ok || strings.TrimSpace(value) == "" || label == "" || !unicode.IsUpper([]rune(label)[0]) {
		return false
	}
	// "Ultimate beneficial owner (UBO):": a short form after the label
	if i := strings.IndexByte(label, '('); i > 0 && strings.HasSuffix(strings.TrimSpace(label), ")") {
		label = strings.TrimSpace(label[:i])
	}
	words := strings.Fields(label)
	if len(words) > 3 || len(words) == 0 || notLabelStart[words[0]] || speechVerbs[strings.ToLower(words[len(words)-1])] {
		return false
	}
	for _, r := range label {
		// "Subject 1:", "Entity 3:" number their records (not "Note 3:")
		if unicode.IsDigit(r) && recordHeadLabel(strings.ToLower(label)) {
			continue
		}
		if !unicode.IsLetter(r) && r != ' ' {
			return false
		}
	}
	return true
}

var notLabelStart = map[string]bool{"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true, "We": true, "I": true, "This": true, "That": true}
var speechVerbs = map[string]bool{"said": true, "says": true, "told": true, "added": true, "stated": true, "wrote": true, "asked": true, "warned": true}

// recordTypes reads "Name: X" / "Type: Individual" pairs of semi-structured
// records (blocks separated by blank lines) and returns the entity type the
// record gives each name (lower-cased).
func recordTypes(nr []rune) map[string]graph.EntityType {
	var out map[string]graph.EntityType
	name := ""
	for _, line := range strings.Split(string(nr), "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			name = ""
			continue
		}
		label, value, ok := strings.Cut(t, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch strings.ToLower(strings.TrimSpace(label)) {
		case "name":
			name = value
		case "type", "entity type", "subject type":
			if name == "" {
				continue
			}
			var ty graph.EntityType
			switch strings.ToLower(value) {
			case "individual", "person":
				ty = graph.Person
			case "entity", "organisation", "organization", "company":
				ty = graph.Organization
			case "ship", "vessel":
				ty = graph.Vessel
			default:
				continue
			}
			if out == nil {
				out = map[string]graph.EntityType{}
			}
			out[strings.ToLower(name)] = ty
		}
	}
	return out
}

// wraps reports a line that continues on the next line: it ends in a
// lower-case word, a comma or a hyphen.
func wraps(text string, nextBlank bool) bool {
	if nextBlank {
		return false
	}
	r, ok := lastRune(text)
	return ok && (unicode.IsLower(r) || r == ',' || r == '-')
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func lastRune(s string) (rune, bool) {
	if s == "" {
		return 0, false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r, true
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits nr[a:b] (normalised runes) into tokens.
func (x *Extractor) tokenize(nr []rune, a, b int, out []token) []token {
	space := true
	i := a
	for i < b {
		r := nr[i]
		if unicode.IsSpace(r) {
			space = true
			i++
			continue
		}
		st := i
		switch {
		case isWordRune(r):
			for i < b {
				c := nr[i]
				if isWordRune(c) {
					i++
					continue
				}
				// "2.4", "612,000": a decimal point or thousands separator
				// between digits stays inside the number (a full stop there
				// does not end the sentence)
				if (c == '.' || c == ',') && unicode.IsDigit(nr[st]) && unicode.IsDigit(nr[i-1]) && i+1 < b && unicode.IsDigit(nr[i+1]) {
					i++
					continue
				}
				// internal apostrophe: Ba'ath, don't; but not possessive 's
				if c == '\'' && i+1 < b && isWordRune(nr[i+1]) {
					if (nr[i+1] == 's' || nr[i+1] == 'S') && (i+2 >= b || !isWordRune(nr[i+2])) {
						break
					}
					if contraction(nr, i+1, b) != "" {
						break // "they've", "we're": the pronoun, then the verb
					}
					i++
					continue
				}
				break
			}
			// periods: dotted acronyms (U.S., D.P.R.K.) and known abbreviations (Dr., St.)
			if i < b && nr[i] == '.' {
				w := string(nr[st:i])
				if i-st == 1 && unicode.IsLetter(nr[st]) {
					j := i
					for j+2 < b && nr[j] == '.' && unicode.IsLetter(nr[j+1]) && nr[j+2] == '.' {
						j += 2
					}
					if j > i || unicode.IsUpper(nr[st]) {
						i = j + 1
					}
				} else if x.abbrev[w+"."] || (isAllUpper(w) && x.abbrev[capsCue(w)+"."]) {
					i++
				}
			}
			t := token{text: string(nr[st:i]), start: st, end: i, space: space}
			t.kind = tWord
			if unicode.IsDigit(nr[st]) {
				t.kind = tNum
			}
			t.lower = strings.ToLower(t.text)
			t.cap = unicode.IsUpper(nr[st])
			t.upper = isAllUpper(t.text)
			out = append(out, t)
		case r == '\'' && i+1 < b && (nr[i+1] == 's' || nr[i+1] == 'S') && (i+2 >= b || !isWordRune(nr[i+2])) && !space:
			i += 2
			out = append(out, token{text: "'s", lower: "'s", start: st, end: i, kind: tPunct})
		case r == '\'' && !space && contraction(nr, i+1, b) != "":
			// "'ve" reads as "have", "'re" as "are"
			full := contraction(nr, i+1, b)
			for i++; i < b && isWordRune(nr[i]); i++ {
			}
			out = append(out, token{text: string(nr[st:i]), lower: full, start: st, end: i, kind: tWord})
		default:
			i++
			t := token{text: string(r), lower: string(r), start: st, end: i, kind: tPunct, space: space}
			out = append(out, t)
		}
		space = false
	}
	return out
}

// contraction returns the full form of a contracted verb starting at
// nr[i] after an apostrophe ("ve" → "have"), or "".
func contraction(nr []rune, i, b int) string {
	j := i
	for j < b && isWordRune(nr[j]) {
		j++
	}
	switch strings.ToLower(string(nr[i:j])) {
	case "ve":
		return "have"
	case "re":
		return "are"
	case "ll":
		return "will"
	case "d":
		return "had"
	case "m":
		return "am"
	}
	return ""
}

// isPossessive reports whether tok i is a possessive marker: 's, or a bare
// apostrophe glued to a word ending in s ("the United States' efforts").
func isPossessive(toks []token, i int) bool {
	t := toks[i]
	if t.text == "'s" {
		return true
	}
	return t.text == "'" && !t.space && i > 0 && strings.HasSuffix(toks[i-1].lower, "s") && (i+1 >= len(toks) || toks[i+1].space)
}

// fieldLabelAt reports whether toks[i:] opens with a short label and a
// colon ("Commercial manager:", "Flag:").
func fieldLabelAt(toks []token, i int) bool {
	for k := i; k < len(toks) && k <= i+3; k++ {
		if toks[k].text == ":" {
			return k > i
		}
		if toks[k].kind != tWord || k > i && toks[k].cap && !toks[k].upper {
			return false
		}
	}
	return false
}

// splitSentences cuts the tokens of one region into sentences.
func (x *Extractor) splitSentences(toks []token, out []sentence) []sentence {
	s := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		end := false
		switch {
		case t.kind == tPunct && (t.text == "." || t.text == "!" || t.text == "?"):
			// absorb closing quotes/brackets and repeated marks
			for i+1 < len(toks) && toks[i+1].kind == tPunct && !toks[i+1].space && strings.Contains(".!?\")]'", toks[i+1].text) {
				i++
			}
			// "... manufacturer.[6] A claim ...": a footnote mark after the
			// full stop belongs to the sentence
			if i+3 < len(toks) && toks[i+1].text == "[" && !toks[i+1].space && toks[i+2].kind == tNum && toks[i+3].text == "]" {
				i += 3
			}
			if i+1 >= len(toks) {
				break
			}
			n := toks[i+1]
			if n.cap || n.kind == tNum || n.text == "\"" || n.text == "(" || n.text == "'" || n.text == "-" {
				end = true
			}
			// "e.g. foo" or "12. foo": lower-case continuation stays
			if i > 0 && toks[i-1].kind == tWord && len(toks[i-1].text) == 1 && toks[i-1].cap && !toks[i].space {
				end = false // initial: "A. Smith"
			}
		case t.kind == tWord && strings.HasSuffix(t.text, ".") && i+1 < len(toks):
			// dotted acronym at the end of a sentence: "... the U.S. The ..."
			n := toks[i+1]
			if !x.abbrev[t.text] && n.cap && x.sentStarters[n.text] {
				end = true
			}
			// "... by Cedar Holdings Ltd. Sami Nassar owns ...": a company's
			// legal form closes its name, so a capital after it starts a
			// sentence (not "Co. Ltd.")
			if legalSuffixes[t.text] && n.cap && n.kind == tWord && !legalSuffixes[n.text] && i > 0 && toks[i-1].cap {
				end = true
			}
			// "Registered owner: Talbrook Maritime Inc. Commercial manager: ...":
			// a field label after an abbreviation starts a new field
			if n.cap && fieldLabelAt(toks, i+1) {
				end = true
			}
		}
		// a run-on "sentence" (tables, lists, PDF text without full stops)
		// is cut at a comma or semicolon after 200 tokens and anywhere after
		// 400, so the per-sentence rules stay linear in the document
		if !end && i-s >= 200 && (t.text == ";" || t.text == "," || i-s >= 400) {
			end = true
		}
		if end {
			out = append(out, makeSentence(toks[s:i+1]))
			s = i + 1
		}
	}
	if s < len(toks) {
		out = append(out, makeSentence(toks[s:]))
	}
	return out
}

func makeSentence(toks []token) sentence {
	return sentence{toks: toks, start: toks[0].start, end: toks[len(toks)-1].end}
}

// segment returns the sentences of the document (normalised runes).
func (x *Extractor) segment(nr []rune) []sentence {
	var sents []sentence
	var buf []token
	for _, rg := range proseRegions(nr, x.signatureRole, x.knownBody) {
		buf = x.tokenize(nr, rg.start, rg.end, buf[:0])
		if len(buf) == 0 {
			continue
		}
		own := make([]token, len(buf))
		copy(own, buf)
		sents = x.splitSentences(own, sents)
	}
	return sents
}
