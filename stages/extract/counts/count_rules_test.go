package counts

import (
	"reflect"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

func TestParseCountRulesErrors(t *testing.T) {
	for _, c := range []struct {
		load func()
		want string
	}{
		{func() { parseCountUnits(extracttest.RuleRows("count/units.tsv", "人\tperson", "口\tslot")) },
			`count/units.tsv:2: kind "slot" is not one of person`},
		{func() { parseCountUnits(extracttest.RuleRows("count/units.tsv", "人\tperson", "人\tperson")) },
			`count/units.tsv:2: unit "人" is listed twice`},
		{func() {
			parseCountQualifiers(extracttest.RuleRows("count/qualifiers.tsv", "約\tbefore\tapprox", "以上\tbehind\tapprox"))
		},
			`count/qualifiers.tsv:2: place "behind" is not one of before, after`},
		{func() {
			parseCountQualifiers(extracttest.RuleRows("count/qualifiers.tsv", "計\tbefore\ttotal", "計\tafter\tapprox"))
		},
			`count/qualifiers.tsv:2: "計" means total before and approx after`},
		{func() {
			text.WordsByRole(extracttest.RuleRows("count/filters.tsv", "メール\tnot_people_before"), "filter", countFilterNames...)
		},
			`count/filters.tsv: no words of data_before`},
		{func() {
			text.WordsByRole(extracttest.RuleRows("count/filters.tsv", "メール\tnot_people"), "filter", countFilterNames...)
		},
			`count/filters.tsv:1: filter "not_people" is not one of`},
		{func() { parseCountWindows(extracttest.RuleRows("count/windows.tsv", "before\t8.5\tchars")) },
			`count/windows.tsv:1: value "8.5" is not a whole number`},
		{func() {
			parseCountLabels(extracttest.RuleRows("count/labels.tsv", "漏えい\tsubject", "人数\tmeasure"))
		},
			`count/labels.tsv: no words of approx`},
	} {
		if got := extracttest.RuleLoadPanic(c.load); !strings.Contains(got, c.want) {
			t.Errorf("panic %q, want one containing %q", got, c.want)
		}
	}
}

func TestParseCountRules(t *testing.T) {
	units, kinds := parseCountUnits(extracttest.RuleRows("count/units.tsv", "人\tperson", "人分\tperson_share", "先\tparty"))
	if !reflect.DeepEqual(units, []string{"人分", "人", "先"}) || kinds["先"] != unitParty {
		t.Errorf("units %v (want the longer first), kinds %v", units, kinds)
	}
	before, after, means := parseCountQualifiers(extracttest.RuleRows("count/qualifiers.tsv", "最大\tbefore\tapprox", "最大で\tbefore\tapprox", "延べ\tbefore\texact", "以上\tafter\tapprox"))
	if !reflect.DeepEqual(before, []string{"最大で", "最大", "延べ"}) || !reflect.DeepEqual(after, []string{"以上"}) || means["延べ"] != qualExact {
		t.Errorf("before %v, after %v, means %v", before, after, means)
	}
	re, heading, lead := parseCountLabels(extracttest.RuleRows("count/labels.tsv", "漏えい\tsubject", "記録\tsubject", "人数\tmeasure", "件数\tmeasure", "約\tapprox"))
	for _, h := range []string{"(3)画像記録の件数", "漏えい人数:", "・記録件数"} {
		if !heading.MatchString(h) {
			t.Errorf("heading %q: not a label", h)
		}
	}
	for _, h := range []string{"送付件数", "問い合わせ件数", "記録の件数を確認した。"} {
		if heading.MatchString(h) {
			t.Errorf("heading %q: read as a label", h)
		}
	}
	for _, l := range []string{"件数は1100件です。", "・人数:12名"} {
		if !lead.MatchString(l) {
			t.Errorf("%q: no measure leading it", l)
		}
	}
	for _, l := range []string{"送付件数は10件です。", "この件数は多い。"} {
		if lead.MatchString(l) {
			t.Errorf("%q: read as led by a measure", l)
		}
	}
	if m := re.FindStringSubmatch("漏えい人数:約 1,204"); m != nil {
		t.Errorf("a space between 約 and the number matched: %q", m)
	}
	if m := re.FindStringSubmatch("漏えい人数:約1,204"); m == nil || m[1] != "約" || m[2] != "1,204" {
		t.Errorf("labels: %q", m)
	}
	set := startRunes([]string{"人分", "𠮷野"})
	if !set.has('人') || !set.has('𠮷') || set.has('分') || set.has('野') {
		t.Error("startRunes")
	}
}
