package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/ingest"
	"github.com/nexus-graph/nexus/ingest/extract"
)

// extractFlags are the options of `nexus extract`.
type extractFlags struct {
	asJSON      bool
	lexiconDir  string
	maxFileSize int64
}

func newExtractCmd() *cobra.Command {
	f := &extractFlags{}
	cmd := &cobra.Command{
		Use:   "extract [--json] FILE|DIR...",
		Short: "Print the entities and relations found in documents, without a database",
		Long: `Reads documents (.txt, .md, .html, .pdf; directories are walked, hidden
files skipped), extracts entities and typed relations with their evidence
sentences, and prints them: a table, or with --json one JSON object
{documents, entities, relations} (document text left out). Files that cannot
be read are reported on stderr, one line each; the others are still printed
and the exit status is 1.`,
		Example: `  nexus extract seeds/documents
  nexus extract --json report.pdf notes.md > extraction.json
  nexus extract --lexicon-dir ./my-lexicon briefing.txt`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			x, err := loadExtractor(f.lexiconDir)
			if err != nil {
				return err
			}
			p := &ingest.Pipeline{Extractor: x, MaxFileSize: f.maxFileSize}
			stop, err := withLanguage(cmd.Context(), slog.Default(), p, 0)
			if err != nil {
				return err
			}
			defer stop()
			out, errs := p.ExtractPaths(cmd.Context(), args)
			if f.asJSON {
				if err := writeExtractionJSON(cmd.OutOrStdout(), out); err != nil {
					return err
				}
			} else if err := writeExtractionTable(cmd.OutOrStdout(), out); err != nil {
				return err
			}
			for _, e := range errs {
				fmt.Fprintln(cmd.ErrOrStderr(), e.Error())
			}
			if len(errs) > 0 {
				return fmt.Errorf("%d file(s) could not be read", len(errs))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&f.asJSON, "json", false, "print one JSON object instead of a table")
	cmd.Flags().StringVar(&f.lexiconDir, "lexicon-dir", "", "directory with an analyst's gazetteer.yaml/lexicon.yaml (default: the embedded ones)")
	cmd.Flags().Int64Var(&f.maxFileSize, "max-file-size", ingest.DefaultMaxFileSize, "largest file read, in bytes")
	return cmd
}

// loadExtractor returns the embedded extractor, or one built from dir.
func loadExtractor(dir string) (*extract.Extractor, error) {
	if dir == "" {
		x, err := extract.Default()
		if err != nil {
			return nil, fmt.Errorf("load embedded lexicon: %w", err)
		}
		return x, nil
	}
	x, err := extract.LoadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("--lexicon-dir %s: %w", dir, err)
	}
	return x, nil
}

// The JSON shape of `nexus extract --json`. It is spelled out here, not
// borrowed from graph's types, so it stays stable: every list is present
// (possibly empty) and document text is left out.
type (
	extractJSON struct {
		Documents []extractDocJSON `json:"documents"`
		Entities  []extractEntJSON `json:"entities"`
		Relations []extractRelJSON `json:"relations"`
	}
	extractDocJSON struct {
		ID     string `json:"id"`
		Title  string `json:"title"`
		Path   string `json:"path"`
		Format string `json:"format"`
		Chars  int    `json:"chars"`
	}
	extractEntJSON struct {
		ID         string           `json:"id"`
		Name       string           `json:"name"`
		Type       graph.EntityType `json:"type"`
		Aliases    []string         `json:"aliases"`
		Mentions   int              `json:"mentions"`
		Properties map[string]any   `json:"properties,omitempty"`
	}
	extractRelJSON struct {
		ID         string             `json:"id"`
		Source     string             `json:"source"`
		Target     string             `json:"target"`
		Type       graph.RelationType `json:"type"`
		Confidence float64            `json:"confidence"`
		Properties map[string]any     `json:"properties"`
		Evidence   []graph.Evidence   `json:"evidence"`
	}
)

