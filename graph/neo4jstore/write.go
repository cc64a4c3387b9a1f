package neo4jstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/nexus-graph/nexus/graph"
)

// Write stores an extraction; see the package documentation for the
// transaction and idempotency rules.
//
// Several writers (processes, machines) may write into one database at
// once. Their transactions take the store's write lock one at a time;
// documents another writer stored after this Write looked (found again
// under the lock) are skipped and the rest is planned anew; and a Write
// that failed on a transient error (a leader election, a lost connection,
// a deadlock) is run again, skipping what it already committed. See
// "Several writers" in the package documentation.
func (s *Store) Write(ctx context.Context, x graph.Extraction) (graph.WriteStats, error) {
	var total graph.WriteStats
	if err := validateExtraction(x); err != nil {
		return total, err
	}
	if err := s.EnsureSchema(ctx); err != nil {
		return total, err
	}
	if err := s.checkEndpoints(ctx, x); err != nil {
		return total, err
	}
	docs := dedupeDocuments(x.Documents)
	known := map[string]bool{} // stored, as found under the write lock
	mine := 0                  // documents this Write committed in earlier attempts
	for attempt := 1; ; attempt++ {
		st, err := s.writeOnce(ctx, x, docs, known)
		total.Documents += st.Documents
		total.Entities += st.Entities
		total.Relations += st.Relations
		total.Evidence += st.Evidence
		// Documents committed by an earlier attempt are skipped by the
		// next one; they are this Write's, not skipped.
		total.Skipped = st.Skipped - mine
		mine += st.Documents
		if err == nil {
			return total, nil
		}
		var sm *storedMeanwhile
		switch {
		case errors.As(err, &sm) && attempt < maxWriteAttempts:
			for _, id := range sm.ids {
				known[id] = true
			}
			slog.Info("neo4jstore: documents stored by another writer meanwhile; planning the rest again",
				"documents", len(sm.ids), "attempt", attempt)
		case retryable(err) && attempt < maxWriteAttempts && ctx.Err() == nil:
			wait := time.Duration(attempt*attempt) * 250 * time.Millisecond
			slog.Warn("neo4jstore: write failed on a transient error; writing the rest again",
				"error", err, "attempt", attempt, "wait", wait)
			select {
			case <-ctx.Done():
				return total, errors.Join(err, ctx.Err())
			case <-time.After(wait):
			}
		default:
			return total, err
		}
	}
}

// maxWriteAttempts bounds how often Write plans anew after another writer
// stored some of its documents or a transient error.
const maxWriteAttempts = 5

// storedMeanwhile is the error of a write transaction that found, under
// the write lock, documents of its plan that another writer stored after
// the Write checked; nothing of the transaction was committed.
type storedMeanwhile struct{ ids []string }

func (e *storedMeanwhile) Error() string {
	return fmt.Sprintf("%d document(s) stored by another writer meanwhile", len(e.ids))
}

// retryable reports whether err, however wrapped, is one the driver calls
// transient (a deadlock, a leader switch, a lost connection) and not the
// end of its own retries (TransactionExecutionLimit).
func retryable(err error) bool {
	var lim *neo4j.TransactionExecutionLimit
	if errors.As(err, &lim) {
		return false
	}
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) {
		return neo4j.IsRetryable(ce)
	}
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && ne.IsRetriable()
}

// writeOnce plans and writes x's documents that are neither stored nor in
// known (stored, as an earlier attempt found under the write lock).
func (s *Store) writeOnce(ctx context.Context, x graph.Extraction, docs []graph.Document, known map[string]bool) (graph.WriteStats, error) {
	var stats graph.WriteStats
	stored, err := s.existingDocuments(ctx, docs)
	if err != nil {
		return stats, err
	}
	var fresh, skipped []graph.Document
	for _, d := range docs {
		if stored[d.ID] || known[d.ID] {
			stats.Skipped++
			skipped = append(skipped, d)
			continue
		}
		fresh = append(fresh, d)
	}
	if len(docs) > 0 && len(fresh) == 0 {
		return stats, nil
	}
	if testBeforeWrite != nil {
		testBeforeWrite()
	}
	p := plan(x, fresh, skipped, s.cfg.TxRows)
	ws := &writeState{me: newWriterID()}
	if s.cfg.WriteWorkers > 1 && len(p) > 1 {
		ps, err := s.writeParallel(ctx, p, ws)
		ps.Skipped = stats.Skipped
		return ps, err
	}
	for _, g := range p {
		gs, err := s.writeGroup(ctx, g, ws)
		stats.Documents += gs.Documents
		stats.Entities += gs.Entities
		stats.Relations += gs.Relations
		stats.Evidence += gs.Evidence
		if err != nil {
			return stats, err
		}
	}
	return stats, nil
}

// testBeforeWrite, when set (tests only), runs after a Write decided
// which of its documents are new and before it writes them: another
// writer may store some of them then.
var testBeforeWrite func()

// storedAmong returns the ids of docs that are stored. Run under the
// write lock, it sees every other writer's committed documents.
func storedAmong(ctx context.Context, tx txRunner, docs []graph.Document) ([]string, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	ids := make([]any, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	res, err := tx.Run(ctx, writeQueryPrefix+"UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id", map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("stored documents: %w", err)
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, fmt.Errorf("stored documents: %w", err)
	}
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = str(r.Values[0])
	}
	return out, nil
}

// validateExtraction refuses unknown types and missing ids before anything
// is sent to the server.
func validateExtraction(x graph.Extraction) error {
	for i, d := range x.Documents {
		if d.ID == "" {
			return fmt.Errorf("documents[%d]: empty id: %w", i, graph.ErrInvalid)
		}
	}
	for i, e := range x.Entities {
		if e.ID == "" {
			return fmt.Errorf("entities[%d] %q: empty id: %w", i, e.Name, graph.ErrInvalid)
		}
		if !e.Type.Valid() {
			return fmt.Errorf("entities[%d] %q: entity type %q: %w", i, e.ID, e.Type, graph.ErrInvalid)
		}
	}
	for i, r := range x.Relations {
		if !r.Type.Valid() {
			return fmt.Errorf("relations[%d]: relation type %q: %w", i, r.Type, graph.ErrInvalid)
		}
		if r.Source == "" || r.Target == "" {
			return fmt.Errorf("relations[%d]: empty endpoint: %w", i, graph.ErrInvalid)
		}
	}
	return nil
}

// checkEndpoints refuses relations whose endpoints are neither in the
// extraction nor already stored, so no evidence is written for an edge
// that cannot be created.
func (s *Store) checkEndpoints(ctx context.Context, x graph.Extraction) error {
	known := make(map[string]bool, len(x.Entities))
	for _, e := range x.Entities {
		known[e.ID] = true
	}
	var ask []any
	asked := map[string]bool{}
	for _, r := range x.Relations {
		for _, id := range []string{r.Source, r.Target} {
			if !known[id] && !asked[id] {
				asked[id] = true
				ask = append(ask, id)
			}
		}
	}
	if len(ask) == 0 {
		return nil
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver,
		writeQueryPrefix+"UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id",
		map[string]any{"ids": ask}, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return fmt.Errorf("look up entities: %w", mapError(err))
	}
	for _, r := range res.Records {
		known[str(r.Values[0])] = true
	}
	for i, r := range x.Relations {
		for _, id := range []string{r.Source, r.Target} {
			if !known[id] {
				return fmt.Errorf("relations[%d] %s: unknown entity %q: %w", i, r.Type, id, graph.ErrInvalid)
			}
		}
	}
	return nil
}

func dedupeDocuments(in []graph.Document) []graph.Document {
	seen := make(map[string]bool, len(in))
	out := make([]graph.Document, 0, len(in))
	for _, d := range in {
		if seen[d.ID] {
			continue
		}
		seen[d.ID] = true
		out = append(out, d)
	}
	return out
}

