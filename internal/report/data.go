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

	Headline     []Metric
	WithCount    int64 // incidents of the quarter that state a count (of len(All))
	ByCause      []Group
	BySector     []Group
	Matrix       Matrix         // incidents by cause × sector
	History      []QuarterCount // incidents per quarter, every quarter from the first to the last (empty ones 0)
	Delay        DelayStats
	DelayByCause []CauseDelays // every delay of the quarter, by cause
	APPI         APPIStats
	Top          []Incident // largest incidents by people affected
	Rising       []Term     // terms ranked by lift against the rest of the corpus
	HasTerms     bool       // the run has a terms_quarterly table
	All          []Incident // every incident of the quarter
	Coverage     Coverage   // what the tables hold and what they could not place
	Context      []YearContext
}

// Metric is one headline figure in the quarter, the previous quarter and
// the quarter a year before; nil when there is nothing to measure. Each
// has its n: the incidents it is computed over (for a count, the count).
type Metric struct {
	Name                    string
	Unit                    string // "", "people" or "days"
	Current, Prev, YearAgoV *float64
	CurN, PrevN, YearAgoN   int64
}

// Group is the quarter's incidents of one cause or one sector.
type Group struct {
	Key         string // cause name or JSIC letter; "" for not known
	Label       string // what to print
	Incidents   int64
	WithCount   int64  // incidents that state a count
	People      *int64 // sum of the stated counts; nil when none states one
	DelayN      int64  // incidents with a known delay ≥ 0
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

// Term is a term of the quarter with how much more often it occurs than
// in the rest of the corpus.
type Term struct {
	Term                   string
	Incidents, Occurrences int64   // in the quarter
	QuarterN               int64   // the quarter's incidents
	RestIncidents, RestN   int64   // incidents with the term, and all incidents, outside the quarter
	Share, RestShare       float64 // Incidents/QuarterN, RestIncidents/RestN
	Lift                   float64 // smoothed Share / RestShare
	New                    bool    // in no incident outside the quarter
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

// validDelay is the condition of a delay the statistics count: the
// valid_delay macro (schemas/derived/macros.sql, created by duck.Open), the
// one definition the derived tables use too. A negative delay is a misread
// date: it is left out and counted apart (DelayStats.Negative).
const validDelay = `valid_delay(disclosure_delay_days)`

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
		{"matrix", r.loadMatrix},
		{"history", r.loadHistory},
		{"delay", r.loadDelay},
		{"delay by cause", r.loadDelayByCause},
		{"incidents", r.loadIncidents},
		{"appi", r.loadAPPI},
		{"terms", r.loadTerms},
		{"coverage", r.loadCoverage},
		{"context", r.loadContext},
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
SELECT quarter, count(*), count(DISTINCT event_id), sum(affected_count)::DOUBLE, count(affected_count),
       median(disclosure_delay_days) FILTER (WHERE `+validDelay+`)::DOUBLE,
       count(*) FILTER (WHERE `+validDelay+`)
FROM incidents WHERE quarter IN (?, ?, ?) GROUP BY quarter`, r.Quarter, r.Previous, r.YearAgo)
	if err != nil {
		return err
	}
	defer rows.Close()
	type fig struct {
		n, events, withCount, delayN int64
		people, delay                *float64
	}
	got := map[string]fig{}
	for rows.Next() {
		var q string
		var f fig
		var people, delay sql.NullFloat64
		if err := rows.Scan(&q, &f.n, &f.events, &people, &f.withCount, &delay, &f.delayN); err != nil {
			return err
		}
		f.people, f.delay = ptr(people), ptr(delay)
		got[q] = f
	}
	if err := rows.Err(); err != nil {
		return err
	}
	c, p, y := got[r.Quarter], got[r.Previous], got[r.YearAgo]
	count := func(n int64) *float64 { f := float64(n); return &f }
	r.Empty = c.n == 0
	r.WithCount = c.withCount
	r.Headline = []Metric{
		{Name: "Incidents", Current: count(c.n), Prev: count(p.n), YearAgoV: count(y.n), CurN: c.n, PrevN: p.n, YearAgoN: y.n},
		{Name: "Distinct events", Current: count(c.events), Prev: count(p.events), YearAgoV: count(y.events), CurN: c.events, PrevN: p.events, YearAgoN: y.events},
		{Name: "People affected (stated counts)", Unit: "people", Current: c.people, Prev: p.people, YearAgoV: y.people,
			CurN: c.withCount, PrevN: p.withCount, YearAgoN: y.withCount},
		{Name: "Median disclosure delay", Unit: "days", Current: c.delay, Prev: p.delay, YearAgoV: y.delay,
			CurN: c.delayN, PrevN: p.delayN, YearAgoN: y.delayN},
	}
	return nil
}

func (r *Report) loadGroups(ctx context.Context, db *sql.DB) error {
	for _, dim := range []string{"cause", "sector"} {
		rows, err := db.QueryContext(ctx, fmt.Sprintf(`
SELECT coalesce(%[1]s, ''), count(*), count(affected_count), sum(affected_count)::BIGINT,
       count(*) FILTER (WHERE `+validDelay+`),
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
			var people sql.NullInt64
			if err := rows.Scan(&g.Key, &g.Incidents, &g.WithCount, &people, &g.DelayN, &d); err != nil {
				rows.Close()
				return err
			}
			g.MedianDelay = ptr(d)
			if people.Valid {
				g.People = &people.Int64
			}
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

// loadHistory reads the incidents per quarter on a continuous axis: every
// quarter from the first in the data to the last (and to the report's),
// the empty ones as 0, so a gap shows as a gap.
func (r *Report) loadHistory(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
SELECT quarter, count(*) FROM incidents WHERE quarter IS NOT NULL GROUP BY 1 ORDER BY 1`)
	if err != nil {
		return err
	}
	defer rows.Close()
	counts := map[string]int64{}
	first, last := r.Quarter, r.Quarter
	for rows.Next() {
		var q string
		var n int64
		if err := rows.Scan(&q, &n); err != nil {
			return err
		}
		if _, _, err := ParseQuarter(q); err != nil {
			return fmt.Errorf("incidents.quarter %q: %w", q, err)
		}
		counts[q] = n
		first, last = min(first, q), max(last, q)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	r.History = continuousQuarters(first, last, counts)
	return nil
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
