package neo4jstore

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/nexus-graph/nexus/graph"
)

// Procedures analysts may CALL from RunReadOnly: schema introspection and
// full-text search. Everything else (dbms.*, db.create*, plugins) is
// refused before the query reaches the server.
var allowedProcedures = map[string]bool{
	"db.labels":                            true,
	"db.relationshiptypes":                 true,
	"db.propertykeys":                      true,
	"db.schema.visualization":              true,
	"db.schema.nodetypeproperties":         true,
	"db.schema.reltypeproperties":          true,
	"db.index.fulltext.querynodes":         true,
	"db.index.fulltext.queryrelationships": true,
}

// Statements that are administration whatever EXPLAIN would say.
var adminFirstWords = map[string]bool{
	"SHOW": true, "GRANT": true, "DENY": true, "REVOKE": true, "ALTER": true, "DROP": true,
	"START": true, "STOP": true, "TERMINATE": true, "CREATE": true, "RENAME": true, "ENABLE": true,
	"DEALLOCATE": true, "REALLOCATE": true, "DRYRUN": true,
}

type tokKind int

const (
	tokWord tokKind = iota // keyword or identifier, `quoted` included
	tokString
	tokPunct
	tokNumber
	tokParam
)

type token struct {
	kind tokKind
	text string // words: as written (backticks removed); punct: the char
	pos  int    // rune offset of the token in the query
	// quoted marks a `quoted` name: never a keyword or a function.
	quoted bool
}

// tokenize splits Cypher into tokens, dropping comments and whitespace.
// It is only as precise as the guard needs: strings, `quoted` names,
// comments and punctuation are told apart.
func tokenize(q string) ([]token, error) {
	var out []token
	rs := []rune(q)
	for i := 0; i < len(rs); {
		c := rs[i]
		switch {
		case unicode.IsSpace(c):
			i++
		case c == '/' && i+1 < len(rs) && rs[i+1] == '/':
			for i < len(rs) && rs[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(rs) && rs[i+1] == '*':
			end := strings.Index(string(rs[i+2:]), "*/")
			if end < 0 {
				return nil, fmt.Errorf("unterminated comment: %w", graph.ErrQuerySyntax)
			}
			i += 2 + len([]rune(string(rs[i+2:])[:end])) + 2
		case c == '\'' || c == '"':
			j := i + 1
			for ; j < len(rs) && rs[j] != c; j++ {
				if rs[j] == '\\' {
					j++
				}
			}
			if j >= len(rs) {
				return nil, fmt.Errorf("unterminated string: %w", graph.ErrQuerySyntax)
			}
			out = append(out, token{kind: tokString, text: string(rs[i+1 : j]), pos: i})
			i = j + 1
		case c == '`':
			var b strings.Builder
			j := i + 1
			for ; j < len(rs); j++ {
				if rs[j] == '`' {
					if j+1 < len(rs) && rs[j+1] == '`' { // escaped backtick
						b.WriteRune('`')
						j++
						continue
					}
					break
				}
				b.WriteRune(rs[j])
			}
			if j >= len(rs) {
				return nil, fmt.Errorf("unterminated `name`: %w", graph.ErrQuerySyntax)
			}
			out = append(out, token{kind: tokWord, text: b.String(), pos: i, quoted: true})
			i = j + 1
		case c == '$':
			j := i + 1
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_') {
				j++
			}
			out = append(out, token{kind: tokParam, text: string(rs[i:j]), pos: i})
			i = j
		case unicode.IsLetter(c) || c == '_':
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_') {
				j++
			}
			out = append(out, token{kind: tokWord, text: string(rs[i:j]), pos: i})
			i = j
		case unicode.IsDigit(c):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_' || rs[j] == '.') {
				j++
			}
			out = append(out, token{kind: tokNumber, text: string(rs[i:j]), pos: i})
			i = j
		default:
			out = append(out, token{kind: tokPunct, text: string(c), pos: i})
			i++
		}
	}
	return out, nil
}

func (t token) is(word string) bool {
	return t.kind == tokWord && !t.quoted && strings.EqualFold(t.text, word)
}

// guard refuses, before anything is sent to the server, what EXPLAIN's
// query type cannot be trusted with: several statements, administration
// commands, procedures outside allowedProcedures, LOAD CSV, USE and
// CALL {} IN TRANSACTIONS. It returns the query without a trailing ';'.
func guard(q string) (string, error) {
	toks, err := tokenize(q)
	if err != nil {
		return "", err
	}
	if len(toks) == 0 {
		return "", fmt.Errorf("query: empty: %w", graph.ErrInvalid)
	}
	for i, t := range toks {
		if t.kind == tokPunct && t.text == ";" {
			if i != len(toks)-1 {
				return "", fmt.Errorf("query: only one statement is allowed: %w", graph.ErrInvalid)
			}
			q = string([]rune(q)[:t.pos])
			toks = toks[:i]
		}
	}
	if len(toks) == 0 {
		return "", fmt.Errorf("query: empty: %w", graph.ErrInvalid)
	}
	first := toks[0]
	if first.is("EXPLAIN") || first.is("PROFILE") {
		return "", fmt.Errorf("query: EXPLAIN and PROFILE are not supported here: %w", graph.ErrInvalid)
	}
	if first.kind == tokWord && adminFirstWords[strings.ToUpper(first.text)] {
		return "", fmt.Errorf("query: %s statements are not allowed: %w", strings.ToUpper(first.text), graph.ErrWriteRefused)
	}
	prevDot := func(i int) bool { return i > 0 && toks[i-1].kind == tokPunct && toks[i-1].text == "." }
	for i, t := range toks {
		if t.kind != tokWord || prevDot(i) {
			continue
		}
		next := func(k int) token {
			if i+k < len(toks) {
				return toks[i+k]
			}
			return token{kind: tokPunct}
		}
		switch {
		case t.is("LOAD") && next(1).is("CSV"):
			return "", fmt.Errorf("query: LOAD CSV is not allowed: %w", graph.ErrWriteRefused)
		case t.is("USE"):
			return "", fmt.Errorf("query: USE is not allowed: %w", graph.ErrWriteRefused)
		case t.is("IN") && next(1).is("TRANSACTIONS"):
			return "", fmt.Errorf("query: CALL { } IN TRANSACTIONS is not allowed: %w", graph.ErrWriteRefused)
		case t.is("CALL") && next(1).kind == tokWord:
			name := []string{next(1).text}
			for k := 2; next(k).kind == tokPunct && next(k).text == "." && next(k+1).kind == tokWord; k += 2 {
				name = append(name, next(k+1).text)
			}
			full := strings.Join(name, ".")
			if !allowedProcedures[strings.ToLower(full)] {
				return "", fmt.Errorf("query: procedure %s is not allowed: %w", full, graph.ErrWriteRefused)
			}
		}
	}
	return q, nil
}
