package frames

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
)

// Lists under a clause: a listing notice says what it does once ("The
// Ministry has added the following five entities:") and names the
// entries on the lines below it, as a numbered list, a bulleted list or a
// table. Each entry is a target of the clause's relation, with its own
// line as evidence.

// maxListEntries bounds the entries one clause reaches: a schedule longer
// than this is read by its own records, not as one clause's objects.
const maxListEntries = 60

// listEntry is the entity an entry line names, and the line's rune span.
type listEntry struct {
	ent  *graph.Entity
	line [2]int
	// seat is the city an entry gives after a dash ("X LLC - Minsk,
	// Belarus"), if any.
	seat *graph.Entity
}

// following reports whether the clause's target is "the following"
// ("added the following entities", "by adding the following").
func (r *reader) following(targets []int) bool {
	for _, t := range targets {
		if strings.EqualFold(r.tok(t).Text, "following") {
			return true
		}
		for _, c := range r.kids[t] {
			if strings.EqualFold(r.tok(c).Text, "following") && (r.tok(c).Dep == "amod" || r.tok(c).Dep == "compound") {
				return true
			}
		}
	}
	return false
}

// listEntries returns, for the clause with trigger i, the first party each
// entry line below its sentence names: lines that open with a number or a
// bullet, table rows, or short lines without a full stop. A header row
// names no party and is passed over; a line of prose, or a blank line
// after the entries, ends the list.
func (r *reader) listEntries(i int) []listEntry {
	sent := r.p.Sents[r.tok(i).Sent]
	text := r.runes()
	parties := r.parties()
	// The list starts on the line after the clause's colon (the parser may
	// run the clause on into the first entry), else after the clause.
	at := r.tok(i).Start
	for at < len(text) && text[at] != '\n' {
		at++
	}
	if !strings.HasSuffix(strings.TrimSpace(string(text[r.tok(i).Start:at])), ":") {
		for at = sent.End; at < len(text) && text[at] != '\n'; at++ {
		}
	}
	var out []listEntry
	blanks := 0
	for at < len(text) && len(out) < maxListEntries {
		start := at + 1
		end := start
		for end < len(text) && text[end] != '\n' {
			end++
		}
		at = end
		line := strings.TrimSpace(string(text[min(start, len(text)):end]))
		if line == "" {
			// a blank line may part a list's sections ("Individuals" ...
			// "Entities"), not more than a few times
			if blanks++; blanks > 4 {
				break
			}
			continue
		}
		if !entryLine(line) {
			break
		}
		if e := r.firstParty(parties, start, end); e != nil {
			out = append(out, listEntry{ent: e, line: [2]int{start, end}, seat: r.seatAfterDash(start, end)})
		}
	}
	return out
}

// entryLine reports whether line reads as a list entry or a table row
// rather than prose.
func entryLine(line string) bool {
	first := []rune(line)[0]
	if unicode.IsDigit(first) || strings.ContainsRune("-*•–·(", first) || strings.Contains(line, "|") {
		return true
	}
	return !strings.HasSuffix(line, ".") && len(strings.Fields(line)) <= 15
}

// firstParty is the first organisation, person or vessel named between
// the rune offsets start and end. An entry may write a name as lists do,
// surname in capitals ("Omar ALI - broker"): the line's opening words are
// first compared, case aside, with the names of parties.
func (r *reader) firstParty(parties []*graph.Entity, start, end int) *graph.Entity {
	line := strings.ToLower(strings.TrimLeft(string(r.runes()[start:end]), " \t-*•–·0123456789.)("))
	var best *graph.Entity
	for _, e := range parties {
		for _, sf := range append([]string{e.Name}, e.Aliases...) {
			sf = strings.ToLower(sf)
			if len(sf) < 4 || !strings.HasPrefix(line, sf) || len(line) > len(sf) && isWordRune([]rune(line[len(sf):])[0]) {
				continue
			}
			if best == nil || len(sf) > len(best.Name) {
				best = e
			}
		}
	}
	if best != nil {
		return best
	}
	toks := r.p.Tokens
	k := sort.Search(len(toks), func(j int) bool { return toks[j].Start >= start })
	for ; k < len(toks) && toks[k].Start < end; k++ {
		if e := r.ent[k]; e != nil && (e.Type == graph.Organization || e.Type == graph.Person || e.Type == graph.Vessel) {
			return e
		}
	}
	return nil
}

// emitLine adds a relation from each source to each target with the
// entry line as its evidence.
func (r *reader) emitLine(typ graph.RelationType, line [2]int, sources, targets []*graph.Entity, st, tt []graph.EntityType) {
	text := r.runes()
	start := line[0]
	for start < line[1] && unicode.IsSpace(text[start]) {
		start++
	}
	ev := strings.TrimRightFunc(string(text[start:line[1]]), unicode.IsSpace)
	for _, s := range sources {
		for _, t := range targets {
			if s.ID == t.ID || !allows(st, tt, s.Type, t.Type) {
				continue
			}
			rel := graph.Relation{Source: s.ID, Target: t.ID, Type: typ, Confidence: Confidence}.Canonical()
			key := rel.ID + "@" + strconv.Itoa(start)
			if r.added[key] {
				continue
			}
			r.added[key] = true
			rel.Evidence = []graph.Evidence{{
				DocumentID: r.doc.ID, Sentence: ev, Start: start, End: start + len([]rune(ev)),
				Rule: "list:" + strings.ToLower(string(typ)), Confidence: Confidence,
			}}
			r.rels = append(r.rels, rel)
		}
	}
}

