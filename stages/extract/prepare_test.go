package extract

import (
	"context"
	"reflect"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// TestPrepareThenFinish: Prepare fills every field but the organization
// and the cause, Finish fills those, and the two give what Extract gives,
// on every notice of the sample corpus. (No memo: each input is extracted
// twice; memo_test.go checks the memo.)
func TestPrepareThenFinish(t *testing.T) {
	x := &Rules{Budget: DefaultBudget}
	notices := noticesIn(t, sampleCorpus)
	for i, sample := range notices {
		in := sample.in
		var whole, staged schemas.Notice
		ctx := context.Background()
		if err := x.Extract(ctx, in, &whole); err != nil {
			t.Fatalf("notice %d: Extract: %v", i, err)
		}
		pending, err := x.Prepare(ctx, in, &staged)
		if err != nil {
			t.Fatalf("notice %d: Prepare: %v", i, err)
		}
		if staged.Organization != "" || staged.OrganizationEvidence != "" || staged.Cause != "" || staged.CauseEvidence != "" {
			t.Errorf("notice %d (%.30q): Prepare filled the organization or the cause", i, in.Title)
		}
		if err := pending.Finish(ctx, &staged); err != nil {
			t.Fatalf("notice %d: Finish: %v", i, err)
		}
		if !reflect.DeepEqual(staged, whole) {
			t.Errorf("notice %d (%.30q): Prepare then Finish\n%+v\nExtract\n%+v", i, in.Title, staged, whole)
		}
	}
	if len(notices) < 20 {
		t.Errorf("only %d notices", len(notices))
	}
}
