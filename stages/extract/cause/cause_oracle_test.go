package cause

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// causeScoresOracle is causeScores as it reads, with no index: every cue and every
// list word is looked for with strings.Index and strings.Contains. It is
// the oracle for cause's one-pass word index.
func causeScoresOracle(title string, sents []text.Sentence) (map[string]float64, map[string]string) {
	scores := map[string]float64{}
	evidence := map[string]string{}
	evScore := map[string]float64{}
	note := func(c string, w float64, txt string) {
		scores[c] += w
		if w > evScore[c] {
			evScore[c], evidence[c] = w, txt
		}
	}
	add := func(txt string, mult float64) {
		if mult == 0 {
			return
		}
		scan := txt
		if strings.Contains(scan, "『") {
			scan = maskTitles(scan)
		}
		if text.ContainsAny(scan, listedIn) {
			scan = maskListed(scan)
		}
		if text.ContainsAny(scan, causeDenials) {
			scan = maskDenied(scan)
		}
		if text.ContainsAny(scan, consequenceWords) {
			scan = consequenceRE.ReplaceAllStringFunc(scan, func(m string) string { return strings.Repeat("_", len(m)) })
		}
		used := make([]bool, len(scan))
		// Data or a password stolen is an intrusion: in the theft word's
		// clause, data and no device or papers; with neither there, in the
		// sentence.
		dataTheft := text.ContainsAny(scan, dataWords) && !text.ContainsAny(scan, physicalItems)
		cueCause := func(c string, at int) string {
			if c != "theft" {
				return c
			}
			start := clauseStart(scan, at)
			// An item counts when it begins inside the clause, before at.
			inClause := func(words []string) bool {
				for _, w := range words {
					for j := start; j < at; j++ {
						if strings.HasPrefix(scan[j:], w) {
							return true
						}
					}
				}
				return false
			}
			data, physical := inClause(dataWords), inClause(physicalItems)
			if !physical && (data || dataTheft) {
				return "unauthorized_access"
			}
			return c
		}
		for k := range causeCues {
			c := causeCues[k]
			for from := 0; ; {
				i := strings.Index(scan[from:], c.phrase)
				if i < 0 {
					break
				}
				i += from
				from = i + len(c.phrase)
				if text.AnyUsed(used[i:from]) && c.weight < causeWeights.overlapWeight {
					continue
				}
				for k := i; k < from; k++ {
					used[k] = true
				}
				note(cueCause(c.cause, i), c.weight*mult, txt)
				break // each cue counts once a sentence
			}
		}
		for _, c := range patternCues {
			if holdsAllNaive(scan, c.need) && c.re.MatchString(scan) {
				note(c.cause, c.weight*mult, txt)
			}
		}
		// Every cause sentence is tokenized: the oracle skips none by
		// lemmaStems.
		if mult >= causeWeights.lemmaMinSentence {
			seen := map[string]bool{}
			at := 0 // where m is in scan
			for _, m := range text.Morphs(scan) {
				if i := strings.Index(scan[at:], m.Surface); i >= 0 {
					at += i
				}
				for _, c := range lemmaCues {
					if m.Base == c.base && !seen[c.base] {
						seen[c.base] = true
						note(cueCause(c.cause, at), c.weight*mult, txt)
					}
				}
				if strings.HasPrefix(scan[at:], m.Surface) {
					at += len(m.Surface)
				}
			}
		}
	}
	add(title, causeWeights.title)
	for _, s := range sents {
		mult := causeWeights.sentence
		if text.ContainsAny(s.Text, causeWords) || text.ContainsAny(s.Heading, causeHeadingRoles["cause"]) {
			mult = causeWeights.causeWord
		}
		if text.ContainsAny(s.Text, causeStatements) || text.ContainsAny(s.Heading, causeHeadingRoles["statement"]) {
			mult = causeWeights.statement
		}
		if speculativeOracle(s.Text) || isGloss(s.Text) {
			mult = causeWeights.speculative
		}
		if text.ContainsAny(s.Heading, responseHeadings) && !text.ContainsAny(s.Heading, causeHeadingRoles["not_response"]) {
			mult = math.Min(mult, causeWeights.response)
		}
		add(s.Text, mult)
	}
	return scores, evidence
}

