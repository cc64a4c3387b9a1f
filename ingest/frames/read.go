package frames

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest/nlp"
)

// Confidence of a relation read from a frame.
const Confidence = 0.75

// maxPairs bounds the relations one trigger yields: a designation of a
// long list joined by "or" is a list of alternatives, not of facts.
const maxPairs = 8

// Mention is an entity's occurrence in the text, in rune offsets.
type Mention struct {
	Entity     *graph.Entity
	Start, End int
	// Reference marks a pronoun or definite description resolved to
	// Entity, not its name.
	Reference bool
}

// reader holds one document's parse and the entity under each token.
type reader struct {
	set   *Set
	doc   graph.Document
	p     *nlp.Doc
	ent   []*graph.Entity // per token, nil outside mentions
	kids  [][]int         // children of each token, in text order
	money []bool          // per token, inside a span the recognizer labels MONEY
	rels  []graph.Relation
	added map[string]bool // relation id + sentence start, to keep one evidence per sentence
	// lastSource is, per relation type, the source of the last relation
	// read with its source named: the agent an agentless passive implies.
	lastSource map[graph.RelationType]*graph.Entity
	// firstSource is, per relation type, the first such source: the
	// issuer of a notice.
	firstSource map[graph.RelationType]*graph.Entity
	// lastTargets is, per relation type, the targets of the last trigger
	// that yielded relations, and the sentence it was in.
	lastTargets map[graph.RelationType]echoed
	implied     []impliedAgent
	known       []graph.Relation // other readers' relations
	text        []rune           // p.Text as runes, made when first needed (runes)
}

// runes is the document's text as runes, which rune offsets index.
func (r *reader) runes() []rune {
	if r.text == nil {
		r.text = []rune(r.p.Text)
	}
	return r.text
}

// echoed is what an echoing verb repeats: the targets of a relation and
// the sentence that stated it.
type echoed struct {
	targets []*graph.Entity
	sent    int
}

// echoSentences bounds how far back an echoing verb looks ("The EU listed
// X in May. ... Canada followed in June.").
const echoSentences = 3

// impliedAgent is an agentless passive waiting for the end of the
// document: its implied source stands only for targets the document
// gives no source of that relation by name.
type impliedAgent struct {
	f       *VerbFrame
	trig    int
	source  *graph.Entity
	targets []*graph.Entity
}

// readImplied emits the agentless passives whose targets no relation of
// their type names a source for.
func (r *reader) readImplied() {
	named := map[string]bool{}
	for _, rel := range slices.Concat(r.rels, r.known) {
		named[string(rel.Type)+"\x00"+rel.Target] = true
	}
	for _, a := range r.implied {
		var targets []*graph.Entity
		for _, t := range a.targets {
			if !named[string(a.f.Type)+"\x00"+t.ID] {
				targets = append(targets, t)
			}
		}
		r.emit(a.f.Type, a.trig, []*graph.Entity{a.source}, targets, a.f.SourceTypes, a.f.TargetTypes)
	}
}

// Read returns the relations the frames find in doc, between the entities
// of mentions. p is doc.Text's parse.
func (s *Set) Read(doc graph.Document, p *nlp.Doc, mentions []Mention) []graph.Relation {
	return s.ReadBeside(doc, p, mentions, nil)
}

// ReadBeside is Read for a document whose other readers found known: an
// agentless passive implies no source for a target that known gives a
// source of the same relation type.
func (s *Set) ReadBeside(doc graph.Document, p *nlp.Doc, mentions []Mention, known []graph.Relation) []graph.Relation {
	r := newReader(p, mentions)
	r.known = known
	r.set, r.doc, r.added = s, doc, map[string]bool{}
	r.lastSource = map[graph.RelationType]*graph.Entity{}
	r.firstSource = map[graph.RelationType]*graph.Entity{}
	r.lastTargets = map[graph.RelationType]echoed{}
	if !s.noReferences {
		r.resolveReferences()
	}
	for i, t := range p.Tokens {
		if r.ent[i] != nil {
			continue // a word of a name ("Office of ...") is not a trigger
		}
		lemma := strings.ToLower(t.Lemma)
		switch t.POS {
		case "VERB", "AUX":
			for _, f := range s.verbs[s.verbLemma(lemma, t.Text)] {
				r.verb(i, f)
			}
			if listingVerbs[lemma] {
				r.onList(i)
			}
			// Frames of any verb read compound prepositions only: most
			// verbs have none, and need no closer look.
			if r.compoundPrep(i) {
				for _, f := range s.verbs[anyVerb] {
					r.verb(i, f)
				}
			}
		case "NOUN", "PROPN":
			lemma = r.postposedTitle(i, lemma)
			if q := r.qualified(i); q != nil && len(s.nouns[lemma]) > 0 {
				r.noun(i, q)
				continue
			}
			for _, f := range s.nouns[lemma] {
				r.noun(i, f)
			}
		}
	}
	r.titled()
	r.unitOf()
	r.seats()
	r.readImplied()
	return r.rels
}

// through adds, for each target token that names nothing and is one of
// the common nouns standIns, the objects of its prepositions in preps:
// "villages in X" stands for X.
func (r *reader) through(targets []int, preps, standIns []string) []int {
	out := slices.Clone(targets)
	for _, t := range targets {
		if r.ent[t] != nil || r.tok(t).POS != "NOUN" || !slices.Contains(standIns, strings.ToLower(r.tok(t).Lemma)) {
			continue
		}
		for _, p := range r.children(t, "prep") {
			if slices.Contains(preps, strings.ToLower(r.tok(p).Text)) {
				out = append(out, r.children(p, "pobj")...)
			}
		}
	}
	return out
}

