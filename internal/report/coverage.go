package report

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Coverage is what the tables hold and what they could not place or
// measure, over the whole run (not only the quarter).
type Coverage struct {
	Segments, Notices, Rejects int64 // segments read, incident notices among them, rejected inputs
	Incidents, Events          int64
	FirstQuarter, LastQuarter  string

	// How each incident was placed in time (incidents.dated_by).
	ByPublished, ByDiscovered, ByOccurred int64
	YearOnly                              int64 // placed by the case number's year alone
	YearOnlyYears                         []Bucket
	Undated                               int64 // no date and no case number

	NoOrganization, NoCount, NoCause, NoDelay int64
}

// Placed is the number of incidents with a quarter.
func (c Coverage) Placed() int64 { return c.ByPublished + c.ByDiscovered + c.ByOccurred }

// Unplaced is the number of incidents on no quarter: year only or undated.
func (c Coverage) Unplaced() int64 { return c.YearOnly + c.Undated }

func (r *Report) loadCoverage(ctx context.Context, db *sql.DB) error {
	c := &r.Coverage
	var first, last sql.NullString
	err := db.QueryRowContext(ctx, `
SELECT count(*), count(DISTINCT event_id), min(quarter), max(quarter),
       count(*) FILTER (WHERE dated_by = 'published'), count(*) FILTER (WHERE dated_by = 'discovered'),
       count(*) FILTER (WHERE dated_by = 'occurred'), count(*) FILTER (WHERE dated_by = 'case_year'),
       count(*) FILTER (WHERE dated_by = 'undated'),
       count(*) FILTER (WHERE organization IS NULL OR organization = ''), count(*) FILTER (WHERE affected_count IS NULL),
       count(*) FILTER (WHERE cause IS NULL OR cause = 'unknown'), count(*) FILTER (WHERE NOT coalesce(`+validDelay+`, false))
FROM incidents`).Scan(&c.Incidents, &c.Events, &first, &last, &c.ByPublished, &c.ByDiscovered, &c.ByOccurred,
		&c.YearOnly, &c.Undated, &c.NoOrganization, &c.NoCount, &c.NoCause, &c.NoDelay)
	if err != nil {
		return err
	}
	c.FirstQuarter, c.LastQuarter = first.String, last.String
	if err := db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE is_incident) FROM notices`).Scan(&c.Segments, &c.Notices); err != nil {
		return err
	}
	// A run always writes rejects; tables of another tool may lack it.
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM rejects`).Scan(&c.Rejects); err != nil && !strings.Contains(err.Error(), "rejects") {
		return err
	}
	rows, err := db.QueryContext(ctx, `SELECT year, count(*) FROM incidents WHERE dated_by = 'case_year' GROUP BY 1 ORDER BY 1`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var b Bucket
		var y int64
		if err := rows.Scan(&y, &b.Count); err != nil {
			return err
		}
		b.Label = strconv.FormatInt(y, 10)
		c.YearOnlyYears = append(c.YearOnlyYears, b)
	}
	return rows.Err()
}

//go:embed context.csv
var contextCSV string

// Published is one published figure: a count of a source for a year, all
// incidents or one TSR category.
type Published struct {
	Source, Category, Basis string
	Year                    int
	Value                   int64
}

// published is context.csv, parsed.
var published = mustParsePublished(contextCSV)

func mustParsePublished(s string) []Published {
	ps, err := parsePublished(s)
	if err != nil {
		panic(err) // the bundled file is tested; this cannot happen
	}
	return ps
}

// parsePublished reads "source,year,category,value,basis" lines (#
// comments).
func parsePublished(s string) ([]Published, error) {
	rd := csv.NewReader(strings.NewReader(s))
	rd.Comment, rd.FieldsPerRecord = '#', 5
	recs, err := rd.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("context.csv: %w", err)
	}
	var out []Published
	for i, rec := range recs {
		y, err1 := strconv.Atoi(rec[1])
		v, err2 := strconv.ParseInt(rec[3], 10, 64)
		if err1 != nil || err2 != nil || rec[0] == "" || rec[2] == "" {
			return nil, fmt.Errorf("context.csv: record %d: want source,year,category,value,basis, got %q", i+1, rec)
		}
		out = append(out, Published{Source: rec[0], Year: y, Category: rec[2], Value: v, Basis: rec[4]})
	}
	return out, nil
}

// contextCategories are the TSR categories the yearly view compares, in
// TSR's order; the corpus's 盗難 (theft by an outsider) is counted with
// 不正持ち出し・盗難 as TSR does.
var contextCategories = []string{"ウイルス感染・不正アクセス", "誤表示・誤送信", "紛失・誤廃棄", "不正持ち出し・盗難"}

// YearContext is one year of the corpus beside the published statistics.
type YearContext struct {
	Year       int
	Corpus     int64   // incidents of the year (year-only ones included)
	CorpusCats []int64 // by contextCategories
	Sources    []YearFigure
	Current    bool // the report's year
}

// YearFigure is one source's figures for a year: the total and by
// contextCategories (nil: not published).
type YearFigure struct {
	Source, Basis string
	All           *int64
	Cats          []*int64
}

// ContextSources are the sources of the yearly view, in order.
func (r *Report) ContextSources() []string {
	var out []string
	for _, p := range published {
		if !slices.Contains(out, p.Source) {
			out = append(out, p.Source)
		}
	}
	return out
}

// ContextCategories are the categories of the yearly view.
func (r *Report) ContextCategories() []string { return contextCategories }

func (r *Report) loadContext(ctx context.Context, db *sql.DB) error {
	years := map[int]bool{}
	for _, p := range published {
		years[p.Year] = true
	}
	rows, err := db.QueryContext(ctx, `
SELECT year, CASE WHEN tsr_category = '盗難' THEN '不正持ち出し・盗難' ELSE coalesce(tsr_category, '') END, count(*)
FROM incidents WHERE year IS NOT NULL GROUP BY ALL`)
	if err != nil {
		return err
	}
	defer rows.Close()
	type key struct {
		year int
		cat  string
	}
	corpus := map[key]int64{}
	for rows.Next() {
		var k key
		var n int64
		if err := rows.Scan(&k.year, &k.cat, &n); err != nil {
			return err
		}
		corpus[k] += n
		corpus[key{k.year, "all"}] += n
	}
	if err := rows.Err(); err != nil {
		return err
	}
	qy, _, _ := ParseQuarter(r.Quarter)
	var ys []int
	for y := range years {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	for _, y := range ys {
		yc := YearContext{Year: y, Corpus: corpus[key{y, "all"}], Current: y == qy}
		for _, c := range contextCategories {
			yc.CorpusCats = append(yc.CorpusCats, corpus[key{y, c}])
		}
		for _, src := range r.ContextSources() {
			f := YearFigure{Source: src, Cats: make([]*int64, len(contextCategories))}
			for _, p := range published {
				if p.Source != src || p.Year != y {
					continue
				}
				v := p.Value
				if p.Category == "all" {
					f.All, f.Basis = &v, p.Basis
				} else if i := slices.Index(contextCategories, p.Category); i >= 0 {
					f.Cats[i] = &v
				}
			}
			yc.Sources = append(yc.Sources, f)
		}
		r.Context = append(r.Context, yc)
	}
	return nil
}
