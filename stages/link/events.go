package link

import (
	"cmp"
	"slices"
	"strings"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/enrich"
)

// EventWindowDays is how far apart the incidents of one breached contractor
// may be dated and still be one event: its clients learn of the breach and
// publish over weeks (the printing contractor of 2024 was reported by
// prefectures and cities from early June to mid-July). It is
// rules/link/settings.tsv's event_window_days.
var EventWindowDays = int32(linkSettings.Int("event_window_days"))

// groupEvents sets every incident's EventID. Incidents are one event when
// they report the same breach at a shared contractor or platform: the same
// named contractor (by organization key), the same cause, dated within
// EventWindowDays of the event's first incident; or when the blog gave
// them one case number although they are different organizations. Each
// client stays an incident with its own organization, sector and count;
// an incident of no shared breach is an event of its own. The id is fixed
// by the event's first incident, so it is stable from run to run.
func groupEvents(incs []schemas.Incident) {
	parent := make([]int, len(incs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		if rb < ra {
			ra, rb = rb, ra
		}
		parent[rb] = ra // the earlier incident stays the root
	}

	byCase := map[string]int{}
	byContractor := map[string][]int{}
	for i := range incs {
		in := &incs[i]
		if in.CaseID != "" {
			if j, ok := byCase[in.CaseID]; ok {
				union(j, i)
			} else {
				byCase[in.CaseID] = i
			}
		}
		if k := enrich.ContractorKey(in.Contractor); k != "" {
			key := k + "\x00" + in.Cause
			byContractor[key] = append(byContractor[key], i)
		}
	}
	// The contractor's own notice, which names no contractor but itself
	// as the organization, belongs to the event too.
	for i := range incs {
		in := &incs[i]
		key := in.OrganizationKey + "\x00" + in.Cause
		if in.Contractor == "" && in.OrganizationKey != "" && byContractor[key] != nil {
			byContractor[key] = append(byContractor[key], i)
		}
	}
	keys := make([]string, 0, len(byContractor))
	for k := range byContractor {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		members := byContractor[k]
		// In date order, each incident joins the run that began at most
		// EventWindowDays before it; an undated one cannot be placed.
		slices.SortStableFunc(members, func(a, b int) int {
			da, db := eventDate(&incs[a]), eventDate(&incs[b])
			return cmp.Or(cmp.Compare(b2i(da.IsZero()), b2i(db.IsZero())), cmp.Compare(da.Days(), db.Days()))
		})
		start := -1
		for _, i := range members {
			d := eventDate(&incs[i])
			if d.IsZero() {
				continue
			}
			if start >= 0 && d.Sub(eventDate(&incs[start])) <= EventWindowDays {
				union(start, i)
				continue
			}
			start = i
		}
	}
	for i := range incs {
		incs[i].EventID = "evt-" + strings.TrimPrefix(incs[find(i)].IncidentID, "inc-")
	}
}

// eventDate is the date an incident is placed at for grouping: the
// earlier of its discovery and first report, else its occurrence (the day
// of the breach itself, which clients state less often and which is more
// often misread).
func eventDate(in *schemas.Incident) schemas.Date {
	if d := earliest(in.DiscoveredDate, in.FirstPublished); !d.IsZero() {
		return d
	}
	return in.OccurredDate
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
