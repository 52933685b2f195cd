package report

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/breachtrend/breachtrend/schemas"
)

// Report is everything the quarterly review shows; Load fills it from the
// tables and WriteHTML or WriteMarkdown render it.
type Report struct {
	Quarter  string // e.g. 2023Q3
	Previous string // the quarter before
	YearAgo  string // the same quarter a year before
	Empty    bool   // no incident has this quarter

	Headline []Metric
	ByCause  []Group
	BySector []Group
	History  []QuarterCount // incidents per quarter, every quarter of the data
	Delay    DelayStats
	APPI     APPIStats
	Top      []Incident // largest incidents by people affected
	Rising   []Term     // rising terms, when terms_quarterly exists
	HasTerms bool       // the run has a terms_quarterly table
	All      []Incident // every incident of the quarter
}

// Metric is one headline figure in the quarter, the previous quarter and
// the quarter a year before; nil when there is nothing to measure.
type Metric struct {
	Name                    string
	Unit                    string // "", "people" or "days"
	Current, Prev, YearAgoV *float64
}

// Group is the quarter's incidents of one cause or one sector.
type Group struct {
	Key         string // cause name or JSIC letter; "" for not known
	Label       string // what to print
	Incidents   int64
	People      int64
	MedianDelay *float64
}

// QuarterCount is the number of incidents of one quarter.
type QuarterCount struct {
	Quarter   string
	Incidents int64
}

// Bucket is one bar of the delay histogram.
type Bucket struct {
	Label string
	Count int64
}

// DelayStats describes the quarter's disclosure delays (first published −
// discovered), over incidents whose delay is known and not negative.
type DelayStats struct {
	Known, Unknown, Negative int64
	Median, P75, P90         *float64
	Within5, Within30        float64 // shares of Known
	Within60                 float64
	Buckets                  []Bucket
}

// APPIStats is the APPI clock over the quarter's incidents.
type APPIStats struct {
	Incidents                              int64
	Reportable                             int64
	Reasons                                []Bucket
	PrelimMet, PrelimMissed, PrelimUnknown int64
	FinalMet, FinalMissed, FinalUnknown    int64
	Missed                                 []Incident // reportable incidents that missed a deadline
}

// Incident is one incident of the quarter with its notices.
type Incident struct {
	ID, CaseID, Organization  string
	Sector, SectorName, Cause string
	People                    *int64
	Approx                    bool
	Discovered, Published     string // YYYY-MM-DD or ""
	Delay                     *int64
	Reports                   int64
	Reportable                bool
	Reason                    string
	Prelim, Final             *bool
	Notices                   []Notice
}

// Notice is one notice of an incident.
type Notice struct {
	Title, Source, URL, Published string
	Evidence                      string // the sentence the cause was read from
}

// Term is a term of the quarter with its counts against the previous
// quarter's.
type Term struct {
	Term                   string
	Incidents, Occurrences int64
	PrevIncidents          int64
	Share, PrevShare       float64 // of the quarter's incidents
	New                    bool    // absent from the previous quarter
}

// ErrNoData means the tables hold no incident with a quarter.
var ErrNoData = errors.New("no incident in the tables has a quarter: nothing to report")

// LatestQuarter returns the latest quarter of any incident.
func LatestQuarter(ctx context.Context, db *sql.DB) (string, error) {
	var q sql.NullString
	if err := db.QueryRowContext(ctx, `SELECT max(quarter) FROM incidents`).Scan(&q); err != nil {
		return "", err
	}
	if !q.Valid || q.String == "" {
		return "", ErrNoData
	}
	return q.String, nil
}

// validDelay matches pipeline's rule: a negative delay is an extraction
// error and is left out of the statistics.
const validDelay = `disclosure_delay_days IS NOT NULL AND disclosure_delay_days >= 0`

