package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryRecordKeepsItsTitle: each JSON Lines record is its own document,
// so each record's notice takes the record's "title", not only the file's
// first record's (the title once followed the segment's index in the file).
func TestEveryRecordKeepsItsTitle(t *testing.T) {
	in := t.TempDir()
	feed := strings.Join([]string{
		`{"title":"第一のお知らせ","text":"このたび、当社において不正アクセスによる個人情報の漏えいが判明しました。お詫び申し上げます。"}`,
		`{"title":"第二のお知らせ","text":"当社サーバーがランサムウェアに感染し、お客様情報が暗号化されたことが判明しました。お詫び申し上げます。"}`,
		`{"text":"当社の委託先において、顧客の氏名と住所が記載された書類を紛失したことが判明しました。お詫び申し上げます。"}`,
	}, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(in, "feed.jsonl"), []byte(feed), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	run(t, out, 1, in)
	got := rowsJSON(t, open(t, out), "SELECT segment_index, title FROM notices ORDER BY segment_index")
	want := []string{`{"segment_index":0,"title":"第一のお知らせ"}`, `{"segment_index":1,"title":"第二のお知らせ"}`}
	if len(got) != 3 {
		t.Fatalf("notices = %d, want 3: %v", len(got), got)
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("record %d: %s, want %s", i+1, got[i], w)
		}
	}
	if strings.Contains(got[2], "お知らせ") {
		t.Errorf("record 3 has no title of its own, got %s", got[2])
	}
}
