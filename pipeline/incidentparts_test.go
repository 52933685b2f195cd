package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/breachtrend/breachtrend/internal/parquetio"
	"github.com/breachtrend/breachtrend/schemas"
)

// smallIncidentParts makes incidents parts of ~mean rows for one test.
func smallIncidentParts(t *testing.T, mean uint32) {
	was := incidentPartMean
	incidentPartMean = mean
	t.Cleanup(func() { incidentPartMean = was })
}

// someIncidents are n incidents with ids and a cause.
func someIncidents(n int) []schemas.Incident {
	rows := make([]schemas.Incident, n)
	for i := range rows {
		rows[i] = schemas.Incident{IncidentID: fmt.Sprintf("inc-%016x", i*7919), Cause: "unauthorized_access",
			NoticeIDs: []string{fmt.Sprintf("n-%d", i)}}
	}
	return rows
}

// TestCutIncidentsAtContentBoundaries: an incident inserted in the middle
// changes the part it lands in only; the parts before and after are the
// same rows.
func TestCutIncidentsAtContentBoundaries(t *testing.T) {
	smallIncidentParts(t, 8)
	rows := someIncidents(400)
	before := cutIncidents(rows)
	if len(before) < 10 {
		t.Fatalf("%d parts of 400 incidents, want ~50", len(before))
	}
	n := 0
	for _, p := range before {
		n += len(p)
		if len(p) > 32 {
			t.Errorf("a part of %d rows, more than 4× the mean", len(p))
		}
	}
	if n != len(rows) {
		t.Fatalf("parts hold %d rows, want %d", n, len(rows))
	}
	grown := append(append(append([]schemas.Incident{}, rows[:200]...), someIncidents(1)[0]), rows[200:]...)
	grown[200].IncidentID = "inc-inserted"
	hashes := map[string]bool{}
	for _, p := range before {
		hashes[incidentRowsHash(p)] = true
	}
	changed := 0
	after := cutIncidents(grown)
	for _, p := range after {
		if !hashes[incidentRowsHash(p)] {
			changed++
		}
	}
	if changed != 1 || len(after) != len(before) {
		t.Errorf("%d of %d parts changed by one incident inserted (%d parts before), want 1", changed, len(after), len(before))
	}
	if got := cutIncidents(nil); len(got) != 1 || len(got[0]) != 0 {
		t.Errorf("no incidents: %d parts, want one empty part", len(got))
	}
}

// TestKeptIncidentsPartIsHardLinked: a rerun hard-links the parts whose
// rows hash as the previous run's did, writes the others, and keeps
// nothing from a record of another version or a part of another size.
func TestKeptIncidentsPartIsHardLinked(t *testing.T) {
	smallIncidentParts(t, 8)
	dir := t.TempDir()
	prev, next := filepath.Join(dir, "prev"), filepath.Join(dir, "next")
	rows := someIncidents(200)
	if kept, err := writeIncidentParts(prev, "", "v1", rows, 2); err != nil || kept != 0 {
		t.Fatalf("first write: kept %d, %v", kept, err)
	}
	before := partInodes(t, prev, "incidents")
	rows[100].Cause = "loss" // one part's rows change
	rows = append(rows, someIncidents(201)[200])
	kept, err := writeIncidentParts(next, prev, "v1", rows, 2)
	if err != nil {
		t.Fatal(err)
	}
	all := len(parts(t, next, "incidents"))
	if kept < all-2 || kept == all {
		t.Errorf("kept %d of %d parts, want all but the changed one and the last", kept, all)
	}
	if got := keptParts(t, before, next, "incidents"); got != kept {
		t.Errorf("%d parts are hard links to the previous ones, %d reported kept", got, kept)
	}
	record, err := readIncidentParts(next, "v1")
	if err != nil || len(record) != all {
		t.Fatalf("record: %d parts, %v; want %d", len(record), err, all)
	}
	total := 0
	for i, p := range record {
		total += p.rows
		fi, err := os.Stat(filepath.Join(next, "incidents", parquetio.PartName(i)))
		if err != nil || fi.Size() != p.size {
			t.Errorf("part %d: recorded size %d, file %v %v", i, p.size, fi, err)
		}
	}
	if total != len(rows) {
		t.Errorf("record: %d rows, want %d", total, len(rows))
	}

	// Another version (rules, build): nothing kept.
	other := filepath.Join(dir, "other")
	if kept, err := writeIncidentParts(other, next, "v2", rows, 2); err != nil || kept != 0 {
		t.Errorf("another version: kept %d, %v; want 0", kept, err)
	}
	// A part whose file is not the size recorded: written again.
	truncated := filepath.Join(dir, "truncated")
	os.Truncate(filepath.Join(next, "incidents", parquetio.PartName(0)), 10)
	if kept, err := writeIncidentParts(truncated, next, "v1", rows, 2); err != nil || kept != all-1 {
		t.Errorf("a part truncated: kept %d, %v; want %d", kept, err, all-1)
	}
	// A record edited: its checksum fails, nothing kept.
	path := filepath.Join(truncated, incidentPartsFile)
	b, _ := os.ReadFile(path)
	b[len(incidentPartsMagic)+3] ^= 1
	os.WriteFile(path, b, 0o644)
	if _, err := readIncidentParts(truncated, "v1"); err == nil {
		t.Error("an edited record was read")
	}
	if kept, err := writeIncidentParts(filepath.Join(dir, "edited"), truncated, "v1", rows, 2); err != nil || kept != 0 {
		t.Errorf("an edited record: kept %d, %v; want 0", kept, err)
	}
}

