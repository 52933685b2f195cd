package correct

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/enrich"
)

// Len is the number of valid corrections.
func (s *Set) Len() int { return len(s.rows) }

// Apply applies every correction that names n (by notice_id, by
// source_path and segment_index, or by case_id), in file order, so a later
// row wins. A pair (same_incident, not_same_incident) is only counted here;
// Pairs hands it to the linker. It reports whether n changed.
func (s *Set) Apply(n *schemas.Notice) bool {
	if s == nil || len(s.rows) == 0 {
		return false
	}
	var rows []*row
	rows = append(rows, s.byID[n.NoticeID]...)
	rows = append(rows, s.byPlace[place(n.SourcePath, n.SegmentIndex)]...)
	if n.CaseID != "" {
		rows = append(rows, s.byCase[n.CaseID]...)
	}
	if len(rows) == 0 {
		return false
	}
	slices.SortStableFunc(rows, func(a, b *row) int { return int(a.line - b.line) })
	changed := false
	for _, c := range rows {
		c.matched++
		how := "by notice_id"
		switch {
		case c.noticeID != "":
		case c.sourcePath != "":
			how = "by source_path and segment_index"
		default:
			how = "by case_id " + c.caseID
		}
		if !isPair(c.field) {
			old := fieldText(n, c.field)
			set(n, c, filepath.Base(s.File))
			if n.ExtractedValues == nil {
				n.ExtractedValues = map[string]string{}
			}
			if _, again := n.ExtractedValues[c.field]; !again {
				n.ExtractedValues[c.field] = old
			}
			if n.FieldSources == nil {
				n.FieldSources = map[string]string{}
			}
			n.FieldSources[c.field] = schemas.SourceCorrected
			how += fmt.Sprintf("; was %q", old)
			changed = true
		}
		s.out = append(s.out, schemas.Correction{File: s.File, Line: c.line, NoticeID: n.NoticeID, Field: c.field,
			Value: c.raw, Status: schemas.CorrectionApplied, Detail: how, Note: c.note, Author: c.author})
	}
	if changed {
		rederive(n)
	}
	return changed
}

// evidence is the corrected field's evidence: the analyst's note, where
// it came from.
func (c *row) evidence(file string) string {
	who := fmt.Sprintf("%s:%d", file, c.line)
	if c.author != "" {
		who += ", " + c.author
	}
	if c.date != "" {
		who += ", " + c.date
	}
	if c.note == "" {
		return "corrected (" + who + ")"
	}
	return c.note + " (corrected: " + who + ")"
}

// set writes c's value into its field of n, and the note into the field's
// evidence column when it has one.
func set(n *schemas.Notice, c *row, file string) {
	v := c.value
	var ev *string
	switch c.field {
	case "organization":
		n.Organization, ev = v.text, &n.OrganizationEvidence
	case "contractor":
		n.Contractor = v.text
	case "published_date":
		n.PublishedDate, ev = v.date, &n.PublishedEvidence
	case "discovered_date":
		n.DiscoveredDate, ev = v.date, &n.DiscoveredEvidence
	case "occurred_date":
		n.OccurredDate, ev = v.date, &n.OccurredEvidence
	case "reported_date":
		n.ReportedDate, ev = v.date, &n.ReportedEvidence
	case "affected_count":
		n.AffectedCount, ev = nil, &n.CountEvidence
		if !v.null {
			x := v.num
			n.AffectedCount = &x
		}
	case "report_seq":
		n.ReportSeq = nil
		if !v.null {
			x := int32(v.num)
			n.ReportSeq = &x
		}
	case "affected_approx":
		n.AffectedApprox = v.flag
	case "final_report":
		n.FinalReport = v.flag
	case "is_incident":
		n.IsIncident = v.flag
	case "cause":
		n.Cause, ev = v.text, &n.CauseEvidence
	case "sector":
		n.Sector = v.text
	case "data_types":
		n.DataTypes = slices.Clone(v.items)
	case "case_id":
		n.CaseID = v.text
	default:
		panic("correct: no setter for field " + c.field)
	}
	if ev != nil {
		*ev = ""
		if !v.null {
			*ev = c.evidence(file)
		}
	}
}

