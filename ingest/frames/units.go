package frames

import (
	"strings"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// SplitUnits reads an organisation named "<unit> of the <parent>" ("the
// Organised Crime Division of the Northport Police Service") as two
// bodies, the unit and its parent, so that the unit is PART_OF the
// parent (the frames read the "of" between them). The unit must be named
// by at least two words ("Department of the Treasury" is one body named
// after its remit; "US Department of the Treasury" a state's) and the
// parent must be a body of two words or more, not a state or a place
// ("Security Service of Norland", "Border Regiment of Kesh" stay
// whole): a known organisation, or a name a body's noun ends.
func SplitUnits(x *graph.Extraction) {
	orgs := surfaces(x.Entities, func(e graph.Entity) bool { return e.Type == graph.Organization })
	states := surfaces(x.Entities, func(e graph.Entity) bool { return e.Type == graph.Country })
	states["US"], states["U.S."], states["UK"] = true, true, true
	remap := map[string]string{}
	var added []graph.Entity
	for i := range x.Entities {
		e := &x.Entities[i]
		if e.Type != graph.Organization {
			continue
		}
		unit, parent, ok := strings.Cut(e.Name, " of ")
		parent, the := strings.CutPrefix(parent, "the ")
		words := strings.Fields(unit)
		if !ok || len(words) < 2 || strings.EqualFold(words[0], "the") || strings.Contains(parent, " of ") {
			continue
		}
		// "Department of Maritime Affairs" names a remit; "Department
		// of the Workers' Party" a parent.
		if noun := strings.ToLower(words[len(words)-1]); !subunitNouns[noun] || remitNouns[noun] && !the {
			continue
		}
		pw := strings.Fields(parent)
		if len(pw) < 2 || !orgs[parent] && !parentNouns[strings.ToLower(pw[len(pw)-1])] || states[strings.Join(words[:len(words)-1], " ")] {
			continue
		}
		if id := graph.EntityID(parent); indexByID(x.Entities, id) < 0 && indexByID(added, id) < 0 {
			added = append(added, graph.Entity{ID: id, Name: parent, Type: graph.Organization, Mentions: 1})
		}
		id := graph.EntityID(unit)
		if j := indexByID(x.Entities, id); j >= 0 {
			remap[e.ID] = id // the unit is named on its own too
			continue
		}
		remap[e.ID] = id
		e.ID, e.Name, e.Aliases = id, unit, nil
	}
	applyRemap(x, remap)
	x.Entities = append(x.Entities, added...)
}

// unitOf reads "<unit> of the <parent>" between two named bodies as the
// unit being PART_OF the parent (the names SplitUnits parted, or written
// so by the text).
func (r *reader) unitOf() {
	for i, t := range r.p.Tokens {
		if t.Text != "of" || i == 0 || i+1 >= len(r.p.Tokens) || r.ent[i] != nil {
			continue
		}
		u := i - 1
		// "the Signals Branch (SB) of the ...": past its abbreviation
		if r.tok(u).Text == ")" {
			for u > 0 && r.tok(u).Text != "(" && i-u < 5 {
				u--
			}
			u--
		}
		if u < 0 {
			continue
		}
		unit := r.ent[u]
		j := i + 1
		if strings.EqualFold(r.tok(j).Text, "the") && j+1 < len(r.p.Tokens) {
			j++
		}
		parent := r.ent[j]
		if unit == nil || parent == nil || unit.Type != graph.Organization || parent.Type != graph.Organization {
			continue
		}
		words := strings.Fields(unit.Name)
		if !strings.EqualFold(r.tok(u).Text, words[len(words)-1]) || !subunitNouns[strings.ToLower(words[len(words)-1])] {
			continue
		}
		r.emit(graph.PartOf, i, []*graph.Entity{unit}, []*graph.Entity{parent}, nil, nil)
	}
}

// maxBodyWords bounds such a name.
const maxBodyWords = 9

// AddPlaceBodies adds, as organisations, the bodies named after a state
// or place whose name has "and" or "of" in it: the recognizer stops at
// the place ("Varra and Olm Police Force" read as the state alone,
// "Gulf of Sarn Security Forum" as the gulf).
// The run of capitalised words must begin with the place's name, after
// at most one title word ("Royal"), and end with a body's noun.
func AddPlaceBodies(x *graph.Extraction, p *nlp.Doc) {
	places := surfaces(x.Entities, func(e graph.Entity) bool {
		return (e.Type == graph.Location || e.Type == graph.Country) && (strings.Contains(e.Name, " and ") || strings.Contains(e.Name, " of "))
	})
	have := map[string]bool{}
	for _, e := range x.Entities {
		have[e.Name] = true
	}
	if len(places) == 0 {
		return
	}
	for i := 0; i < len(p.Tokens); i++ {
		if !nameWord(p.Tokens[i].Text, true) || i > 0 && nameWord(p.Tokens[i-1].Text, false) {
			continue
		}
		// the capitalised run from i, "and" and "of" inside it
		end := i
		for k := i; k < len(p.Tokens) && k-i < maxBodyWords && p.Tokens[k].Sent == p.Tokens[i].Sent; k++ {
			w := p.Tokens[k].Text
			if nameWord(w, false) {
				end = k + 1
				continue
			}
			if (w == "and" || w == "of") && k+1 < len(p.Tokens) && nameWord(p.Tokens[k+1].Text, false) {
				continue
			}
			break
		}
		if end-i < 3 || !bodyNouns[strings.ToLower(p.Tokens[end-1].Text)] {
			continue
		}
		name := p.Text[p.Tokens[i].ByteStart:p.Tokens[end-1].ByteEnd]
		rest := name
		if first, after, ok := strings.Cut(name, " "); ok && !places[first] && startsPlace(places, after) {
			rest = after // a title word: "Royal"
		}
		if !startsPlace(places, rest) || have[name] || strings.ContainsAny(name, "\n\r") {
			continue
		}
		id := graph.EntityID(name)
		if id == "" || indexByID(x.Entities, id) >= 0 {
			continue
		}
		have[name] = true
		x.Entities = append(x.Entities, graph.Entity{ID: id, Name: name, Type: graph.Organization, Mentions: 1})
		i = end - 1
	}
}

// startsPlace reports whether s begins with one of places followed by
// more words.
func startsPlace(places map[string]bool, s string) bool {
	for pl := range places {
		if strings.HasPrefix(s, pl+" ") {
			return true
		}
	}
	return false
}

// surfaces returns the names and aliases of the entities keep accepts.
func surfaces(ents []graph.Entity, keep func(graph.Entity) bool) map[string]bool {
	out := map[string]bool{}
	for _, e := range ents {
		if keep(e) {
			out[e.Name] = true
			for _, a := range e.Aliases {
				out[a] = true
			}
		}
	}
	return out
}
