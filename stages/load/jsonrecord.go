package load

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// A JSON Lines record is one flat object of a few strings. encoding/json
// reads it through reflection into a map of raw values, allocating the
// map, each key and each value, which cost as much as the rest of loading
// a short record. scanRecord reads the common record itself: an object
// whose keys are plain strings and whose values are strings, numbers,
// true, false, null or arrays of those. Anything else (a nested object, a
// key with an escape or bytes that are not UTF-8, invalid JSON) it leaves
// to encoding/json, so every record decodes and every bad line is
// rejected as before: FuzzParseRecord holds it to that.

// recordField is a member of a record: its key and its value's JSON text.
type recordField struct{ name, raw string }

// recordFields are the members of a record in their order; a key given
// twice means its last value, as encoding/json decodes it into a map.
type recordFields []recordField

// get returns the JSON text of the value of key name.
func (fs recordFields) get(name string) (string, bool) {
	for i := len(fs) - 1; i >= 0; i-- {
		if fs[i].name == name {
			return fs[i].raw, true
		}
	}
	return "", false
}

// fieldsOf is the members of an object encoding/json decoded.
func fieldsOf(m map[string]json.RawMessage) recordFields {
	fs := make(recordFields, 0, len(m))
	for k, v := range m {
		fs = append(fs, recordField{k, string(v)})
	}
	return fs
}

// scanRecord appends the members of the JSON object s to fs, and reports
// whether it could read s: false when s is not valid JSON or not of the
// common shape (see above), for encoding/json to read.
func scanRecord(s string, fs recordFields) (recordFields, bool) {
	i := skipJSONSpace(s, 0)
	if i == len(s) || s[i] != '{' {
		return fs, false
	}
	i = skipJSONSpace(s, i+1)
	if i < len(s) && s[i] == '}' {
		return fs, skipJSONSpace(s, i+1) == len(s)
	}
	for {
		end, plain := scanJSONString(s, i)
		if end < 0 || !plain {
			return fs, false
		}
		name := s[i+1 : end-1]
		if !utf8.ValidString(name) {
			return fs, false
		}
		i = skipJSONSpace(s, end)
		if i == len(s) || s[i] != ':' {
			return fs, false
		}
		i = skipJSONSpace(s, i+1)
		end = scanJSONValue(s, i, true)
		if end < 0 {
			return fs, false
		}
		fs = append(fs, recordField{name, s[i:end]})
		i = skipJSONSpace(s, end)
		if i == len(s) {
			return fs, false
		}
		switch s[i] {
		case ',':
			i = skipJSONSpace(s, i+1)
		case '}':
			return fs, skipJSONSpace(s, i+1) == len(s)
		default:
			return fs, false
		}
	}
}

// skipJSONSpace returns the index of the first byte of s from i that is
// not JSON white space.
func skipJSONSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// scanJSONValue returns the end of the JSON value at s[i:], a scalar or,
// when arrays is set, an array of scalars; -1 when there is none there or
// it is of another kind.
func scanJSONValue(s string, i int, arrays bool) int {
	if i == len(s) {
		return -1
	}
	switch c := s[i]; {
	case c == '"':
		end, _ := scanJSONString(s, i)
		return end
	case c == '-' || c >= '0' && c <= '9':
		return scanJSONNumber(s, i)
	case c == '[' && arrays:
		i = skipJSONSpace(s, i+1)
		if i < len(s) && s[i] == ']' {
			return i + 1
		}
		for {
			end := scanJSONValue(s, i, false)
			if end < 0 {
				return -1
			}
			i = skipJSONSpace(s, end)
			if i == len(s) {
				return -1
			}
			switch s[i] {
			case ',':
				i = skipJSONSpace(s, i+1)
			case ']':
				return i + 1
			default:
				return -1
			}
		}
	}
	for _, lit := range [...]string{"null", "true", "false"} {
		if strings.HasPrefix(s[i:], lit) {
			return i + len(lit)
		}
	}
	return -1
}

// scanJSONString returns the end of the JSON string that opens at s[i]
// (past its closing quote), or -1 when it is not valid JSON; plain is
// false when it holds an escape. Bytes that are not UTF-8 are valid JSON
// (encoding/json reads each as U+FFFD).
func scanJSONString(s string, i int) (end int, plain bool) {
	if i == len(s) || s[i] != '"' {
		return -1, false
	}
	plain = true
	for j := i + 1; j < len(s); {
		switch c := s[j]; {
		case c == '"':
			return j + 1, plain
		case c < 0x20:
			return -1, false
		case c == '\\':
			plain = false
			if j+1 == len(s) {
				return -1, false
			}
			switch s[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+6 > len(s) || !isHex4(s[j+2:j+6]) {
					return -1, false
				}
				j += 6
			default:
				return -1, false
			}
		default:
			j++
		}
	}
	return -1, false
}

func isHex4(h string) bool {
	for k := range 4 {
		if c := h[k]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// scanJSONNumber returns the end of the JSON number at s[i:], -1 when
// there is none: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func scanJSONNumber(s string, i int) int {
	digits := func(i int) int { // the end of the run of digits at i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i == len(s):
		return -1
	case s[i] == '0':
		i++
	case s[i] >= '1' && s[i] <= '9':
		i = digits(i)
	default:
		return -1
	}
	if i < len(s) && s[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return -1
		}
		i = j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return -1
		}
		i = j
	}
	return i
}

// decodeJSONString is the value of the JSON string raw (with its quotes),
// as encoding/json decodes it; raw is a string scanRecord read or
// encoding/json checked. The common string, valid UTF-8 whose escapes are
// of one byte (\n, \", …) or a \u of no surrogate, is decoded here; the
// others by encoding/json.
func decodeJSONString(raw string) string {
	body := raw[1 : len(raw)-1]
	if i := strings.IndexByte(body, '\\'); i < 0 {
		if utf8.ValidString(body) {
			return strings.Clone(body) // not a part of the file's text, which the record would keep
		}
	} else if v, ok := unescapeJSON(body, i); ok {
		return v
	}
	var v string
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return "" // not reached: raw is valid JSON
	}
	return v
}

// unescapeJSON decodes the body of a JSON string whose first escape is at
// i; false when it holds bytes that are not UTF-8 or a \u of a surrogate
// half, which encoding/json decodes with its own rules.
func unescapeJSON(body string, i int) (string, bool) {
	if !utf8.ValidString(body) {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(body))
	for i >= 0 {
		b.WriteString(body[:i])
		switch e := body[i+1]; e {
		case 'u':
			r := rune(0)
			for _, c := range []byte(body[i+2 : i+6]) {
				r = r<<4 | rune(hexValue(c))
			}
			if r >= 0xD800 && r < 0xE000 {
				return "", false
			}
			b.WriteRune(r)
			body = body[i+6:]
		default:
			b.WriteByte(jsonEscapes[e])
			body = body[i+2:]
		}
		i = strings.IndexByte(body, '\\')
	}
	b.WriteString(body)
	return b.String(), true
}

// jsonEscapes are the bytes the one-byte escapes of JSON stand for.
var jsonEscapes = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

func hexValue(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