// postposedTitle returns the role noun an office written with "general"
// after it is headed by ("director general", "secretary general",
// "consul general"): the parser makes "general" the head. Other nouns
// return lemma.
func (r *reader) postposedTitle(i int, lemma string) string {
	if lemma != "general" {
		return lemma
	}
	for _, c := range r.children(i, "compound") {
		if l := strings.ToLower(r.tok(c).Lemma); len(r.set.nouns[l]) > 0 && c == i-1 {
			return l
		}
	}
	return lemma
}

// seatPreps introduce, right on a business's name, the place it is in.
var seatPreps = map[string]bool{"of": true, "in": true}

// seats reads the place a preposition hangs on an organisation's name
// ("Kel Arms of Fort Worth", "Kel Trading Co., Ltd., of Sarn", "the
// dealer Kel Arms in Laredo"). Only places: "of" a state is mostly a
// nationality or part of a title.
func (r *reader) seats() {
	for i, t := range r.p.Tokens {
		if t.POS != "ADP" || !seatPreps[strings.ToLower(t.Text)] || r.ent[i] != nil {
			continue
		}
		org := r.ent[t.Head]
		if org == nil || org.Type != graph.Organization || r.blocked(t.Head) || publicBody(org.Name) || bodyNouns[strings.ToLower(r.tok(t.Head).Text)] {
			continue // a force or an office "in" a place is deployed or acting there
		}
		// After a list the phrase may belong to any of its names.
		if r.tok(t.Head).Dep == "conj" || len(r.children(t.Head, "conj")) > 0 {
			continue
		}
		for _, o := range r.children(i, "pobj") {
			if place := r.ent[o]; place != nil && place.Type == graph.Location {
				r.emit(graph.LocatedIn, i, []*graph.Entity{org}, []*graph.Entity{place}, nil, nil)
			}
		}
	}
}

// hasChild reports whether token i has a child of the dependency with the
// lemma.
func (r *reader) hasChild(i int, dep, lemma string) bool {
	return slices.ContainsFunc(r.children(i, dep), func(c int) bool { return strings.EqualFold(r.tok(c).Lemma, lemma) })
}

// saysWhat reports whether verb i has a clause of its own that says what
// was done ("followed in May, listing X", "followed by designating X").
func (r *reader) saysWhat(i int) bool {
	for _, c := range r.children(i, "advcl", "xcomp", "prep") {
		if r.tok(c).POS == "VERB" || slices.ContainsFunc(r.children(c, "pcomp"), func(k int) bool { return r.tok(k).POS == "VERB" }) {
			return true
		}
	}
	return false
}

// compoundPrep reports whether verb i, or its direct object, has a
// preposition whose object has a preposition of its own ("on behalf of").
func (r *reader) compoundPrep(i int) bool {
	for _, h := range append([]int{i}, r.children(i, "dobj")...) {
		for _, p := range r.children(h, "prep") {
			for _, n := range r.children(p, "pobj") {
				if len(r.children(n, "prep")) > 0 {
					return true
				}
			}
		}
	}
	return false
}

// anyVerb is the lemma of frames that any verb triggers, through their
// prepositions alone ("bought fuel on behalf of X").
const anyVerb = "*"

// qualified returns the frame a qualifier before noun i makes its office
// ("deputy commander"), or nil.
func (r *reader) qualified(i int) *NounFrame {
	for _, c := range r.children(i, "compound", "amod") {
		if f := r.set.qualifiers[strings.ToLower(r.tok(c).Lemma)]; f != nil {
			return f
		}
	}
	// "head of procurement": an office over one function of the body
	for _, p := range r.children(i, "prep") {
		if !strings.EqualFold(r.tok(p).Text, "of") {
			continue
		}
		for _, o := range r.children(p, "pobj") {
			if f := r.set.qualifiers[strings.ToLower(r.tok(o).Lemma)]; f != nil && r.ent[o] == nil {
				return f
			}
		}
	}
	return nil
}

// verbLemma is the frame lemma of a verb. The lemmatizer leaves prefixed
// verbs inflected ("re-exported" → "re-exporte"), so for a hyphenated
// word the base forms its inflection allows are tried in turn.
func (s *Set) verbLemma(lemma, text string) string {
	if _, ok := s.verbs[lemma]; ok || !strings.Contains(lemma, "-") {
		return lemma
	}
	w := strings.ToLower(text)
	for _, suf := range [][2]string{{"ied", "y"}, {"ies", "y"}, {"ed", ""}, {"ed", "e"}, {"ing", ""}, {"ing", "e"}, {"es", ""}, {"s", ""}} {
		if base, ok := strings.CutSuffix(w, suf[0]); ok {
			if _, known := s.verbs[base+suf[1]]; known {
				return base + suf[1]
			}
		}
	}
	return lemma
}

// maxTitleWords bounds the office between the commas of "Name, Title,
// Organisation".
const maxTitleWords = 8

