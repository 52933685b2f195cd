package enrich

import (
	"fmt"
	"strings"

	"github.com/breachtrend/breachtrend/schemas"
)

// regulatorWords name the bodies a report under the APPI goes to.
var regulatorWords = []string{"個人情報保護委員会", "保護委員会", "監督官庁", "所管省庁", "所管官庁", "総務省", "文部科学省",
	"厚生労働省", "経済産業省", "金融庁", "財務局", "国土交通省", "総合通信局"}

// policeWords name the police.
var policeWords = []string{"警察", "県警", "府警", "道警", "警視庁", "捜査"}

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
		if containsAny(clause, regulatorWords) && !containsAny(clause, policeWords) {
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
