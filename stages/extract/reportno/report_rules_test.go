package reportno

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
)

func TestPriorNoticeRules(t *testing.T) {
	row := func(line int, f ...string) rules.Row { return rules.Row{File: "report/p.tsv", Line: line, Fields: f} }
	if _, err := parsePriorNotice([]rules.Row{row(1, "already", "既報")}); err == nil || !strings.Contains(err.Error(), "p.tsv: no opener line") {
		t.Errorf("error %v, want one naming the missing opener line", err)
	}
	// The bundled rules: 既報 alone, 先般ご案内, and 既に…公表いたしました cite
	// one notice each.
	if n := priorNotices("既報のとおり、先般ご案内した件について、既に公表いたしました。", schemas.Date{}); n != 3 {
		t.Errorf("priorNotices = %d, want 3", n)
	}
}
