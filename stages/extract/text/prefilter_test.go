package text

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
)

var indexWords = []string{"不正", "不正アクセス", "アクセス", "正ア", "ああ", "あ", "ID", "D", "感染", "ウイルス感染", "�", "ランサム", "ランサムウェア"}

var indexTexts = []string{
	"", "あ", "ああああ", "不正アクセスによりウイルス感染", "IDとパスワード", "ランサムウェアのランサム",
	"\xe3\x81不正\xff\xe3あ", "不正\xef\xbf\xbdアクセス", "\x81\x82ア", "abcDID",
}

func checkIndex(t *testing.T, s string) {
	x := wordscan.New(indexWords)
	got := x.AppendHits(nil, s)
	if want := extracttest.NaiveHits(indexWords, s); !slices.Equal(got, want) {
		t.Fatalf("AppendHits(%q) = %v, want %v", s, got, want)
	}
	lists := [][]string{indexWords[:3], indexWords[3:6], indexWords[6:], {"ア", "感"}}
	var want uint64
	for i, l := range lists {
		if ContainsAny(s, l) {
			want |= 1 << i
		}
	}
	if got := NewListSet(lists...).In(s); got != want {
		t.Fatalf("ListSet.In(%q) = %b, want %b", s, got, want)
	}
}

func TestWordIndex(t *testing.T) {
	for _, s := range indexTexts {
		checkIndex(t, s)
	}
}

func FuzzWordIndex(f *testing.F) {
	for _, s := range append(indexTexts, extracttest.FuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(checkIndex)
}

// maskOfRunes is MaskOf as a range loop decodes s: the oracle of its
// inline decoding.
func maskOfRunes(s string) RuneMask {
	var m RuneMask
	for _, r := range s {
		h := maskBit(r)
		m[h>>6] |= 1 << (h & 63)
	}
	return m
}

func TestMaskOfAsRangeLoop(t *testing.T) {
	for _, s := range append(slices.Clone(indexTexts), "\xe0\x80\x80", "\xed\xa0\x80", "😀当", "\xe3\x81", "é当a\xc3") {
		if got, want := MaskOf(s), maskOfRunes(s); got != want {
			t.Errorf("MaskOf(%q) = %x, want %x", s, got, want)
		}
	}
	for _, n := range extracttest.OracleTexts(t) {
		if got, want := MaskOf(n), maskOfRunes(n); got != want {
			t.Fatalf("MaskOf of a sample notice = %x, want %x", got, want)
		}
	}
}

// FuzzMaskOf: MaskOf sets the bits a range loop over s sets, for any s.
func FuzzMaskOf(f *testing.F) {
	for _, s := range indexTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := MaskOf(s), maskOfRunes(s); got != want {
			t.Fatalf("MaskOf(%q) = %x, want %x", s, got, want)
		}
	})
}

// FuzzDecodeRuneAt: DecodeRuneAt decodes as utf8.DecodeRuneInString at
// every byte of any s.
func FuzzDecodeRuneAt(f *testing.F) {
	for _, s := range append(slices.Clone(indexTexts), "\xe0\x80\x80", "\xed\xa0\x80", "😀当", "é当a\xc3") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := range len(s) {
			r, n := DecodeRuneAt(s, i)
			if wr, wn := utf8.DecodeRuneInString(s[i:]); r != wr || n != wn {
				t.Fatalf("DecodeRuneAt(%q, %d) = %q, %d; utf8 gives %q, %d", s, i, r, n, wr, wn)
			}
		}
	})
}

// checkIndexWord compares IndexWord with strings.Index for w in s and in
// every suffix of s, so that the word is met at every distance from the
// start and the end.
func checkIndexWord(t *testing.T, s, w string) {
	t.Helper()
	for i := 0; i <= len(s); i++ {
		if got, want := IndexWord(s[i:], w), strings.Index(s[i:], w); got != want {
			t.Fatalf("IndexWord(%q, %q) = %d, strings.Index %d", s[i:], w, got, want)
		}
	}
}

