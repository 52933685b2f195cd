// Package parquetio writes breachtrend tables as folders of Parquet files
// with arrow-go's pqarrow: zstd, plain-encoded columns, rows batched into
// row groups, so DuckDB, pandas and Spark read them as they are.
package parquetio

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/breachtrend/breachtrend/schemas"
)

// DefaultRowGroup is the number of rows buffered before a row group is
// written; pqarrow makes at least one row group per Write call. Each row
// group costs every column a chunk of its own (a page, its header, its
// compression, metadata in the footer): a JSON Lines feed of 307k
// one-sentence notices made 150 row groups × 47 columns at 2,048 rows.
// At 8,192 rows the tiny notices' files are a quarter smaller (zstd sees
// more of each column at once) and the per-chunk work a quarter of it;
// long texts still cut a row group early at maxBufferedBytes.
const DefaultRowGroup = 8192

// maxBufferedBytes flushes a row group early when long texts pile up, so the
// writer's memory stays flat whatever the notices' length. The rows, their
// Arrow record and its pages are all live at once: at 32 MB the notices
// writer alone held ~100 MB, the run's heap sat at the soft memory limit and
// the GC ran a third more often (10k bench: 33 vs 25 GCs, peak RSS 320 vs
// 305 MB, CPU no worse). About 500 notices a row group is still plenty for
// DuckDB and pandas; the file is a little larger (2.5 → 3.1 MB on the 10k
// bench corpus, whose repeated texts compress better in larger groups).
const maxBufferedBytes = 8 << 20

// Writer streams rows of one table into <dir>/<table>/part-NNNNN.parquet
// (PartName): part 0, unless CreatePart names another.
type Writer[R any] struct {
	table    *schemas.Table[R]
	path     string
	fw       *pqarrow.FileWriter
	mem      memory.Allocator // a recycler: buffers reused row group after row group
	shared   bool             // mem is a Buffers' recycler, dropped by its owner
	rows     []R
	rowGroup int
	size     func(*R) int
	bytes    int
	n        int
}

// Create opens a writer for table under dir. size, when not nil, estimates a
// row's bytes so a row group is cut before the buffer grows large.
func Create[R any](dir string, table *schemas.Table[R], size func(*R) int) (*Writer[R], error) {
	return CreatePart(dir, table, 0, size)
}

// CreatePart is Create for the table's part file number part: a table
// whose first parts are kept from another run (hard links) gets its new
// rows after them, in a file whose name sorts after theirs.
func CreatePart[R any](dir string, table *schemas.Table[R], part int, size func(*R) int) (*Writer[R], error) {
	w, err := create(dir, table, part, &recycler{})
	if err != nil {
		return nil, err
	}
	w.size = size
	return w, nil
}

// Buffers are the record batches' buffers of a table written in parts:
// the writers of its parts, opened one after another, pass them on, where
// each writer's own recycler would start empty and leave its buffers to
// the GC (a notices part of 2,048 rows is one or two row groups, so a
// part's writer allocated nearly all its buffers afresh: 77 MB over the
// 10k bench corpus's notices and timeline). The zero value is ready; the
// writers that share one are never open at once.
type Buffers struct{ r recycler }

// Drop lets the GC have the buffers kept: call it when the table's last
// part is closed.
func (b *Buffers) Drop() { b.r.drop() }

// CreateShared is CreatePart with the buffers of bufs, which the writer
// takes when opened and hands back, freed, when closed.
func CreateShared[R any](dir string, table *schemas.Table[R], part int, size func(*R) int, bufs *Buffers) (*Writer[R], error) {
	w, err := create(dir, table, part, &bufs.r)
	if err != nil {
		return nil, err
	}
	w.size, w.shared = size, true
	return w, nil
}

// PartName is the name of a table's part file number part.
func PartName(part int) string { return fmt.Sprintf("part-%05d.parquet", part) }

// create opens the writer of a table's part file. mem allocates both the
// record batches and the Parquet writer's own buffers (pages, dictionaries,
// statistics): a recycler, so a row group reuses what the previous one
// freed instead of the GC collecting tens of MB per row group.
func create[R any](dir string, table *schemas.Table[R], part int, mem memory.Allocator) (*Writer[R], error) {
	folder := filepath.Join(dir, table.Name)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return nil, fmt.Errorf("table %s: %w", table.Name, err)
	}
	path := filepath.Join(folder, PartName(part))
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", table.Name, err)
	}
	opts := []parquet.WriterProperty{
		parquet.WithAllocator(mem),
		parquet.WithCompression(compress.Codecs.Zstd),
		// No dictionaries: zstd already folds a column's repeats (the
		// tables are smaller without them, 10k bench corpus and 307k
		// tiny notices alike), and a dictionary hashes and boxes every
		// value (one allocation each) and copies every page once more.
		parquet.WithDictionaryDefault(false),
		parquet.WithStats(true),
		// A page is cut when a batch of values ends past the page size:
		// batches of a whole row group make one page per chunk of short
		// values (better compressed, fewer headers), and the encoder's
		// buffer grows once, not once per 1,024 values.
		parquet.WithBatchSize(DefaultRowGroup),
		// Data pages stay version 1 (the default): version 2 pages
		// allocated a quarter less (BenchmarkWriteNotices: 159 → 116 MB),
		// but not every Parquet reader an analyst may use reads them.
		parquet.WithDataPageVersion(parquet.DataPageV1),
		parquet.WithCreatedBy("breachtrend"),
	}
	arrowProps := pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())
	noStats, err := uniqueLeaves(table, arrowProps)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("table %s: %w", table.Name, err)
	}
	for _, path := range noStats {
		opts = append(opts, parquet.WithStatsFor(path, false))
	}
	props := parquet.NewWriterProperties(opts...)
	fw, err := pqarrow.NewFileWriter(table.Schema(), syncCloser{f}, props, arrowProps)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("table %s: %w", table.Name, err)
	}
	return &Writer[R]{table: table, path: path, fw: fw, mem: mem,
		rowGroup: DefaultRowGroup}, nil
}

