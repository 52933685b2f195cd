package pipeline

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/link"
)

// TestLinkStateRoundTrip: what a run streams into its link state, input by
// input, reads back as the same entries and records; a record kept as it
// was read is written back the same; another version is not read.
func TestLinkStateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	w, err := createLinkState(dir, "v1")
	if err != nil {
		t.Fatal(err)
	}
	b := linkStateBuilder{out: w}
	incident := schemas.Notice{NoticeID: "a", SourcePath: "x.txt", IsIncident: true, Organization: "架空市", IncidentID: "inc-1",
		PublishedDate: schemas.MustDate("2024-01-02"), DataTypes: []string{"name"},
		Events: []schemas.Event{{Kind: schemas.EventReported, Date: schemas.MustDate("2024-01-03"), Sentence: "報告"}, {Kind: schemas.EventPublished}}}
	rejects := []schemas.Reject{{Stage: "segment", Source: "x.txt", Segment: 3, Reason: "empty_segment", Detail: "見出しだけ"}}
	b.result(rejects, []string{"k1", ""})
	b.add(&incident)
	b.add(&schemas.Notice{NoticeID: "b"})
	b.endInput("x-key", "sha-x", 0)
	b.result(nil, nil)
	b.endInput("y-key", "sha-y", 1)
	parts := []partInfo{{notices: 2, timeline: 2, noticesSize: 100, timelineSize: 50}, {noticesSize: 10, timelineSize: 5}}
	if err := w.finish(parts); err != nil {
		t.Fatal(err)
	}

	s, err := readLinkState(dir, "v1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.parts, parts) || len(s.inputs) != 2 || s.byKey["y-key"] != 1 {
		t.Fatalf("parts %+v, inputs %+v", s.parts, s.inputs)
	}
	x := s.inputs[0]
	if x.key != "x-key" || x.sha256 != "sha-x" || x.part != 0 || x.segments != 2 || x.timeline != 2 {
		t.Errorf("entry %+v", x)
	}
	rec, err := decodeInputRecord(x.record)
	if err != nil {
		t.Fatal(err)
	}
	want := inputRecord{rejects: rejects, keys: []string{"k1", ""}, incident: []schemas.Notice{link.Compact(&incident)}}
	if !reflect.DeepEqual(rec, want) {
		t.Errorf("record %+v, want %+v", rec, want)
	}

	again := t.TempDir()
	w2, err := createLinkState(again, "v1")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range s.inputs {
		w2.input(in)
	}
	if err := w2.finish(s.parts); err != nil {
		t.Fatal(err)
	}
	b1, _ := os.ReadFile(filepath.Join(dir, linkStateFile))
	b2, _ := os.ReadFile(filepath.Join(again, linkStateFile))
	if string(b1) != string(b2) {
		t.Error("the entries read back are not written back the same")
	}
	if _, err := readLinkState(dir, "v2"); err == nil {
		t.Error("a link state of another version was read")
	}
}
