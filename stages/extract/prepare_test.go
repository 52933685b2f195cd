package extract

import (
	"reflect"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// TestPrepareThenFinish: Prepare fills every field but the organization
// and the cause, Finish fills those, and the two give what Extract gives,
// on every notice of the sample corpus.
func TestPrepareThenFinish(t *testing.T) {
	x := New()
	notices := noticesIn(t, sampleCorpus)
	for i, sample := range notices {
		in := sample.in
		var whole, staged schemas.Notice
		x.Extract(in, &whole)
		pending := x.Prepare(in, &staged)
		if staged.Organization != "" || staged.OrganizationEvidence != "" || staged.Cause != "" || staged.CauseEvidence != "" {
			t.Errorf("notice %d (%.30q): Prepare filled the organization or the cause", i, in.Title)
		}
		pending.Finish(&staged)
		if !reflect.DeepEqual(staged, whole) {
			t.Errorf("notice %d (%.30q): Prepare then Finish\n%+v\nExtract\n%+v", i, in.Title, staged, whole)
		}
	}
	if len(notices) < 20 {
		t.Errorf("only %d notices", len(notices))
	}
}