// existingDocuments returns the ids among docs that are already stored,
// with the driver's retries (a write waits out a leader election).
func (s *Store) existingDocuments(ctx context.Context, docs []graph.Document) (map[string]bool, error) {
	out := map[string]bool{}
	if len(docs) == 0 {
		return out, nil
	}
	ids := make([]any, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver,
		writeQueryPrefix+"UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id AS id",
		map[string]any{"ids": ids}, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, fmt.Errorf("look up documents: %w", mapError(err))
	}
	for _, r := range res.Records {
		id, _ := r.Get("id")
		out[id.(string)] = true
	}
	return out, nil
}

// StoredDocuments returns the ids among ids that are stored as documents
// (graph.StoredChecker). It runs once, without the driver's retries: ingest
// asks it for every file, and a server that is down must be reported by
// the write that follows, not waited for here.
func (s *Store) StoredDocuments(ctx context.Context, idList []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(idList) == 0 {
		return out, nil
	}
	ids := make([]any, len(idList))
	for i, id := range idList {
		ids[i] = id
	}
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, writeQueryPrefix+"UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id AS id", map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("look up documents: %w", mapError(err))
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, fmt.Errorf("look up documents: %w", mapError(err))
	}
	for _, r := range recs {
		id, _ := r.Get("id")
		out[id.(string)] = true
	}
	return out, nil
}

// group is what one write transaction stores.
type group struct {
	docs      []graph.Document
	entities  []graph.Entity
	relations []graph.Relation // evidence restricted to this group's documents
	mentions  []mention
}

type mention struct {
	doc, entity string
	count       int
	// typ is the type this Write gives the entity, kept on the edge so
	// that removing a document can give the entity back the type the
	// documents left give it
	typ string
}

// plan splits the extraction into groups of whole documents of at most
// about txRows rows. Every entity is upserted exactly once (in the first
// group that needs it), so mention counts are summed once; relations may
// appear in several groups, each time with that group's evidence, which is
// safe because relation merges recount their evidence. skipped are the
// documents of x already stored: what only they say is not written again.
func plan(x graph.Extraction, fresh, skipped []graph.Document, txRows int) []group {
	docIndex := make(map[string]int, len(fresh))
	for i, d := range fresh {
		docIndex[d.ID] = i
	}
	// Entities, deduplicated.
	entIdx := map[string]int{}
	var ents []graph.Entity
	for _, e := range x.Entities {
		if i, ok := entIdx[e.ID]; ok {
			ents[i] = mergeEntity(ents[i], e)
			continue
		}
		entIdx[e.ID] = len(ents)
		e.Aliases = uniqueAliases(e.Name, e.Aliases)
		ents = append(ents, e)
	}
	// Relations, canonical and deduplicated, evidence split per document.
	type relDoc struct {
		rel int
		ev  []graph.Evidence
	}
	relIdx := make(map[string]int, len(x.Relations))
	rels := make([]graph.Relation, 0, len(x.Relations))
	perDoc := make([][]relDoc, len(fresh))
	perDocRel := make([]map[int]int, len(fresh))
	var noEvidence []int
	skippedIDs := make(map[string]bool, len(skipped))
	for _, d := range skipped {
		skippedIDs[d.ID] = true
	}
	inSkipped := map[string]bool{} // endpoints of evidence from skipped documents
	for _, r := range x.Relations {
		r = r.Canonical()
		evs := r.Evidence
		r.Evidence = nil
		ri, ok := relIdx[r.ID]
		if !ok {
			ri = len(rels)
			relIdx[r.ID] = ri
			rels = append(rels, r)
			if len(evs) == 0 && len(fresh) > 0 {
				noEvidence = append(noEvidence, ri)
			}
		} else {
			if r.Confidence > rels[ri].Confidence {
				rels[ri].Confidence = r.Confidence
			}
			if len(r.Properties) > 0 {
				rels[ri].Properties = r.Properties
			}
		}
		for _, ev := range evs {
			di, ok := docIndex[ev.DocumentID]
			if !ok {
				if skippedIDs[ev.DocumentID] {
					inSkipped[r.Source], inSkipped[r.Target] = true, true
				}
				continue // evidence of a skipped or unknown document
			}
			if ev.Confidence <= 0 {
				ev.Confidence = r.Confidence
			}
			if perDocRel[di] == nil {
				perDocRel[di] = map[int]int{}
			}
			k, ok := perDocRel[di][ri]
			if !ok {
				k = len(perDoc[di])
				perDocRel[di][ri] = k
				perDoc[di] = append(perDoc[di], relDoc{rel: ri})
			}
			perDoc[di][k].ev = append(perDoc[di][k].ev, ev)
		}
	}
	if len(fresh) == 0 {
		// No documents: one group with everything.
		return []group{{entities: ents, relations: rels}}
	}
	// Which documents mention which entities: with one document and
	// nothing skipped, it mentions them all; otherwise a document mentions
	// the endpoints of the relations it has evidence for and the entities
	// whose name or an alias its text contains.
	docMentions := make([][]string, len(fresh))
	inFresh := map[string]bool{}
	var texts *docTexts
	spans := haveMentions(fresh)
	if spans {
		// Extraction says which entities each document names, and how
		// often: the same document always gets the same edges, whatever
		// else is in its batch. Skipped documents' mentions are stored.
		known := make(map[string]bool, len(ents))
		for _, e := range ents {
			known[e.ID] = true
		}
		for di, d := range fresh {
			for id := range d.Mentions {
				if known[id] {
					docMentions[di] = append(docMentions[di], id)
					inFresh[id] = true
				}
			}
			sort.Strings(docMentions[di])
		}
	} else if len(fresh) == 1 && len(skipped) == 0 {
		for _, e := range ents {
			docMentions[0] = append(docMentions[0], e.ID)
			inFresh[e.ID] = true
		}
	} else {
		texts = newDocTexts(fresh, skipped, ents)
		for di := range fresh {
			seen := map[string]bool{}
			for _, rd := range perDoc[di] {
				for _, id := range []string{rels[rd.rel].Source, rels[rd.rel].Target} {
					if !seen[id] {
						seen[id] = true
						docMentions[di] = append(docMentions[di], id)
					}
				}
			}
			for _, ei := range texts.namedIn(di) {
				if id := ents[ei].ID; !seen[id] {
					seen[id] = true
					docMentions[di] = append(docMentions[di], id)
				}
			}
			for id := range seen {
				inFresh[id] = true
			}
		}
		for si := range skipped {
			for _, ei := range texts.namedIn(len(fresh) + si) {
				inSkipped[ents[ei].ID] = true
			}
		}
	}
	// Cut groups.
	var groups []group
	docGroup := make([]int, len(fresh))
	rows, relRows := 0, 0
	for di := range fresh {
		relRows += len(perDoc[di])
	}
	for di, d := range fresh {
		n := 1 + len(docMentions[di])
		for _, rd := range perDoc[di] {
			n += 1 + len(rd.ev)
		}
		if len(groups) == 0 || (rows > 0 && rows+n > txRows) {
			groups = append(groups, group{})
			rows = 0
		}
		rows += n
		gi := len(groups) - 1
		if groups[gi].relations == nil {
			groups[gi].relations = make([]graph.Relation, 0, min(relRows, max(len(perDoc[di]), txRows/2)))
		}
		docGroup[di] = gi
		g := &groups[gi]
		g.docs = append(g.docs, d)
		for _, rd := range perDoc[di] {
			r := rels[rd.rel]
			r.Evidence = rd.ev
			g.relations = append(g.relations, r)
		}
	}
	for _, ri := range noEvidence {
		groups[0].relations = append(groups[0].relations, rels[ri])
	}
	// Entity → first group that needs it.
	entGroup := map[string]int{}
	need := func(id string, gi int) {
		if g, ok := entGroup[id]; !ok || gi < g {
			entGroup[id] = gi
		}
	}
	for gi, g := range groups {
		for _, r := range g.relations {
			need(r.Source, gi)
			need(r.Target, gi)
		}
	}
	firstDoc := map[string]int{}
	for di := range fresh {
		for _, id := range docMentions[di] {
			need(id, docGroup[di])
			if _, ok := firstDoc[id]; !ok {
				firstDoc[id] = di
			}
		}
	}
	// An entity's count is what the new documents contributed: all of it
	// unless a skipped document mentions it too.
	// Counts are added to the entity where its MENTIONS edges are written,
	// in the same transaction as their document (writeMentions), never on
	// the entity row: an entity's count is always the sum over the stored
	// documents that mention it, however an ingest was interrupted.
	counts := make(map[string]int, len(ents))
	for i, e := range ents {
		switch {
		case spans:
		case !inSkipped[e.ID]:
			counts[e.ID] = e.Mentions
		case !inFresh[e.ID]:
			counts[e.ID] = 0
		default:
			counts[e.ID] = texts.share(e, len(fresh))
		}
		ents[i].Mentions = 0
	}
	for _, e := range ents {
		gi, ok := entGroup[e.ID] // 0 when nothing refers to it
		if !ok && inSkipped[e.ID] {
			continue // only stored documents mention it
		}
		groups[gi].entities = append(groups[gi].entities, e)
	}
	// Mentions: each edge carries its document's count when extraction
	// gave spans; otherwise the entity's count goes on the edge from the
	// first document that mentions it. Deleting a document takes back
	// what its edges carry.
	entTypes := make(map[string]string, len(ents))
	for _, e := range ents {
		entTypes[e.ID] = string(e.Type)
	}
	for di, ids := range docMentions {
		g := &groups[docGroup[di]]
		for _, id := range ids {
			c := 0
			switch {
			case spans:
				c = graph.MentionCount(fresh[di].Mentions[id])
			case firstDoc[id] == di:
				c = counts[id]
			}
			g.mentions = append(g.mentions, mention{doc: fresh[di].ID, entity: id, count: c, typ: entTypes[id]})
		}
	}
	return groups
}

