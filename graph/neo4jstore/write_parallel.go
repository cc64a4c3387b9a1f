package neo4jstore

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/nexus-graph/nexus/graph"
)

// epochLength is how long a parallel Write keeps one lock transaction
// before it lets other writers in (and takes the lock again): well under
// the launcher's 60 s transaction timeout, which would end the lock
// transaction and with it the lock.
var epochLength = 15 * time.Second

// testBeforeGroup, when set (tests only), runs before group i of a
// parallel Write and fails it with its error.
var testBeforeGroup func(i int) error

// epoch is a parallel Write's hold on the write lock: an explicit
// transaction that took the NexusWriteLock node's exclusive lock and stays
// open while the Write's own transactions run in other sessions. Other
// writers wait on the node meanwhile, exactly as for a sequential Write's
// transaction.
type epoch struct {
	sess  neo4j.SessionWithContext
	tx    neo4j.ExplicitTransaction
	began time.Time
}

// beginEpoch takes the write lock in a new lock transaction, updates ws
// as lockWrites does, fails with storedMeanwhile when another writer
// stored documents of groups[next:] since the Write looked, and returns which of the groups from next on must
// run alone: those with a document whose path a stored document of
// another id has (its replacement deletes relations and entities other
// transactions could be using) or whose path another group of the Write
// has too.
func (s *Store) beginEpoch(ctx context.Context, ws *writeState, groups []group, next int, dup map[string]bool) (*epoch, []bool, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		sess.Close(ctx)
		return nil, nil, fmt.Errorf("write lock: %w", mapError(err))
	}
	ep := &epoch{sess: sess, tx: tx, began: time.Now()}
	cur, err := s.lockWrites(ctx, tx, ws)
	if err != nil {
		ep.close(ctx)
		return nil, nil, mapError(err)
	}
	*ws = cur
	// Another writer may have stored some of the documents since the
	// Write looked (or since its last epoch); under the lock, that is
	// known for sure.
	var pending []graph.Document
	for _, g := range groups[next:] {
		pending = append(pending, g.docs...)
	}
	if ids, err := storedAmong(ctx, tx, pending); err != nil || len(ids) > 0 {
		ep.close(ctx)
		if err == nil {
			return nil, nil, &storedMeanwhile{ids: ids}
		}
		return nil, nil, mapError(err)
	}
	var rows []any
	for _, g := range groups[next:] {
		for _, d := range g.docs {
			if d.Path != "" {
				rows = append(rows, map[string]any{"id": d.ID, "path": d.Path})
			}
		}
	}
	replaced := map[string]bool{}
	if len(rows) > 0 {
		res, err := tx.Run(ctx, writeQueryPrefix+otherVersionsQuery+`
RETURN DISTINCT row.path`, map[string]any{"rows": rows})
		var recs []*neo4j.Record
		if err == nil {
			recs, err = res.Collect(ctx)
		}
		if err != nil {
			ep.close(ctx)
			return nil, nil, fmt.Errorf("stored paths: %w", mapError(err))
		}
		for _, r := range recs {
			replaced[str(r.Values[0])] = true
		}
	}
	alone := make([]bool, len(groups))
	for gi := next; gi < len(groups); gi++ {
		for _, d := range groups[gi].docs {
			if d.Path != "" && (replaced[d.Path] || dup[d.Path]) {
				alone[gi] = true
			}
		}
	}
	return ep, alone, nil
}

// expired reports whether the epoch should end before another transaction
// starts.
func (ep *epoch) expired() bool { return time.Since(ep.began) > epochLength }

// end commits the lock transaction, releasing the lock.
func (ep *epoch) end(ctx context.Context) error {
	err := ep.tx.Commit(ctx)
	ep.sess.Close(ctx)
	if err != nil {
		return fmt.Errorf("write lock: %w", mapError(err))
	}
	return nil
}

// close rolls the lock transaction back (after an error).
func (ep *epoch) close(ctx context.Context) {
	_ = ep.tx.Close(ctx)
	ep.sess.Close(ctx)
}

