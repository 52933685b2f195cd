package load

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Checked-in fixtures in testdata/load, written by this file rather than by
// hand so that their bytes are reproducible:
//
//	go test ./stages/load -run TestFixtures -update
var update = flag.Bool("update", false, "rewrite the fixtures in testdata/load")

const fixtureDir = "../../testdata/load"

func fixtureHTML() string {
	return "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"EUC-JP\">\n<title>" + noticeTitle + "</title>\n" +
		"<script>window.dataLayer = [];</script>\n</head>\n<body>\n<!-- 広報部 確認済み -->\n" +
		"<h1>" + noticeTitle + "</h1>\n<p>" + strings.ReplaceAll(noticeJA, "\n", "</p>\n<p>") + "</p>\n</body>\n</html>\n"
}

func TestFixtures(t *testing.T) {
	fixtures := []struct {
		file  string
		data  func() []byte
		enc   string
		title string
		text  string
	}{
		{"sjis_notice.txt", func() []byte { return sjis(t, strings.ReplaceAll(noticeJA, "\n", "\r\n")+"\r\n") }, "shift_jis", "", noticeJA + "\n"},
		{"eucjp_notice.html", func() []byte { return eucjp(t, fixtureHTML()) }, "euc-jp", noticeTitle, noticeTitle + "\n" + noticeJA},
	}
	if *update {
		if err := os.MkdirAll(fixtureDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range fixtures {
			if err := os.WriteFile(filepath.Join(fixtureDir, f.file), f.data(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range fixtures {
		t.Run(f.file, func(t *testing.T) {
			p := filepath.Join(fixtureDir, f.file)
			docs, rejects := NewLoader().Load(Input{Path: p, Rel: f.file})
			if len(rejects) != 0 || len(docs) != 1 {
				t.Fatalf("got docs=%d rejects=%+v (run with -update to regenerate)", len(docs), rejects)
			}
			d := docs[0]
			if d.Encoding != f.enc || d.Title != f.title || d.Text != f.text {
				t.Errorf("got enc=%q title=%q text:\n%q\nwant enc=%q title=%q text:\n%q", d.Encoding, d.Title, d.Text, f.enc, f.title, f.text)
			}
		})
	}
}