// titled reads "Name, Title, Organisation" on one line: a person, an
// office between commas and the body it is held in, as lists of speakers,
// signature blocks and contact lines write them ("Ana Ruiz, senior
// fellow, Madrid Arms Observatory"). The office's first word that a
// person-holder noun frame declares gives the relation.
func (r *reader) titled() {
	toks := r.p.Tokens
	for i := 0; i+3 < len(toks); i++ {
		person := r.ent[i]
		if person == nil || person.Type != graph.Person || r.ent[i+1] == person || toks[i+1].Text != "," {
			continue
		}
		var frame *NounFrame
		trig, j := -1, i+2
		for ; j < len(toks) && j-i <= maxTitleWords+1 && toks[j].Text != ","; j++ {
			if t := toks[j]; r.ent[j] != nil || t.POS == "VERB" || t.POS == "AUX" || t.POS == "PRON" {
				break
			}
			if frame != nil {
				continue
			}
			for _, f := range r.set.nouns[strings.ToLower(toks[j].Lemma)] {
				if f.Holder == Source && slices.Contains(f.SourceTypes, graph.Person) {
					frame, trig = f, j
					break
				}
			}
		}
		if frame == nil || j+1 >= len(toks) || toks[j].Text != "," {
			continue
		}
		k := j + 1
		if toks[k].POS == "DET" && k+1 < len(toks) {
			k++
		}
		org := r.ent[k]
		if org == nil || org.Type != graph.Organization || strings.ContainsAny(r.p.Text[toks[i].ByteEnd:toks[k].ByteStart], "\n\r") {
			continue
		}
		r.emit(frame.Type, trig, []*graph.Entity{person}, []*graph.Entity{org}, frame.SourceTypes, frame.TargetTypes)
	}
}

// newReader indexes p's tokens by head and marks the tokens inside each
// mention with its entity (mentions do not overlap: FindMentions keeps the
// longer one).
func newReader(p *nlp.Doc, mentions []Mention) *reader {
	r := &reader{p: p, ent: make([]*graph.Entity, len(p.Tokens)), kids: make([][]int, len(p.Tokens))}
	for i, t := range p.Tokens {
		if t.Head != i {
			r.kids[t.Head] = append(r.kids[t.Head], i)
		}
	}
	r.money = make([]bool, len(p.Tokens))
	for _, ne := range p.Ents {
		if ne.Label == "MONEY" {
			for k := ne.TokStart; k < ne.TokEnd; k++ {
				r.money[k] = true
			}
		}
	}
	var ends []int
	for _, m := range mentions {
		lo, hi := tokenSpan(p, m.Start, m.End)
		for i := lo; i < hi; i++ {
			if t := p.Tokens[i]; t.POS != "PUNCT" && t.POS != "SPACE" {
				r.ent[i] = m.Entity
			}
		}
		if hi > lo {
			ends = append(ends, hi-1)
		}
	}
	for _, k := range ends {
		r.extendToHead(k)
	}
	return r
}

// extendToHead gives the entity whose mention ends at token k the proper
// noun right after it when the parse makes the mention a modifier of that
// noun: a name the recognizer cut short of a word it does not know ("Kel
// Minerals" of "Kel Minerals SURL") still heads its phrase, so the verb or
// preposition governing the phrase reaches the entity. Places and states
// are left alone: "Varra Airlines" is not Varra.
func (r *reader) extendToHead(k int) {
	e := r.ent[k]
	h := k + 1
	if e == nil || e.Type == graph.Country || e.Type == graph.Location || h >= len(r.p.Tokens) || r.ent[h] != nil {
		return
	}
	t := r.tok(h)
	if r.tok(k).Dep != "compound" || r.tok(k).Head != h || t.POS != "PROPN" || !unicode.IsUpper([]rune(t.Text)[0]) {
		return
	}
	r.ent[h] = e
}

func (r *reader) tok(i int) nlp.Token { return r.p.Tokens[i] }

func (r *reader) children(i int, deps ...string) []int {
	var out []int
	for _, c := range r.kids[i] {
		if slices.Contains(deps, r.tok(c).Dep) {
			out = append(out, c)
		}
	}
	return out
}

// movesMoney reports whether the direct object of verb i is a sum: a span
// the recognizer labels MONEY, or a money word.
func (r *reader) movesMoney(i int) bool {
	for _, o := range r.children(i, "dobj") {
		if r.money[o] || moneyWords[strings.ToLower(r.tok(o).Lemma)] {
			return true
		}
		// "seven transfers worth US$84,000", "payments of $2 million"
		for _, c := range r.kids[o] {
			if r.money[c] || slices.ContainsFunc(r.kids[c], func(g int) bool { return r.money[g] }) {
				return true
			}
		}
	}
	return false
}

