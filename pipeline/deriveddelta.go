package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/breachtrend/breachtrend/internal/duck"
	"github.com/breachtrend/breachtrend/schemas"
)

// A rerun updates the derived tables from the previous ones in proportion
// to what changed. An incremental run keeps the notices and incidents
// parts whose rows did not change by hard-linking the previous files
// (extend.go, incidentparts.go), so a part of this run that is the same
// file as one of the previous run (os.SameFile) holds the same rows; the
// others are "changed": the previous run's parts not kept (gone) and this
// run's parts written (added). An incident is touched when it has a row, or
// a notice, in a changed part, of either run; an incident not touched has
// the same row and the same notices in both runs.
//
//   - Nothing changed: the previous derived files are linked, and DuckDB
//     is not opened.
//   - terms_quarterly adds up over incidents (each is in one quarter and
//     counts once per term it holds): its rows are the previous ones, minus
//     the touched incidents' rows as the previous run computed them, plus
//     theirs now (its own query over the touched incidents of each run,
//     and the notices of the parts that hold one: touchedNoticeFiles),
//     keeping the (quarter, term) rows whose incidents stay above 0.
//   - events: the previous rows of events no touched incident belongs to,
//     in either run, and the touched events computed again (its own query
//     over their incidents); an event is a function of its incidents.
//   - trends_quarterly and delay_distribution (medians, quantiles, distinct
//     counts: they do not add up) are computed whole; over the incidents
//     table alone they cost ~0.1 s at 100k notices.
//
// events is updated on one connection while the others are written on
// another (derivedLanes).
//
// Measured at 100k notices (1 thread): terms_quarterly 1.15 s whole (~2.9M
// term occurrences), events 0.35–0.6 s; reading every notice's terms once
// 0.13–0.16 s (every part's incident ids alone: ~0.02 s), rewriting the
// previous terms_quarterly 0.04 s and events 0.11 s.

// derivedDelta is what changed between the previous output and this one.
type derivedDelta struct {
	dir, prev          string
	incidents, notices partsChange
	// touched: the touched incidents and events are computed
	// (prepareTouched); terms, events: the table is updated from its
	// previous rows (prepareTable set up what its query reads; each is
	// set and read by one lane only, derivedLanes).
	touched, terms, events bool
}

// partsChange compares a table's parts in two output folders.
type partsChange struct {
	shared []string // this run's parts that are files of the previous run
	gone   []string // the previous run's parts that are not
	added  []string // this run's parts that are not
}

// planDerivedDelta compares the parts of dir and prev, or returns nil when
// prev's derived tables cannot be updated (no record of this version,
// a file not as recorded, a folder that cannot be read).
func planDerivedDelta(dir, prev string) *derivedDelta {
	if checkDerivedRecord(prev) != nil {
		return nil
	}
	d := &derivedDelta{dir: dir, prev: prev}
	var err error
	if d.incidents, err = compareParts(dir, prev, schemas.IncidentsTable.Name); err != nil {
		return nil
	}
	if d.notices, err = compareParts(dir, prev, schemas.NoticesTable.Name); err != nil {
		return nil
	}
	return d
}

// compareParts sorts the Parquet files of table in dir and prev into
// shared, gone and added.
func compareParts(dir, prev, table string) (partsChange, error) {
	var c partsChange
	now, err := filepath.Glob(filepath.Join(dir, table, "*.parquet"))
	if err != nil {
		return c, err
	}
	before, err := filepath.Glob(filepath.Join(prev, table, "*.parquet"))
	if err != nil {
		return c, err
	}
	old := make([]os.FileInfo, len(before))
	for i, f := range before {
		if old[i], err = os.Stat(f); err != nil {
			return c, err
		}
	}
	kept := make([]bool, len(before))
	for _, f := range now {
		fi, err := os.Stat(f)
		if err != nil {
			return c, err
		}
		same := false
		for i := range old {
			if !kept[i] && os.SameFile(fi, old[i]) {
				kept[i], same = true, true
				break
			}
		}
		if same {
			c.shared = append(c.shared, f)
		} else {
			c.added = append(c.added, f)
		}
	}
	for i, f := range before {
		if !kept[i] {
			c.gone = append(c.gone, f)
		}
	}
	return c, nil
}

func (c partsChange) changed() []string { return append(append([]string(nil), c.gone...), c.added...) }

// unchanged reports whether no incidents or notices part changed.
func (d *derivedDelta) unchanged() bool {
	return len(d.incidents.changed()) == 0 && len(d.notices.changed()) == 0
}

