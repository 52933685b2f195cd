package load

import (
	"testing"
	"unicode/utf8"
)

func TestEscapePath(t *testing.T) {
	cases := []struct{ in, want string }{
		{"notices/a.txt", "notices/a.txt"},
		{"個人情報.txt", "個人情報.txt"},
		{"50%off.txt", "50%off.txt"},      // no hex after %: kept
		{"100%AB.txt", "100%25AB.txt"},    // would read as an escape
		{"a\xffb", "a%FFb"},               // invalid byte
		{"%\xff", "%%FF"},                 // a kept % before an escape
		{"\x8c\xc2", "%8C%C2"},            // Shift_JIS 個, alone
		{"\xe5\x80", "%E5%80"},            // a truncated UTF-8 sequence
		{"%25", "%2525"},                  // an escape-looking name
		{"dir\x83/f.txt", "dir%83/f.txt"}, // slashes stay
	}
	for _, c := range cases {
		got := EscapePath(c.in)
		if got != c.want {
			t.Errorf("EscapePath(%q) = %q, want %q", c.in, got, c.want)
		}
		if back := UnescapePath(got); back != c.in {
			t.Errorf("UnescapePath(%q) = %q, want %q", got, back, c.in)
		}
	}
}

// FuzzEscapePath checks the rule on any bytes: valid UTF-8 out, and back.
func FuzzEscapePath(f *testing.F) {
	for _, s := range []string{"", "a.txt", "%", "%4", "%41", "%%41", "\xff%", "%\xff41", "個\x83"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapePath(s)
		if !utf8.ValidString(e) {
			t.Fatalf("EscapePath(%q) = %q, not valid UTF-8", s, e)
		}
		if back := UnescapePath(e); back != s {
			t.Fatalf("UnescapePath(EscapePath(%q)) = %q", s, back)
		}
	})
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		name, format string
		gz           bool
	}{
		{"a.txt", "txt", false},
		{"a.HTML", "html", false},
		{"notice.shtml", "html", false},
		{"page.xhtml", "html", false},
		{"detail.html?id=3", "html", false},
		{"dir.v2/detail.htm?id=3&p=1", "html", false},
		{"feed.jsonl.gz", "jsonl", true},
		{"page.php?id=3", "", false},
		{"notes.doc", "", false},
		{"a?b.txt", "txt", false},
	}
	for _, tc := range tests {
		if f, gz := formatOf(tc.name); f != tc.format || gz != tc.gz {
			t.Errorf("formatOf(%q) = %q, %v; want %q, %v", tc.name, f, gz, tc.format, tc.gz)
		}
	}
}
