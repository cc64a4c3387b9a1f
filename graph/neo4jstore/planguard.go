package neo4jstore

import (
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/nexus-graph/nexus/graph"
)

// The Cypher console's defence is the server's own plan for the query, not
// the query's spelling: escapes, comments, Unicode whitespace and CYPHER
// options are all resolved by the server before it plans, so whatever the
// text looked like, the plan says what will run. checkPlan accepts a plan
// only when every operator is a plain read from readOperators, every
// procedure is in allowedProcedures, and no expression can run unbounded
// inside one row (see checkExpressions), where the database's cooperative
// termination never looks.

// readOperators are the plan operators of plain reads (names without the
// "@database" suffix). Anything else — LoadCSV, Show*/Terminate* commands,
// AdministrationCommand, Create/Merge/Set/Delete, TransactionApply, Foreach
// writes — is refused.
var readOperators = setOf(
	"ProduceResults", "EmptyResult", "Argument", "Projection", "Filter", "Limit", "Skip", "Top", "Top1WithTies",
	"PartialTop", "Sort", "PartialSort", "Distinct", "OrderedDistinct", "EagerAggregation", "OrderedAggregation",
	"Aggregation", "NodeCountFromCountStore", "RelationshipCountFromCountStore", "Unwind", "Eager", "EmptyRow",
	"CacheProperties", "Optional", "Apply", "SemiApply", "AntiSemiApply", "SelectOrSemiApply",
	"SelectOrAntiSemiApply", "LetSemiApply", "LetAntiSemiApply", "LetSelectOrSemiApply",
	"LetSelectOrAntiSemiApply", "RollUpApply", "ConditionalApply", "AntiConditionalApply", "CartesianProduct",
	"Union", "OrderedUnion", "ValueHashJoin", "NodeHashJoin", "NodeLeftOuterHashJoin", "NodeRightOuterHashJoin",
	"AssertSameNode", "AssertSameRelationship", "SubqueryForeach", "NullifyMetadata",
	"AllNodesScan", "NodeByLabelScan", "NodeByIdSeek", "NodeByElementIdSeek", "IntersectionNodeByLabelsScan",
	"UnionNodeByLabelsScan", "SubtractionNodeByLabelsScan", "PartitionedAllNodesScan",
	"NodeIndexSeek", "NodeUniqueIndexSeek", "NodeIndexSeekByRange", "NodeUniqueIndexSeekByRange", "NodeIndexScan",
	"NodeIndexContainsScan", "NodeIndexEndsWithScan", "MultiNodeIndexSeek", "AssertingMultiNodeIndexSeek",
	"DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan", "DirectedRelationshipTypeScan",
	"UndirectedRelationshipTypeScan", "DirectedRelationshipByIdSeek", "UndirectedRelationshipByIdSeek",
	"DirectedRelationshipByElementIdSeek", "UndirectedRelationshipByElementIdSeek",
	"DirectedRelationshipIndexSeek", "UndirectedRelationshipIndexSeek", "DirectedRelationshipIndexScan",
	"UndirectedRelationshipIndexScan", "DirectedRelationshipIndexSeekByRange",
	"UndirectedRelationshipIndexSeekByRange", "DirectedRelationshipIndexContainsScan",
	"UndirectedRelationshipIndexContainsScan", "DirectedRelationshipIndexEndsWithScan",
	"UndirectedRelationshipIndexEndsWithScan", "DirectedUnionRelationshipTypesScan",
	"UndirectedUnionRelationshipTypesScan",
	"Expand(All)", "Expand(Into)", "OptionalExpand(All)", "OptionalExpand(Into)", "VarLengthExpand(All)",
	"VarLengthExpand(Into)", "VarLengthExpand(Pruning)", "VarLengthExpand(Pruning,BFS)", "BFSPruningVarExpand",
	"ShortestPath", "StatefulShortestPath(All)", "StatefulShortestPath(Into)", "Trail", "Repeat(Trail)",
	"ProjectEndpoints", "ProcedureCall",
)

