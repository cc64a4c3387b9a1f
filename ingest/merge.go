package ingest

import (
	"math"
	"strings"

	"github.com/nexus-graph/nexus/graph"
)

// Merge combines extractions into one, keeping the order of first
// appearance:
//   - documents by ID, the first copy wins;
//   - entities by ID: the first name wins, the type is the one that
//     outranks the others (graph.EntityType.Outranks: the same whatever
//     the order of the inputs), aliases are the union
//     (case-insensitive, names equal to the entity's name left out),
//     mentions are summed, properties are the union (first value wins);
//   - relations by ID (after Canonical, so symmetric relations from both
//     directions meet): evidence is the union by Evidence.Key, confidence
//     is the maximum, properties are the union (first value wins).
//
// The inputs are not modified.
func Merge(xs ...graph.Extraction) graph.Extraction {
	var out graph.Extraction
	docIdx := map[string]int{}
	entIdx := map[string]int{}
	relIdx := map[string]int{}
	evSeen := map[string]map[string]bool{} // relation id → evidence keys
	for _, x := range xs {
		for _, d := range x.Documents {
			if _, ok := docIdx[d.ID]; ok {
				continue
			}
			docIdx[d.ID] = len(out.Documents)
			out.Documents = append(out.Documents, d)
		}
		for _, e := range x.Entities {
			i, ok := entIdx[e.ID]
			if !ok {
				entIdx[e.ID] = len(out.Entities)
				e.Aliases = unionAliases(e.Name, nil, e.Aliases)
				e.Properties = unionProps(nil, e.Properties)
				out.Entities = append(out.Entities, e)
				continue
			}
			m := &out.Entities[i]
			m.Aliases = unionAliases(m.Name, m.Aliases, append([]string{e.Name}, e.Aliases...))
			m.Mentions += e.Mentions
			m.Properties = unionProps(m.Properties, e.Properties)
			if m.Type == "" {
				m.Type = e.Type
			} else {
				m.Type = graph.PreferType(m.Type, e.Type)
			}
		}
		for _, r := range x.Relations {
			if r.Source == "" || r.Target == "" {
				continue
			}
			r = r.Canonical()
			evs := r.Evidence
			i, ok := relIdx[r.ID]
			if !ok {
				i = len(out.Relations)
				relIdx[r.ID] = i
				r.Evidence = nil
				r.Properties = unionProps(nil, r.Properties)
				out.Relations = append(out.Relations, r)
				evSeen[r.ID] = map[string]bool{}
			} else {
				m := &out.Relations[i]
				if r.Confidence > m.Confidence {
					m.Confidence = r.Confidence
				}
				m.Properties = unionProps(m.Properties, r.Properties)
			}
			m := &out.Relations[i]
			seen := evSeen[r.ID]
			for _, ev := range evs {
				if seen[ev.Key()] {
					continue
				}
				seen[ev.Key()] = true
				m.Evidence = append(m.Evidence, ev)
			}
		}
	}
	return out
}

// unionAliases appends the aliases of add not yet in have (compared
// without case) and unlike name.
func unionAliases(name string, have, add []string) []string {
	if len(add) == 0 {
		return have
	}
	seen := make(map[string]bool, len(have)+1)
	seen[strings.ToLower(name)] = true
	out := make([]string, 0, len(have)+len(add))
	for _, a := range have {
		if k := strings.ToLower(a); !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	for _, a := range add {
		a = strings.TrimSpace(a)
		if k := strings.ToLower(a); a != "" && !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// unionProps copies have and adds the keys of add it lacks.
func unionProps(have, add map[string]any) map[string]any {
	if len(add) == 0 {
		return have
	}
	out := make(map[string]any, len(have)+len(add))
	for k, v := range have {
		out[k] = v
	}
	for k, v := range add {
		if _, ok := out[k]; !ok {
			out[k] = v
		}
	}
	return out
}

// AddReadings adds relations another reader found (frames, the classifier)
// to those of one document's extraction (Merge, by contrast, joins whole
// extractions and keeps every evidence offset as given): a
// relation already there gains the new sentence as evidence (if it has not
// got it), a new one is appended. Order is kept, so the same input always
// gives the same output.
func AddReadings(rels, extra []graph.Relation) []graph.Relation {
	at := make(map[string]int, len(rels))
	for i, r := range rels {
		at[r.ID] = i
	}
	for _, x := range extra {
		i, ok := at[x.ID]
		if !ok {
			at[x.ID] = len(rels)
			rels = append(rels, x)
			continue
		}
		r := &rels[i]
		for _, ev := range x.Evidence {
			dup := false
			for _, have := range r.Evidence {
				// The same sentence, whatever each reader took for its edges.
				if have.DocumentID == ev.DocumentID && ev.Start < max(have.End, have.Start+1) && have.Start < max(ev.End, ev.Start+1) {
					dup = true
					break
				}
			}
			if !dup {
				r.Evidence = append(r.Evidence, ev)
			}
		}
		// Two readers agreeing is stronger than either alone.
		// Rounded so that the figure reads as it is meant (0.9865, not
		// 0.9864999999999999) and stays the same from one build to the next.
		r.Confidence = math.Round((1-(1-r.Confidence)*(1-x.Confidence))*1e4) / 1e4
	}
	return rels
}
