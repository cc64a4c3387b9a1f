// Package neo4jstore implements graph.Store on Neo4j 5. It is the only
// package that imports the Neo4j driver.
//
// # Data model
//
//	(:Entity:<Type> {id, name, type, aliases: [..], nameText, mentions, properties})
//	(a:Entity)-[:<RELATION_TYPE> {id, confidence, evidenceCount, properties}]->(b:Entity)
//	(:Document {id, title, path, format, text, chars, ingestedAt, relationIds: [..],
//	            relationTypes: [..], relationSources: [..], relationTargets: [..]})
//	(:Evidence {relationId, documentId, sentence,
//	            start, end, trigger, triggerStart, triggerEnd, rule, confidence})
//	(:Document)-[:MENTIONS {count?}]->(:Entity)
//	(:NexusWriteLock {id: 'write', writer, lockedAt})   one node, see Writes
//
// Entity.type is also the node's second label. properties (entity and
// relation) is a JSON string holding graph.Entity.Properties /
// graph.Relation.Properties; the last writer with non-empty properties wins.
// nameText is name and aliases joined, and is what the full-text index
// entity_names covers.
//
// Relation types are real relationship types taken from graph's vocabulary;
// a type is only written into query text after graph.RelationType.Valid()
// said yes, and query strings are built once per type (or type set) and
// cached. Creating relationships takes the type from a parameter instead
// (Cypher 5.26 dynamic types, one statement for all types), filled only
// from graph.RelationTypes(), and so does creating entities their type
// label (filled only from types that graph.EntityType.Valid() accepts). Symmetric types are stored once per unordered pair
// (graph.Relation.Canonical) and traversed without direction.
//
// Neo4j cannot point a node at a relationship, so Evidence nodes carry the
// relation's id, and their document lists, index for index with
// relationIds, each relation's type and endpoint ids (relationTypes,
// relationSources, relationTargets: once per document rather than on every
// Evidence node, which made a bulk write ~5-10 % cheaper; Evidence written
// by earlier versions carries relType, source and target itself, and both
// are read). An index on Evidence.relationId makes "evidence of a relation"
// cheap, and Relation(id) goes from there to the relationship through its
// endpoints. Relationship ids are indexed per type (relation_<type>_id):
// Write finds the relations that may exist through them, and a relation
// without evidence is found by them too.
// Evidence joins its document by documentId (the Document.id constraint),
// and a document lists the
// relations it has evidence for in relationIds, which is the way from a
// document to its evidence (no FROM edge: one relationship fewer per
// evidence; FROM edges of databases written by earlier versions are still
// followed when deleting). The same sentence (document, start, end)
// supports a relation once: evidence only ever comes from documents new to
// the store, deduplicated by relationId|documentId|start|end before it is
// sent, and CREATEd; documents are CREATEd too, so a concurrent writer of
// the same document fails on the Document.id constraint instead of
// duplicating evidence. A relation's confidence is the maximum over its
// evidence and evidenceCount counts its Evidence nodes; writes maintain
// both incrementally, deleting a document version recomputes both from
// the remaining Evidence nodes.
//
// # Schema
//
// EnsureSchema creates (idempotently) uniqueness constraints on Entity.id,
// Document.id and NexusWriteLock.id; indexes on Entity.type, Document.path
// and Evidence.relationId; and the full-text index entity_names over
// Entity.nameText. It drops what earlier versions had: the Evidence.key
// constraint and the per-type relationship id indexes and constraints
// (rel_<type>_id, rel_<type>_id_unique), after giving their Evidence nodes
// the endpoints of their relation. Open does
// not call it because Open does not wait for the server; Write and Search
// call it once lazily, and programs may call it explicitly at start-up.
//
// # Writes
//
// Write runs one write transaction per group of whole documents (groups are
// cut at Config.TxRows rows), so a failure never leaves a document half
// written. Rows go to the server in UNWIND batches of Config.BatchSize,
// nodes first (documents, entities of all types in one statement), then MENTIONS, evidence and
// relations. Entities are MERGEd on the id constraint: aliases are a set
// union, mentions are summed, properties are replaced when non-empty, and
// the type (property and label) becomes the written one when it outranks
// the stored one (graph.EntityType.Outranks), so it does not depend on the
// order of the writers. Each MENTIONS edge records the type its Write gave
// the entity; when documents go (a new version at the same path, or a
// delete), the entities they touched take the highest type the remaining
// edges record, as a clean write of the remaining documents would give.
// Every write transaction first takes the store's write lock (a property
// write on the one NexusWriteLock node), so write transactions run one at
// a time and cannot deadlock; the lock node also records which Write
// committed last. Relations of a type the store held none of when the
// Write began, and not created by this Write since, cannot exist as long
// as no other Write committed in between: they are CREATEd without a
// lookup (a bulk load into an empty store is all such relations). The
// others are looked up by id through the per-type relationship id
// indexes (relation_<type>_id), all types in one statement, by forced
// index seeks: through the endpoints instead, a look-up cost the
// endpoint's degree, and ingest slowed as the graph grew; existing ones
// get the new evidence counted, the rest are created. Rows of one relation
// from several documents of a transaction are joined first. Write
// statements, and the look-ups of every write transaction, run with
// CYPHER replan=skip: they only seek indexes (the hints make sure of it),
// so the statistics swings of a large write into an empty store need not
// make the planner replan them every 10 s. A transaction finds the entity
// nodes it links by element id, read under the lock after its entity
// upsert (see below for parallel Writes).
//
// A Write of several transactions runs up to Config.WriteWorkers of them
// at once (a write transaction runs on one server thread; the second
// core is otherwise idle). It holds the write lock for all of them in a
// lock transaction of its own (renewed every 15 s, so other writers get
// their turn and the lock transaction stays well inside the server's
// transaction timeout), upserts all its entities first (in transactions of
// TxRows entities), then runs the document groups in order: a group
// starts once the earlier groups it shares a relation with have
// committed (no relation is created twice, and one created by the Write
// is updated, not created again); a group replacing a stored document
// (or with a path another group has too) runs alone, and entities the
// Write upserted are never deleted as orphans by it. Concurrent groups
// only create relationships (shared endpoint locks until commit, where
// Neo4j takes the exclusive ones in id order), new Evidence and Document
// nodes, and update disjoint relations. They find entity nodes by element
// id, read after the entity upsert (and again after another writer had the
// lock), not by Entity.id: in an updating statement that is a locking
// index seek. This relies on nothing deleting nodes while a Write holds the
// lock: document replacement runs under it, and so does Wipe. If a group fails, no further one
// starts and the mention counts the entity upsert added for documents not
// written are taken back (entities it created that nothing links are
// deleted; aliases and properties it merged stay), so the store holds
// what the committed groups say; a later Write of the same extraction
// writes the rest.
//
// Documents whose id is already stored are skipped (their evidence in the
// extraction is dropped). A new id for a stored path replaces the old
// version in the same transaction: its evidence and MENTIONS are removed,
// mention counts taken back, relations left without evidence deleted,
// the others recounted, entities left unconnected deleted. Relations must
// join entities of the extraction or already stored ones (else
// graph.ErrInvalid, before anything is written).
//
// MENTIONS: with one new document and none skipped, it mentions every
// entity; otherwise a document mentions the endpoints of relations it has
// evidence for and every entity whose name or an alias its text contains
// as a whole word. An entity's mention count rides on the MENTIONS edge
// from the first such document (the only edge with a count property).
// With skipped documents in the extraction, an entity's Mentions (summed
// over all documents) is cut to the new documents' share: all of it when
// no skipped document names it, nothing (and no upsert) when only skipped
// ones do, else in proportion to how often each document's text names it.
//
// Transaction sizes must fit the server's transaction memory pool (the
// local launcher sets 384 MiB, enough for about 50,000 rows); a pool error
// maps to graph.ErrTooLarge.
//
// # Reads
//
// Reads run in managed read transactions with Config.QueryTimeout.
// Neighbors expands breadth first, one query per level, strongest edges
// first, and returns the edges among the nodes it kept. Paths uses Cypher 5
// SHORTEST 1 / ALL SHORTEST / SHORTEST k over a quantified path pattern that
// ignores direction. RunReadOnly runs in an explicit read transaction (not
// ExecuteRead, so a timeout is not retried and reading can stop at
// Config.RowCap); see its documentation for the guard.
//
// # Clusters and Aura
//
// The store works the same over a direct connection (bolt://, bolt+s://)
// and the routing schemes a cluster or Aura needs (neo4j://, neo4j+s://).
// Over a routing scheme the driver keeps the cluster's routing table:
// sessions opened for reading (every read, RunReadOnly, the look-ups
// before a Write) go to readers, writing ones to the leader. Every
// session and ExecuteQuery call of a Store shares one bookmark manager
// (the driver's ExecuteQuery one), so each transaction starts only once
// the server it runs on has applied every transaction the Store committed
// before: a read that follows a write in the same process sees it, also
// on a follower. Another process's writes are not in the manager; a read
// there may lag them by the cluster's replication delay. Reads and write
// transactions are managed (ExecuteRead, ExecuteWrite) and retried by the
// driver on transient errors (leader switch, deadlock, lost connection)
// for up to 30 s; the exceptions are RunReadOnly (a timeout must not run
// again) and a parallel Write's lock transaction, whose failure fails the
// Write, which Write then runs again (below).
//
// # Several writers
//
// Any number of processes, on any machines, may Write into one database.
// Their write transactions take the one NexusWriteLock node first, so they
// run one at a time and cannot deadlock (its id constraint makes the
// first MERGE of the node safe). A Write checks which of its documents
// are stored before planning; another writer may store some of them
// before this Write gets the lock, so each write transaction (and each
// lock transaction of a parallel Write) checks its documents again under
// the lock; if any are stored by then, the transaction writes nothing and
// Write plans the remaining documents again (entities, relations and
// evidence of a skipped document are not written twice: evidence and
// mention counts ride with their document). A Write that failed on a
// transient error is likewise run again, up to maxWriteAttempts times;
// what it committed is skipped the second time. Schema statements that
// another process's creation of the same rule makes fail count as done.
// Writers therefore add extraction capacity, not write throughput: the
// database side of ingest is one writer at a time.
package neo4jstore

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/nexus-graph/nexus/graph"
)

