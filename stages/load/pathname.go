package load

import (
	"strings"
	"unicode/utf8"
)

// EscapePath makes a file name (or a message that quotes one) valid UTF-8,
// reversibly, for source_path and every other string bound for Parquet. A
// name is bytes to the file system, and names from zip archives made on
// Japanese Windows are Shift_JIS: a raw byte of one in a VARCHAR makes
// DuckDB refuse the whole table ("Invalid string encoding").
//
// The rule, undone by UnescapePath:
//   - a byte that is not part of a valid UTF-8 sequence becomes %XX
//     (upper-case hex): 0x83 0x65 → "%83e";
//   - a "%" followed by two hex digits becomes "%25", so that it is not
//     read back as an escape: "100%AB.txt" → "100%25AB.txt";
//   - everything else, "%" not followed by two hex digits included, is
//     kept as it is, so every valid name without such a "%" is unchanged.
func EscapePath(s string) string {
	if utf8.ValidString(s) && !hasHexEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			writeEscape(&b, s[i])
		case s[i] == '%' && isHexEscape(s[i:]):
			b.WriteString("%25")
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// UnescapePath returns the bytes that EscapePath escaped: every "%XX" of
// two hex digits becomes the byte XX; any other "%" stays as it is.
func UnescapePath(s string) string {
	if !hasHexEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && isHexEscape(s[i:]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

const upperHex = "0123456789ABCDEF"

func writeEscape(b *strings.Builder, c byte) {
	b.WriteByte('%')
	b.WriteByte(upperHex[c>>4])
	b.WriteByte(upperHex[c&15])
}

// hasHexEscape reports whether s holds a "%" followed by two hex digits.
func hasHexEscape(s string) bool {
	for i := strings.IndexByte(s, '%'); i >= 0; {
		if isHexEscape(s[i:]) {
			return true
		}
		j := strings.IndexByte(s[i+1:], '%')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// isHexEscape reports whether s starts with "%" and two hex digits.
func isHexEscape(s string) bool {
	return len(s) >= 3 && s[0] == '%' && isHex(s[1]) && isHex(s[2])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
