package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/pipeline/pipelinetest"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
)

// payload is the XSS polyglot of seed 003, plus a script that would change
// the page title if it ever ran.
const payload = "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!><sVg/<sVg/oNloAd=alert()//>" +
	"<script>document.title='pwned'</script><img src=x onerror=alert(1)>"

// cspMeta is the Content-Security-Policy every HTML report carries.
const cspMeta = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`

// tables is the output folder of one run on the bundled corpus.
func tables(t *testing.T) string { return pipelinetest.Tables(t, testcorpus.SampleDir()) }

func TestMain(m *testing.M) { pipelinetest.Main(m) }

func render(t *testing.T, quarter, format string) string {
	t.Helper()
	_, b, err := Render(context.Background(), Options{Out: tables(t), Quarter: quarter, Format: format})
	if err != nil {
		t.Fatalf("report %s %s: %v", quarter, format, err)
	}
	return string(b)
}

func TestQuarters(t *testing.T) {
	for _, c := range []struct{ q, prev, yago string }{
		{"2023Q3", "2023Q2", "2022Q3"}, {"2023Q1", "2022Q4", "2022Q1"}, {"2000Q4", "2000Q3", "1999Q4"},
	} {
		if got := PreviousQuarter(c.q); got != c.prev {
			t.Errorf("PreviousQuarter(%s) = %s, want %s", c.q, got, c.prev)
		}
		if got := YearAgo(c.q); got != c.yago {
			t.Errorf("YearAgo(%s) = %s, want %s", c.q, got, c.yago)
		}
	}
	for _, bad := range []string{"2023Q5", "2023-Q3", "23Q3", "2023q3", "", "latest"} {
		if _, _, err := ParseQuarter(bad); err == nil {
			t.Errorf("ParseQuarter(%q) succeeded", bad)
		}
	}
}

// allowedTags are the only elements an HTML report may contain: any other
// tag would have come from notice text.
var allowedTags = map[string]bool{
	"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true, "h1": true, "h2": true,
	"p": true, "div": true, "table": true, "tr": true, "th": true, "td": true, "svg": true, "text": true,
	"rect": true, "figure": true, "figcaption": true, "ul": true, "ol": true, "li": true, "br": true,
	"span": true, "a": true, "strong": true, "code": true, "g": true, "line": true, "circle": true,
}

var tagRE = regexp.MustCompile(`<(/?)([A-Za-z!][A-Za-z0-9-]*)`)

// checkSafeHTML asserts the structural safety of an HTML report.
func checkSafeHTML(t *testing.T, html string) {
	t.Helper()
	if !strings.Contains(html, cspMeta) {
		t.Error("no Content-Security-Policy meta")
	}
	if i, j := strings.Index(html, cspMeta), strings.Index(html, "<style"); i < 0 || j < i {
		t.Error("the CSP meta must come before any content")
	}
	if strings.Contains(strings.ToLower(html), "<script") {
		t.Error("the report holds <script")
	}
	for _, m := range tagRE.FindAllStringSubmatch(html, -1) {
		if name := strings.ToLower(m[2]); !allowedTags[name] && name != "!doctype" {
			t.Errorf("unexpected tag <%s%s", m[1], m[2])
		}
	}
	if regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`).MatchString(html) {
		t.Error("an element has an event-handler attribute")
	}
	// Only real tags start with < (text is escaped): none may load anything.
	for _, tag := range regexp.MustCompile(`<[A-Za-z][^>]*>`).FindAllString(html, -1) {
		if regexp.MustCompile(`(?i)\s(src|srcset|action|formaction|background)\s*=`).MatchString(tag) {
			t.Errorf("tag loads a resource: %s", tag)
		}
	}
	style := html[strings.Index(html, "<style>"):strings.Index(html, "</style>")]
	if strings.Contains(style, "url(") || strings.Contains(style, "@import") {
		t.Error("the style sheet loads a resource")
	}
}

