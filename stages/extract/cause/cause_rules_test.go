package cause

import (
	"reflect"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

func TestParseCauseRulesErrors(t *testing.T) {
	order := []string{"misdelivery", "loss"}
	for _, c := range []struct {
		load func()
		want string
	}{
		{func() {
			parseCauseCues(extracttest.RuleRows("cause/cues.tsv", "誤送信\tmisdelivery\t4\tsurface", "誤発送\tmisdeliver\t4\tsurface"), order)
		},
			`cause/cues.tsv:2: cause "misdeliver" is not one of misdelivery, loss`},
		{func() {
			parseCauseCues(extracttest.RuleRows("cause/cues.tsv", "誤発送\tmisdelivery\tfour\tsurface"), order)
		},
			`cause/cues.tsv:1: weight "four"`},
		{func() {
			parseCauseCues(extracttest.RuleRows("cause/cues.tsv", "誤発送\tmisdelivery\t4\tbase"), order)
		},
			`cause/cues.tsv:1: match "base" is not one of surface, lemma`},
		{func() { parseCauseOrder(extracttest.RuleRows("cause/order.tsv", "loss\t-", "theft\tx", "loss\t-")) },
			`cause/order.tsv:2: wins_at "x"`},
		{func() { parseCauseOrder(extracttest.RuleRows("cause/order.tsv", "loss\t-", "loss\t-")) },
			`cause/order.tsv:2: cause "loss" is listed twice`},
		{func() {
			parseCauseRefinements(extracttest.RuleRows("cause/refines.tsv", "misdelivery\tlost\t4"), order)
		},
			`cause/refines.tsv:1: cause "lost" is not one of misdelivery, loss`},
		{func() { parseCauseRefinements(extracttest.RuleRows("cause/refines.tsv", "loss\tloss\t4"), order) },
			`cause/refines.tsv:1: cause "loss" refines itself`},
		{func() {
			parseCauseRefinements(extracttest.RuleRows("cause/refines.tsv", "misdelivery\tloss\tfour"), order)
		},
			`cause/refines.tsv:1: at "four"`},
		{func() { parseCausePatterns(extracttest.RuleRows("cause/patterns.tsv", "loss\t3\t紛\t紛(失"), order) },
			`cause/patterns.tsv:1: pattern: error parsing regexp`},
		{func() {
			parseCausePatterns(extracttest.RuleRows("cause/patterns.tsv", "loss\t3\t紛||失\t紛失"), order)
		},
			`cause/patterns.tsv:1: need "紛||失" has an empty word`},
		{func() { parseCauseWeights(extracttest.RuleRows("cause/weights.tsv", "title\t3\tthe title")) },
			`cause/weights.tsv: no line for "sentence"`},
		{func() {
			text.WordsByRole(extracttest.RuleRows("cause/headings.tsv", "原因\tcause", "要因\treason"), "role", "cause", "statement")
		},
			`cause/headings.tsv:2: role "reason" is not one of cause, statement`},
		{func() {
			text.WordsByRole(extracttest.RuleRows("cause/headings.tsv", "原因\tcause"), "role", "cause", "statement")
		},
			`cause/headings.tsv: no words of statement`},
		{func() {
			errorActCues(extracttest.RuleRows("cause/error_markers.tsv", "誤\tbefore"), extracttest.RuleRows("cause/error_acts.tsv", "送\tmisdelivery\t4"), order, 40)
		},
			`cause/error_markers.tsv:1: join "before" is not one of glued, apart`},
		{func() {
			errorActCues(extracttest.RuleRows("cause/error_markers.tsv", "誤\tglued", "誤\tglued"), extracttest.RuleRows("cause/error_acts.tsv", "送\tmisdelivery\t4"), order, 40)
		},
			`cause/error_markers.tsv:2: marker "誤" is listed twice`},
		{func() {
			errorActCues(extracttest.RuleRows("cause/error_markers.tsv", "誤\tglued"), extracttest.RuleRows("cause/error_acts.tsv", "送\tmisdelivery\t4", "送\tloss\t4"), order, 40)
		},
			`cause/error_acts.tsv:2: act "送" is listed twice`},
		{func() {
			errorActCues(extracttest.RuleRows("cause/error_markers.tsv", "誤\tglued"), extracttest.RuleRows("cause/error_acts.tsv", "送\tmisdeliver\t4"), order, 40)
		},
			`cause/error_acts.tsv:1: cause "misdeliver"`},
		{func() {
			text.WordsByRole(extracttest.RuleRows("cause/headings.tsv", "原因\tcause", "原因\tcause"), "role", "cause")
		},
			`cause/headings.tsv:2: "原因" is already a word of cause`},
	} {
		if got := extracttest.RuleLoadPanic(c.load); !strings.Contains(got, c.want) {
			t.Errorf("panic %q, want one containing %q", got, c.want)
		}
	}
}

func TestParseCauseRules(t *testing.T) {
	order, winsAt := parseCauseOrder(extracttest.RuleRows("cause/order.tsv", "ransomware\t6", "loss\t-"))
	if !reflect.DeepEqual(order, []string{"ransomware", "loss"}) || !reflect.DeepEqual(winsAt, map[string]float64{"ransomware": 6}) {
		t.Errorf("order %v, wins_at %v", order, winsAt)
	}
	surface, lemma := parseCauseCues(extracttest.RuleRows("cause/cues.tsv", "紛失\tloss\t4\tsurface", "無くす\tloss\t3\tlemma", "遺失\tloss\t2.5\tsurface"), order)
	if want := []causeCue{{"loss", "紛失", 4}, {"loss", "遺失", 2.5}}; !reflect.DeepEqual(surface, want) {
		t.Errorf("surface cues %v, want %v (the file's order)", surface, want)
	}
	if want := []lemmaCue{{"loss", "無くす", 3}}; !reflect.DeepEqual(lemma, want) {
		t.Errorf("lemma cues %v, want %v", lemma, want)
	}
	if got, want := text.Alternation([]string{"最大", "a.b", "最大で"}), `(?:最大で|最大|a\.b)`; got != want {
		t.Errorf("text.Alternation = %s, want %s", got, want)
	}
	if !consequenceRE.MatchString("フィッシングメールの送信") || consequenceRE.MatchString("フィッシングにより") {
		t.Error("consequenceRE built from masks.tsv")
	}
}

func TestErrorActCues(t *testing.T) {
	cues := errorActCues(extracttest.RuleRows("cause/error_markers.tsv", "誤\tglued", "誤って\tapart"),
		extracttest.RuleRows("cause/error_acts.tsv", "送\tmisdelivery\t4", "送信\tmisdelivery\t4", "廃棄\tloss\t5"), []string{"misdelivery", "loss"}, 5)
	// One pattern for each join and each cause and weight.
	if len(cues) != 4 {
		t.Fatalf("%d cues, want 4 (glued and apart, two groups): %v", len(cues), cues)
	}
	for _, c := range []struct {
		cue   int
		text  string
		match bool
	}{
		{0, "誤送信", true}, {0, "誤送", true}, {0, "送信", false},
		{1, "誤廃棄", true}, {1, "誤送信", false},
		{2, "誤って別の方に送信", true}, {2, "誤って別の家のお客様に送信", false}, // 8 characters apart, over the gap of 5
		{2, "誤って。送信", false}, {3, "誤って廃棄", true},
	} {
		if got := cues[c.cue].re.MatchString(c.text); got != c.match {
			t.Errorf("cue %d (%s) on %q: match %v, want %v", c.cue, cues[c.cue].re, c.text, got, c.match)
		}
	}
	if c := cues[1]; c.cause != "loss" || c.weight != 5 || !reflect.DeepEqual(c.need, [][]string{{"誤"}, {"廃棄"}}) {
		t.Errorf("glued loss cue: %+v", c)
	}
}

func TestIsGloss(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"※フォレンジック調査:不正アクセスやランサムウェアの調査", true},
		{" ※EDR：端末の監視ソフト", true},
		{"※原因:不正アクセスによるもの", false},     // a cause word: a statement
		{"※当社サーバーへの不正アクセスにより:", false}, // no term: a clause (、 or past the length)
		{"※なお、詳細は:下記", false},          // 、 before the colon
		{"※:空", false},                 // no term
		{"フォレンジック調査:不正アクセスの調査", false}, // no note mark
		{"※調査は継続中です。", false},          // no colon
	} {
		if got := isGloss(c.text); got != c.want {
			t.Errorf("isGloss(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestMaskDenied(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"不正アクセスではなく、誤送信です", strings.Repeat("_", len("不正アクセスではなく")) + "、誤送信です"},
		{"なお、紛失ではなく盗難です", "なお、" + strings.Repeat("_", len("紛失ではなく")) + "盗難です"},
		{"暗号化だけではなく、窃取も", "暗号化だけではなく、窃取も"},
	} {
		if got := maskDenied(c.in); got != c.want {
			t.Errorf("maskDenied(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzCauseIndex checks that the cause-cue index finds every cue of its
// words at every byte, as strings.HasPrefix does.
func FuzzCauseIndex(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		extracttest.CheckHits(t, causeIndex, s)
	})
}