// verb reads one trigger verb.
func (r *reader) verb(i int, f *VerbFrame) {
	if r.blocked(i) {
		return
	}
	t := r.tok(i)
	if f.Moves != "" && (f.Moves == "money") != r.movesMoney(i) {
		return
	}
	if len(f.Objects) > 0 && !slices.ContainsFunc(r.children(i, "dobj", "nsubjpass"), func(o int) bool {
		return slices.Contains(f.Objects, strings.ToLower(r.tok(o).Lemma))
	}) {
		return
	}
	passive := r.passive(i)
	subj, obj := r.subject(i), r.object(i)
	if passive {
		obj = r.inverted(i, subj)
		subj = nil
		for _, a := range r.children(i, "agent") {
			subj = append(subj, r.children(a, "pobj")...)
			// "by the United States and by Canada"
			for _, c := range r.children(a, "conj") {
				if strings.EqualFold(r.tok(c).Text, "by") {
					subj = append(subj, r.children(c, "pobj")...)
				}
			}
		}
	}
	var sources, targets []int
	put := func(role Role, toks []int) {
		switch role {
		case Source:
			sources = append(sources, toks...)
		case Target:
			targets = append(targets, toks...)
		}
	}
	put(f.Subject, subj)
	if f.Moves == "goods" {
		// "which sent them on to X", "they were carried to X": what a verb of goods
		// moves is the goods; a pronoun object stands for them, not for
		// a party
		obj = slices.DeleteFunc(slices.Clone(obj), func(o int) bool {
			w := strings.ToLower(r.tok(o).Text)
			return r.tok(o).POS == "PRON" && (w == "it" || w == "them" || w == "they")
		})
	}
	put(f.Object, obj)
	// The parser often hangs "to X" on the thing sent ("shipped rifles to
	// X") rather than on the verb; a preposition on an object that is not
	// a party belongs to the verb's frame as well.
	heads := []int{i}
	for _, o := range r.children(i, "dobj") {
		if r.ent[o] == nil {
			heads = append(heads, o)
			// "sent 17 payments totalling $600,000 to X": on the
			// participle that measures the sum sent
			for _, a := range r.children(o, "acl") {
				if f.Type == graph.Finances && r.tok(a).Tag == "VBG" {
					heads = append(heads, a)
				}
			}
		}
	}
	// "paid $150,000 in six transfers to X": on the noun of the manner
	// the sum went in
	for _, p := range r.children(i, "prep") {
		if f.Type == graph.Finances && strings.EqualFold(r.tok(p).Text, "in") {
			for _, n := range r.children(p, "pobj") {
				if r.ent[n] == nil && r.tok(n).POS == "NOUN" {
					heads = append(heads, n)
				}
			}
		}
	}
	var preps []int
	for _, h := range heads {
		preps = append(preps, r.children(h, "prep", "dative", "agent")...)
	}
	for _, p := range preps {
		if r.tok(p).Dep == "dative" && r.tok(p).POS != "ADP" {
			put(f.Dative, []int{p}) // "gave the group $5m"
			continue
		}
		if r.tok(p).POS != "ADP" {
			continue
		}
		if role, ok := f.Preps[strings.ToLower(r.tok(p).Text)]; ok && (r.tok(p).Dep != "agent" || !passive) {
			put(role, r.children(p, "pobj"))
		}
		// Compound prepositions: "on behalf of X", "for the account of X".
		for _, n := range r.children(p, "pobj") {
			if r.ent[n] != nil {
				continue
			}
			for _, q := range r.children(n, "prep") {
				key := strings.ToLower(r.tok(p).Text + " " + r.tok(n).Lemma + " " + r.tok(q).Text)
				if role, ok := f.Preps[key]; ok {
					put(role, r.children(q, "pobj"))
				}
			}
		}
	}
	// "holds 60 per cent of X", "its shares are held by Y": a stake
	// stands for the company it is a stake in
	if f.Type == graph.Operates {
		for k, t := range targets {
			if h := r.stakeHolder(t, 0); h >= 0 {
				targets[k] = h
			}
		}
	}
	sourceEnts := r.entities(sources)
	if f.Echo == "previous" {
		last, ok := r.lastTargets[f.Type]
		// Only a stated act repeats another: not "expected to follow", nor
		// one that says itself what it did ("followed, listing X").
		finite := t.Tag == "VBD" || t.Tag == "VBZ" || t.Tag == "VBP" || t.Tag == "VBN" && len(r.children(i, "aux")) > 0
		if passive || !ok || !finite || t.Sent-last.sent > echoSentences || len(r.children(i, "dobj")) > 0 && !r.hasChild(i, "dobj", "suit") || r.saysWhat(i) {
			return
		}
		r.emit(f.Type, i, sourceEnts, last.targets, f.SourceTypes, f.TargetTypes)
		return
	}
	// "The Ministry has added the following entities:" and a list or a table
	// under it: the targets are the list's entries.
	if f.Agentless == "previous" && len(r.entities(targets)) == 0 && r.following(targets) {
		src := sourceEnts
		// A listing notice's own lists are the issuer's, the document's
		// first named designator, not whoever another state's action
		// named last ("coordinated with the UK, which designated X").
		if len(src) == 0 && passive && len(subj) == 0 {
			if first := r.firstSource[f.Type]; first != nil {
				src = []*graph.Entity{first}
			}
		}
		for _, e := range r.listEntries(i) {
			r.emitLine(f.Type, e.line, src, []*graph.Entity{e.ent}, f.SourceTypes, f.TargetTypes)
			if e.seat != nil && e.ent.Type == graph.Organization {
				r.emitLine(graph.LocatedIn, e.line, []*graph.Entity{e.ent}, []*graph.Entity{e.seat}, nil, nil)
			}
		}
		return
	}
	if passive && len(subj) == 0 && f.Agentless == "previous" && len(sourceEnts) == 0 {
		if last := r.lastSource[f.Type]; last != nil {
			r.implied = append(r.implied, impliedAgent{f: f, trig: i, source: last, targets: r.entities(targets)})
		}
		return
	}
	if len(f.Through) > 0 {
		targets = r.through(targets, f.Through, f.StandIns)
	}
	n := len(r.rels)
	targetEnts := r.entities(targets)
	r.emit(f.Type, i, sourceEnts, targetEnts, f.SourceTypes, f.TargetTypes)
	if len(r.rels) > n {
		var ts []*graph.Entity
		for _, e := range targetEnts {
			if slices.ContainsFunc(r.rels[n:], func(rel graph.Relation) bool { return rel.Target == e.ID }) {
				ts = append(ts, e)
			}
		}
		r.lastTargets[f.Type] = echoed{targets: ts, sent: t.Sent}
	}
	// The named agent of this clause, whatever it names as targets ("Seoul
	// imposed sanctions on five firms"), is the one later agentless
	// passives imply.
	if f.Subject == Source && !passive || passive && len(subj) > 0 {
		for _, e := range sourceEnts {
			if e.Type != graph.Item && allows(f.SourceTypes, nil, e.Type, "") {
				r.lastSource[f.Type] = e
				if r.firstSource[f.Type] == nil {
					r.firstSource[f.Type] = e
				}
				break
			}
		}
	}
}

