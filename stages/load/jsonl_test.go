package load

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func record(t *testing.T, fields map[string]any) string {
	t.Helper()
	b, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestLoadJSONL(t *testing.T) {
	good1 := record(t, map[string]any{"text": noticeJA, "url": "https://example.co.jp/news/2024/0315.html?a=1&b=../../etc", "published": "2024-03-15", "title": noticeTitle})
	good2 := record(t, map[string]any{"text": "第2報\r\n調査の結果、流出件数は1,234件と確定しました。", "published": nil})
	lines := []string{
		good1,                            // 1
		"",                               // 2 blank: skipped, no reject
		`{"text": "閉じていない`,               // 3
		good2 + "\r",                     // 4 CRLF line ending
		`{"url": "https://example.jp/"}`, // 5
		`{"text": ""}`,                   // 6
		`{"text": 1234}`,                 // 7
		`["text", "配列"]`,                 // 8
		`{"text": "偽の\ud800サロゲート"}`,                    // 9
		`{"text": "本文", "url": 42}`,                    // 10
		`{"text": "本文", "title": null}`,                // 11
		`{"text": "` + strings.Repeat("長", 400) + `"}`, // 12: over the 1,000-byte line limit
		`null`,     // 13
		`   `,      // 14 blank
		`not json`, // 15
		`{"text": "文字化け（�）を確認", "url": "\ufffd"}`, // 16: a literal U+FFFD is text
		"{\"text\": \"a\x00b\"}", // 17: a raw NUL
		`{"text": "\u0000"}`,     // 18
	}
	in := writeFile(t, t.TempDir(), "feed.jsonl", []byte(strings.Join(lines, "\n")))
	docs, rejects := (&Loader{MaxFileBytes: 1 << 20, MaxLineBytes: 1000}).Load(in)
	checkRejects(t, in, rejects)

	wantDocs := []Document{
		{Source: "feed.jsonl", Line: 1, Format: "jsonl", Encoding: "utf-8", Text: noticeJA, Title: noticeTitle,
			URL: "https://example.co.jp/news/2024/0315.html?a=1&b=../../etc", Published: "2024-03-15"},
		{Source: "feed.jsonl", Line: 4, Format: "jsonl", Encoding: "utf-8", Text: "第2報\n調査の結果、流出件数は1,234件と確定しました。"},
		{Source: "feed.jsonl", Line: 11, Format: "jsonl", Encoding: "utf-8", Text: "本文"},
		{Source: "feed.jsonl", Line: 16, Format: "jsonl", Encoding: "utf-8", Text: "文字化け（�）を確認", URL: "�"},
	}
	if len(docs) != len(wantDocs) {
		t.Fatalf("got %d docs %+v, want %d", len(docs), docs, len(wantDocs))
	}
	for i := range docs {
		if !reflect.DeepEqual(docs[i], wantDocs[i]) {
			t.Errorf("doc %d:\n got %+v\nwant %+v", i, docs[i], wantDocs[i])
		}
	}
	wantRejects := []struct {
		line   int32
		reason string
		detail string
	}{
		{3, ReasonBadJSON, "line 3: invalid JSON"},
		{5, ReasonBadJSON, `line 5: no "text" field`},
		{6, ReasonBadJSON, `line 6: "text" is empty`},
		{7, ReasonBadJSON, `line 7: "text" is a number, want a string`},
		{8, ReasonBadJSON, "line 8: not a JSON object (an array)"},
		{9, ReasonBadJSON, "line 9: \"text\" holds an invalid \\u escape"},
		{10, ReasonBadJSON, `line 10: "url" is a number, want a string`},
		{12, ReasonLineTooLong, "line 12: 1212 bytes (limit 1000)"},
		{13, ReasonBadJSON, "line 13: not a JSON object (null)"},
		{15, ReasonBadJSON, `line 15: not JSON (starts "not json")`},
		{17, ReasonBadJSON, "line 17: NUL byte at offset 11 of the line"},
		{18, ReasonBadJSON, "line 18: \"text\" holds an invalid \\u escape"},
	}
	if len(rejects) != len(wantRejects) {
		t.Fatalf("got %d rejects %+v, want %d", len(rejects), rejects, len(wantRejects))
	}
	for i, w := range wantRejects {
		r := rejects[i]
		if r.Segment != w.line || r.Reason != w.reason || !strings.HasPrefix(r.Detail, w.detail) {
			t.Errorf("reject %d: got %+v, want line %d %s %q…", i, r, w.line, w.reason, w.detail)
		}
	}
}

func TestLoadJSONLEncodings(t *testing.T) {
	rec := record(t, map[string]any{"text": noticeJA, "title": noticeTitle}) + "\n"
	tests := []struct {
		name   string
		file   string
		data   []byte
		enc    string
		docs   int
		reject []string // reasons, in order
	}{
		{name: "shift_jis file", file: "s.jsonl", data: sjis(t, rec+rec), enc: "shift_jis", docs: 2},
		{name: "euc-jp file", file: "e.jsonl", data: eucjp(t, rec+rec+rec), enc: "euc-jp", docs: 3},
		{name: "BOM", file: "b.jsonl", data: append([]byte{0xEF, 0xBB, 0xBF}, rec...), enc: "utf-8-bom", docs: 1},
		{name: "gzip", file: "g.jsonl.gz", data: gz(t, []byte(rec+rec)), enc: "utf-8", docs: 2},
		// One line of random bytes must not cost the good lines.
		{name: "one undecodable line", file: "u.jsonl", data: []byte(rec + "{\"text\": \"\xff\xfe\xfd\"}\n" + rec), enc: "utf-8", docs: 2, reject: []string{ReasonEncoding}},
		{name: "only blank lines", file: "blank.jsonl", data: []byte("\n  \n\r\n"), reject: []string{ReasonEmpty}},
		// A raw NUL costs its line only, whatever the file's encoding.
		{name: "one line with a NUL", file: "nul.jsonl", data: []byte(rec + "{\"text\": \"a\x00\"}\n" + rec), enc: "utf-8", docs: 2, reject: []string{ReasonBadJSON}},
		{name: "shift_jis with a NUL line", file: "snul.jsonl", data: append(append(sjis(t, rec), "{\"text\": \"a\x00\"}\n"...), sjis(t, rec)...), enc: "shift_jis", docs: 2, reject: []string{ReasonBadJSON}},
		{name: "binary", file: "bin.jsonl", data: bytes.Repeat([]byte("\x00\x01\x02{\n"), 100), reject: []string{ReasonBinary}},
		{name: "utf-16le with BOM", file: "w.jsonl", data: utf16LE(rec+rec, true), enc: "utf-16le-bom", docs: 2},
		{name: "utf-16be without BOM", file: "w.jsonl", data: utf16BE(rec), enc: "utf-16be", docs: 1},
		{name: "iso-2022-jp", file: "j.jsonl", data: iso2022jp(t, rec+rec), enc: "iso-2022-jp", docs: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := writeFile(t, t.TempDir(), tc.file, tc.data)
			docs, rejects := NewLoader().Load(in)
			checkRejects(t, in, rejects)
			if len(docs) != tc.docs || strings.Join(reasons(rejects), ",") != strings.Join(tc.reject, ",") {
				t.Fatalf("got %d docs, rejects %+v; want %d docs, rejects %v", len(docs), rejects, tc.docs, tc.reject)
			}
			for _, d := range docs {
				if d.Text != noticeJA || d.Title != noticeTitle || d.Encoding != tc.enc {
					t.Errorf("doc line %d: enc %q title %q text %q", d.Line, d.Encoding, d.Title, d.Text)
				}
			}
		})
	}
}

// TestISO2022JPDense: a text whose ISO-2022-JP escape sequences make more
// than a tenth of its bytes ESC is read, as a file and as JSON Lines,
// not rejected as control characters.
func TestISO2022JPDense(t *testing.T) {
	data := iso2022jp(t, numbersJA)
	if esc := bytes.Count(data, []byte{0x1B}); float64(esc) <= maxControlShare*float64(len(data)) {
		t.Fatalf("numbersJA is %d ESC in %d bytes: no denser than the binary test allows", esc, len(data))
	}
	line, err := json.Marshal(map[string]string{"text": numbersJA})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file string
		data []byte
	}{
		{"d.txt", data},
		{"d.jsonl", iso2022jp(t, string(line)+"\n"+string(line)+"\n")},
	} {
		in := writeFile(t, t.TempDir(), c.file, c.data)
		docs, rejects := NewLoader().Load(in)
		if len(rejects) > 0 || len(docs) == 0 {
			t.Fatalf("%s: %d docs, rejects %+v", c.file, len(docs), rejects)
		}
		for _, d := range docs {
			if d.Text != numbersJA || d.Encoding != "iso-2022-jp" {
				t.Errorf("%s: enc %q text %q", c.file, d.Encoding, d.Text)
			}
		}
	}
}
