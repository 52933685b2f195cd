package load

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"
)

func TestLoad(t *testing.T) {
	htmlPage := "<!DOCTYPE html><html><head><meta charset=\"Shift_JIS\"><title>" + noticeTitle + "</title></head><body>\n<p>" +
		strings.ReplaceAll(noticeJA, "\n", "</p>\n<p>") + "</p></body></html>"
	cp932 := "①　髙橋・﨑本の各氏を含む 1,234 件。" + noticeJA
	long := strings.Repeat("不正アクセス", 100) // 1,800 bytes on one line
	minified := `<html><body><div class="` + strings.Repeat("x", 2000) + `"><p>` + strings.ReplaceAll(noticeJA, "\n", "</p><p>") + `</p></div></body></html>`
	tests := []struct {
		name     string
		file     string
		data     []byte
		loader   *Loader // nil: NewLoader()
		reason   string  // want one whole-file reject with this reason
		text     string  // else want one document with this text...
		enc      string  // ...this encoding
		format   string  // ...this format
		title    string
		contains string // when set, check Text contains it instead of equality
	}{
		{name: "utf-8 txt", file: "a.txt", data: []byte(noticeJA), text: noticeJA, enc: "utf-8", format: "txt"},
		{name: "utf-8 md with CRLF and CR", file: "a.md", data: []byte("# お知らせ\r\n本文です。\r最終行\r\n"), text: "# お知らせ\n本文です。\n最終行\n", enc: "utf-8", format: "md"},
		{name: "upper-case extension", file: "NOTICE.TXT", data: []byte(noticeJA), text: noticeJA, enc: "utf-8", format: "txt"},
		{name: "utf-8 BOM stripped", file: "bom.txt", data: append([]byte{0xEF, 0xBB, 0xBF}, noticeJA...), text: noticeJA, enc: "utf-8-bom", format: "txt"},
		{name: "shift_jis txt", file: "sjis.txt", data: sjis(t, noticeJA), text: noticeJA, enc: "shift_jis", format: "txt"},
		{name: "shift_jis CRLF", file: "sjis-crlf.txt", data: sjis(t, strings.ReplaceAll(noticeJA, "\n", "\r\n")), text: noticeJA, enc: "shift_jis", format: "txt"},
		{name: "cp932 extensions", file: "cp932.txt", data: sjis(t, cp932), text: cp932, enc: "shift_jis", format: "txt"},
		{name: "euc-jp txt", file: "euc.txt", data: eucjp(t, noticeJA), text: noticeJA, enc: "euc-jp", format: "txt"},
		{name: "shift_jis html", file: "sjis.html", data: sjis(t, htmlPage), text: noticeJA, enc: "shift_jis", format: "html", title: noticeTitle},
		{name: "euc-jp htm", file: "euc.htm", data: eucjp(t, htmlPage), text: noticeJA, enc: "euc-jp", format: "html", title: noticeTitle},
		{name: "gzip by suffix", file: "a.txt.gz", data: gz(t, []byte(noticeJA)), text: noticeJA, enc: "utf-8", format: "txt"},
		{name: "gzip by magic bytes", file: "a.md", data: gz(t, []byte(noticeJA)), text: noticeJA, enc: "utf-8", format: "md"},
		{name: "gzip shift_jis html", file: "a.HTML.GZ", data: gz(t, sjis(t, htmlPage)), text: noticeJA, enc: "shift_jis", format: "html", title: noticeTitle},
		{name: "minified html within line limit", file: "min.html", data: []byte(minified), loader: &Loader{MaxFileBytes: 1 << 20, MaxLineBytes: 400}, text: noticeJA, enc: "utf-8", format: "html"},

		{name: "utf-16le with BOM", file: "w.txt", data: utf16LE(noticeJA, true), text: noticeJA, enc: "utf-16le-bom", format: "txt"},
		{name: "utf-16le without BOM", file: "w.txt", data: utf16LE(noticeJA, false), text: noticeJA, enc: "utf-16le", format: "txt"},
		{name: "utf-16be without BOM", file: "w.md", data: utf16BE(noticeJA), text: noticeJA, enc: "utf-16be", format: "md"},
		{name: "utf-16be html", file: "w.html", data: utf16BE(htmlPage), text: noticeJA, enc: "utf-16be", format: "html", title: noticeTitle},
		{name: "utf-32le with BOM", file: "w.txt", data: utf32Bytes(noticeJA, false, true), text: noticeJA, enc: "utf-32le-bom", format: "txt"},
		{name: "utf-32be with BOM", file: "w.txt", data: utf32Bytes(noticeJA, true, true), text: noticeJA, enc: "utf-32be-bom", format: "txt"},
		{name: "utf-32le without BOM", file: "w.txt", data: utf32Bytes(noticeJA, false, false), text: noticeJA, enc: "utf-32le", format: "txt"},
		{name: "utf-32be without BOM", file: "w.txt", data: utf32Bytes(noticeJA, true, false), text: noticeJA, enc: "utf-32be", format: "txt"},
		{name: "utf-16 surrogate pair", file: "w.txt", data: utf16LE("𠮷野家の"+noticeJA, true), text: "𠮷野家の" + noticeJA, enc: "utf-16le-bom", format: "txt"},
		{name: "iso-2022-jp", file: "j.txt", data: iso2022jp(t, noticeJA), text: noticeJA, enc: "iso-2022-jp", format: "txt"},
		{name: "utf-16 BOM, odd length", file: "w.txt", data: append(utf16LE(noticeJA, true), 'x'), reason: ReasonEncoding},
		{name: "utf-16 BOM, lone surrogate", file: "w.txt", data: append(utf16LE(noticeJA, true), 0x00, 0xD8, 0x41, 0x00), reason: ReasonEncoding},
		{name: "utf-32 BOM, out of Unicode", file: "w.txt", data: append(utf32Bytes(noticeJA, false, true), 0, 0, 0x11, 0), reason: ReasonEncoding},
		{name: "iso-2022-jp with an 8-bit byte", file: "j.txt", data: append(iso2022jp(t, noticeJA), 0x8F), reason: ReasonEncoding},

		{name: "truncated gzip", file: "cut.txt.gz", data: gz(t, []byte(strings.Repeat(noticeJA, 20)))[:200], reason: ReasonBadGzip},
		{name: "not gzip despite suffix", file: "fake.txt.gz", data: []byte(noticeJA), reason: ReasonBadGzip},
		{name: "gzip bad checksum", file: "sum.txt.gz", data: corruptTrailer(gz(t, []byte(noticeJA))), reason: ReasonBadGzip},
		{name: "empty file", file: "empty.txt", data: nil, reason: ReasonEmpty},
		{name: "whitespace only", file: "blank.md", data: []byte(" \r\n\t\n　\n"), reason: ReasonEmpty},
		{name: "gzip of nothing", file: "empty.txt.gz", data: gz(t, nil), reason: ReasonEmpty},
		{name: "NUL bytes", file: "nul.txt", data: []byte("PK\x03\x04\x00\x00binary"), reason: ReasonBinary},
		{name: "NUL after the sniffed head", file: "latenul.txt", data: append([]byte(strings.Repeat("a", 10000)), 0), reason: ReasonBinary},
		{name: "control characters", file: "ctl.txt", data: bytes.Repeat([]byte{0x01, 0x02, 'a', 0x1b, 0x7f}, 100), reason: ReasonBinary},
		{name: "random high bytes", file: "rand.txt", data: []byte{0xff, 0xfe, 0xfd, 0x80, 0xfc, 0x0a, 0xff, 0xa0}, reason: ReasonEncoding},
		{name: "utf-8 holding a literal U+FFFD", file: "fffd.txt", data: []byte("文字化け（\uFFFD）が発生"), text: "文字化け（\uFFFD）が発生", enc: "utf-8", format: "txt"},
		{name: "BOM then invalid UTF-8", file: "badbom.txt", data: append([]byte{0xEF, 0xBB, 0xBF}, sjis(t, noticeJA)...), reason: ReasonEncoding},
		{name: "too large on disk", file: "big.txt", data: []byte(noticeJA), loader: &Loader{MaxFileBytes: 100, MaxLineBytes: 1 << 20}, reason: ReasonTooLarge},
		{name: "gzip bomb", file: "bomb.txt.gz", data: gz(t, bytes.Repeat([]byte("a"), 100000)), loader: &Loader{MaxFileBytes: 10000, MaxLineBytes: 1 << 20}, reason: ReasonTooLarge},
		{name: "line too long", file: "long.txt", data: []byte("見出し\n" + long + "\n"), loader: &Loader{MaxFileBytes: 1 << 20, MaxLineBytes: 1000}, reason: ReasonLineTooLong},
		{name: "html text line too long", file: "long.html", data: []byte("<p>" + long + "</p>"), loader: &Loader{MaxFileBytes: 1 << 20, MaxLineBytes: 1000}, reason: ReasonLineTooLong},
		{name: "html without visible text", file: "none.html", data: []byte("<html><head><title>t</title><script>var a = 1;</script></head><body><!-- c --><img src=x></body></html>"), reason: ReasonNoText},
		{name: "unsupported extension", file: "a.docx", data: []byte(noticeJA), reason: ReasonUnsupported},
		{name: "no extension under gz", file: "README.gz", data: gz(t, []byte(noticeJA)), reason: ReasonUnsupported},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := writeFile(t, t.TempDir(), tc.file, tc.data)
			l := tc.loader
			if l == nil {
				l = NewLoader()
			}
			docs, rejects := l.Load(in)
			checkRejects(t, in, rejects)
			if tc.reason != "" {
				if len(docs) != 0 || len(rejects) != 1 || rejects[0].Reason != tc.reason || rejects[0].Segment != -1 {
					t.Fatalf("want one %s reject, got docs=%d rejects=%+v", tc.reason, len(docs), rejects)
				}
				return
			}
			if len(rejects) != 0 || len(docs) != 1 {
				t.Fatalf("want one document, got docs=%d rejects=%+v", len(docs), rejects)
			}
			d := docs[0]
			if d.Text != tc.text {
				t.Errorf("Text:\n got %q\nwant %q", d.Text, tc.text)
			}
			if d.Encoding != tc.enc || d.Format != tc.format || d.Title != tc.title || d.Source != in.Rel || d.Line != 0 {
				t.Errorf("got enc=%q format=%q title=%q source=%q line=%d; want %q %q %q %q 0",
					d.Encoding, d.Format, d.Title, d.Source, d.Line, tc.enc, tc.format, tc.title, in.Rel)
			}
		})
	}
}

