package correct

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/schemas"
)

// The fields a correction may set, beyond the notice fields of the same
// name: two notices are (not) reports of one incident.
const (
	FieldSameIncident    = "same_incident"
	FieldNotSameIncident = "not_same_incident"
)

// Null is the value that clears a field: the text does not state it.
const Null = "null"

// kind is how a field's value is written and checked.
type kind int

const (
	kindText kind = iota
	kindDate
	kindCount
	kindSeq
	kindBool
	kindCause
	kindSector
	kindDataTypes
	kindCaseID
	kindNoticeID
)

// Fields lists every field a correction may name, with its kind.
var fields = map[string]kind{
	"organization": kindText, "contractor": kindText,
	"published_date": kindDate, "discovered_date": kindDate, "occurred_date": kindDate, "reported_date": kindDate,
	"affected_count": kindCount, "report_seq": kindSeq,
	"affected_approx": kindBool, "final_report": kindBool, "is_incident": kindBool,
	"cause": kindCause, "sector": kindSector, "data_types": kindDataTypes, "case_id": kindCaseID,
	FieldSameIncident: kindNoticeID, FieldNotSameIncident: kindNoticeID,
}

// Fields returns the names of the fields a correction may set, sorted.
func Fields() []string {
	out := make([]string, 0, len(fields))
	for f := range fields {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// value is a parsed correction value; null clears the field.
type value struct {
	null  bool
	text  string
	date  schemas.Date
	num   int64
	flag  bool
	items []string
}

var (
	caseIDRE   = regexp.MustCompile(`^\d{4}-\d{1,4}$`)
	noticeIDRE = regexp.MustCompile(`^[0-9a-f]{20}$`)
	dateRE     = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
)

// parseValue checks raw against field's type and vocabulary.
func parseValue(field, raw string) (value, error) {
	k, ok := fields[field]
	if !ok {
		if field == "" {
			return value{}, fmt.Errorf("no field named")
		}
		return value{}, fmt.Errorf("unknown field %q (want one of %s)", field, strings.Join(Fields(), ", "))
	}
	if strings.EqualFold(raw, Null) {
		switch k {
		case kindBool, kindNoticeID:
			return value{}, fmt.Errorf("%s cannot be null", field)
		}
		return value{null: true}, nil
	}
	switch k {
	case kindText:
		if strings.ContainsAny(raw, "\n\r\t") || utf8.RuneCountInString(raw) > 200 {
			return value{}, fmt.Errorf("%q: want one line of at most 200 characters", raw)
		}
		return value{text: raw}, nil
	case kindDate:
		// Excel rewrites 2023-08-08 as 2023/8/8: both are days.
		m := dateRE.FindStringSubmatch(raw)
		if m == nil {
			return value{}, fmt.Errorf("%q: want a day YYYY-MM-DD", raw)
		}
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		day, ok := schemas.NewDate(y, mo, d)
		if !ok {
			return value{}, fmt.Errorf("%q is not a day", raw)
		}
		return value{date: day}, nil
	case kindCount, kindSeq:
		n, err := strconv.ParseInt(strings.ReplaceAll(raw, ",", ""), 10, 64)
		if err != nil || n < 0 || k == kindSeq && (n < 1 || n > 1000) {
			if k == kindSeq {
				return value{}, fmt.Errorf("%q: want a report number from 1", raw)
			}
			return value{}, fmt.Errorf("%q: want a whole number from 0", raw)
		}
		return value{num: n}, nil
	case kindBool:
		switch strings.ToLower(raw) {
		case "true", "yes", "1", "t", "y":
			return value{flag: true}, nil
		case "false", "no", "0", "f", "n":
			return value{flag: false}, nil
		}
		return value{}, fmt.Errorf("%q: want true or false", raw)
	case kindCause:
		if _, ok := schemas.CauseByName(raw); !ok {
			names := make([]string, len(schemas.Causes))
			for i, c := range schemas.Causes {
				names[i] = c.Name
			}
			return value{}, fmt.Errorf("%q is not a cause (want one of %s)", raw, strings.Join(names, ", "))
		}
		return value{text: raw}, nil
	case kindSector:
		l := strings.ToUpper(raw)
		if _, ok := schemas.Sectors[l]; !ok {
			return value{}, fmt.Errorf("%q: want a JSIC letter A-T", raw)
		}
		return value{text: l}, nil
	case kindDataTypes:
		var items []string
		for _, t := range strings.FieldsFunc(raw, func(r rune) bool { return r == ';' || r == ',' || r == ' ' || r == '|' }) {
			if !slices.Contains(schemas.DataTypes, t) {
				return value{}, fmt.Errorf("%q is not a data type (want some of %s, separated by ;)", t, strings.Join(schemas.DataTypes, ", "))
			}
			if !slices.Contains(items, t) {
				items = append(items, t)
			}
		}
		// In the vocabulary's order, as the extractor lists them.
		slices.SortFunc(items, func(a, b string) int {
			return slices.Index(schemas.DataTypes, a) - slices.Index(schemas.DataTypes, b)
		})
		return value{items: items}, nil
	case kindCaseID:
		if !caseIDRE.MatchString(raw) {
			return value{}, fmt.Errorf("%q: want a case id YYYY-NNN", raw)
		}
		return value{text: raw}, nil
	case kindNoticeID:
		if !noticeIDRE.MatchString(raw) {
			return value{}, fmt.Errorf("%q: want the other notice's notice_id (20 hex digits)", raw)
		}
		return value{text: raw}, nil
	}
	panic("correct: field kind without a parser")
}
