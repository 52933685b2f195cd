package dates

import (
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// scanDateCuesDecoding is scanDateCues decoding every rune of three bytes,
// kana too: the oracle of its shortcut over kana.
func scanDateCuesDecoding(s string) dateCues {
	var c dateCues
	afterDigit := false // the last rune but \s white space was a digit
	afterKanji := false // the last rune was one of 一…十
	afterDou := false   // the last rune was 同
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			i++
			afterDou = false
			switch {
			case text.IsDigitByte(b):
				c.digit = true
				if i < len(s) && (s[i] == '/' || s[i] == '.' || s[i] == '-') {
					c.digitSep = true
				}
				afterDigit, afterKanji = true, false
				continue
			case b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r':
				afterKanji = false
				continue
			case eraLetterByte[b]:
				c.eraLetter = true
			}
			afterDigit, afterKanji = false, false
			continue
		}
		// Any rune but those of three bytes is one the cues pass over,
		// as they pass over each byte of one that is not valid.
		r, n := text.ThreeByteRune(s, i)
		i += n
		kanji, dou := false, false
		switch r {
		case '月':
			c.sameMonth = c.sameMonth || afterDou
			if afterDigit {
				c.digitTsuki = i
			}
			if afterKanji {
				c.kanjiTsuki = i
			}
		case '年':
			c.nen = true
		case '翌':
			c.sameMonth = true
		case '同':
			dou = true
		case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
			c.kanjiDigit, kanji = true, true
		}
		afterDigit, afterKanji, afterDou = false, kanji, dou
	}
	return c
}

func TestScanDateCuesAsDecoding(t *testing.T) {
	texts := []string{"", "令和5年1月1日、当社において", "同月\xe3\x81", "\xe3\x81\x82月", "5\xe3\x80月", "翌月、同年。"}
	texts = append(texts, extracttest.OracleTexts(t)...)
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		texts = append(texts, s.Text)
	}
	for _, s := range texts {
		if got, want := scanDateCues(s), scanDateCuesDecoding(s); got != want {
			t.Fatalf("scanDateCues(%q) = %+v, want %+v", s, got, want)
		}
	}
}

// FuzzScanDateCues: the shortcut over kana leaves every cue as decoding
// every rune finds it, for any text.
func FuzzScanDateCues(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := scanDateCues(s), scanDateCuesDecoding(s); got != want {
			t.Fatalf("scanDateCues(%q) = %+v, want %+v", s, got, want)
		}
	})
}
