package frames

import (
	"slices"
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
)

// formerNameCues end the text between a ship's name and the name it sailed
// under before ("KESTREL DAWN, formerly named AMBER SKY", "ORSK
// STAR (Togo flag; ex-WHITE HERON)", "SEA WREN 3 (ex NORD LARK)"). A ship renamed is one ship: analysts follow it through its
// names.
var formerNameCues = []string{"formerly named", "formerly known as", "formerly called", "formerly", "previously named",
	"previously known as", "renamed from", "ex-", "ex", "ex."}

// maxFormerGap bounds how far after a ship's name its former name may
// stand ("X (IMO 9138252), formerly named Y").
const maxFormerGap = 60

// FoldFormerNames makes each name a text gives as a ship's former name an
// alias of the ship: the entity it was read as is folded into the ship,
// its relations with it.
func FoldFormerNames(x *graph.Extraction, text string) {
	ms := FindMentions(text, x.Entities)
	if len(ms) < 2 {
		return
	}
	runes := []rune(text)
	remap := map[string]string{}
	for k := 1; k < len(ms); k++ {
		m := ms[k]
		if m.Entity.Type == graph.Country || m.Entity.Type == graph.Person || remap[m.Entity.ID] != "" {
			continue
		}
		before := strings.ToLower(strings.TrimRightFunc(string(runes[max(0, m.Start-20):m.Start]), unicode.IsSpace))
		if !slices.ContainsFunc(formerNameCues, func(c string) bool {
			if !strings.HasSuffix(before, c) {
				return false
			}
			rest := before[:len(before)-len(c)]
			return rest == "" || !isWordRune([]rune(rest)[len([]rune(rest))-1])
		}) {
			continue
		}
		// the ship: the name right before it, close by on the same line
		// ("Orion Trading, formerly Halden Marine" renames no ship)
		v := ms[k-1]
		if v.Entity.Type != graph.Vessel || v.Entity.ID == m.Entity.ID || m.Start-v.End > maxFormerGap ||
			strings.ContainsAny(string(runes[v.End:m.Start]), "\n") {
			continue
		}
		remap[m.Entity.ID] = v.Entity.ID
		if i := indexByID(x.Entities, v.Entity.ID); i >= 0 && !slices.Contains(x.Entities[i].Aliases, m.Entity.Name) {
			x.Entities[i].Aliases = append(x.Entities[i].Aliases, m.Entity.Name)
		}
	}
	applyRemap(x, remap)
}