// Config says how to reach the database.
type Config struct {
	URI      string
	User     string
	Password string // empty: no authentication
	Database string
	// QueryTimeout bounds each read query on the server (default 10s).
	QueryTimeout time.Duration
	// RowCap bounds RunReadOnly results (default 1000).
	RowCap int
	// AnswerBytes bounds the size of one RunReadOnly answer, counted as
	// rows stream in (default 16 MiB); rows past it are dropped and the
	// result says Truncated with the reason.
	AnswerBytes int
	// CAFile, when set, is a PEM file of the certificates to trust on an
	// encrypted connection (bolt+s://, neo4j+s://) instead of the system's
	// roots: a private CA, or a server's own self-signed certificate.
	CAFile string
	// CypherUser and CypherPassword, when set, are the credentials
	// RunReadOnly uses instead of User and Password: on an edition with
	// roles, a user granted only reads is a second line behind the plan
	// check (SECURITY.md).
	CypherUser     string
	CypherPassword string
	// BatchSize is the number of rows sent in one UNWIND statement
	// (default 5000).
	BatchSize int
	// TxRows is roughly the most rows (entities + relations + evidence)
	// written in one transaction; documents are never split (default
	// 12,000; the server's transaction memory pool must hold WriteWorkers
	// such transactions). A transaction's state stays live on the
	// server's heap until commit and is copied at every young collection
	// meanwhile, so bigger transactions cost collections (two at once on
	// the ParallelGC dev server, per 200k-relation write: 6,000 rows
	// ~0.7 s, 12,000 ~1.8 s, 24,000 ~3.5-4 s) and save per-transaction
	// work; since a transaction sends one relation statement for all
	// types, 12,000 is the fastest (BENCHMARKS.md, "Store (issue 2)").
	TxRows int
	// WriteWorkers is how many write transactions a Write that spans
	// several transactions runs at once (default 2; 1 writes them one
	// after the other). A write transaction runs on one server thread;
	// see "Writes" in the package documentation for how concurrent ones
	// are kept apart.
	WriteWorkers int
}

