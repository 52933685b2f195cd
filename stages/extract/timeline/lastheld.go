package timeline

import (
	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The occurrence of a loss that dates none: the last day the lost thing
// was held (timeline/last_held.tsv), read by Fill.

// lastHeldWords are timeline/last_held.tsv's parts.
var lastHeldWords = rules.MustParts(rules.Table("timeline/last_held.tsv", 2), []string{"loss", "held", "found", "then"})

// dateLineMaxRunes bounds a line that is a date alone, with its weekday
// and a time (timeline/weights.tsv date_line_max_runes).
var dateLineMaxRunes = timelineWeights["date_line_max_runes"]

// lastHeld is the day a lost thing was last held, for a notice of a loss
// (title or text) that dates no occurrence: the first event that tells
// nothing of its own (other) and whose sentence holds a held word, or a
// discovery whose sentence of one date tells the item held that day and
// then found missing (heldThenFound), or a discovery on a date's own line
// whose line under it tells the item held, on or before limit (the discovery,
// else the notice's date; none when both are unknown). The zero Date when
// there is none.
func lastHeld(events []schemas.Event, title string, sents []text.Sentence, limit schemas.Date) schemas.Date {
	if limit.IsZero() {
		return schemas.Date{}
	}
	loss := text.ContainsAny(title, lastHeldWords["loss"])
	for i := 0; !loss && i < len(sents); i++ {
		loss = text.ContainsAny(sents[i].Text, lastHeldWords["loss"])
	}
	if !loss {
		return schemas.Date{}
	}
	var best schemas.Date
	var under map[string]string // a short line's text → the line under it, made on first need
	for _, e := range events {
		if limit.Before(e.Date) || !best.IsZero() && !e.Date.Before(best) {
			continue
		}
		if e.Kind == schemas.EventDiscovered && heldThenFound(e.Sentence) {
			best = e.Date
			continue
		}
		if e.Kind != schemas.EventOther && e.Kind != schemas.EventDiscovered {
			continue
		}
		if e.Kind == schemas.EventOther && text.ContainsAny(e.Sentence, lastHeldWords["held"]) {
			best = e.Date
			continue
		}
		// A date alone on its line whose line under it tells the item held,
		// whether nothing else or a finding later in the day is told
		// (「(1) 平成30年1月5日(金) / …USBメモリ内に保存し、…持ち帰りました。
		// / 帰宅後、…見当たらないことが発覚」: held and lost that day).
		if text.RuneCountTo(e.Sentence, dateLineMaxRunes+1) > dateLineMaxRunes {
			continue
		}
		if under == nil {
			under = linesUnder(sents)
		}
		if next, ok := under[e.Sentence]; ok && dateLineHeld(next) {
			best = e.Date
		}
	}
	return best
}

// linesUnder maps the text of each short sentence (a date alone on its
// line: at most dateLineMaxRunes) to the sentence after it, the first
// such sentence's where texts repeat.
func linesUnder(sents []text.Sentence) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(sents); i++ {
		t := sents[i].Text
		if _, seen := m[t]; !seen && text.RuneCountTo(t, dateLineMaxRunes+1) <= dateLineMaxRunes {
			m[t] = sents[i+1].Text
		}
	}
	return m
}

// dateLineHeld reports whether next, the line under a date on a line of
// its own (a timeline's 「7月14日(金曜日)」), holds a held word and no found
// word: 「・成績資料を持って会議に出席した後、職員室の自席に戻った。」, not
// 「…保管されていないことに気付き」.
func dateLineHeld(next string) bool {
	return text.ContainsAny(next, lastHeldWords["held"]) && !text.ContainsAny(next, lastHeldWords["found"])
}

// heldThenFound reports whether a sentence of one date tells the lost item
// held that day, then (a then word after the held word) found missing:
// 「USBメモリは、4月26日、教員が教室で使用し、その後、研究室に戻った際、
// 紛失に気が付きました」 dates the loss and its discovery alike. Not
// 「4月26日、保管していた書類が見当たらないことに気付いた」: kept before,
// no then.
func heldThenFound(sentence string) bool {
	found := text.FirstIndexAny(sentence, lastHeldWords["found"])
	if found < 0 {
		return false
	}
	before := sentence[:found]
	held := text.FirstIndexAny(before, lastHeldWords["held"])
	return held >= 0 && text.ContainsAny(before[held:], lastHeldWords["then"]) && len(dates.Find(sentence)) == 1
}
