package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
)

// The timeline's words, read from rules/timeline/ once at start.

// kindRules are the rules of rules/timeline/kinds.tsv, in order.
var kindRules = loadKindRules("timeline/kinds.tsv")

// timelineKinds are the kinds a rule of kinds.tsv may give.
var timelineKinds = []string{schemas.EventReported, schemas.EventPolice, schemas.EventDiscovered,
	schemas.EventPublished, schemas.EventOccurred, schemas.EventRestored, schemas.EventNotified}

// loadKindRules reads the kind rules: rule, kind, test (need or unless),
// words (|-separated; @name for the words of timeline/<name>.tsv). It
// panics, naming the file, line and column, on a row that breaks them:
// the files are embedded and TestBundledTimelineRules reads them.
func loadKindRules(path string) []kindRule {
	rs, err := parseKindRules(rules.Table(path, 4), rules.Words)
	if err != nil {
		panic(err)
	}
	return rs
}

func parseKindRules(rows []rules.Row, words func(string) []string) ([]kindRule, error) {
	var out []kindRule
	for _, r := range rows {
		n, err := strconv.Atoi(r.Fields[0])
		if err != nil || n < 1 {
			return nil, fmt.Errorf("extract: %s: rule %q is not a number from 1", r.Pos(), r.Fields[0])
		}
		kind, test := r.Fields[1], r.Fields[2]
		switch {
		case n == len(out)+1:
			out = append(out, kindRule{kind: kind})
		case n != len(out):
			return nil, fmt.Errorf("extract: %s: rule %d after rule %d: number the rules 1, 2, … in order", r.Pos(), n, len(out))
		}
		rule := &out[n-1]
		if !isOneOf(kind, timelineKinds) {
			return nil, fmt.Errorf("extract: %s: kind %q is not one of %s", r.Pos(), kind, strings.Join(timelineKinds, ", "))
		}
		if kind != rule.kind {
			return nil, fmt.Errorf("extract: %s: kind %q, but rule %d gives %q", r.Pos(), kind, n, rule.kind)
		}
		var ws []string
		for _, w := range strings.Split(r.Fields[3], "|") {
			switch {
			case w == "":
				return nil, fmt.Errorf("extract: %s: an empty word in %q", r.Pos(), r.Fields[3])
			case strings.HasPrefix(w, "@"):
				ws = append(ws, words("timeline/"+w[1:]+".tsv")...)
			default:
				ws = append(ws, w)
			}
		}
		switch test {
		case "need":
			rule.groups = append(rule.groups, newWordList(ws))
		case "unless":
			if len(rule.unlessWords.words) > 0 {
				return nil, fmt.Errorf("extract: %s: rule %d has two unless lines: write one", r.Pos(), n)
			}
			rule.unlessWords = newWordList(ws)
		default:
			return nil, fmt.Errorf("extract: %s: test %q is not one of need, unless", r.Pos(), test)
		}
	}
	for i, rule := range out {
		if len(rule.groups) == 0 {
			return nil, fmt.Errorf("extract: %s: rule %d has no need line", rows[0].File, i+1)
		}
	}
	return out, nil
}

func isOneOf(v string, allowed []string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// alternation is a regexp that matches any of words, literally, tried in
// the order given (the order of the file: where one word is a prefix of
// another, the file says which is taken).
func alternation(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return "(?:" + strings.Join(q, "|") + ")"
}
