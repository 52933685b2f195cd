package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/cause"
	"github.com/breachtrend/breachtrend/stages/extract/counts"
	"github.com/breachtrend/breachtrend/stages/extract/datatypes"
	"github.com/breachtrend/breachtrend/stages/extract/dates"
	"github.com/breachtrend/breachtrend/stages/extract/organization"
	"github.com/breachtrend/breachtrend/stages/extract/reportno"
	"github.com/breachtrend/breachtrend/stages/extract/text"
	"github.com/breachtrend/breachtrend/stages/extract/timeline"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"

	"github.com/breachtrend/breachtrend/schemas"
)

// A fuzz target per field scanner: whatever the text, the scanner does
// not panic and what it returns is well formed (a real date, a count above
// zero, a type of the vocabulary, evidence that is a sentence of the
// input). `make fuzz` runs each briefly; the seeds are extracttest.FuzzSeeds and short
// hostile runs, which the fuzzer grows.

// fieldSeeds are the seeds of the field targets: text and a header.
func fieldSeeds(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s, "")
	}
	f.Add("本文", "2023年7月1日架空市 お知らせ 2023年7月2日")
	f.Add("株式会社架空商事(以下「当社」)は、ランサムウェアの被害を受けました。", "架空商事株式会社当社サーバーへの不正アクセス")
	for _, k := range extracttest.HostileKinds {
		run := extracttest.HostileRun(k.Chars, 300)
		f.Add(run+"\n"+run, run)
	}
}

// wellFormedDate fails t unless d is zero or a calendar day that prints
// and parses back to itself.
func wellFormedDate(t *testing.T, what string, d schemas.Date) {
	t.Helper()
	if d.IsZero() {
		return
	}
	back, err := schemas.ParseDate(d.String())
	if err != nil || back != d {
		t.Fatalf("%s %v does not parse back (%v, %v)", what, d, back, err)
	}
	if y := d.Year(); y < 1900 || y > 2200 {
		t.Fatalf("%s %v: year %d", what, d, y)
	}
}

// inInput fails t unless s is empty or a part of one of the inputs.
func inInput(t *testing.T, what, s string, inputs ...string) {
	t.Helper()
	if s == "" {
		return
	}
	for _, in := range inputs {
		if strings.Contains(in, s) {
			return
		}
	}
	t.Fatalf("%s %.80q is not part of the input", what, s)
}

var eventKinds = []string{schemas.EventPublished, schemas.EventDiscovered, schemas.EventOccurred, schemas.EventReported,
	schemas.EventPolice, schemas.EventNotified, schemas.EventRestored, schemas.EventOther}

func wellFormedEvents(t *testing.T, events []schemas.Event, text string) {
	t.Helper()
	for _, e := range events {
		if !slices.Contains(eventKinds, e.Kind) {
			t.Fatalf("event kind %q", e.Kind)
		}
		if e.Date.IsZero() {
			t.Fatalf("event %+v has no date", e)
		}
		wellFormedDate(t, "event date", e.Date)
		inInput(t, "event sentence", e.Sentence, text)
	}
}

// checkWellFormed checks every extracted field of n, read from in.
func checkWellFormed(t *testing.T, what string, in Input, n *schemas.Notice) {
	t.Helper()
	for _, d := range []schemas.Date{n.PublishedDate, n.DiscoveredDate, n.OccurredDate, n.ReportedDate} {
		wellFormedDate(t, what+": date", d)
	}
	wellFormedEvents(t, n.Events, in.Text)
	if n.AffectedCount != nil && *n.AffectedCount <= 0 {
		t.Fatalf("%s: count %d", what, *n.AffectedCount)
	}
	if n.ReportSeq != nil && (*n.ReportSeq <= 0 || *n.ReportSeq > 100) {
		t.Fatalf("%s: report %d", what, *n.ReportSeq)
	}
	for _, d := range n.DataTypes {
		if !slices.Contains(schemas.DataTypes, d) {
			t.Fatalf("%s: data type %q", what, d)
		}
	}
	if n.Cause != "" && n.Cause != "unknown" && !cause.Known(n.Cause) {
		t.Fatalf("%s: cause %q", what, n.Cause)
	}
	if utf8.RuneCountInString(n.Organization) > organization.MaxNameRunes || !utf8.ValidString(n.Organization) {
		t.Fatalf("%s: organization %.80q", what, n.Organization)
	}
	inInput(t, what+": organization", n.Organization, in.Text, in.HeaderRest)
	inInput(t, what+": organization evidence", n.OrganizationEvidence, in.Text, in.HeaderRest)
	inInput(t, what+": cause evidence", n.CauseEvidence, in.Text, in.Title, in.HeaderRest)
	inInput(t, what+": count evidence", n.CountEvidence, in.Text)
	inInput(t, what+": discovery evidence", n.DiscoveredEvidence, in.Text)
}

