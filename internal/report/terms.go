package report

import (
	"bufio"
	"context"
	"database/sql"
	_ "embed"
	"slices"
	"strings"
)

//go:embed stopterms.txt
var stopTermsFile string

// stopTerms is the stop list of notice boilerplate (stopterms.txt).
var stopTerms = parseStopTerms(stopTermsFile)

func parseStopTerms(s string) map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if t := strings.TrimSpace(sc.Text()); t != "" && !strings.HasPrefix(t, "#") {
			m[t] = true
		}
	}
	return m
}

// risingN is the number of terms listed.
const risingN = 15

// liftPrior smooths both shares (half an incident added with and without
// the term), so a term absent from the rest of the corpus has a finite
// lift. Terms of a single incident are left out before ranking: smoothing
// alone would still rank one incident of one first.
const liftPrior = 0.5

// lift is how many times more often a term occurs in the quarter's
// incidents than in the rest of the corpus's, smoothed.
func lift(in, n, restIn, restN int64) float64 {
	share := (float64(in) + liftPrior) / (float64(n) + 2*liftPrior)
	rest := (float64(restIn) + liftPrior) / (float64(restN) + 2*liftPrior)
	return share / rest
}

// loadTerms ranks the quarter's terms by lift against every other period
// of the corpus (terms_quarterly: an incident is in one period, so the
// other periods' incidents are the rest), leaving out the stop list and
// terms of a single incident (unless the quarter has only one).
func (r *Report) loadTerms(ctx context.Context, db *sql.DB) error {
	if !r.HasTerms || r.Empty {
		return nil
	}
	var quarterN, restN int64
	if err := db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE quarter = ?), count(*) FILTER (WHERE quarter IS DISTINCT FROM ?) FROM incidents`,
		r.Quarter, r.Quarter).Scan(&quarterN, &restN); err != nil {
		return err
	}
	rows, err := db.QueryContext(ctx, `
SELECT term, sum(incidents) FILTER (WHERE quarter = ?)::BIGINT, sum(occurrences) FILTER (WHERE quarter = ?)::BIGINT,
       coalesce(sum(incidents) FILTER (WHERE quarter <> ?), 0)::BIGINT
FROM terms_quarterly GROUP BY term HAVING count(*) FILTER (WHERE quarter = ?) > 0`, r.Quarter, r.Quarter, r.Quarter, r.Quarter)
	if err != nil {
		return err
	}
	defer rows.Close()
	var terms []Term
	for rows.Next() {
		t := Term{QuarterN: quarterN, RestN: restN}
		if err := rows.Scan(&t.Term, &t.Incidents, &t.Occurrences, &t.RestIncidents); err != nil {
			return err
		}
		if stopTerms[t.Term] || t.Incidents < min(2, quarterN) {
			continue
		}
		t.Share = float64(t.Incidents) / float64(max(quarterN, 1))
		t.RestShare = float64(t.RestIncidents) / float64(max(restN, 1))
		t.Lift = lift(t.Incidents, quarterN, t.RestIncidents, restN)
		t.New = t.RestIncidents == 0
		if t.Lift > 1 {
			terms = append(terms, t)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	slices.SortFunc(terms, func(a, b Term) int {
		switch {
		case a.Lift != b.Lift:
			if a.Lift > b.Lift {
				return -1
			}
			return 1
		case a.Incidents != b.Incidents:
			return int(b.Incidents - a.Incidents)
		}
		return strings.Compare(a.Term, b.Term)
	})
	if len(terms) > risingN {
		terms = terms[:risingN]
	}
	r.Rising = terms
	return nil
}