// keepAll links the previous derived files into dir.
func (d *derivedDelta) keepAll() error {
	for _, t := range schemas.DerivedTables {
		if err := os.MkdirAll(filepath.Join(d.dir, t.Name), 0o755); err != nil {
			return err
		}
		if err := linkTree(filepath.Join(d.prev, t.Name, derivedFile), filepath.Join(d.dir, t.Name, derivedFile)); err != nil {
			return fmt.Errorf("derived table %s: keeping the previous rows: %w", t.Name, err)
		}
	}
	return nil
}

// execAll runs stmts on db, in order.
func execAll(ctx context.Context, db execer, stmts ...string) error {
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("derived tables: updating the previous rows: %s: %w", s, err)
		}
	}
	return nil
}

// prepareTouched computes, in db, the touched incidents and events, which
// every update reads, and the schemas of the update queries' views. An
// incident with no id or event leaves d.touched false: every table is
// then built whole.
func (d *derivedDelta) prepareTouched(ctx context.Context, db *sql.DB) error {
	touched := "SELECT NULL::VARCHAR AS incident_id WHERE false"
	events := "SELECT NULL::VARCHAR AS event_id WHERE false"
	if files := d.incidents.changed(); len(files) > 0 {
		touched += " UNION SELECT incident_id FROM " + parquetList(files)
		events += " UNION SELECT event_id FROM " + parquetList(files)
	}
	if files := d.notices.changed(); len(files) > 0 {
		touched += " UNION SELECT incident_id FROM " + parquetList(files) + " WHERE incident_id IS NOT NULL"
	}
	if err := execAll(ctx, db,
		"CREATE TABLE main.delta_incidents AS "+touched,
		"CREATE TABLE main.delta_events AS "+events,
	); err != nil {
		return err
	}
	var nullIDs int64
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM main.delta_incidents WHERE incident_id IS NULL)
		+ (SELECT count(*) FROM main.delta_events WHERE event_id IS NULL)`).Scan(&nullIDs); err != nil {
		return fmt.Errorf("derived tables: updating the previous rows: %w", err)
	}
	if nullIDs > 0 {
		return nil // an incident with no id or event: the tables are built whole
	}
	oldIncidents, err := filepath.Glob(filepath.Join(d.prev, schemas.IncidentsTable.Name, "*.parquet"))
	if err != nil || len(oldIncidents) == 0 {
		return fmt.Errorf("derived tables: the previous incidents table: no parts")
	}
	if err := execAll(ctx, db,
		"CREATE SCHEMA delta_old", "CREATE SCHEMA delta_new", "CREATE SCHEMA delta_events",
		"CREATE VIEW delta_old.incidents AS SELECT * FROM "+parquetList(oldIncidents)+
			" WHERE incident_id IN (SELECT incident_id FROM main.delta_incidents)",
		"CREATE VIEW delta_new.incidents AS SELECT * FROM main.incidents"+
			" WHERE incident_id IN (SELECT incident_id FROM main.delta_incidents)",
		"CREATE VIEW delta_events.incidents AS SELECT * FROM main.incidents"+
			" WHERE event_id IN (SELECT event_id FROM main.delta_events)",
	); err != nil {
		return err
	}
	d.touched = true
	return nil
}

// prepareTable computes, on conn, what the update of the table named
// name reads (terms_quarterly: the touched incidents' rows of each run;
// events: the touched events' rows now), and sets d.terms or d.events.
// The other tables are built whole: nothing to prepare.
func (d *derivedDelta) prepareTable(ctx context.Context, conn *sql.Conn, name string) error {
	if !d.touched {
		return nil
	}
	// The table's own query, on the views of one schema (search_path:
	// conn's own setting).
	inSchema := func(schema, table, query string) error {
		return execAll(ctx, conn, "SET search_path = '"+schema+",main'",
			"CREATE TABLE main."+table+" AS "+query,
			"SET search_path = 'main'")
	}
	switch name {
	case "terms_quarterly":
		// Its own query, over the touched incidents of each run and their
		// notices (one scan of every notice's id and terms, of either
		// run; only the touched ones are kept).
		all := append(append(append([]string(nil), d.notices.shared...), d.notices.gone...), d.notices.added...)
		oldNotices := append(append([]string(nil), d.notices.shared...), d.notices.gone...)
		newNotices := append(append([]string(nil), d.notices.shared...), d.notices.added...)
		holding, err := touchedNoticeFiles(ctx, conn, all)
		if err != nil {
			return err
		}
		var stmts []string
		if len(holding) > 0 {
			stmts = append(stmts,
				"CREATE TABLE main.delta_notices AS SELECT filename, incident_id, terms FROM read_parquet("+sqlList(holding)+", filename = true)"+
					" WHERE incident_id IN (SELECT incident_id FROM main.delta_incidents)",
				"CREATE VIEW delta_old.notices AS SELECT incident_id, terms FROM main.delta_notices WHERE list_contains("+sqlList(oldNotices)+", filename)",
				"CREATE VIEW delta_new.notices AS SELECT incident_id, terms FROM main.delta_notices WHERE list_contains("+sqlList(newNotices)+", filename)")
		} else {
			stmts = append(stmts,
				"CREATE VIEW delta_old.notices AS SELECT NULL::VARCHAR AS incident_id, NULL::VARCHAR[] AS terms WHERE false",
				"CREATE VIEW delta_new.notices AS SELECT * FROM delta_old.notices")
		}
		if err := execAll(ctx, conn, stmts...); err != nil {
			return err
		}
		terms := derivedSQL("terms_quarterly")
		if err := inSchema("delta_old", "terms_old", terms); err != nil {
			return err
		}
		if err := inSchema("delta_new", "terms_new", terms); err != nil {
			return err
		}
		d.terms = true
	case "events":
		if err := inSchema("delta_events", "events_new", derivedSQL("events")); err != nil {
			return err
		}
		d.events = true
	}
	return nil
}

// touchedNoticeFiles are the files of files (notices parts) that hold a
// notice of a touched incident. Reading every part's incident ids first
// and the terms of those parts only costs a +10 rerun at 100k notices
// ~0.02 s and the few parts at the end, instead of ~0.15 s for every
// notice's terms.
func touchedNoticeFiles(ctx context.Context, conn *sql.Conn, files []string) ([]string, error) {
	if len(files) == 0 {
		return nil, nil
	}
	rows, err := conn.QueryContext(ctx, "SELECT DISTINCT filename FROM read_parquet("+sqlList(files)+", filename = true)"+
		" WHERE incident_id IN (SELECT incident_id FROM main.delta_incidents) ORDER BY filename")
	if err != nil {
		return nil, fmt.Errorf("derived tables: the notices of the touched incidents: %w", err)
	}
	defer rows.Close()
	var holding []string
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return nil, err
		}
		holding = append(holding, f)
	}
	return holding, rows.Err()
}

// termsDeltaSQL updates terms_quarterly: the previous rows (%s, a file),
// minus the touched incidents' previous rows, plus their rows now.
const termsDeltaSQL = `SELECT quarter, term, sum(incidents)::BIGINT AS incidents, sum(occurrences)::BIGINT AS occurrences
FROM (
  SELECT quarter, term, incidents, occurrences FROM read_parquet(%s)
  UNION ALL SELECT quarter, term, -incidents, -occurrences FROM main.terms_old
  UNION ALL SELECT quarter, term, incidents, occurrences FROM main.terms_new
)
GROUP BY quarter, term
HAVING sum(incidents) > 0
ORDER BY quarter, term`

// keyedDeltaSQL updates events: the previous rows (%s, a file) of the
// events not touched, and the touched ones computed again.
const keyedDeltaSQL = `SELECT * FROM read_parquet(%s) WHERE event_id NOT IN (SELECT event_id FROM main.delta_events)
UNION ALL
SELECT * FROM main.events_new
ORDER BY event_id`

// query returns the query that writes table t from the previous rows, or
// false when t is built whole (d nil, or t not updated).
func (d *derivedDelta) query(t schemas.DerivedTable) (string, bool) {
	if d == nil {
		return "", false
	}
	prev := duck.QuoteString(filepath.Join(d.prev, t.Name, derivedFile))
	switch {
	case t.Name == "terms_quarterly" && d.terms:
		return fmt.Sprintf(termsDeltaSQL, prev), true
	case t.Name == "events" && d.events:
		return fmt.Sprintf(keyedDeltaSQL, prev), true
	}
	return "", false
}

// derivedSQL is the query of the derived table named name.
func derivedSQL(name string) string { return derivedTable(name).SQL }

// derivedTable is the derived table named name.
func derivedTable(name string) schemas.DerivedTable {
	for _, t := range schemas.DerivedTables {
		if t.Name == name {
			return t
		}
	}
	panic("pipeline: no derived table " + name) // the names above are schemas'
}

// parquetList is read_parquet of files.
func parquetList(files []string) string { return "read_parquet(" + sqlList(files) + ")" }

// sqlList is files as an SQL list of strings.
func sqlList(files []string) string {
	q := make([]string, len(files))
	for i, f := range files {
		q[i] = duck.QuoteString(f)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