func TestIndexWordAsStrings(t *testing.T) {
	words := append(slices.Clone(indexWords), "個人情報", "漏えい", "当社", "名", "。", "、当社", "報", "\xe3\x81\x82")
	long := strings.Repeat("令和5年1月1日、当社において不正アクセスが発生し、", 3)
	for _, s := range append(slices.Clone(indexTexts), long, long+"個人情報", "個人情報"+long, long+"\xe5\x80", long+"漏え") {
		for _, w := range words {
			checkIndexWord(t, s, w)
		}
	}
	for _, s := range extracttest.OracleTexts(t) {
		for _, w := range words {
			if got, want := IndexWord(s, w), strings.Index(s, w); got != want {
				t.Fatalf("IndexWord(%q, %q) = %d, strings.Index %d", s, w, got, want)
			}
		}
	}
}

// FuzzIndexWord: IndexWord finds what strings.Index finds, for any text
// and word.
func FuzzIndexWord(f *testing.F) {
	f.Add(strings.Repeat("令和5年1月1日、当社において不正アクセスが発生し", 2), "不正アクセス")
	f.Add(strings.Repeat("あい", 40)+"\xe3\x81", "\xe3\x81\x84")
	f.Fuzz(func(t *testing.T, s, w string) {
		checkIndexWord(t, s, w)
	})
}

// TestThreeByteRuneAsUTF8: ThreeByteRune reads every three bytes from a
// lead byte of C0 up (and the same cut short) as utf8.DecodeRuneInString
// does when that reads a rune of three bytes, and as unknown otherwise.
func TestThreeByteRuneAsUTF8(t *testing.T) {
	check := func(s string) {
		r, n := ThreeByteRune(s, 0)
		wr, wn := utf8.DecodeRuneInString(s)
		if wn != 3 {
			wr = -1
			wn = 1
		}
		if r != wr || n != wn {
			t.Fatalf("ThreeByteRune(%q) = %U, %d; want %U, %d", s, r, n, wr, wn)
		}
	}
	var b [3]byte
	for b0 := 0xC0; b0 <= 0xFF; b0++ {
		b[0] = byte(b0)
		check(string(b[:1]))
		for b1 := range 256 {
			b[1] = byte(b1)
			check(string(b[:2]))
			for b2 := range 256 {
				b[2] = byte(b2)
				check(string(b[:]))
			}
		}
	}
	check("a")
	check("\x80\x80\x80")
}

// FuzzDecodeLastRuneBefore: DecodeLastRuneBefore decodes as
// utf8.DecodeLastRuneInString before every byte of any s.
func FuzzDecodeLastRuneBefore(f *testing.F) {
	for _, s := range append(slices.Clone(indexTexts), "\xe0\x80\x80", "\xed\xa0\x80", "😀当", "é当a\xc3", "\x80当") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := range len(s) + 1 {
			r, n := DecodeLastRuneBefore(s, i)
			if wr, wn := utf8.DecodeLastRuneInString(s[:i]); r != wr || n != wn {
				t.Fatalf("DecodeLastRuneBefore(%q, %d) = %q, %d; utf8 gives %q, %d", s, i, r, n, wr, wn)
			}
		}
	})
}

// FuzzRuneCountTo: RuneCountTo counts as utf8.RuneCountInString up to
// its bound, for any s.
func FuzzRuneCountTo(f *testing.F) {
	for _, s := range append(slices.Clone(indexTexts), "\xe0\x80\x80", "\xed\xa0\x80", "😀当", "é当a\xc3") {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = max%64 + 64 // 1…127: 0 and below count nothing
		if got, want := RuneCountTo(s, max), min(utf8.RuneCountInString(s), max); got != want {
			t.Fatalf("RuneCountTo(%q, %d) = %d, want %d", s, max, got, want)
		}
	})
}

// TestOccurrences: every place a word stands, left to right, each after
// the end of the one before, as a strings.Index loop finds them.
func TestOccurrences(t *testing.T) {
	for _, c := range []struct {
		s, w string
		want []int
	}{
		{"当社は当社の当社", "当社", []int{0, 9, 18}},
		{"ああああ", "ああ", []int{0, 6}}, // not overlapping
		{"abc", "x", nil},
		{"abc", "", nil},
		{"", "当社", nil},
		{strings.Repeat("の", 40) + "(以下「A」)" + strings.Repeat("の", 40) + "(以下「B」)", "(以下", []int{120, 120 + len("(以下「A」)") + 120}},
	} {
		got := slices.Collect(Occurrences(c.s, c.w))
		if !slices.Equal(got, c.want) {
			t.Errorf("Occurrences(%q, %q) = %v, want %v", c.s, c.w, got, c.want)
		}
	}
}
