package report

import (
	"fmt"
	"regexp"
	"strconv"
)

var quarterRE = regexp.MustCompile(`^(\d{4})Q([1-4])$`)

// ParseQuarter checks that s names a quarter like 2023Q3 and returns its
// year and quarter number.
func ParseQuarter(s string) (year, q int, err error) {
	m := quarterRE.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, fmt.Errorf("quarter %q: want YYYYQn, e.g. 2023Q3, or latest", s)
	}
	year, _ = strconv.Atoi(m[1])
	q, _ = strconv.Atoi(m[2])
	return year, q, nil
}

// shiftQuarter returns the quarter n quarters after s (n < 0: before).
// s must be valid.
func shiftQuarter(s string, n int) string {
	y, q, err := ParseQuarter(s)
	if err != nil {
		return ""
	}
	i := y*4 + (q - 1) + n
	return fmt.Sprintf("%dQ%d", i/4, i%4+1)
}

// PreviousQuarter returns the quarter before s.
func PreviousQuarter(s string) string { return shiftQuarter(s, -1) }

// YearAgo returns the same quarter one year before s.
func YearAgo(s string) string { return shiftQuarter(s, -4) }

// quarterIndex numbers quarters consecutively: 2023Q4 and 2024Q1 differ by
// one. s must be valid.
func quarterIndex(s string) int {
	y, q, _ := ParseQuarter(s)
	return y*4 + q - 1
}

// continuousQuarters lists every quarter from first to last (both valid,
// first ≤ last) with its count in counts, 0 when absent.
func continuousQuarters(first, last string, counts map[string]int64) []QuarterCount {
	var out []QuarterCount
	for i := quarterIndex(first); i <= quarterIndex(last); i++ {
		q := fmt.Sprintf("%dQ%d", i/4, i%4+1)
		out = append(out, QuarterCount{Quarter: q, Incidents: counts[q]})
	}
	return out
}
