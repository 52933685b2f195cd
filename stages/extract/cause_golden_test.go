package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"

	"github.com/breachtrend/breachtrend/stages/extract/cause"
	"github.com/breachtrend/breachtrend/stages/extract/datatypes"
	"github.com/breachtrend/breachtrend/stages/extract/text"

	"github.com/breachtrend/breachtrend/stages/normalize"
)

// The invented sentences of the cause's table test are in
// rules/cases/cause.tsv, run by TestCasesCause.

// TestCauseGolden reads invented notices from testdata/extract/cause/*.txt
// (the first line is the title) and compares cause and data types with the
// .golden files; run with -update to rewrite them.
func TestCauseGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "extract", "cause", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			txt := normalize.Text(string(b))
			title, _, _ := strings.Cut(txt, "\n")
			sents := text.SplitSentences(txt)
			c, ev := cause.Find(nil, title, sents)
			types, _ := datatypes.Find(nil, sents)
			got := "cause: " + c + "\nevidence: " + ev + "\ndata_types: " + strings.Join(types, ",") + "\n"
			extracttest.CheckGolden(t, f, got, *update, "-update")
		})
	}
}
