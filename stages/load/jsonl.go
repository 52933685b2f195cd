package load

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/schemas"
)

// loadJSONL emits one document per record of a JSON Lines file, as it
// reads them. A bad line (not JSON, a NUL byte, bytes of no encoding) is
// one reject with its line number; the other lines still load.
func (l *Loader) loadJSONL(src string, data []byte, s *streamer) ([]schemas.Reject, error) {
	text, enc, f, isWide := decodeWide(data)
	perLine := false
	if isWide {
		if f != nil {
			return []schemas.Reject{wholeFile(src, f)}, nil
		}
	} else {
		if f := checkControlShare(data); f != nil {
			return []schemas.Reject{wholeFile(src, f)}, nil
		}
		if text, enc, f = decodeNarrow(data); f != nil {
			// One bad line (bytes of no encoding, a NUL that no legacy
			// encoding decodes) must not cost a whole export of good
			// records: fall back to decoding each line on its own.
			text, perLine = bytesString(data), true
		}
	}

	var rejects []schemas.Reject
	bad := func(n int, reason, format string, args ...any) {
		rejects = append(rejects, schemas.Reject{
			Stage: stage, Source: src, Segment: int32(n), Reason: reason,
			Detail: EscapePath(fmt.Sprintf("line %d: ", n) + fmt.Sprintf(format, args...)),
		})
	}
	records := 0
	for n, rest := 1, text; rest != ""; n++ {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		line = strings.TrimSuffix(line, "\r")
		lineEnc := enc
		switch {
		case strings.TrimSpace(line) == "":
			continue
		case len(line) > l.MaxLineBytes:
			bad(n, ReasonLineTooLong, "%d bytes (limit %d)", len(line), l.MaxLineBytes)
			continue
		}
		if i := strings.IndexByte(line, 0); i >= 0 {
			bad(n, ReasonBadJSON, "NUL byte at offset %d of the line", i)
			continue
		}
		if perLine {
			var f *failure
			if line, lineEnc, f = decodeNarrow([]byte(line)); f != nil {
				bad(n, f.reason, "%s", f.detail)
				continue
			}
		}
		doc, why := parseRecord(line)
		if why != "" {
			bad(n, ReasonBadJSON, "%s", why)
			continue
		}
		doc.Source, doc.Line, doc.Format, doc.Encoding = src, n, "jsonl", lineEnc
		records++
		if err := s.send(doc); err != nil {
			return rejects, err
		}
	}
	if records == 0 && len(rejects) == 0 {
		return []schemas.Reject{wholeFile(src, fail(ReasonEmpty, "no JSON Lines records (only blank lines)"))}, nil
	}
	return rejects, nil
}

// parseRecord reads one JSON Lines record, or says what is wrong with it.
func parseRecord(line string) (Document, string) {
	trimmed := strings.TrimSpace(line)
	if !strings.HasPrefix(trimmed, "{") {
		if !json.Valid([]byte(trimmed)) {
			return Document{}, fmt.Sprintf("not JSON (starts %q)", head(trimmed, 24))
		}
		return Document{}, fmt.Sprintf("not a JSON object (%s)", jsonKind(trimmed))
	}
	var buf [8]recordField
	fields, ok := scanRecord(trimmed, buf[:0])
	if !ok {
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(trimmed), &m); err != nil {
			return Document{}, "invalid JSON: " + err.Error()
		}
		fields = fieldsOf(m)
	}
	var doc Document
	raw, ok := fields.get("text")
	if !ok {
		return Document{}, `no "text" field`
	}
	if jsonKind(raw) != "a string" {
		return Document{}, fmt.Sprintf(`"text" is %s, want a string`, jsonKind(raw))
	}
	doc.Text = decodeJSONString(raw)
	if strings.TrimSpace(doc.Text) == "" {
		return Document{}, `"text" is empty`
	}
	// encoding/json turns a lone surrogate escape such as \ud800 into
	// U+FFFD, and \u0000 into NUL: neither is text. A U+FFFD the line
	// holds itself (as UTF-8 or as \ufffd) is, like any other character.
	// (The line's own are counted only when there are any: lowering the
	// raw text to count them was a seventh of reading a record.)
	if n := strings.Count(doc.Text, string(utf8.RuneError)); n > 0 && n > literalReplacements(raw) || strings.ContainsRune(doc.Text, 0) {
		return Document{}, `"text" holds an invalid \u escape (a lone surrogate or \u0000)`
	}
	doc.Text = normalizeNewlines(doc.Text)
	optional := [...]struct {
		name string
		dst  *string
	}{{"url", &doc.URL}, {"published", &doc.Published}, {"title", &doc.Title}, {"retrieved_at", &doc.RetrievedAt}}
	for _, o := range optional {
		raw, ok := fields.get(o.name)
		if !ok || raw == "null" {
			continue
		}
		if jsonKind(raw) != "a string" {
			return Document{}, fmt.Sprintf("%q is %s, want a string", o.name, jsonKind(raw))
		}
		*o.dst = decodeJSONString(raw)
	}
	if raw, ok := fields.get("labels"); ok && raw != "null" {
		if err := json.Unmarshal([]byte(raw), &doc.Labels); err != nil {
			return Document{}, fmt.Sprintf(`"labels" is %s, want an array of strings`, jsonKind(raw))
		}
	}
	return doc, ""
}

// literalReplacements counts the U+FFFD a JSON string holds on purpose:
// written as UTF-8, or escaped as \ufffd.
func literalReplacements(raw string) int {
	return strings.Count(raw, string(utf8.RuneError)) + strings.Count(strings.ToLower(raw), `\ufffd`)
}

// head is the first n runes of s, with "…" when there is more.
func head(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i] + "…"
		}
		n--
	}
	return s
}

// jsonKind names the JSON type a value starts with, for reject details.
func jsonKind(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return "nothing"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "a number"
	}
	r, _ := utf8.DecodeRuneInString(v)
	return fmt.Sprintf("%q", r)
}