// object finds verb i's direct object (or dative noun): the antecedent
// when the clause is relative and its object is the relative pronoun or
// missing ("the insurer (that) the UK sanctioned").
func (r *reader) object(i int) []int {
	var out []int
	for _, o := range r.children(i, "dobj", "dative") {
		if r.tok(o).POS == "ADP" {
			continue // "to" read as a dative: a preposition, read with preps
		}
		if r.relativizer(o) {
			out = append(out, r.antecedent(i))
		} else {
			out = append(out, o)
		}
	}
	t := r.tok(i)
	if len(out) == 0 && t.Dep == "relcl" && len(r.children(i, "nsubj")) > 0 && !r.relativizer(r.children(i, "nsubj")[0]) &&
		len(r.children(i, "nsubjpass", "auxpass")) == 0 {
		out = append(out, r.antecedent(i))
	}
	return out
}

// subject finds who does what verb i says: its own subject, the noun a
// participle or relative clause describes, or the subject of the verb it
// is coordinated with or complements ("agreed to supply").
func (r *reader) subject(i int) []int {
	if s := r.children(i, "nsubj", "nsubjpass"); len(s) > 0 {
		var out []int
		for _, x := range s {
			if r.relativizer(x) {
				out = append(out, r.antecedent(i))
			} else {
				out = append(out, x)
			}
		}
		return out
	}
	t := r.tok(i)
	switch t.Dep {
	case "acl":
		return []int{r.nominalHead(t.Head)}
	case "relcl":
		// Without a subject of its own, the clause is about its antecedent
		// ("X, trading as Y, which supplies Z" parsed without "which").
		return []int{r.antecedent(i)}
	case "conj", "xcomp", "advcl":
		if t.Head != i && r.isVerb(t.Head) {
			return r.subject(t.Head)
		}
	}
	return nil
}

func (r *reader) isVerb(i int) bool {
	p := r.tok(i).POS
	return p == "VERB" || p == "AUX"
}

// relativizer reports whether token x is "which", "that", "who".
func (r *reader) relativizer(x int) bool {
	tag := r.tok(x).Tag
	return tag == "WDT" || tag == "WP" || (tag == "IN" && strings.EqualFold(r.tok(x).Text, "that"))
}

// antecedent is the party a relative clause headed by verb i describes.
// The clause may hang off the last noun before it rather than the name it
// is about ("X, a broker in Dubai, United Arab Emirates, which wired";
// "X, registered at an address in Victoria, which owns"): a place or a
// common noun is climbed past, through apposition, coordination,
// prepositional phrases and participles, to the name that holds them.
func (r *reader) antecedent(i int) int {
	h := r.nominalHead(r.tok(i).Head)
	for k, j := 0, h; k < 10; k++ {
		if e := r.ent[j]; e != nil && e.Type != graph.Country && e.Type != graph.Location {
			return j
		}
		t := r.tok(j)
		// "X is a Minsk firm that the ministry sanctioned": a
		// predicate noun describes the copula's subject
		if t.Dep == "attr" && t.Head != j && copulaLemmas[strings.ToLower(r.tok(t.Head).Lemma)] {
			if s := r.children(t.Head, "nsubj"); len(s) == 1 && !r.relativizer(s[0]) {
				j = s[0]
				continue
			}
		}
		if t.Head == j || !slices.Contains([]string{"appos", "conj", "pobj", "prep", "acl", "compound"}, t.Dep) {
			break
		}
		j = t.Head
	}
	return h
}

// copulaLemmas link a subject to a noun that describes it.
var copulaLemmas = map[string]bool{"be": true, "remain": true, "become": true}

// nominalHead climbs from a noun through apposition and coordination to
// the name it describes ("Orion Trading, a firm and its main broker").
func (r *reader) nominalHead(i int) int {
	for k := 0; k < 6; k++ {
		t := r.tok(i)
		if r.ent[i] != nil || t.Head == i || (t.Dep != "appos" && t.Dep != "conj") {
			return i
		}
		i = t.Head
	}
	return i
}

// entities expands argument tokens through coordination and apposition
// ("KOMID, Tanchon Bank and Green Pine") and maps them to entities.
func (r *reader) entities(toks []int) []*graph.Entity {
	var out []*graph.Entity
	seen := map[int]bool{}
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if seen[i] || depth > 12 {
			return
		}
		seen[i] = true
		if e := r.ent[i]; e != nil {
			// "the Ministry of Finance's Office of Sanctions
			// Enforcement": a name that is the possessor of another names
			// the other, whichever of the two the parser made the head
			if o := r.possessed(i); o != nil {
				e = o
			}
			if m := r.modelBefore(i); m != nil && e.Type == graph.Item && strings.ToLower(e.Name) == e.Name {
				e = m
			}
			if !slices.Contains(out, e) {
				out = append(out, e)
			}
		} else if e := r.compoundEntity(i); e != nil && !slices.Contains(out, e) {
			out = append(out, e)
		}
		// A name's apposition describes it ("X, a company whose director
		// ..."); a common noun's names it ("the tanker Star 3").
		deps := []string{"conj"}
		if r.ent[i] == nil {
			deps = append(deps, "appos")
		}
		for _, c := range r.children(i, deps...) {
			// "X but not Y", "X and not Y": the excluded conjunct stays out.
			if r.tok(c).Dep == "conj" && (len(r.children(c, "neg")) > 0 || c > 0 && strings.EqualFold(r.tok(c-1).Text, "not")) {
				continue
			}
			walk(c, depth+1)
		}
	}
	for _, t := range toks {
		walk(t, 0)
	}
	return out
}

// modelBefore returns the named item ("Korsak-7", "Velta STRIX-40")
// that modifies the class of goods at token i, however many modifiers
// stand between ("the Korsak-7 one-way attack drone"), or nil: the model
// is what the phrase names.
func (r *reader) modelBefore(i int) *graph.Entity {
	for k := i - 1; k >= 0 && i-k <= 6 && r.tok(k).Sent == r.tok(i).Sent; k-- {
		if !r.inPhrase(k, i) {
			return nil
		}
		if e := r.ent[k]; e != nil && e != r.ent[i] {
			if e.Type == graph.Item && strings.ToLower(e.Name) != e.Name {
				return e
			}
			return nil
		}
	}
	return nil
}

