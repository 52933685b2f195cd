package link

import (
	"strconv"

	"github.com/breachtrend/breachtrend/schemas"
)

// placeInTime sets the incident's quarter, year and what placed it, so
// that every incident is counted somewhere: the quarter of the first
// report's date, else of the discovery date, else of the occurrence date;
// with none of them, the year of the blog's case number (2023-437 → 2023,
// a year-only bucket); with no case number either, undated.
func placeInTime(inc *schemas.Incident) {
	for _, c := range []struct {
		date schemas.Date
		by   string
	}{
		{inc.FirstPublished, schemas.DatedByPublished},
		{inc.DiscoveredDate, schemas.DatedByDiscovered},
		{inc.OccurredDate, schemas.DatedByOccurred},
	} {
		if !c.date.IsZero() {
			inc.Quarter, inc.DatedBy = c.date.Quarter(), c.by
			y := int32(c.date.Time().Year())
			inc.Year = &y
			return
		}
	}
	if y, ok := caseYear(inc.CaseID); ok {
		inc.Year, inc.DatedBy = &y, schemas.DatedByCaseYear
		return
	}
	inc.DatedBy = schemas.DatedByUndated
}

// caseYear is the year of a blog case id "YYYY-NNN", when it has one in a
// plausible range.
func caseYear(caseID string) (int32, bool) {
	if len(caseID) < 6 || caseID[4] != '-' {
		return 0, false
	}
	y, err := strconv.Atoi(caseID[:4])
	if err != nil || y < 1990 || y > 2100 {
		return 0, false
	}
	return int32(y), true
}