// groupDeps returns, per group, the earlier groups that share a relation
// with it (the latest such group per relation; they are ordered among
// themselves the same way). Such a group must have committed before it
// starts: two transactions must never create the same relation, and a
// relation another transaction of the Write created is updated, not
// created again.
func groupDeps(groups []group) [][]int {
	last := map[string]int{}
	deps := make([][]int, len(groups))
	for gi, g := range groups {
		seen := map[int]bool{}
		for _, r := range g.relations {
			if i, ok := last[r.ID]; ok && i != gi && !seen[i] {
				seen[i] = true
				deps[gi] = append(deps[gi], i)
			}
			last[r.ID] = gi
		}
	}
	return deps
}

// duplicatePaths returns the document paths that occur in more than one
// group.
func duplicatePaths(groups []group) map[string]bool {
	first := map[string]int{}
	dup := map[string]bool{}
	for gi, g := range groups {
		for _, d := range g.docs {
			if d.Path == "" {
				continue
			}
			if i, ok := first[d.Path]; ok && i != gi {
				dup[d.Path] = true
			} else if !ok {
				first[d.Path] = gi
			}
		}
	}
	return dup
}

// writeEntityChunks upserts ents in transactions of at most TxRows
// entities, WriteWorkers at a time (the chunks are disjoint), and returns
// which entities were committed, the count upserted, and the ids among
// them that did not exist before.
func (s *Store) writeEntityChunks(ctx context.Context, ents []graph.Entity) (committed []bool, upserted int, fresh map[string]bool, eids map[string]string, err error) {
	committed = make([]bool, len(ents))
	fresh = map[string]bool{}
	eids = make(map[string]string, len(ents))
	var mu sync.Mutex
	sem := make(chan struct{}, s.cfg.WriteWorkers)
	var wg sync.WaitGroup
	for lo := 0; lo < len(ents); lo += s.cfg.TxRows {
		hi := min(lo+s.cfg.TxRows, len(ents))
		sem <- struct{}{}
		mu.Lock()
		failed := err != nil
		mu.Unlock()
		if failed {
			<-sem
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			n, stored, chunkEIDs, cerr := s.writeEntityChunk(ctx, ents[lo:hi])
			mu.Lock()
			defer mu.Unlock()
			if cerr != nil {
				if err == nil {
					err = cerr
				}
				return
			}
			upserted += n
			for id, e := range chunkEIDs {
				eids[id] = e
			}
			for i := lo; i < hi; i++ {
				committed[i] = true
				if !stored[ents[i].ID] {
					fresh[ents[i].ID] = true
				}
			}
		}()
	}
	wg.Wait()
	return committed, upserted, fresh, eids, err
}

// writeEntityChunk upserts chunk in one transaction and returns the count
// upserted, the ids that existed before, and the element ids.
func (s *Store) writeEntityChunk(ctx context.Context, chunk []graph.Entity) (int, map[string]bool, map[string]string, error) {
	ids := make([]any, len(chunk))
	for i, e := range chunk {
		ids[i] = e.ID
	}
	var n int
	var stored map[string]bool
	var eids map[string]string
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, writeQueryPrefix+"UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id", map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		stored = make(map[string]bool, len(recs))
		for _, r := range recs {
			stored[str(r.Values[0])] = true
		}
		if n, err = s.writeEntities(ctx, tx, chunk); err != nil {
			return nil, err
		}
		eids, err = lookupElementIDs(ctx, tx, ids)
		return nil, err
	})
	if err != nil {
		return 0, nil, nil, fmt.Errorf("write %d entities: %w", len(chunk), mapError(err))
	}
	return n, stored, eids, nil
}

// lookupElementIDs returns the element ids of the entities ids that exist.
func lookupElementIDs(ctx context.Context, tx txRunner, ids []any) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	for lo := 0; lo < len(ids); lo += 20000 {
		res, err := tx.Run(ctx, writeQueryPrefix+"UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN id, elementId(e)",
			map[string]any{"ids": ids[lo:min(lo+20000, len(ids))]})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			out[str(r.Values[0])] = str(r.Values[1])
		}
	}
	return out, nil
}