// inPhrase reports whether token k's heads lead to token i without
// leaving the tokens between them: k modifies the phrase headed by i.
func (r *reader) inPhrase(k, i int) bool {
	for n := 0; n < 8; n++ {
		h := r.tok(k).Head
		if h == i {
			return true
		}
		if h == k || h < k || h > i {
			return false
		}
		k = h
	}
	return false
}

// possessed returns the entity that the mention holding token i is the
// possessor of ("X's Y" → Y), or nil.
func (r *reader) possessed(i int) *graph.Entity {
	e := r.ent[i]
	k := i
	for k+1 < len(r.p.Tokens) && r.ent[k+1] == e {
		k++
	}
	if k+1 >= len(r.p.Tokens) || r.tok(k+1).Text != "'s" && r.tok(k+1).Text != "’s" || r.tok(k).Dep != "poss" {
		return nil
	}
	if o := r.ent[r.tok(k).Head]; o != nil && o != e && o.Type == graph.Organization && e.Type == graph.Organization {
		return o
	}
	return nil
}

// compoundEntity is the entity a common noun stands for: named by a
// compound ("the Sinaloa cartel"), or a force of a state ("North Korean
// troops"). A place in front of an ordinary noun says where, not who
// ("a Dubai company"), and is not taken.
func (r *reader) compoundEntity(i int) *graph.Entity {
	if r.tok(i).POS != "NOUN" {
		return nil
	}
	force := forceNouns[strings.ToLower(r.tok(i).Lemma)]
	for _, c := range r.children(i, "compound", "nmod", "amod") {
		e := r.ent[c]
		if e == nil {
			continue
		}
		if force && (e.Type == graph.Country || e.Type == graph.Organization) {
			return e
		}
		if r.tok(c).Dep != "amod" && e.Type != graph.Country && e.Type != graph.Location {
			return e
		}
	}
	if force {
		for _, p := range r.children(i, "prep") {
			if strings.EqualFold(r.tok(p).Text, "of") {
				for _, o := range r.children(p, "pobj") {
					if e := r.ent[o]; e != nil && (e.Type == graph.Country || e.Type == graph.Organization) {
						return e
					}
				}
			}
		}
	}
	return nil
}

// noun reads one role noun.
func (r *reader) noun(i int, f *NounFrame) {
	if r.blocked(i) {
		return
	}
	complements := func(k int) []int {
		var out []int
		for _, p := range r.children(k, "prep") {
			if slices.Contains(f.Preps, strings.ToLower(r.tok(p).Text)) {
				out = append(out, r.children(p, "pobj")...)
			}
		}
		return out
	}
	comps := complements(i)
	// "the owner and director of X": conjoined nouns share the complement,
	// which the parser attaches to one of them.
	for k := i; len(comps) == 0 && r.tok(k).Dep == "conj" && r.tok(k).Head != k; {
		k = r.tok(k).Head
		comps = complements(k)
	}
	for k := i; len(comps) == 0; {
		cj := r.children(k, "conj")
		if len(cj) == 0 {
			break
		}
		k = cj[len(cj)-1]
		comps = complements(k)
	}
	possessors := r.children(i, "poss")
	// "its director and sole shareholder": conjoined offices share the
	// possessor too
	if len(comps) == 0 && len(possessors) == 0 && r.tok(i).Dep == "conj" {
		possessors = r.children(r.tok(i).Head, "poss")
	}
	for _, c := range possessors {
		// "X, whose director is Y": the relative clause's antecedent.
		if r.tok(c).Tag == "WP$" {
			v := i
			for n := 0; n < 4 && r.tok(v).Dep != "relcl" && r.tok(v).Head != v; n++ {
				v = r.tok(v).Head
			}
			if r.tok(v).Dep == "relcl" {
				c = r.antecedent(v)
			}
		}
		comps = append(comps, c)
	}
	for _, c := range r.children(i, "compound") {
		// "a KOMID official"; "a Dubai operator" is where it is, not whose.
		if e := r.ent[c]; e != nil && (e.Type == graph.Organization || f.Compound) {
			comps = append(comps, c)
		}
	}
	if len(comps) == 0 {
		return
	}
	holders := r.holders(i)
	if len(holders) == 0 {
		return
	}
	hs, cs := r.entities(holders), r.entities(comps)
	if f.Holder == Source {
		r.emit(f.Type, i, hs, cs, f.SourceTypes, f.TargetTypes)
	} else {
		r.emit(f.Type, i, cs, hs, f.SourceTypes, f.TargetTypes)
	}
}

// holders finds who a role noun describes: the subject of its copula ("X
// is the director of Y"), the name it is apposed to or that is apposed to
// it ("X, the director of Y"; "Y's director, X"), the name it is a title
// of ("Y director X").
func (r *reader) holders(i int) []int {
	t := r.tok(i)
	// "X and its owner, Y": a conjunct's own apposition is its holder.
	if app := r.namedAppositions(i); len(app) > 0 {
		return app
	}
	for t.Dep == "conj" && t.Head != i { // "the owner and managing director of"
		i = t.Head
		t = r.tok(i)
	}
	if app := r.namedAppositions(i); len(app) > 0 {
		return app
	}
	switch t.Dep {
	case "attr":
		return r.subject(t.Head)
	case "nsubj":
		// "X's registered owner was Y", "whose director is Y"
		if strings.EqualFold(r.tok(t.Head).Lemma, "be") {
			return r.children(t.Head, "attr")
		}
	case "appos":
		return []int{t.Head}
	case "compound":
		if r.ent[t.Head] != nil {
			return []int{t.Head}
		}
	case "pobj":
		prep := r.tok(t.Head)
		switch strings.ToLower(prep.Text) {
		case "as":
			// "X acted as a front for Y", "X served as director of Y"
			if v := prep.Head; v != t.Head && (r.tok(v).POS == "VERB" || r.tok(v).POS == "AUX") {
				return r.subject(v)
			}
		case "of":
			// "X, one of Y's principal units"
			if one := prep.Head; one != t.Head && strings.EqualFold(r.tok(one).Text, "one") {
				return r.holders(one)
			}
		}
	}
	return nil
}

