package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/eval"
	"github.com/breachtrend/breachtrend/internal/review"
	"github.com/breachtrend/breachtrend/schemas"
)

// noticeRows maps notice_id to the notice's row as a JSON object.
func noticeRows(t *testing.T, out string) map[string]map[string]any {
	t.Helper()
	rows := map[string]map[string]any{}
	for _, line := range rowsJSON(t, open(t, out), "SELECT * FROM notices") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		rows[m["notice_id"].(string)] = m
	}
	return rows
}

// derivedOf are the columns a corrected field may change besides itself.
var derivedOf = map[string][]string{
	"organization":   {"organization_key", "organization_evidence", "incident_id"},
	"cause":          {"veris_action", "tsr_category", "cause_evidence", "incident_id"},
	"affected_count": {"affected_count_evidence"},
	"published_date": {"published_evidence", "disclosure_delay_days", "incident_id"},
	"sector":         {},
}

// TestCorrectionsSurviveReruns is the done-when on the sample
// corpus: the review sheet lists the weak rows first; filling three of its
// rows and rerunning changes exactly those fields, with corrected as their
// source, extracts nothing anew, and keeps them across a --full rerun;
// an invalid and an orphaned row are reported.
func TestCorrectionsSurviveReruns(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "corpus"), filepath.Join(dir, "out")
	copyCorpus(t, in)
	first := run(t, out, 2, in)
	if first.Manifest.Corrections != nil {
		t.Fatal("a run with no corrections file records one")
	}
	before := noticeRows(t, out)

	var sheet bytes.Buffer
	if _, _, err := review.Generate(context.Background(), review.Options{Out: out, Format: "csv", File: "-"}, &sheet); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(sheet.String(), "\r\n"), "\r\n")
	if len(lines) < 4 {
		t.Fatalf("review sheet of %d lines:\n%s", len(lines), sheet.String())
	}
	// Fill the first three rows as an analyst would.
	type filled struct{ id, field, value string }
	var fills []filled
	valueFor := map[string]string{"cause": "unauthorized_access", "organization": "株式会社訂正済み", "published_date": "2023/7/3",
		"discovered_date": "2023-06-30", "affected_count": "1,234", "sector": "G", "data_types": "name;email", "occurred_date": "2023-06-01"}
	for i := 1; i <= 3; i++ {
		cells := strings.Split(lines[i], ",")
		id, field := cells[1], cells[4]
		v, ok := valueFor[field]
		if !ok {
			t.Fatalf("review row %d: field %s", i, field)
		}
		lines[i] = strings.TrimSuffix(lines[i], ",,") + "," + v + ",本文を確認"
		fills = append(fills, filled{id, field, v})
	}
	row := func(id, field, value, note string) string {
		return strings.Join([]string{"", id, "", "", field, "", "", "", "", "", value, note}, ",")
	}
	invalidLine := len(lines) + 1
	lines = append(lines, row("xxxx", "cause", "stolen", ""), // invalid: not a cause
		row("ffffffffffffffffffff", "cause", "loss", "消えた通知")) // orphaned: no such notice
	file := filepath.Join(dir, CorrectionsFile) // beside the corpus: the default
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\r\n")+"\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	var log bytes.Buffer
	second, err := runCfg(t, Config{Inputs: []string{in}, Out: out, Workers: 2, Log: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "level=WARN msg=corrections") || !strings.Contains(log.String(), "invalid=1 orphaned=1") {
		t.Errorf("no warning of the rows not applied in the log:\n%s", log.String())
	}
	man := second.Manifest
	if man.CacheMiss != 0 || second.CacheHits != second.Segments {
		t.Errorf("correction-only rerun: %d cache misses, %d hits of %d segments", man.CacheMiss, second.CacheHits, second.Segments)
	}
	if man.Corrections == nil || man.Corrections.Path != file || len(man.Corrections.SHA256) != 64 ||
		man.Corrections.Applied != 3 || man.Corrections.Invalid != 1 || man.Corrections.Orphaned != 1 {
		t.Errorf("manifest corrections = %+v", man.Corrections)
	}
	after := noticeRows(t, out)
	checkCorrected := func(after map[string]map[string]any) {
		t.Helper()
		changed := map[string][]string{}
		for _, f := range fills {
			changed[f.id] = append(changed[f.id], f.field)
		}
		for id, b := range before {
			a := after[id]
			allowed := []string{"field_sources", "extracted_values"}
			for _, f := range changed[id] {
				allowed = append(allowed, f)
				allowed = append(allowed, derivedOf[f]...)
			}
			for col := range b {
				if !slices.Contains(allowed, col) && !jsonEqual(a[col], b[col]) {
					t.Errorf("notice %s: %s changed from %v to %v", id, col, b[col], a[col])
				}
			}
			if len(changed[id]) == 0 && (!jsonEqual(a["field_sources"], b["field_sources"]) || a["extracted_values"] != nil) {
				t.Errorf("uncorrected notice %s: sources %v, extracted %v", id, a["field_sources"], a["extracted_values"])
			}
		}
		for _, f := range fills {
			a := after[f.id]
			src, _ := a["field_sources"].(map[string]any)
			ext, _ := a["extracted_values"].(map[string]any)
			if src[f.field] != schemas.SourceCorrected || ext == nil {
				t.Errorf("notice %s %s: source %v, extracted %v", f.id, f.field, src[f.field], ext)
			}
			if jsonEqual(a[f.field], before[f.id][f.field]) {
				t.Errorf("notice %s %s: not changed (%v)", f.id, f.field, a[f.field])
			}
		}
	}
	checkCorrected(after)

	db := open(t, out)
	statuses := rowsJSON(t, db, "SELECT status, line FROM corrections ORDER BY line")
	if len(statuses) != 5 || !strings.Contains(statuses[3], `"invalid"`) || !strings.Contains(statuses[4], `"orphaned"`) {
		t.Errorf("corrections table: %v", statuses)
	}
	rejects := rowsJSON(t, db, "SELECT source_path, segment, detail FROM rejects WHERE stage = 'correct'")
	if len(rejects) != 1 || !strings.Contains(rejects[0], file+":") || !strings.Contains(rejects[0], fmt.Sprintf(`"segment":%d`, invalidLine)) {
		t.Errorf("rejects of the corrections: %v", rejects)
	}

	// eval scores the extractor alone as the first run, and the tables
	// as they are.
	gf, err := os.Open("../testdata/gold/seeds.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	gold, err := eval.ReadGold(gf)
	gf.Close()
	if err != nil {
		t.Fatal(err)
	}
	score := func(out string) eval.Report {
		segs, err := eval.LoadSegments(context.Background(), open(t, out))
		if err != nil {
			t.Fatal(err)
		}
		return eval.Score(gold, segs)
	}
	corrected := score(out)
	if corrected.Extractor == nil || corrected.CorrectedFields != 3 {
		t.Fatalf("eval after corrections: extractor %v, %d fields", corrected.Extractor, corrected.CorrectedFields)
	}
	firstOut := filepath.Join(dir, "first")
	if _, err := runCfg(t, Config{Inputs: []string{in}, Out: firstOut, Corrections: NoCorrections}); err != nil {
		t.Fatal(err)
	}
	if own := score(firstOut); own.Score != corrected.Extractor.Score || own.Hard != corrected.Extractor.Hard {
		t.Errorf("extractor alone %.3f/%.3f, the run without corrections %.3f/%.3f",
			corrected.Extractor.Score, corrected.Extractor.Hard, own.Score, own.Hard)
	}

	full, err := runCfg(t, Config{Inputs: []string{in}, Out: out, Full: true})
	if err != nil || full.CacheHits != 0 {
		t.Fatalf("--full: %v, %d hits", err, full.CacheHits)
	}
	checkCorrected(noticeRows(t, out))

	// The corrected fields are no longer on the sheet.
	var again bytes.Buffer
	review.Generate(context.Background(), review.Options{Out: out, Format: "csv", File: "-"}, &again)
	for _, l := range strings.Split(again.String(), "\r\n") {
		for _, f := range fills {
			if strings.Contains(l, ","+f.id+",") && strings.Contains(l, ","+f.field+",") {
				t.Errorf("corrected field still on the sheet: %s", l)
			}
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// TestIncidentCorrections: same_incident merges two notices of different
// incidents, not_same_incident splits two reports of one, and is_incident
// false takes a notice out of the incidents.
func TestIncidentCorrections(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "corpus"), filepath.Join(dir, "out")
	copyCorpus(t, in)
	run(t, out, 2, in)
	db := open(t, out)
	ids := func(q string) []string {
		var out []string
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	// Two reports of one incident, and two notices of two others.
	pair := strings.Split(strings.Join(ids(`SELECT notice_ids[1] || ',' || notice_ids[2] FROM incidents WHERE reports >= 2 ORDER BY incident_id LIMIT 1`), ""), ",")
	singles := ids(`SELECT notice_ids[1] FROM incidents WHERE reports = 1 ORDER BY incident_id LIMIT 3`)
	if len(pair) != 2 || len(singles) != 3 {
		t.Fatalf("sample corpus: pair %v, singles %v", pair, singles)
	}
	csv := "notice_id,field,value\n" +
		pair[1] + ",not_same_incident," + pair[0] + "\n" +
		singles[0] + ",same_incident," + singles[1] + "\n" +
		singles[2] + ",is_incident,false\n"
	if err := os.WriteFile(filepath.Join(dir, "fix.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runCfg(t, Config{Inputs: []string{in}, Out: out, Corrections: filepath.Join(dir, "fix.csv")}); err != nil {
		t.Fatal(err)
	}
	db = open(t, out)
	incidentOf := func(id string) string {
		got := ids(`SELECT coalesce(incident_id, '') FROM notices WHERE notice_id = '` + id + `'`)
		if len(got) != 1 {
			t.Fatalf("notice %s: %v", id, got)
		}
		return got[0]
	}
	if incidentOf(pair[0]) == incidentOf(pair[1]) {
		t.Error("not_same_incident: the two reports are still one incident")
	}
	if a, b := incidentOf(singles[0]), incidentOf(singles[1]); a != b || a == "" {
		t.Errorf("same_incident: incidents %q and %q", a, b)
	}
	if inc := incidentOf(singles[2]); inc != "" {
		t.Errorf("is_incident false: still in incident %s", inc)
	}
	if st := ids(`SELECT DISTINCT status FROM corrections`); len(st) != 1 || st[0] != "applied" {
		t.Errorf("statuses %v", st)
	}
}