// haveMentions reports whether extraction gave every document its
// mention spans (older extractions and hand-built ones do not).
func haveMentions(docs []graph.Document) bool {
	for _, d := range docs {
		if d.Mentions == nil {
			return false
		}
	}
	return len(docs) > 0
}

// docTexts holds the lowered texts of the new documents, then of the
// skipped ones, and the lowered names and aliases of the entities, for
// finding entity names in documents.
type docTexts struct {
	lower []string
	names map[string][]string // entity id → lowered name and aliases
	ents  []graph.Entity
	// byFirst maps the first word of a lowered name or alias to the
	// indices (into ents, ascending) of the entities it starts; always
	// lists the entities with a name that has no word at all.
	byFirst map[string][]int
	always  []int
}

func newDocTexts(fresh, skipped []graph.Document, ents []graph.Entity) *docTexts {
	t := &docTexts{names: make(map[string][]string, len(ents)), ents: ents, byFirst: map[string][]int{}}
	for _, d := range append(append([]graph.Document(nil), fresh...), skipped...) {
		t.lower = append(t.lower, strings.ToLower(d.Text))
	}
	for ei, e := range ents {
		var ns []string
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
				ns = append(ns, n)
			}
		}
		t.names[e.ID] = ns
		added := map[string]bool{}
		for _, n := range ns {
			w := firstWord(n)
			switch {
			case w == "":
				if !added[""] {
					t.always = append(t.always, ei)
				}
			case !added[w]:
				t.byFirst[w] = append(t.byFirst[w], ei)
			}
			added[w] = true
		}
	}
	return t
}

// words yields the runs of word runes in s, in order.
func words(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1
		for i, r := range s {
			switch {
			case isWordRune(r) && start < 0:
				start = i
			case !isWordRune(r) && start >= 0:
				if !yield(s[start:i]) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(s[start:])
		}
	}
}

// firstWord returns the first run of word runes in s, "" if it has none.
func firstWord(s string) string {
	for w := range words(s) {
		return w
	}
	return ""
}

// namedIn returns the indices (into the entities, ascending) of the
// entities document i names. Where countWord finds a name, the name's
// first word is a whole word of the text, so only the entities whose
// name or an alias starts with a word of the text are checked: a pass
// over the text instead of one search per entity (a 200-document,
// 20,000-entity Write spent 0.6 s here).
func (t *docTexts) namedIn(i int) []int {
	text := t.lower[i]
	cand := map[int]bool{}
	seen := map[string]bool{}
	for w := range words(text) {
		if !seen[w] {
			seen[w] = true
			for _, ei := range t.byFirst[w] {
				cand[ei] = true
			}
		}
	}
	for _, ei := range t.always {
		cand[ei] = true
	}
	out := make([]int, 0, len(cand))
	for ei := range cand {
		if t.named(i, t.ents[ei]) {
			out = append(out, ei)
		}
	}
	sort.Ints(out)
	return out
}

// named reports whether document i names e (its name or an alias as a
// whole word).
func (t *docTexts) named(i int, e graph.Entity) bool {
	for _, n := range t.names[e.ID] {
		if len(n) <= len(t.lower[i]) && countWord(t.lower[i], n, 1) > 0 {
			return true
		}
	}
	return false
}

// share is the part of e.Mentions that falls to the first nFresh
// documents, in proportion to how often each document names e, and at
// least 1 (a new document mentions e).
func (t *docTexts) share(e graph.Entity, nFresh int) int {
	if e.Mentions <= 0 {
		return 0
	}
	fresh, all := 0, 0
	for i, text := range t.lower {
		n := 0
		for _, name := range t.names[e.ID] {
			n += countWord(text, name, -1)
		}
		all += n
		if i < nFresh {
			fresh += n
		}
	}
	c := 1
	if all > 0 {
		c = max(1, (e.Mentions*fresh+all/2)/all)
	}
	return min(c, e.Mentions)
}

// countWord counts the occurrences of word in text that are not part of a
// longer word, stopping at limit (negative: no limit).
func countWord(text, word string, limit int) int {
	n := 0
	for from := 0; limit < 0 || n < limit; {
		i := strings.Index(text[from:], word)
		if i < 0 {
			break
		}
		i += from
		end := i + len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (i == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after)) {
			n++
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		from = i + size
	}
	return n
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func mergeEntity(a, b graph.Entity) graph.Entity {
	a.Aliases = uniqueAliases(a.Name, append(append([]string(nil), a.Aliases...), append([]string{b.Name}, b.Aliases...)...))
	a.Mentions += b.Mentions
	a.Type = graph.PreferType(a.Type, b.Type)
	if len(b.Properties) > 0 {
		if a.Properties == nil {
			a.Properties = map[string]any{}
		}
		for k, v := range b.Properties {
			a.Properties[k] = v
		}
	}
	return a
}

func uniqueAliases(name string, in []string) []string {
	seen := map[string]bool{name: true}
	var out []string
	for _, a := range in {
		if a == "" || seen[a] {
			continue
		}
		seen[a] = true
		out = append(out, a)
	}
	return out
}

// writeState is what one Write knows across its transactions: the
// relation types the store held none of when the Write (or the last
// transaction of another writer) committed, and the relations this Write
// created since. A relation of such a type that this Write did not create
// cannot exist, so it is created without a lookup. That knowledge is only
// trusted while no other writer committed in between: every write
// transaction first takes the store's write lock (lockWrites) and learns
// which writer committed last.
type writeState struct {
	me         string // this Write's id on the lock node
	emptyTypes map[graph.RelationType]bool
	created    map[string]bool
	// mu, when set, guards created: transactions of a parallel Write
	// read it while finished ones add to it (see writeParallel).
	mu *sync.RWMutex
	// eids, when set, maps the ids of the entities a parallel Write links
	// to their nodes' element ids, valid while no other writer committed
	// since they were read (see writeParallel).
	eids map[string]string
}

// txRunner is what runs a statement: a managed or an explicit transaction.
type txRunner interface {
	Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error)
}

