package report

import (
	"context"
	"database/sql"
	"slices"

	"github.com/breachtrend/breachtrend/schemas"
)

// Matrix is the quarter's incidents by cause (rows) × sector (columns), with
// the totals of each; causes and sectors with no incident are left out.
type Matrix struct {
	Causes     []string // labels, in the vocabulary's order, (not known) last
	Sectors    []string // JSIC letters, "" (not known) last
	SectorTips []string // sector names, for the column headers' titles
	Cells      [][]MatrixCell
	RowTotals  []int64
	ColTotals  []int64
	Total      int64
}

// MatrixCell is one cause × sector count with its shade: 0 (none) to 5
// (the largest cell).
type MatrixCell struct {
	N     int64
	Shade int
}

func (r *Report) loadMatrix(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
SELECT coalesce(cause, ''), coalesce(sector, ''), count(*) FROM incidents WHERE quarter = ? GROUP BY ALL`, r.Quarter)
	if err != nil {
		return err
	}
	defer rows.Close()
	type key struct{ cause, sector string }
	counts := map[key]int64{}
	causeSet, sectorSet := map[string]bool{}, map[string]bool{}
	for rows.Next() {
		var k key
		var n int64
		if err := rows.Scan(&k.cause, &k.sector, &n); err != nil {
			return err
		}
		counts[k] = n
		causeSet[k.cause], sectorSet[k.sector] = true, true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	m := &r.Matrix
	var causes []string
	for _, c := range schemas.Causes {
		if causeSet[c.Name] {
			causes = append(causes, c.Name)
			delete(causeSet, c.Name)
		}
	}
	var rest []string // causes outside the vocabulary, then not known
	for c := range causeSet {
		rest = append(rest, c)
	}
	slices.Sort(rest)
	if len(rest) > 0 && rest[0] == "" {
		rest = append(rest[1:], "")
	}
	causes = append(causes, rest...)
	var sectors []string
	for s := range sectorSet {
		sectors = append(sectors, s)
	}
	slices.Sort(sectors)
	if len(sectors) > 0 && sectors[0] == "" {
		sectors = append(sectors[1:], "")
	}
	top := int64(0)
	for _, n := range counts {
		top = max(top, n)
	}
	m.Sectors, m.ColTotals = sectors, make([]int64, len(sectors))
	for _, s := range sectors {
		if s == "" {
			m.SectorTips = append(m.SectorTips, "– not known")
		} else {
			m.SectorTips = append(m.SectorTips, sectorLabel(s))
		}
	}
	for _, c := range causes {
		m.Causes = append(m.Causes, orUnknown(c))
		var row []MatrixCell
		var total int64
		for j, s := range sectors {
			n := counts[key{c, s}]
			row = append(row, MatrixCell{N: n, Shade: shade(n, top)})
			total += n
			m.ColTotals[j] += n
		}
		m.Cells = append(m.Cells, row)
		m.RowTotals = append(m.RowTotals, total)
		m.Total += total
	}
	return nil
}

// shade maps n in 0..top to 0..5: 0 only for none, 5 for the largest.
func shade(n, top int64) int {
	if n <= 0 || top <= 0 {
		return 0
	}
	return 1 + int((n-1)*4/max(top-1, 1))
}
