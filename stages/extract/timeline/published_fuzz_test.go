package timeline

import (
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// FuzzOwnDate: any text, with any of its lines as the title, is read
// without a panic, and the sentence and mention it names as the notice's
// date exist.
func FuzzOwnDate(f *testing.F) {
	for _, s := range []string{
		"市立中学校における成績表の誤送信について 2024年7月22日(月)\n市立中学校において、成績表を誤って送信しました。",
		"個人情報の漏えいについて\n発生時期 2024/5/1\n公表日\n2024年5月10日\n名簿を誤って送付しました。",
		"個人情報の紛失について\n当法人職員が書類を紛失しました。深くお詫び申し上げます。\n令和6年3月4日\n社会福祉法人青葉会\n理事長 青葉一郎",
		"令和6年2月3日、メールを誤送信しました。\n本日(2月5日)、謝罪いたします。",
		"(第2報:2024年6月10日(月)更新)", "本日(", "公表日\n", "2024年7月22日 ~", "",
	} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, titleLine int) {
		sents := DatedSentences(text.SplitSentences(s))
		title := ""
		if titleLine >= 0 && titleLine < len(sents) {
			title = sents[titleLine].Text
		}
		d, i, k := publishedDate(nil, "", "", title, sents, &dates.YearContext{})
		if i < 0 {
			if k != -1 {
				t.Fatalf("sentence %d, mention %d", i, k)
			}
			return
		}
		if d.IsZero() || i >= len(sents) || k < 0 || k >= len(sents[i].Dates) {
			t.Fatalf("date %v at sentence %d mention %d of %d sentences", d, i, k, len(sents))
		}
	})
}
