package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nexus-graph/nexus/graph"
)

// pathFlags are the options of `nexus path`.
type pathFlags struct {
	mode          string
	k             int
	maxHops       int
	rels          []string
	minConfidence float64
	includeWeak   bool
	asJSON        bool
}

func newPathCmd() *cobra.Command {
	c := &config{}
	f := &pathFlags{}
	cmd := &cobra.Command{
		Use:   "path FROM TO",
		Short: "Print how two entities are connected, with the evidence of each hop",
		Long: `Prints the paths between two entities, each hop with the sentences that
support it. FROM and TO are entity ids or names ("Iran", "bashar-al-assad");
a name that is not an id is looked up by full-text search.`,
		Example: `  nexus path Iran Hezbollah
  nexus path iran hezbollah --mode k --k 3 --max-hops 5 --rel SUPPLIES,FINANCES`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := c.validate(); err != nil {
				return err
			}
			q, err := f.query(args[0], args[1])
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			store, err := openGraphStore(ctx, c)
			if err != nil {
				return err
			}
			defer store.Close(context.WithoutCancel(ctx))
			return runPath(ctx, store, q, f.asJSON, cmd.OutOrStdout())
		},
	}
	bindConfig(cmd.Flags(), c)
	cmd.Flags().StringVar(&f.mode, "mode", "shortest", "shortest, all_shortest or k")
	cmd.Flags().IntVar(&f.k, "k", 3, "number of paths for --mode k (1..10)")
	cmd.Flags().IntVar(&f.maxHops, "max-hops", 4, "longest path in hops (1..6)")
	cmd.Flags().StringSliceVar(&f.rels, "rel", nil, "only these relation types (comma-separated)")
	cmd.Flags().Float64Var(&f.minConfidence, "min-confidence", 0, "ignore relations below this confidence (0..1)")
	cmd.Flags().BoolVar(&f.includeWeak, "include-weak", false, "also walk MENTIONED_WITH (co-occurrence)")
	cmd.Flags().BoolVar(&f.asJSON, "json", false, "print the paths as JSON (the API's shape)")
	return cmd
}

// query validates the flags into a graph.PathQuery.
func (f *pathFlags) query(from, to string) (graph.PathQuery, error) {
	q := graph.PathQuery{From: from, To: to, K: f.k, MaxHops: f.maxHops,
		Filter: graph.Filter{MinConfidence: f.minConfidence, IncludeWeak: f.includeWeak}}
	switch strings.ToLower(f.mode) {
	case "shortest":
		q.Mode, q.K = graph.Shortest, 1
	case "all_shortest", "all-shortest":
		q.Mode, q.K = graph.AllShortest, 1
	case "k":
		q.Mode = graph.KShortest
	default:
		return q, fmt.Errorf("--mode %q: want shortest, all_shortest or k", f.mode)
	}
	if q.K < 1 || q.K > 10 {
		return q, fmt.Errorf("--k %d: must be 1..10", f.k)
	}
	if q.MaxHops < 1 || q.MaxHops > 6 {
		return q, fmt.Errorf("--max-hops %d: must be 1..6", f.maxHops)
	}
	if q.Filter.MinConfidence < 0 || q.Filter.MinConfidence > 1 {
		return q, fmt.Errorf("--min-confidence %v: must be 0..1", f.minConfidence)
	}
	for _, r := range f.rels {
		t, err := graph.ParseRelationType(r)
		if err != nil {
			return q, fmt.Errorf("--rel: %w", err)
		}
		q.Filter.RelationTypes = append(q.Filter.RelationTypes, t)
	}
	return q, nil
}

func runPath(ctx context.Context, r graph.Reader, q graph.PathQuery, asJSON bool, w io.Writer) error {
	from, err := graph.ResolveEntity(ctx, r, q.From)
	if err != nil {
		return fmt.Errorf("FROM: %w", err)
	}
	to, err := graph.ResolveEntity(ctx, r, q.To)
	if err != nil {
		return fmt.Errorf("TO: %w", err)
	}
	q.From, q.To = from.ID, to.ID
	paths, err := r.Paths(ctx, q)
	if err != nil {
		return fmt.Errorf("paths %s → %s: %w", from.Name, to.Name, err)
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if paths == nil {
			paths = []graph.Path{}
		}
		return enc.Encode(map[string]any{"paths": paths})
	}
	if len(paths) == 0 {
		fmt.Fprintf(w, "No path from %s to %s within %d hops.\n", from.Name, to.Name, q.MaxHops)
		return nil
	}
	for i, p := range paths {
		printPath(w, i+1, p)
	}
	return nil
}

// printPath writes one path, hop by hop, each with its evidence sentences.
func printPath(w io.Writer, n int, p graph.Path) {
	hops := "hops"
	if p.Len() == 1 {
		hops = "hop"
	}
	fmt.Fprintf(w, "Path %d (%d %s)\n", n, p.Len(), hops)
	if len(p.Nodes) == 0 {
		return
	}
	fmt.Fprintf(w, "  %s (%s)\n", p.Nodes[0].Name, p.Nodes[0].Type)
	for i, e := range p.Edges {
		if i+1 >= len(p.Nodes) {
			break
		}
		next := p.Nodes[i+1]
		arrow := fmt.Sprintf("-[%s %.2f]->", e.Type, e.Confidence)
		if e.Source != p.Nodes[i].ID && !e.Type.Symmetric() {
			arrow = fmt.Sprintf("<-[%s %.2f]-", e.Type, e.Confidence)
		} else if e.Type.Symmetric() {
			arrow = fmt.Sprintf("-[%s %.2f]-", e.Type, e.Confidence)
		}
		fmt.Fprintf(w, "    %s %s (%s)\n", arrow, next.Name, next.Type)
		for _, ev := range e.Evidence {
			src := ev.DocumentTitle
			if src == "" {
				src = ev.DocumentID
			}
			fmt.Fprintf(w, "        “%s” — %s [%d:%d]\n", strings.TrimSpace(ev.Sentence), src, ev.Start, ev.End)
		}
		if len(e.Evidence) == 0 && e.EvidenceCount > 0 {
			fmt.Fprintf(w, "        (%d evidence sentences)\n", e.EvidenceCount)
		}
	}
	fmt.Fprintln(w)
}
