package duck

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Formats the query command prints.
var Formats = []string{"table", "csv", "json"}

// PrintOptions say how Print renders a result.
type PrintOptions struct {
	// Format is one of Formats.
	Format string
	// Null is how csv and table write a NULL; an empty string value is
	// then written "" in csv, so the two differ.
	Null string
	// CSVRaw writes text cells as they are. By default a csv text cell
	// starting with = + - @, a tab or a carriage return gets a leading ',
	// so a spreadsheet does not run it as a formula.
	CSVRaw bool
}

// Print writes rows to w in opts.Format: an aligned table for a terminal
// (padded by display width, control characters replaced), CSV with a
// header, or one JSON array of objects whose keys keep the column order.
// Lists, structs and maps are JSON in every format.
func Print(w io.Writer, rows *sql.Rows, opts PrintOptions) error {
	var p rowPrinter
	switch opts.Format {
	case "table":
		p = &tablePrinter{w: w, null: opts.Null}
	case "csv":
		p = &csvPrinter{w: w, null: opts.Null, raw: opts.CSVRaw}
	case "json":
		p = &jsonPrinter{w: w}
	default:
		return fmt.Errorf("format %q: want one of %s", opts.Format, strings.Join(Formats, ", "))
	}
	return printRows(rows, p)
}

// printRows writes the header and rows of rows with p.
func printRows(rows *sql.Rows, p rowPrinter) error {
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	types, err := rows.ColumnTypes()
	if err != nil {
		return err
	}
	if err := p.header(cols); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range vals {
			vals[i] = byType(v, types[i].DatabaseTypeName())
		}
		if err := p.row(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return p.end()
}

// rowPrinter writes one format: the header, each row, then the end.
type rowPrinter interface {
	header(cols []string) error
	row(vals []any) error
	end() error
}

// byType renders the values whose Go type does not say what they are as
// DuckDB prints them: a UUID (16 bytes) as 8-4-4-4-12 hex, a BLOB with \xHH
// for bytes that are not printable ASCII, a DATE as YYYY-MM-DD, a TIME
// without a date, a TIMESTAMP in RFC 3339 (even at midnight), an INTERVAL
// as "1 month 2 days 03:04:05".
func byType(v any, dbType string) any {
	switch x := v.(type) {
	case []byte:
		if dbType == "UUID" && len(x) == 16 {
			return rendered(fmt.Sprintf("%x-%x-%x-%x-%x", x[0:4], x[4:6], x[6:8], x[8:10], x[10:16]))
		}
		return blobText(x)
	case time.Time:
		switch dbType {
		case "DATE":
			return rendered(x.Format(time.DateOnly))
		case "TIME", "TIMETZ":
			return rendered(x.Format("15:04:05.999999"))
		}
		return rendered(x.Format(time.RFC3339Nano))
	case duckdb.Interval:
		return rendered(intervalText(x))
	}
	return v
}

// rendered is a value of a non-text column already written as text: CSV
// does not neutralise it (a negative interval is not a formula).
type rendered string

func blobText(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		if c >= 0x20 && c < 0x7f && c != '\\' {
			sb.WriteByte(c)
		} else {
			fmt.Fprintf(&sb, "\\x%02X", c)
		}
	}
	return sb.String()
}

func intervalText(iv duckdb.Interval) string {
	var parts []string
	unit := func(n int64, name string) {
		if n == 1 || n == -1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, name))
		} else if n != 0 {
			parts = append(parts, fmt.Sprintf("%d %ss", n, name))
		}
	}
	unit(int64(iv.Months/12), "year")
	unit(int64(iv.Months%12), "month")
	unit(int64(iv.Days), "day")
	if iv.Micros != 0 || len(parts) == 0 {
		d := time.Duration(iv.Micros) * time.Microsecond
		sign := ""
		if d < 0 {
			sign, d = "-", -d
		}
		clock := fmt.Sprintf("%s%02d:%02d:%02d", sign, int64(d/time.Hour), int64(d/time.Minute%60), int64(d/time.Second%60))
		if frac := d % time.Second; frac != 0 {
			clock += strings.TrimRight(fmt.Sprintf(".%06d", frac/time.Microsecond), "0")
		}
		parts = append(parts, clock)
	}
	return strings.Join(parts, " ")
}

// text renders a non-NULL value as one cell: dates as YYYY-MM-DD,
// timestamps as RFC 3339, lists, structs and maps as JSON.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case rendered:
		return string(x)
	case []byte:
		return string(x)
	case time.Time:
		return timeText(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case []any, map[string]any, duckdb.Map, duckdb.OrderedMap, orderedObject:
		b, err := jsonText(jsonValue(x))
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	default:
		return fmt.Sprint(x)
	}
}

func timeText(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339Nano)
}

// jsonValue turns a scanned value into one encoding/json writes as the
// matching JSON: dates as strings, maps with text keys, NaN and infinities
// (which JSON lacks) as strings, decimals as numbers.
func jsonValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return timeText(x)
	case rendered:
		return string(x)
	case []byte:
		return string(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return text(x)
		}
		return x
	case float32:
		return jsonValue(float64(x))
	case duckdb.Decimal:
		return json.Number(x.String())
	case *big.Int:
		return json.Number(x.String())
	case duckdb.Interval:
		return intervalText(x)
	case duckdb.OrderedMap:
		keys, vals := x.Keys(), x.Values()
		obj := orderedObject{keys: make([]string, len(keys)), vals: make([]any, len(vals))}
		for i := range keys {
			obj.keys[i] = text(keys[i])
			obj.vals[i] = jsonValue(vals[i])
		}
		return obj
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case duckdb.Map:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[text(k)] = jsonValue(e)
		}
		return out
	case nil, bool, string, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return x
	case fmt.Stringer:
		return x.String()
	default:
		return v
	}
}

// orderedObject is a JSON object whose keys keep their order (a MAP's).
type orderedObject struct {
	keys []string
	vals []any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := jsonText(k)
		if err != nil {
			return nil, err
		}
		vb, err := jsonText(o.vals[i])
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// jsonText encodes v without escaping <, > and & (the output is not HTML).
func jsonText(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// isText reports whether a scanned value is a text column's.
func isText(v any) bool {
	switch v.(type) {
	case string, []byte:
		return true
	}
	return false
}