// iterators are the expression forms that loop inside one row. The server
// checks for termination between rows, not inside these loops, so a
// timed-out query whose expression iterates a huge list keeps a core busy
// long after its answer: reduce is refused (an accumulator can grow without
// bound), and the others may not nest (one loop over a list is linear in
// the list; nested loops multiply).
var iterators = setOf("any", "all", "none", "single", "reduce")

// allowedFunctions are the functions a console query may call: each one's
// work and result are bounded by its arguments. range() is allowed only as
// the list of an UNWIND, where every element is a row the server can stop
// between; inside an expression it makes work from nothing.
var allowedFunctions = setOf(
	// aggregation
	"count", "collect", "sum", "avg", "min", "max", "stdev", "stdevp", "percentilecont", "percentiledisc",
	// graph
	"id", "elementid", "labels", "type", "keys", "properties", "nodes", "relationships", "startnode", "endnode",
	"length", "size", "exists", "shortestpath", "allshortestpaths",
	// scalar and list
	"coalesce", "head", "last", "tail", "isempty", "reverse", "nullif", "valuetype", "tostring", "tostringornull",
	"tointeger", "tointegerornull", "tofloat", "tofloatornull", "toboolean", "tobooleanornull", "tobooleanlist",
	"tofloatlist", "tointegerlist", "tostringlist", "randomuuid", "timestamp",
	// strings that do not grow
	"tolower", "toupper", "lower", "upper", "trim", "ltrim", "rtrim", "btrim", "left", "right", "substring", "split",
	"normalize",
	// numbers
	"abs", "ceil", "floor", "round", "sign", "rand", "sqrt", "exp", "log", "log10", "e", "pi", "sin", "cos", "tan",
	"asin", "acos", "atan", "atan2", "cot", "degrees", "radians", "haversin", "isnan",
	// time and space
	"date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "distance",
	"date.truncate", "datetime.truncate", "duration.between", "duration.inmonths", "duration.indays",
	"duration.inseconds", "point.distance", "point.withinbbox",
	// shortest-path rendering and the server's own helpers in plans
	"cache", "cachen", "cacher", "cachenhasproperty", "cacherhasproperty", "hasproperty", "haslabel", "hastype",
	"getdegree", "runtimeconstant",
)

// operatorWords are keywords that may stand before '(' without calling
// anything ("x IN (...)", "NOT (...)").
var operatorWords = setOf("and", "or", "xor", "not", "in", "where", "is", "as", "contains", "starts", "ends", "with",
	"case", "when", "then", "else", "distinct", "return", "match", "optional", "unwind", "order", "by", "asc", "desc",
	"limit", "skip", "null", "true", "false")

func setOf(ss ...string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[strings.ToLower(s)] = true
	}
	return m
}

// checkPlan walks an EXPLAIN plan and refuses what a read-only console
// must not run, with graph.ErrWriteRefused and a message that names the
// operator, procedure or function.
func checkPlan(p neo4j.Plan) error {
	if p == nil {
		return fmt.Errorf("query: the server returned no plan: %w", graph.ErrWriteRefused)
	}
	op := p.Operator()
	if i := strings.IndexByte(op, '@'); i >= 0 {
		op = op[:i]
	}
	if !readOperators[strings.ToLower(op)] {
		return fmt.Errorf("query: %s is not a plain read and is not allowed here: %w", describeOperator(op), graph.ErrWriteRefused)
	}
	details, _ := p.Arguments()["Details"].(string)
	switch op {
	case "ProcedureCall":
		name := details
		if i := strings.IndexByte(name, '('); i >= 0 {
			name = name[:i]
		}
		name = strings.TrimSpace(name)
		if !allowedProcedures[strings.ToLower(name)] {
			return fmt.Errorf("query: procedure %s is not allowed (allowed: %s): %w", name, allowedProcedureList(), graph.ErrWriteRefused)
		}
		details = strings.TrimPrefix(details, name) // its arguments are expressions like any other
	case "Unwind":
		// "range(...) AS x": the range itself is allowed as the source of
		// rows; its arguments are still checked.
		if inner, ok := strings.CutPrefix(details, "range("); ok {
			details = "(" + inner
		}
	}
	if err := checkExpressions(details); err != nil {
		return err
	}
	for _, c := range p.Children() {
		if err := checkPlan(c); err != nil {
			return err
		}
	}
	return nil
}

