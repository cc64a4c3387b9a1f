package frames

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
)

// registration matches what may be an aircraft's registration: a
// nationality mark, a hyphen and the aircraft's own letters or number.
var registration = regexp.MustCompile(`\b([A-Z0-9]{1,2})-([A-Z0-9]{3,5})\b`)

// AddRegistrations adds, as items, the aircraft a text names by their
// registration ("ZS-PWT", "5X-KAP", "EX-76411"): flight logs, accident
// reports and sanctions annexes name aircraft by nothing else, and an
// analyst follows a registration across operators and lessors. The mark
// must be ICAO's; after a one-letter mark the rest is letters ("G-ABCD"),
// after a two-character one letters, letters and digits or five digits
// (the CIS style): a model ("S-300", "KN-23") or a reference ("CN-2031")
// is not read as one.
func AddRegistrations(x *graph.Extraction, text string) {
	known := map[string]int{}
	for i, e := range x.Entities {
		known[e.Name] = i
		for _, a := range e.Aliases {
			known[a] = i
		}
	}
	for _, m := range registration.FindAllStringSubmatchIndex(text, -1) {
		name, mark, rest := text[m[0]:m[1]], text[m[2]:m[3]], text[m[4]:m[5]]
		if !aircraftMarks[strings.ToLower(mark)] || !registrationTail(mark, rest) {
			continue
		}
		// "ZS-PWT-2", "4-71-9K-31208": part of a longer code
		if m[1] < len(text) && (text[m[1]] == '-' || text[m[1]] == '/') || m[0] > 0 && (text[m[0]-1] == '-' || text[m[0]-1] == '/') {
			continue
		}
		if i, ok := known[name]; ok {
			// the recognizer reads a registration as a firm or a place
			if e := &x.Entities[i]; e.Name == name && e.Type != graph.Vessel {
				e.Type = graph.Item
			}
			continue
		}
		if k := addNew(x, name, graph.Item); k >= 0 {
			known[name] = k
		}
	}
}

// registrationTail reports whether rest can follow the nationality mark
// in a registration.
func registrationTail(mark, rest string) bool {
	letters, digits := 0, 0
	for _, r := range rest {
		if unicode.IsDigit(r) {
			digits++
		} else {
			letters++
		}
	}
	switch {
	case len(mark) == 1:
		return digits == 0 && len(rest) <= 4
	case digits == 0:
		return len(rest) == 3
	case letters == 0:
		return len(rest) == 5
	default:
		return unicode.IsLetter(rune(rest[0]))
	}
}
