package eval

import (
	"strconv"
	"strings"
)

// Uncorrected returns segs as the extractor gave them: every field an
// analyst corrected (Segment.Extracted) set back to its extracted value.
// It also returns how many fields and notices it set back; segs is not
// modified.
func Uncorrected(segs []Segment) (own []Segment, fields, notices int) {
	for _, s := range segs {
		if len(s.Extracted) > 0 {
			notices++
			fields += len(s.Extracted)
		}
	}
	if notices == 0 {
		return segs, 0, 0
	}
	own = make([]Segment, len(segs))
	for i, s := range segs {
		for f, v := range s.Extracted {
			revert(&s, f, v)
		}
		s.Extracted = nil
		own[i] = s
	}
	return own, fields, notices
}

// revert sets field of s to v, a value in the text form of a correction
// ("" for none; data types joined by ";"). Fields eval does not score are
// left alone.
func revert(s *Segment, field, v string) {
	str := func() *string {
		if v == "" {
			return nil
		}
		return &v
	}
	num := func() *int64 {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil
		}
		return &n
	}
	switch field {
	case "is_incident":
		s.IsIncident = v == "true"
	case "final_report":
		s.FinalReport = v == "true"
	case "case_id":
		s.CaseID = str()
	case "report_seq":
		s.ReportSeq = num()
	case "organization":
		s.Organization = str()
	case "published_date":
		s.PublishedDate = str()
	case "discovered_date":
		s.DiscoveredDate = str()
	case "occurred_date":
		s.OccurredDate = str()
	case "affected_count":
		s.AffectedCount = num()
	case "cause":
		s.Cause = str()
	case "sector":
		s.Sector = str()
	case "data_types":
		s.DataTypes = nil
		if v != "" {
			s.DataTypes = strings.Split(v, ";")
		}
	}
}
