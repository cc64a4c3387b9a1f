package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/nexus-graph/nexus/graph"
)

func newCypherCmd() *cobra.Command {
	c := &config{}
	var (
		rawParams []string
		asJSON    bool
		width     int
	)
	cmd := &cobra.Command{
		Use:   "cypher 'QUERY'",
		Short: "Run a read-only Cypher query and print a table",
		Long: `Runs one read-only Cypher query (writes are refused by the database) and
prints the rows as a table. Parameters are passed with --param name=value;
a value that parses as JSON (numbers, true/false, lists, objects, quoted
strings) is passed as such, anything else as a string.`,
		Example: `  nexus cypher 'MATCH (e:Country) RETURN e.name, e.mentions ORDER BY e.mentions DESC LIMIT 5'
  nexus cypher 'MATCH (a:Entity {id: $id})-[r]-(b) RETURN type(r), b.name' --param id=iran`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := c.validate(); err != nil {
				return err
			}
			params, err := parseCypherParams(rawParams)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			store, err := openGraphStore(ctx, c)
			if err != nil {
				return err
			}
			defer store.Close(context.WithoutCancel(ctx))
			res, err := store.RunReadOnly(ctx, args[0], params)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(res)
			}
			printTable(cmd.OutOrStdout(), res, width)
			return nil
		},
	}
	bindConfig(cmd.Flags(), c)
	cmd.Flags().StringArrayVar(&rawParams, "param", nil, "query parameter name=value (repeatable)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON (the API's shape)")
	cmd.Flags().IntVar(&width, "width", 60, "cut cells longer than this many characters (0: never)")
	return cmd
}

// parseCypherParams reads name=value pairs.
func parseCypherParams(raw []string) (map[string]any, error) {
	out := map[string]any{}
	for _, kv := range raw {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("--param %q: want name=value", kv)
		}
		var val any = v
		dec := json.NewDecoder(strings.NewReader(v))
		dec.UseNumber()
		var j any
		if err := dec.Decode(&j); err == nil && !dec.More() {
			val = jsonParam(j)
		}
		out[strings.TrimSpace(k)] = val
	}
	return out, nil
}

// jsonParam converts JSON numbers to int64 when integral, float64 otherwise.
func jsonParam(v any) any {
	switch t := v.(type) {
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return i
		}
		f, _ := t.Float64()
		return f
	case []any:
		for i := range t {
			t[i] = jsonParam(t[i])
		}
	case map[string]any:
		for k := range t {
			t[k] = jsonParam(t[k])
		}
	}
	return v
}

// printTable writes the rows aligned under their column names.
func printTable(w io.Writer, res graph.CypherResult, width int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(res.Columns, "\t"))
	dashes := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		dashes[i] = strings.Repeat("-", max(3, len([]rune(c))))
	}
	fmt.Fprintln(tw, strings.Join(dashes, "\t"))
	for _, row := range res.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = cell(v, width)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	rows := "rows"
	if len(res.Rows) == 1 {
		rows = "row"
	}
	trunc := ""
	if res.Truncated {
		trunc = " (truncated at the row cap)"
	}
	fmt.Fprintf(w, "%d %s%s, %.1f ms\n", len(res.Rows), rows, trunc, float64(res.Elapsed)/1e6)
}

// cell renders one value on one line: strings as they are, anything else
// as compact JSON, tabs and newlines replaced.
func cell(v any, width int) string {
	var s string
	switch t := v.(type) {
	case nil:
		s = "null"
	case string:
		s = t
	case float64:
		s = strconv.FormatFloat(t, 'g', -1, 64)
	default:
		b, err := json.Marshal(t)
		if err != nil {
			s = fmt.Sprint(t)
		} else {
			s = string(b)
		}
	}
	s = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
	if r := []rune(s); width > 0 && len(r) > width {
		s = string(r[:width-1]) + "…"
	}
	return s
}