func FuzzOrganization(f *testing.F) {
	fieldSeeds(f)
	f.Add("【セキュリティ事件簿#2024-001】架空テック株式会社当社サーバへの不正アクセスについて\n本文", "架空テック株式会社当社サーバへの不正アクセスについて")
	f.Add("株式会社サンプル(以下「当社」)は、\n青葉市長 山田太郎\n", "")
	f.Add("令和6年3月1日 港大学病院 患者さんの情報の紛失について", "")
	f.Add("本文", "個人情報保護委員会株式会社による")
	f.Add("(以下「当社」)\n\n業種 病院\n市内小学校", "")
	f.Fuzz(func(t *testing.T, txt, header string) {
		org, ev := organization.Find(nil, header, text.SplitSentences(txt), strings.Split(txt, "\n"))
		if org != "" && ev == "" || strings.Contains(org, "\n") {
			t.Fatalf("organization %q with no evidence", org)
		}
		if utf8.RuneCountInString(org) > organization.MaxNameRunes {
			t.Fatalf("organization of %d runes", utf8.RuneCountInString(org))
		}
		inInput(t, "organization", org, txt, header)
		inInput(t, "organization evidence", ev, txt, header)
	})
}

func FuzzPublishedDate(f *testing.F) {
	fieldSeeds(f)
	f.Fuzz(func(t *testing.T, txt, header string) {
		sents := timeline.DatedSentences(text.SplitSentences(txt))
		d, i, j := timeline.PublishedDate(nil, header, "", sents, &dates.YearContext{CaseYear: 2023})
		wellFormedDate(t, "published date", d)
		if i >= len(sents) || i >= 0 && j >= len(sents[i].Dates) {
			t.Fatalf("published date at sentence %d mention %d of %d sentences", i, j, len(sents))
		}
	})
}

func FuzzEvents(f *testing.F) {
	fieldSeeds(f)
	f.Fuzz(func(t *testing.T, txt, _ string) {
		sents := text.SplitSentences(txt)
		wellFormedEvents(t, timeline.Events(nil, timeline.DatedSentences(sents), &dates.YearContext{CaseYear: 2023}, -1, -1), txt)
	})
}

func FuzzAffectedCount(f *testing.F) {
	fieldSeeds(f)
	f.Fuzz(func(t *testing.T, txt, _ string) {
		c, _, ev, ok := counts.Affected(nil, text.SplitSentences(txt))
		if ok && (c <= 0 || ev == "") || !ok && c != 0 {
			t.Fatalf("affected = %d, %q, %v", c, ev, ok)
		}
		inInput(t, "count evidence", ev, txt)
	})
}

func FuzzDataTypesOfNotice(f *testing.F) {
	fieldSeeds(f)
	f.Fuzz(func(t *testing.T, txt, _ string) {
		types, ev := datatypes.Find(nil, text.SplitSentences(txt))
		seen := map[string]bool{}
		for _, d := range types {
			if !slices.Contains(schemas.DataTypes, d) || seen[d] {
				t.Fatalf("data types %q", types)
			}
			seen[d] = true
		}
		inInput(t, "data type evidence", ev, txt)
	})
}

func FuzzCause(f *testing.F) {
	fieldSeeds(f)
	f.Fuzz(func(t *testing.T, txt, title string) {
		c, ev := cause.Find(nil, title, text.SplitSentences(txt))
		if c != "unknown" && !cause.Known(c) || c == "unknown" && ev != "" || c != "unknown" && ev == "" {
			t.Fatalf("cause %q, evidence %q", c, ev)
		}
		inInput(t, "cause evidence", ev, txt, title)
	})
}

func FuzzReportNumber(f *testing.F) {
	fieldSeeds(f)
	f.Fuzz(func(t *testing.T, txt, title string) {
		sents := text.SplitSentences(txt)
		events := timeline.Events(nil, timeline.DatedSentences(sents), &dates.YearContext{CaseYear: 2023}, -1, -1)
		seq, _ := reportno.Find(nil, title, sents, events, schemas.Date{})
		if seq < 0 || seq > 100 {
			t.Fatalf("report %d", seq)
		}
	})
}
