package extract_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract"
	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// TestPrepareThenFinish: Prepare fills every field but the organization
// and the cause, Finish fills those, and the two give what Extract gives,
// on every segment of the sample corpus.
func TestPrepareThenFinish(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/corpus/*.txt")
	if len(files) == 0 {
		t.Skip("no sample corpus")
	}
	x := extract.New()
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, seg := range segment.Split(string(b)) {
			in := extract.Input{Text: normalize.Text(seg.Text), Title: seg.Title}
			if seg.Header != nil {
				in.CaseID, in.HeaderRest = seg.Header.CaseID, seg.Header.Rest
			}
			var whole, staged schemas.Notice
			x.Extract(in, &whole)
			pending := x.Prepare(in, &staged)
			if staged.Organization != "" || staged.OrganizationEvidence != "" || staged.Cause != "" || staged.CauseEvidence != "" {
				t.Errorf("%s segment %d: Prepare filled the organization or the cause", filepath.Base(f), i)
			}
			pending.Finish(&staged)
			if !reflect.DeepEqual(staged, whole) {
				t.Errorf("%s segment %d: Prepare then Finish\n%+v\nExtract\n%+v", filepath.Base(f), i, staged, whole)
			}
			n++
		}
	}
	if n < 20 {
		t.Errorf("only %d segments", n)
	}
}
