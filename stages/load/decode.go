package load

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/saintfish/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// Encoding names as they appear in Document.Encoding. A "-bom" suffix
// says the file began with a byte order mark; UTF-16 and UTF-32 without one
// are recognised by where their NUL bytes fall.
const (
	encUTF8      = "utf-8"
	encUTF8BOM   = "utf-8-bom"
	encSJIS      = "shift_jis"
	encEUCJP     = "euc-jp"
	encISO2022JP = "iso-2022-jp"
	encUTF16LE   = "utf-16le"
	encUTF16BE   = "utf-16be"
	encUTF32LE   = "utf-32le"
	encUTF32BE   = "utf-32be"
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

// checkBinary rejects data that is not text in any encoding we accept
// (UTF-16 and UTF-32 are decoded before it is asked). A NUL byte anywhere
// is enough: none of UTF-8, Shift_JIS, EUC-JP or ISO-2022-JP text has one,
// and a NUL would otherwise travel into Parquet and the tokenizer.
func checkBinary(data []byte) *failure {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fail(ReasonBinary, "NUL byte at offset %d", i)
	}
	return checkControlShare(data)
}

// checkControlShare rejects data whose first page is more than a tenth
// control characters (NUL included): a binary renamed .txt, not prose. It
// is the whole-file test of JSON Lines, where a NUL in one line costs only
// that line.
func checkControlShare(data []byte) *failure {
	head := data[:min(len(data), sniffBytes)]
	ctl := 0
	for i, c := range head {
		if c == 0x1B && iso2022Escape(data[i:]) {
			// ISO-2022-JP switches character sets by escape sequences, one
			// at each change between kanji and ASCII: a notice dense with
			// numbers has more than a tenth of them.
			continue
		}
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
// encoding it found. The bytes decide: a byte order mark, then the NUL
// pattern of UTF-16 or UTF-32, then the binary test, then the escape
// sequences of ISO-2022-JP, then strict UTF-8, then the Japanese legacy
// encodings, each accepted only if it decodes cleanly.
func decode(data []byte) (text, enc string, f *failure) {
	if text, enc, f, ok := decodeWide(data); ok {
		return text, enc, f
	}
	if f := checkBinary(data); f != nil {
		return "", "", f
	}
	return decodeNarrow(data)
}

// decodeNarrow is decode for text known to be no UTF-16 or UTF-32: strict
// UTF-8, ISO-2022-JP, then the legacy encodings. A literal U+FFFD in valid
// UTF-8 is text (a notice about garbled mail quotes one): only bytes that
// do not decode are refused.
func decodeNarrow(data []byte) (text, enc string, f *failure) {
	if bytes.HasPrefix(data, utf8BOM) {
		data = data[len(utf8BOM):]
		if !utf8.Valid(data) {
			return "", "", fail(ReasonEncoding, "UTF-8 byte order mark but invalid UTF-8 at byte %d", invalidUTF8At(data)+len(utf8BOM))
		}
		return bytesString(data), encUTF8BOM, nil
	}
	if isISO2022JP(data) {
		text, ok := cleanDecode(japanese.ISO2022JP, data)
		if !ok {
			return "", "", fail(ReasonEncoding, "ISO-2022-JP escape sequences but no clean ISO-2022-JP decode")
		}
		return text, encISO2022JP, nil
	}
	if utf8.Valid(data) {
		return bytesString(data), encUTF8, nil
	}
	return decodeLegacy(data)
}

// bytesString views data as a string without copying it: a file's bytes
// are read once into a buffer of their own and never written again, and a
// copy of a 64 MB file would double the memory a worker needs for it.
func bytesString(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	return unsafe.String(&data[0], len(data))
}

// isISO2022JP reports whether data is 7-bit and switches into a Japanese
// character set by an ISO-2022-JP escape sequence (ESC $ B, ESC $ @, ESC
// ( J, ESC ( I). Such bytes are also valid UTF-8, which once let
// ISO-2022-JP mail through as garbage.
func isISO2022JP(data []byte) bool {
	at := bytes.IndexByte(data, 0x1B)
	if at < 0 {
		return false
	}
	for _, c := range data {
		if c >= 0x80 {
			return false
		}
	}
	for _, esc := range iso2022JPIn {
		if bytes.Contains(data[at:], []byte(esc)) {
			return true
		}
	}
	return false
}

// iso2022JPIn are the escape sequences that switch ISO-2022-JP into a
// Japanese character set; iso2022Escapes adds the switch back to ASCII.
var (
	iso2022JPIn    = []string{"\x1b$B", "\x1b$@", "\x1b(J", "\x1b(I"}
	iso2022Escapes = append([]string{"\x1b(B"}, iso2022JPIn...)
)

// iso2022Escape reports whether data opens with an ISO-2022-JP escape
// sequence.
func iso2022Escape(data []byte) bool {
	for _, esc := range iso2022Escapes {
		if bytes.HasPrefix(data, []byte(esc)) {
			return true
		}
	}
	return false
}

// wideEnc is one UTF-16 or UTF-32 layout.
type wideEnc struct {
	name string
	bom  []byte
	unit int // bytes per code unit
	enc  encoding.Encoding
}

// wides are the layouts in the order their byte order marks are tested:
// the UTF-32LE mark begins with the UTF-16LE one.
var wides = []wideEnc{
	{encUTF32LE, []byte{0xFF, 0xFE, 0, 0}, 4, utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)},
	{encUTF32BE, []byte{0, 0, 0xFE, 0xFF}, 4, utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)},
	{encUTF16LE, []byte{0xFF, 0xFE}, 2, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)},
	{encUTF16BE, []byte{0xFE, 0xFF}, 2, xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)},
}

