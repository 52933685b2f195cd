package timeline

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// TestSentenceEventsBounded: a sentence of more dates than
// maxSentenceEvents gives that many events; one of a few dates gives each.
func TestSentenceEventsBounded(t *testing.T) {
	sents := text.SplitSentences("【経緯】" + strings.Repeat("1月5日、", 100) + "不正アクセスを受けました。")
	yc := &dates.YearContext{CaseYear: 2023}
	if got := Events(nil, DatedSentences(sents), yc, -1, -1); len(got) != maxSentenceEvents {
		t.Errorf("%d events from a sentence of 100 dates, want %d", len(got), maxSentenceEvents)
	}
	sents = text.SplitSentences("2023年6月5日に不正アクセスを受け、6月7日に判明しました。")
	got := Events(nil, DatedSentences(sents), yc, -1, -1)
	if len(got) != 2 || got[0].Kind != schemas.EventOccurred || got[1].Kind != schemas.EventDiscovered {
		t.Errorf("events %+v, want occurred and discovered", got)
	}
}
