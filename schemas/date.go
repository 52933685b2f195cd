package schemas

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day with no time zone, or no day at all (the zero
// value). It maps to Arrow date32 and to DuckDB DATE.
type Date struct {
	days int32 // days since 1970-01-01, valid only when set
	set  bool
}

// NewDate returns the day y-m-d and true, or the zero Date and false when
// the three numbers do not name a real day (2023-02-30, month 13).
func NewDate(y, m, d int) (Date, bool) {
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return Date{}, false
	}
	return Date{days: int32(t.Unix() / 86400), set: true}, true
}

// DateFromDays returns the day n days after 1970-01-01.
func DateFromDays(n int32) Date { return Date{days: n, set: true} }

// MustDate is NewDate for literals in tests and tables; it panics on a bad day.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// ParseDate reads an ISO YYYY-MM-DD day; the empty string is the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: %w", s, err)
	}
	return Date{days: int32(t.Unix() / 86400), set: true}, nil
}

// IsZero reports whether d holds no day.
func (d Date) IsZero() bool { return !d.set }

// Days is the number of days since 1970-01-01 (the date32 value).
func (d Date) Days() int32 { return d.days }

// Time is the day at midnight UTC.
func (d Date) Time() time.Time { return time.Unix(int64(d.days)*86400, 0).UTC() }

// Year, Month and Day of the date; zero for the zero Date.
func (d Date) Year() int {
	if !d.set {
		return 0
	}
	return d.Time().Year()
}

// Month of the date, 1–12.
func (d Date) Month() int {
	if !d.set {
		return 0
	}
	return int(d.Time().Month())
}

// Before reports whether d is a day before e; false when either is zero.
func (d Date) Before(e Date) bool { return d.set && e.set && d.days < e.days }

// Sub is d − e in days.
func (d Date) Sub(e Date) int32 { return d.days - e.days }

// AddDays returns d moved n days.
func (d Date) AddDays(n int) Date { return Date{days: d.days + int32(n), set: d.set} }

// String is YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if !d.set {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// Quarter is "2023Q3", or "" for the zero Date.
func (d Date) Quarter() string {
	if !d.set {
		return ""
	}
	t := d.Time()
	return fmt.Sprintf("%dQ%d", t.Year(), (int(t.Month())+2)/3)
}

// MarshalJSON writes "YYYY-MM-DD" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if !d.set {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalBinary encodes the date for gob (the pipeline's segment cache).
func (d Date) MarshalBinary() ([]byte, error) {
	if !d.set {
		return []byte{0}, nil
	}
	v := uint32(d.days)
	return []byte{1, byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}, nil
}

// UnmarshalBinary decodes what MarshalBinary wrote.
func (d *Date) UnmarshalBinary(b []byte) error {
	switch {
	case len(b) == 1 && b[0] == 0:
		*d = Date{}
	case len(b) == 5 && b[0] == 1:
		*d = Date{days: int32(uint32(b[1])<<24 | uint32(b[2])<<16 | uint32(b[3])<<8 | uint32(b[4])), set: true}
	default:
		return fmt.Errorf("date: bad binary form %x", b)
	}
	return nil
}