// newWriterID returns a random id for one Write.
func newWriterID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// writeLockQuery takes the store's write lock: it MERGEs the one lock
// node (its id constraint makes that safe when two writers start at once)
// and sets a property, which holds the node's exclusive lock until the
// transaction ends. Write transactions thus run one at a time, and always
// take this lock first, so they cannot deadlock on entity locks.
const writeLockQuery = `MERGE (l:` + writeLockLabel + ` {id: 'write'}) SET l.lockedAt = datetime()`

// writeLockLabel labels the one node that serializes write transactions.
const writeLockLabel = "NexusWriteLock"

// lastWriterQuery, run after writeLockQuery in the same transaction,
// returns which Write committed the last write transaction, marks the
// current one as the last, and counts the relationships per type (from the
// count store).
func (s *Store) lastWriterQuery() string {
	return s.cached("lastwriter", func() string {
		var parts []string
		for _, t := range graph.RelationTypes() {
			parts = append(parts, fmt.Sprintf("%s: COUNT { ()-[:%s]->() }", t, t))
		}
		return `MATCH (l:` + writeLockLabel + ` {id: 'write'})
WITH l, l.writer AS last
SET l.writer = $me
RETURN last, {` + strings.Join(parts, ", ") + `} AS counts`
	})
}

// lockWrites takes the write lock and returns the state this transaction
// may trust: ws's when this Write committed the last write transaction,
// else one learned afresh (types without relationships, nothing created).
func (s *Store) lockWrites(ctx context.Context, tx txRunner, ws *writeState) (writeState, error) {
	for _, q := range []string{writeLockQuery, s.lastWriterQuery()} {
		res, err := tx.Run(ctx, writeQueryPrefix+q, map[string]any{"me": ws.me})
		if err != nil {
			return writeState{}, fmt.Errorf("write lock: %w", err)
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return writeState{}, fmt.Errorf("write lock: %w", err)
		}
		if len(recs) == 0 {
			continue
		}
		if last := str(recs[0].Values[0]); last == ws.me && ws.emptyTypes != nil {
			return *ws, nil
		}
		cur := writeState{me: ws.me, emptyTypes: map[graph.RelationType]bool{}, created: map[string]bool{}, mu: ws.mu}
		counts, _ := recs[0].Values[1].(map[string]any)
		for _, t := range graph.RelationTypes() {
			if n, ok := counts[string(t)].(int64); ok && n == 0 {
				cur.emptyTypes[t] = true
			}
		}
		return cur, nil
	}
	return writeState{}, fmt.Errorf("write lock: no lock node")
}

// writeGroup stores one group in one write transaction.
func (s *Store) writeGroup(ctx context.Context, g group, ws *writeState) (graph.WriteStats, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	t0 := time.Now()
	var work time.Duration
	var cur writeState
	var created []string
	v, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		defer func() { work = time.Since(t0) }()
		var st graph.WriteStats
		var err error
		if cur, err = s.lockWrites(ctx, tx, ws); err != nil {
			return st, err
		}
		// Another writer may have stored some of the documents since
		// the Write looked; under the lock, that is known for sure.
		if ids, err := storedAmong(ctx, tx, g.docs); err != nil || len(ids) > 0 {
			if err == nil {
				err = &storedMeanwhile{ids: ids}
			}
			return st, err
		}
		created = nil // a retried transaction starts over
		return s.groupStatements(ctx, tx, g, &cur, &created, nil)
	})
	if err != nil {
		return graph.WriteStats{}, fmt.Errorf("write %d documents: %w", len(g.docs), mapError(err))
	}
	*ws = cur
	for _, id := range created {
		ws.created[id] = true
	}
	slog.Debug("neo4jstore write transaction", "documents", len(g.docs), "relations", len(g.relations),
		"work", work, "commit", time.Since(t0)-work)
	return v.(graph.WriteStats), nil
}

// groupStatements writes group g in transaction tx, which holds the write
// lock (or runs in a parallel Write's epoch): old versions of its
// documents go, then documents, entities, mentions, evidence, relations.
// Relations it creates are appended to created; entities in keep are not
// deleted as orphans (see deleteDocuments).
func (s *Store) groupStatements(ctx context.Context, tx neo4j.ManagedTransaction, g group, cur *writeState, created *[]string, keep map[string]bool) (graph.WriteStats, error) {
	var st graph.WriteStats
	if err := s.replaceOldVersions(ctx, tx, g.docs, keep); err != nil {
		return st, err
	}
	n, err := s.writeDocuments(ctx, tx, g.docs, g.relations)
	if err != nil {
		return st, err
	}
	st.Documents = n
	if st.Entities, err = s.writeEntities(ctx, tx, g.entities); err != nil {
		return st, err
	}
	eids := cur.eids
	if eids == nil {
		// This transaction holds the write lock and has upserted the
		// group's entities: the nodes it links stay where they are until
		// it commits, so it finds them by element id (a record read)
		// instead of a locking seek of the Entity.id index per mention
		// and per relation endpoint.
		if eids, err = lookupElementIDs(ctx, tx, linkedEntities(g)); err != nil {
			return st, fmt.Errorf("entity element ids: %w", err)
		}
	}
	if err := s.writeMentions(ctx, tx, g.mentions, eids); err != nil {
		return st, err
	}
	if st.Evidence, err = s.writeEvidence(ctx, tx, g.relations); err != nil {
		return st, err
	}
	if st.Relations, err = s.writeRelations(ctx, tx, g.relations, cur, created, eids); err != nil {
		return st, err
	}
	return st, nil
}

// linkedEntities returns the ids of the entities group g's mentions and
// relations link, each once.
func linkedEntities(g group) []any {
	seen := make(map[string]bool, len(g.entities))
	var out []any
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, m := range g.mentions {
		add(m.entity)
	}
	for _, r := range g.relations {
		add(r.Source)
		add(r.Target)
	}
	return out
}

// writeQueryPrefix goes before the statements of a Write. A write into an
// empty or freshly wiped database changes the statistics by orders of
// magnitude, and the planner would replan every write statement every
// 10 s (about 70 replans in one 200k-relation write); the write statements
// only seek unique-constraint indexes (or name the index they seek), so
// their first plan stays right and replan=skip keeps it. That includes the
// small look-ups of every write transaction (the write lock, the stored
// documents, stored paths, element ids): without it, the first thousand
// documents into a growing database spent ~8 % of the server's CPU
// replanning them (JFR, BENCHMARKS.md "Ingest at scale (issue 13)").
var writeQueryPrefix = "CYPHER replan=skip "

// otherVersionsQuery binds d, each stored document that has the path of
// a $rows row ({id, path}) but another id. The hint keeps the seek of the
// path index whatever the statistics said when the plan was made (it is
// kept: writeQueryPrefix).
const otherVersionsQuery = `UNWIND $rows AS row
MATCH (d:Document {path: row.path}) USING INDEX d:Document(path)
WHERE d.id <> row.id`

// batches runs query once per batch of rows ($rows) and returns the sum
// of the first column of the last record of each run (a count), plus the
// number of nodes created.
func (s *Store) batches(ctx context.Context, tx neo4j.ManagedTransaction, query string, rows []any, extra map[string]any) (count, created int, err error) {
	for lo := 0; lo < len(rows); lo += s.cfg.BatchSize {
		hi := min(lo+s.cfg.BatchSize, len(rows))
		params := map[string]any{"rows": rows[lo:hi]}
		for k, v := range extra {
			params[k] = v
		}
		n, c, err := runBatch(ctx, tx, query, params, hi-lo)
		count, created = count+n, created+c
		if err != nil {
			return count, created, err
		}
	}
	return count, created, nil
}

// runBatch runs one batch statement and returns the sum of its first
// column (rows written) and the number of nodes it created.
func runBatch(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any, rows int) (count, created int, err error) {
	t0 := time.Now()
	res, err := tx.Run(ctx, writeQueryPrefix+query, params)
	if err != nil {
		return 0, 0, err
	}
	for res.Next(ctx) {
		if v := res.Record().Values; len(v) > 0 {
			if n, ok := v[0].(int64); ok {
				count += int(n)
			}
		}
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return count, 0, err
	}
	slog.Debug("neo4jstore batch", "query", firstLines(query), "rows", rows, "took", time.Since(t0))
	return count, sum.Counters().NodesCreated(), nil
}

