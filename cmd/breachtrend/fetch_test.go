package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"github.com/breachtrend/breachtrend/internal/duck"
	"github.com/breachtrend/breachtrend/internal/fetch/fetchtest"
)

// commandDir is a folder with a "breachtrend" that is this test binary
// acting as the command.
func commandDir(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(self, filepath.Join(dir, "breachtrend")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// weeklyScript is the README's scheduled-run script.
func weeklyScript(t *testing.T) string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "<!-- weekly:begin -->\n```sh\n")
	script, _, ok2 := strings.Cut(rest, "```\n<!-- weekly:end -->")
	if !ok || !ok2 {
		t.Fatal("README.md has no weekly:begin/weekly:end sh block")
	}
	return script
}

// site is a local blog and city site: the blog's posts, a press-release
// feed with an incident (a Shift_JIS page) and a festival, and a URL list
// of an organization's notice (a PDF when pdftotext is installed).
func site(t *testing.T, data string) *fetchtest.Server {
	srv := fetchtest.NewServer(t)
	srv.SetPosts(fetchtest.Posts(6))
	srv.SetPageCap(3)
	page, err := japanese.ShiftJIS.NewEncoder().String(`<html><head><meta charset="Shift_JIS"><title>個人情報を含む書類の誤送付について</title></head><body>` +
		`<h1>個人情報を含む書類の誤送付について</h1><p>テスト市市民課において、市民3名の住民票の写しを別の方に誤って送付する事案が発生しました。</p>` +
		`<p>令和6年5月8日、受け取った方からの連絡により判明しました。</p></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetPage("/press/2024/0510.html", "text/html", []byte(page))
	srv.SetPage("/press/2024/0511.html", "text/html", []byte(`<p>市民まつり</p>`))
	srv.SetPage("/press/rss.xml", "application/rss+xml", []byte(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>`+
		`<item><title>個人情報を含む書類の誤送付について</title><link>`+srv.URL+`/press/2024/0510.html</link><pubDate>Fri, 10 May 2024 15:00:00 +0900</pubDate></item>`+
		`<item><title>市民まつりの開催について</title><link>`+srv.URL+`/press/2024/0511.html</link><pubDate>Sat, 11 May 2024 15:00:00 +0900</pubDate></item></channel></rss>`))
	urls := ""
	if _, err := exec.LookPath("pdftotext"); err == nil {
		srv.SetPage("/ir/20240520.pdf", "application/pdf", fetchtest.PDF([]string{"2024年5月20日", "株式会社ピーディーエフ工業",
			"当社サーバーへの不正アクセスに関するお知らせ", "東⽇本支店の当社サーバーが第三者による不正アクセスを受け、お客様の個人情報2,345件が流出した可能性があることが判明いたしました。"}))
		urls = "url,published\n" + srv.URL + "/ir/20240520.pdf,2024-05-20\n"
	} else {
		t.Log("pdftotext not installed (make test installs poppler-utils): the URL list has no PDF")
	}
	os.WriteFile(filepath.Join(data, "feeds.txt"), []byte(srv.URL+"/press/rss.xml\n"), 0o644)
	os.WriteFile(filepath.Join(data, "urls.txt"), []byte(urls), 0o644)
	return srv
}

// runWeekly runs the README's script with sh, breachtrend being this test
// binary, against srv.
func runWeekly(t *testing.T, bin, data string, srv *fetchtest.Server) string {
	t.Helper()
	script := filepath.Join(data, "breachtrend-weekly.sh")
	os.WriteFile(script, []byte(weeklyScript(t)), 0o755)
	cmd := exec.Command("sh", script)
	cmd.Env = append(os.Environ(), "BREACHTREND_TEST_AS_MAIN=1", "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"BLOG="+srv.URL, "DATA="+data, "DELAY=1ms")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's weekly script: %v\n%s", err, out)
	}
	return string(out)
}

type noticeRow struct {
	URL, Published, RetrievedAt, Organization string
	Folded                                    bool // text has 東日本 where the original has the Kangxi ⽇
	Labels                                    []string
	Count                                     int64
}

