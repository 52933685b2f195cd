package load

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// recordCases are records of the common shape and of every other: escapes
// of each kind, surrogates (paired and lone), bytes that are not UTF-8,
// duplicate keys, keys with escapes, nested values, numbers, arrays, and
// invalid JSON of many sorts.
var recordCases = []string{
	`{"text":"令和5年1月1日、当社において不正アクセスが発生しました。","url":"https://example.jp/n/0"}`,
	`{"text":"a\nb\r\nc\td\"e\\f\/g\bh\fi","title":"t"}`,
	`{"text":"\u003cp\u003e個人情報\u0026","published":"2024-05-01"}`,
	`{"text":"\ud83d\ude00 smile"}`, `{"text":"lone \ud800 half"}`, `{"text":"x\u0000y"}`, `{"text":"\ufffd given"}`,
	"{\"text\":\"bad \xff byte\"}", "{\"te\xffxt\":\"a\"}", `{"te\u0078t":"escaped key"}`,
	`{"text":"first","text":"second"}`, `{"text":"a","text":null}`, `{"text":null}`, `{"text":12}`, `{"text":""}`, `{"text":"  "}`,
	`{"text":"a","labels":["x","y"]}`, `{"text":"a","labels":[]}`, `{"text":"a","labels":null}`, `{"text":"a","labels":"x"}`,
	`{"text":"a","labels":["x",1]}`, `{"text":"a","labels":["x",null]}`, `{"text":"a","labels":[["x"]]}`,
	`{"text":"a","meta":{"k":"v"}}`, `{"text":"a","n":-0.5e+10,"b":true,"c":false,"d":null}`, `{"text":"a","n":01}`,
	`{"text":"a","n":-}`, `{"text":"a","n":1.}`, `{"text":"a","n":1e}`, `{"text":"a",}`, `{"text":"a"} x`, `{"text":"a"`,
	`{"text":"a" "url":"b"}`, `{text:"a"}`, `{"text":'a'}`, "{\"text\":\"a\tb\"}", `{"text":"a\x"}`, `{"text":"a\u12"}`,
	`{"text":"a","url":nul}`, `{"text":"a","url":nulls}`, `{}`, `{ }`, ` { "text" : "a" , "url" : "b" } `, `{"text":"a"}}`,
	`{"url":"b"}`, `{"text":"a","title":5}`, `{"text":"a","retrieved_at":"2024-01-01T00:00:00Z"}`, `[1]`, `"s"`, `nul`, ``,
	"{\"text\":\"a\u2028b\"}", `{"text":"\u00e9\u00E9"}`, `{"":"empty key","text":"a"}`, `{"text":"CR\rLF"}`,
}

// TestParseRecordAsOracle: parseRecord, which reads the common record
// itself, decodes every record and rejects every line as encoding/json
// alone does.
func TestParseRecordAsOracle(t *testing.T) {
	for _, line := range recordCases {
		checkRecord(t, line)
	}
}

func FuzzParseRecord(f *testing.F) {
	for _, line := range recordCases {
		f.Add(line)
	}
	f.Fuzz(checkRecord)
}

func checkRecord(t *testing.T, line string) {
	doc, why := parseRecord(line)
	wantDoc, wantWhy := parseRecordOracle(line)
	if !reflect.DeepEqual(doc, wantDoc) || why != wantWhy {
		t.Fatalf("parseRecord(%q) = %#v %q, encoding/json gives %#v %q", line, doc, why, wantDoc, wantWhy)
	}
}

// TestScanRecordReadsTheCommonShape: the records of a feed are read
// without encoding/json (the point of scanRecord), and a nested value is
// left to it.
func TestScanRecordReadsTheCommonShape(t *testing.T) {
	for line, want := range map[string]bool{
		recordCases[0]: true, recordCases[1]: true, `{"text":"a","labels":["x","y"],"n":1}`: true,
		`{"text":"a","meta":{"k":"v"}}`: false, `{"te\u0078t":"a"}`: false, `{"text":"a",}`: false,
	} {
		if _, ok := scanRecord(line, nil); ok != want {
			t.Errorf("scanRecord(%q) read it: %v, want %v", line, ok, want)
		}
	}
}

// parseRecordOracle is parseRecord as it read every record with encoding/json
// alone: the oracle of scanRecord and decodeJSONString.
func parseRecordOracle(line string) (Document, string) {
	trimmed := strings.TrimSpace(line)
	if !strings.HasPrefix(trimmed, "{") {
		if !json.Valid([]byte(trimmed)) {
			return Document{}, fmt.Sprintf("not JSON (starts %q)", head(trimmed, 24))
		}
		return Document{}, fmt.Sprintf("not a JSON object (%s)", jsonKind(trimmed))
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
	// encoding/json turns a lone surrogate escape such as \ud800 into
	// U+FFFD, and \u0000 into NUL: neither is text. A U+FFFD the line
	// holds itself (as UTF-8 or as \ufffd) is, like any other character.
	// (The line's own are counted only when there are any: lowering the
	// raw text to count them was a seventh of reading a record.)
	if n := strings.Count(doc.Text, string(utf8.RuneError)); n > 0 && n > literalReplacements(string(raw)) || strings.ContainsRune(doc.Text, 0) {
		return Document{}, `"text" holds an invalid \u escape (a lone surrogate or \u0000)`
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