// columns holds the rows of a statement column by column: one list per
// field, a row being an index into all of them. The server decodes a few
// long lists much faster than thousands of small maps that each repeat
// their keys, and reads $field[i] without building a row map (evidence:
// about a third less server CPU per row than UNWIND over maps).
type columns struct {
	names []string
	vals  [][]any
}

func newColumns(names ...string) *columns {
	return &columns{names: names, vals: make([][]any, len(names))}
}

// add appends one row, its values in the order of the names.
func (c *columns) add(v ...any) {
	for i := range c.names {
		c.vals[i] = append(c.vals[i], v[i])
	}
}

// len is the number of rows.
func (c *columns) len() int { return len(c.vals[0]) }

// params returns rows [lo, hi) as statement parameters.
func (c *columns) params(lo, hi int) map[string]any {
	p := make(map[string]any, len(c.names))
	for i, n := range c.names {
		p[n] = c.vals[i][lo:hi]
	}
	return p
}

// unwindColumns starts a statement over columns whose first column is
// first: row i is $<name>[i].
func unwindColumns(first string) string {
	return "UNWIND range(0, size($" + first + ") - 1) AS i\n"
}

// columnBatches is batches for rows given as columns.
func (s *Store) columnBatches(ctx context.Context, tx neo4j.ManagedTransaction, query string, cols *columns) (count, created int, err error) {
	for lo := 0; lo < cols.len(); lo += s.cfg.BatchSize {
		hi := min(lo+s.cfg.BatchSize, cols.len())
		n, c, err := runBatch(ctx, tx, query, cols.params(lo, hi), hi-lo)
		count, created = count+n, created+c
		if err != nil {
			return count, created, err
		}
	}
	return count, created, nil
}

// firstLines shortens a query for logs.
func firstLines(q string) string {
	lines := strings.SplitN(q, "\n", 5)
	if len(lines) > 4 {
		lines = lines[:4]
	}
	return strings.Join(lines, " ")
}

// nonNil is v, or an empty list for nil (a property cannot be null).
func nonNil(v []any) []any {
	if v == nil {
		return []any{}
	}
	return v
}

// writeDocuments creates the group's documents, which Write found not
// stored: CREATE, so a concurrent writer of the same document makes the
// Document.id constraint fail this transaction instead of duplicating its
// evidence. relationIds lists the relations each document has evidence for
// (the way from a document to its Evidence nodes, which carry documentId),
// and relationTypes, relationSources and relationTargets, index for index,
// their types and endpoints (the way from evidence to its relationship).
func (s *Store) writeDocuments(ctx context.Context, tx neo4j.ManagedTransaction, docs []graph.Document, rels []graph.Relation) (int, error) {
	if len(docs) == 0 {
		return 0, nil
	}
	relIDs := map[string]*columns{}
	var seen []string // documents r has been listed in (usually one)
	for _, r := range rels {
		seen = seen[:0]
		for _, ev := range r.Evidence {
			if !slices.Contains(seen, ev.DocumentID) {
				seen = append(seen, ev.DocumentID)
				c := relIDs[ev.DocumentID]
				if c == nil {
					c = newColumns("id", "type", "source", "target")
					relIDs[ev.DocumentID] = c
				}
				c.add(r.ID, string(r.Type), r.Source, r.Target)
			}
		}
	}
	rows := make([]any, len(docs))
	now := time.Now().UTC()
	for i, d := range docs {
		at := d.IngestedAt
		if at.IsZero() {
			at = now
		}
		chars := d.Chars
		if chars == 0 {
			chars = utf8.RuneCountInString(d.Text)
		}
		rc := relIDs[d.ID]
		if rc == nil {
			rc = newColumns("id", "type", "source", "target")
		}
		row := map[string]any{"id": d.ID, "title": d.Title, "path": d.Path, "format": d.Format,
			"text": d.Text, "chars": int64(chars), "ingestedAt": at}
		for k, name := range []string{"relationIds", "relationTypes", "relationSources", "relationTargets"} {
			row[name] = nonNil(rc.vals[k])
		}
		rows[i] = row
	}
	_, created, err := s.batches(ctx, tx, `UNWIND $rows AS row
CREATE (d:Document {id: row.id, title: row.title, path: row.path, format: row.format, text: row.text,
  chars: row.chars, ingestedAt: row.ingestedAt, relationIds: row.relationIds,
  relationTypes: row.relationTypes, relationSources: row.relationSources, relationTargets: row.relationTargets})`, rows, nil)
	if err != nil {
		return 0, fmt.Errorf("documents: %w", err)
	}
	return created, nil
}

func jsonProps(p map[string]any) any {
	if len(p) == 0 {
		return nil
	}
	b, err := json.Marshal(p)
	if err != nil {
		return nil
	}
	return string(b)
}

// entityQuery upserts entities of every type in one statement: the type
// label is set from row.type (a Cypher 5.26 dynamic label; writeEntities
// fills it only from graph's vocabulary, which validateExtraction
// checked). One statement per transaction instead of one per type saves
// a round trip and a statement execution for each type of a batch. A
// stored entity keeps its name and gains the row's name and aliases as
// aliases: its names are the union over every Write, whichever came first
// (several ingest processes write in any order). Its type (property and
// label) becomes the row's when the row's outranks it ($outranks maps a
// type to those it outranks, graph.EntityType.Outranks): the highest type
// any document gave, whatever the order of the writers. Write
// transactions hold the write lock, so no other writer changes the type
// between the read and the write.
const entityQuery = `UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:$(row.type), e.name = row.name, e.type = row.type, e.aliases = row.aliases,
  e.mentions = row.mentions, e.properties = row.properties, e.nameText = row.nameText
ON MATCH SET e.aliases = e.aliases + [a IN [row.name] + row.aliases WHERE NOT a IN e.aliases AND a <> e.name],
  e.nameText = reduce(s = e.name, a IN e.aliases + [a IN [row.name] + row.aliases WHERE NOT a IN e.aliases AND a <> e.name] | s + ' | ' + a),
  e.mentions = e.mentions + row.mentions, e.properties = coalesce(row.properties, e.properties)
WITH e, row
CALL (e, row) {
  WITH e, row WHERE e.type IN $outranks[row.type]
  REMOVE e:$(e.type)
  SET e:$(row.type), e.type = row.type
}
RETURN count(e)`

// outranksParam is entityQuery's $outranks: each entity type's list of
// the types it outranks.
func outranksParam() map[string]any {
	m := map[string]any{}
	for _, t := range graph.EntityTypes() {
		l := []any{}
		for _, u := range t.Outranked() {
			l = append(l, string(u))
		}
		m[string(t)] = l
	}
	return m
}

// writeEntities upserts ents (entityQuery), in BatchSize rows per
// statement.
func (s *Store) writeEntities(ctx context.Context, tx neo4j.ManagedTransaction, ents []graph.Entity) (int, error) {
	rows := make([]any, 0, len(ents))
	for _, e := range ents {
		if !e.Type.Valid() {
			return 0, fmt.Errorf("entity %q: type %q: %w", e.ID, e.Type, graph.ErrInvalid)
		}
		al := make([]any, len(e.Aliases))
		for i, a := range e.Aliases {
			al[i] = a
		}
		rows = append(rows, map[string]any{"id": e.ID, "name": e.Name, "type": string(e.Type),
			"aliases": al, "mentions": int64(e.Mentions), "properties": jsonProps(e.Properties),
			"nameText": strings.Join(append([]string{e.Name}, e.Aliases...), " | ")})
	}
	if len(rows) == 0 {
		return 0, nil
	}
	n, _, err := s.batches(ctx, tx, entityQuery, rows, map[string]any{"outranks": outranksParam()})
	if err != nil {
		return n, fmt.Errorf("entities: %w", err)
	}
	return n, nil
}