// namedAppositions returns the appositions of token i that name someone:
// an entity or a proper noun. A description set beside a role noun is
// the parser attaching the company's own description to the nearest
// noun ("the manager of Kel Minerals, a gold-export company"), not the
// office holder.
func (r *reader) namedAppositions(i int) []int {
	var out []int
	for _, a := range r.children(i, "appos") {
		if r.ent[a] != nil || r.tok(a).POS == "PROPN" {
			out = append(out, a)
		}
	}
	return out
}

// Asserted returns a test of whether the clause of a token of p is
// asserted: not negated, hypothetical, a question or denied (the same
// test the frames apply to their triggers).
func Asserted(p *nlp.Doc) func(tok int) bool {
	r := &reader{p: p, kids: make([][]int, len(p.Tokens))}
	for i, t := range p.Tokens {
		if t.Head != i {
			r.kids[t.Head] = append(r.kids[t.Head], i)
		}
	}
	return func(tok int) bool { return !r.blocked(tok) && !question(p, tok) }
}

// question reports whether token i is in a sentence that asks ("Did the
// ship deliver drones to Conakry?"): what it asks is not asserted.
// Asked reports whether token tok belongs to what a question asks: in
// a sentence ending in a question mark and not inside a relative clause,
// participle or apposition, which a question presupposes ("Can the
// minister say if X, the broker who owns Y, was sanctioned?" asks about
// the sanction, not about who owns Y).
func Asked(p *nlp.Doc, tok int) bool {
	if !question(p, tok) {
		return false
	}
	for i, k := tok, 0; k < 40; k++ {
		t := p.Tokens[i]
		if t.Dep == "relcl" || t.Dep == "acl" || t.Dep == "appos" {
			return false
		}
		if t.Head == i {
			break
		}
		i = t.Head
	}
	return true
}

func question(p *nlp.Doc, i int) bool {
	s := p.Sents[p.Tokens[i].Sent]
	for k := s.TokEnd - 1; k >= s.TokStart; k-- {
		switch t := p.Tokens[k]; {
		case t.POS == "SPACE" || t.Text == "\"" || t.Text == "”" || t.Text == "'" || t.Text == ")":
			continue
		default:
			return t.Text == "?"
		}
	}
	return false
}

// blocked reports whether the clause of token i is not asserted: negated
// ("did not supply", "no evidence"), hypothetical ("if X supplied",
// "would supply"), a question ("whether X supplied") or denied ("denied
// supplying", "denied that X supplied").
func (r *reader) blocked(i int) bool {
	prev := -1 // the token below j on the way up
	for k, j := 0, i; k < 12; k++ {
		// A relation inside a clause's subject is not in the clause's
		// scope: "Its director, X, denied the charge" still says X is
		// its director.
		// (A copula's subject is what it says: "the owner was not X".)
		if prev >= 0 && (r.tok(prev).Dep == "nsubj" || r.tok(prev).Dep == "nsubjpass") && !strings.EqualFold(r.tok(j).Lemma, "be") {
			return false
		}
		for _, c := range r.kids[j] {
			ct := r.tok(c)
			switch {
			case ct.Dep == "neg":
				return true
			case (ct.Dep == "aux" || ct.Dep == "auxpass") && len(r.children(c, "neg")) > 0:
				// "were not themselves designated": the parser may hang the
				// negation on the auxiliary
				return true
			case ct.Dep == "det" && strings.EqualFold(ct.Text, "no"):
				return true
			case ct.Dep == "preconj" && strings.EqualFold(ct.Text, "neither"):
				return true
			case (ct.Dep == "nsubj" || ct.Dep == "nsubjpass" || ct.Dep == "dobj") && r.negatedNoun(c):
				return true
			case ct.Dep == "mark" && slices.Contains([]string{"if", "whether", "unless", "lest"}, strings.ToLower(ct.Text)):
				return true
			case ct.Dep == "aux" && j == i && slices.Contains([]string{"would", "could", "might", "may", "should"}, strings.ToLower(ct.Text)):
				return true
			}
		}
		lemma := strings.ToLower(r.tok(j).Lemma)
		// "The Panel considers that X acted as a front": a finding, not
		// "is considering designating X"
		finding := lemma == "consider" && prev >= 0 && r.tok(prev).Dep == "ccomp" && len(r.children(prev, "mark")) > 0
		if j != i && !finding && slices.Contains([]string{"deny", "refute", "reject", "dismiss", "doubt", "allege", "consider", "propose", "recommend", "seek", "plan", "threaten", "ask", "urge", "suggest", "speculate", "claim", "rumour", "rumor", "wonder"}, lemma) {
			return true
		}
		h := r.tok(j).Head
		if h == j {
			break
		}
		prev, j = j, h
	}
	return false
}