// describeOperator names an operator for the analyst.
func describeOperator(op string) string {
	switch {
	case op == "LoadCSV":
		return "LOAD CSV"
	case strings.HasPrefix(op, "Show"), strings.HasPrefix(op, "Terminate"), op == "AdministrationCommand":
		return "an administration command (" + op + ")"
	}
	return "the operation " + op
}

func allowedProcedureList() string {
	names := make([]string, 0, len(allowedProcedures))
	for n := range allowedProcedures {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// checkExpressions reads the server's rendering of an operator's
// expressions ("size(reduce(s = $autostring_1, x IN range(...) | s + ...))")
// and refuses functions outside allowedFunctions, reduce, and iterators
// nested in iterators. Literal strings are parameters in the rendering
// ($autostring_0) and `quoted` names are skipped, so an analyst's data
// cannot trip it.
func checkExpressions(details string) error {
	if details == "" {
		return nil
	}
	toks, err := tokenize(details)
	if err != nil {
		// The server renders well-formed text; if it does not tokenize, do
		// not guess what it contains.
		return fmt.Errorf("query: the server's plan could not be checked: %w", graph.ErrWriteRefused)
	}
	type frame struct {
		open rune
		loop bool
	}
	var stack []frame
	loops := 0
	for i, t := range toks {
		next := func(k int) token {
			if i+k < len(toks) {
				return toks[i+k]
			}
			return token{kind: tokPunct}
		}
		switch {
		case t.kind == tokWord && t.quoted:
			continue
		case t.kind == tokWord && next(1).kind == tokPunct && next(1).text == "(" && !operatorWords[strings.ToLower(t.text)]:
			name := strings.ToLower(t.text)
			// Dotted names: date.truncate, db.x — join the parts before '('.
			for k := i; k >= 2 && toks[k-1].kind == tokPunct && toks[k-1].text == "." && toks[k-2].kind == tokWord; k -= 2 {
				name = strings.ToLower(toks[k-2].text) + "." + name
			}
			if i > 0 && toks[i-1].kind == tokPunct && strings.Contains(":|&", toks[i-1].text) {
				continue // a label or type with its indexed property: "n:Entity(id)"
			}
			if name == "reduce" {
				return fmt.Errorf("query: reduce() is not allowed in the console (it can run unbounded inside one row): %w", graph.ErrWriteRefused)
			}
			if name == "range" {
				return fmt.Errorf("query: range() is allowed only as the list of an UNWIND: %w", graph.ErrWriteRefused)
			}
			if !iterators[name] && !allowedFunctions[name] {
				return fmt.Errorf("query: function %s() is not allowed in the console: %w", t.text, graph.ErrWriteRefused)
			}
			loop := iterators[name] && next(2).kind == tokWord && next(3).is("IN")
			if loop {
				if loops > 0 {
					return fmt.Errorf("query: nested list iteration is not allowed in the console: %w", graph.ErrWriteRefused)
				}
				loops++
			}
			stack = append(stack, frame{open: '(', loop: loop})
			// skip the '(' token itself
		case t.kind == tokPunct && (t.text == "(" || t.text == "[" || t.text == "{"):
			if i > 0 && toks[i-1].kind == tokWord && t.text == "(" && !toks[i-1].quoted && !operatorWords[strings.ToLower(toks[i-1].text)] {
				continue // opened by the function call above
			}
			// "[x IN list ...]" is a list comprehension, "[(a)-->(b) | ...]"
			// a pattern comprehension: both loop.
			loop := t.text == "[" && ((next(1).kind == tokWord && next(2).is("IN")) || (next(1).kind == tokPunct && next(1).text == "("))
			if loop {
				if loops > 0 {
					return fmt.Errorf("query: nested list iteration is not allowed in the console: %w", graph.ErrWriteRefused)
				}
				loops++
			}
			stack = append(stack, frame{open: []rune(t.text)[0], loop: loop})
		case t.kind == tokPunct && (t.text == ")" || t.text == "]" || t.text == "}"):
			if len(stack) == 0 {
				continue
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if f.loop {
				loops--
			}
		}
	}
	return nil
}