// corruptTrailer flips a bit of the CRC-32 in a gzip member's trailer.
func corruptTrailer(b []byte) []byte {
	b = bytes.Clone(b)
	b[len(b)-8] ^= 0x01
	return b
}

// A 200 MB file is rejected from its size alone. The file is sparse, so it
// costs no disk, and the allocation count proves it was never read.
func TestLoadHugeFileNotRead(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	docs, rejects := NewLoader().Load(Input{Path: p, Rel: "huge.txt", Size: 200 << 20})
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if len(docs) != 0 || len(rejects) != 1 || rejects[0].Reason != ReasonTooLarge {
		t.Fatalf("got docs=%d rejects=%+v", len(docs), rejects)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("allocated %d bytes for a rejected 200 MB file: it was read", alloc)
	}
	t.Logf("rejected in %v", elapsed)
	if !strings.Contains(rejects[0].Detail, "209715200") {
		t.Errorf("detail should give the size: %q", rejects[0].Detail)
	}
}

// A text file that is one 10 MB line is rejected whole, with default limits.
func TestLoadTenMegabyteLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads 10 MB; the small-limit case in TestLoad covers the logic")
	}
	in := writeFile(t, t.TempDir(), "oneline.txt", bytes.Repeat([]byte("a"), 10<<20))
	docs, rejects := NewLoader().Load(in)
	if len(docs) != 0 || len(rejects) != 1 || rejects[0].Reason != ReasonLineTooLong {
		t.Fatalf("got docs=%d rejects=%v", len(docs), reasons(rejects))
	}
	if want := "line 1 is 10485760 bytes"; !strings.Contains(rejects[0].Detail, want) {
		t.Errorf("detail %q lacks %q", rejects[0].Detail, want)
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.txt")
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), dangling); err != nil {
		t.Fatal(err)
	}
	ins := []Input{
		{Path: fifo, Rel: "pipe.txt"}, // opening it would block forever
		{Path: dangling, Rel: "dangling.txt"},
		{Path: filepath.Join(dir, "missing.txt"), Rel: "missing.txt"},
	}
	if os.Geteuid() != 0 {
		locked := writeFile(t, dir, "locked.txt", []byte(noticeJA))
		if err := os.Chmod(locked.Path, 0); err != nil {
			t.Fatal(err)
		}
		ins = append(ins, locked)
	} else {
		t.Log("running as root: chmod 000 does not stop root reading, so the permission case is covered by FIFO and dangling links only")
	}
	for _, in := range ins {
		docs, rejects := NewLoader().Load(in)
		checkRejects(t, in, rejects)
		if len(docs) != 0 || len(rejects) != 1 || rejects[0].Reason != ReasonUnreadable {
			t.Errorf("%s: got docs=%d rejects=%+v", in.Rel, len(docs), rejects)
		}
	}
}