// TestIncidentRowsHashCoversEveryField: every field of an incident row
// changes its hash, so a part is never kept with a stale value; a nil
// pointer and a pointer to zero differ, as NULL and 0 do.
func TestIncidentRowsHashCoversEveryField(t *testing.T) {
	zero := incidentRowsHash([]schemas.Incident{{}})
	typ := reflect.TypeFor[schemas.Incident]()
	day, _ := schemas.NewDate(2024, 4, 1)
	for i := range typ.NumField() {
		f := typ.Field(i)
		var r schemas.Incident
		v := reflect.ValueOf(&r).Elem().Field(i)
		switch v.Interface().(type) {
		case string:
			v.SetString("x")
		case bool:
			v.SetBool(true)
		case int32:
			v.SetInt(1)
		case []string:
			v.Set(reflect.ValueOf([]string{}))
		case schemas.Date:
			v.Set(reflect.ValueOf(day))
		case *int64, *int32, *bool:
			v.Set(reflect.New(f.Type.Elem())) // a pointer to zero
		default:
			t.Fatalf("field %s: type %s not covered by this test", f.Name, f.Type)
		}
		if incidentRowsHash([]schemas.Incident{r}) == zero {
			t.Errorf("field %s does not change the hash", f.Name)
		}
	}
	a := []schemas.Incident{{Organization: "ab", Sector: ""}}
	b := []schemas.Incident{{Organization: "a", Sector: "b"}}
	if incidentRowsHash(a) == incidentRowsHash(b) {
		t.Error("fields run into each other")
	}
}

// TestIncidentPartsSameWhateverWriters: the parts written on several
// goroutines are the files, and the record, one writer makes.
func TestIncidentPartsSameWhateverWriters(t *testing.T) {
	smallIncidentParts(t, 8)
	rows := someIncidents(300)
	dir := t.TempDir()
	var want map[string][]byte
	for _, writers := range []int{1, 2, 5} {
		out := filepath.Join(dir, fmt.Sprint(writers))
		if _, err := writeIncidentParts(out, "", "v1", rows, writers); err != nil {
			t.Fatalf("%d writers: %v", writers, err)
		}
		got := map[string][]byte{}
		var files []string
		for _, p := range parts(t, out, "incidents") {
			files = append(files, filepath.Join("incidents", p))
		}
		for _, rel := range append(files, incidentPartsFile) {
			b, err := os.ReadFile(filepath.Join(out, rel))
			if err != nil {
				t.Fatal(err)
			}
			got[rel] = b
		}
		if want == nil {
			want = got
			if len(want) < 4 {
				t.Fatalf("%d files: the rows should make several parts", len(want))
			}
			continue
		}
		if len(got) != len(want) {
			t.Errorf("%d writers: %d files, one writer %d", writers, len(got), len(want))
		}
		for rel, b := range want {
			if !bytes.Equal(got[rel], b) {
				t.Errorf("%d writers: %s differs from one writer's", writers, rel)
			}
		}
	}
}