// parties are the organisations, people and vessels named in the
// document, in order of first mention.
func (r *reader) parties() []*graph.Entity {
	var out []*graph.Entity
	seen := map[*graph.Entity]bool{}
	for _, e := range r.ent {
		if e != nil && !seen[e] && (e.Type == graph.Organization || e.Type == graph.Person || e.Type == graph.Vessel) {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

// seatAfterDash is the place an entry line names first after its dash
// ("Orlov Metals - Minsk, Belarus" → Minsk), when that is a city or
// region rather than a state.
func (r *reader) seatAfterDash(start, end int) *graph.Entity {
	line := r.runes()[start:end]
	at := -1
	for k := 1; k+1 < len(line); k++ {
		if line[k-1] == ' ' && line[k+1] == ' ' && strings.ContainsRune("-–—", line[k]) {
			at = start + k + 1
			break
		}
	}
	if at < 0 {
		return nil
	}
	toks := r.p.Tokens
	k := sort.Search(len(toks), func(j int) bool { return toks[j].Start >= at })
	for ; k < len(toks) && toks[k].Start < end; k++ {
		if e := r.ent[k]; e != nil {
			if e.Type == graph.Location {
				return e
			}
			return nil
		}
	}
	return nil
}

// onList reads being put on a list or being on one. A list that names its
// owner ("X was placed on the EU sanctions list", "X was added to the US
// Entity List", "X is on the Treasury's list", "In the UK list is X")
// says the owner sanctioned X. Being on a list that names none ("X is on
// the list", "Also on the list are X and Y") is being listed by the
// document's last named designator (as an agentless "X was listed" is)
// when no reader names one for X; an agentless "X was added" is left to
// the verb's own frame.
func (r *reader) onList(i int) {
	be := strings.EqualFold(r.tok(i).Lemma, "be")
	var owners []*graph.Entity
	onUnowned := false // "be on" a list that names no owner
	for _, p := range r.children(i, "prep") {
		prep := strings.ToLower(r.tok(p).Text)
		switch prep {
		case "on", "to", "in", "onto":
		default:
			continue
		}
		for _, o := range r.children(p, "pobj") {
			if !listNouns[strings.ToLower(r.tok(o).Lemma)] {
				continue
			}
			if os := r.listOwners(o); len(os) > 0 {
				owners = append(owners, os...)
			} else if be && prep == "on" {
				onUnowned = true
			}
		}
	}
	// the cheap test first: "be" is the commonest verb there is
	if len(owners) == 0 && !onUnowned || r.blocked(i) {
		return
	}
	var f *VerbFrame
	for _, vf := range r.set.verbs["list"] {
		if vf.Type == graph.Sanctioned && vf.Agentless == "previous" {
			f = vf
		}
	}
	if f == nil {
		return
	}
	if len(owners) > 0 {
		if len(r.children(i, "agent")) > 0 {
			return // "added to the list by Y": the verb's frame reads Y
		}
		// who is on it: the passive's subject or the copula's ("Japan
		// added the firm to its list" is read by the verb's own frame)
		targets := r.children(i, "nsubjpass")
		if be {
			targets = append(targets, r.children(i, "nsubj", "attr")...)
		}
		r.emit(f.Type, i, owners, r.entities(targets), f.SourceTypes, f.TargetTypes)
		return
	}
	if last := r.lastSource[graph.Sanctioned]; last != nil {
		if targets := r.entities(r.children(i, "nsubj")); len(targets) > 0 {
			r.implied = append(r.implied, impliedAgent{f: f, trig: i, source: last, targets: targets})
		}
	}
}

// listOwners are the states and bodies a list noun names as its owner:
// its possessor ("the Treasury's list", "the EU's Russia sanctions list",
// where the other names name the regime) or else a name among its
// modifiers ("the EU sanctions list", "the US Entity List").
func (r *reader) listOwners(n int) []*graph.Entity {
	var poss, named []*graph.Entity
	var walk func(k, depth int)
	walk = func(k, depth int) {
		for _, c := range r.children(k, "poss", "compound", "nmod", "amod") {
			if e := r.ent[c]; e != nil && (e.Type == graph.Country || e.Type == graph.Organization) {
				if r.tok(c).Dep == "poss" {
					poss = append(poss, e)
				} else if !slices.Contains(named, e) {
					named = append(named, e)
				}
				continue
			}
			if depth < 2 {
				walk(c, depth+1)
			}
		}
	}
	walk(n, 0)
	if len(poss) > 0 {
		return poss[:1]
	}
	return named
}