// rederive recomputes the fields derived from corrected ones: the
// organization key, the cause's VERIS action and TSR category, the
// disclosure delay. (The sector is not read again from a corrected
// organization: correct the sector too.)
func rederive(n *schemas.Notice) {
	n.OrganizationKey = enrich.OrgKey(n.Organization)
	n.VerisAction, n.TSRCategory = "", ""
	if c, ok := schemas.CauseByName(n.Cause); ok {
		n.VerisAction, n.TSRCategory = c.Veris, c.TSR
	}
	n.DisclosureDelayDays = nil
	if !n.PublishedDate.IsZero() && !n.DiscoveredDate.IsZero() {
		d := n.PublishedDate.Sub(n.DiscoveredDate)
		n.DisclosureDelayDays = &d
	}
}

// fieldText is the value of field in n in the text form a correction
// uses: days YYYY-MM-DD, data types joined by ";", "" for none.
func fieldText(n *schemas.Notice, field string) string {
	switch field {
	case "organization":
		return n.Organization
	case "contractor":
		return n.Contractor
	case "published_date":
		return n.PublishedDate.String()
	case "discovered_date":
		return n.DiscoveredDate.String()
	case "occurred_date":
		return n.OccurredDate.String()
	case "reported_date":
		return n.ReportedDate.String()
	case "affected_count":
		if n.AffectedCount == nil {
			return ""
		}
		return strconv.FormatInt(*n.AffectedCount, 10)
	case "report_seq":
		if n.ReportSeq == nil {
			return ""
		}
		return strconv.Itoa(int(*n.ReportSeq))
	case "affected_approx":
		return strconv.FormatBool(n.AffectedApprox)
	case "final_report":
		return strconv.FormatBool(n.FinalReport)
	case "is_incident":
		return strconv.FormatBool(n.IsIncident)
	case "cause":
		return n.Cause
	case "sector":
		return n.Sector
	case "data_types":
		return strings.Join(n.DataTypes, ";")
	case "case_id":
		return n.CaseID
	}
	return ""
}

// Pairs returns the same_incident and not_same_incident corrections as
// pairs of notice ids, for the linker (link.Linker.Override).
func (s *Set) Pairs() (same, apart [][2]string) {
	if s == nil {
		return nil, nil
	}
	for _, c := range s.rows {
		switch c.field {
		case FieldSameIncident:
			same = append(same, [2]string{c.noticeID, c.value.text})
		case FieldNotSameIncident:
			apart = append(apart, [2]string{c.noticeID, c.value.text})
		}
	}
	return same, apart
}

// Rows is the corrections table, once every notice has been through
// Apply: applied rows, invalid rows and orphaned rows, by line. seen
// reports whether a notice id was in the run (for the second notice of a
// pair); nil counts every pair partner as seen.
func (s *Set) Rows(seen func(noticeID string) bool) []schemas.Correction {
	if s == nil {
		return nil
	}
	out := slices.Clone(s.invalid)
	for _, c := range s.out {
		if isPair(c.Field) && seen != nil && !seen(c.Value) {
			c.Status = schemas.CorrectionOrphaned
			c.Detail = "the second notice " + c.Value + " is not in this run"
		}
		out = append(out, c)
	}
	for _, c := range s.rows {
		if c.matched > 0 {
			continue
		}
		out = append(out, schemas.Correction{File: s.File, Line: c.line, NoticeID: c.noticeID, Field: c.field,
			Value: c.raw, Status: schemas.CorrectionOrphaned, Detail: "no notice of this run matches " + c.selector(),
			Note: c.note, Author: c.author})
	}
	slices.SortStableFunc(out, func(a, b schemas.Correction) int { return int(a.Line - b.Line) })
	return out
}

// selector says how c names its notice.
func (c *row) selector() string {
	switch {
	case c.noticeID != "":
		return "notice_id " + c.noticeID
	case c.sourcePath != "":
		return fmt.Sprintf("source_path %s segment_index %d", c.sourcePath, c.segmentIndex)
	}
	return "case_id " + c.caseID
}

// Rejects are the invalid rows as rejects rows naming file and line.
func (s *Set) Rejects() []schemas.Reject {
	if s == nil {
		return nil
	}
	return s.rejects
}
