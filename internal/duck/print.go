package duck

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math"
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

// text renders a non-NULL value as one cell: dates as YYYY-MM-DD,
// timestamps as RFC 3339, lists, structs and maps as JSON.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case time.Time:
		return timeText(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case []any, map[string]any, duckdb.Map, duckdb.OrderedMap:
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