// uniqueLeaves are the Parquet column paths of table's Unique columns
// (ids, urls, texts): the min and max of values that rarely repeat (hashes,
// whole texts) prune no row group, and keeping them costs a compare and a
// copy per value. Parquet sets statistics per leaf, so a list column's is
// its element's path (notice_ids.list.element), not its name.
func uniqueLeaves[R any](table *schemas.Table[R], arrowProps pqarrow.ArrowWriterProperties) ([]string, error) {
	unique := map[string]bool{}
	for _, c := range table.Columns {
		unique[c.Name] = c.Unique
	}
	sc, err := pqarrow.ToParquet(table.Schema(), parquet.NewWriterProperties(), arrowProps)
	if err != nil {
		return nil, err
	}
	var paths []string
	for i := range sc.NumColumns() {
		col := sc.Column(i)
		if unique[col.ColumnPath()[0]] {
			paths = append(paths, col.Path())
		}
	}
	return paths, nil
}

// Append buffers one row, writing a row group when the buffer is full.
func (w *Writer[R]) Append(r R) error {
	if w.rows == nil {
		w.rows = takeRows(w.table)
	}
	w.rows = append(w.rows, r)
	if w.size != nil {
		w.bytes += w.size(&w.rows[len(w.rows)-1])
	}
	if len(w.rows) >= w.rowGroup || w.bytes >= maxBufferedBytes {
		return w.flush()
	}
	return nil
}

// AppendAll writes the rows buffered so far, then rows, in row groups of
// at most DefaultRowGroup rows, the last one, if short, kept for the next
// Append or Close. Rows already in a slice are encoded from it, not copied
// one by one into the writer's buffer (307k incidents: 120 MB of copies).
// The writer keeps no reference to rows once it returns. Appending the
// same rows one by one to a writer with nothing buffered makes the same
// row groups.
func (w *Writer[R]) AppendAll(rows []R) error {
	if w.size != nil { // row groups cut by bytes: as Append does
		for i := range rows {
			if err := w.Append(rows[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if len(w.rows) > 0 {
		fill := min(w.rowGroup-len(w.rows), len(rows))
		w.rows = append(w.rows, rows[:fill]...)
		rows = rows[fill:]
		if len(w.rows) < w.rowGroup {
			return nil
		}
		if err := w.flush(); err != nil {
			return err
		}
	}
	for len(rows) >= w.rowGroup {
		if err := w.writeGroup(rows[:w.rowGroup]); err != nil {
			return err
		}
		rows = rows[w.rowGroup:]
	}
	if len(rows) > 0 && w.rows == nil {
		w.rows = takeRows(w.table)
	}
	w.rows = append(w.rows, rows...)
	return nil
}

// Rows is the number of rows appended so far.
func (w *Writer[R]) Rows() int { return w.n + len(w.rows) }

func (w *Writer[R]) flush() error {
	if len(w.rows) == 0 {
		return nil
	}
	if err := w.writeGroup(w.rows); err != nil {
		return err
	}
	clear(w.rows)
	w.rows = w.rows[:0]
	w.bytes = 0
	return nil
}

// writeGroup writes rows as one row group.
func (w *Writer[R]) writeGroup(rows []R) error {
	rec := w.table.Record(w.mem, rows)
	defer rec.Release()
	if err := w.fw.Write(rec); err != nil {
		return fmt.Errorf("table %s: write row group: %w", w.table.Name, err)
	}
	w.n += len(rows)
	return nil
}

// Close writes the last row group and the footer. An empty table still gets
// a file with the schema, so queries over it return no rows, not an error.
func (w *Writer[R]) Close() error {
	err := w.flush()
	putRows(w.table, w.rows)
	w.rows = nil
	if r, ok := w.mem.(*recycler); ok && !w.shared {
		r.drop()
	}
	if cerr := w.fw.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("table %s: close: %w", w.table.Name, cerr)
	}
	// pqarrow's Close closes the sink: syncCloser makes that an fsync too,
	// so a table swapped in after a crash is complete on disk.
	return err
}

type syncCloser struct{ *os.File }

func (s syncCloser) Close() error {
	if err := s.File.Sync(); err != nil {
		s.File.Close()
		return err
	}
	return s.File.Close()
}

// WriteAll writes rows as one table and closes it.
func WriteAll[R any](dir string, table *schemas.Table[R], rows []R) error {
	w, err := Create(dir, table, nil)
	if err != nil {
		return err
	}
	if err := w.AppendAll(rows); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
