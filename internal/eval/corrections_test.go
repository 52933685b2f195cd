package eval

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestScoreBeforeAndAfterCorrections: a run whose notices carry the
// extractor's values of corrected fields is scored twice, and the report
// prints both, the corrected one last.
func TestScoreBeforeAndAfterCorrections(t *testing.T) {
	gold := readGoldFile(t, fixture("gold.jsonl"))
	segs := readSegments(t, fixture("run.jsonl"))
	plain := Score(gold, segs)
	if plain.Extractor != nil {
		t.Fatal("a run with no corrections has an extractor-alone score")
	}
	// Correct every segment's cause and sector to the gold's first value,
	// keeping what the extractor said.
	matches := Match(gold, segs)
	corrected := make([]Segment, len(segs))
	copy(corrected, segs)
	fixed := 0
	for gi, si := range matches {
		if si < 0 || len(gold[gi].Cause) == 0 || gold[gi].Cause[0] == nil {
			continue
		}
		s := &corrected[si]
		was := ""
		if s.Cause != nil {
			was = *s.Cause
		}
		if was == *gold[gi].Cause[0] {
			continue
		}
		s.Extracted = map[string]string{"cause": was}
		s.Cause = gold[gi].Cause[0]
		fixed++
	}
	if fixed == 0 {
		t.Fatal("the fixture has no wrong cause to correct")
	}
	r := Score(gold, corrected)
	if r.Extractor == nil || r.CorrectedFields != fixed || r.CorrectedNotices != fixed {
		t.Fatalf("extractor %v, fields %d notices %d, want %d", r.Extractor, r.CorrectedFields, r.CorrectedNotices, fixed)
	}
	if r.Extractor.Score != plain.Score || r.Extractor.Hard != plain.Hard {
		t.Errorf("extractor alone %.3f/%.3f, want the uncorrected run's %.3f/%.3f", r.Extractor.Score, r.Extractor.Hard, plain.Score, plain.Hard)
	}
	if r.Score <= plain.Score {
		t.Errorf("corrected score %.3f not above %.3f", r.Score, plain.Score)
	}
	var b bytes.Buffer
	r.Write(&b, false)
	out := b.String()
	if !strings.Contains(out, "extractor alone:  hard") || !strings.Contains(out, "with corrections: hard") ||
		!strings.HasSuffix(out, fmt.Sprintf("\nscore: %.3f\n", r.Score)) {
		t.Errorf("report:\n%s", out)
	}
}

func TestLoadExtractedValues(t *testing.T) {
	db := openDuck(t, `CREATE TABLE notices AS SELECT notice_id, source_path, segment_index::INTEGER AS segment_index,
		text, is_incident, case_id, report_seq::INTEGER AS report_seq, final_report, organization,
		published_date, discovered_date, occurred_date, affected_count, cause, sector, data_types,
		CASE WHEN notice_id = 'n1' THEN MAP {'cause': 'unknown', 'affected_count': ''} END AS extracted_values
		FROM (`+noticesColumns+`)`)
	segs, err := LoadSegments(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	var n1 *Segment
	for i := range segs {
		if segs[i].Text == "本文 二" {
			n1 = &segs[i]
		} else if segs[i].Extracted != nil {
			t.Errorf("%s #%d: extracted %v", segs[i].SourcePath, segs[i].SegmentIndex, segs[i].Extracted)
		}
	}
	if n1 == nil || n1.Extracted["cause"] != "unknown" || n1.Extracted["affected_count"] != "" || len(n1.Extracted) != 2 {
		t.Fatalf("n1 extracted = %v", n1)
	}
	own, fields, notices := Uncorrected(segs)
	for _, s := range own {
		if s.Text == "本文 二" && (s.Cause == nil || *s.Cause != "unknown" || s.AffectedCount != nil) {
			t.Errorf("reverted n1: cause %v count %v", s.Cause, s.AffectedCount)
		}
	}
	if fields != 2 || notices != 1 || *n1.Cause != "loss" {
		t.Errorf("fields %d notices %d; the input changed: %v", fields, notices, *n1.Cause)
	}
}