func fetchedNotices(t *testing.T, out string) map[string]noticeRow {
	t.Helper()
	db, err := duck.Open(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT url, coalesce(strftime(published_date, '%Y-%m-%d'), ''), coalesce(retrieved_at, ''),
		coalesce(organization, ''), coalesce(array_to_string(labels, '|'), ''), coalesce(affected_count, -1),
		contains(text, '東日本') AND contains(original_text, '東⽇本')
		FROM notices WHERE is_incident AND url IS NOT NULL ORDER BY url`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]noticeRow{}
	for rows.Next() {
		var r noticeRow
		var labels string
		if err := rows.Scan(&r.URL, &r.Published, &r.RetrievedAt, &r.Organization, &labels, &r.Count, &r.Folded); err != nil {
			t.Fatal(err)
		}
		if labels != "" {
			r.Labels = strings.Split(labels, "|")
		}
		if _, dup := got[r.URL]; dup {
			t.Errorf("two notices of %s", r.URL)
		}
		got[r.URL] = r
	}
	return got
}

// TestWeeklyScript runs the README's scheduled-run script twice against a
// local blog and city site: the notices reach the tables with their url,
// published date, retrieved_at, labels and fields; the second week asks
// the blog only for its first page of changes and fetches no page again.
func TestWeeklyScript(t *testing.T) {
	bin, data := commandDir(t), t.TempDir()
	srv := site(t, data)
	runWeekly(t, bin, data, srv)

	got := fetchedNotices(t, filepath.Join(data, "out"))
	for i := range 6 {
		u := fmt.Sprintf("%s/2024/05/2024-%03d.html", srv.URL, 101+i)
		r, ok := got[u]
		want := noticeRow{URL: u, Published: fmt.Sprintf("2024-05-%02d", 1+i), RetrievedAt: r.RetrievedAt,
			Organization: fmt.Sprintf("株式会社テスト商事%d", i+1), Labels: []string{"不正アクセス", "個人情報"}, Count: int64(1000 + i)}
		if !ok || fmt.Sprint(r) != fmt.Sprint(want) {
			t.Errorf("notice of %s:\n got %+v\nwant %+v", u, r, want)
		}
		if _, err := time.Parse(time.RFC3339, r.RetrievedAt); err != nil {
			t.Errorf("%s: retrieved_at %q", u, r.RetrievedAt)
		}
	}
	press := got[srv.URL+"/press/2024/0510.html"]
	if press.Published != "2024-05-10" || press.Count != 3 || press.RetrievedAt == "" {
		t.Errorf("press release: %+v, want published 2024-05-10 and 3 people", press)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		pdf := got[srv.URL+"/ir/20240520.pdf"]
		if pdf.Published != "2024-05-20" || pdf.Count != 2345 || pdf.Organization != "株式会社ピーディーエフ工業" || !pdf.Folded {
			t.Errorf("PDF notice: %+v", pdf)
		}
	}
	if _, ok := got[srv.URL+"/press/2024/0511.html"]; ok {
		t.Error("the festival was fetched")
	}
	if _, err := os.Stat(filepath.Join(data, "out", "report.html")); err != nil {
		t.Errorf("no report: %v", err)
	}

	srv.Requests(true)
	runWeekly(t, bin, data, srv)
	var feed, pages []string
	for _, r := range srv.Requests(false) {
		switch {
		case r.Path == "/feeds/posts/default":
			feed = append(feed, r.RawQuery)
		case r.Path != "/robots.txt" && r.Path != "/press/rss.xml":
			pages = append(pages, r.Path)
		}
	}
	if len(feed) != 1 || !strings.Contains(feed[0], "updated-min=") || len(pages) != 0 {
		t.Errorf("second week asked the feed %v and pages %v, want one page of changes and no page", feed, pages)
	}
	// The same notices, provenance included (the second run restores
	// them from the cache).
	if again := fetchedNotices(t, filepath.Join(data, "out")); !reflect.DeepEqual(again, got) {
		t.Errorf("second week's notices differ:\n got %+v\nwant %+v", again, got)
	}
}

// TestFetchKilled: a fetch killed with SIGKILL in the middle of the blog's
// pages, then run again, ends with every post once.
func TestFetchKilled(t *testing.T) {
	bin, corpus := commandDir(t), filepath.Join(t.TempDir(), "corpus")
	srv := fetchtest.NewServer(t)
	srv.SetPosts(fetchtest.Posts(8)) // 9 entries, 5 pages of 2
	srv.SetPageCap(2)
	reached, release := make(chan struct{}), make(chan struct{})
	srv.SetBefore(func(n int, r *http.Request) {
		if n == 4 { // robots.txt, two pages, then hold the third
			close(reached)
			<-release
		}
	})
	cmd := exec.Command(filepath.Join(bin, "breachtrend"), "fetch", "blog", "--base", srv.URL, "--to", corpus, "--delay", "1ms", "--page-size", "2")
	cmd.Env = append(os.Environ(), "BREACHTREND_TEST_AS_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-reached:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("the fetch never reached its third page:\n%s", stderr.String())
	}
	cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	close(release)
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("fetch was not killed: %v", err)
	}
	srv.SetBefore(nil)
	killed := countRecords(t, corpus)
	if killed["total"] != 4 {
		t.Errorf("after the kill: %d records, want the 4 posts of the two pages done", killed["total"])
	}
	srv.Requests(true)
	var stdout, errOut bytes.Buffer
	if code := dispatch(context.Background(), []string{"fetch", "blog", "--base", srv.URL, "--to", corpus, "--delay", "1ms", "--page-size", "2", "--quiet"}, &stdout, &errOut); code != 0 {
		t.Fatalf("rerun: exit %d\n%s", code, errOut.String())
	}
	counts := countRecords(t, corpus)
	if counts["total"] != 8 || counts["max"] != 1 {
		t.Errorf("after the rerun: %v, want 8 posts once each", counts)
	}
	if first := feedQuery(srv.Requests(false)); !strings.Contains(first, "start-index=5") {
		t.Errorf("rerun started at %q, want the page the kill interrupted (start-index=5)", first)
	}
}

func feedQuery(reqs []fetchtest.Request) string {
	for _, r := range reqs {
		if r.Path == "/feeds/posts/default" {
			return r.RawQuery
		}
	}
	return ""
}

// countRecords counts the records of the corpus's JSON Lines files:
// total, and max, the most times one id occurs.
func countRecords(t *testing.T, corpus string) map[string]int {
	t.Helper()
	byID := map[string]int{}
	files, _ := filepath.Glob(filepath.Join(corpus, "blog", "*", "*.jsonl"))
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var r struct{ ID string }
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("%s: %v (a torn write?)", f, err)
			}
			byID[r.ID]++
		}
		fh.Close()
	}
	out := map[string]int{}
	for _, n := range byID {
		out["total"]++
		out["max"] = max(out["max"], n)
	}
	return out
}

func TestFetchUsage(t *testing.T) {
	for _, args := range [][]string{{"fetch"}, {"fetch", "blog"}, {"fetch", "feeds"}, {"fetch", "nope"}, {"fetch", "blog", "--base", "http://127.0.0.1:1", "--since", "May"}, {"fetch", "urls", "a", "b"}} {
		var stdout, stderr bytes.Buffer
		if code := dispatch(context.Background(), args, &stdout, &stderr); code != 2 {
			t.Errorf("breachtrend %s: exit %d, want 2\n%s", strings.Join(args, " "), code, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := dispatch(context.Background(), []string{"fetch", "urls", "/does/not/exist", "--to", t.TempDir()}, &stdout, &stderr); code != 2 {
		t.Errorf("a missing list: exit %d, want 2", code)
	}
	// A --base with no scheme is a usage error, found before the corpus
	// is touched (no .fetch/lock made).
	to := t.TempDir()
	if code := dispatch(context.Background(), []string{"fetch", "blog", "--base", "127.0.0.1:18081", "--to", to}, &stdout, &stderr); code != 2 {
		t.Errorf("--base without a scheme: exit %d, want 2", code)
	}
	if entries, _ := os.ReadDir(to); len(entries) != 0 {
		t.Errorf("--base without a scheme left %d entries in --to", len(entries))
	}
}

// TestFetchMaxFailures: failed pages are in the summary with their
// reason; they fail the command only past --max-failures.
func TestFetchMaxFailures(t *testing.T) {
	srv := fetchtest.NewServer(t)
	list := filepath.Join(t.TempDir(), "urls.txt")
	os.WriteFile(list, []byte(srv.URL+"/gone.html\n"), 0o644)
	for _, tt := range []struct {
		flags []string
		code  int
	}{{nil, 0}, {[]string{"--max-failures", "1"}, 0}, {[]string{"--max-failures", "0"}, 1}} {
		var stdout, stderr bytes.Buffer
		args := append([]string{"fetch", "urls", list, "--to", t.TempDir(), "--delay", "1ms"}, tt.flags...)
		if code := dispatch(context.Background(), args, &stdout, &stderr); code != tt.code {
			t.Errorf("%v: exit %d, want %d\n%s", tt.flags, code, tt.code, stderr.String())
		}
		if !strings.Contains(stdout.String(), "1 failed") || !strings.Contains(stdout.String(), "failed 1: HTTP 404") {
			t.Errorf("%v: summary %q does not give the failure and its reason", tt.flags, stdout.String())
		}
	}
	// --quiet prints nothing but errors, and a page not fetched is one.
	var stdout, stderr bytes.Buffer
	args := []string{"fetch", "urls", list, "--to", t.TempDir(), "--delay", "1ms", "--quiet"}
	if code := dispatch(context.Background(), args, &stdout, &stderr); code != 0 || stdout.Len() > 0 ||
		!strings.Contains(stderr.String(), "failed 1: HTTP 404") {
		t.Errorf("--quiet: exit %d, stdout %q, stderr %q; want the failure on stderr", code, stdout.String(), stderr.String())
	}
}
