package duck

import (
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// Formats the query command prints.
var Formats = []string{"table", "csv", "json"}

// Print runs the rows out in format: an aligned table, CSV with a header,
// or JSON (one array of objects).
func Print(w io.Writer, rows *sql.Rows, format string) error {
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var (
		tw      *tabwriter.Writer
		cw      *csv.Writer
		objects []map[string]any
	)
	switch format {
	case "table":
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(cols, "\t"))
	case "csv":
		cw = csv.NewWriter(w)
		if err := cw.Write(cols); err != nil {
			return err
		}
	case "json":
		objects = []map[string]any{}
	default:
		return fmt.Errorf("format %q: want one of %s", format, strings.Join(Formats, ", "))
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		switch format {
		case "table":
			cells := make([]string, len(vals))
			for i, v := range vals {
				cells[i] = strings.NewReplacer("\t", " ", "\n", " ").Replace(cell(v))
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		case "csv":
			cells := make([]string, len(vals))
			for i, v := range vals {
				cells[i] = cell(v)
			}
			if err := cw.Write(cells); err != nil {
				return err
			}
		case "json":
			o := make(map[string]any, len(cols))
			for i, c := range cols {
				o[c] = jsonValue(vals[i])
			}
			objects = append(objects, o)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	switch format {
	case "table":
		return tw.Flush()
	case "csv":
		cw.Flush()
		return cw.Error()
	default:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(objects)
	}
}

// cell renders one value as text: NULL as empty, dates as YYYY-MM-DD,
// lists as [a, b].
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format(time.DateOnly)
		}
		return x.Format(time.RFC3339)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []byte:
		return string(x)
	case float64:
		return fmt.Sprintf("%g", x)
	default:
		return fmt.Sprint(x)
	}
}

func jsonValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return cell(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case []byte:
		return string(x)
	default:
		return v
	}
}
