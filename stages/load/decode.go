package load

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
)

// Encoding names as they appear in Document.Encoding.
const (
	encUTF8    = "utf-8"
	encUTF8BOM = "utf-8-bom"
	encSJIS    = "shift_jis"
	encEUCJP   = "euc-jp"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// sniffBytes is how much of a file the control-character test looks at:
// binaries show themselves in their header, and text that is 10 % control
// codes in its first page is not prose.
const (
	sniffBytes      = 8 << 10
	maxControlShare = 0.10
)

// failure is why bytes could not become text: a reject reason and a detail.
type failure struct {
	reason, detail string
}

func (f *failure) Error() string { return f.reason + ": " + f.detail }

func fail(reason, format string, args ...any) *failure {
	return &failure{reason, fmt.Sprintf(format, args...)}
}

// checkBinary rejects data that is not text in any encoding we accept. A NUL
// byte anywhere is enough: none of UTF-8, Shift_JIS or EUC-JP text has one,
// and a NUL would otherwise travel into Parquet and the tokenizer.
func checkBinary(data []byte) *failure {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fail(ReasonBinary, "NUL byte at offset %d", i)
	}
	head := data[:min(len(data), sniffBytes)]
	ctl := 0
	for _, c := range head {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F {
			ctl++
		}
	}
	if len(head) > 0 && float64(ctl) > maxControlShare*float64(len(head)) {
		return fail(ReasonBinary, "%d of the first %d bytes are control characters", ctl, len(head))
	}
	return nil
}

// decode turns the bytes of a whole file into UTF-8 text and names the
// encoding it found. The bytes decide: a BOM, then strict UTF-8, then the
// Japanese legacy encodings, each accepted only if it decodes cleanly.
func decode(data []byte) (text, enc string, f *failure) {
	if bytes.HasPrefix(data, utf8BOM) {
		data = data[len(utf8BOM):]
		if !utf8.Valid(data) {
			return "", "", fail(ReasonEncoding, "UTF-8 byte order mark but invalid UTF-8 at byte %d", invalidUTF8At(data)+len(utf8BOM))
		}
		enc = encUTF8BOM
	} else if utf8.Valid(data) {
		enc = encUTF8
	}
	if enc != "" {
		text = string(data)
		// Valid UTF-8 that already holds U+FFFD was mis-decoded before it
		// reached us; the lost characters cannot be recovered, and a
		// Document promises text without replacement characters. (In valid
		// UTF-8 a byte search finds it: IndexRune would decode every rune.)
		if i := strings.Index(text, string(utf8.RuneError)); i >= 0 {
			return "", "", fail(ReasonEncoding, "valid UTF-8 but holds U+FFFD at byte %d (text was mis-decoded upstream)", i)
		}
		return text, enc, nil
	}
	return decodeLegacy(data)
}

// decodeLegacy tries Shift_JIS (CP932) and EUC-JP. Short Japanese texts are
// often valid in both; chardet, run on the whole document (it is unreliable
// on a few characters), breaks the tie. When only one decodes cleanly the
// answer is the same as asking chardet first and trying its candidates in
// order, without paying for a chardet run on every file.
func decodeLegacy(data []byte) (string, string, *failure) {
	sjis, sjisOK := cleanDecode(japanese.ShiftJIS, data)
	euc, eucOK := cleanDecode(japanese.EUCJP, data)
	switch {
	case sjisOK && eucOK:
		if preferEUC(data) {
			return euc, encEUCJP, nil
		}
		return sjis, encSJIS, nil
	case sjisOK:
		return sjis, encSJIS, nil
	case eucOK:
		return euc, encEUCJP, nil
	}
	return "", "", fail(ReasonEncoding, "not UTF-8 (invalid byte at offset %d) and no clean Shift_JIS or EUC-JP decode", invalidUTF8At(data))
}

// preferEUC reports whether chardet ranks EUC-JP above Shift_JIS. When it
// names neither, Shift_JIS wins: it is by far the commoner of the two in
// Japanese corporate notices.
func preferEUC(data []byte) bool {
	results, err := chardet.NewTextDetector().DetectAll(data)
	if err != nil {
		return false
	}
	for _, r := range results {
		switch strings.ToUpper(r.Charset) {
		case "EUC-JP":
			return true
		case "SHIFT_JIS":
			return false
		}
	}
	return false
}

// cleanDecode decodes data and accepts the result only if no byte was
// replaced (U+FFFD) and nothing decoded to NUL or a C1 control (Shift_JIS
// maps a stray 0x80 to U+0080, which no real notice contains).
func cleanDecode(e encoding.Encoding, data []byte) (string, bool) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", false
	}
	for _, r := range string(out) {
		if r == utf8.RuneError || r == 0 || (r >= 0x80 && r <= 0x9F) {
			return "", false
		}
	}
	return string(out), true
}

// invalidUTF8At returns the offset of the first byte that is not valid UTF-8.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// normalizeNewlines turns CRLF and lone CR into LF so that line numbers and
// paragraph breaks mean the same thing for every source.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// longLine returns the 1-based number and byte length of the first line of
// s longer than limit, or 0, 0.
func longLine(s string, limit int) (line, length int) {
	for n := 1; ; n++ {
		i := strings.IndexByte(s, '\n')
		cur := s
		if i >= 0 {
			cur = s[:i]
		}
		if len(cur) > limit {
			return n, len(cur)
		}
		if i < 0 {
			return 0, 0
		}
		s = s[i+1:]
	}
}
