package ingest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nexus-graph/nexus/graph/neo4jstore"
)

// Names the embedded gazetteer knows, and sentence patterns the
// extractor turns into typed relations.
var (
	benchActors = []string{"North Korea", "Syria", "Iran", "Russia", "China", "KOMID", "the SSRC", "Hezbollah",
		"the IRGC", "Green Pine Associated Corporation", "Tanchon Commercial Bank", "Egypt", "Libya", "Yemen",
		"Myanmar", "Cuba", "Belarus", "Venezuela", "Eritrea", "Sudan",
		"Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda", "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso", "Burundi", "Cambodia", "Cameroon", "Canada", "Cape Verde", "Central African Republic", "Chad", "Chile", "China", "Colombia", "Comoros", "Democratic Republic of the Congo", "Republic of the Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic", "Denmark", "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea", "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Grenada", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Marshall Islands", "Mauritania", "Mauritius", "Mexico", "Micronesia", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nauru"}
	benchItems     = []string{"ballistic missiles", "rockets", "small arms", "ammunition", "drones", "artillery", "dual-use goods", "tanks"}
	benchSanctions = []string{"The UN Security Council", "The US Treasury", "OFAC", "The European Union"}
	benchPatterns  = []string{
		"%[1]s supplied %[2]s with %[3]s in %[4]d.",
		"%[1]s sold %[3]s to %[2]s through a broker in %[4]d.",
		"%[5]s sanctioned %[1]s in %[4]d.",
		"%[1]s cooperates with %[2]s on %[3]s.",
		"%[1]s supports %[2]s with money and advisers.",
		"Officials said %[1]s shipped %[3]s to %[2]s last year.",
		"%[1]s and %[2]s signed a trade agreement covering %[3]s.",
	}
)

// writeBenchCorpus writes docs text files of about size bytes each under
// dir and returns their total size.
func writeBenchCorpus(tb testing.TB, dir string, docs, size int) int64 {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	var total int64
	for i := range docs {
		var b strings.Builder
		fmt.Fprintf(&b, "Field report %d\n\n", i)
		for b.Len() < size {
			for range 4 {
				a := benchActors[r.IntN(len(benchActors))]
				c := benchActors[r.IntN(len(benchActors))]
				for c == a {
					c = benchActors[r.IntN(len(benchActors))]
				}
				s := fmt.Sprintf(benchPatterns[r.IntN(len(benchPatterns))], a, c,
					benchItems[r.IntN(len(benchItems))], 1990+r.IntN(35), benchSanctions[r.IntN(len(benchSanctions))])
				b.WriteString(strings.ToUpper(s[:1]) + s[1:] + " ")
			}
			b.WriteString("\n\n")
		}
		p := filepath.Join(dir, fmt.Sprintf("sub%02d", i%10), fmt.Sprintf("report-%04d.txt", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
		total += int64(b.Len())
	}
	return total
}

// BenchmarkIngestNeo4j is the end-to-end figure: a generated corpus of
// about 4 MB (800 documents of 5 KB) read, extracted and written to the
// local Neo4j through IngestPaths, from an empty database each time.
// Needs NEXUS_TEST_NEO4J_URI (skips with a message otherwise, fails on CI).
func BenchmarkIngestNeo4j(b *testing.B) {
	store := openTestStore(b)
	dir := b.TempDir()
	bytes := writeBenchCorpus(b, dir, 800, 5000)
	for _, batch := range []int{DefaultBatchDocs, 64} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			p := &Pipeline{Extractor: testExtractor(b), Store: store, Logger: discardLogger(), BatchDocs: batch}
			benchIngest(b, p, store, dir, bytes)
		})
	}
}

// benchIngest reports stored relations and evidence (the database's own
// counts after the run) per second of IngestPaths.
func benchIngest(b *testing.B, p *Pipeline, store *neo4jstore.Store, dir string, bytes int64) {
	ctx := context.Background()
	var docs, rels, evs int
	var elapsed time.Duration
	b.SetBytes(bytes)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		if err := store.Wipe(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		sum, err := p.IngestPaths(ctx, []string{dir}, nil)
		elapsed += time.Since(start)
		if err != nil || len(sum.Errors) > 0 {
			b.Fatalf("ingest: %v %v", err, sum.Errors)
		}
		b.StopTimer()
		st, err := store.Stats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		docs += st.Documents
		rels += st.Relations
		evs += st.Evidence
	}
	b.ReportMetric(float64(rels)/elapsed.Seconds(), "relations/s")
	b.ReportMetric(float64(evs)/elapsed.Seconds(), "evidence/s")
	b.ReportMetric(float64(docs)/elapsed.Seconds(), "docs/s")
}

// BenchmarkExtractPaths is the same corpus without the database: what
// reading and extraction alone cost.
func BenchmarkExtractPaths(b *testing.B) {
	dir := b.TempDir()
	bytes := writeBenchCorpus(b, dir, 800, 5000)
	p := &Pipeline{Extractor: testExtractor(b), Logger: discardLogger()}
	var rels int
	b.SetBytes(bytes)
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		x, errs := p.ExtractPaths(context.Background(), []string{dir})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		for _, r := range x.Relations {
			rels += len(r.Evidence)
		}
	}
	b.ReportMetric(float64(rels)/time.Since(start).Seconds(), "evidence/s")
}
