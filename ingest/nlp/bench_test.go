package nlp

import (
	"context"
	"log/slog"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchArticle is an invented news story (every name, ship and figure in it
// is made up) of about 500 words, in the register the extractor reads.
const benchArticle = `PIRAEUS — Greek customs officers on Tuesday detained the cargo ship Meridian Dawn after inspectors found crates of rifle components hidden beneath a declared shipment of agricultural pumps, officials said, in the latest seizure linked to a network that United Nations investigators have tracked for three years.

The vessel, which sails under the flag of Palau and is managed by Kestrel Maritime Services of Limassol, had left the port of Mersin on March 3 and was bound for Tripoli, according to a port manifest reviewed by reporters. Kestrel did not answer calls and emails on Tuesday.

A senior customs official, speaking on condition of anonymity because the investigation is continuing, said the crates held about 1,200 bolt assemblies and 400 barrels, enough to finish several hundred assault rifles. "These were not pumps," the official said. "Someone packed them carefully and labelled them badly."

The shipment was consigned to Sahel Horizon Trading, a company registered in Misrata that a panel of experts named in a report last year as a broker for armed groups in the south of the country. The panel wrote that Sahel Horizon had received at least four earlier consignments through the same route and that its director, a Libyan businessman identified as Tarek el-Mansouri, had paid for them through accounts in Dubai and Istanbul.

Mr. el-Mansouri could not be reached. In a statement published in January, his lawyer denied that his client had ever traded in weapons and said the panel had relied on "anonymous claims and forged invoices."

The European Union's naval operation in the Mediterranean, which is charged with enforcing the arms embargo on Libya, said it had shared intelligence about the ship with Greek authorities but had not boarded it. A spokeswoman declined to say which member state had first raised concerns.

Analysts said the case showed how small shipping firms, often owned through chains of shell companies, continue to move military equipment despite sanctions. "The embargo is only as strong as the weakest port inspection," said Dr. Helena Vasquez, a researcher at the Centre for Maritime Security in Lisbon. "Brokers know which routes are watched and which are not."

Greek prosecutors have opened a case against the ship's master, a Ukrainian national, and two crew members on charges of smuggling and violating export controls. The Meridian Dawn will remain in Piraeus while the investigation proceeds, the coast guard said.

Palau's ship registry said in an email that it had begun proceedings to remove the vessel from its register and would cooperate with the Greek inquiry. The registry added that Kestrel Maritime Services had registered three other ships with it since 2021, all of which are now under review.

The United Nations Security Council is expected to discuss the panel's next report in June. Diplomats said several members would push for new designations, including of companies that insure and finance such voyages.`

// benchTexts returns n copies of the benchmark article.
func benchTexts(n int) []string {
	texts := make([]string, n)
	for i := range texts {
		texts[i] = benchArticle
	}
	return texts
}

// BenchmarkParse reports words per second (whitespace-separated words of
// the text): one article per call on one worker (unbatched), 16 per call
// on one worker (batched, one core), and 16 per call from parallel callers
// on one worker per core. words/s is wall-clock; words/s/core divides it by
// the workers; words/cpu-s divides the words by the CPU time the workers and
// this process spent, which holds still when other work shares the machine.
func BenchmarkParse(b *testing.B) {
	words := len(strings.Fields(benchArticle))
	ctx := context.Background()
	for _, bc := range []struct {
		name     string
		workers  int // 0: one per core
		perCall  int
		parallel bool
	}{
		{"unbatched/workers=1", 1, 1, false},
		{"batch16/workers=1", 1, 16, false},
		{"batch16/workers=NumCPU", 0, 16, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			p, err := Start(ctx, Options{Workers: bc.workers, Logger: slog.New(slog.DiscardHandler)})
			needRuntime(b, err)
			defer p.Close()
			texts := benchTexts(bc.perCall)
			if _, err := p.Parse(ctx, texts); err != nil { // warm up
				b.Fatal(err)
			}
			cpu0, cpuOK := cpuTime(p)
			b.ResetTimer()
			t0 := time.Now()
			if bc.parallel {
				b.SetParallelism(1) // GOMAXPROCS callers, enough to keep every worker busy
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if _, err := p.Parse(ctx, texts); err != nil {
							b.Error(err)
							return
						}
					}
				})
			} else {
				for b.Loop() {
					if _, err := p.Parse(ctx, texts); err != nil {
						b.Fatal(err)
					}
				}
			}
			perSec := float64(words*bc.perCall*b.N) / time.Since(t0).Seconds()
			b.ReportMetric(perSec, "words/s")
			b.ReportMetric(perSec/float64(p.Workers()), "words/s/core")
			if cpu1, ok := cpuTime(p); ok && cpuOK && cpu1 > cpu0 {
				b.ReportMetric(float64(words*bc.perCall*b.N)/(cpu1-cpu0).Seconds(), "words/cpu-s")
			}
		})
	}
}

// cpuTime is the CPU time used so far by p's workers and by this process.
func cpuTime(p *Pool) (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	w, ok := p.WorkerCPU()
	return time.Duration(ru.Utime.Nano()+ru.Stime.Nano()) + w, ok
}