// Store is a graph.Store backed by Neo4j.
type Store struct {
	driver neo4j.DriverWithContext
	cfg    Config
	// bookmarks is shared by every session and ExecuteQuery call of the
	// store (it is the driver's ExecuteQuery manager), so each
	// transaction starts after every transaction the store committed
	// before it: on a cluster, a read routed to a follower waits for the
	// write it follows (see "Clusters and Aura").
	bookmarks neo4j.BookmarkManager

	schemaMu sync.Mutex
	schemaOK bool

	queries sync.Map // cache key → query text
}

var _ graph.Store = (*Store)(nil)

// Open creates the driver. It does not wait for the server: call Ping (or
// WaitReady) to know it answers, so a server can start before its database.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = 10 * time.Second
	}
	if cfg.RowCap <= 0 {
		cfg.RowCap = 1000
	}
	if cfg.AnswerBytes <= 0 {
		cfg.AnswerBytes = 16 << 20
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 5000
	}
	if cfg.TxRows <= 0 {
		cfg.TxRows = 12000
	}
	if cfg.WriteWorkers <= 0 {
		cfg.WriteWorkers = 2
	}
	auth := neo4j.NoAuth()
	if cfg.Password != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	var opts []func(*config.Config)
	if cfg.CAFile != "" {
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("neo4j CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("neo4j CA file %s: no PEM certificate in it", cfg.CAFile)
		}
		opts = append(opts, func(c *config.Config) { c.TlsConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12} })
	}
	d, err := neo4j.NewDriverWithContext(cfg.URI, auth, opts...)
	if err != nil {
		return nil, fmt.Errorf("neo4j driver for %s: %w", cfg.URI, err)
	}
	return &Store{driver: d, cfg: cfg, bookmarks: d.ExecuteQueryBookmarkManager()}, nil
}

