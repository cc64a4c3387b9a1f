package frames

import (
	"os"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

func TestZZDebug(t *testing.T) {
	text := os.Getenv("SENT")
	if text == "" {
		t.Skip("SENT not set")
	}
	var es []ent
	for _, f := range strings.Split(os.Getenv("ENTS"), ";") {
		if k, v, ok := strings.Cut(f, ":"); ok {
			es = append(es, ent{k, graph.EntityType(v)})
		}
	}
	p := parse(t, text)
	for i, tk := range p.Tokens {
		t.Logf("%d %s %s %s %s head=%d ent=%s", i, tk.Text, tk.Lemma, tk.POS, tk.Dep, tk.Head, tk.EntType)
	}
	for _, r := range relations(t, loadSeedFrames(t), text, entities(es...)) {
		t.Log("REL", r)
	}
}
