package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract"
	"github.com/breachtrend/breachtrend/stages/load"
)

// noExtractor is an extractor that does nothing, so that a benchmark of
// prepareFile measures the stages around extraction alone.
type noExtractor struct{}

func (noExtractor) Extract(context.Context, extract.Input, *schemas.Notice) error { return nil }
func (noExtractor) Prepare(context.Context, extract.Input, *schemas.Notice) (extract.Pending, error) {
	return nil, nil
}

// BenchmarkPrepare measures prepareFile and prepareSegments without the
// extractor: load, segment, normalize, the title, the notice id and the
// notice/article classification, on JSON Lines files of one-sentence
// records as the 307k-record feed is. One op is a file of 2,000 records;
// the 40 files' 80,000 records are distinct and come round again only
// after more than the memos hold, as in the feed, so no op is served from
// a memo.
func BenchmarkPrepare(b *testing.B) {
	dir := b.TempDir()
	var inputs []load.Input
	for f := range 40 {
		var feed strings.Builder
		for i := f * 2000; i < (f+1)*2000; i++ {
			fmt.Fprintf(&feed, `{"text":"%s","url":"https://example.jp/n/%d"}`+"\n", testcorpus.ShortNotice(i), i)
		}
		in := load.Input{Path: filepath.Join(dir, fmt.Sprintf("feed%d.jsonl", f)), Rel: fmt.Sprintf("feed%d.jsonl", f)}
		if err := os.WriteFile(in.Path, []byte(feed.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	st := newStages()
	st.extractor = noExtractor{}
	ctx := context.Background()
	b.ReportAllocs()
	notices, op := 0, 0
	for b.Loop() {
		p, err := st.prepareFile(ctx, op, inputs[op%len(inputs)], func(batch *pendingFile) error {
			notices += len(st.prepareSegments(ctx, batch).notices)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		notices += len(p.notices)
		op++
	}
	b.ReportMetric(float64(notices)/float64(b.N), "notices/op")
}
