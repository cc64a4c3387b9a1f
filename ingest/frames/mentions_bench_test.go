package frames

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// BenchmarkFindMentions: a 1.2 MB document naming 500 organisations, with
// non-ASCII text between them (the size a long PDF report reaches).
func BenchmarkFindMentions(b *testing.B) {
	var ents []graph.Entity
	var sb strings.Builder
	for i := range 500 {
		name := fmt.Sprintf("Kestrel Trading %d Ltd", i)
		ents = append(ents, graph.Entity{ID: graph.EntityID(name), Name: name, Aliases: []string{fmt.Sprintf("KT%d", i)}})
	}
	for sb.Len() < 1200<<10 {
		i := sb.Len() % 500
		fmt.Fprintf(&sb, "Über Nacht lieferte Kestrel Trading %d Ltd (KT%d) Teile — an %s. ", i, i, ents[(i+7)%500].Name)
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if len(FindMentions(text, ents)) == 0 {
			b.Fatal("no mentions")
		}
	}
}
