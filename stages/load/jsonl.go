package load

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/schemas"
)

// loadJSONL makes one document per record of a JSON Lines file. A bad line
// is one reject with its line number; the other lines still load.
func (l *Loader) loadJSONL(src string, data []byte) ([]Document, []schemas.Reject) {
	if f := checkBinary(data); f != nil {
		return nil, []schemas.Reject{wholeFile(src, f)}
	}
	text, enc, f := decode(data)
	perLine := false
	if f != nil {
		// One bad byte must not cost a whole export of good records: fall
		// back to judging the UTF-8 of each line on its own.
		bom := bytes.HasPrefix(data, utf8BOM)
		text, enc, perLine = string(bytes.TrimPrefix(data, utf8BOM)), encUTF8, true
		if bom {
			enc = encUTF8BOM
		}
	}

	var docs []Document
	var rejects []schemas.Reject
	bad := func(n int, reason, format string, args ...any) {
		rejects = append(rejects, schemas.Reject{
			Stage: stage, Source: src, Segment: int32(n), Reason: reason,
			Detail: fmt.Sprintf("line %d: ", n) + fmt.Sprintf(format, args...),
		})
	}
	for n, rest := 1, text; rest != ""; n++ {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		line = strings.TrimSuffix(line, "\r")
		switch {
		case strings.TrimSpace(line) == "":
			continue
		case len(line) > l.MaxLineBytes:
			bad(n, ReasonLineTooLong, "%d bytes (limit %d)", len(line), l.MaxLineBytes)
			continue
		case perLine && !utf8.ValidString(line):
			bad(n, ReasonEncoding, "invalid UTF-8 at byte %d (and the file is neither Shift_JIS nor EUC-JP)", invalidUTF8At([]byte(line)))
			continue
		}
		doc, why := parseRecord(line)
		if why != "" {
			bad(n, ReasonBadJSON, "%s", why)
			continue
		}
		doc.Source, doc.Line, doc.Format, doc.Encoding = src, n, "jsonl", enc
		docs = append(docs, doc)
	}
	if len(docs) == 0 && len(rejects) == 0 {
		return nil, []schemas.Reject{wholeFile(src, fail(ReasonEmpty, "no JSON Lines records (only blank lines)"))}
	}
	return docs, rejects
}

// parseRecord reads one JSON Lines record, or says what is wrong with it.
func parseRecord(line string) (Document, string) {
	trimmed := strings.TrimSpace(line)
	if !strings.HasPrefix(trimmed, "{") {
		return Document{}, fmt.Sprintf("not a JSON object (starts with %s)", jsonKind(trimmed))
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(trimmed), &fields); err != nil {
		return Document{}, "invalid JSON: " + err.Error()
	}
	var doc Document
	raw, ok := fields["text"]
	if !ok {
		return Document{}, `no "text" field`
	}
	if err := json.Unmarshal(raw, &doc.Text); err != nil || jsonKind(string(raw)) != "a string" {
		return Document{}, fmt.Sprintf(`"text" is %s, want a string`, jsonKind(string(raw)))
	}
	if strings.TrimSpace(doc.Text) == "" {
		return Document{}, `"text" is empty`
	}
	// encoding/json turns a lone surrogate escape such as \ud800 into U+FFFD;
	// a document never carries a replacement character or a NUL.
	if strings.ContainsRune(doc.Text, utf8.RuneError) || strings.ContainsRune(doc.Text, 0) {
		return Document{}, `"text" holds U+FFFD or NUL (invalid \u escape or mis-decoded bytes)`
	}
	doc.Text = normalizeNewlines(doc.Text)
	optional := []struct {
		name string
		dst  *string
	}{{"url", &doc.URL}, {"published", &doc.Published}, {"title", &doc.Title}, {"retrieved_at", &doc.RetrievedAt}}
	for _, o := range optional {
		name, dst := o.name, o.dst
		raw, ok := fields[name]
		if !ok || string(raw) == "null" {
			continue
		}
		if jsonKind(string(raw)) != "a string" {
			return Document{}, fmt.Sprintf("%q is %s, want a string", name, jsonKind(string(raw)))
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			return Document{}, fmt.Sprintf("%q: %v", name, err)
		}
	}
	if raw, ok := fields["labels"]; ok && string(raw) != "null" {
		if err := json.Unmarshal(raw, &doc.Labels); err != nil {
			return Document{}, fmt.Sprintf(`"labels" is %s, want an array of strings`, jsonKind(string(raw)))
		}
	}
	return doc, ""
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