// writeMentions links documents to the entities they mention, one row per
// document. Only the edge carrying an entity's mention count has a count
// property (readers treat a missing count as 0).
//
// With eids (always, since groupStatements reads them), entities are
// found by element id (see relationCreateByElementQuery), and a mention
// whose entity is gone fails the transaction instead of being dropped.
func (s *Store) writeMentions(ctx context.Context, tx neo4j.ManagedTransaction, ms []mention, eids map[string]string) error {
	if len(ms) == 0 {
		return nil
	}
	var rows []any
	idx := map[string]int{}
	for _, m := range ms {
		i, ok := idx[m.doc]
		if !ok {
			i = len(rows)
			idx[m.doc] = i
			rows = append(rows, map[string]any{"doc": m.doc, "ents": []any{}, "counts": []any{}, "types": []any{}})
		}
		row := rows[i].(map[string]any)
		var t any
		if m.typ != "" {
			t = m.typ
		}
		row["types"] = append(row["types"].([]any), t)
		var c any
		if m.count != 0 {
			c = int64(m.count)
		}
		row["counts"] = append(row["counts"].([]any), c)
		if eids != nil {
			row["ents"] = append(row["ents"].([]any), elementIDParam(eids, m.entity))
		} else {
			row["ents"] = append(row["ents"].([]any), m.entity)
		}
	}
	if eids == nil {
		_, _, err := s.batches(ctx, tx, `UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
UNWIND range(0, size(row.ents) - 1) AS i
MATCH (e:Entity {id: row.ents[i]})
CREATE (d)-[:MENTIONS {count: row.counts[i], type: row.types[i]}]->(e)
SET e.mentions = coalesce(e.mentions, 0) + coalesce(row.counts[i], 0)`, rows, nil)
		if err != nil {
			return fmt.Errorf("mentions: %w", err)
		}
		return nil
	}
	n, _, err := s.batches(ctx, tx, `UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
UNWIND range(0, size(row.ents) - 1) AS i
MATCH (e) WHERE elementId(e) = row.ents[i]
CREATE (d)-[:MENTIONS {count: row.counts[i], type: row.types[i]}]->(e)
SET e.mentions = coalesce(e.mentions, 0) + coalesce(row.counts[i], 0)
RETURN count(*)`, rows, nil)
	if err != nil {
		return fmt.Errorf("mentions: %w", err)
	}
	if n != len(ms) {
		return fmt.Errorf("mentions: %d of %d entities found: %w", n, len(ms), errEntityGone)
	}
	return nil
}

// errEntityGone fails a parallel Write's transaction that did not find
// all its entity nodes by element id (not expected: every deleter takes
// the write lock, and the ids are read again after another writer had it).
var errEntityGone = errors.New("an entity of this write was deleted meanwhile; write again")

// elementIDParam is the element id of entity id, nil when unknown (the
// statement then finds no node and the written count shows it).
func elementIDParam(eids map[string]string, id string) any {
	if e, ok := eids[id]; ok {
		return e
	}
	return nil
}

// evidenceKey identifies an evidence within a Write: the same sentence
// (document, start, end) supports a relation once. A struct, not a joined
// string: a bulk Write builds one per evidence.
type evidenceKey struct {
	rel, doc   string
	start, end int
}

// keyOf is the evidenceKey of ev supporting relation relID.
func keyOf(relID string, ev graph.Evidence) evidenceKey {
	return evidenceKey{rel: relID, doc: ev.DocumentID, start: ev.Start, end: ev.End}
}

// writeEvidence creates the Evidence nodes of the group's new documents,
// deduplicated by evidenceKey. Each carries its relation's id; the
// relation's type and endpoints are listed once per document
// (writeDocuments), not on every Evidence node: three properties fewer
// per evidence (BENCHMARKS.md, "Store (issue 2)", round 4). They cannot
// exist yet: evidence only comes from documents new to the store, and
// writeDocuments guards those.
func (s *Store) writeEvidence(ctx context.Context, tx neo4j.ManagedTransaction, rels []graph.Relation) (int, error) {
	cols := newColumns("relationId", "documentId", "sentence", "start", "end",
		"trigger", "triggerStart", "triggerEnd", "rule", "confidence")
	seen := make(map[evidenceKey]bool, len(rels))
	for _, r := range rels {
		for _, ev := range r.Evidence {
			key := keyOf(r.ID, ev)
			if seen[key] {
				continue
			}
			seen[key] = true
			cols.add(r.ID, ev.DocumentID, ev.Sentence, int64(ev.Start),
				int64(ev.End), ev.Trigger, int64(ev.TriggerStart), int64(ev.TriggerEnd), ev.Rule, ev.Confidence)
		}
	}
	if cols.len() == 0 {
		return 0, nil
	}
	_, created, err := s.columnBatches(ctx, tx, unwindColumns("relationId")+`CREATE (:Evidence {relationId: $relationId[i],
  documentId: $documentId[i], sentence: $sentence[i],
  start: $start[i], end: $end[i], trigger: $trigger[i], triggerStart: $triggerStart[i],
  triggerEnd: $triggerEnd[i], rule: $rule[i], confidence: $confidence[i]})`, cols)
	if err != nil {
		return 0, fmt.Errorf("evidence: %w", err)
	}
	return created, nil
}

// recountClause sets evidenceCount and confidence of r from its Evidence
// nodes (after deletions); relations without evidence keep their confidence.
const recountClause = `CALL (r) {
  OPTIONAL MATCH (ev:Evidence {relationId: r.id})
  RETURN count(ev) AS n, max(ev.confidence) AS c
}
SET r.evidenceCount = n, r.confidence = CASE WHEN n = 0 THEN r.confidence ELSE c END`

// relationColumns are the columns of relation update rows, sorted by
// type; $lo[k] and $hi[k] bound the rows of the k-th vocabulary type.
var relationColumns = []string{"id", "n", "c", "properties"}

// relationUpdateQuery adds new evidence counts to the relations that
// exist among the rows (relationUpdateParams) and returns their ids: one
// statement per transaction, not one per type (a round trip and a
// statement's overhead each). Each type's rows are looked up by id
// through its relation_<type>_id index; the id is a hash of type and
// endpoints, so the endpoints need no check. USING INDEX SEEK forces the
// seek whatever the statistics said when the plan was made: write
// statements run with replan=skip, and a plan made while the index was
// empty (after a wipe) was, for some types, a scan of the whole index
// filtered by id — and before the index, an expand from an endpoint
// filtered by id; both cost more as the database grows (BENCHMARKS.md,
// "Ingest at scale (issue 13)").
//
// The parameters are the same few whatever the types present: the
// server keeps a plan per parameter types and list sizes, and a column
// per type (mostly empty lists) made it plan this 20-branch statement
// anew for almost every transaction, seconds each, until its plan cache
// filled the heap.
func (s *Store) relationUpdateQuery() string {
	return s.cached("relupdate", func() string {
		var parts []string
		for k, t := range graph.RelationTypes() {
			// t comes from the vocabulary, never from a request.
			parts = append(parts, fmt.Sprintf(`  UNWIND range($lo[%d], $hi[%d] - 1) AS i
  MATCH ()-[r:%s {id: $id[i]}]->() USING INDEX SEEK r:%s(id)
  RETURN r, i`, k, k, t, t))
		}
		return "CALL () {\n" + strings.Join(parts, "\n  UNION ALL\n") + `
}
SET r.confidence = CASE WHEN (r.evidenceCount = 0 AND $n[i] > 0) OR $c[i] > r.confidence THEN $c[i]
    ELSE r.confidence END,
  r.evidenceCount = r.evidenceCount + $n[i], r.properties = coalesce($properties[i], r.properties)
RETURN $id[i] AS id`
	})
}