// extractionJSON converts an extraction into the stable output shape,
// sorted: documents by path, entities by id, relations by source, type,
// target, evidence by document and offset.
func extractionJSON(x graph.Extraction) extractJSON {
	out := extractJSON{
		Documents: make([]extractDocJSON, 0, len(x.Documents)),
		Entities:  make([]extractEntJSON, 0, len(x.Entities)),
		Relations: make([]extractRelJSON, 0, len(x.Relations)),
	}
	for _, d := range x.Documents {
		out.Documents = append(out.Documents, extractDocJSON{ID: d.ID, Title: d.Title, Path: d.Path, Format: d.Format, Chars: d.Chars})
	}
	sort.SliceStable(out.Documents, func(i, j int) bool { return out.Documents[i].Path < out.Documents[j].Path })
	for _, e := range x.Entities {
		aliases := append([]string{}, e.Aliases...)
		out.Entities = append(out.Entities, extractEntJSON{ID: e.ID, Name: e.Name, Type: e.Type, Aliases: aliases, Mentions: e.Mentions, Properties: e.Properties})
	}
	sort.Slice(out.Entities, func(i, j int) bool { return out.Entities[i].ID < out.Entities[j].ID })
	rels := slices.Clone(x.Relations)
	slices.SortStableFunc(rels, graph.CompareRelations)
	for _, r := range rels {
		props := r.Properties
		if props == nil {
			props = map[string]any{}
		}
		ev := append([]graph.Evidence{}, r.Evidence...)
		sort.SliceStable(ev, func(i, j int) bool {
			if ev[i].DocumentID != ev[j].DocumentID {
				return ev[i].DocumentID < ev[j].DocumentID
			}
			return ev[i].Start < ev[j].Start
		})
		out.Relations = append(out.Relations, extractRelJSON{ID: r.ID, Source: r.Source, Target: r.Target, Type: r.Type,
			Confidence: r.Confidence, Properties: props, Evidence: ev})
	}

	return out
}

func writeExtractionJSON(w io.Writer, x graph.Extraction) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(extractionJSON(x))
}

// writeExtractionTable prints documents, entities and relations as
// aligned tables.
func writeExtractionTable(w io.Writer, x graph.Extraction) error {
	j := extractionJSON(x)
	names := make(map[string]string, len(j.Entities))
	for _, e := range j.Entities {
		names[e.ID] = e.Name
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "DOCUMENTS (%d)\n", len(j.Documents))
	fmt.Fprintln(tw, "ID\tFORMAT\tCHARS\tTITLE\tPATH")
	for _, d := range j.Documents {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", d.ID, d.Format, d.Chars, extractClip(d.Title, 50), d.Path)
	}
	fmt.Fprintf(tw, "\nENTITIES (%d)\n", len(j.Entities))
	fmt.Fprintln(tw, "NAME\tTYPE\tMENTIONS\tID\tALIASES")
	ents := append([]extractEntJSON(nil), j.Entities...)
	sort.SliceStable(ents, func(a, b int) bool {
		if ents[a].Mentions != ents[b].Mentions {
			return ents[a].Mentions > ents[b].Mentions
		}
		return ents[a].ID < ents[b].ID
	})
	for _, e := range ents {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", e.Name, e.Type, e.Mentions, e.ID, extractClip(strings.Join(e.Aliases, ", "), 40))
	}
	fmt.Fprintf(tw, "\nRELATIONS (%d)\n", len(j.Relations))
	fmt.Fprintln(tw, "SOURCE\tTYPE\tTARGET\tCONF\tEVIDENCE\tFIRST SENTENCE")
	for _, r := range j.Relations {
		first := ""
		if len(r.Evidence) > 0 {
			first = r.Evidence[0].Sentence
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%d\t%s\n", extractName(names, r.Source), r.Type, extractName(names, r.Target),
			r.Confidence, len(r.Evidence), extractClip(first, 70))
	}
	return tw.Flush()
}

func extractName(names map[string]string, id string) string {
	if n, ok := names[id]; ok && n != "" {
		return n
	}
	return id
}

// extractClip shortens s to at most n runes, on one line.
func extractClip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
