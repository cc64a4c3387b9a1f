package frames

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
)

// Record lines ("Registered owner: Ladoga Coastal Lines Ltd", "Address:
// Limassol, Cyprus") state relations without a verb; the sentence parser
// reads them as fragments. A record is the run of field lines after an
// entry that names its subject: a head field ("Name: X", "Vessel: X") or a
// line that opens with an entity ("1. Orion Trading LLC (a.k.a.
// ...)"). Which fields relate the subject to what is data (frames.yaml,
// records).

// RecordConfidence is the confidence of a relation read from a record.
const RecordConfidence = 0.7

// maxRecordGap is how many lines a record's fields may run after its
// subject was named.
const maxRecordGap = 15

// maxLabelRunes bounds a field label ("Ultimate beneficial owner").
const maxLabelRunes = 45

// ReadRecords returns the relations that record fields in doc state
// between a record's subject and the first entity of a field's value.
func (s *Set) ReadRecords(doc graph.Document, mentions []Mention) []graph.Relation {
	rels, _ := s.records(doc, mentions)
	return rels
}

// WithRecordSubjects returns mentions with, for each narrative field of a
// record ("Basis for listing: Owner of X; paid the debts of Y"), its
// label as a reference to the record's subject. The parser attaches the
// value's subjectless clauses to the label ("Basis ... works as a front
// for Y"; "Basis: owner of X" read as an apposition), so the label is
// where the subject the value leaves unsaid stands.
func (s *Set) WithRecordSubjects(doc graph.Document, mentions []Mention) []Mention {
	_, read := s.ReadRecordsAndSubjects(doc, mentions)
	return read
}

// ReadRecordsAndSubjects is ReadRecords and WithRecordSubjects from one
// walk over doc's lines.
func (s *Set) ReadRecordsAndSubjects(doc graph.Document, mentions []Mention) ([]graph.Relation, []Mention) {
	rels, labels := s.records(doc, mentions)
	if len(labels) == 0 {
		return rels, mentions
	}
	out := slices.Concat(mentions, labels)
	slices.SortStableFunc(out, func(a, b Mention) int { return a.Start - b.Start })
	return rels, out
}

// records walks doc's records: the relations their fields state, and
// their narrative labels as references to their subjects.
func (s *Set) records(doc graph.Document, mentions []Mention) ([]graph.Relation, []Mention) {
	if len(s.fields) == 0 && len(s.narratives) == 0 {
		return nil, nil
	}
	text := []rune(doc.Text)
	var out []graph.Relation
	var labels []Mention
	var subject *graph.Entity
	subjectLine := 0
	mi := 0 // mentions before the current line are behind us
	line := 0
	for start := 0; start < len(text); line++ {
		end := start
		for end < len(text) && text[end] != '\n' {
			end++
		}
		for mi < len(mentions) && mentions[mi].Start < start {
			mi++
		}
		var inLine []Mention
		for k := mi; k < len(mentions) && mentions[k].End <= end; k++ {
			inLine = append(inLine, mentions[k])
		}
		body, numbered := skipMarkers(text, start, end)
		fielded := false
		for segStart := body; segStart < end; {
			segEnd := segStart
			for segEnd < end && text[segEnd] != ';' {
				segEnd++
			}
			label, valueStart, ok := fieldLabel(text, segStart, segEnd)
			// "Company (ISM): X" is its own field; other asides are not
			// part of the label ("Address (registered): ...").
			if full := labelWithAside(text, segStart, valueStart); ok && full != label && s.fields[full] != nil {
				label = full
			}
			// "Identifying information: Address: Limassol": a heading label
			// before the field
			if ok && !s.heads[headLabel(label)] && s.fields[label] == nil && !s.narratives[label] {
				if l2, v2, ok2 := fieldLabel(text, valueStart, segEnd); ok2 {
					label, valueStart = l2, v2
				}
			}
			if ok {
				fielded = true
				value := mentionsIn(inLine, valueStart, segEnd)
				switch f := s.fields[label]; {
				case s.narratives[label] && subject != nil && line-subjectLine <= maxRecordGap:
					from := segStart
					for text[from] == ' ' {
						from++
					}
					labels = append(labels, Mention{Entity: subject, Start: from, End: valueStart - 1, Reference: true})
				case s.heads[headLabel(label)]:
					// a head with no name we know ends the last record
					subject = nil
					for _, m := range value {
						if opensRecord(m.Entity.Type) {
							subject, subjectLine = m.Entity, line
							break
						}
					}
				case f != nil && subject != nil && line-subjectLine <= maxRecordGap:
					if f.Type == graph.LocatedIn {
						value = addressLocality(text, value)
					}
					for _, m := range value {
						if m.Entity == subject || m.Entity.ID == subject.ID || len(f.ValueTypes) > 0 && !containsType(f.ValueTypes, m.Entity.Type) {
							continue
						}
						rel := recordRelation(doc, text, f, subject, m.Entity, segStart, segEnd, valueStart)
						if f.ByRoleNoun {
							if subject.Type != graph.Person {
								break
							}
							rel.Type = s.roleType(text[valueStart:m.Start], f.Type)
						}
						out = append(out, rel)
						break
					}
				}
			}
			segStart = segEnd + 1
		}
		if !fielded {
			// An entry that opens with a name starts a record about it;
			// a long line of prose that does not, ends the last one.
			switch {
			case len(inLine) > 0 && inLine[0].Start == body && opensRecord(inLine[0].Entity.Type) && entryEnd(text, inLine[0].End, end):
				subject, subjectLine = inLine[0].Entity, line
			case numbered:
				// a numbered entry whose name we do not know: its fields
				// are not the last entry's
				subject = nil
			case end-body > 200 && !(len(inLine) > 0 && inLine[0].Start == body && subject != nil && inLine[0].Entity.ID == subject.ID):
				subject = nil
			}
		}
		start = end + 1
	}
	return out, labels
}

