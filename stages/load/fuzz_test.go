package load

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLoad feeds arbitrary bytes to Load as every format and as gzip. Load
// must not panic, must account for every input (a document or a reject), and
// must never hand on text that is not valid UTF-8 (a U+FFFD the input held
// as valid UTF-8 is text).
//
//	go test ./stages/load -run '^$' -fuzz FuzzLoad -fuzztime 60s
func FuzzLoad(f *testing.F) {
	seeds := [][]byte{
		nil,
		[]byte(noticeJA),
		sjis(f, noticeJA),
		eucjp(f, noticeJA),
		append([]byte{0xEF, 0xBB, 0xBF}, noticeJA...),
		[]byte("<html><head><title>題</title></head><body><p>本文<br>&lt;script&gt;</p><script>x</script></body></html>"),
		[]byte("{\"text\":\"" + noticeJA[:30] + "\",\"url\":\"u\"}\n{bad\n\n{\"text\":\"\\ud800\"}\n"),
		gz(f, []byte(noticeJA)),
		[]byte{0xff, 0xfe, 0x00, 0x41},
		[]byte("\xb1\xb2\xb3"),
		[]byte("a\uFFFDb"),
		[]byte(strings.Repeat("<div>", 50) + "x"),
		bytes.Repeat([]byte("長"), 700), // longer than the fuzz MaxLineBytes
	}
	for _, s := range seeds {
		f.Add(s)
	}
	l := &Loader{MaxFileBytes: 1 << 20, MaxLineBytes: 1 << 10}
	// One directory for all runs of a worker (runs in a worker are
	// sequential): creating files dominates the cost of a run, so the same
	// names are overwritten.
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		var zipped bytes.Buffer
		zw := gzip.NewWriter(&zipped)
		zw.Write(data)
		zw.Close()
		ins := []Input{
			writeFile(t, dir, "f.txt", data),
			writeFile(t, dir, "f.html", data),
			writeFile(t, dir, "f.jsonl", data),
			writeFile(t, dir, "f.md.gz", data), // usually a bad gzip
			writeFile(t, dir, "z.txt.gz", zipped.Bytes()),
			writeFile(t, dir, "z.jsonl.gz", zipped.Bytes()),
		}
		for _, in := range ins {
			docs, rejects := l.Load(in)
			if len(docs) == 0 && len(rejects) == 0 {
				t.Errorf("%s: neither documents nor rejects", in.Rel)
			}
			checkRejects(t, in, rejects)
			for _, r := range rejects {
				if r.Reason == ReasonInternal {
					t.Errorf("%s: %s", in.Rel, r.Detail)
				}
			}
			for _, d := range docs {
				if !utf8.ValidString(d.Text) {
					t.Errorf("%s: text is not clean UTF-8: %q", in.Rel, d.Text)
				}
				if strings.TrimSpace(d.Text) == "" {
					t.Errorf("%s: blank document", in.Rel)
				}
			}
		}
	})
}

// FuzzDecode feeds arbitrary bytes to the encoding detection and decoding
// alone: it must not panic, and must give either valid UTF-8 text without
// NUL under a named encoding, or a reject reason.
//
//	go test ./stages/load -run '^$' -fuzz FuzzDecode -fuzztime 60s
func FuzzDecode(f *testing.F) {
	for _, s := range [][]byte{
		nil,
		[]byte(noticeJA),
		sjis(f, noticeJA),
		eucjp(f, noticeJA),
		iso2022jp(f, noticeJA),
		utf16LE(noticeJA, true),
		utf16LE(noticeJA, false),
		utf16BE(noticeJA),
		utf32Bytes(noticeJA, false, true),
		utf32Bytes(noticeJA, true, false),
		[]byte{0xFF, 0xFE, 0, 0, 0x41},
		[]byte("\x1b$B\x1b(B"),
		[]byte("a\uFFFDb"),
	} {
		f.Add(s)
	}
	reasons := map[string]bool{ReasonEncoding: true, ReasonBinary: true}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, enc, fl := decode(data)
		if fl != nil {
			if !reasons[fl.reason] || fl.detail == "" || !utf8.ValidString(EscapePath(fl.detail)) {
				t.Fatalf("failure %+v", fl)
			}
			return
		}
		if enc == "" || !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 {
			t.Fatalf("decoded as %q to %q: not clean text", enc, text)
		}
	})
}
