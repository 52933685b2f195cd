package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/schemas"
)

// derivedHow records how each derived table of the runs of one test was
// written.
func derivedHow(t *testing.T) map[string]string {
	how := map[string]string{}
	derivedHook = func(table, h string) { how[table] = h }
	t.Cleanup(func() { derivedHook = nil })
	return how
}

// sameDerived fails unless the derived tables of a and b hold the same
// rows in the same order.
func sameDerived(t *testing.T, step, a, b string) {
	t.Helper()
	for _, d := range schemas.DerivedTables {
		q := "SELECT * FROM " + d.Name
		x, y := rowsJSON(t, open(t, a), q), rowsJSON(t, open(t, b), q)
		if strings.Join(x, "\n") != strings.Join(y, "\n") {
			t.Errorf("%s: %s: %d rows here, %d in a --full run, or other values or order", step, d.Name, len(x), len(y))
		}
	}
}

// TestRerunUpdatesDerivedTablesAsAFullRun: after files are added at the
// end or in the middle, changed or removed, a rerun updates events and
// terms_quarterly from their previous rows and the changed parts, and
// every derived table holds a --full run's rows; a rerun whose tables'
// parts are all kept links the previous files without opening DuckDB.
func TestRerunUpdatesDerivedTablesAsAFullRun(t *testing.T) {
	smallParts(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	how := derivedHow(t)
	run(t, out, 2, in)
	if how["terms_quarterly"] != derivedWhole || how["events"] != derivedWhole {
		t.Fatalf("first run: derived tables %v, want every one whole", how)
	}
	updated := map[string]string{"trends_quarterly": derivedWhole, "delay_distribution": derivedWhole,
		"terms_quarterly": derivedUpdated, "events": derivedUpdated}
	steps := []struct {
		name   string
		change func()
	}{
		{"a file added at the end", func() { addFile(t, in, "zz-new-1.txt", newNotice(t, files[1])) }},
		{"a file added in the middle", func() { addFile(t, in, "000_b-new.txt", newNotice(t, files[3])) }},
		{"a file changed", func() { os.WriteFile(files[3], []byte(newNotice(t, files[3])), 0o644) }},
		{"a file removed", func() { os.Remove(files[2]) }},
		{"a follow-up removed", func() { os.Remove(filepath.Join(in, "zz-new-1.txt")) }},
	}
	for _, step := range steps {
		terms := scalar[int64](t, open(t, out), "SELECT sum(occurrences) FROM terms_quarterly")
		step.change()
		clear(how)
		run(t, out, 2, in)
		for table, want := range updated {
			if how[table] != want {
				t.Errorf("%s: %s %s, want %s", step.name, table, how[table], want)
			}
		}
		if now := scalar[int64](t, open(t, out), "SELECT sum(occurrences) FROM terms_quarterly"); now == terms && step.name != "a file changed" {
			t.Errorf("%s: terms_quarterly counts %d occurrences as before: the step changes no term", step.name, now)
		}
		sameDerived(t, step.name, out, fullRun(t, dir, in))
	}

	// A file touched, its content unchanged: the run is incremental
	// (the whole output is kept only when every input is unchanged by its
	// stat data), its parts all kept; every derived file is the previous
	// one, linked, and DuckDB is not opened.
	past := time.Now().Add(-30 * time.Minute)
	if err := os.Chtimes(files[0], past, past); err != nil {
		t.Fatal(err)
	}
	before := map[string]map[uint64]bool{}
	for _, d := range schemas.DerivedTables {
		before[d.Name] = partInodes(t, out, d.Name)
	}
	clear(how)
	if sum := run(t, out, 2, in); sum.TablesKept {
		t.Fatal("a file touched: the whole output was kept, the test shows nothing")
	}
	for _, d := range schemas.DerivedTables {
		if how[d.Name] != derivedKept || keptParts(t, before[d.Name], out, d.Name) != 1 {
			t.Errorf("a file touched: %s %s, want the previous file kept", d.Name, how[d.Name])
		}
	}
	sameDerived(t, "a file touched", out, fullRun(t, dir, in))
}

// TestDerivedTablesBuiltWholeWhenThePreviousCannotBeTrusted: previous
// derived tables built by other queries, or a file of them damaged, are
// not updated: the rerun builds every derived table whole, with a --full
// run's rows.
func TestDerivedTablesBuiltWholeWhenThePreviousCannotBeTrusted(t *testing.T) {
	smallParts(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	how := derivedHow(t)
	run(t, out, 2, in)
	damages := []struct {
		name          string
		damage        func()
		terms, events string // how they are written
	}{
		{"another version's record", func() {
			path := filepath.Join(out, derivedRecordFile)
			b, _ := os.ReadFile(path)
			os.WriteFile(path, []byte(strings.Replace(string(b), derivedVersion, "0123456789abcdef", 1)), 0o644)
		}, derivedWhole, derivedWhole},
		{"no record", func() { os.Remove(filepath.Join(out, derivedRecordFile)) }, derivedWhole, derivedWhole},
		{"a file truncated", func() {
			os.Truncate(filepath.Join(out, "events", derivedFile), 100)
		}, derivedWhole, derivedWhole},
		// Its size as recorded, its footer not Parquet's: the update
		// fails, and the table is built whole.
		{"a footer damaged, same size", func() {
			path := filepath.Join(out, "terms_quarterly", derivedFile)
			b, _ := os.ReadFile(path)
			copy(b[len(b)-4:], "XXXX")
			os.Remove(path) // a new file: the kept one may be a link
			os.WriteFile(path, b, 0o644)
		}, derivedWhole, derivedUpdated},
		{"nothing damaged", func() {}, derivedUpdated, derivedUpdated},
	}
	for i, d := range damages {
		d.damage()
		addFile(t, in, "zz-new-"+string(rune('a'+i))+".txt", newNotice(t, files[i%len(files)]))
		clear(how)
		run(t, out, 2, in)
		if how["terms_quarterly"] != d.terms || how["events"] != d.events {
			t.Errorf("%s: terms_quarterly %s, events %s; want %s and %s", d.name, how["terms_quarterly"], how["events"], d.terms, d.events)
		}
		sameDerived(t, d.name, out, fullRun(t, dir, in))
	}
}

// TestDerivedLanesHoldEveryTableOnce: the two lanes of an update write
// every derived table, each once, and events (the one that rewrites the
// most rows) on a lane of its own; those of a full run, terms_quarterly
// and events (the longest queries over every row) apart.
func TestDerivedLanesHoldEveryTableOnce(t *testing.T) {
	lanes := derivedLaneTables()
	if len(lanes) != 2 || len(lanes[1]) != 1 || lanes[1][0] != "events" {
		t.Fatalf("lanes %v: want events alone on the second", lanes)
	}
	holdEveryTableOnce(t, lanes)
	lanes = wholeLaneTables()
	if len(lanes) != 2 || !slices.Contains(lanes[0], "terms_quarterly") || !slices.Contains(lanes[1], "events") {
		t.Fatalf("lanes of a full run %v: want terms_quarterly and events, the longest, apart", lanes)
	}
	holdEveryTableOnce(t, lanes)
}

// TestFullRunLanesWriteTheSameTables: a full run's derived tables built on
// two connections at once hold the rows of those built one at a time.
func TestFullRunLanesWriteTheSameTables(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	oldCorpus(t, in)
	laned, serial := filepath.Join(dir, "laned"), filepath.Join(dir, "serial")
	run(t, laned, 2, in)
	defer func(n int) { maxLanedIncidents = n }(maxLanedIncidents)
	maxLanedIncidents = 0
	run(t, serial, 2, in)
	sameDerived(t, "lanes", laned, serial)
}

// TestDerivedDBDroppedUnlessTaken: a DuckDB opened ahead of the derived
// tables is closed, with its spill folder, by drop when a run ends before
// taking it, and left to the taker otherwise.
func TestDerivedDBDroppedUnlessTaken(t *testing.T) {
	ctx := context.Background()
	o := startDerivedDB(ctx)
	o.drop()
	if _, err := os.Stat(o.db.spill); !os.IsNotExist(err) {
		t.Errorf("dropped: spill folder %s: %v, want it removed", o.db.spill, err)
	}
	o = startDerivedDB(ctx)
	ddb, err := o.take()
	if err != nil {
		t.Fatal(err)
	}
	o.drop()
	if err := ddb.db.PingContext(ctx); err != nil {
		t.Errorf("taken, then dropped: %v, want the database open", err)
	}
	ddb.close()
	if _, err := os.Stat(ddb.spill); !os.IsNotExist(err) {
		t.Errorf("closed: spill folder %s: %v, want it removed", ddb.spill, err)
	}
}

// holdEveryTableOnce fails unless lanes write every derived table, and
// nothing else, once.
func holdEveryTableOnce(t *testing.T, lanes [][]string) {
	t.Helper()
	seen := map[string]int{}
	for _, lane := range lanes {
		for _, name := range lane {
			seen[name]++
		}
	}
	for _, d := range schemas.DerivedTables {
		if seen[d.Name] != 1 {
			t.Errorf("%s is on %d lanes, want 1", d.Name, seen[d.Name])
		}
		delete(seen, d.Name)
	}
	if len(seen) > 0 {
		t.Errorf("lanes write tables that are not derived: %v", seen)
	}
}

// TestTouchedNoticeFiles: the terms update reads the terms of the notices
// parts that hold a notice of a touched incident, and only those.
func TestTouchedNoticeFiles(t *testing.T) {
	smallParts(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	oldCorpus(t, in)
	run(t, out, 2, in)
	files, _ := filepath.Glob(filepath.Join(out, schemas.NoticesTable.Name, "*.parquet"))
	if len(files) < 3 {
		t.Fatalf("%d notices parts: the test needs several", len(files))
	}
	db := open(t, out)
	touched := scalar[string](t, db, "SELECT incident_id FROM incidents ORDER BY incident_id LIMIT 1")
	var want []string
	for _, f := range files {
		q := "SELECT count(*) FROM read_parquet(" + sqlList([]string{f}) + ") WHERE incident_id = '" + touched + "'"
		if scalar[int64](t, db, q) > 0 {
			want = append(want, f)
		}
	}
	if len(want) == 0 || len(want) == len(files) {
		t.Fatalf("incident %s has notices in %d of %d parts: the test shows nothing", touched, len(want), len(files))
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "CREATE TABLE main.delta_incidents AS SELECT '"+touched+"' AS incident_id"); err != nil {
		t.Fatal(err)
	}
	got, err := touchedNoticeFiles(ctx, conn, files)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("parts holding %s: %v, want %v", touched, got, want)
	}
}
