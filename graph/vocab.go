package graph

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// EntityType is the kind of thing a node stands for. It doubles as the
// node's second Neo4j label (every node is also an :Entity).
type EntityType string

// The entity types Nexus knows. The set is closed: stores and APIs refuse
// anything else, which keeps label names out of reach of request strings.
const (
	Person       EntityType = "Person"
	Organization EntityType = "Organization"
	Country      EntityType = "Country"
	Location     EntityType = "Location"
	Event        EntityType = "Event"
	Item         EntityType = "Item"
	Vessel       EntityType = "Vessel"
)

// EntityTypes lists every entity type in display order.
var entityTypes = []EntityType{Person, Organization, Country, Location, Event, Item, Vessel}

// EntityTypes returns every entity type in display order.
func EntityTypes() []EntityType { return append([]EntityType(nil), entityTypes...) }

// Valid reports whether t is one of the known entity types.
func (t EntityType) Valid() bool {
	for _, k := range entityTypes {
		if k == t {
			return true
		}
	}
	return false
}

// typePrecedence ranks the entity types for documents that disagree on
// an entity's type, highest first: the narrower type wins over the one it
// is a kind of (a Country is a Location, a Vessel an Item), and where
// neither contains the other the order is simply fixed. An entity's type
// is the highest any document gave it, so the same documents give the same
// type in whatever order (and by however many writers) they are stored.
var typePrecedence = []EntityType{Country, Vessel, Person, Organization, Event, Item, Location}

// Outranks reports whether an entity that documents call both t and u
// takes t (see typePrecedence). An unknown type outranks nothing and is
// outranked by every known one.
func (t EntityType) Outranks(u EntityType) bool {
	rt, ru := slices.Index(typePrecedence, t), slices.Index(typePrecedence, u)
	return rt >= 0 && (ru < 0 || rt < ru)
}

// TypesByPrecedence returns the entity types highest first (see
// typePrecedence).
func TypesByPrecedence() []EntityType { return slices.Clone(typePrecedence) }

// Outranked returns the types t outranks, in precedence order.
func (t EntityType) Outranked() []EntityType {
	var out []EntityType
	for _, u := range typePrecedence {
		if t.Outranks(u) {
			out = append(out, u)
		}
	}
	return out
}

// PreferType returns the type an entity takes when documents call it a
// and b: the one that outranks the other (a when they are equal).
func PreferType(a, b EntityType) EntityType {
	if b.Outranks(a) {
		return b
	}
	return a
}

// ParseEntityType accepts a type name in any case ("person", "PERSON").
func ParseEntityType(s string) (EntityType, error) {
	for _, k := range entityTypes {
		if strings.EqualFold(string(k), strings.TrimSpace(s)) {
			return k, nil
		}
	}
	return "", fmt.Errorf("entity type %q: %w (known: %s)", s, ErrInvalid, joinTypes(entityTypes))
}

// RelationType is a typed edge. It becomes a real Neo4j relationship type,
// so it is only ever put into query text after Valid has said yes.
type RelationType string

// The relation vocabulary. Keep it in one place: ingest, store, API and UI
// all read it from here (the UI through /api/schema).
const (
	Supplies       RelationType = "SUPPLIES"
	TradesWith     RelationType = "TRADES_WITH"
	Finances       RelationType = "FINANCES"
	Supports       RelationType = "SUPPORTS"
	AlliedWith     RelationType = "ALLIED_WITH"
	CooperatesWith RelationType = "COOPERATES_WITH"
	LinkedTo       RelationType = "LINKED_TO"
	PartOf         RelationType = "PART_OF"
	Leads          RelationType = "LEADS"
	MemberOf       RelationType = "MEMBER_OF"
	Praised        RelationType = "PRAISED"
	Opposes        RelationType = "OPPOSES"
	Attacked       RelationType = "ATTACKED"
	Intercepted    RelationType = "INTERCEPTED"
	Sanctioned     RelationType = "SANCTIONED"
	Produces       RelationType = "PRODUCES"
	DeployedTo     RelationType = "DEPLOYED_TO"
	Operates       RelationType = "OPERATES"
	LocatedIn      RelationType = "LOCATED_IN"
	MentionedWith  RelationType = "MENTIONED_WITH"
)

