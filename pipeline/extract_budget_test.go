package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract"
	"github.com/breachtrend/breachtrend/stages/load"
)

// hostileBlog is a blog file of three cases: an ordinary notice, one whose
// body is 880 KB of dates (seconds of extraction), and
// another ordinary notice. (A line may hold 1 MB: the hostile body is
// two lines of 440 KB, each a sentence of dates that is not a date-only
// line; a segment of more than 1 MiB would be a segment_too_large reject,
// never extracted.)
func hostileBlog(t *testing.T) load.Input {
	t.Helper()
	ordinary := func(id, org string) string {
		return "【セキュリティ事件簿#" + id + "】" + org + " 不正アクセスに関するお知らせ 2023年6月29日\n" +
			"2023年6月28日、" + org + "のサーバーが不正アクセスを受け、顧客の氏名、住所約1,200件が流出したおそれがあることが判明しました。\n\n"
	}
	text := ordinary("2023-001", "架空商事株式会社") +
		"【セキュリティ事件簿#2023-002】架空工業株式会社 不正アクセスに関するお知らせ 2023年7月1日\n" +
		strings.Repeat("【経緯】"+strings.Repeat("1月1日、", 40000)+"\n", 2) + "\n" +
		ordinary("2023-003", "架空銀行")
	path := filepath.Join(t.TempDir(), "blog.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return load.Input{Path: path, Rel: "blog.txt", Size: int64(len(text))}
}

// TestSegmentOverBudgetIsRejected: the segment whose extraction goes over
// the budget is an extract reject naming the budget; the file's other
// segments are notices as usual.
func TestSegmentOverBudgetIsRejected(t *testing.T) {
	in := hostileBlog(t)
	st := newStages()
	st.extractor = &extract.Rules{Budget: 300 * time.Millisecond}
	warm := schemas.Notice{} // kagome's dictionary is built on first use: not in a segment's budget
	st.extractor.Extract(context.Background(), extract.Input{Text: "株式会社架空のお知らせ"}, &warm)

	t0 := time.Now()
	p, err := st.prepareFile(context.Background(), 0, in, oneBatch(in))
	if err != nil {
		t.Fatal(err)
	}
	res := st.finishFile(context.Background(), p)
	// Unbudgeted, the hostile segment alone takes ~20 s (and the race
	// detector multiplies every figure); budgeted, the file takes ~1 s,
	// its load, segmenting and normalizing included.
	if took := time.Since(t0); took > raceSlowdown*5*time.Second {
		t.Errorf("the file took %v with a budget of 300ms a segment", took)
	}
	var orgs []string
	for _, n := range res.notices {
		orgs = append(orgs, n.Organization)
	}
	if want := []string{"架空商事株式会社", "架空銀行"}; strings.Join(orgs, ",") != strings.Join(want, ",") {
		t.Errorf("notices of %v, want %v", orgs, want)
	}
	if len(res.rejects) != 1 {
		t.Fatalf("rejects %+v, want one", res.rejects)
	}
	r := res.rejects[0]
	if r.Stage != "extract" || r.Reason != "extract_timeout" || r.Source != "blog.txt" || r.Segment != 1 ||
		!strings.Contains(r.Detail, "300ms") {
		t.Errorf("reject %+v, want extract/extract_timeout for segment 1 of blog.txt naming the budget 300ms", r)
	}
}

// TestCancelDuringHostileFile: a run cancelled while a file of hostile
// segments is prepared stops within a second, not after the file.
func TestCancelDuringHostileFile(t *testing.T) {
	in := hostileBlog(t)
	st := newStages()
	st.extractor = &extract.Rules{} // no budget: only the context stops it
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(50*time.Millisecond, cancel)
	t0 := time.Now()
	p, err := st.prepareFile(ctx, 0, in, oneBatch(in))
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	if took := time.Since(t0); took > raceSlowdown*time.Second {
		t.Errorf("prepareFile returned %v after it started, cancelled after 50ms", took)
	}
	for _, r := range p.rejects {
		if r.Stage == "extract" {
			t.Errorf("a cancelled run rejected a segment: %+v", r)
		}
	}
	if len(p.notices) > 1 {
		t.Errorf("%d notices prepared after the cancel, want the first at most", len(p.notices))
	}
	st.finishFile(ctx, p) // the rest is left, promptly
}

// oneBatch is the flush of a file expected to be one batch: a second one is
// an error.
func oneBatch(in load.Input) func(*pendingFile) error {
	return func(*pendingFile) error { return fmt.Errorf("%s: more than one batch", in.Rel) }
}
