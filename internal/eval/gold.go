package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
)

// Gold is one gold record: one segment of one source file, as
// testdata/gold/GUIDE.md ("One gold record") defines it.
//
// Every field but IsIncident and DataTypes is a list of acceptable values; a
// nil element is null, "the text does not state it". FinalReport lists
// booleans. DataTypes is not a list of alternatives but the set itself.
// Non-incident records need no field lists; incident records must carry all
// of them, each non-empty.
type Gold struct {
	Line       int    // 1-based line of the record in its file
	Source     string // base name of the source file
	Snippet    string // piece of the segment's text that identifies it
	IsIncident bool

	CaseID         []*string
	ReportSeq      []*int64
	FinalReport    []bool
	Organization   []*string
	PublishedDate  []*string
	DiscoveredDate []*string
	OccurredDate   []*string
	AffectedCount  []*int64
	Cause          []*string
	Sector         []*string
	DataTypes      []string

	Notes string
}

// goldKinds is the JSON kind of every key a gold record may have.
var goldKinds = map[string]string{
	"source": "string", "snippet": "string", "is_incident": "bool", "notes": "string",
	"case_id": "strings", "report_seq": "ints", "final_report": "bools",
	"organization": "strings", "published_date": "dates", "discovered_date": "dates",
	"occurred_date": "dates", "affected_count": "ints", "cause": "strings",
	"sector": "strings", "data_types": "set",
}

// ReadGold reads gold records, one JSON object a line (JSON Lines). Blank
// lines are skipped. A malformed record is an error naming its line: an
// unknown key, a missing source, snippet or is_incident, a snippet with no
// letters or digits, an incident record without one of the field lists or
// with an empty list, or a value of the wrong type (dates must be
// YYYY-MM-DD).
func ReadGold(r io.Reader) ([]Gold, error) {
	br := bufio.NewReader(r)
	var out []Gold
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return out, fmt.Errorf("gold line %d: %w", line, err)
		}
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		if len(bytes.TrimSpace(b)) > 0 {
			g, perr := parseGold(b)
			if perr != nil {
				return out, fmt.Errorf("gold line %d: %w", line, perr)
			}
			g.Line = line
			out = append(out, g)
		}
		if err != nil { // io.EOF
			return out, nil
		}
	}
}

func parseGold(b []byte) (Gold, error) {
	var g Gold
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return g, err
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := goldKinds[k]; !ok {
			return g, fmt.Errorf("unknown key %q", k)
		}
	}
	for _, k := range []string{"source", "snippet", "is_incident"} {
		if v, ok := raw[k]; !ok || string(v) == "null" {
			return g, fmt.Errorf("%s: missing", k)
		}
	}
	if err := json.Unmarshal(raw["source"], &g.Source); err != nil {
		return g, fmt.Errorf("source: %w", err)
	}
	if err := json.Unmarshal(raw["snippet"], &g.Snippet); err != nil {
		return g, fmt.Errorf("snippet: %w", err)
	}
	if err := json.Unmarshal(raw["is_incident"], &g.IsIncident); err != nil {
		return g, fmt.Errorf("is_incident: %w", err)
	}
	if v, ok := raw["notes"]; ok {
		if err := json.Unmarshal(v, &g.Notes); err != nil {
			return g, fmt.Errorf("notes: %w", err)
		}
	}
	if strings.TrimSpace(g.Source) == "" {
		return g, errors.New("source: empty")
	}
	if matchKey(g.Snippet) == "" {
		return g, errors.New("snippet: no letters or digits")
	}

	strs := map[string]*[]*string{
		"case_id": &g.CaseID, "organization": &g.Organization, "cause": &g.Cause, "sector": &g.Sector,
		"published_date": &g.PublishedDate, "discovered_date": &g.DiscoveredDate, "occurred_date": &g.OccurredDate,
	}
	ints := map[string]*[]*int64{"report_seq": &g.ReportSeq, "affected_count": &g.AffectedCount}
	for _, k := range fieldNames {
		v, ok := raw[k]
		if !ok {
			if g.IsIncident {
				return g, fmt.Errorf("%s: missing (required for an incident record)", k)
			}
			continue
		}
		var n int
		var err error
		switch {
		case strs[k] != nil:
			n, err = decodeStrings(v, goldKinds[k] == "dates", strs[k])
		case ints[k] != nil:
			n, err = decodeInts(v, ints[k])
		case k == "final_report":
			var list []*bool
			if err = json.Unmarshal(v, &list); err != nil || list == nil {
				err = errors.New("want a list of booleans")
			}
			for _, b := range list {
				if b == nil {
					err = errors.New("want a list of booleans (no null: false is \"not stated\")")
					break
				}
				g.FinalReport = append(g.FinalReport, *b)
			}
			n = len(list)
		}
		if err != nil {
			return g, fmt.Errorf("%s: %w", k, err)
		}
		if n == 0 && g.IsIncident {
			return g, fmt.Errorf("%s: empty list: nothing would be acceptable (use [null])", k)
		}
	}
	if v, ok := raw["data_types"]; ok {
		var dt []*string
		if err := json.Unmarshal(v, &dt); err != nil || dt == nil {
			return g, errors.New("data_types: want a list of strings")
		}
		g.DataTypes = []string{}
		for _, s := range dt {
			if s == nil || strings.TrimSpace(*s) == "" {
				return g, errors.New("data_types: null or empty value")
			}
			g.DataTypes = append(g.DataTypes, *s)
		}
	} else if g.IsIncident {
		return g, errors.New("data_types: missing (required for an incident record; [] for none)")
	}
	return g, nil
}

func decodeStrings(v json.RawMessage, dates bool, dst *[]*string) (int, error) {
	var list []*string
	if err := json.Unmarshal(v, &list); err != nil || list == nil {
		return 0, errors.New("want a list of strings or null")
	}
	if dates {
		for _, s := range list {
			if s == nil {
				continue
			}
			if _, err := time.Parse("2006-01-02", *s); err != nil {
				return 0, fmt.Errorf("%q is not a date YYYY-MM-DD", *s)
			}
		}
	}
	*dst = list
	return len(list), nil
}

func decodeInts(v json.RawMessage, dst *[]*int64) (int, error) {
	var list []*json.Number
	if err := json.Unmarshal(v, &list); err != nil || list == nil {
		return 0, errors.New("want a list of integers or null")
	}
	out := make([]*int64, len(list))
	for i, n := range list {
		if n == nil {
			continue
		}
		x, err := n.Int64()
		if err != nil {
			f, ferr := n.Float64()
			if ferr != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
				return 0, fmt.Errorf("%s is not an integer", n.String())
			}
			x = int64(f)
		}
		out[i] = &x
	}
	*dst = out
	return len(out), nil
}
