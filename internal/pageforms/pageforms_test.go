package pageforms

import (
	"strings"
	"testing"
)

func TestForms(t *testing.T) {
	notice := "書類の紛失について\n職員が書類を紛失しました。\n\n<お詫び>"
	if got := Copy(notice); !strings.HasPrefix(got, Top) || !strings.HasSuffix(got, Foot) || !strings.Contains(got, notice) {
		t.Errorf("Copy does not hold the notice between Top and Foot:\n%s", got)
	}
	page := Page(notice)
	for _, want := range []string{"<title>お知らせ</title>", "<p>書類の紛失について</p>",
		"<p>職員が書類を紛失しました。</p>", "<p>&lt;お詫び&gt;</p>", "<nav", "<aside>", "<footer>"} {
		if !strings.Contains(page, want) {
			t.Errorf("Page lacks %q", want)
		}
	}
	if got, want := Wide("令和7年7月15日(火) A社"), "令和７年７月１５日（火）　Ａ社"; got != want {
		t.Errorf("Wide = %q, want %q", got, want)
	}
	if got := PageBR("題名\nあいうえおかきくけこ", 8); !strings.Contains(got, "<p>あいうえ<br>おかきく<br>けこ</p>") {
		t.Errorf("PageBR does not break the paragraph with <br>:\n%s", got)
	}
	if got := TablePage("題名\n本文です。"); !strings.Contains(got, "題名<br>\n本文です。") || !strings.Contains(got, "<td width=\"160\"") {
		t.Errorf("TablePage does not set the notice beside a menu cell:\n%s", got)
	}
	wrapped := Wrap("題名はそのまま長くても折り返さない題名です\nあいうえおかきくけこ\nabcdefghij", 8)
	want := "題名はそのまま長くても折り返さない題名です\nあいうえ\nおかきく\nけこ\nabcdefgh\nij"
	if wrapped != want {
		t.Errorf("Wrap:\n got %q\nwant %q", wrapped, want)
	}
}