// runGroup writes one group of a parallel Write in its own transaction,
// without taking the lock (the Write's epoch holds it).
func (s *Store) runGroup(ctx context.Context, i int, g group, ws *writeState, keep map[string]bool) (graph.WriteStats, []string, error) {
	if testBeforeGroup != nil {
		if err := testBeforeGroup(i); err != nil {
			return graph.WriteStats{}, nil, err
		}
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	t0 := time.Now()
	var created []string
	v, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		created = nil // a retried transaction starts over
		return s.groupStatements(ctx, tx, g, ws, &created, keep)
	})
	if err != nil {
		return graph.WriteStats{}, nil, fmt.Errorf("write %d documents: %w", len(g.docs), mapError(err))
	}
	slog.Debug("neo4jstore parallel write transaction", "group", i, "documents", len(g.docs),
		"relations", len(g.relations), "took", time.Since(t0))
	return v.(graph.WriteStats), created, nil
}

// writeParallel writes the groups of a Write with up to WriteWorkers
// transactions at a time; see "Writes" in the package documentation.
//
// Under the write lock (held by an epoch's lock transaction), it first
// upserts all the Write's entities, so that every group finds the
// entities it links, then runs the groups in order, a group starting once
// the earlier groups it shares a relation with have committed; a group
// that replaces stored documents runs alone. Concurrent groups create
// disjoint relations, MENTIONS and evidence on entities that exist;
// relationship creation only takes shared locks on the endpoints until
// commit, where Neo4j takes the exclusive ones in a fixed order, so they
// do not deadlock. If a group fails, no further group starts, and the
// mention counts the entity upsert added for documents that were not
// written are taken back (entities it created that nothing links are
// deleted), so entities and their counts are as if the committed groups
// alone had been written (aliases and properties the upsert merged stay).
func (s *Store) writeParallel(ctx context.Context, groups []group, ws *writeState) (graph.WriteStats, error) {
	var stats graph.WriteStats
	ws.mu = &sync.RWMutex{}
	// Entities move out of the groups; countGroup is the group whose
	// documents carry an entity's mention count (on a MENTIONS edge), or
	// the group that would have upserted it.
	var ents []graph.Entity
	keep := map[string]bool{}
	countGroup := map[string]int{}
	for gi := range groups {
		for _, e := range groups[gi].entities {
			ents = append(ents, e)
			keep[e.ID] = true
			countGroup[e.ID] = gi
		}
		groups[gi].entities = nil
	}
	for gi, g := range groups {
		for _, m := range g.mentions {
			keep[m.entity] = true
			if m.count != 0 {
				countGroup[m.entity] = gi
			}
		}
		// Stored entities the extraction links without listing them.
		for _, r := range g.relations {
			keep[r.Source], keep[r.Target] = true, true
		}
	}
	linked := make([]any, 0, len(keep))
	for id := range keep {
		linked = append(linked, id)
	}
	deps := groupDeps(groups)
	dup := duplicatePaths(groups)
	ep, alone, err := s.beginEpoch(ctx, ws, groups, 0, dup)
	if err != nil {
		return stats, err
	}
	defer func() {
		if ep != nil {
			ep.close(context.WithoutCancel(ctx))
		}
	}()
	t0 := time.Now()
	committed, upserted, fresh, eids, firstErr := s.writeEntityChunks(ctx, ents)
	if firstErr == nil && len(eids) < len(linked) {
		// Endpoints stored before and not in the extraction.
		var rest []any
		for _, id := range linked {
			if _, ok := eids[id.(string)]; !ok {
				rest = append(rest, id)
			}
		}
		more, err := lookupElementIDs(ctx, ep.tx, rest)
		if err != nil {
			firstErr = fmt.Errorf("entity element ids: %w", mapError(err))
		}
		for id, e := range more {
			eids[id] = e
		}
	}
	ws.eids = eids
	slog.Debug("neo4jstore parallel write entities", "entities", len(ents), "took", time.Since(t0))
	stats.Entities = upserted

	type result struct {
		i       int
		st      graph.WriteStats
		created []string
		err     error
	}
	results := make(chan result)
	done := make([]bool, len(groups))
	running, next, aloneRunning := 0, 0, false
	ready := func(i int) bool {
		for _, d := range deps[i] {
			if !done[d] {
				return false
			}
		}
		return !aloneRunning && (!alone[i] || running == 0)
	}
	for firstErr == nil || running > 0 {
		if firstErr == nil && next < len(groups) && running == 0 && ep.expired() {
			err := ep.end(ctx)
			ep = nil
			if err == nil {
				ep, alone, err = s.beginEpoch(ctx, ws, groups, next, dup)
			}
			if err == nil && ws.eids == nil {
				// Another writer had the lock since the element ids were
				// read: it may have deleted nodes (and their ids may be
				// reused).
				ws.eids, err = lookupElementIDs(ctx, ep.tx, linked)
				if err != nil {
					err = fmt.Errorf("entity element ids: %w", mapError(err))
				}
			}
			if err != nil {
				firstErr = err
				continue
			}
		}
		// An expired epoch starts nothing more; it is renewed above once
		// its transactions are done (and then starts at least one).
		if firstErr == nil && next < len(groups) && running < s.cfg.WriteWorkers && (running == 0 || !ep.expired()) && ready(next) {
			i := next
			next++
			running++
			aloneRunning = alone[i]
			go func() {
				st, created, err := s.runGroup(ctx, i, groups[i], ws, keep)
				results <- result{i: i, st: st, created: created, err: err}
			}()
			continue
		}
		if running == 0 {
			break // all written (or failed with nothing in flight)
		}
		r := <-results
		running--
		aloneRunning = false
		if r.err != nil {
			if firstErr == nil {
				firstErr = r.err
			}
			continue
		}
		done[r.i] = true
		stats.Documents += r.st.Documents
		stats.Relations += r.st.Relations
		stats.Evidence += r.st.Evidence
		ws.mu.Lock()
		for _, id := range r.created {
			ws.created[id] = true
		}
		ws.mu.Unlock()
	}
	if ep != nil {
		err := ep.end(ctx)
		ep = nil
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr == nil && next < len(groups) {
		firstErr = fmt.Errorf("write: %d of %d transactions not run", len(groups)-next, len(groups))
	}
	if firstErr == nil {
		return stats, nil
	}
	// Take back what the entity upsert added for groups not written.
	var rows []any
	for i, e := range ents {
		if gi := countGroup[e.ID]; committed[i] && !done[gi] && (e.Mentions != 0 || fresh[e.ID]) {
			rows = append(rows, map[string]any{"id": e.ID, "sub": int64(e.Mentions), "fresh": fresh[e.ID]})
		}
	}
	if err := s.undoEntities(context.WithoutCancel(ctx), ws, rows); err != nil {
		slog.Error("neo4jstore: taking back entity mention counts after a failed write", "err", err)
	}
	return stats, firstErr
}

// undoEntities subtracts rows' mention counts ({id, sub, fresh}) and
// deletes the fresh ones that nothing links, under the write lock.
func (s *Store) undoEntities(ctx context.Context, ws *writeState, rows []any) error {
	if len(rows) == 0 {
		return nil
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		if _, err := s.lockWrites(ctx, tx, ws); err != nil {
			return nil, err
		}
		res, err := tx.Run(ctx, `UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e.mentions = coalesce(e.mentions, 0) - row.sub
WITH e, row WHERE row.fresh AND NOT EXISTS { (e)--() }
DELETE e`, map[string]any{"rows": rows})
		if err != nil {
			return nil, err
		}
		_, err = res.Consume(ctx)
		return nil, err
	})
	if err != nil {
		return fmt.Errorf("undo entities: %w", mapError(err))
	}
	return nil
}
