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
		c := newStringsData(mem, len(rows), size, nulls > 0)
		for i := range rows {
			v := get(&rows[i])
			c.add(v, !emptyIsNull || v != "")
		}
		d := c.finish(nulls)
		defer d.Release()
		return array.NewStringData(d)
	}
}

// fillLists builds a list-of-strings column of rows from get; no list is
// null (an empty one is empty), as strings_'s builder makes them.
func fillLists[R any](get func(*R) []string) func(memory.Allocator, []R) arrow.Array {
	return func(mem memory.Allocator, rows []R) arrow.Array {
		items, size := 0, 0
		for i := range rows {
			for _, s := range get(&rows[i]) {
				items++
				size += len(s)
			}
		}
		offsets := newBuffer(mem, arrow.Int32Traits.BytesRequired(len(rows)+1))
		offs := arrow.Int32Traits.CastFromBytes(offsets.Bytes())
		values := newStringsData(mem, items, size, false)
		at := 0
		for i := range rows {
			offs[i] = int32(at)
			for _, s := range get(&rows[i]) {
				values.add(s, true)
				at++
			}
		}
		offs[len(rows)] = int32(at)
		child := values.finish(0)
		d := array.NewData(arrow.ListOf(arrow.BinaryTypes.String), len(rows), []*memory.Buffer{nil, offsets}, []arrow.ArrayData{child}, 0, 0)
		offsets.Release()
		child.Release()
		defer d.Release()
		return array.NewListData(d)
	}
}

// fillMaps builds a MAP(VARCHAR, VARCHAR) column of rows from get, as
// strMap's builder does: each map's keys sorted, an empty map null when
// nullEmpty. A notice's field_sources, a dozen keys, went through three
// builders (map, key, item) an entry at a time.
func fillMaps[R any](typ *arrow.MapType, get func(*R) map[string]string, nullEmpty bool) func(memory.Allocator, []R) arrow.Array {
	return func(mem memory.Allocator, rows []R) arrow.Array {
		entries, keyBytes, itemBytes, nulls := 0, 0, 0, 0
		for i := range rows {
			m := get(&rows[i])
			if len(m) == 0 && nullEmpty {
				nulls++
			}
			for k, v := range m {
				entries++
				keyBytes += len(k)
				itemBytes += len(v)
			}
		}
		offsets := newBuffer(mem, arrow.Int32Traits.BytesRequired(len(rows)+1))
		offs := arrow.Int32Traits.CastFromBytes(offsets.Bytes())
		var valid *memory.Buffer
		if nulls > 0 {
			valid = newBuffer(mem, int(bitutil.BytesForBits(int64(len(rows)))))
		}
		keys := newStringsData(mem, entries, keyBytes, false)
		items := newStringsData(mem, entries, itemBytes, false)
		at := 0
		for i := range rows {
			offs[i] = int32(at)
			m := get(&rows[i])
			if len(m) == 0 && nullEmpty {
				continue
			}
			if valid != nil {
				bitutil.SetBit(valid.Bytes(), i)
			}
			var scratch [32]string // as strMap: sorted on the stack
			sorted := scratch[:0]
			for k := range m {
				sorted = append(sorted, k)
			}
			slices.Sort(sorted)
			for _, k := range sorted {
				keys.add(k, true)
				items.add(m[k], true)
			}
			at += len(sorted)
		}
		offs[len(rows)] = int32(at)
		kd, id := keys.finish(0), items.finish(0)
		pairs := array.NewData(typ.Elem(), entries, []*memory.Buffer{nil}, []arrow.ArrayData{kd, id}, 0, 0)
		kd.Release()
		id.Release()
		d := array.NewData(typ, len(rows), []*memory.Buffer{valid, offsets}, []arrow.ArrayData{pairs}, nulls, 0)
		pairs.Release()
		offsets.Release()
		if valid != nil {
			valid.Release()
		}
		defer d.Release()
		return array.NewMapData(d)
	}
}

// stringsData is a string array's buffers, sized up front, being filled
// value by value.
type stringsData struct {
	valid, offsets, values *memory.Buffer // valid nil: no nulls
	bits, data             []byte
	offs                   []int32
	n, at                  int
}

func newStringsData(mem memory.Allocator, n, size int, nullable bool) *stringsData {
	c := &stringsData{offsets: newBuffer(mem, arrow.Int32Traits.BytesRequired(n+1)), values: newBuffer(mem, size)}
	c.offs = arrow.Int32Traits.CastFromBytes(c.offsets.Bytes())
	c.data = c.values.Bytes()
	if nullable {
		c.valid = newBuffer(mem, int(bitutil.BytesForBits(int64(n))))
		c.bits = c.valid.Bytes()
	}
	return c
}

// newBuffer is a zeroed buffer of size bytes from mem.
func newBuffer(mem memory.Allocator, size int) *memory.Buffer {
	b := memory.NewResizableBuffer(mem)
	b.Resize(size)
	return b
}

// add appends v, or a null when !valid.
func (c *stringsData) add(v string, valid bool) {
	c.offs[c.n] = int32(c.at)
	c.at += copy(c.data[c.at:], v)
	if c.bits != nil && valid {
		bitutil.SetBit(c.bits, c.n)
	}
	c.n++
}

// finish is the array's data, of nulls nulls; the caller releases it.
func (c *stringsData) finish(nulls int) arrow.ArrayData {
	c.offs[c.n] = int32(c.at)
	bufs := []*memory.Buffer{c.valid, c.offsets, c.values}
	d := array.NewData(arrow.BinaryTypes.String, c.n, bufs, nil, nulls, 0)
	for _, b := range bufs {
		if b != nil {
			b.Release()
		}
	}
	return d
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
	}, reserve: reserveItems(get), fill: fillLists(get)}
}

// strMap is a MAP(VARCHAR, VARCHAR) column, its keys sorted so the output
// does not depend on Go's map order; an empty map is null when nullEmpty,
// else an empty map.
func strMap[R any](name, doc string, get func(*R) map[string]string, nullEmpty bool) Column[R] {
	typ := arrow.MapOf(arrow.BinaryTypes.String, arrow.BinaryTypes.String)
	return Column[R]{Name: name, Type: typ, Doc: doc, fill: fillMaps(typ, get, nullEmpty),
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
