package segment

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/title"
)

// IsNotice classifies a segment's normalized text as a notice of an
// incident or not, counting a blog header as evidence: a notice
// (classify) that tells of an incident of its own organization
// (ownIncident).
func IsNotice(normalized string, hasHeader bool) bool {
	found := classifierTerms.Present(normalized) // the classifier's terms and the incident gates, in one walk
	ok, _ := verdict(&found, hasHeader)
	return ok && ownIncident(normalized, &found)
}

// Segment is one notice or post of a document, in the document's original
// text. Header is set when the segment starts with a blog header line.
type Segment struct {
	Index  int     // position in the document, from 0
	Title  string  // the header line, else the heading (title.Of), normalized
	Text   string  // original text, header line included
	Header *Header // the parsed header, or nil
	// Normalized is normalize.Text(Text) when Split has it at hand, else
	// "": a segment of one line (a JSON Lines record of one sentence) is
	// the line its title was read from, normalized once for both.
	Normalized string
}

// HeaderOnly reports whether the segment is a header line and nothing
// else: no text beyond it to extract from. Such a segment is an
// empty_segment reject, not a notice (10,000 bare headers once made 1,000
// incidents with no organization and no date).
func (s Segment) HeaderOnly() bool {
	if s.Header == nil {
		return false
	}
	_, body, _ := strings.Cut(strings.TrimLeft(s.Text, " \t\n\u00a0\u3000"), "\n")
	return !hasBodyRune(body)
}

// ReasonEmptySegment is the reject reason of a HeaderOnly segment.
const ReasonEmptySegment = "empty_segment"

// MaxSegmentBytes bounds a segment's text. The longest real notice seen is
// about 10 KB; a segment of megabytes is a file the segmenter found no cut
// in (a dump with no headers), and processing it as one notice took 880 MB
// for 60 MB of text. A longer segment is a segment_too_large reject.
const MaxSegmentBytes = 1 << 20

// ReasonSegmentTooLarge is the reject reason of a segment longer than
// MaxSegmentBytes.
const ReasonSegmentTooLarge = "segment_too_large"

// Header is a blog archive header `【…#2023-265】<organization> <title> <date>`.
type Header struct {
	CaseID string // "2023-265"; "" when the header has a year but no number
	Rest   string // what follows the closing bracket, normalized
}

// A header line, after normalization, is matched by
//
//	^【([^】]{0,40})#\s*((?:19|20)\d{2})(?:-(\d{1,5}))?\s*】\s*(.*)$
//
// (matchHeader; the regexp is its tests' oracle). The bracket may hold any
// label; what makes it a header is the #YYYY-NNN case number in it.

// ParseHeader reads a header line; ok is false when line is not one. The
// line may open with a byte order mark (files saved by Notepad and joined
// by cat or copy /b carry one at each file's start) or a Markdown
// heading's marks (「## 【セキュリティ事件簿#2024-101】…」 in a .md archive).
func ParseHeader(line string) (h Header, ok bool) {
	l := strings.TrimSpace(line)
	if !strings.HasPrefix(l, "【") {
		l = strings.TrimLeft(l, "\uFEFF# \t\u3000")
	}
	if !strings.HasPrefix(l, "【") {
		return Header{}, false
	}
	r, found, miss := headers.Look(l)
	if found {
		return r.h, r.ok
	}
	h, ok = parseHeader(l)
	if miss.Keep() {
		headers.AddMissed(miss, strings.Clone(l), parsedHeader{h, ok})
	}
	return h, ok
}

// parseHeader is ParseHeader of a trimmed line that starts with 【.
func parseHeader(l string) (h Header, ok bool) {
	year, number, rest, ok := matchHeader(normalize.Chars(l))
	if !ok {
		return Header{}, false
	}
	if number != "" {
		h.CaseID = year + "-" + number
	}
	h.Rest = strings.TrimSpace(rest)
	return h, true
}

// matchHeader is headerRE.FindStringSubmatch(s) without the regexp engine,
// which took half of parseHeader's time: year, number and rest are its
// groups 2 to 4 (number "" when the header has none). The bracket's label,
// group 1, is the greedy [^】]{0,40}: the # that ends it is tried from the
// last one within those 40 characters back to the first.
func matchHeader(s string) (year, number, rest string, ok bool) {
	const open = "【"
	if !strings.HasPrefix(s, open) {
		return "", "", "", false
	}
	var hashes [41]int // the byte offsets of the #s a label of up to 40 characters may end at
	n := 0
	for i, runes := len(open), 0; i < len(s) && runes <= 40; runes++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '#' {
			hashes[n] = i
			n++
		}
		if r == '】' {
			break
		}
		i += size
	}
	for n > 0 {
		n--
		if year, number, rest, ok = matchHeaderTail(s[hashes[n]+1:]); ok {
			return year, number, rest, true
		}
	}
	return "", "", "", false
}

