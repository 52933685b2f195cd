package extract

import (
	"regexp"
	"strings"

	"github.com/breachtrend/breachtrend/schemas"
)

// kindRule says which words in a clause make a dated event of a kind.
// Rules are tried in order; the first that matches wins.
type kindRule struct {
	kind   string
	all    []string // every one of these (any of the |-separated forms)
	unless []string
}

var kindRules = []kindRule{
	{kind: schemas.EventReported, all: []string{"個人情報保護委員会|保護委員会|PPC", "報告|提出|届出|速報|確報"}},
	{kind: schemas.EventPolice, all: []string{"警察|県警|府警|道警|警視庁|警察署", "相談|連絡|届|申告|通報|被害|捜査"}},
	{kind: schemas.EventPublished, all: []string{"公表|発表|適時開示|プレスリリース|お知らせを掲載|掲載いたしました|を公開|にて公開|にてお知らせ|ホームページにて|記者会見|更新日|公開日|掲載日|公表日|発表日|報告日"},
		unless: []string{"公開状態", "公開されて", "公開されている", "閲覧"}},
	{kind: schemas.EventDiscovered, all: []string{"判明|発覚|検知|感知|認知|把握|気付|気づ|発見|連絡を受け|連絡があ|連絡をいただ|ご連絡いただ|報告を受け|報告があ|通報|指摘|問い合わせ|問合せ|情報提供|申告|異常を|確認"},
		unless: []string{"ないこと", "ないの", "解消", "復旧", "削除", "停止", "再開", "完了", "以前に", "方の", "した方"}},
	{kind: schemas.EventOccurred, all: []string{"不正アクセス|攻撃|侵入|開始され|送信|送付|紛失|置き忘れ|盗難|盗まれ|公開状態|掲載|掲示|閲覧可能|閲覧できる|感染|暗号化|発生|持ち出|設定|誤って|改ざん|不正利用|不正ログイン|流出|漏えい|漏洩|不正に取得|不正に|取得され|受け|最後に確認|廃棄|送られ"},
		unless: []string{"以前に", "した方", "されたお客様", "までに", "復旧", "再開"}},
	{kind: schemas.EventRestored, all: []string{"復旧|再開|解消"}},
	{kind: schemas.EventNotified, all: []string{"ご連絡|お詫び|おわび|通知|ご案内"}},
}

func (r kindRule) matches(clause string) bool {
	for _, u := range r.unless {
		if strings.Contains(clause, u) {
			return false
		}
	}
	for _, group := range r.all {
		found := false
		for _, w := range strings.Split(group, "|") {
			if strings.Contains(clause, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func classifyClause(clause string) string {
	for _, r := range kindRules {
		if r.matches(clause) {
			return r.kind
		}
	}
	return schemas.EventOther
}

// dateOnlyRE matches a line that holds a date and nothing that says what
// happened: a bullet, a time, a weekday, brackets.
var dateOnlyRE = regexp.MustCompile(`^[\s・•\-*\d.()]*$`)

var timeContinuationRE = regexp.MustCompile(`(同日|当日|その後|直後|翌日|\d{1,2}時\d{0,2}分?|\d{1,2}:\d{2})`)

// timeline reads every dated event of the sentences, in text order.
// The sentence at index pub holds the notice's own date: its first date is
// the publication, not an event it tells of.
func timeline(sents []sentence, ctx *yearContext, pub int) []schemas.Event {
	var events []schemas.Event
	var last schemas.Date
	lastIdx := -10
	for i, s := range sents {
		ms := findDates(s.Text)
		if len(ms) == 0 {
			// "その後19時19分に…発覚しました": a time with no date is on the
			// day of the sentence before.
			if !last.IsZero() && i-lastIdx <= 2 && timeContinuationRE.MatchString(s.Text) {
				k := classifyClause(s.Text)
				if k == schemas.EventDiscovered || k == schemas.EventOccurred {
					d := last
					if strings.Contains(s.Text, "翌日") {
						d = d.AddDays(1)
					}
					events = append(events, schemas.Event{Kind: k, Date: d, Sentence: s.Text})
					lastIdx = i
				}
			}
			continue
		}
		for j, m := range ms {
			d := ctx.resolve(m)
			if d.IsZero() {
				continue
			}
			end := len(s.Text)
			if j+1 < len(ms) && !ms[j+1].RangeEnd {
				end = ms[j+1].Start
			}
			clause := s.Text[m.End:end]
			rest := strings.TrimSpace(s.Text[:m.Start] + clause)
			kind := schemas.EventOther
			switch {
			case i == pub && j == 0:
				kind = schemas.EventPublished
			case m.RangeEnd:
				kind = schemas.EventOther // the end of a period
			case dateOnlyRE.MatchString(stripDates(s.Text)):
				// A date on a line of its own: what happened is said on the
				// next line, or by the heading it sits under.
				kind = classifyClause(s.Heading)
				if kind == schemas.EventOther && i+1 < len(sents) && len(findDates(sents[i+1].Text)) == 0 {
					kind = classifyClause(sents[i+1].Text)
				}
			default:
				kind = classifyClause(clause)
				if kind == schemas.EventOther {
					kind = classifyClause(rest)
				}
			}
			events = append(events, schemas.Event{Kind: kind, Date: d, Sentence: s.Text})
			last, lastIdx = d, i
		}
	}
	return events
}

// stripDates removes the date mentions, weekdays and times from s.
func stripDates(s string) string {
	ms := findDates(s)
	var b strings.Builder
	prev := 0
	for _, m := range ms {
		b.WriteString(s[prev:m.Start])
		prev = m.End
	}
	b.WriteString(s[prev:])
	out := weekdayAnyRE.ReplaceAllString(b.String(), "")
	out = timeRE.ReplaceAllString(out, "")
	return strings.Trim(out, " ~-、,:")
}

var (
	weekdayAnyRE = regexp.MustCompile(`[(](月|火|水|木|金|土|日)(曜日?)?[)]`)
	timeRE       = regexp.MustCompile(`(午前|午後|未明|深夜)?\d{1,2}(時\d{0,2}分?|:\d{2})(頃|ごろ|時点)?`)
)

// firstOf returns the earliest event of a kind on or before limit (when
// limit is set), and the sentence that states it.
func firstOf(events []schemas.Event, kind string, limit schemas.Date) (schemas.Date, string) {
	var best schemas.Event
	for _, e := range events {
		if e.Kind != kind || (!limit.IsZero() && limit.Before(e.Date)) {
			continue
		}
		if best.Date.IsZero() || e.Date.Before(best.Date) {
			best = e
		}
	}
	return best.Date, best.Sentence
}
