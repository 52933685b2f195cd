package schemas

import (
	"embed"
	"strings"
)

// DerivedTable is a table built with DuckDB SQL from the tables above:
// its dictionary entry and its query (derived/<name>.sql), side by side.
type DerivedTable struct {
	TableDoc
	SQL string
}

//go:embed derived/*.sql
var derivedSQL embed.FS

// DerivedMacros is derived/macros.sql: the SQL macros (valid_delay) that
// every DuckDB over a run's tables creates when it opens, before any query,
// so the derived tables and the report read one definition.
var DerivedMacros = func() string {
	q, err := derivedSQL.ReadFile("derived/macros.sql")
	if err != nil {
		panic("schemas: no derived/macros.sql") // tested: cannot happen
	}
	return string(q)
}()

func derived(name, doc string, cols ...ColumnDoc) DerivedTable {
	q, err := derivedSQL.ReadFile("derived/" + name + ".sql")
	if err != nil {
		panic("schemas: no query for derived table " + name) // tested: cannot happen
	}
	return DerivedTable{TableDoc: TableDoc{Name: name, Doc: doc, Columns: cols}, SQL: strings.TrimSpace(string(q))}
}

// periodDoc says what a derived table's quarter holds.
const periodDoc = "quarter of the incident, e.g. 2023Q3; the year alone (e.g. 2023) when only the blog case number's year places it; undated when nothing does"

// DerivedTables are built in this order, each query's rows sorted on a
// unique key so a rerun writes the same file.
var DerivedTables = []DerivedTable{
	derived("trends_quarterly", "Incidents by quarter × cause × sector: every incident is in one row (a quarter, a year-only bucket or undated). incidents counts reporting organizations, events the distinct breaches among them; people_stated is null, not 0, when no incident of the row states a count; delays are over valid delays (valid_delay: known and ≥ 0; a negative delay is a misread date).",
		ColumnDoc{"quarter", "VARCHAR", periodDoc}, ColumnDoc{"cause", "VARCHAR", "cause"}, ColumnDoc{"sector", "VARCHAR", "JSIC letter"},
		ColumnDoc{"incidents", "BIGINT", "incidents, one per reporting organization"},
		ColumnDoc{"events", "BIGINT", "distinct events among them (the clients of one breached contractor are one event; an event spanning rows counts in each)"},
		ColumnDoc{"incidents_with_count", "BIGINT", "incidents that state how many people were affected"},
		ColumnDoc{"people_stated", "BIGINT", "sum of the stated counts (latest total of each incident); null when none is stated"},
		ColumnDoc{"delay_n", "BIGINT", "incidents with a valid delay (valid_delay: known and ≥ 0): the n of the two delay figures"},
		ColumnDoc{"median_delay_days", "DOUBLE", "median disclosure delay, over delay_n incidents"},
		ColumnDoc{"p90_delay_days", "DOUBLE", "90th percentile of the delay, over delay_n incidents"}),
	derived("delay_distribution", "Disclosure delay (first_published − discovered_date, valid: known and ≥ 0) by cause and by sector, plus one row for all incidents.",
		ColumnDoc{"dimension", "VARCHAR", "all, cause or sector"}, ColumnDoc{"value", "VARCHAR", "cause name or JSIC letter (null: not known); all for the all row"},
		ColumnDoc{"incidents", "BIGINT", "incidents with a known, non-negative delay: the n of every figure of the row"},
		ColumnDoc{"median_days", "DOUBLE", "median delay"}, ColumnDoc{"p75_days", "DOUBLE", "75th percentile"}, ColumnDoc{"p90_days", "DOUBLE", "90th percentile"},
		ColumnDoc{"within_5d", "DOUBLE", "share disclosed within 5 days (0–1)"}, ColumnDoc{"within_30d", "DOUBLE", "share within 30 days"}, ColumnDoc{"within_60d", "DOUBLE", "share within 60 days"}),
	derived("terms_quarterly", "Nouns of each quarter's incident notices (the notices' terms column), to show rising terms such as new attack names.",
		ColumnDoc{"quarter", "VARCHAR", periodDoc}, ColumnDoc{"term", "VARCHAR", "noun in base form"},
		ColumnDoc{"incidents", "BIGINT", "incidents whose notices mention the term"}, ColumnDoc{"occurrences", "BIGINT", "times the term occurs in those notices' terms: each title and the first 120 characters of its text, read one after the other (a title the text opens with counts twice)"}),
	derived("events", "One row per event: the incidents that report one breach (the clients of one breached contractor or platform: same named contractor, same cause, within 90 days; or one blog case number for several organizations). Count distinct breaches here, reporting organizations in incidents.",
		ColumnDoc{"event_id", "VARCHAR", "id of the event (incidents.event_id)"},
		ColumnDoc{"breached_party", "VARCHAR", "the contractor when one is named, else the organization of a single-incident event; null when several organizations name none"},
		ColumnDoc{"contractor_named", "BOOLEAN", "a report names the breached contractor or platform"},
		ColumnDoc{"cause", "VARCHAR", "cause of the first incident"},
		ColumnDoc{"quarter", "VARCHAR", "earliest quarter of its incidents (as trends_quarterly: a year alone, or undated)"},
		ColumnDoc{"incidents", "BIGINT", "incidents (reporting organizations) of the event"},
		ColumnDoc{"organizations", "VARCHAR[]", "their organizations, by first publication"},
		ColumnDoc{"incident_ids", "VARCHAR[]", "their incident ids, in the same order"},
		ColumnDoc{"incidents_with_count", "BIGINT", "incidents that state a count"},
		ColumnDoc{"people_stated", "BIGINT", "sum of the stated counts; null when none is stated"},
		ColumnDoc{"first_published", "DATE", "first report of any of its incidents"},
		ColumnDoc{"last_published", "DATE", "last report"}),
}