func TestHTMLReport2023Q3(t *testing.T) {
	html := render(t, "2023Q3", "html")
	checkSafeHTML(t, html)
	for _, want := range []string{
		"Quarterly review of security incidents: 2023Q3", "Headline figures", "2023Q2", "2022Q3",
		"Incidents by cause", "Incidents by sector", "Disclosure delay", "APPI clock compliance",
		"Largest incidents by people affected", "Terms of the quarter", "Every incident of 2023Q3",
		"Cause × sector", "Coverage and limits", "state a count", "Published statistics beside the corpus", "東京商工リサーチ",
		"<svg", "003_54a9b36208e9067f.txt", "ransomware",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if again := render(t, "2023Q3", "html"); again != html {
		t.Error("two renderings differ")
	}
}

func TestReportFigures(t *testing.T) {
	out := tables(t)
	r, err := loadReport(t, out, "2023Q3")
	if err != nil {
		t.Fatal(err)
	}
	if r.Empty {
		t.Fatal("2023Q3 is empty")
	}
	n := int64(*r.Headline[0].Current)
	if int64(len(r.All)) != n || r.APPI.Incidents != n {
		t.Errorf("incidents: headline %d, listed %d, APPI %d", n, len(r.All), r.APPI.Incidents)
	}
	var byCause, bySector int64
	for _, g := range r.ByCause {
		byCause += g.Incidents
	}
	for _, g := range r.BySector {
		bySector += g.Incidents
	}
	if byCause != n || bySector != n {
		t.Errorf("by cause %d, by sector %d, want %d", byCause, bySector, n)
	}
	var buckets int64
	for _, b := range r.Delay.Buckets {
		buckets += b.Count
	}
	if buckets != r.Delay.Known || r.Delay.Known+r.Delay.Unknown+r.Delay.Negative != n {
		t.Errorf("delay: buckets %d, known %d, unknown %d, negative %d, incidents %d", buckets, r.Delay.Known, r.Delay.Unknown, r.Delay.Negative, n)
	}
	for i, in := range r.All {
		if len(in.Notices) == 0 || in.Notices[0].Source == "" {
			t.Errorf("incident %d (%s) lists no notice source", i, in.ID)
		}
	}
	for i := 1; i < len(r.Top); i++ {
		if *r.Top[i].People > *r.Top[i-1].People {
			t.Error("top incidents are not by people, largest first")
		}
	}
	if len(r.Rising) == 0 {
		t.Error("no terms ranked by lift in 2023Q3")
	}
	for _, term := range r.Rising {
		if stopTerms[term.Term] || term.Lift <= 1 {
			t.Errorf("term %q (lift %.2f): a stop-listed term or one no more frequent than elsewhere", term.Term, term.Lift)
		}
	}
}

func loadReport(t *testing.T, out, q string) (*Report, error) {
	t.Helper()
	db, err := openDB(out)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return Load(context.Background(), db, q, true)
}

func TestEmptyQuarter(t *testing.T) {
	html := render(t, "2019Q1", "html")
	checkSafeHTML(t, html)
	if !strings.Contains(html, "No incidents were recorded in 2019Q1") {
		t.Error("empty quarter: no message saying so")
	}
	if strings.Contains(html, "Every incident of") {
		t.Error("empty quarter lists incidents")
	}
	md := render(t, "2019Q1", "md")
	if !strings.Contains(md, "No incidents were recorded in 2019Q1") {
		t.Error("empty quarter (md): no message saying so")
	}
}

func TestLatestQuarter(t *testing.T) {
	q, _, err := Render(context.Background(), Options{Out: tables(t), Quarter: "latest", Format: "md"})
	if err != nil {
		t.Fatal(err)
	}
	q2, _, err := Render(context.Background(), Options{Out: tables(t), Format: "md"})
	if err != nil {
		t.Fatal(err)
	}
	if q != "2023Q4" || q2 != q {
		t.Errorf("latest = %s and %s, want 2023Q4", q, q2)
	}
}

func TestOptionsErrors(t *testing.T) {
	for _, o := range []Options{{Quarter: "2023Q9", Format: "html"}, {Quarter: "2023Q3", Format: "pdf"}} {
		if err := CheckOptions(o); err == nil {
			t.Errorf("CheckOptions(%+v) succeeded", o)
		}
	}
	if _, _, err := Render(context.Background(), Options{Out: t.TempDir(), Format: "html"}); err == nil {
		t.Error("report over an empty folder succeeded")
	}
}

func TestGenerateWritesFile(t *testing.T) {
	out := tables(t)
	file := filepath.Join(t.TempDir(), "r.md")
	got, err := Generate(context.Background(), Options{Out: out, Quarter: "2023Q3", Format: "md", File: file}, nil)
	if err != nil || got != file {
		t.Fatalf("Generate = %s, %v", got, err)
	}
	var stdout bytes.Buffer
	if _, err := Generate(context.Background(), Options{Out: out, Quarter: "2023Q3", Format: "md", File: "-"}, &stdout); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(file)
	if !bytes.Equal(b, stdout.Bytes()) || len(b) == 0 {
		t.Error("file and stdout differ")
	}
}

// hostile is a report whose every text field holds the payload.
func hostile() *Report {
	yes, no := true, false
	n := int64(5000)
	d := int64(12)
	f := 12.0
	in := Incident{ID: payload, CaseID: payload, Organization: payload, Sector: payload, SectorName: payload,
		Cause: payload, People: &n, Delay: &d, Reports: 1, Reportable: true, Reason: payload, Prelim: &no, Final: &yes,
		Notices: []Notice{{Title: payload, Source: payload, URL: payload, Published: payload, Evidence: payload}}}
	return &Report{
		Quarter: "2023Q3", Previous: "2023Q2", YearAgo: "2022Q3", HasTerms: true,
		Headline: []Metric{{Name: "Incidents", Current: &f, Prev: &f, YearAgoV: &f}},
		ByCause:  []Group{{Key: payload, Label: payload, Incidents: 1, WithCount: 1, People: &n, MedianDelay: &f}},
		BySector: []Group{{Key: payload, Label: payload, Incidents: 1}},
		Matrix: Matrix{Causes: []string{payload}, Sectors: []string{payload}, SectorTips: []string{payload},
			Cells: [][]MatrixCell{{{N: 1, Shade: 5}}}, RowTotals: []int64{1}, ColTotals: []int64{1}, Total: 1},
		History:      []QuarterCount{{Quarter: "2023Q3", Incidents: 1}},
		DelayByCause: []CauseDelays{{Cause: payload, Days: []int64{12}, Median: 12}},
		Delay:        DelayStats{Known: 1, Median: &f, Buckets: []Bucket{{Label: payload, Count: 1}}},
		APPI:         APPIStats{Incidents: 1, Reportable: 1, Reasons: []Bucket{{Label: payload, Count: 1}}, Missed: []Incident{in}},
		Top:          []Incident{in},
		Rising:       []Term{{Term: payload, Incidents: 1, Occurrences: 2, QuarterN: 1, Share: 1, Lift: 2, New: true}},
		Coverage:     Coverage{Incidents: 1, YearOnlyYears: []Bucket{{Label: payload, Count: 1}}},
		All:          []Incident{in},
	}
}

func TestHTMLEscapesNoticeText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, hostile()); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	checkSafeHTML(t, html)
	for _, raw := range []string{"<sVg/oNloAd", "</scRipt/", "<img", "</titLe/"} {
		if strings.Contains(html, raw) {
			t.Errorf("payload fragment %q appears unescaped", raw)
		}
	}
	if !strings.Contains(html, "&lt;sVg/oNloAd=alert()//&gt;") {
		t.Error("the payload text is not in the report, escaped")
	}
	if strings.Contains(html, `href="jaVasCript`) || strings.Contains(strings.ToLower(html), `href="javascript`) {
		t.Error("a javascript: URL became a link")
	}
}

func TestMarkdownEscapesNoticeText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, hostile()); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	// Outside code spans, no raw < may come from the payload.
	noCode := regexp.MustCompile("`[^`\n]*`").ReplaceAllString(md, "")
	if strings.Contains(noCode, "<") {
		t.Errorf("raw < in Markdown outside code spans")
	}
	if !strings.Contains(md, "&lt;sVg/oNloAd=alert()//&gt;") {
		t.Error("the payload text is not in the Markdown, escaped")
	}
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| ") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") < 2 {
			t.Errorf("broken table row %q", line)
		}
	}
}
