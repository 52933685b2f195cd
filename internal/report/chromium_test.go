package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/pipeline"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
)

// chromiumDOM loads file in headless Chromium and returns the DOM after
// load and Chromium's log (console messages included).
func chromiumDOM(t *testing.T, file string) (dom, log string) {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not on PATH (apt-get install chromium)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0", "--dump-dom", "file://"+file)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// checkNoScriptRan asserts that the page ran nothing: the title is the one
// written, no script element or event handler exists in the DOM, no console
// message was logged and no CSP violation was even attempted.
func checkNoScriptRan(t *testing.T, dom, log, title string) {
	t.Helper()
	if !strings.Contains(dom, "<title>"+title+"</title>") {
		t.Errorf("document title changed or missing: want %q", title)
	}
	if strings.Contains(strings.ToLower(dom), "<script") {
		t.Error("the DOM holds a script element")
	}
	if regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`).MatchString(dom) {
		t.Error("an element of the DOM has an event handler")
	}
	if strings.Contains(dom, "pwned") && !strings.Contains(dom, "document.title='pwned'&lt;/script&gt;") {
		t.Error("the sentinel script ran")
	}
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "CONSOLE") || strings.Contains(line, "Content Security Policy") || strings.Contains(line, "Refused to") {
			t.Errorf("browser log: %s", line)
		}
	}
}

func TestChromiumRendersWithoutScript(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser: not in -short")
	}
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Skip("chromium is not on PATH (apt-get install chromium)")
	}
	dir := t.TempDir()
	q3 := filepath.Join(dir, "report-2023Q3.html")
	if err := os.WriteFile(q3, []byte(render(t, "2023Q3", "html")), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, log := chromiumDOM(t, q3)
	checkNoScriptRan(t, dom, log, "breachtrend quarterly review 2023Q3")
	for _, want := range []string{"Every incident of 2023Q3", "<svg", "<rect"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered DOM lacks %q", want)
		}
	}

	// A report whose every field is the seed-003 payload and a title-changing
	// script: it stays text.
	var b bytes.Buffer
	if err := WriteHTML(&b, hostile()); err != nil {
		t.Fatal(err)
	}
	evil := filepath.Join(dir, "hostile.html")
	if err := os.WriteFile(evil, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, log = chromiumDOM(t, evil)
	checkNoScriptRan(t, dom, log, "breachtrend quarterly review 2023Q3")
	if !strings.Contains(dom, "&lt;sVg/oNloAd=alert()//&gt;") {
		t.Error("the payload is not in the rendered page as text")
	}
}

// devCorpora are the corpora the review-board report is checked on: the
// shared dev sets beside the repository (as in CI) and the sample corpus.
func devCorpora() []string {
	dev, _ := testcorpus.Shared("corpus", "dev")
	devB, _ := testcorpus.Shared("corpus", "dev-b")
	return []string{dev, devB, testcorpus.SampleDir()}
}

// TestChromiumReportOnDevCorpora renders the report of a quarter of
// dev + dev-b + the sample corpus in Chromium and checks what a review
// board reads: the continuous quarter axis, n beside the figures, the
// cause × sector matrix, the delay dot plot and the coverage section. With
// BREACHTREND_SCREENSHOT=file.png it also writes a screenshot to look at.
func TestChromiumReportOnDevCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline on the dev corpora and starts a browser: not in -short")
	}
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not on PATH (apt-get install chromium)")
	}
	for _, c := range devCorpora() {
		if _, err := os.Stat(c); err != nil {
			t.Skipf("%s is absent: %v", c, err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	cfg := pipeline.Config{Inputs: devCorpora(), Out: out, Workers: 2}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	checkDoneWhen(t, out)

	const quarter = "2024Q2" // the printing contractor's breach, reported by several clients
	_, page, err := Render(context.Background(), Options{Out: out, Quarter: quarter, Format: "html"})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	dom, log := chromiumDOM(t, file)
	checkNoScriptRan(t, dom, log, "breachtrend quarterly review "+quarter)

	// The continuous axis: one column per quarter, none skipped, empty
	// quarters among them; then the year-only and undated buckets.
	qs := regexp.MustCompile(`data-quarter="(\d{4}Q[1-4])" data-n="([\d,]+)"`).FindAllStringSubmatch(dom, -1)
	empty := 0
	for i, q := range qs {
		if i > 0 && quarterIndex(q[1]) != quarterIndex(qs[i-1][1])+1 {
			t.Errorf("the axis jumps from %s to %s", qs[i-1][1], q[1])
		}
		if q[2] == "0" {
			empty++
		}
	}
	if len(qs) < 40 || empty == 0 {
		t.Errorf("%d quarter columns, %d empty: want the dev corpora's span with its empty quarters shown", len(qs), empty)
	}
	for _, bucket := range []string{`data-bucket="year only"`, `data-bucket="undated"`} {
		if !strings.Contains(dom, bucket) {
			t.Errorf("the chart lacks the %s column", bucket)
		}
	}
	// n beside every median, share and rate.
	for _, want := range []string{"<th>n</th>", "n (delay)", "state a count", "incidents state a count", "n (reportable)", " of those that tell"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered report lacks %q", want)
		}
	}
	if n := len(regexp.MustCompile(`n=\d+`).FindAllString(dom, -1)); n < 10 {
		t.Errorf("%d n= labels, want one beside each figure", n)
	}
	if bad, rows := smallBasePercent(dom); bad != "" || rows != 4 {
		t.Errorf("a percentage change on a base under 10: %q (of %d headline rows, want 4)", bad, rows)
	}
	// The matrix, the dot plot, the coverage section and the context.
	if m := regexp.MustCompile(`(?s)<table class="matrix">.*?</table>`).FindString(dom); strings.Count(m, "<tr>") < 3 || !strings.Contains(m, "ransomware") {
		t.Error("no cause × sector matrix with the quarter's causes")
	}
	if strings.Count(dom, "<circle") < 2 {
		t.Error("the delay dot plot has fewer than two dots")
	}
	for _, want := range []string{"Coverage and limits", "Not placed in a quarter:", "undated", "not a census", "Published statistics beside the corpus", "東京商工リサーチ", "個人情報保護委員会 年次報告"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered report lacks %q", want)
		}
	}
	if shot := os.Getenv("BREACHTREND_SCREENSHOT"); shot != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		abs, _ := filepath.Abs(shot)
		cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
			"--user-data-dir="+t.TempDir(), "--window-size=1150,9000", "--screenshot="+abs, "file://"+file)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("screenshot: %v\n%s", err, b)
		}
	}
}

// headline is the headline table of a rendered report.
func headline(dom string) string {
	i := strings.Index(dom, "Headline figures")
	j := strings.Index(dom, "Incidents per quarter")
	if i < 0 || j < i {
		return ""
	}
	return dom[i:j]
}

// smallBasePercent returns the first headline change given as a
// percentage although one of its two n is under 10 ("" when none is), and
// the number of headline rows read.
func smallBasePercent(dom string) (bad string, rows int) {
	cellRE := regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	for _, row := range regexp.MustCompile(`(?s)<tr>.*?</tr>`).FindAllString(headline(dom), -1) {
		var cells []string
		for _, m := range cellRE.FindAllStringSubmatch(row, -1) {
			cells = append(cells, m[1])
		}
		if len(cells) != 9 { // figure, then value, n, … change for each quarter compared
			continue
		}
		rows++
		n := func(i int) int {
			v, _ := strconv.Atoi(strings.ReplaceAll(strings.TrimPrefix(cells[i], "n="), ",", ""))
			return v
		}
		for _, c := range [][3]int{{5, 2, 4}, {8, 2, 7}} { // change, its n, the base's n
			if strings.Contains(cells[c[0]], "%") && (n(c[1]) < minBase || n(c[2]) < minBase) {
				return cells[0] + ": " + cells[c[0]], rows
			}
		}
	}
	return "", rows
}

// checkDoneWhen checks the "done when" on the tables of the dev
// corpora: every incident in a quarter, a year-only bucket or undated; the
// contractor breach reported by several clients one event; no trend row
// with 0 people for incidents that state no count; the regulator no
// notice's organization.
func checkDoneWhen(t *testing.T, out string) {
	t.Helper()
	db, err := openDB(out)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	scalar := func(q string) int64 {
		t.Helper()
		var n int64
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	if got, want := scalar(`SELECT sum(incidents) FROM trends_quarterly`), scalar(`SELECT count(*) FROM incidents`); got != want {
		t.Errorf("trends_quarterly counts %d of %d incidents", got, want)
	}
	if n := scalar(`SELECT count(*) FROM incidents WHERE quarter IS NULL AND dated_by NOT IN ('case_year', 'undated')`); n != 0 {
		t.Errorf("%d incidents with a date but no quarter", n)
	}
	if n := scalar(`SELECT count(DISTINCT event_id) FROM incidents WHERE case_id = '2024-217' OR organization_key = 'イセトー' OR contractor LIKE '%イセトー%'`); n != 1 {
		t.Errorf("the printing contractor's breach is %d events, want 1", n)
	}
	if n := scalar(`SELECT count(*) FROM incidents WHERE case_id = '2024-217'`); n < 3 {
		t.Errorf("2024-217 is %d incidents, want one per reporting prefecture", n)
	}
	if n := scalar(`SELECT count(*) FROM trends_quarterly WHERE incidents_with_count = 0 AND people_stated IS NOT NULL`); n != 0 {
		t.Errorf("%d trend rows show people for incidents that state no count", n)
	}
	if n := scalar(`SELECT count(*) FROM notices WHERE is_incident AND organization_key = '個人情報保護委員会'`); n != 0 {
		t.Errorf("the regulator is the organization of %d notices", n)
	}
}
