package fetch

import (
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blocks end a line of text.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Tr: true, atom.Table: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true, atom.Hr: true,
	atom.Ul: true, atom.Ol: true, atom.Dd: true, atom.Dt: true,
}

var spaceRun = regexp.MustCompile(`[ \t\r\x{3000}]*\n[ \t\r\n\x{3000}]*\n[ \t\r\n\x{3000}]*`)

// htmlText is the visible text of a fragment of HTML (a feed entry's
// content): one block a line, scripts and styles dropped, at most one
// blank line in a row.
func htmlText(fragment string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(fragment))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			text := spaceRun.ReplaceAllString(b.String(), "\n\n")
			lines := strings.Split(text, "\n")
			for i, l := range lines {
				lines[i] = strings.TrimSpace(l)
			}
			return strings.TrimSpace(strings.Join(lines, "\n"))
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.ReplaceAll(string(z.Text()), "\n", " "))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Script || a == atom.Style {
				skip++
			}
			if blocks[a] {
				b.WriteString("\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if (a == atom.Script || a == atom.Style) && skip > 0 {
				skip--
			}
			if blocks[a] {
				b.WriteString("\n")
			}
		}
	}
}

// feedTime parses the time formats of feeds: RFC 3339 (Atom, Blogger,
// dc:date, with or without seconds) and RFC 1123 (RSS 2.0 pubDate).
func feedTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", time.RFC1123Z, time.RFC1123,
		"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// dayOf is the date of t in its own offset: a notice published at
// 2024-05-01T00:30+09:00 is of May 1st, as its readers saw it. A time in
// UTC (an RSS pubDate in GMT, most often) is read in Japan's: 「Wed, 01
// May 2024 20:00:00 GMT」 is a notice of May 2nd there, and a date with no
// time (UTC's midnight) stays its day.
func dayOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if _, offset := t.Zone(); offset == 0 {
		t = t.In(japanTime)
	}
	return t.Format(time.DateOnly)
}

// japanTime is Japan Standard Time, the clock Japanese notices are dated
// by.
var japanTime = time.FixedZone("JST", 9*3600)

// DayStart is the start of day (YYYY-MM-DD) in Japan: a post published at
// 08:30 JST that day is on or after it, as its record's date (dayOf)
// says, where the day's UTC midnight would drop it. BlogOptions.Since is
// one.
func DayStart(day string) (time.Time, error) {
	return time.ParseInLocation(time.DateOnly, day, japanTime)
}
