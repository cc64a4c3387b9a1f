package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph"
)

func TestParseCypherParams(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want map[string]any
		err  string
	}{
		{"string", []string{"id=iran"}, map[string]any{"id": "iran"}, ""},
		{"int", []string{"n=5"}, map[string]any{"n": int64(5)}, ""},
		{"float", []string{"c=0.5"}, map[string]any{"c": 0.5}, ""},
		{"bool and list", []string{"b=true", "l=[1,\"x\"]"}, map[string]any{"b": true, "l": []any{int64(1), "x"}}, ""},
		{"quoted string", []string{`s="5"`}, map[string]any{"s": "5"}, ""},
		{"equals in value", []string{"q=a=b"}, map[string]any{"q": "a=b"}, ""},
		{"no equals", []string{"oops"}, nil, "want name=value"},
		{"empty name", []string{"=x"}, nil, "want name=value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseCypherParams(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tc.want {
				if g, w := strings.TrimSpace(cell(got[k], 0)), strings.TrimSpace(cell(v, 0)); g != w {
					t.Errorf("%s = %v (%T), want %v (%T)", k, got[k], got[k], v, v)
				}
				if _, isInt := v.(int64); isInt {
					if _, ok := got[k].(int64); !ok {
						t.Errorf("%s is %T, want int64", k, got[k])
					}
				}
			}
		})
	}
}

func TestPrintTable(t *testing.T) {
	res := graph.CypherResult{
		Columns: []string{"name", "n", "props"},
		Rows: [][]any{
			{"Ruritania", int64(3), map[string]any{"k": "v"}},
			{"A very long name that will be cut", nil, []any{1.5, "x\ty"}},
		},
		Truncated: true,
		Elapsed:   graph.Duration(1500 * time.Microsecond),
	}
	var b bytes.Buffer
	printTable(&b, res, 12)
	want := "" +
		"name          n     props\n" +
		"----          ---   -----\n" +
		"Ruritania     3     {\"k\":\"v\"}\n" +
		"A very long…  null  [1.5,\"x\\ty\"]\n" +
		"2 rows (truncated at the row cap), 1.5 ms\n"
	if b.String() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
