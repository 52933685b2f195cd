// Package review builds the review sheet: the extracted fields most likely
// wrong first, each with its value, how it was found, why it is suspect,
// its evidence and where in the text to look, and empty corrected_value
// and note columns. The filled sheet is a corrections file as it is (see
// stages/correct).
//
// A field is suspect for one or more reasons, each with a weight; a field's
// rank is its largest weight, the reasons are all listed. The weights order
// what an analyst should look at first: values that are certainly wrong
// (a negative delay: a misread date), values the text states but the run
// missed, weak routes (a fallback rule), disagreements between the reports
// of one incident, and values that are possible but unusual. Fields an
// analyst already corrected are never listed.
package review

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Item is one row of the review sheet: one field of one notice.
type Item struct {
	Rank           int
	NoticeID       string
	SourcePath     string
	SegmentIndex   int
	Field          string
	ExtractedValue string
	FieldSource    string
	Reason         string
	Weight         int
	Evidence       string
	Locator        string // source_path#segment:char-offset of the evidence in notices.text
}

// Reasons a field is suspect, with their weights (higher: look first).
var reasons = []struct {
	field, reason string
	weight        int
	where         string // SQL condition over notices n (and its incident's reports, agg)
}{
	{"published_date", "delay is negative: a date is misread", 95, "n.disclosure_delay_days < 0"},
	{"discovered_date", "delay is negative: a date is misread", 95, "n.disclosure_delay_days < 0"},
	{"organization", "missing: the notice is long enough to name it", 90, "coalesce(n.organization, '') = '' AND length(n.text) >= 200"},
	{"cause", "unknown cause: the text states none the rules know", 85, "coalesce(n.cause, 'unknown') = 'unknown'"},
	{"cause", "unknown cause, but another report of this incident states one", 88, "coalesce(n.cause, 'unknown') = 'unknown' AND agg.causes > 0"},
	{"published_date", "missing, though the timeline holds a publication date", 82, "n.published_date IS NULL AND " + hasEvent("published")},
	{"discovered_date", "missing, though the timeline holds a discovery", 78, "n.discovered_date IS NULL AND " + hasEvent("discovered")},
	{"occurred_date", "missing, though the timeline holds the incident's date", 76, "n.occurred_date IS NULL AND " + hasEvent("occurred")},
	{"published_date", "missing: the notice is long enough to be dated", 50, "n.published_date IS NULL AND length(n.text) >= 200"},
	{"published_date", "delay over a year", 75, "n.disclosure_delay_days > 365"},
	{"discovered_date", "delay over a year", 75, "n.disclosure_delay_days > 365"},
	{"affected_count", "missing: the text states a number of people or records", 70,
		"n.affected_count IS NULL AND regexp_matches(n.text, '[0-9][0-9,]*\\s*(名|人|件|名様|世帯)')"},
	{"cause", "the reports of this incident disagree on the cause", 70, "agg.causes > 1"},
	{"organization", "the reports of this incident name other organizations", 65, "agg.orgs > 1"},
	{"affected_count", "larger than any other count in the corpus", 60, "n.affected_count = (SELECT max(affected_count) FROM notices WHERE is_incident) AND n.affected_count >= 2 * coalesce((SELECT max(affected_count) FROM notices WHERE is_incident AND affected_count < n.affected_count), 0)"},
	{"discovered_date", "weak: no discovery stated, the day the organization answered it", 55, "n.field_sources['discovered_date'] = 'rule:same_day_response'"},
	{"discovered_date", "missing: the notice is long enough to say when it was found", 45, "n.discovered_date IS NULL AND length(n.text) >= 400"},
	{"sector", "weak: read from words of the text, not the name", 40, "n.field_sources['sector'] = 'text_rule'"},
	{"sector", "weak: the gazetteer's default for the company's industry", 40, "n.field_sources['sector'] = 'gazetteer_weak'"},
	{"sector", "missing", 35, "n.sector IS NULL"},
	{"data_types", "none found in a long notice", 30, "len(coalesce(n.data_types, [])) = 0 AND length(n.text) >= 400"},
}

// hasEvent is the SQL condition that the notice's timeline holds an event
// of kind.
func hasEvent(kind string) string {
	return "EXISTS (SELECT 1 FROM timeline t WHERE t.notice_id = n.notice_id AND t.kind = " + quote(kind) + ")"
}

// evidenceOf maps a field to the column of its evidence sentence.
var evidenceOf = map[string]string{
	"organization": "organization_evidence", "cause": "cause_evidence", "affected_count": "affected_count_evidence",
	"discovered_date": "discovered_evidence", "published_date": "published_evidence", "occurred_date": "occurred_evidence",
}

