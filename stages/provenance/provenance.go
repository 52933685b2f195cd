// Package provenance records how each extracted field of a notice was
// found (Notice.FieldSources) and the sentences of the dates that have no
// evidence column of their own, from what the extractor's output and its
// input already tell: the blog header, the loader's published date, the
// timeline's events. It changes no extracted value.
//
// The sources are families, not single rules: header (the blog header
// states it), loader:jsonl (a JSON Lines record gave it), rule:<family>
// (the extractor's rules of that field), rule:timeline (a dated event of
// the text), rule:same_day_response (no discovery date: the day the
// organization answered the incident, a fallback). enrich records its own
// decisions before this runs (the sector's route, a regulator's
// supervised body, default:unknown for a cause never stated), and they
// are kept.
package provenance

import (
	"unicode"

	"github.com/breachtrend/breachtrend/schemas"
)

// Origin is what the extractor was given besides the text: the blog
// header after its bracket and a published date from the loader.
type Origin struct {
	HeaderRest string // "" when the segment has no blog header
	Published  string // YYYY-MM-DD from a JSON Lines record, or ""
}

// Record fills n.FieldSources for every field of n that holds a value and
// has no source yet, and the evidence of the published, occurred and
// reported dates when a timeline event states them.
func Record(n *schemas.Notice, o Origin) {
	set := func(field, source string) {
		if n.FieldSources == nil {
			n.FieldSources = map[string]string{}
		}
		if _, ok := n.FieldSources[field]; !ok {
			n.FieldSources[field] = source
		}
	}
	set("is_incident", "rule:is_notice")
	if n.CaseID != "" {
		set("case_id", "header")
	}
	if n.ReportSeq != nil {
		set("report_seq", "rule:report_number")
	}
	if n.FinalReport {
		set("final_report", "rule:report_number")
	}
	if n.Organization != "" {
		// The extractor gives the header itself as the evidence of a name
		// it read there.
		if o.HeaderRest != "" && n.OrganizationEvidence == o.HeaderRest {
			set("organization", "header")
		} else {
			set("organization", "rule:organization")
		}
	}
	if n.Contractor != "" {
		set("contractor", "rule:contractor")
	}
	if d := n.PublishedDate; !d.IsZero() {
		ev, found := sentenceOf(n.Events, schemas.EventPublished, d)
		switch {
		case o.HeaderRest != "" && statesDay(o.HeaderRest, d):
			set("published_date", "header")
		case o.Published != "" && o.Published == d.String():
			set("published_date", "loader:jsonl")
		case found:
			set("published_date", "rule:published_date")
			setEvidence(&n.PublishedEvidence, ev)
		default:
			set("published_date", "rule:published_date")
		}
	}
	if d := n.DiscoveredDate; !d.IsZero() {
		if _, ok := sentenceOf(n.Events, schemas.EventDiscovered, d); ok {
			set("discovered_date", "rule:timeline")
		} else {
			set("discovered_date", "rule:same_day_response")
		}
	}
	if d := n.OccurredDate; !d.IsZero() {
		set("occurred_date", "rule:timeline")
		if ev, ok := sentenceOf(n.Events, schemas.EventOccurred, d); ok {
			setEvidence(&n.OccurredEvidence, ev)
		}
	}
	if d := n.ReportedDate; !d.IsZero() {
		set("reported_date", "rule:timeline")
		if ev, ok := sentenceOf(n.Events, schemas.EventReported, d); ok {
			setEvidence(&n.ReportedEvidence, ev)
		}
	}
	if n.AffectedCount != nil {
		set("affected_count", "rule:count")
		if n.AffectedApprox {
			set("affected_approx", "rule:count")
		}
	}
	if len(n.DataTypes) > 0 {
		set("data_types", "rule:data_types")
	}
	if n.Cause == "unknown" && n.CauseEvidence == "" {
		set("cause", "default:unknown") // no sentence states a cause
	} else if n.Cause != "" {
		set("cause", "rule:cause")
	}
	if n.Sector != "" {
		set("sector", "rule:sector")
	}
}

func setEvidence(dst *string, s string) {
	if *dst == "" {
		*dst = s
	}
}

// sentenceOf is the sentence of the first event of kind on day d.
func sentenceOf(events []schemas.Event, kind string, d schemas.Date) (string, bool) {
	for _, e := range events {
		if e.Kind == kind && e.Date == d {
			return e.Sentence, true
		}
	}
	return "", false
}

// statesDay reports whether s writes day d as three numbers in a row:
// year (Western, 令和 or 平成), month, day — 「2023 年 7 月 7 日」, 「2023/7/7」.
func statesDay(s string, d schemas.Date) bool {
	nums := numbers(s)
	y, m, day := d.Year(), d.Month(), d.Time().Day()
	for i := 0; i+2 < len(nums); i++ {
		if (nums[i] == y || nums[i] == y-2018 || nums[i] == y-1988) && nums[i+1] == m && nums[i+2] == day {
			return true
		}
	}
	return false
}

// numbers are the runs of digits of s (any script's digits) as numbers.
func numbers(s string) []int {
	var out []int
	n, in := 0, false
	for _, r := range s {
		if unicode.IsDigit(r) {
			v := int(r - '0')
			if r > unicode.MaxASCII {
				v = int(unicode.ToLower(r)-'０') % 10 // full-width digits
			}
			if n < 1e6 {
				n = n*10 + v
			}
			in = true
			continue
		}
		if in {
			out = append(out, n)
			n, in = 0, false
		}
	}
	if in {
		out = append(out, n)
	}
	return out
}