// Ping runs RETURN 1 on a reader (on a cluster: an API replica stays
// ready while the leader is being elected, reads go on meanwhile); it
// fails with graph.ErrUnavailable when no server answers.
func (s *Store) Ping(ctx context.Context) error {
	_, err := neo4j.ExecuteQuery(ctx, s.driver, "RETURN 1", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return fmt.Errorf("ping %s: %w: %w", s.cfg.URI, graph.ErrUnavailable, err)
	}
	return nil
}

// WaitReady pings until the server answers or ctx ends.
func (s *Store) WaitReady(ctx context.Context, every time.Duration) error {
	for {
		err := s.Ping(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return errors.Join(ctx.Err(), err)
		case <-time.After(every):
		}
	}
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// session opens a session on the configured database, routed by mode
// (reads to readers, writes to the leader on a cluster) and causally
// chained to the store's earlier transactions by its bookmark manager.
func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: mode,
		BookmarkManager: s.bookmarks})
}

// cypherSession opens the session RunReadOnly uses: the configured
// database, read access, and the console's own credentials when set.
func (s *Store) cypherSession(ctx context.Context) neo4j.SessionWithContext {
	sc := neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeRead,
		BookmarkManager: s.bookmarks}
	if s.cfg.CypherUser != "" {
		auth := neo4j.BasicAuth(s.cfg.CypherUser, s.cfg.CypherPassword, "")
		sc.Auth = &auth
	}
	return s.driver.NewSession(ctx, sc)
}

// read runs work in a managed read transaction with the query timeout.
func (s *Store) read(ctx context.Context, work func(tx neo4j.ManagedTransaction) (any, error)) (any, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	v, err := sess.ExecuteRead(ctx, work, neo4j.WithTxTimeout(s.cfg.QueryTimeout))
	if err != nil {
		return nil, mapError(err)
	}
	return v, nil
}

// cached returns the query stored under key, building it on first use.
func (s *Store) cached(key string, build func() string) string {
	if q, ok := s.queries.Load(key); ok {
		return q.(string)
	}
	q := build()
	s.queries.Store(key, q)
	return q
}