// relationUpdateParams are the parameters of relationUpdateQuery for
// rows, which are sorted by type in vocabulary order.
func relationUpdateParams(rows []relationRow) map[string]any {
	cols := newColumns(relationColumns...)
	types := graph.RelationTypes()
	lo, hi := make([]any, len(types)), make([]any, len(types))
	k := 0
	for i, t := range types {
		lo[i] = int64(k)
		for k < len(rows) && rows[k].r.Type == t {
			x := rows[k]
			cols.add(x.r.ID, int64(x.n), x.c, x.prop)
			k++
		}
		hi[i] = int64(k)
	}
	p := cols.params(0, cols.len())
	p["lo"], p["hi"] = lo, hi
	return p
}

// relationCreateQuery creates relations known not to exist, of any
// types: the type comes from column t as a dynamic type (Cypher 5.26), so
// a transaction sends one statement for all its new relations instead of
// one per type (BENCHMARKS.md, "Store (issue 2)", round 4). Column t only
// holds vocabulary types: writeRelations takes them from graph.RelationTypes.
const relationCreateQuery = `UNWIND range(0, size($id) - 1) AS i
MATCH (a:Entity {id: $source[i]})
MATCH (b:Entity {id: $target[i]})
CREATE (a)-[:$($t[i]) {id: $id[i], evidenceCount: $n[i], confidence: $c[i], properties: $properties[i]}]->(b)
RETURN count(*)`

// relationRow is one relation to upsert: n new evidence with best
// confidence c.
type relationRow struct {
	r    graph.Relation
	n    int
	c    float64
	prop any
}

// relationCreateByElementQuery is relationCreateQuery finding the
// endpoints by element id (columns ea, eb): a record read instead of a
// seek of the Entity.id index, which in an updating statement is a locking
// seek (a shared lock per endpoint, taken and released). No label or id
// in the pattern: with them the planner seeks the index and only filters
// on the element id. The element ids are right as long as the Write holds
// the write lock since it read them (see writeParallel; a sequential
// Write's transaction reads them itself, under the lock, after its entity
// upsert).
const relationCreateByElementQuery = `UNWIND range(0, size($id) - 1) AS i
MATCH (a) WHERE elementId(a) = $ea[i]
MATCH (b) WHERE elementId(b) = $eb[i]
CREATE (a)-[:$($t[i]) {id: $id[i], evidenceCount: $n[i], confidence: $c[i], properties: $properties[i]}]->(b)
RETURN count(*)`

// addRelationCreateRows appends rows of type t to the columns of
// relationCreateQuery (or, with eids, of relationCreateByElementQuery).
func addRelationCreateRows(cols *columns, t graph.RelationType, rows []relationRow, eids map[string]string) {
	for _, x := range rows {
		if eids != nil {
			cols.add(x.r.ID, elementIDParam(eids, x.r.Source), elementIDParam(eids, x.r.Target), int64(x.n), x.c, x.prop, string(t))
		} else {
			cols.add(x.r.ID, x.r.Source, x.r.Target, int64(x.n), x.c, x.prop, string(t))
		}
	}
}

// writeRelations upserts relations. Relations that may exist are looked
// up by id (the relation_<type>_id indexes): one statement updates those
// that exist and returns their ids. Relations that cannot
// exist (ws: a type empty and this Write's own creations, trusted under
// the write lock) skip the lookup. The rest are created, in one statement
// per batch for all types. created collects the ids created.
//
// With eids, endpoints are found by element id (relationCreateByElementQuery)
// and a relation whose endpoint is missing fails the transaction.
func (s *Store) writeRelations(ctx context.Context, tx neo4j.ManagedTransaction, rels []graph.Relation, ws *writeState, created *[]string, eids map[string]string) (int, error) {
	update := map[graph.RelationType][]relationRow{}
	create := map[graph.RelationType][]relationRow{}
	if ws.mu != nil {
		ws.mu.RLock()
	}
	for _, r := range mergeRelations(rels) {
		row := relationRow{r: r, c: r.Confidence, prop: jsonProps(r.Properties)}
		var seen map[evidenceKey]bool // only needed for a second evidence
		for i, ev := range r.Evidence {
			if i == 1 {
				seen = map[evidenceKey]bool{keyOf(r.ID, r.Evidence[0]): true}
			}
			if seen != nil {
				k := keyOf(r.ID, ev)
				if seen[k] {
					continue
				}
				seen[k] = true
			}
			if row.n == 0 || ev.Confidence > row.c {
				row.c = ev.Confidence
			}
			row.n++
		}
		if ws.emptyTypes[r.Type] && !ws.created[r.ID] {
			create[r.Type] = append(create[r.Type], row)
			continue
		}
		update[r.Type] = append(update[r.Type], row)
	}
	if ws.mu != nil {
		ws.mu.RUnlock()
	}
	total := 0
	var rows []relationRow // the rows to look up, sorted by type in vocabulary order
	for _, t := range graph.RelationTypes() {
		rows = append(rows, update[t]...)
	}
	for lo := 0; lo < len(rows); lo += s.cfg.BatchSize {
		batch := rows[lo:min(lo+s.cfg.BatchSize, len(rows))]
		t0 := time.Now()
		res, err := tx.Run(ctx, writeQueryPrefix+s.relationUpdateQuery(), relationUpdateParams(batch))
		if err != nil {
			return total, fmt.Errorf("relations: %w", err)
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return total, fmt.Errorf("relations: %w", err)
		}
		slog.Debug("neo4jstore batch", "query", "relation update", "rows", len(batch), "took", time.Since(t0))
		found := make(map[string]bool, len(recs))
		for _, r := range recs {
			found[str(r.Values[0])] = true
		}
		total += len(found)
		for _, x := range batch {
			if !found[x.r.ID] {
				create[x.r.Type] = append(create[x.r.Type], x)
			}
		}
	}
	query, cols := relationCreateQuery, newColumns("id", "source", "target", "n", "c", "properties", "t")
	if eids != nil {
		query, cols = relationCreateByElementQuery, newColumns("id", "ea", "eb", "n", "c", "properties", "t")
	}
	for _, t := range graph.RelationTypes() {
		addRelationCreateRows(cols, t, create[t], eids)
		for _, x := range create[t] {
			*created = append(*created, x.r.ID)
		}
	}
	if cols.len() == 0 {
		return total, nil
	}
	n, _, err := s.columnBatches(ctx, tx, query, cols)
	if err != nil {
		return total, fmt.Errorf("relations: %w", err)
	}
	if eids != nil && n != cols.len() {
		return total, fmt.Errorf("relations: %d of %d created: %w", n, cols.len(), errEntityGone)
	}
	total += n
	return total, nil
}

// mergeRelations joins the rows of a group that are the same relation
// (one per document with evidence for it), so it is created once.
func mergeRelations(rels []graph.Relation) []graph.Relation {
	idx := make(map[string]int, len(rels))
	out := make([]graph.Relation, 0, len(rels))
	for _, r := range rels {
		i, ok := idx[r.ID]
		if !ok {
			idx[r.ID] = len(out)
			out = append(out, r)
			continue
		}
		m := &out[i]
		m.Evidence = append(append([]graph.Evidence(nil), m.Evidence...), r.Evidence...)
		m.Confidence = max(m.Confidence, r.Confidence)
		if len(r.Properties) > 0 {
			m.Properties = r.Properties
		}
	}
	return out
}