// Load reads the report of quarter from db (a duck.Open over a run's
// output). hasTerms tells whether the terms_quarterly table exists.
func Load(ctx context.Context, db *sql.DB, quarter string, hasTerms bool) (*Report, error) {
	if _, _, err := ParseQuarter(quarter); err != nil {
		return nil, err
	}
	r := &Report{Quarter: quarter, Previous: PreviousQuarter(quarter), YearAgo: YearAgo(quarter), HasTerms: hasTerms}
	steps := []struct {
		name string
		f    func(context.Context, *sql.DB) error
	}{
		{"headline", r.loadHeadline},
		{"groups", r.loadGroups},
		{"history", r.loadHistory},
		{"delay", r.loadDelay},
		{"incidents", r.loadIncidents},
		{"appi", r.loadAPPI},
		{"terms", r.loadTerms},
	}
	for _, s := range steps {
		if err := s.f(ctx, db); err != nil {
			return nil, fmt.Errorf("report %s: %s: %w", quarter, s.name, err)
		}
	}
	return r, nil
}

func (r *Report) loadHeadline(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
SELECT quarter, count(*)::DOUBLE, sum(affected_count)::DOUBLE,
       median(disclosure_delay_days) FILTER (WHERE `+validDelay+`)::DOUBLE
FROM incidents WHERE quarter IN (?, ?, ?) GROUP BY quarter`, r.Quarter, r.Previous, r.YearAgo)
	if err != nil {
		return err
	}
	defer rows.Close()
	type fig struct{ n, people, delay *float64 }
	got := map[string]fig{}
	for rows.Next() {
		var q string
		var n, people, delay sql.NullFloat64
		if err := rows.Scan(&q, &n, &people, &delay); err != nil {
			return err
		}
		got[q] = fig{ptr(n), ptr(people), ptr(delay)}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	zero := 0.0
	count := func(q string) *float64 {
		if f, ok := got[q]; ok {
			return f.n
		}
		return &zero
	}
	c, p, y := got[r.Quarter], got[r.Previous], got[r.YearAgo]
	r.Empty = c.n == nil
	r.Headline = []Metric{
		{Name: "Incidents", Current: count(r.Quarter), Prev: count(r.Previous), YearAgoV: count(r.YearAgo)},
		{Name: "People affected (stated counts)", Unit: "people", Current: c.people, Prev: p.people, YearAgoV: y.people},
		{Name: "Median disclosure delay", Unit: "days", Current: c.delay, Prev: p.delay, YearAgoV: y.delay},
	}
	return nil
}

func (r *Report) loadGroups(ctx context.Context, db *sql.DB) error {
	for _, dim := range []string{"cause", "sector"} {
		rows, err := db.QueryContext(ctx, fmt.Sprintf(`
SELECT coalesce(%[1]s, ''), count(*), coalesce(sum(affected_count), 0)::BIGINT,
       median(disclosure_delay_days) FILTER (WHERE `+validDelay+`)::DOUBLE
FROM incidents WHERE quarter = ?
GROUP BY 1 ORDER BY 2 DESC, 1`, dim), r.Quarter)
		if err != nil {
			return err
		}
		var groups []Group
		for rows.Next() {
			var g Group
			var d sql.NullFloat64
			if err := rows.Scan(&g.Key, &g.Incidents, &g.People, &d); err != nil {
				rows.Close()
				return err
			}
			g.MedianDelay = ptr(d)
			if dim == "cause" {
				g.Label = orUnknown(g.Key)
			} else {
				g.Label = sectorLabel(g.Key)
			}
			groups = append(groups, g)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if dim == "cause" {
			r.ByCause = groups
		} else {
			r.BySector = groups
		}
	}
	return nil
}

func (r *Report) loadHistory(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
SELECT quarter, count(*) FROM incidents WHERE quarter IS NOT NULL GROUP BY 1 ORDER BY 1`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c QuarterCount
		if err := rows.Scan(&c.Quarter, &c.Incidents); err != nil {
			return err
		}
		r.History = append(r.History, c)
	}
	return rows.Err()
}

// delayBuckets are the bars of the delay histogram: upper bounds in days.
var delayBuckets = []struct {
	label string
	max   int
}{
	{"0–5 days", 5}, {"6–30 days", 30}, {"31–60 days", 60}, {"61–90 days", 90},
	{"91–180 days", 180}, {"181–365 days", 365}, {"over a year", 1 << 30},
}