// A panic inside Load becomes an internal_error reject. A nil *Loader is
// the cheapest way to make one.
func TestLoadPanicBecomesReject(t *testing.T) {
	in := writeFile(t, t.TempDir(), "a.txt", []byte(noticeJA))
	var l *Loader
	docs, rejects := l.Load(in)
	checkRejects(t, in, rejects)
	if len(docs) != 0 || len(rejects) != 1 || rejects[0].Reason != ReasonInternal {
		t.Fatalf("got docs=%d rejects=%+v", len(docs), rejects)
	}
	if !strings.Contains(rejects[0].Detail, "nil pointer") {
		t.Errorf("detail should carry the panic text: %q", rejects[0].Detail)
	}
}

// Rejects name their source even when the Input has no Rel.
func TestLoadSourceWithoutRel(t *testing.T) {
	in := writeFile(t, t.TempDir(), "a.bin", []byte("x"))
	_, rejects := NewLoader().Load(Input{Path: in.Path})
	if len(rejects) != 1 || rejects[0].Source != filepath.ToSlash(in.Path) {
		t.Fatalf("got %+v", rejects)
	}
}

// Short EUC-JP text is often clean Shift_JIS too (read as half-width kana
// and stray kanji); chardet, run on the whole text, breaks the tie.
func TestDecodeAmbiguous(t *testing.T) {
	const s = "ことが判明いたしました。\nお客様"
	data := eucjp(t, s)
	if _, ok := cleanDecode(japanese.ShiftJIS, data); !ok {
		t.Fatal("precondition: the EUC-JP bytes should also decode cleanly as Shift_JIS")
	}
	text, enc, f := decode(data)
	if f != nil || enc != "euc-jp" || text != s {
		t.Fatalf("got %q %q %v", text, enc, f)
	}
}

