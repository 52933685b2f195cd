package parquetio

import (
	"context"
	"fmt"
	"os"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/breachtrend/breachtrend/schemas"
)

// SetColumn copies the Parquet file src of table into dir, replacing the
// string column set with value(key) where key is the row's string column
// key. It streams one row group at a time, so memory stays flat however
// large the table. The pipeline uses it to put incident ids, known only
// once every notice is read, on notices written earlier.
func SetColumn[R any](ctx context.Context, src, dir string, table *schemas.Table[R], key, set string, value func(string) string) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("table %s: %w", table.Name, err)
	}
	defer f.Close()
	pf, err := file.NewParquetReader(f)
	if err != nil {
		return fmt.Errorf("table %s: read %s: %w", table.Name, src, err)
	}
	defer pf.Close()
	mem := memory.DefaultAllocator
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: DefaultRowGroup}, mem)
	if err != nil {
		return fmt.Errorf("table %s: %w", table.Name, err)
	}
	rr, err := fr.GetRecordReader(ctx, nil, nil)
	if err != nil {
		return fmt.Errorf("table %s: %w", table.Name, err)
	}
	defer rr.Release()
	schema := table.Schema()
	ki, si := schema.FieldIndices(key), schema.FieldIndices(set)
	if len(ki) != 1 || len(si) != 1 {
		return fmt.Errorf("table %s: no column %q or %q", table.Name, key, set)
	}
	w, err := create(dir, table)
	if err != nil {
		return err
	}
	for rr.Next() {
		rec := rr.RecordBatch()
		keys := rec.Column(ki[0]).(*array.String)
		b := array.NewStringBuilder(mem)
		for i := 0; i < keys.Len(); i++ {
			if v := value(keys.Value(i)); v != "" {
				b.Append(v)
			} else {
				b.AppendNull()
			}
		}
		col := b.NewArray()
		b.Release()
		cols := make([]arrow.Array, rec.NumCols())
		copy(cols, rec.Columns())
		cols[si[0]] = col
		out := array.NewRecordBatch(schema, cols, rec.NumRows())
		err := w.fw.Write(out)
		out.Release()
		col.Release()
		if err != nil {
			w.fw.Close()
			return fmt.Errorf("table %s: write: %w", table.Name, err)
		}
	}
	if err := rr.Err(); err != nil {
		w.fw.Close()
		return fmt.Errorf("table %s: read %s: %w", table.Name, src, err)
	}
	return w.Close()
}