// decodeWide decodes UTF-16 or UTF-32. ok is false when data is neither
// (no byte order mark and no NUL pattern that decodes cleanly as one):
// then text, enc and f mean nothing. With a byte order mark the answer is
// the text or a failure naming the encoding.
func decodeWide(data []byte) (text, enc string, f *failure, ok bool) {
	for _, w := range wides {
		if !bytes.HasPrefix(data, w.bom) {
			continue
		}
		body := data[len(w.bom):]
		if len(body)%w.unit != 0 {
			return "", "", fail(ReasonEncoding, "%s byte order mark but %d bytes after it, not a multiple of %d", strings.ToUpper(w.name), len(body), w.unit), true
		}
		text, why := wideDecode(w, body)
		if why != "" {
			return "", "", fail(ReasonEncoding, "%s byte order mark but %s", strings.ToUpper(w.name), why), true
		}
		return text, w.name + "-bom", nil, true
	}
	if bytes.IndexByte(data, 0) < 0 {
		return "", "", nil, false
	}
	// Without a mark: ASCII letters, digits and newlines put a NUL in a
	// fixed lane of every code unit. Try the layouts the lanes suggest;
	// binary data fails the clean decode and goes on to the binary test.
	var zeros [4]int
	for i, c := range data {
		if c == 0 {
			zeros[i%4]++
		}
	}
	units := len(data) / 4
	var order []wideEnc
	if len(data)%4 == 0 && zeros[3] == units && zeros[2] > 0 {
		order = append(order, wides[0])
	}
	if len(data)%4 == 0 && zeros[0] == units && zeros[1] > 0 {
		order = append(order, wides[1])
	}
	if len(data)%2 == 0 {
		if zeros[1]+zeros[3] >= zeros[0]+zeros[2] {
			order = append(order, wides[2], wides[3])
		} else {
			order = append(order, wides[3], wides[2])
		}
	}
	for _, w := range order {
		if text, why := wideDecode(w, data); why == "" {
			return text, w.name, nil, true
		}
	}
	return "", "", nil, false
}

// wideDecode decodes UTF-16 or UTF-32 and returns the text, or why it is
// not clean text in that encoding: an unpaired surrogate or a value out of
// Unicode (which the decoder turns into U+FFFD), a NUL, a control other than
// white space, or a code point no text uses (unassigned, private use).
func wideDecode(w wideEnc, data []byte) (string, string) {
	out, err := w.enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", err.Error()
	}
	text := bytesString(out)
	literal := literalFFFD(data, w)
	for i, r := range text {
		switch {
		case r == utf8.RuneError:
			if literal == 0 {
				return "", fmt.Sprintf("invalid %s (unpaired surrogate or value out of Unicode) at character byte %d of the decoded text", strings.ToUpper(w.name), i)
			}
			literal--
		case r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
		case !unicode.IsPrint(r) && r != 0x3000 && r != 0xA0 && r != 0xFEFF || !unicode.In(r, wideScripts...):
			return "", fmt.Sprintf("decodes to %U, not text of a notice, at byte %d of the decoded text", r, i)
		}
	}
	return text, ""
}

// wideScripts are the scripts a notice decoded from UTF-16 or UTF-32 may
// use. Most pairs of bytes are some assigned character, so a clean decode
// alone does not tell text from data; a Japanese notice is written in these.
var wideScripts = []*unicode.RangeTable{
	unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Latin, unicode.Common,
	unicode.Inherited, unicode.Greek, unicode.Cyrillic, unicode.Hangul,
}

// literalFFFD counts the code units of data (in layout w) that are U+FFFD
// itself: those decode to a replacement character that is text.
func literalFFFD(data []byte, w wideEnc) int {
	var unit []byte
	switch w.name {
	case encUTF16LE:
		unit = []byte{0xFD, 0xFF}
	case encUTF16BE:
		unit = []byte{0xFF, 0xFD}
	case encUTF32LE:
		unit = []byte{0xFD, 0xFF, 0, 0}
	case encUTF32BE:
		unit = []byte{0, 0, 0xFF, 0xFD}
	}
	n := 0
	for i := 0; i+w.unit <= len(data); i += w.unit {
		if bytes.Equal(data[i:i+w.unit], unit) {
			n++
		}
	}
	return n
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
		// A short page decodes cleanly both ways: the charset the page
		// declares (<meta charset>, an XML declaration) decides, then
		// chardet.
		switch declaredCharset(data) {
		case encEUCJP:
			return euc, encEUCJP, nil
		case encSJIS:
			return sjis, encSJIS, nil
		}
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

// charsetDeclRE finds a charset declared in a file's first bytes, which
// are ASCII in both encodings: <meta charset="EUC-JP">, <meta
// http-equiv="Content-Type" content="text/html; charset=Shift_JIS">, <?xml
// … encoding="EUC-JP"?>.
var charsetDeclRE = regexp.MustCompile(`(?i)(?:charset|encoding)\s*=\s*["']?\s*([a-z0-9_-]+)`)

// declaredCharset is encEUCJP or encSJIS when the first KB of data
// declares one of them, or "".
func declaredCharset(data []byte) string {
	m := charsetDeclRE.FindSubmatch(data[:min(len(data), 1024)])
	if m == nil {
		return ""
	}
	switch strings.ToLower(string(m[1])) {
	case "euc-jp", "x-euc-jp", "eucjp", "euc_jp":
		return encEUCJP
	case "shift_jis", "shift-jis", "sjis", "x-sjis", "windows-31j", "cp932", "ms932", "ms_kanji", "csshiftjis":
		return encSJIS
	}
	return ""
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
