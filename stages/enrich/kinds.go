package enrich

import (
	"fmt"
	"strings"

	"github.com/breachtrend/breachtrend/schemas"
)

// reportBodies are rules/timeline/report_bodies.tsv: the words that name
// the bodies a report under the APPI goes to (regulator), and the police.
var reportBodies = wordsByColumn(fileReportBodies, "body", "regulator", "police")

// correctReportKinds relabels as a report to the regulator a police event
// whose own clause names the regulator and not the police: in
// 「個人情報保護委員会には3月20日に報告済みであり、また、所轄警察署にも3月30日
// 被害申告」 the 20th is the report to the Commission. It sets the notice's
// reported_date from the first such event when the notice had none, so the
// APPI clock can use it.
func correctReportKinds(n *schemas.Notice) {
	for i := range n.Events {
		e := &n.Events[i]
		if e.Kind != schemas.EventPolice {
			continue
		}
		clause := dateClause(e.Sentence, e.Date)
		if containsAny(clause, reportBodies["regulator"]) && !containsAny(clause, reportBodies["police"]) {
			e.Kind = schemas.EventReported
			if n.ReportedDate.IsZero() || e.Date.Before(n.ReportedDate) {
				n.ReportedDate = e.Date
			}
		}
	}
}

// dateClause is the clause of sentence (between 、 。 or line breaks) in
// which the day of d is written as M月D日 or M/D; the whole sentence when
// it is not found.
func dateClause(sentence string, d schemas.Date) string {
	if d.IsZero() {
		return sentence
	}
	t := d.Time()
	at := -1
	for _, form := range []string{fmt.Sprintf("%d月%d日", t.Month(), t.Day()), fmt.Sprintf("%d/%d", t.Month(), t.Day())} {
		if i := strings.Index(sentence, form); i >= 0 {
			at = i
			break
		}
	}
	if at < 0 {
		return sentence
	}
	start := max(strings.LastIndexAny(sentence[:at], "、。\n"), 0)
	end := strings.IndexAny(sentence[at:], "、。\n")
	if end < 0 {
		return sentence[start:]
	}
	return sentence[start : at+end]
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
