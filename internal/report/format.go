package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// sortTop orders incidents by people affected, largest first, then by id.
func sortTop(xs []Incident) {
	slices.SortStableFunc(xs, func(a, b Incident) int {
		return cmp.Or(cmp.Compare(*b.People, *a.People), cmp.Compare(a.ID, b.ID))
	})
}

// thousands writes n with comma separators.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func plain(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return thousands(int64(f))
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}

// figure prints a metric value with its unit.
func figure(f *float64, unit string) string {
	if f == nil {
		return "–"
	}
	if unit == "days" {
		return daysUnit(*f)
	}
	return plain(*f)
}

// minBase is the smallest n a percentage change is computed on: below it
// ("+600%" from 1 to 7) the counts are shown instead.
const minBase = 10

// delta prints the change from old (over oldN incidents) to cur (over
// curN): "+3 (+25%)"; with a base under minBase the values instead,
// "+6 (1 → 7)", and for a figure other than a count the n too, "+3 (7 → 10
// days; n 1 → 7)"; "–" when either is unknown.
func delta(cur, old *float64, unit string, curN, oldN int64) string {
	if cur == nil || old == nil {
		return "–"
	}
	d := *cur - *old
	s := plain(d)
	if d > 0 {
		s = "+" + s
	}
	if curN < minBase || oldN < minBase {
		s += " (" + plain(*old) + " → " + plain(*cur)
		if unit != "" {
			s += "; n " + thousands(oldN) + " → " + thousands(curN)
		}
		return s + ")"
	}
	switch pct := 100 * d / *old; {
	case *old == 0:
	case math.Abs(pct) < 1000:
		s += fmt.Sprintf(" (%+.0f%%)", pct)
	default:
		s += " (×" + plain(math.Round(*cur / *old)) + ")"
	}
	return s
}

// percent prints a share as "42%".
func percent(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }

// share prints part of n as "3 of 7 (43%)": a share is never shown
// without its n.
func share(part, n int64) string {
	if n == 0 {
		return "– (n=0)"
	}
	return fmt.Sprintf("%s of %s (%s)", thousands(part), thousands(n), percent(float64(part)/float64(n)))
}

// nOf prints "n=7".
func nOf(n int64) string { return "n=" + thousands(n) }

// optPeople prints an optional sum of counts, "–" when none is stated.
func optPeople(n *int64) string {
	if n == nil {
		return "–"
	}
	return thousands(*n)
}

// lift2 prints a lift as "×3.4".
func lift2(f float64) string { return "×" + strconv.FormatFloat(f, 'f', 1, 64) }

// days prints an optional number of days.
func days(d *int64) string {
	if d == nil {
		return "–"
	}
	return thousands(*d)
}

// daysF prints an optional float number of days.
func daysF(f *float64) string {
	if f == nil {
		return "–"
	}
	return plain(*f)
}

// people prints an optional count, with "≈" when approximate.
func people(n *int64, approx bool) string {
	if n == nil {
		return "–"
	}
	if approx {
		return "≈" + thousands(*n)
	}
	return thousands(*n)
}

// clock prints an APPI deadline outcome.
func clock(b *bool) string {
	switch {
	case b == nil:
		return "cannot tell"
	case *b:
		return "met"
	default:
		return "missed"
	}
}

// orDash prints s, or "–" when empty.
func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// daysUnit prints a number of days with its unit.
func daysUnit(f float64) string {
	if f == 1 {
		return "1 day"
	}
	return plain(f) + " days"
}

// clipRunes is how much of an evidence sentence the report shows.
const clipRunes = 160

// clip shortens s to clipRunes characters.
func clip(s string) string {
	r := []rune(s)
	if len(r) <= clipRunes {
		return s
	}
	return string(r[:clipRunes]) + "…"
}