// TestWideEncodingRejectNamesIt: a file with a UTF-16 or UTF-32 byte order
// mark that does not decode is rejected with the encoding named, not as a
// binary file because of its NUL bytes.
func TestWideEncodingRejectNamesIt(t *testing.T) {
	for name, data := range map[string][]byte{
		"UTF-16LE": append(utf16LE(noticeJA, true), 0x00, 0xDC),
		"UTF-32BE": append(utf32Bytes(noticeJA, true, true), 0, 0x20, 0, 0),
	} {
		in := writeFile(t, t.TempDir(), "w.txt", data)
		_, rejects := NewLoader().Load(in)
		if len(rejects) != 1 || rejects[0].Reason != ReasonEncoding || !strings.Contains(rejects[0].Detail, name) {
			t.Errorf("%s: got %+v, want one %s reject naming it", name, rejects, ReasonEncoding)
		}
	}
}

// TestDeclaredCharsetDecides: a short page whose bytes decode cleanly as
// Shift_JIS and as EUC-JP is read in the charset it declares.
func TestDeclaredCharsetDecides(t *testing.T) {
	page := `<html><head><meta charset="EUC-JP"><title>お知らせ</title></head><body><p>紛失</p></body></html>`
	data := eucjp(t, page)
	if _, ok := cleanDecode(japanese.ShiftJIS, data); !ok {
		t.Skip("the page does not decode cleanly as Shift_JIS too: no tie to break")
	}
	in := writeFile(t, t.TempDir(), "p.html", data)
	docs, rejects := NewLoader().Load(in)
	if len(rejects) > 0 || len(docs) != 1 || docs[0].Encoding != "euc-jp" || docs[0].Text != "紛失" || docs[0].Title != "お知らせ" {
		t.Errorf("docs %+v, rejects %+v; want the page read as EUC-JP", docs, rejects)
	}
	sjisPage := strings.Replace(page, "EUC-JP", "Shift_JIS", 1)
	in = writeFile(t, t.TempDir(), "s.html", sjis(t, sjisPage))
	if docs, _ := NewLoader().Load(in); len(docs) != 1 || docs[0].Encoding != "shift_jis" || docs[0].Text != "紛失" {
		t.Errorf("a Shift_JIS page declaring so: %+v", docs)
	}
}