// RelationSpec describes one relation type of the vocabulary.
type RelationSpec struct {
	Type RelationType `json:"type"`
	// Symmetric relations mean the same read in either direction; stores
	// keep one edge per unordered pair and queries ignore direction.
	Symmetric bool `json:"symmetric"`
	// Weak relations (co-occurrence) are hidden by default in the viewer.
	Weak        bool   `json:"weak"`
	Description string `json:"description"`
}

var vocabulary = []RelationSpec{
	{Type: Supplies, Description: "source supplies, sells, ships or transfers items or personnel to target"},
	{Type: TradesWith, Symmetric: true, Description: "commercial exchange between the two"},
	{Type: Finances, Description: "source funds or pays target"},
	{Type: Supports, Description: "source backs, assists or supports target"},
	{Type: AlliedWith, Symmetric: true, Description: "the two are allies"},
	{Type: CooperatesWith, Symmetric: true, Description: "the two cooperate or work together"},
	{Type: LinkedTo, Symmetric: true, Description: "a link or tie between the two, of unspecified kind"},
	{Type: PartOf, Description: "source is a unit, subsidiary or agency of target"},
	{Type: Leads, Description: "source (a person) leads, heads or rules target"},
	{Type: MemberOf, Description: "source is a member of target"},
	{Type: Praised, Description: "source praised or congratulated target"},
	{Type: Opposes, Description: "source opposes, condemns or fights target"},
	{Type: Attacked, Description: "source attacked or struck target"},
	{Type: Intercepted, Description: "source seized, intercepted or stopped target"},
	{Type: Sanctioned, Description: "source sanctioned, designated or blacklisted target"},
	{Type: Produces, Description: "source makes or develops target (an item)"},
	{Type: DeployedTo, Description: "source (troops, advisers, items) was sent or deployed to target"},
	{Type: Operates, Description: "source operates, owns or controls target"},
	{Type: LocatedIn, Description: "source is based or located in target"},
	{Type: MentionedWith, Symmetric: true, Weak: true, Description: "named in the same sentence (co-occurrence, weak)"},
}

// Vocabulary returns the relation vocabulary in a stable order.
func Vocabulary() []RelationSpec { return append([]RelationSpec(nil), vocabulary...) }

// RelationTypes returns every relation type in vocabulary order.
func RelationTypes() []RelationType {
	out := make([]RelationType, len(vocabulary))
	for i, s := range vocabulary {
		out[i] = s.Type
	}
	return out
}

// Spec returns the vocabulary entry for t and whether it exists.
func (t RelationType) Spec() (RelationSpec, bool) {
	for _, s := range vocabulary {
		if s.Type == t {
			return s, true
		}
	}
	return RelationSpec{}, false
}

// Valid reports whether t is in the vocabulary. Only valid types may be
// written into Cypher text.
func (t RelationType) Valid() bool { _, ok := t.Spec(); return ok }

// Symmetric reports whether t reads the same in both directions.
func (t RelationType) Symmetric() bool { s, _ := t.Spec(); return s.Symmetric }

// ParseRelationType accepts a relation type in any case, with '-' or ' '
// standing for '_' ("supplies", "allied-with").
func ParseRelationType(s string) (RelationType, error) {
	norm := strings.ToUpper(strings.NewReplacer("-", "_", " ", "_").Replace(strings.TrimSpace(s)))
	if t := RelationType(norm); t.Valid() {
		return t, nil
	}
	return "", fmt.Errorf("relation type %q: %w (known: %s)", s, ErrInvalid, joinTypes(RelationTypes()))
}

func joinTypes[T ~string](ts []T) string {
	ss := make([]string, len(ts))
	for i, t := range ts {
		ss[i] = string(t)
	}
	sort.Strings(ss)
	return strings.Join(ss, ", ")
}