// negatedNoun reports whether a noun is negated by its determiner or a
// "neither" before it ("no evidence", "neither X nor Y", "nobody").
func (r *reader) negatedNoun(n int) bool {
	switch strings.ToLower(r.tok(n).Text) {
	case "nothing", "nobody", "none", "neither":
		return true
	}
	for _, c := range r.kids[n] {
		ct := r.tok(c)
		low := strings.ToLower(ct.Text)
		if (ct.Dep == "det" || ct.Dep == "preconj" || ct.Dep == "cc") && (low == "no" || low == "neither" || low == "nor") {
			return true
		}
	}
	return false
}

// emit records source × target relations of type typ with the trigger's
// sentence as evidence.
func (r *reader) emit(typ graph.RelationType, trig int, sources, targets []*graph.Entity, st, tt []graph.EntityType) {
	type pair struct{ s, t *graph.Entity }
	var pairs []pair
	for _, s := range sources {
		for _, t := range targets {
			if s == t || s.ID == t.ID || !allows(st, tt, s.Type, t.Type) {
				continue
			}
			if t.Type == graph.Item && typ != graph.Produces && typ != graph.Intercepted || s.Type == graph.Item {
				continue // an item is what moves, not a party
			}
			pairs = append(pairs, pair{s, t})
		}
	}
	if len(pairs) == 0 || len(pairs) > maxPairs {
		return
	}
	tok := r.tok(trig)
	trimmed, start, end := r.p.Sents[tok.Sent].Trimmed()
	for _, pr := range pairs {
		rel := graph.Relation{Source: pr.s.ID, Target: pr.t.ID, Type: typ, Confidence: Confidence}.Canonical()
		key := rel.ID + "@" + strconv.Itoa(start)
		if r.added[key] {
			continue
		}
		r.added[key] = true
		rel.Evidence = []graph.Evidence{{
			DocumentID: r.doc.ID, Sentence: trimmed, Start: start, End: end,
			Trigger: tok.Text, TriggerStart: tok.Start, TriggerEnd: tok.End,
			Rule: "dep:" + strings.ToLower(tok.Lemma), Confidence: Confidence,
		}}
		r.rels = append(r.rels, rel)
	}
}

// passive reports whether verb i is in the passive voice: its own
// passive subject or auxiliary, a participle after a noun ("a firm owned
// by X"), or a participle coordinated with a passive verb that shares its
// auxiliary ("were made by X and bought by Y from Z"). A by-agent alone
// does not make one: the parser attaches reduced relatives ("a shop in
// Kesh, run by X") to the clause, whose subject is not their patient.
func (r *reader) passive(i int) bool {
	t := r.tok(i)
	switch {
	case len(r.children(i, "nsubjpass", "auxpass")) > 0, t.Dep == "acl" && t.Tag == "VBN":
		return true
	case t.Dep == "conj" && t.Tag == "VBN" && t.Head != i && len(r.children(i, "nsubj", "aux")) == 0:
		return len(r.children(t.Head, "nsubjpass", "auxpass")) > 0
	}
	return false
}

// inverted returns the patients of passive verb i given its subject
// tokens, reading the orders where the patient follows: "Also listed is
// X" (X the attribute of the passive auxiliary) and "Among those listed
// is X" (X the subject of the clause whose "among" phrase the participle
// modifies).
func (r *reader) inverted(i int, subj []int) []int {
	if len(subj) == 0 {
		var out []int
		for _, a := range r.children(i, "auxpass") {
			out = append(out, r.children(a, "attr")...)
		}
		return append(out, r.children(i, "attr")...)
	}
	if t := r.tok(i); t.Dep == "acl" && len(subj) == 1 && subj[0] == t.Head && r.ent[t.Head] == nil {
		if s := r.classMembers(t.Head); len(s) > 0 {
			return s
		}
	}
	return subj
}

// classMembers returns the subjects a clause puts in the class that the
// pronoun or common noun n stands for ("Among those designated is X",
// "X and Y are among the companies designated by Z", "X is on the list of
// persons sanctioned by Z"); none when n is not such a class.
func (r *reader) classMembers(n int) []int {
	switch r.tok(n).POS {
	case "PRON":
		if p := r.tok(n).Head; strings.EqualFold(r.tok(p).Text, "among") {
			return r.children(r.tok(p).Head, "nsubj")
		}
		return nil
	case "NOUN":
	default:
		return nil
	}
	if p := r.tok(n).Head; r.tok(n).Dep == "pobj" && strings.EqualFold(r.tok(p).Text, "of") && listNouns[strings.ToLower(r.tok(r.tok(p).Head).Lemma)] {
		n = r.tok(p).Head
	}
	if r.tok(n).Dep != "pobj" {
		return nil
	}
	p := r.tok(n).Head
	if w := strings.ToLower(r.tok(p).Text); w != "among" && (w != "on" || !listNouns[strings.ToLower(r.tok(n).Lemma)]) {
		return nil
	}
	if v := r.tok(p).Head; copulaLemmas[strings.ToLower(r.tok(v).Lemma)] {
		return r.children(v, "nsubj")
	}
	return nil
}

// stakeHolder returns, for a stake noun at token i, the token of the
// company it is a stake in: its possessor ("its shares") or the object
// of its "of" or "in" ("60 per cent of X", "a stake in X"), through
// nested stakes ("51 per cent of the shares of X"); -1 otherwise.
func (r *reader) stakeHolder(i, depth int) int {
	if depth > 3 || !stakeNouns[strings.ToLower(r.tok(i).Lemma)] {
		return -1
	}
	for _, c := range r.children(i, "poss") {
		return c
	}
	for _, p := range r.children(i, "prep") {
		if w := strings.ToLower(r.tok(p).Text); w != "of" && w != "in" {
			continue
		}
		for _, o := range r.children(p, "pobj") {
			if h := r.stakeHolder(o, depth+1); h >= 0 {
				return h
			}
			if r.ent[o] != nil {
				return o
			}
		}
	}
	return -1
}
