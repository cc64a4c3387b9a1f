package extract

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// benchCorpus builds a deterministic corpus of at least size bytes from
// sentence templates filled with curated and invented names.
func benchCorpus(size int) string {
	rng := rand.New(rand.NewSource(42))
	states := []string{"North Korea", "Syria", "Iran", "Russia", "China", "Lebanon", "Yemen", "Egypt", "Pyongyang", "Tehran", "Damascus"}
	orgs := []string{"Hezbollah", "the Houthis", "KOMID", "the IRGC", "Hamas", "Tanchon Commercial Bank", "Green Pine", "Ocean Maritime Management"}
	people := []string{"Bashar al-Assad", "Kim Jong-un", "Samuel Okafor", "President Arthur Ndlovu", "Rashid Karimov"}
	items := []string{"ballistic missiles", "chemical weapons", "drones", "rockets", "small arms", "centrifuges", "ammunition"}
	templates := []string{
		"%[1]s supplied %[5]s to %[3]s in %[7]d, officials said.",
		"In %[7]d, %[3]s was financed by %[2]s through a network of front companies.",
		"%[4]s praised %[1]s for its support, and %[2]s condemned the move.",
		"The Blue Anchor Shipping Company (BASC), owned by %[4]s, shipped %[6]s to %[1]s.",
		"Analysts say the links between %[3]s and %[2]s remain intact despite sanctions imposed by the United Nations.",
		"%[1]s's allies, %[2]s and %[3]s, have sent military advisers to the region since the %[8]ds.",
		"Egyptian authorities seized the freighter Sea Lotus near the port of Hodeidah, which %[3]s controls.",
		"The ship left Nampo in March and was intercepted off the coast by the U.S. Navy.",
	}
	var b strings.Builder
	b.Grow(size + 4096)
	para := 0
	for b.Len() < size {
		if para%7 == 0 {
			b.WriteString("Recent Features\n\nRegional Security Update\n\n")
		}
		for s := 0; s < 6; s++ {
			t := templates[rng.Intn(len(templates))]
			fmt.Fprintf(&b, t, states[rng.Intn(len(states))], states[rng.Intn(len(states))], orgs[rng.Intn(len(orgs))],
				people[rng.Intn(len(people))], items[rng.Intn(len(items))], items[rng.Intn(len(items))], 1990+rng.Intn(35), 1960+10*rng.Intn(6))
			b.WriteByte(' ')
		}
		b.WriteString("\n\n")
		para++
	}
	return b.String()
}

// BenchmarkExtract measures throughput on a deterministic ≥10 MB corpus
// (one document per ~20 KB chunk, as the pipeline feeds documents).
func BenchmarkExtract(b *testing.B) {
	x, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	corpus := benchCorpus(10 << 20)
	var docs []string
	for len(corpus) > 0 {
		n := min(20000, len(corpus))
		if i := strings.Index(corpus[n:], "\n\n"); i >= 0 && n < len(corpus) {
			n += i + 2
		} else {
			n = len(corpus)
		}
		docs = append(docs, corpus[:n])
		corpus = corpus[n:]
	}
	total := 0
	for _, d := range docs {
		total += len(d)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rels := 0
		for k, d := range docs {
			ext := x.Extract(graph.Document{ID: fmt.Sprint("b", k), Text: d})
			rels += len(ext.Relations)
		}
		if rels == 0 {
			b.Fatal("no relations extracted")
		}
	}
}
