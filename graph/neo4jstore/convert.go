package neo4jstore

import (
	"encoding/json"
	"time"

	"github.com/nexus-graph/nexus/graph"
)

// Helpers turning driver values (from map projections) into graph types.

func str(v any) string {
	s, _ := v.(string)
	return s
}

func toInt(v any) int {
	switch n := v.(type) {
	case int64:
		return int(n)
	case float64:
		return int(n)
	case int:
		return n
	}
	return 0
}

func toFloat(v any) float64 {
	switch n := v.(type) {
	case float64:
		return n
	case int64:
		return float64(n)
	}
	return 0
}

func strs(v any) []string {
	l, _ := v.([]any)
	if len(l) == 0 {
		return nil
	}
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func decodeProps(v any) map[string]any {
	s, ok := v.(string)
	if !ok || s == "" {
		return nil
	}
	var m map[string]any
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	return m
}

// entityProjection is the map projection entityFrom reads.
const entityProjection = `{.id, .name, .type, .aliases, .mentions, .properties}`

// degreeExpr counts the relations of e among entities (not MENTIONS).
func degreeExpr(v string) string {
	return `COUNT { (` + v + `)--() } - COUNT { (` + v + `)<-[:MENTIONS]-() }`
}

func entityFrom(v any) graph.Entity {
	m, _ := v.(map[string]any)
	return graph.Entity{
		ID:         str(m["id"]),
		Name:       str(m["name"]),
		Type:       graph.EntityType(str(m["type"])),
		Aliases:    strs(m["aliases"]),
		Mentions:   toInt(m["mentions"]),
		Properties: decodeProps(m["properties"]),
	}
}

// relationProjection reads a relationship r between a and b.
const relationProjection = `{id: r.id, source: startNode(r).id, target: endNode(r).id, type: type(r),
  confidence: r.confidence, evidenceCount: r.evidenceCount, properties: r.properties}`

func relationFrom(v any) graph.Relation {
	m, _ := v.(map[string]any)
	return graph.Relation{
		ID:            str(m["id"]),
		Source:        str(m["source"]),
		Target:        str(m["target"]),
		Type:          graph.RelationType(str(m["type"])),
		Confidence:    toFloat(m["confidence"]),
		EvidenceCount: toInt(m["evidenceCount"]),
		Properties:    decodeProps(m["properties"]),
	}
}

const documentProjection = `{.id, .title, .path, .format, .chars, .ingestedAt}`

func documentFrom(v any) graph.Document {
	m, _ := v.(map[string]any)
	d := graph.Document{
		ID:     str(m["id"]),
		Title:  str(m["title"]),
		Path:   str(m["path"]),
		Format: str(m["format"]),
		Text:   str(m["text"]),
		Chars:  toInt(m["chars"]),
	}
	if t, ok := m["ingestedAt"].(time.Time); ok {
		d.IngestedAt = t.UTC()
	}
	return d
}

const evidenceProjection = `{document: ev.documentId, title: d.title, sentence: ev.sentence, start: ev.start,
  end: ev.end, trigger: ev.trigger, triggerStart: ev.triggerStart, triggerEnd: ev.triggerEnd, rule: ev.rule,
  confidence: ev.confidence}`

func evidenceFrom(v any) graph.Evidence {
	m, _ := v.(map[string]any)
	return graph.Evidence{
		DocumentID:    str(m["document"]),
		DocumentTitle: str(m["title"]),
		Sentence:      str(m["sentence"]),
		Start:         toInt(m["start"]),
		End:           toInt(m["end"]),
		Trigger:       str(m["trigger"]),
		TriggerStart:  toInt(m["triggerStart"]),
		TriggerEnd:    toInt(m["triggerEnd"]),
		Rule:          str(m["rule"]),
		Confidence:    toFloat(m["confidence"]),
	}
}
