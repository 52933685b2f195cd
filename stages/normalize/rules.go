package normalize

import (
	"strings"

	"github.com/breachtrend/breachtrend/rules"
)

// The rule files of line joining: when a line break falls inside a
// sentence.
const (
	FileLineWraps       = "text/line_wraps.tsv"
	FileSentenceOpeners = "text/sentence_openers.tsv"
)

var (
	lineWraps = rules.ReadSettings(FileLineWraps)
	// wrapMinRunes is the shortest line a wrap breaks off.
	wrapMinRunes = lineWraps.Int("wrap_min_runes")
	// blankWrapMinRunes is the shortest line a dangling particle joins
	// across a blank line.
	blankWrapMinRunes = lineWraps.Int("blank_wrap_min_runes")
	// sentenceEndKana end a sentence's verb: a line ending with one is no
	// wrap.
	sentenceEndKana = lineWraps.String("sentence_end_kana")
	// danglingParticles leave a sentence open across a blank line.
	danglingParticles = lineWraps.String("dangling_particles")
	// phraseBreakEnds are the commas a page's hand-broken line stops on
	// mid-sentence, as it stops on a dangling particle (continues).
	phraseBreakEnds = lineWraps.String("phrase_break_ends")
	// nounEndings end a sentence on a noun whose last kana is a dangling
	// particle's (もの, こと): a line ending with one is no phrase break.
	nounEndings = strings.Split(lineWraps.String("noun_endings"), "|")
	// sentenceEnds close a line: the next never continues it.
	sentenceEnds = lineWraps.String("sentence_ends")
	// fixedWidthMin, fixedWidthLines, fixedWidthPercent and
	// fixedWidthSlack tell text wrapped at a fixed width (wrapWidth).
	fixedWidthMin     = lineWraps.Int("fixed_width_min")
	fixedWidthLines   = lineWraps.Int("fixed_width_lines")
	fixedWidthPercent = lineWraps.Int("fixed_width_percent")
	fixedWidthSlack   = lineWraps.Int("fixed_width_slack")
	// fixedWidthOverPercent is the most lines, in percent of the long
	// ones, that may be wider than the width a text is wrapped at.
	fixedWidthOverPercent = lineWraps.Int("fixed_width_over_percent")
	// runOnOverPercent: a line wider than the width by more than this
	// share of it runs on past the width, no wrapped line.
	runOnOverPercent = lineWraps.Int("run_on_over_percent")
	// layoutGapSpaces: a run of this many white-space characters inside a
	// line sets it in columns (layoutGap), no wrapped line.
	layoutGapSpaces = lineWraps.Int("layout_gap_spaces")
	// letterSpacedMin: the fewest characters of a letter-spaced line
	// (letterSpaced).
	letterSpacedMin = lineWraps.Int("letter_spaced_min")
	// proportionalLatinPercent: how much wider than a column a half-width
	// rune is taken to be when a line is judged full (proportional type).
	proportionalLatinPercent = lineWraps.Int("proportional_latin_percent")
	// spacedNumbersMin and numberUnits tell a text that sets numbers and
	// Latin words apart from the Japanese beside them (spacedText).
	spacedNumbersMin = lineWraps.Int("spaced_numbers_min")
	numberUnits      = strings.Split(lineWraps.String("number_units"), "|")
	// doubleSpacedLines and doubleSpacedAdjacentPercent tell a text with
	// a blank line after every line (doubleSpaced).
	doubleSpacedLines           = lineWraps.Int("double_spaced_lines")
	doubleSpacedAdjacentPercent = lineWraps.Int("double_spaced_adjacent_percent")
	// lineOpeners start a line of their own: a heading, an item, a quote.
	lineOpeners = lineWraps.String("line_openers")
	// bracketPairs are the brackets a line may close that the line before
	// opened (bracket_pairs: each opener followed by its closer).
	bracketPairs = lineWraps.String("bracket_pairs")
	// asideOpeners open an aside that defines the word before it
	// (「(以下「本市」という。)」): a line opening with one continues the
	// line before it.
	asideOpeners = strings.Split(lineWraps.String("aside_openers"), "|")
	// clauseContinuations open a line that goes on with the clause the
	// line before it ends (「…確認した」 / 「ところ、…」).
	clauseContinuations = strings.Split(lineWraps.String("clause_continuations"), "|")
	// dateEras are the era names a dateline broken over lines may open
	// with (「平 成」 / 「2 7 年 5 月」 / 「2 2 日」, PDF text): see dateSplit.
	dateEras = strings.Split(lineWraps.String("date_eras"), "|")
	// datelineRunes are the runes besides digits, eras and spaces that a
	// dateline alone may hold: units, weekdays, brackets, separators (see
	// datelineAlone).
	datelineRunes = lineWraps.String("dateline_runes")
	// headlineEnds end a text's first line that is a whole headline, not
	// the first piece of a wrapped one (see foldLines).
	headlineEnds = strings.Split(lineWraps.String("headline_ends"), "|")
	// splitNumberBefore and splitNumberAfter are the units around a date's
	// or a time's two-digit number split by a space (6月2 7日): see
	// splitNumber.
	splitNumberBefore = strings.Split(lineWraps.String("split_number_before"), "|")
	splitNumberAfter  = strings.Split(lineWraps.String("split_number_after"), "|")
	// sentenceOpeners are the hiragana words a new sentence or paragraph
	// starts with; a line that starts with one is not the tail of a
	// wrapped line. hasSpacedPrefix needs them to be Japanese throughout.
	sentenceOpeners = rules.Words(FileSentenceOpeners)
)
