package report

import (
	"context"
	"database/sql"
	"slices"

	"github.com/breachtrend/breachtrend/schemas"
)

// CauseDelays is every known, non-negative disclosure delay of the
// quarter's incidents of one cause, for the dot plot.
type CauseDelays struct {
	Cause  string
	Days   []int64 // sorted
	Median float64
}

func (r *Report) loadDelayByCause(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
SELECT coalesce(cause, ''), disclosure_delay_days FROM incidents
WHERE quarter = ? AND `+validDelay+` ORDER BY 1, 2`, r.Quarter)
	if err != nil {
		return err
	}
	defer rows.Close()
	by := map[string][]int64{}
	for rows.Next() {
		var c string
		var d int64
		if err := rows.Scan(&c, &d); err != nil {
			return err
		}
		by[c] = append(by[c], d)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	var order []string
	for _, c := range schemas.Causes {
		order = append(order, c.Name)
	}
	for c := range by {
		if !slices.Contains(order, c) {
			order = append(order, c)
		}
	}
	for _, c := range order {
		days := by[c]
		if len(days) == 0 {
			continue
		}
		slices.Sort(days)
		r.DelayByCause = append(r.DelayByCause, CauseDelays{Cause: orUnknown(c), Days: days, Median: median(days)})
	}
	return nil
}

// median of sorted xs (not empty), as DuckDB's median: the mean of the two
// middle values of an even count.
func median(xs []int64) float64 {
	n := len(xs)
	if n%2 == 1 {
		return float64(xs[n/2])
	}
	return float64(xs[n/2-1]+xs[n/2]) / 2
}
