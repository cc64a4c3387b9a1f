package frames

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nexus-graph/nexus/graph"
)

// Court papers of the common-law tradition list their parties once, numbered,
// in the caption ("1. TOMAS OKELLO VARGA, 2. ..."), and from then on name them only
// by their place in that list: "the 1st Defendant", "the 2nd and 3rd
// accused". The readers here give those labels the party they stand for.

// ordinalPartyLabel matches one or more ordinals before a party's role noun:
// "1st Defendant", "the 2nd and 3rd accused", "4th Respondent's".
var ordinalPartyLabel = regexp.MustCompile(`(?i)\b((?:\d{1,2}(?:st|nd|rd|th)(?:\s*,\s*|\s+and\s+(?:the\s+)?))*\d{1,2}(?:st|nd|rd|th))\s+(?:accused|defendants?|respondents?|appellants?|applicants?|petitioners?|claimants?|plaintiffs?)\b`)

var (
	// dottedParty is a caption line that gives a party its place itself:
	// "TARN VALLEY MOTORS LIMITED ........ 1ST RESPONDENT".
	dottedParty = regexp.MustCompile(`(?m)^[ \t]*(\S[^\n]*?)[ \t]*\.{3,}[ \t]*(\d{1,2})(?:ST|ND|RD|TH|st|nd|rd|th)[ \t]+\pL+[ \t]*$`)
	ordinal     = regexp.MustCompile(`(?i)\d{1,2}(?:st|nd|rd|th)`)
	partyEntry  = regexp.MustCompile(`(?m)^[ \t]*(\d{1,2})[.)][ \t]+(\S[^\n]*)$`)
	// captionEntryEnd cuts a caption entry after the party's name: an alias
	// sign, a comma, a leader of dots, a column gap or a bracket.
	captionEntryEnd = regexp.MustCompile(` @ |,| ?\.\.|  | \(`)
)

// maxPartyWords bounds a party's name in a caption.
const maxPartyWords = 7

// captionParties returns the first numbered list of text whose entries,
// numbered from 1 without a gap, each name a party: an entity of ents
// (by name or alias, in any case) or a name in capitals; failing that,
// the caption lines that give a party's place after a leader of dots.
// Each entry is its number, the name as written and the entity (nil when
// none is known).
func captionParties(text string, ents []graph.Entity) []party {
	byName := map[string]*graph.Entity{}
	for i := range ents {
		for _, n := range append([]string{ents[i].Name}, ents[i].Aliases...) {
			byName[strings.ToLower(n)] = &ents[i]
		}
	}
	var list []party
	lastEnd := -1
	for _, m := range partyEntry.FindAllStringSubmatchIndex(text, -1) {
		n, _ := strconv.Atoi(text[m[2]:m[3]])
		entry := text[m[4]:m[5]]
		if loc := captionEntryEnd.FindStringIndex(entry); loc != nil {
			entry = entry[:loc[0]]
		}
		entry = strings.TrimSpace(entry)
		e := byName[strings.ToLower(entry)]
		named := e != nil || capsName(entry)
		consecutive := len(list) > 0 && n == list[len(list)-1].n+1 && strings.Count(text[lastEnd:m[0]], "\n") <= 1
		switch {
		case named && n == 1:
			if len(list) >= 2 {
				return list
			}
			list = []party{{n, entry, e}}
		case named && consecutive:
			list = append(list, party{n, entry, e})
		default:
			if len(list) >= 2 {
				return list
			}
			list = nil
		}
		lastEnd = m[1]
	}
	if len(list) >= 2 {
		return list
	}
	return dottedParties(text, byName)
}

// dottedParties returns the parties of caption lines that number them
// themselves ("NAME ........ 2ND RESPONDENT"), in the order written.
func dottedParties(text string, byName map[string]*graph.Entity) []party {
	var list []party
	seen := map[int]bool{}
	for _, m := range dottedParty.FindAllStringSubmatchIndex(text, -1) {
		n, _ := strconv.Atoi(text[m[4]:m[5]])
		name := strings.TrimSpace(text[m[2]:m[3]])
		e := byName[strings.ToLower(name)]
		if seen[n] || e == nil && !capsName(name) {
			continue
		}
		seen[n] = true
		list = append(list, party{n, name, e})
	}
	return list
}

type party struct {
	n      int
	name   string
	entity *graph.Entity
}

// capsName reports a name written in capitals: two to maxPartyWords
// words, letters in upper case.
func capsName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > maxPartyWords {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) || unicode.IsDigit(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 4
}

// AddParties adds the parties a caption lists in capitals and the text
// refers to by their number ("the 3rd Defendant"), in mixed case with the
// capitals as an alias: a person, or an organisation when a legal form
// ends the name. Nothing is added to a text with no such reference.
func AddParties(x *graph.Extraction, text string) {
	if !ordinalPartyLabel.MatchString(text) {
		return
	}
	for _, p := range captionParties(text, x.Entities) {
		if p.entity != nil {
			continue
		}
		words := strings.Fields(p.name)
		typ := graph.Person
		if isSuffix(words[len(words)-1]) {
			typ = graph.Organization
		}
		mixed := make([]string, len(words))
		for i, w := range words {
			mixed[i] = titleCase(w)
		}
		name := strings.Join(mixed, " ")
		addNew(x, name, typ, p.name)
	}
}

// PartyLabels adds to mentions (in text order) a mention of the party
// each ordinal label of text stands for ("the 1st Defendant" → the first
// party of the caption), so that the readers relate the party where the
// text names only its number. A label whose number the caption does not
// list, or that overlaps a name, is left alone.
func PartyLabels(text string, ents []graph.Entity, mentions []Mention) []Mention {
	if !ordinalPartyLabel.MatchString(text) {
		return mentions
	}
	parties := captionParties(text, ents)
	if len(parties) == 0 {
		return mentions
	}
	byNumber := map[int]*graph.Entity{}
	for _, p := range parties { // AddParties gave each new party its caption form as an alias
		if p.entity != nil {
			byNumber[p.n] = p.entity
		}
	}
	var labels []Mention
	for _, m := range ordinalPartyLabel.FindAllStringSubmatchIndex(text, -1) {
		group := text[m[2]:m[3]]
		ords := ordinal.FindAllStringIndex(group, -1)
		for k, o := range ords {
			n, _ := strconv.Atoi(strings.TrimRightFunc(group[o[0]:o[1]], unicode.IsLetter))
			e := byNumber[n]
			if e == nil {
				continue
			}
			start, end := m[2]+o[0], m[2]+o[1]
			if k == len(ords)-1 {
				end = m[1] // the last ordinal takes the role noun: "3rd Defendants"
			}
			labels = append(labels, Mention{Entity: e, Start: utf8.RuneCountInString(text[:start]), End: utf8.RuneCountInString(text[:end])})
		}
	}
	out := slices.Clone(mentions)
	for _, l := range labels {
		if !slices.ContainsFunc(mentions, func(m Mention) bool { return m.Start < l.End && l.Start < m.End }) {
			out = append(out, l)
		}
	}
	slices.SortStableFunc(out, func(a, b Mention) int { return a.Start - b.Start })
	return out
}

// PartyLabel reports whether s is nothing but an ordinal party label
// ("3rd Defendants", "the 1st accused"): a place in a caption, not a name.
func PartyLabel(s string) bool {
	loc := ordinalPartyLabel.FindStringIndex(s)
	return loc != nil && loc[1] == len(s) && strings.TrimSpace(strings.TrimPrefix(strings.ToLower(s[:loc[0]]), "the")) == ""
}
