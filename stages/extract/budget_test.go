package extract

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/schemas"
)

// slowInput is a segment whose extraction takes seconds though every
// scanner is linear: a blog header and a body of 1.5 MB of dates, each
// date a timeline event read with its clause.
func slowInput() Input {
	dates := strings.Repeat("1月1日、", 100000)
	return Input{Text: "【セキュリティ事件簿#2023-001】" + dates + "\n" + dates + "\n",
		HeaderRest: dates, CaseID: "2023-001"}
}

// TestBudgetAbandonsSegment: a segment that takes longer than the budget
// is abandoned within about the budget, with an error that wraps ErrBudget
// and names the budget, and no goroutine is left behind.
func TestBudgetAbandonsSegment(t *testing.T) {
	in := slowInput()
	goroutines := runtime.NumGoroutine()
	x := Rules{Budget: 20 * time.Millisecond}
	var n schemas.Notice
	t0 := time.Now()
	err := x.Extract(context.Background(), in, &n)
	took := time.Since(t0)
	if !errors.Is(err, ErrBudget) {
		t.Fatalf("Extract with a budget of 20ms = %v, want ErrBudget", err)
	}
	if !strings.Contains(err.Error(), "20ms") {
		t.Errorf("error %q does not name the budget", err)
	}
	// Unbudgeted it takes tens of seconds; the bound leaves room for a
	// loaded machine (the text is split into sentences before any check).
	if took > 3*time.Second*raceSlowdown {
		t.Errorf("abandoned after %v, budget 20ms", took)
	}
	if g := runtime.NumGoroutine(); g > goroutines {
		t.Errorf("%d goroutines after Extract, %d before", g, goroutines)
	}
}

// TestBudgetSpansPrepareAndFinish: Finish gets what Prepare left of the
// budget, not a budget of its own.
func TestBudgetSpansPrepareAndFinish(t *testing.T) {
	x := Rules{Budget: 50 * time.Millisecond}
	var n schemas.Notice
	p, err := x.Prepare(context.Background(), Input{Text: "2023年6月1日、メールを誤送信しました。"}, &n)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(60 * time.Millisecond) // parked longer than the budget: not counted
	if err := p.Finish(context.Background(), &n); err != nil {
		t.Fatalf("Finish after a wait between the stages: %v", err)
	}
	pt := p.(*tokenized)
	if pt.left <= 0 || pt.left > x.Budget {
		t.Errorf("Prepare left %v of a budget of %v", pt.left, x.Budget)
	}
	pt.left = time.Nanosecond // Prepare used it all
	if err := pt.Finish(context.Background(), &n); !errors.Is(err, ErrBudget) {
		t.Errorf("Finish with no budget left = %v, want ErrBudget", err)
	}
}

// TestBudgetZeroIsUnlimited: Budget 0 sets no deadline.
func TestBudgetZeroIsUnlimited(t *testing.T) {
	var n schemas.Notice
	if err := (Rules{}).Extract(context.Background(), Input{Text: "2023年6月1日、メールを誤送信しました。"}, &n); err != nil {
		t.Fatal(err)
	}
	if n.Cause == "" || n.Events == nil {
		t.Errorf("no fields extracted: %+v", n)
	}
}

// TestCancelStopsExtraction: a context cancelled while a long segment is
// prepared stops the extraction within a fraction of a second, with the
// context's error; with no budget, the segment alone takes seconds.
func TestCancelStopsExtraction(t *testing.T) {
	in := slowInput()
	x := Rules{} // no budget: only the context can stop it
	var n schemas.Notice
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(30*time.Millisecond, cancel)
	t0 := time.Now()
	_, err := x.Prepare(ctx, in, &n)
	took := time.Since(t0)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Prepare with a cancelled context = %v, want context.Canceled", err)
	}
	if took > 3*time.Second*raceSlowdown {
		t.Errorf("Prepare returned %v after it started, cancelled after 30ms", took)
	}
}

// TestCancelBeforeFinish: Finish on an ended context does nothing and
// says why.
func TestCancelBeforeFinish(t *testing.T) {
	var n schemas.Notice
	p, err := Rules{}.Prepare(context.Background(), Input{Text: "株式会社架空商事(以下「当社」)は、ランサムウェアの被害を受けました。"}, &n)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.Finish(ctx, &n); !errors.Is(err, context.Canceled) {
		t.Fatalf("Finish on a cancelled context = %v, want context.Canceled", err)
	}
	if n.Organization != "" || n.Cause != "" {
		t.Errorf("Finish on a cancelled context filled %q, %q", n.Organization, n.Cause)
	}
	if err := p.Finish(context.Background(), &n); err != nil || n.Organization != "株式会社架空商事" || n.Cause != "ransomware" {
		t.Errorf("Finish = %v, %q, %q; want 株式会社架空商事, ransomware", err, n.Organization, n.Cause)
	}
}
