package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/breachtrend/breachtrend/internal/parquetio"
	"github.com/breachtrend/breachtrend/schemas"
)

// The notices and timeline tables are written in parts, each the rows of a
// run of whole inputs in walk order (part-00000.parquet, part-00001…, read
// in name order, so a table's rows stay in walk order): a part is closed
// after the input that brings it to defaultPartRows notices. A rerun keeps
// (hard-links, renumbered) every part whose inputs are unchanged and whose
// notices keep their incident ids, and writes only the others
// (incremental.go): adding 10 files in the middle of the walk rewrites the
// one or two parts they land in, not the table. 2,048 notices make a part
// of ~0.7 MB (~50 parts at 100k notices); rewriting one costs ~0.1 s.
const defaultPartRows = 2048

// tableParts writes the parts of the notices and timeline tables into dir.
type tableParts struct {
	dir      string
	partRows int
	parts    []partInfo // closed parts, in order
	notices  *parquetio.Writer[schemas.Notice]
	timeline *parquetio.Writer[schemas.TimelineRow]
	// The buffers each table's parts pass on, part after part.
	noticeBufs, timelineBufs parquetio.Buffers
}

func newTableParts(dir string, partRows int) *tableParts {
	return &tableParts{dir: dir, partRows: max(partRows, 1)}
}

// current is the number of the part being written (or next to be).
func (t *tableParts) current() int { return len(t.parts) }

func (t *tableParts) open() error {
	if t.notices != nil {
		return nil
	}
	var err error
	t.notices, err = parquetio.CreateShared(t.dir, schemas.NoticesTable, t.current(), func(n *schemas.Notice) int {
		return len(n.Text) + len(n.OriginalText) + 512
	}, &t.noticeBufs)
	if err != nil {
		return err
	}
	t.timeline, err = parquetio.CreateShared(t.dir, schemas.TimelineTable, t.current(), nil, &t.timelineBufs)
	if err != nil {
		t.notices.Close()
		t.notices = nil
	}
	return err
}

// append writes n's row and its timeline's.
func (t *tableParts) append(n *schemas.Notice) error {
	if err := t.open(); err != nil {
		return err
	}
	for k, e := range n.Events {
		if err := t.timeline.Append(schemas.TimelineRow{NoticeID: n.NoticeID, IncidentID: n.IncidentID, Seq: int32(k), Event: e}); err != nil {
			return err
		}
	}
	return t.notices.Append(*n)
}

// endInput ends an input whose rows were appended and returns the part
// they are in; the part is closed once it holds partRows notices. An input
// of no rows still opens its part, so every part an input names exists.
func (t *tableParts) endInput() (int, error) {
	if err := t.open(); err != nil {
		return 0, err
	}
	part := t.current()
	if t.notices.Rows() >= t.partRows {
		return part, t.cut()
	}
	return part, nil
}

// cut closes the part being written, the two tables' files at once.
func (t *tableParts) cut() error {
	if t.notices == nil {
		return nil
	}
	var errs [2]error
	var closing sync.WaitGroup
	closing.Go(func() { errs[0] = t.notices.Close() })
	closing.Go(func() { errs[1] = t.timeline.Close() })
	closing.Wait()
	p := partInfo{notices: t.notices.Rows(), timeline: t.timeline.Rows()}
	t.notices, t.timeline = nil, nil
	if err := errors.Join(errs[:]...); err != nil {
		return err
	}
	var err error
	p.noticesSize, p.timelineSize, err = partSizes(t.dir, len(t.parts))
	if err != nil {
		return err
	}
	t.parts = append(t.parts, p)
	return nil
}

// keep makes part number from of the tables in old this run's next part,
// by hard links (copies where there are none).
func (t *tableParts) keep(old string, from int, p partInfo) error {
	if err := t.cut(); err != nil {
		return err
	}
	for _, table := range partedTables {
		folder := filepath.Join(t.dir, table)
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return err
		}
		src := filepath.Join(old, table, parquetio.PartName(from))
		if err := linkTree(src, filepath.Join(folder, parquetio.PartName(t.current()))); err != nil {
			return fmt.Errorf("keeping the rows of table %s: %w", table, err)
		}
	}
	t.parts = append(t.parts, p)
	return nil
}

// close closes the last part; a table of no rows gets one empty part.
func (t *tableParts) close() error {
	defer t.noticeBufs.Drop()
	defer t.timelineBufs.Drop()
	if len(t.parts) == 0 {
		if err := t.open(); err != nil {
			return err
		}
	}
	return t.cut()
}

// rows are the rows written or kept of each table.
func (t *tableParts) rows() (notices, timeline int) {
	for _, p := range t.parts {
		notices += p.notices
		timeline += p.timeline
	}
	return notices, timeline
}

// partedTables are the tables written in parts.
var partedTables = []string{schemas.NoticesTable.Name, schemas.TimelineTable.Name}

// partSizes are the sizes of part number part of the two tables in dir.
func partSizes(dir string, part int) (notices, timeline int64, err error) {
	var sizes [2]int64
	for i, table := range partedTables {
		fi, err := os.Stat(filepath.Join(dir, table, parquetio.PartName(part)))
		if err != nil {
			return 0, 0, err
		}
		sizes[i] = fi.Size()
	}
	return sizes[0], sizes[1], nil
}