func (r *Report) loadDelay(ctx context.Context, db *sql.DB) error {
	d := &r.Delay
	var med, p75, p90, w5, w30, w60 sql.NullFloat64
	err := db.QueryRowContext(ctx, `
SELECT count(*) FILTER (WHERE `+validDelay+`),
       count(*) FILTER (WHERE disclosure_delay_days IS NULL),
       count(*) FILTER (WHERE disclosure_delay_days < 0),
       median(disclosure_delay_days) FILTER (WHERE `+validDelay+`)::DOUBLE,
       quantile_cont(disclosure_delay_days, 0.75) FILTER (WHERE `+validDelay+`)::DOUBLE,
       quantile_cont(disclosure_delay_days, 0.9) FILTER (WHERE `+validDelay+`)::DOUBLE,
       avg(CASE WHEN disclosure_delay_days <= 5 THEN 1 ELSE 0 END) FILTER (WHERE `+validDelay+`)::DOUBLE,
       avg(CASE WHEN disclosure_delay_days <= 30 THEN 1 ELSE 0 END) FILTER (WHERE `+validDelay+`)::DOUBLE,
       avg(CASE WHEN disclosure_delay_days <= 60 THEN 1 ELSE 0 END) FILTER (WHERE `+validDelay+`)::DOUBLE
FROM incidents WHERE quarter = ?`, r.Quarter).Scan(&d.Known, &d.Unknown, &d.Negative, &med, &p75, &p90, &w5, &w30, &w60)
	if err != nil {
		return err
	}
	d.Median, d.P75, d.P90 = ptr(med), ptr(p75), ptr(p90)
	d.Within5, d.Within30, d.Within60 = w5.Float64, w30.Float64, w60.Float64
	rows, err := db.QueryContext(ctx, `SELECT disclosure_delay_days FROM incidents WHERE quarter = ? AND `+validDelay, r.Quarter)
	if err != nil {
		return err
	}
	defer rows.Close()
	counts := make([]int64, len(delayBuckets))
	for rows.Next() {
		var days int
		if err := rows.Scan(&days); err != nil {
			return err
		}
		for i, b := range delayBuckets {
			if days <= b.max {
				counts[i]++
				break
			}
		}
	}
	for i, b := range delayBuckets {
		d.Buckets = append(d.Buckets, Bucket{b.label, counts[i]})
	}
	return rows.Err()
}

// incidentsSQL reads the quarter's incidents, largest first then by
// first publication and id, so the order is fixed.
const incidentsSQL = `
SELECT incident_id, coalesce(case_id, ''), coalesce(organization, ''), coalesce(sector, ''),
       coalesce(cause, ''), affected_count, coalesce(affected_approx, false),
       coalesce(strftime(discovered_date, '%Y-%m-%d'), ''), coalesce(strftime(first_published, '%Y-%m-%d'), ''),
       disclosure_delay_days, coalesce(reports, 0), coalesce(appi_reportable, false), coalesce(appi_reason, ''),
       appi_preliminary_met, appi_final_met
FROM incidents WHERE quarter = ?
ORDER BY first_published NULLS LAST, discovered_date NULLS LAST, incident_id`

// noticesSQL reads the notices of the quarter's incidents in report order.
const noticesSQL = `
SELECT n.incident_id, coalesce(n.title, ''), coalesce(n.source_path, ''), coalesce(n.url, ''),
       coalesce(strftime(n.published_date, '%Y-%m-%d'), ''), coalesce(n.cause_evidence, '')
FROM incidents i, unnest(i.notice_ids) WITH ORDINALITY AS u(notice_id, ord)
JOIN notices n ON n.notice_id = u.notice_id
WHERE i.quarter = ?
ORDER BY n.incident_id, u.ord`

