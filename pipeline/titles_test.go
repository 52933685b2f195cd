package pipeline

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// TestTitlesAreNotChrome runs the pipeline on the sample corpus and, when
// ../shared is here, on corpus/dev and corpus/dev-b, lists every incident
// notice's title (go test -v shows them) and fails on one that is page
// chrome. The check is written apart from rules/text/page_chrome.tsv, so
// that the rule file cannot pass itself: the examples, skip links
// and breadcrumbs, and a title must hold at least 4 letters and not be only
// a date.
func TestTitlesAreNotChrome(t *testing.T) {
	sets := []struct{ name, dir string }{
		{"sample", corpus},
		{"dev", shared("corpus", "dev")},
		{"dev-b", shared("corpus", "dev-b")},
	}
	for _, s := range sets {
		t.Run(s.name, func(t *testing.T) {
			if _, err := os.Stat(s.dir); err != nil {
				t.Skipf("%s not here: %v", s.dir, err)
			}
			out := filepath.Join(t.TempDir(), "out")
			run(t, out, 2, s.dir)
			rows, err := open(t, out).Query("SELECT source_path, segment_index, coalesce(title, '') FROM notices WHERE is_incident ORDER BY 1, 2")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			n := 0
			for rows.Next() {
				var path, title string
				var seg int
				if err := rows.Scan(&path, &seg, &title); err != nil {
					t.Fatal(err)
				}
				n++
				t.Logf("%s #%d: %s", path, seg, shorten(title, 80))
				if why := chromeTitle(title); why != "" {
					t.Errorf("%s #%d: title %q is page chrome: %s", path, seg, title, why)
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				t.Fatal("no incident notices")
			}
		})
	}
}

// chromeExamples are the titles that are page chrome, and the skip
// links and menu lines of real captures.
var chromeExamples = []string{"本文", "ここから本文です。", "ページの本文です。", "本文へ", "メインメニュー", "グローバルナビゲーション",
	"ナビゲーションへ", "フッターへ", "総合トップへ", "トップページ", "事故から学ぶ", "お知らせ", "facebook"}

// onlyDateRE is a line of dates, times and weekdays and nothing else.
var onlyDateRE = regexp.MustCompile(`^(?:[\s\d年月日度./:,()\-~]|令和|平成|昭和|元|曜|[月火水木金土]|更新|掲載|日付|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)*$`)

// chromeTitle says why a title is page chrome, or "".
func chromeTitle(title string) string {
	t := strings.TrimSpace(title)
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	switch {
	case letters < 4:
		return "fewer than 4 letters"
	case onlyDateRE.MatchString(t):
		return "only a date"
	case strings.Contains(t, " > ") || strings.Count(t, ">") >= 2:
		return "a breadcrumb trail"
	}
	for _, c := range chromeExamples {
		if t == c || strings.HasSuffix(t, "総合トップへ") || strings.HasPrefix(t, "ここから本文") ||
			strings.Contains(t, "本文へ") || strings.Contains(t, "ナビゲーション") || (strings.Contains(t, c) && len(t) <= len(c)+9) {
			return "a skip link, menu or label (" + c + ")"
		}
	}
	return ""
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// TestChromeTitleCheck checks the check: the examples fail it, real
// titles pass.
func TestChromeTitleCheck(t *testing.T) {
	for _, c := range []string{"本文", "ここから本文です。", "2019.05.29", "令和7年11月21日", "2025年度", "10Feb", "佐賀県総合トップへ",
		"グローバルナビゲーションへ", "トップぺージ > くらし > 県立高等学校における生徒の個人情報漏えいについて", "受験生", "お知らせ", "更新日:2024年6月21日"} {
		if chromeTitle(c) == "" {
			t.Errorf("%q passes as a title", c)
		}
	}
	for _, c := range []string{"メールアドレス流出に関するお詫び", "個人情報盗難のお詫び", "文書の所在不明について",
		"【セキュリティ事件簿#2023-499】株式会社エイチーム個人情報漏えいの可能性に関するご報告とお詫び"} {
		if why := chromeTitle(c); why != "" {
			t.Errorf("%q fails as chrome: %s", c, why)
		}
	}
}

// TestPageTitleOverTextLine: the title a page gives (HTML <title> less the
// site's name, a JSON Lines "title") is the notice's title, over the first
// lines of its text; a chrome one is not.
func TestPageTitleOverTextLine(t *testing.T) {
	in := t.TempDir()
	body := "この度、当市の職員が個人情報を含むUSBメモリを紛失しました。関係者の皆様に深くお詫び申し上げます。紛失したUSBメモリには市民120名分の氏名と住所が保存されていました。"
	files := map[string]string{
		"a.html": "<html><head><title>USBメモリの紛失について | 青葉市</title></head><body><a href='#c'>本文へ</a><ul><li>くらし</li><li>子育て</li></ul><p>" + body + "</p></body></html>",
		"b.jsonl": `{"text":"メインメニュー\n` + body + `","title":"個人情報を含む書類の紛失について","url":"https://example.jp/b"}` + "\n" +
			`{"text":"ここから本文です。\n書類の誤送付について\n` + body + `","title":"お知らせ","url":"https://example.jp/c"}` + "\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(in, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	run(t, out, 1, in)
	got := rowsJSON(t, open(t, out), "SELECT title FROM notices ORDER BY source_path, url")
	want := []string{`{"title":"USBメモリの紛失について"}`, `{"title":"個人情報を含む書類の紛失について"}`, `{"title":"書類の誤送付について"}`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("titles:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
