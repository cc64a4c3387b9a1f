package frames

import (
	"regexp"
	"slices"
	"strings"

	"github.com/nexus-graph/nexus/graph"
)

// aliasMarkers introduce another name after a name; the one-word ones
// also open a name the readers took whole ("Alias El Flaco").
var aliasMarkers = []string{"alias", "aka", "a.k.a.", "a/k/a", "also known as", "known as"}

// nicknameAfter matches, right after a name, a marker and the other name:
// ', alias El Flaco', ' a/k/a "Tonton Zo"', ', also known as Abu Omar'.
// The other name is quoted, or up to four capitalised words (connectors
// inside).
var nicknameAfter = regexp.MustCompile(`^,?\s+(?i:` + markerPattern() + `)\s+(?:["“']([^"”'\n]{2,40})["”']|((?:\p{Lu}[\p{L}\-]*)(?:\s+(?:(?:de|del|la|el|al|bin|ibn|abu|da|dos|van|von)\s+)?\p{Lu}[\p{L}\-]*){0,3}))`)

// markerPattern is the alternation of aliasMarkers, quoted.
func markerPattern() string {
	quoted := make([]string, len(aliasMarkers))
	for i, m := range aliasMarkers {
		quoted[i] = regexp.QuoteMeta(m)
	}
	return strings.Join(quoted, "|")
}

// Nicknames reads the other names a text gives a person or an
// organisation ("Julio Ríos, alias El Flaco") as its aliases, and folds
// into it an entity the readers made of that name ("El Flaco", "Alias El
// Flaco"), its relations with it.
func Nicknames(x *graph.Extraction, text string) {
	runes := []rune(text)
	nick := map[string]string{} // other name → entity id
	for _, m := range FindMentions(text, x.Entities) {
		if m.Entity.Type != graph.Person && m.Entity.Type != graph.Organization || m.End >= len(runes) {
			continue
		}
		after := string(runes[m.End:min(len(runes), m.End+80)])
		g := nicknameAfter.FindStringSubmatch(after)
		if g == nil {
			continue
		}
		name := strings.TrimSpace(g[1] + g[2])
		if name == "" || name == m.Entity.Name || nick[name] != "" && nick[name] != m.Entity.ID {
			continue
		}
		nick[name] = m.Entity.ID
		if !slices.Contains(m.Entity.Aliases, name) {
			m.Entity.Aliases = append(m.Entity.Aliases, name)
		}
	}
	remap := map[string]string{}
	for _, e := range x.Entities {
		to := nick[e.Name]
		if first, rest, ok := strings.Cut(e.Name, " "); ok && to == "" && aliasWords[strings.ToLower(first)] {
			to = nick[rest]
		}
		if to != "" && to != e.ID && e.Type != graph.Country {
			remap[e.ID] = to
		}
	}
	applyRemap(x, remap)
}

// aliasWords are the one-word aliasMarkers.
var aliasWords = func() map[string]bool {
	out := map[string]bool{}
	for _, m := range aliasMarkers {
		if !strings.Contains(m, " ") {
			out[m] = true
		}
	}
	return out
}()