// holdsAllNaive reports whether s holds a word of each group.
func holdsAllNaive(s string, groups [][]string) bool {
	for _, g := range groups {
		if !text.ContainsAny(s, g) {
			return false
		}
	}
	return true
}

func checkCause(t *testing.T, title, txt string) {
	sents := text.SplitSentences(txt)
	sc, ev := causeScores(nil, title, sents)
	wsc, wev := causeScoresOracle(title, sents)
	if !reflect.DeepEqual(sc, wsc) || !reflect.DeepEqual(ev, wev) {
		t.Fatalf("causeScores(nil, %q, %.60q…) = %v %q, oracle %v %q", title, txt, sc, ev, wsc, wev)
	}
	// The title's part of a score is within the score, and Find decides
	// one cause of order.tsv or unknown.
	_, titleScores, _ := causeScoresByPart(nil, title, sents)
	for c, v := range titleScores {
		if v > sc[c] {
			t.Fatalf("title %q scores %v for %s, more than the notice's %v", title, v, c, sc[c])
		}
	}
	if c, _ := Find(nil, title, sents); c != "unknown" && !slices.Contains(causeOrder, c) {
		t.Fatalf("Find(nil, %q, %.60q…) = %q, no cause of order.tsv", title, txt, c)
	}
}

func TestCauseAsOracle(t *testing.T) {
	for _, txt := range extracttest.OracleTexts(t) {
		title, _, _ := strings.Cut(txt, "\n")
		checkCause(t, title, txt)
		// Each sentence alone, as a title and as a text: a notice's
		// score hides most sentences' own.
		for _, s := range text.SplitSentences(txt) {
			checkCause(t, s.Text, "")
			checkCause(t, "", s.Text)
		}
	}
}

func FuzzCauseAsOracle(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add("", s)
	}
	f.Add("『不正アクセス』", "顧客リストに掲載されたなりすましメールの送信。\n■原因\n誤ってBCCに入れず宛先に送信、盗まれた。")
	f.Fuzz(checkCause)
}

// FuzzSameLine: sameLineAs tells what a walk over both lines tells.
func FuzzSameLine(f *testing.F) {
	for _, c := range [][2]string{{"", ""}, {"a b", "ab"}, {"不正アクセス", "不正アクセス"}, {"不正 アクセス", "不正アクセス"},
		{" ", ""}, {"ab", "abc"}, {"a", "b"}, {"a ", "a"}} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := sameLineAs(a, b, strings.IndexByte(b, ' ') >= 0), sameLineBytewise(a, b); got != want {
			t.Fatalf("sameLineAs(%q, %q) = %v, want %v", a, b, got, want)
		}
	})
}

// speculativeOracle is speculativeWhereItStates by splitting: a sentence
// speculates when a speculative word stands in the part after its last
// finding opener (調査の結果), before an announce tail that ends it; with
// neither, anywhere; a not_speculative phrase (対策本部) is blanked first.
func speculativeOracle(s string) bool {
	for _, w := range notSpeculative { // 対策本部 speculates nothing
		s = strings.ReplaceAll(s, w, "＿")
	}
	if !text.ContainsAny(s, speculative) {
		return false
	}
	body := strings.TrimRight(s, "。 ")
	finding := false
	for _, f := range findingOpeners {
		if parts := strings.Split(body, f); len(parts) > 1 {
			body, finding = parts[len(parts)-1], true
		}
	}
	for _, t := range announceTails {
		if strings.HasSuffix(body, t) {
			return text.ContainsAny(strings.TrimSuffix(body, t), speculative)
		}
	}
	return !finding || text.ContainsAny(body, speculative)
}
