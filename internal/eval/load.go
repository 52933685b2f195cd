package eval

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// evidenceColumns maps the notices table's evidence columns to the field
// name they are keyed by in Segment.Evidence.
var evidenceColumns = []struct{ column, field string }{
	{"organization_evidence", "organization"},
	{"cause_evidence", "cause"},
	{"affected_count_evidence", "affected_count"},
	{"discovered_evidence", "discovered_date"},
}

// LoadSegments reads every row of the notices table (or view) of db, ordered
// by source_path and segment_index.
//
// Dates are selected with strftime(col, '%Y-%m-%d') so they come back as
// strings. data_types, a DuckDB LIST of VARCHAR, is scanned as it is:
// duckdb-go hands a LIST to database/sql as []any (nil for a NULL list), and
// NULL or empty elements are dropped. NULL and empty strings become nil
// pointers. The evidence columns are optional: a table without them loads
// with no evidence; every other column named in Segment is required.
func LoadSegments(ctx context.Context, db *sql.DB) ([]Segment, error) {
	have, err := noticeColumns(ctx, db)
	if err != nil {
		return nil, err
	}
	required := []string{"source_path", "segment_index", "text", "is_incident", "case_id", "report_seq",
		"final_report", "organization", "published_date", "discovered_date", "occurred_date",
		"affected_count", "cause", "sector", "data_types"}
	for _, c := range required {
		if !have[c] {
			return nil, fmt.Errorf("eval: notices has no column %s", c)
		}
	}
	cols := []string{
		"source_path", "segment_index", "text", "is_incident", "case_id", "report_seq", "final_report",
		"organization",
		"strftime(published_date, '%Y-%m-%d')", "strftime(discovered_date, '%Y-%m-%d')",
		"strftime(occurred_date, '%Y-%m-%d')",
		"affected_count", "cause", "sector", "data_types",
	}
	for _, e := range evidenceColumns {
		if have[e.column] {
			cols = append(cols, e.column)
		} else {
			cols = append(cols, "NULL::VARCHAR")
		}
	}
	// extracted_values (a MAP) comes back as a JSON object: duckdb-go's
	// own map type is keyed by any.
	if have["extracted_values"] {
		cols = append(cols, "to_json(extracted_values)::VARCHAR")
	} else {
		cols = append(cols, "NULL::VARCHAR")
	}
	q := "SELECT " + strings.Join(cols, ", ") + " FROM notices ORDER BY source_path, segment_index"
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("eval: read notices: %w", err)
	}
	defer rows.Close()

	var out []Segment
	for rows.Next() {
		var (
			src, text, caseID, org, pub, disc, occ, cause, sector sql.NullString
			idx, seq, count                                       sql.NullInt64
			inc, final                                            sql.NullBool
			dataTypes                                             any
			evidence                                              = make([]sql.NullString, len(evidenceColumns))
			extracted                                             sql.NullString
		)
		dest := []any{&src, &idx, &text, &inc, &caseID, &seq, &final, &org, &pub, &disc, &occ,
			&count, &cause, &sector, &dataTypes}
		for i := range evidence {
			dest = append(dest, &evidence[i])
		}
		dest = append(dest, &extracted)
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("eval: read notices row %d: %w", len(out)+1, err)
		}
		s := Segment{
			SourcePath: src.String, SegmentIndex: int(idx.Int64), Text: text.String,
			IsIncident: inc.Bool, FinalReport: final.Bool,
			CaseID: nullString(caseID), ReportSeq: nullInt(seq), Organization: nullString(org),
			PublishedDate: nullString(pub), DiscoveredDate: nullString(disc), OccurredDate: nullString(occ),
			AffectedCount: nullInt(count), Cause: nullString(cause), Sector: nullString(sector),
		}
		s.DataTypes, err = stringList(dataTypes)
		if err != nil {
			return nil, fmt.Errorf("eval: notices %s #%d: data_types: %w", s.SourcePath, s.SegmentIndex, err)
		}
		for i, e := range evidenceColumns {
			if v := strings.TrimSpace(evidence[i].String); v != "" {
				if s.Evidence == nil {
					s.Evidence = map[string]string{}
				}
				s.Evidence[e.field] = v
			}
		}
		if extracted.Valid && extracted.String != "" {
			if err := json.Unmarshal([]byte(extracted.String), &s.Extracted); err != nil {
				return nil, fmt.Errorf("eval: notices %s #%d: extracted_values: %w", s.SourcePath, s.SegmentIndex, err)
			}
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("eval: read notices: %w", err)
	}
	return out, nil
}

func noticeColumns(ctx context.Context, db *sql.DB) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, "SELECT * FROM notices LIMIT 0")
	if err != nil {
		return nil, fmt.Errorf("eval: read notices: %w", err)
	}
	defer rows.Close()
	names, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("eval: read notices: %w", err)
	}
	have := make(map[string]bool, len(names))
	for _, n := range names {
		have[strings.ToLower(n)] = true
	}
	return have, rows.Err()
}

func nullString(s sql.NullString) *string {
	if !s.Valid || strings.TrimSpace(s.String) == "" {
		return nil
	}
	v := s.String
	return &v
}

func nullInt(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

// stringList turns a scanned LIST of VARCHAR into its non-empty strings.
func stringList(v any) ([]string, error) {
	switch l := v.(type) {
	case nil:
		return nil, nil
	case []string:
		return l, nil
	case []any:
		var out []string
		for _, e := range l {
			switch s := e.(type) {
			case nil:
			case string:
				if strings.TrimSpace(s) != "" {
					out = append(out, s)
				}
			default:
				return nil, fmt.Errorf("element %v is %T, not a string", e, e)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("%T is not a list", v)
}