func (r *Report) loadIncidents(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, incidentsSQL, r.Quarter)
	if err != nil {
		return err
	}
	byID := map[string]int{}
	for rows.Next() {
		var in Incident
		var people, delay sql.NullInt64
		var prelim, final sql.NullBool
		if err := rows.Scan(&in.ID, &in.CaseID, &in.Organization, &in.Sector, &in.Cause, &people, &in.Approx,
			&in.Discovered, &in.Published, &delay, &in.Reports, &in.Reportable, &in.Reason, &prelim, &final); err != nil {
			rows.Close()
			return err
		}
		if people.Valid {
			in.People = &people.Int64
		}
		if delay.Valid {
			in.Delay = &delay.Int64
		}
		if prelim.Valid {
			in.Prelim = &prelim.Bool
		}
		if final.Valid {
			in.Final = &final.Bool
		}
		in.SectorName = sectorLabel(in.Sector)
		byID[in.ID] = len(r.All)
		r.All = append(r.All, in)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = db.QueryContext(ctx, noticesSQL, r.Quarter)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n Notice
		if err := rows.Scan(&id, &n.Title, &n.Source, &n.URL, &n.Published, &n.Evidence); err != nil {
			return err
		}
		if i, ok := byID[id]; ok {
			r.All[i].Notices = append(r.All[i].Notices, n)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	var top []Incident
	for _, in := range r.All {
		if in.People != nil && *in.People > 0 {
			top = append(top, in)
		}
	}
	sortTop(top)
	if len(top) > topN {
		top = top[:topN]
	}
	r.Top = top
	return nil
}

// topN is the number of largest incidents listed.
const topN = 10

func (r *Report) loadAPPI(ctx context.Context, db *sql.DB) error {
	a := &r.APPI
	reasons := map[string]int64{}
	for _, in := range r.All {
		a.Incidents++
		if !in.Reportable {
			continue
		}
		a.Reportable++
		for _, s := range strings.Split(in.Reason, ",") {
			if s != "" {
				reasons[s]++
			}
		}
		switch {
		case in.Prelim == nil:
			a.PrelimUnknown++
		case *in.Prelim:
			a.PrelimMet++
		default:
			a.PrelimMissed++
		}
		switch {
		case in.Final == nil:
			a.FinalUnknown++
		case *in.Final:
			a.FinalMet++
		default:
			a.FinalMissed++
		}
		if in.Prelim != nil && !*in.Prelim || in.Final != nil && !*in.Final {
			a.Missed = append(a.Missed, in)
		}
	}
	for _, k := range []string{"sensitive", "financial", "malicious", "over_1000"} {
		if reasons[k] > 0 {
			a.Reasons = append(a.Reasons, Bucket{reasonLabel(k), reasons[k]})
		}
	}
	return nil
}

// risingN is the number of rising terms listed.
const risingN = 15

func (r *Report) loadTerms(ctx context.Context, db *sql.DB) error {
	if !r.HasTerms || r.Empty {
		return nil
	}
	var cur, prev int64
	if err := db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE quarter = ?), count(*) FILTER (WHERE quarter = ?) FROM incidents`,
		r.Quarter, r.Previous).Scan(&cur, &prev); err != nil {
		return err
	}
	// A term rises when the share of incidents mentioning it grows; it must
	// be in at least two incidents (one in a quarter of one incident).
	rows, err := db.QueryContext(ctx, `
SELECT c.term, c.incidents, c.occurrences, coalesce(p.incidents, 0)
FROM terms_quarterly c LEFT JOIN terms_quarterly p ON p.term = c.term AND p.quarter = ?
WHERE c.quarter = ? AND c.incidents >= least(2, ?::BIGINT)
ORDER BY c.incidents / ?::DOUBLE - coalesce(p.incidents, 0) / greatest(?::DOUBLE, 1) DESC,
         c.incidents DESC, c.occurrences DESC, c.term
LIMIT ?`, r.Previous, r.Quarter, cur, cur, prev, risingN)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var t Term
		if err := rows.Scan(&t.Term, &t.Incidents, &t.Occurrences, &t.PrevIncidents); err != nil {
			return err
		}
		t.Share = float64(t.Incidents) / float64(max(cur, 1))
		t.PrevShare = float64(t.PrevIncidents) / float64(max(prev, 1))
		if t.Share <= t.PrevShare {
			break
		}
		t.New = t.PrevIncidents == 0
		r.Rising = append(r.Rising, t)
	}
	return rows.Err()
}

func ptr(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	f := v.Float64
	return &f
}

func orUnknown(s string) string {
	if s == "" {
		return "(not known)"
	}
	return s
}

// sectorLabel is "O 教育，学習支援業" for a JSIC letter.
func sectorLabel(letter string) string {
	if letter == "" {
		return "(not known)"
	}
	if name, ok := schemas.Sectors[letter]; ok {
		return letter + " " + name
	}
	return letter
}

func reasonLabel(k string) string {
	switch k {
	case "sensitive":
		return "sensitive data (要配慮個人情報)"
	case "financial":
		return "financial data at risk of misuse"
	case "malicious":
		return "malicious act (不正の目的)"
	case "over_1000":
		return "over 1,000 people"
	}
	return k
}