// matchHeaderTail matches s against what headerRE has after the label's
// #: \s*((?:19|20)\d{2})(?:-(\d{1,5}))?\s*】\s*(.*)$. Backing off any of
// its greedy parts never helps: what they give back is a space or a digit,
// which the part after them cannot start with.
func matchHeaderTail(s string) (year, number, rest string, ok bool) {
	s = trimRESpace(s)
	if len(s) < 4 || !(s[:2] == "19" || s[:2] == "20") || !isDigit(s[2]) || !isDigit(s[3]) {
		return "", "", "", false
	}
	year, s = s[:4], s[4:]
	if strings.HasPrefix(s, "-") {
		d := 1
		for d < len(s) && d <= 5 && isDigit(s[d]) {
			d++
		}
		if d == 1 {
			return "", "", "", false
		}
		number, s = s[1:d], s[d:]
	}
	s = trimRESpace(s)
	if !strings.HasPrefix(s, "】") {
		return "", "", "", false
	}
	rest = trimRESpace(s[len("】"):])
	if strings.Contains(rest, "\n") {
		return "", "", "", false
	}
	return year, number, rest, true
}

// trimRESpace drops the regexp's \s ([\t\n\f\r ]) from the start of s.
func trimRESpace(s string) string {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return s[i:]
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// minSide is the least body, in runes, each side of a cut must have: a
// heading under a header, or a two-line tail, is not a post of its own.
const minSide = 200

// Split cuts text into segments. It never returns an empty slice for a
// text with content; a blank text gives no segments.
func Split(text string) []Segment {
	if strings.IndexByte(text, '\n') < 0 {
		return splitLine(text)
	}
	return splitLines(text)
}

// splitLine is Split of a text of one line (a JSON Lines record of one
// sentence): one segment, or none when it is blank. splitLines made six
// slices to find that, a tenth of reading such a record.
func splitLine(l string) []Segment {
	if !hasBodyRune(l) {
		return nil
	}
	s := Segment{Text: l}
	var first string
	s.Title, first, s.Normalized = titleOf([]string{l})
	if first != l {
		s.Normalized = ""
	}
	if h, ok := ParseHeader(l); ok {
		s.Header = &h
	}
	return []Segment{s}
}

// splitLines is Split of any text.
func splitLines(text string) []Segment {
	d := newLineText(strings.ReplaceAll(text, "\r\n", "\n"))
	lines := d.lines
	var parts [][2]int // runs of lines, from one header to the next
	var headers []*Header
	start := 0
	var cur *Header
	for i, l := range lines {
		h, ok := ParseHeader(l)
		if !ok {
			continue
		}
		if i > start && hasBody(lines[start:i]) {
			parts = append(parts, [2]int{start, i})
			headers = append(headers, cur)
		}
		hh := h
		cur, start = &hh, i
	}
	parts = append(parts, [2]int{start, len(lines)})
	headers = append(headers, cur)

	var segs []Segment
	for p, part := range parts {
		cuts := splitPosts(d, part[0], part[1])
		for k, from := range cuts {
			to := part[1]
			if k+1 < len(cuts) {
				to = cuts[k+1]
			}
			piece := lines[from:to]
			if !hasBody(piece) {
				continue
			}
			s := Segment{Index: len(segs), Text: strings.Trim(d.join(from, to), "\n")}
			var first string
			s.Title, first, s.Normalized = titleOf(piece)
			if s.Text != first {
				s.Normalized = ""
			}
			if k == 0 {
				s.Header = headers[p]
			}
			segs = append(segs, s)
		}
	}
	return segs
}

// lineText is a text cut at newlines. A run of its lines is a substring of
// the text, where strings.Join would copy them.
type lineText struct {
	text  string
	lines []string
	start []int // where each line starts in text
}

func newLineText(text string) *lineText {
	d := &lineText{text: text, lines: strings.Split(text, "\n")}
	d.start = make([]int, len(d.lines))
	at := 0
	for i, l := range d.lines {
		d.start[i] = at
		at += len(l) + 1
	}
	return d
}

// join is strings.Join(d.lines[from:to], "\n").
func (d *lineText) join(from, to int) string {
	if from >= to {
		return ""
	}
	return d.text[d.start[from] : d.start[to-1]+len(d.lines[to-1])]
}

// titleFoldLines is how many non-blank lines from its top a segment's
// title is looked for in, folded. title.Of reads up to 40, but a heading
// lies within the first few, or after a page's chrome of a dozen; folding
// more allocated 220 MB more over the 100k bench corpus.
const titleFoldLines = 24

// titleOf is the segment's title: a blog header line when it starts with
// one, else its heading, page chrome skipped (title.Of). first is the
// segment's first line that is not blank once normalized, normalized
// that line.
func titleOf(lines []string) (heading, first, normalized string) {
	for i, l := range lines {
		if t := normalize.Text(l); t != "" {
			if _, ok := ParseHeader(l); ok {
				// A Markdown heading's marks are no part of the title.
				return strings.TrimLeft(t, "# "), l, t
			}
			if len(lines)-i == 1 {
				// One line (a JSON Lines record of one sentence),
				// normalized once for its title and its text.
				return title.OfFirstNormalized(lines[i:], t), l, t
			}
			// The heading is read from the lines as normalize.Text
			// folds them: a title or a sentence wrapped over two lines
			// (PDF text) is one line, not a heading cut in the middle
			// and a sentence's fragment that reads as one.
			end, seen := i, 0
			for end < len(lines) && seen < titleFoldLines {
				if strings.TrimSpace(lines[end]) != "" {
					seen++
				}
				end++
			}
			top := lines[i:end]
			return title.OfNormalized(strings.Split(normalize.Text(strings.Join(top, "\n")), "\n")), l, t
		}
	}
	return "", "", "" // every line blank, as title.Of finds
}

// splitPosts cuts the lines [from, to) of a header part at post boundaries
// where the kind of text changes from notice to article or back. It
// returns where the posts start, from first.
func splitPosts(d *lineText, from, to int) []int {
	lines := d.lines[from:to]
	var bounds []int // the post boundaries in lines, each checked once
	for i := 1; i < len(lines); i++ {
		if isBoundary(lines, i) {
			bounds = append(bounds, i)
		}
	}
	cuts := []int{from}
	if len(bounds) == 0 {
		return cuts
	}
	// body[k] is bodyLen of lines[:k]: the sides of a cut are measured
	// without joining them (the newlines that join them count nothing).
	body := make([]int, len(lines)+1)
	for k, l := range lines {
		body[k+1] = body[k] + bodyLen(l)
	}
	start := 0
	for b, i := range bounds {
		next := len(lines)
		if b+1 < len(bounds) {
			next = bounds[b+1]
		}
		if body[i]-body[start] < minSide || body[next]-body[i] < minSide {
			continue
		}
		nb, _ := classifyRaw(d.join(from+start, from+i))
		na, ma := classifyRaw(d.join(from+i, from+next))
		if nb != na && (nb || ma > 2) {
			cuts = append(cuts, from+i)
			start = i
		}
	}
	return cuts
}

// isBoundary reports whether a post may start at line i: a title-like line
// after a blank line, and either an empty paragraph under it (a line of
// only no-break spaces, as blog exports write one) or an end-of-post line
// above it.
func isBoundary(lines []string, i int) bool {
	// The blank line above is checked first: it is cheap, and most lines
	// have none, while isTitleLike normalizes the line.
	if i == 0 || strings.TrimSpace(lines[i-1]) != "" || !isTitleLikeMemo(lines[i]) {
		return false
	}
	// The line above the blank, if it ends a post.
	for j := i - 1; j >= 0; j-- {
		if t := strings.TrimSpace(lines[j]); t != "" {
			for _, e := range endOfPost {
				if strings.Contains(t, e) {
					return true
				}
			}
			break
		}
	}
	// An empty paragraph of only no-break or ideographic spaces below it.
	for j := i + 1; j < len(lines) && j <= i+3; j++ {
		l := lines[j]
		if strings.TrimSpace(l) == "" && l != "" && strings.Trim(l, " \t") != "" {
			return true
		}
		if strings.Trim(l, " \t\u00a0\u3000") != "" {
			break
		}
	}
	return false
}

// listMarker matches the start of a numbered or bulleted line.
var listMarker = regexp.MustCompile(`^(\d+[.)．、]|\(\d+\)|[・•●○■□◆◇▼▲※\-*]|第\d+)`)

// isTitleLike reports whether l could be a post title: short, one line, not
// a sentence and not a list item.
func isTitleLike(l string) bool {
	if holdsSentenceEnd(l) {
		return false
	}
	t := normalize.Text(l)
	n := utf8.RuneCountInString(t)
	return n >= 4 && n <= 80 && !strings.Contains(t, "。") && !listMarker.MatchString(t) &&
		!strings.HasPrefix(t, "【")
}

// holdsSentenceEnd reports whether raw line l holds a 。, which makes it a
// sentence and no title: normalizing keeps a 。 (and makes one of the
// half-width ｡), whatever it does to the rest. It is told before
// normalizing, or a memo's look-up, as the cheapest test.
func holdsSentenceEnd(l string) bool { return strings.Contains(l, "。") }