// headLabel drops an entry number from a label ("subject 2").
func headLabel(label string) string {
	return strings.TrimRight(label, " 0123456789")
}

// entryEnd reports whether a name ending at offset at, on a line ending
// at end, stands as an entry's heading: alone on a short line, or followed
// by an aside ("Orion Trading LLC (a.k.a. OTL)", "X, Dubai", "X –
// ..."), not by the rest of a sentence ("X's sole shareholder is ...").
func entryEnd(text []rune, at, end int) bool {
	if end-at > 150 {
		return false
	}
	for at < end && text[at] == ' ' {
		at++
	}
	if at >= end {
		return true
	}
	switch text[at] {
	case '(', ',', ':', '–', '—', '-', '|':
		return true
	}
	return false
}

func opensRecord(t graph.EntityType) bool {
	return t == graph.Organization || t == graph.Person || t == graph.Vessel
}

func containsType(ts []graph.EntityType, t graph.EntityType) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// skipMarkers returns the offset of a line's content after indentation,
// bullets and numbering ("- ", "• ", "3. ", "(b) ", "12) "), and whether
// the line opens with a reference cell ("REF 12-0041 | ").
func skipMarkers(text []rune, start, end int) (int, bool) {
	i := start
	for i < end && (unicode.IsSpace(text[i]) || text[i] == '-' || text[i] == '*' || text[i] == '•' || text[i] == '|') {
		i++
	}
	j := i
	if j < end && text[j] == '(' {
		j++
	}
	k := j
	for k < end && k-j < 3 && (unicode.IsDigit(text[k]) || k == j && unicode.IsLower(text[k])) {
		k++
	}
	if k > j && k < end && (text[k] == '.' || text[k] == ')') && k+1 < end && text[k+1] == ' ' {
		i = k + 1
		for i < end && text[i] == ' ' {
			i++
		}
	}
	// "SSID 212-80417 | Name", "RU-0042 | Name": an entry's reference
	// number in a first cell of its own
	if bar := slices.Index(text[i:end], '|'); bar > 0 && bar <= 24 && slices.ContainsFunc(text[i:i+bar], unicode.IsDigit) {
		i += bar + 1
		for i < end && text[i] == ' ' {
			i++
		}
		return i, true
	}
	return i, false
}

// fieldLabel reads "Label: value" in text[from:to]: the label in lower
// case without parenthesised asides ("Ultimate beneficial owner
// (assessed)"), and where the value starts.
func fieldLabel(text []rune, from, to int) (string, int, bool) {
	for from < to && text[from] == ' ' {
		from++
	}
	colon := -1
	for i := from; i < to && i-from <= maxLabelRunes; i++ {
		if text[i] == ':' {
			colon = i
			break
		}
	}
	if colon <= from || colon+1 >= to || text[colon+1] != ' ' {
		return "", 0, false
	}
	var b strings.Builder
	depth := 0
	for _, r := range text[from:colon] {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case depth > 0:
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '/' || r == '-' || r == '\'':
			b.WriteRune(unicode.ToLower(r))
		default:
			return "", 0, false
		}
	}
	label := strings.Join(strings.Fields(b.String()), " ")
	if label == "" || len(strings.Fields(label)) > 5 {
		return "", 0, false
	}
	return label, colon + 1, true
}

