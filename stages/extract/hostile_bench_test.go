package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/organization"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/cause"
	"github.com/breachtrend/breachtrend/stages/extract/counts"
	"github.com/breachtrend/breachtrend/stages/extract/datatypes"
	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/reportno"
	"github.com/breachtrend/breachtrend/stages/extract/text"
	"github.com/breachtrend/breachtrend/stages/extract/timeline"
)

// hostileSizes are the lengths of the runs, in characters.
var hostileSizes = []struct {
	name  string
	runes int
}{{"10k", 10_000}, {"100k", 100_000}, {"1M", 1_000_000}}

// hostileInput is a notice whose blog header, title and body are one run:
// a header line as the 300 KB line of kanji was, which every
// field reads in some way.
func hostileInput(run string) Input {
	return Input{Text: "【セキュリティ事件簿#2023-001】" + run + "\n" + run + "\n", Title: run, HeaderRest: run, CaseID: "2023-001"}
}

// hostileFields run one field's extractor on a hostile input whose
// sentences are split (sentences: the split itself).
var hostileFields = []struct {
	name string
	run  func(in Input, sents []text.Sentence, lines []string)
}{
	{"sentences", func(in Input, _ []text.Sentence, _ []string) { text.SplitSentences(in.Text) }},
	{"dates", func(in Input, sents []text.Sentence, _ []string) {
		timeline.PublishedDate(nil, in.HeaderRest, in.Published, timeline.DatedSentences(sents), &dates.YearContext{CaseYear: 2023})
	}},
	{"events", func(_ Input, sents []text.Sentence, _ []string) {
		timeline.Events(nil, timeline.DatedSentences(sents), &dates.YearContext{CaseYear: 2023}, -1, -1)
	}},
	{"report", func(in Input, sents []text.Sentence, _ []string) {
		reportno.Find(nil, in.HeaderRest, sents, nil, schemas.Date{})
	}},
	{"counts", func(_ Input, sents []text.Sentence, _ []string) { counts.Affected(nil, sents) }},
	{"datatypes", func(_ Input, sents []text.Sentence, _ []string) { datatypes.Find(nil, sents) }},
	{"organization", func(in Input, sents []text.Sentence, lines []string) {
		organization.Find(nil, in.HeaderRest, sents, lines)
	}},
	{"cause", func(in Input, sents []text.Sentence, _ []string) { cause.Find(nil, in.HeaderRest, sents) }},
	{"all", func(in Input, _ []text.Sentence, _ []string) {
		var n schemas.Notice
		if err := (Rules{}).Extract(context.Background(), in, &n); err != nil {
			panic(err)
		}
	}},
}

// BenchmarkHostile feeds runs of 10k, 100k and 1M characters of kanji,
// digits, katakana and Latin to every field extractor
// (BenchmarkHostile/<field>/<kind>/<size>): ns/op must grow linearly with
// the size. One op of the 1M inputs takes up to ~0.1 s: run it with
// -benchtime 3x.
func BenchmarkHostile(b *testing.B) {
	text.KagomeTokenizer() // built once, before any clock starts
	for _, f := range hostileFields {
		b.Run(f.name, func(b *testing.B) {
			for _, k := range extracttest.HostileKinds {
				b.Run(k.Name, func(b *testing.B) {
					for _, size := range hostileSizes {
						in := hostileInput(extracttest.HostileRun(k.Chars, size.runes))
						sents := text.SplitSentences(in.Text)
						lines := strings.Split(in.Text, "\n")
						b.Run(size.name, func(b *testing.B) {
							b.SetBytes(int64(len(in.Text)))
							for b.Loop() {
								f.run(in, sents, lines)
							}
						})
					}
				})
			}
		})
	}
}

// TestHostileInputsAreQuick: the 100k inputs of BenchmarkHostile are
// extracted whole in well under the default budget. Before the scanners
// were bounded, 40k runes of katakana took 6 s.
func TestHostileInputsAreQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("timed: not under -short")
	}
	text.KagomeTokenizer()
	for _, k := range extracttest.HostileKinds {
		in := hostileInput(extracttest.HostileRun(k.Chars, 100_000))
		var n schemas.Notice
		if err := (Rules{Budget: DefaultBudget}).Extract(context.Background(), in, &n); err != nil {
			t.Errorf("%s: %v", k.Name, err)
		}
		checkWellFormed(t, fmt.Sprintf("%s run", k.Name), in, &n)
	}
}

// TestHostileGrowthIsLinear guards what BenchmarkHostile shows: for every
// field and kind, an input 8 times longer costs less than 24 times the CPU
// (linear is 8, quadratic 64), the best of three runs of each. CPU time of
// the process, not the wall clock, is compared: the cores are shared.
func TestHostileGrowthIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timed: not under -short")
	}
	if processCPU() == 0 {
		t.Skip("no process CPU time on this platform")
	}
	text.KagomeTokenizer()
	const small, factor = 50_000, 8
	for _, k := range extracttest.HostileKinds {
		inputs := [2]Input{hostileInput(extracttest.HostileRun(k.Chars, small)), hostileInput(extracttest.HostileRun(k.Chars, small*factor))}
		var sents [2][]text.Sentence
		var lines [2][]string
		for i, in := range inputs {
			sents[i], lines[i] = text.SplitSentences(in.Text), strings.Split(in.Text, "\n")
		}
		for _, f := range hostileFields {
			var best [2]time.Duration
			for i := range inputs {
				for range 3 {
					t0 := processCPU()
					f.run(inputs[i], sents[i], lines[i])
					if d := processCPU() - t0; best[i] == 0 || d < best[i] {
						best[i] = d
					}
				}
			}
			// Below ~2 ms the clock's tick (1–4 ms) is the measure.
			if best[1] > 20*time.Millisecond && best[1] > 3*factor*max(best[0], time.Millisecond) {
				t.Errorf("%s/%s: %v for %d runes, %v for %d", f.name, k.Name, best[0], small, best[1], small*factor)
			}
		}
	}
}
