package parquetio

import (
	"sync"

	"github.com/breachtrend/breachtrend/schemas"
)

// idleRows keeps the row buffers of closed writers, one sync.Pool per
// table (*schemas.Table[R] → pool of *[]R). A table written in parts opens
// a writer per part: the notices table in parts of 2,048 rows, incidents
// in parts of ~4,096, and each writer grew its buffer from nothing again,
// copying it about twice (a notice is 600 bytes: ~2.4 MB a part, 150 parts
// over 307k tiny notices).
var idleRows sync.Map

// takeRows is an empty row buffer for table, with the capacity a closed
// writer of the table left, or nil.
func takeRows[R any](table *schemas.Table[R]) []R {
	p, ok := idleRows.Load(table)
	if !ok {
		return nil
	}
	if rows, ok := p.(*sync.Pool).Get().(*[]R); ok {
		return *rows
	}
	return nil
}

// putRows hands rows back for the next writer of table; they are cleared
// so they keep no row's strings alive (past len they are zero already:
// flush clears what it wrote). The caller no longer uses them.
func putRows[R any](table *schemas.Table[R], rows []R) {
	if cap(rows) == 0 {
		return
	}
	clear(rows)
	rows = rows[:0]
	p, _ := idleRows.LoadOrStore(table, &sync.Pool{})
	p.(*sync.Pool).Put(&rows)
}
