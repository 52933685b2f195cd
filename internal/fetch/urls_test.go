package fetch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/internal/fetch/fetchtest"
)

// TestSyncURLs: a CSV of urls and published dates; a Shift_JIS page, a
// missing page (a failure with its reason, tried again next run) and a
// page robots.txt forbids. The rerun asks only for what failed.
func TestSyncURLs(t *testing.T) {
	srv := fetchtest.NewServer(t)
	srv.SetPage("/news/0315.html", "text/html", shiftJIS(t, `<html><head><title>不正アクセスに関するお知らせ</title></head><body><p>弊社サーバーが不正アクセスを受けました。</p></body></html>`))
	list := filepath.Join(t.TempDir(), "notices.csv")
	os.WriteFile(list, []byte("url,published\n"+srv.URL+"/news/0315.html,2024/3/15\n"+srv.URL+"/news/missing.html,2024-03-16\n"+srv.URL+"/search/label/x,\n"), 0o644)
	c, _ := testClient(ClientOptions{})
	o := testOptions(t, c)
	sum, err := SyncURLs(context.Background(), o, list)
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 1 || len(sum.Failed) != 2 || sum.Failed[0].Reason != "HTTP 404" || sum.Failed[1].Reason != ErrDisallowed.Error() {
		t.Errorf("summary %s (%+v), want 1 new, a 404 and a robots.txt refusal", sum, sum.Failed)
	}
	if !strings.Contains(sum.String(), "failed 1: HTTP 404 (e.g. "+srv.URL+"/news/missing.html)") {
		t.Errorf("summary does not give the reasons:\n%s", sum)
	}
	recs := readRecords(t, o.Corpus)
	r := recs[srv.URL+"/news/0315.html"]
	if r.Published != "2024-03-15" || r.Title != "不正アクセスに関するお知らせ" || !strings.Contains(r.Text, "弊社サーバーが不正アクセスを受けました。") {
		t.Errorf("record %+v", r)
	}
	srv.SetPage("/news/missing.html", "text/html", []byte(`<p>メールの誤送信について</p>`))
	srv.Requests(true)
	c2, _ := testClient(ClientOptions{})
	o.Client = c2
	sum, err = SyncURLs(context.Background(), o, list)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, r := range srv.Requests(false) {
		paths = append(paths, r.Path)
	}
	if strings.Join(paths, " ") != "/robots.txt /news/missing.html" || sum.New != 1 || sum.Unchanged != 1 {
		t.Errorf("rerun: %s, requests %v, want only the page that failed", sum, paths)
	}
}

func TestReadList(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("\ufeff# notices\nhttps://a.example/1.html\n\n\"https://b.example/2.pdf\", 2024-05-01\n"), 0o644)
	got, err := readList(good)
	if err != nil || len(got) != 2 || got[0].url != "https://a.example/1.html" || got[1].url != "https://b.example/2.pdf" || got[1].published != "2024-05-01" {
		t.Errorf("readList = %+v, %v", got, err)
	}
	// A URL whose query holds commas, unquoted or quoted, with a date or not.
	commas := filepath.Join(dir, "commas.csv")
	os.WriteFile(commas, []byte("https://a.example/p.html?a=1,2\nhttps://a.example/q.html?a=1,2,2024-05-01\n\"https://a.example/r.html?a=1,2\",2024-05-02\n"), 0o644)
	got, err = readList(commas)
	if err != nil || len(got) != 3 || got[0].url != "https://a.example/p.html?a=1,2" || got[0].published != "" ||
		got[1].url != "https://a.example/q.html?a=1,2" || got[1].published != "2024-05-01" ||
		got[2].url != "https://a.example/r.html?a=1,2" || got[2].published != "2024-05-02" {
		t.Errorf("readList of URLs with commas = %+v, %v", got, err)
	}
	for name, content := range map[string]string{"ftp.txt": "ftp://a.example/x\n", "date.csv": "https://a.example/,yesterday\n"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		if _, err := readList(p); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%s: %v, want an error naming line 1", name, err)
		}
	}
}

// TestStoreKeepsForeignLines: a corpus file with a line fetch did not
// write is never overwritten.
func TestStoreKeepsForeignLines(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "blog", "x", "2024.jsonl")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, []byte(`{"text": "手で足した記録"}`+"\n"), 0o644)
	s := newStore(dir)
	if err := s.put("blog/x/2024.jsonl", Record{ID: "a", Text: "t"}, ""); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("put over a foreign line: %v, want an error", err)
	}
	if b, _ := os.ReadFile(p); !strings.Contains(string(b), "手で足した記録") {
		t.Error("the foreign line is gone")
	}
}

// TestDayOf: a time is dated in its own offset, one in UTC in Japan's.
func TestDayOf(t *testing.T) {
	for in, want := range map[string]string{
		"2024-05-01T00:30:00+09:00": "2024-05-01", // its own offset
		"2024-05-01T20:00:00Z":      "2024-05-02", // 05:00 JST
		"2024-05-01T10:00:00Z":      "2024-05-01", // 19:00 JST
		"2024-05-01T20:00:00-04:00": "2024-05-01", // an offset of its own
	} {
		tm, err := time.Parse(time.RFC3339, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := dayOf(tm); got != want {
			t.Errorf("dayOf(%s) = %s, want %s", in, got, want)
		}
	}
	if got, _ := publishedDay("Wed, 01 May 2024 20:00:00 GMT"); got != "2024-05-02" {
		t.Errorf("an RSS pubDate in GMT: %s, want 2024-05-02", got)
	}
	if got, _ := publishedDay("2024/5/1"); got != "2024-05-01" {
		t.Errorf("a date: %s, want 2024-05-01", got)
	}
}

// TestDayStart: --since is a day in Japan: a post published at 08:30 JST
// that day is on or after it, and one at 23:59 JST the day before is not.
func TestDayStart(t *testing.T) {
	since, err := DayStart("2024-05-03")
	if err != nil {
		t.Fatal(err)
	}
	jst := time.FixedZone("", 9*3600)
	if early := time.Date(2024, 5, 3, 8, 30, 0, 0, jst); early.Before(since) {
		t.Errorf("a post at %v is before --since %v", early, since)
	}
	if late := time.Date(2024, 5, 2, 23, 59, 0, 0, jst); !late.Before(since) {
		t.Errorf("a post at %v is not before --since %v", late, since)
	}
}