// replaceOldVersions removes stored documents that share a path with one
// of docs but have another id, with everything only they supported
// (entities in keep stay even when left unconnected).
func (s *Store) replaceOldVersions(ctx context.Context, tx neo4j.ManagedTransaction, docs []graph.Document, keep map[string]bool) error {
	var rows []any
	for _, d := range docs {
		if d.Path != "" {
			rows = append(rows, map[string]any{"id": d.ID, "path": d.Path})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	res, err := tx.Run(ctx, writeQueryPrefix+otherVersionsQuery+`
RETURN DISTINCT d.id AS id`, map[string]any{"rows": rows})
	if err != nil {
		return fmt.Errorf("old versions: %w", err)
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return fmt.Errorf("old versions: %w", err)
	}
	if len(recs) == 0 {
		return nil
	}
	old := make([]any, len(recs))
	for i, r := range recs {
		old[i] = r.Values[0]
	}
	return s.deleteDocuments(ctx, tx, old, keep)
}

// deleteDocuments removes documents, their evidence and mentions,
// relations left without evidence and entities left unconnected, except
// those in keep (a parallel Write has upserted its entities before its
// documents' transactions, and still links them).
func (s *Store) deleteDocuments(ctx context.Context, tx neo4j.ManagedTransaction, ids []any, keep map[string]bool) error {
	p := map[string]any{"old": ids}
	// Relations the old evidence supported.
	res, err := tx.Run(ctx, `UNWIND $old AS oid
MATCH (d:Document {id: oid})
CALL (d) {`+documentEvidence+`}
RETURN DISTINCT ev.relationId AS id, ev.relType AS type, ev.source AS source, ev.target AS target`, p)
	if err != nil {
		return fmt.Errorf("old evidence: %w", err)
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return fmt.Errorf("old evidence: %w", err)
	}
	triples, err := documentRelations(ctx, tx, ids)
	if err != nil {
		return fmt.Errorf("old relations: %w", err)
	}
	// Evidence without endpoints (written by a version before they were
	// stored, and whose relation EnsureSchema did not find) belongs to no
	// relationship: nothing to drop or recount.
	byType := map[graph.RelationType][]any{}
	touched := map[string]bool{}
	for _, r := range recs {
		id, _ := r.Values[0].(string)
		t, _ := r.Values[1].(string)
		src, _ := r.Values[2].(string)
		dst, _ := r.Values[3].(string)
		if x, ok := triples[id]; ok && src == "" {
			t, src, dst = x.typ, x.source, x.target
		}
		if src == "" || dst == "" {
			continue
		}
		touched[src], touched[dst] = true, true
		byType[graph.RelationType(t)] = append(byType[graph.RelationType(t)],
			map[string]any{"id": id, "source": src, "target": dst})
	}
	types := make([]graph.RelationType, 0, len(byType))
	for t := range byType {
		if t.Valid() { // never put an unknown type into query text
			types = append(types, t)
		}
	}
	sort.Slice(types, func(i, j int) bool { return types[i] < types[j] })
	res, err = tx.Run(ctx, `UNWIND $old AS oid
MATCH (:Document {id: oid})-[m:MENTIONS]->(e:Entity)
SET e.mentions = coalesce(e.mentions, 0) - coalesce(m.count, 0)
DELETE m
RETURN e.id`, p)
	if err != nil {
		return fmt.Errorf("old mentions: %w", err)
	}
	recs, err = res.Collect(ctx)
	if err != nil {
		return fmt.Errorf("old mentions: %w", err)
	}
	for _, r := range recs {
		if e, ok := r.Values[0].(string); ok {
			touched[e] = true
		}
	}
	for _, q := range []string{
		`UNWIND $old AS oid MATCH (d:Document {id: oid}) CALL (d) {` + documentEvidence + `} DETACH DELETE ev`,
		`UNWIND $old AS oid MATCH (d:Document {id: oid}) DETACH DELETE d`,
	} {
		res, err := tx.Run(ctx, q, p)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("delete old version: %w", err)
		}
	}
	for _, t := range types {
		for _, q := range []string{s.dropUnsupportedQuery(t), s.recountQuery(t)} {
			res, err := tx.Run(ctx, q, map[string]any{"rows": byType[t]})
			if err == nil {
				_, err = res.Consume(ctx)
			}
			if err != nil {
				return fmt.Errorf("recount %s: %w", t, err)
			}
		}
	}
	if len(touched) > 0 {
		ents := make([]any, 0, len(touched))
		for e := range touched {
			if !keep[e] {
				ents = append(ents, e)
			}
		}
		res, err := tx.Run(ctx, `UNWIND $ids AS id
MATCH (e:Entity {id: id}) WHERE NOT EXISTS { (e)--() }
DELETE e`, map[string]any{"ids": ents})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("orphan entities: %w", err)
		}
		// Entities a parallel Write has upserted (keep) are left alone:
		// their type already counts documents not linked yet.
		res, err = tx.Run(ctx, retypeQuery, map[string]any{"ids": ents, "precedence": precedenceParam()})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("retype entities: %w", err)
		}
	}
	return nil
}

// retypeQuery gives each entity of $ids the highest type ($precedence,
// highest first) that the documents still mentioning it gave it, as their
// MENTIONS edges record: after a document goes, an entity typed by it
// alone takes the type the others give, as if it had never been written.
// Edges written before they carried a type count for nothing; an entity
// with no typed edge keeps its type.
const retypeQuery = `UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (:Document)-[m:MENTIONS]->(e) WHERE m.type IS NOT NULL
  RETURN collect(DISTINCT m.type) AS types
}
WITH e, [t IN $precedence WHERE t IN types][0] AS best
WHERE best IS NOT NULL AND best <> e.type
REMOVE e:$(e.type)
SET e:$(best), e.type = best`

// precedenceParam is retypeQuery's $precedence.
func precedenceParam() []any {
	var out []any
	for _, t := range graph.TypesByPrecedence() {
		out = append(out, string(t))
	}
	return out
}

// relationTriple is a relation's type and endpoints.
type relationTriple struct{ typ, source, target string }

// documentRelations reads the relations the documents ids list
// (relationIds with relationTypes, relationSources and relationTargets),
// by relation id. Documents written before those lists existed give
// nothing: their Evidence nodes carry relType, source and target.
func documentRelations(ctx context.Context, tx txRunner, ids []any) (map[string]relationTriple, error) {
	res, err := tx.Run(ctx, `UNWIND $ids AS oid
MATCH (d:Document {id: oid}) WHERE d.relationSources IS NOT NULL
RETURN d.relationIds, d.relationTypes, d.relationSources, d.relationTargets`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]relationTriple{}
	for _, r := range recs {
		rid, _ := r.Values[0].([]any)
		typ, _ := r.Values[1].([]any)
		src, _ := r.Values[2].([]any)
		dst, _ := r.Values[3].([]any)
		if len(typ) != len(rid) || len(src) != len(rid) || len(dst) != len(rid) {
			continue
		}
		for i := range rid {
			out[str(rid[i])] = relationTriple{typ: str(typ[i]), source: str(src[i]), target: str(dst[i])}
		}
	}
	return out, nil
}

// documentEvidence is a subquery body returning the Evidence nodes (ev) of
// document d: through d.relationIds, or through the FROM edges earlier
// versions of the store created.
const documentEvidence = `
  MATCH (ev:Evidence) WHERE ev.relationId IN coalesce(d.relationIds, []) AND ev.documentId = d.id
  RETURN ev
  UNION
  MATCH (d)<-[:FROM]-(ev:Evidence)
  RETURN ev
`

// relationRowMatch binds r, the relation of type t of each $rows row
// {id, source, target}, through its endpoints.
func relationRowMatch(t graph.RelationType) string {
	return `UNWIND $rows AS row
MATCH (:Entity {id: row.source})-[r:` + string(t) + ` {id: row.id}]->(:Entity {id: row.target})
`
}

// dropUnsupportedQuery deletes the relations of type t in $rows that no
// evidence supports any more.
func (s *Store) dropUnsupportedQuery(t graph.RelationType) string {
	return s.cached("drop:"+string(t), func() string {
		return relationRowMatch(t) + `WHERE NOT EXISTS { MATCH (ev:Evidence {relationId: row.id}) }
DELETE r`
	})
}

// recountQuery recomputes evidenceCount and confidence of the relations
// of type t in $rows.
func (s *Store) recountQuery(t graph.RelationType) string {
	return s.cached("recount:"+string(t), func() string {
		return relationRowMatch(t) + `WITH r
` + recountClause
	})
}
