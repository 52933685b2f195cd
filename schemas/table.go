package schemas

import (
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Column is one column of a table of rows R: its name, Arrow type, meaning,
// and how to append a row's value to a builder of that type.
type Column[R any] struct {
	Name   string
	Type   arrow.DataType
	Doc    string
	append func(b array.Builder, r *R)
	// reserve, when set, makes room in b for the values of all rows at once
	// (the bytes of a string column, the items of a list): a builder left
	// to grow doubles and copies its data buffer a dozen times per batch.
	reserve func(b array.Builder, rows []R)
	// fill, when set, builds the column's array straight from the rows,
	// without a builder: the values' bytes, offsets and validity written
	// in one pass. append and reserve build the same array (recordByBuilders,
	// the tests' oracle).
	fill func(mem memory.Allocator, rows []R) arrow.Array
	// Unique marks a column whose values rarely repeat (an id, a notice's
	// text, a sentence): Parquet min/max statistics of it prune nothing
	// and cost a compare and a copy per value, so it is written without.
	Unique bool
}

// Table is an output table of rows R: the table dictionary entry and the
// Arrow schema in one value, so the two cannot disagree.
type Table[R any] struct {
	Name    string
	Doc     string
	Columns []Column[R]
}

// Schema is the table's Arrow schema.
func (t *Table[R]) Schema() *arrow.Schema {
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		fields[i] = arrow.Field{Name: c.Name, Type: c.Type, Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}

// Record builds one Arrow record batch of rows. The caller releases it.
// String columns are filled straight from the rows; the others go
// through builders, a row at a time.
func (t *Table[R]) Record(mem memory.Allocator, rows []R) arrow.RecordBatch {
	cols := make([]arrow.Array, len(t.Columns))
	builders := make([]array.Builder, len(t.Columns))
	for j, c := range t.Columns {
		if c.fill != nil {
			cols[j] = c.fill(mem, rows)
			continue
		}
		builders[j] = array.NewBuilder(mem, c.Type)
		builders[j].Reserve(len(rows))
		if c.reserve != nil {
			c.reserve(builders[j], rows)
		}
	}
	for i := range rows {
		for j, b := range builders {
			if b != nil {
				t.Columns[j].append(b, &rows[i])
			}
		}
	}
	for j, b := range builders {
		if b != nil {
			cols[j] = b.NewArray()
			b.Release()
		}
	}
	rec := array.NewRecordBatch(t.Schema(), cols, int64(len(rows)))
	for _, c := range cols {
		c.Release()
	}
	return rec
}

// recordByBuilders is Record with every column built by its builder, a
// row at a time: the simple version Record's fills are tested against.
func (t *Table[R]) recordByBuilders(mem memory.Allocator, rows []R) arrow.RecordBatch {
	b := array.NewRecordBuilder(mem, t.Schema())
	defer b.Release()
	b.Reserve(len(rows))
	for j, c := range t.Columns {
		if c.reserve != nil {
			c.reserve(b.Field(j), rows)
		}
	}
	for i := range rows {
		for j, c := range t.Columns {
			c.append(b.Field(j), &rows[i])
		}
	}
	return b.NewRecordBatch()
}

// fillStrings builds a string column of rows from get, the empty string
// null when emptyIsNull: a pass for the bytes and nulls, then one that
// copies the values into buffers of that very size. Through a builder
// each value cost a capacity check, an offset append, a bitmap append and
// a copy (a fifth of writing 8,192 one-sentence notices).
func fillStrings[R any](get func(*R) string, emptyIsNull bool) func(memory.Allocator, []R) arrow.Array {
	return func(mem memory.Allocator, rows []R) arrow.Array {
		size, nulls := 0, 0
		for i := range rows {
			n := len(get(&rows[i]))
			size += n
			if n == 0 && emptyIsNull {
				nulls++
			}
		}
		offsets := memory.NewResizableBuffer(mem)
		offsets.Resize(arrow.Int32Traits.BytesRequired(len(rows) + 1))
		values := memory.NewResizableBuffer(mem)
		values.Resize(size)
		var valid *memory.Buffer
		var validBits []byte
		if nulls > 0 {
			valid = memory.NewResizableBuffer(mem)
			valid.Resize(int(bitutil.BytesForBits(int64(len(rows)))))
			validBits = valid.Bytes()
		}
		offs := arrow.Int32Traits.CastFromBytes(offsets.Bytes())
		data := values.Bytes()
		at := 0
		for i := range rows {
			v := get(&rows[i])
			offs[i] = int32(at)
			at += copy(data[at:], v)
			if validBits != nil && v != "" {
				bitutil.SetBit(validBits, i)
			}
		}
		offs[len(rows)] = int32(at)
		d := array.NewData(arrow.BinaryTypes.String, len(rows), []*memory.Buffer{valid, offsets, values}, nil, nulls, 0)
		for _, b := range []*memory.Buffer{valid, offsets, values} {
			if b != nil {
				b.Release()
			}
		}
		defer d.Release()
		return array.NewStringData(d)
	}
}

// Describe is the table's dictionary entry: name, meaning, columns.
func (t *Table[R]) Describe() TableDoc {
	d := TableDoc{Name: t.Name, Doc: t.Doc}
	for _, c := range t.Columns {
		d.Columns = append(d.Columns, ColumnDoc{Name: c.Name, Type: sqlType(c.Type), Doc: c.Doc})
	}
	return d
}

// TableDoc documents one table for README, --help and the query command.
type TableDoc struct {
	Name    string
	Doc     string
	Columns []ColumnDoc
}

// ColumnDoc documents one column.
type ColumnDoc struct{ Name, Type, Doc string }

func str[R any](name, doc string, get func(*R) string) Column[R] {
	return Column[R]{Name: name, Type: arrow.BinaryTypes.String, Doc: doc, append: func(b array.Builder, r *R) {
		if v := get(r); v != "" {
			b.(*array.StringBuilder).Append(v)
		} else {
			b.AppendNull()
		}
	}, reserve: reserveBytes(get), fill: fillStrings(get, true)}
}

// reserveBytes reserves the bytes of every row's string.
func reserveBytes[R any](get func(*R) string) func(array.Builder, []R) {
	return func(b array.Builder, rows []R) {
		n := 0
		for i := range rows {
			n += len(get(&rows[i]))
		}
		b.(*array.StringBuilder).ReserveData(n)
	}
}

// reserveItems reserves the items of every row's list and their bytes.
func reserveItems[R any](get func(*R) []string) func(array.Builder, []R) {
	return func(b array.Builder, rows []R) {
		items, n := 0, 0
		for i := range rows {
			for _, s := range get(&rows[i]) {
				items++
				n += len(s)
			}
		}
		vb := b.(*array.ListBuilder).ValueBuilder().(*array.StringBuilder)
		vb.Reserve(items)
		vb.ReserveData(n)
	}
}

// unique marks c as holding values that rarely repeat.
func unique[R any](c Column[R]) Column[R] {
	c.Unique = true
	return c
}

// text is a string column where the empty string is a value, not null.
func text[R any](name, doc string, get func(*R) string) Column[R] {
	return Column[R]{Name: name, Type: arrow.BinaryTypes.String, Doc: doc, append: func(b array.Builder, r *R) {
		b.(*array.StringBuilder).Append(get(r))
	}, reserve: reserveBytes(get), fill: fillStrings(get, false)}
}

func boolean[R any](name, doc string, get func(*R) bool) Column[R] {
	return Column[R]{Name: name, Type: arrow.FixedWidthTypes.Boolean, Doc: doc, append: func(b array.Builder, r *R) {
		b.(*array.BooleanBuilder).Append(get(r))
	}}
}

func optBool[R any](name, doc string, get func(*R) *bool) Column[R] {
	return Column[R]{Name: name, Type: arrow.FixedWidthTypes.Boolean, Doc: doc, append: func(b array.Builder, r *R) {
		if v := get(r); v != nil {
			b.(*array.BooleanBuilder).Append(*v)
		} else {
			b.AppendNull()
		}
	}}
}

func int32s[R any](name, doc string, get func(*R) int32) Column[R] {
	return Column[R]{Name: name, Type: arrow.PrimitiveTypes.Int32, Doc: doc, append: func(b array.Builder, r *R) {
		b.(*array.Int32Builder).Append(get(r))
	}}
}

func optInt32[R any](name, doc string, get func(*R) *int32) Column[R] {
	return Column[R]{Name: name, Type: arrow.PrimitiveTypes.Int32, Doc: doc, append: func(b array.Builder, r *R) {
		if v := get(r); v != nil {
			b.(*array.Int32Builder).Append(*v)
		} else {
			b.AppendNull()
		}
	}}
}

func optInt64[R any](name, doc string, get func(*R) *int64) Column[R] {
	return Column[R]{Name: name, Type: arrow.PrimitiveTypes.Int64, Doc: doc, append: func(b array.Builder, r *R) {
		if v := get(r); v != nil {
			b.(*array.Int64Builder).Append(*v)
		} else {
			b.AppendNull()
		}
	}}
}

func date[R any](name, doc string, get func(*R) Date) Column[R] {
	return Column[R]{Name: name, Type: arrow.FixedWidthTypes.Date32, Doc: doc, append: func(b array.Builder, r *R) {
		if v := get(r); !v.IsZero() {
			b.(*array.Date32Builder).Append(arrow.Date32(v.Days()))
		} else {
			b.AppendNull()
		}
	}}
}

func strings_[R any](name, doc string, get func(*R) []string) Column[R] {
	return Column[R]{Name: name, Type: arrow.ListOf(arrow.BinaryTypes.String), Doc: doc, append: func(b array.Builder, r *R) {
		lb := b.(*array.ListBuilder)
		lb.Append(true)
		vb := lb.ValueBuilder().(*array.StringBuilder)
		for _, s := range get(r) {
			vb.Append(s)
		}
	}, reserve: reserveItems(get)}
}

// strMap is a MAP(VARCHAR, VARCHAR) column, its keys sorted so the output
// does not depend on Go's map order; an empty map is null when nullEmpty,
// else an empty map.
func strMap[R any](name, doc string, get func(*R) map[string]string, nullEmpty bool) Column[R] {
	return Column[R]{Name: name, Type: arrow.MapOf(arrow.BinaryTypes.String, arrow.BinaryTypes.String), Doc: doc,
		append: func(b array.Builder, r *R) {
			m := get(r)
			if len(m) == 0 && nullEmpty {
				b.AppendNull()
				return
			}
			mb := b.(*array.MapBuilder)
			mb.Append(true)
			kb, ib := mb.KeyBuilder().(*array.StringBuilder), mb.ItemBuilder().(*array.StringBuilder)
			// Sorted in an array on the stack: a notice's field_sources
			// has a dozen keys, and a sorted copy of them per row was a
			// fifth of the notices writer's own allocations.
			var scratch [32]string
			keys := scratch[:0]
			for k := range m {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				kb.Append(k)
				ib.Append(m[k])
			}
		}}
}

// sqlType is the type a column reads as in DuckDB.
func sqlType(t arrow.DataType) string {
	switch t.ID() {
	case arrow.STRING:
		return "VARCHAR"
	case arrow.INT32:
		return "INTEGER"
	case arrow.INT64:
		return "BIGINT"
	case arrow.BOOL:
		return "BOOLEAN"
	case arrow.DATE32:
		return "DATE"
	case arrow.LIST:
		return sqlType(t.(*arrow.ListType).Elem()) + "[]"
	case arrow.MAP:
		m := t.(*arrow.MapType)
		return "MAP(" + sqlType(m.KeyType()) + ", " + sqlType(m.ItemType()) + ")"
	}
	return t.String()
}
