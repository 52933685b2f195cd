package extract

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

// update rewrites the golden files of the tests of this package:
// testdata/extract/{dates,counts} and testdata/extract/cause.
var update = flag.Bool("update", false, "rewrite the .golden files of testdata/extract/{dates,counts,cause}")

// goldenRecord is what the golden files hold: the fields this package's
// date, count and report rules fill, and the timeline.
type goldenRecord struct {
	ReportSeq      *int32        `json:"report_seq"`
	FinalReport    bool          `json:"final_report"`
	PublishedDate  string        `json:"published_date"`
	DiscoveredDate string        `json:"discovered_date"`
	OccurredDate   string        `json:"occurred_date"`
	AffectedCount  *int64        `json:"affected_count"`
	AffectedApprox bool          `json:"affected_approx"`
	Events         []goldenEvent `json:"events"`
}

type goldenEvent struct {
	Kind string `json:"kind"`
	Date string `json:"date"`
}

func dateString(d schemas.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// TestFieldsGolden runs Extract on the invented notices in testdata/extract and
// compares the fields with the .golden files; -update rewrites them.
func TestFieldsGolden(t *testing.T) {
	var files []string
	for _, dir := range []string{"dates", "counts"} {
		fs, _ := filepath.Glob(filepath.Join("../../testdata/extract", dir, "*.txt"))
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, f := range files {
		t.Run(filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := normalize.Text(string(b))
			title, _, _ := strings.Cut(text, "\n")
			var n schemas.Notice
			New().Extract(context.Background(), Input{Text: text, Title: title}, &n)
			g := goldenRecord{ReportSeq: n.ReportSeq, FinalReport: n.FinalReport,
				PublishedDate: dateString(n.PublishedDate), DiscoveredDate: dateString(n.DiscoveredDate),
				OccurredDate: dateString(n.OccurredDate), AffectedCount: n.AffectedCount, AffectedApprox: n.AffectedApprox,
				Events: []goldenEvent{}}
			for _, e := range n.Events {
				g.Events = append(g.Events, goldenEvent{e.Kind, dateString(e.Date)})
			}
			got, _ := json.MarshalIndent(g, "", "  ")
			extracttest.CheckGolden(t, f, string(got)+"\n", *update, "-update")
		})
	}
}

// TestSameDayResponse: a response on the day of the incident dates its
// discovery; one days later does not.
func TestSameDayResponse(t *testing.T) {
	text := "2024年3月4日(月)、職員が講座案内のメールを送信した際、誤って宛先をToに入力して送信しました。\n" +
		"受信者の皆様には、2024年3月4日18時頃にメールにて謝罪し、当該メールの削除を依頼いたしました。"
	var n schemas.Notice
	New().Extract(context.Background(), Input{Text: text}, &n)
	if got := n.DiscoveredDate.String(); got != "2024-03-04" {
		t.Errorf("discovered %s, want 2024-03-04 (events %+v)", got, n.Events)
	}
	text = "2024年3月4日(月)、職員が講座案内のメールを送信した際、誤って宛先をToに入力して送信しました。\n" +
		"2024年3月6日、受信者の皆様にメールにて謝罪いたしました。"
	n = schemas.Notice{}
	New().Extract(context.Background(), Input{Text: text}, &n)
	if !n.DiscoveredDate.IsZero() {
		t.Errorf("discovered %s, want none: the response came on a later day", n.DiscoveredDate)
	}
}