// eventEvidence is the sentence of the first timeline event of a kind,
// the evidence of a date that is missing though the timeline has it.
var eventEvidence = map[string]string{"published_date": "published", "discovered_date": "discovered", "occurred_date": "occurred"}

// valueOf is a field's value as text, as a correction writes it.
func valueOf(field string) string {
	switch field {
	case "published_date", "discovered_date", "occurred_date":
		return "strftime(n." + field + ", '%Y-%m-%d')"
	case "affected_count":
		return "CAST(n.affected_count AS VARCHAR)"
	case "data_types":
		return "array_to_string(n.data_types, ';')"
	}
	return "CAST(n." + field + " AS VARCHAR)"
}

// Query returns the SQL of the review sheet's rows, best first.
func Query() string {
	var cands []string
	for _, r := range reasons {
		cands = append(cands, fmt.Sprintf("SELECT n.notice_id, %s AS field, %d AS weight, %s AS reason FROM n LEFT JOIN agg USING (incident_id) WHERE %s",
			quote(r.field), r.weight, quote(r.reason), r.where))
	}
	fields := slices.Sorted(func(yield func(string) bool) {
		seen := map[string]bool{}
		for _, r := range reasons {
			if !seen[r.field] {
				seen[r.field] = true
				if !yield(r.field) {
					return
				}
			}
		}
	})
	var values, evidence []string
	for _, f := range fields {
		values = append(values, fmt.Sprintf("WHEN %s THEN %s", quote(f), valueOf(f)))
		if col, ok := evidenceOf[f]; ok {
			ev := fmt.Sprintf("CAST(n.%s AS VARCHAR)", col)
			if kind, ok := eventEvidence[f]; ok {
				ev = fmt.Sprintf("coalesce(%s, (SELECT t.sentence FROM timeline t WHERE t.notice_id = n.notice_id AND t.kind = %s ORDER BY t.seq LIMIT 1))", ev, quote(kind))
			}
			evidence = append(evidence, "WHEN "+quote(f)+" THEN "+ev)
		}
	}
	return `WITH n AS (SELECT * FROM notices WHERE is_incident),
agg AS (SELECT incident_id, count(DISTINCT nullif(cause, 'unknown')) AS causes,
	count(DISTINCT organization_key) AS orgs FROM notices WHERE is_incident AND incident_id IS NOT NULL GROUP BY 1),
cand AS (` + strings.Join(cands, "\nUNION ALL ") + `),
best AS (SELECT notice_id, field, max(weight) AS weight, string_agg(reason, '; ' ORDER BY weight DESC) AS reason
	FROM cand GROUP BY 1, 2)
SELECT b.notice_id, n.source_path, n.segment_index, b.field,
	coalesce(CASE b.field ` + strings.Join(values, " ") + ` END, '') AS extracted_value,
	coalesce(n.field_sources[b.field], '') AS field_source, b.reason, b.weight,
	coalesce(CASE b.field ` + strings.Join(evidence, " ") + ` END, '') AS evidence,
	n.text
FROM best b JOIN n USING (notice_id)
WHERE coalesce(n.field_sources[b.field], '') <> 'corrected'
ORDER BY b.weight DESC, n.source_path, n.segment_index, b.field`
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// openingRunes is how much of the text stands in for the evidence of a
// field with none (a missing value): the opening, where a notice names
// itself.
const openingRunes = 160

// Build reads the review items from db (a run's tables), at most limit of
// them (0: all), ranked 1, 2, ….
func Build(ctx context.Context, db *sql.DB, limit int) ([]Item, error) {
	rows, err := db.QueryContext(ctx, Query())
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	defer rows.Close()
	var out []Item
	for rows.Next() && (limit <= 0 || len(out) < limit) {
		var it Item
		var text string
		if err := rows.Scan(&it.NoticeID, &it.SourcePath, &it.SegmentIndex, &it.Field, &it.ExtractedValue,
			&it.FieldSource, &it.Reason, &it.Weight, &it.Evidence, &text); err != nil {
			return nil, fmt.Errorf("review: row %d: %w", len(out)+1, err)
		}
		it.Rank = len(out) + 1
		offset := 0
		if it.Evidence != "" {
			if i := strings.Index(text, it.Evidence); i >= 0 {
				offset = len([]rune(text[:i]))
			}
		} else {
			it.Evidence = opening(text)
		}
		it.Locator = fmt.Sprintf("%s#%d:%d", it.SourcePath, it.SegmentIndex, offset)
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	return out, nil
}

// opening is the first openingRunes of text on one line.
func opening(text string) string {
	s := strings.Join(strings.Fields(text), " ")
	if r := []rune(s); len(r) > openingRunes {
		return string(r[:openingRunes]) + "…"
	}
	return s
}