// labelWithAside is the label before valueStart with its parenthesised
// asides kept, in lower case ("company (ism)").
func labelWithAside(text []rune, from, valueStart int) string {
	if valueStart <= from {
		return ""
	}
	return strings.Join(strings.Fields(strings.ToLower(string(text[from:valueStart-1]))), " ")
}

func mentionsIn(ms []Mention, from, to int) []Mention {
	var out []Mention
	for _, m := range ms {
		if m.Start >= from && m.End <= to {
			out = append(out, m)
		}
	}
	return out
}

func recordRelation(doc graph.Document, text []rune, f *RecordField, subject, value *graph.Entity, segStart, segEnd, valueStart int) graph.Relation {
	src, dst := subject, value
	if f.Subject == Target {
		src, dst = value, subject
	}
	for segStart < segEnd && text[segStart] == ' ' {
		segStart++
	}
	for segEnd > segStart && unicode.IsSpace(text[segEnd-1]) {
		segEnd--
	}
	conf := math.Round(RecordConfidence*1000) / 1000
	r := graph.Relation{Source: src.ID, Target: dst.ID, Type: f.Type, Confidence: conf}.Canonical()
	r.Evidence = []graph.Evidence{{DocumentID: doc.ID, Sentence: string(text[segStart:segEnd]), Start: segStart, End: segEnd,
		Trigger: strings.TrimSpace(string(text[segStart : valueStart-1])), TriggerStart: segStart, TriggerEnd: valueStart - 1,
		Rule: "record", Confidence: conf}}
	return r
}

// roleType is the relation a person holds by the office named in words
// ("General Director, " → LEADS): the type of the first word that a
// person-holder noun frame declares, def when none does.
func (s *Set) roleType(words []rune, def graph.RelationType) graph.RelationType {
	office := func(w string) (graph.RelationType, bool) {
		for _, f := range s.nouns[w] {
			if f.Holder == Source && (len(f.SourceTypes) == 0 || containsType(f.SourceTypes, graph.Person)) {
				return f.Type, true
			}
		}
		return "", false
	}
	for _, w := range strings.FieldsFunc(string(words), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		w = strings.ToLower(w)
		if t, ok := office(w); ok {
			return t
		}
		// "director-general"; "vice-president" is a qualified office
		if parts := strings.Split(w, "-"); len(parts) > 1 {
			if q := s.qualifiers[parts[0]]; q != nil {
				return q.Type
			}
			for _, part := range parts {
				if t, ok := office(part); ok {
					return t
				}
			}
		}
	}
	return def
}

// addressLocality puts first, of an address's places ("12 Harbour
// Road, Old Port, Mersin, Turkey"), the last one before its country that is not a
// region ("..., Samara, Samara Oblast, Russia", "..., Republic of
// Bashkortostan, Russia"): the city, where a street or a district comes
// before it.
func addressLocality(text []rune, value []Mention) []Mention {
	for k := 1; k < len(value); k++ {
		if value[k].Entity.Type != graph.Country {
			continue
		}
		for j := k - 1; j >= 0 && value[j].Entity.Type == graph.Location; j-- {
			if regionAt(text, value[j]) {
				continue
			}
			return append([]Mention{value[j]}, slices.Delete(slices.Clone(value), j, j+1)...)
		}
		break
	}
	return value
}

// regionAt reports whether a place's mention, with the words around it
// up to the address's commas, names a region.
func regionAt(text []rune, m Mention) bool {
	from, to := m.Start, m.End
	for from > 0 && text[from-1] != ',' && text[from-1] != ':' && text[from-1] != '\n' {
		from--
	}
	for to < len(text) && text[to] != ',' && text[to] != ';' && text[to] != '\n' {
		to++
	}
	for _, w := range strings.Fields(strings.ToLower(string(text[from:to]))) {
		if regionWords[w] {
			return true
		}
	}
	return false
}
