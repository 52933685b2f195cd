package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/breachtrend/breachtrend/internal/parquetio"
	"github.com/breachtrend/breachtrend/schemas"
)

// A rerun whose inputs only grew at the end of the walk (the weekly run:
// new notices under names that sort after the old ones, none changed or
// removed) keeps the previous notices and timeline tables' part files and
// writes the new inputs' rows into a part after them. Those rows are what
// the run would write again: the old inputs are served from the file index
// as recorded, the corrections are the same, and linking, which sets each
// row's incident_id, has seen the same notices in the same order before
// it reaches the new ones (an incident's id is that of its first notice).
// The incidents, rejects and corrections tables and the derived ones are
// written whole, as always. A rerun after anything else (a file changed,
// removed, or new in the middle of the walk) writes every table, in one
// part each: that also merges the parts appends have left.

// appendPlan is which previous rows a run keeps (see planAppend).
type appendPlan struct {
	files        int                 // the leading inputs whose rows the kept parts hold
	parts        map[string][]string // table name → its previous part files, in order
	timelineRows int
}

// maxKeptParts bounds the part files a table grows to by appends; past it
// the run writes the table whole, in one part.
const maxKeptParts = 64

// appendedTables are the tables whose rows are kept by an append.
var appendedTables = []string{schemas.NoticesTable.Name, schemas.TimelineTable.Name}

// errChangedDuringRun is an input whose rows the run keeps from the
// previous tables but that changed after the run decided so: its rows
// cannot be told apart any more.
var errChangedDuringRun = errors.New("changed while the run read the corpus; run again")

// planAppend returns the plan of a run whose first inputs are, in order,
// every input of the previous run, unchanged by stat data, and whose kept
// lines in the file index all check (so each will be served), or nil.
func planAppend(out outputDir, x *fileIndex, c inputsCheck, prev *Manifest) *appendPlan {
	n := len(x.order)
	if n == 0 || n != prev.Summary.Files || len(c.prefix) < n || !slices.Equal(c.prefix[:n], x.order) {
		return nil
	}
	p := &appendPlan{files: n, parts: map[string][]string{}, timelineRows: prev.Tables[schemas.TimelineTable.Name]}
	for _, table := range appendedTables {
		parts, _ := filepath.Glob(filepath.Join(out.real, table, "*.parquet"))
		if len(parts) == 0 || len(parts) >= maxKeptParts {
			return nil
		}
		p.parts[table] = parts // Glob sorts them
	}
	for _, key := range x.order {
		e := x.oldIdx[key]
		for _, sp := range append(slices.Clone(e.batches), e.meta) {
			if _, _, err := x.readLine(sp, key); err != nil {
				return nil
			}
		}
	}
	return p
}

// linkParts links the kept part files into dir's tables, renumbered from
// 0, and returns the number of the first new part of each table.
func (p *appendPlan) linkParts(dir string) (map[string]int, error) {
	next := map[string]int{}
	for _, table := range appendedTables {
		folder := filepath.Join(dir, table)
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return nil, err
		}
		for i, part := range p.parts[table] {
			if err := linkTree(part, filepath.Join(folder, parquetio.PartName(i))); err != nil {
				return nil, fmt.Errorf("keeping the rows of table %s: %w", table, err)
			}
		}
		next[table] = len(p.parts[table])
	}
	return next, nil
}

// keeps reports whether the rows of the file emitted after `emitted` whole
// files are in the kept parts.
func (p *appendPlan) keeps(emitted int) bool { return p != nil && emitted < p.files }

// extendPlannedHook, when set (by tests), runs once a run has planned to
// keep the previous rows of its first inputs.
var extendPlannedHook func()
