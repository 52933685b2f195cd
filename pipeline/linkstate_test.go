package pipeline

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

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
	if err := w.finish(parts, nil); err != nil {
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
	want := inputRecord{rejects: rejects, keys: []string{"k1", ""}, incident: []link.Kept{{Compact: link.AppendCompact(nil, &incident), IncidentID: "inc-1"}}}
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
	if err := w2.finish(s.parts, nil); err != nil {
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

// TestLinkStateRecordChecked: a record whose notice's compact form is
// damaged does not decode (the rerun reads that input again), and a
// record re-encoded with new incident ids reads back with them.
func TestLinkStateRecordChecked(t *testing.T) {
	n := schemas.Notice{NoticeID: "a", IsIncident: true, Organization: "架空市", ReportSeq: new(int32(2))}
	rec := inputRecord{keys: []string{"k"}, incident: []link.Kept{{Compact: link.AppendCompact(nil, &n), IncidentID: "inc-1"}}}
	b := encodeInputRecord(rec)
	got, err := decodeInputRecord(b)
	if err != nil || !reflect.DeepEqual(got, rec) {
		t.Fatalf("decoded %+v, %v; want %+v", got, err, rec)
	}
	got.incident[0].IncidentID = "inc-2"
	again, err := decodeInputRecord(encodeInputRecord(got))
	if err != nil || again.incident[0].IncidentID != "inc-2" || string(again.incident[0].Compact) != string(rec.incident[0].Compact) {
		t.Errorf("re-encoded with a new id: %+v, %v", again, err)
	}
	damaged := encodeInputRecord(inputRecord{incident: []link.Kept{{Compact: append(link.AppendCompact(nil, &n), 0), IncidentID: "inc-1"}}})
	if _, err := decodeInputRecord(damaged); err == nil {
		t.Error("a damaged compact notice decoded")
	}
}

// TestLinkStateFinishedBesideTheTables: an incremental run finishes its
// link state (the linker's snapshot, hashed and synced) while it writes
// the incidents and derived tables, not before them: the link state's end
// waits here until a derived table is built, which a run that finished it
// first would never do. A run that writes every table finishes it before
// its derived tables (their aggregates over every row would add DuckDB's
// memory to the snapshot's).
func TestLinkStateFinishedBesideTheTables(t *testing.T) {
	smallParts(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := oldCorpus(t, in)
	var order []string
	var mu sync.Mutex
	note := func(what string) {
		mu.Lock()
		defer mu.Unlock()
		order = append(order, what)
	}
	derivedHook = func(string, string) { note("derived") }
	linkStateFinishHook = func() { note("link state") }
	defer func() { derivedHook, linkStateFinishHook = nil, nil }()
	first := run(t, out, 2, in)
	if len(order) == 0 || order[0] != "link state" {
		t.Errorf("a run writing every table: %v, want the link state finished first", order)
	}

	addFile(t, in, "zz-new.txt", newNotice(t, files[1]))
	built := make(chan struct{})
	var once sync.Once
	derivedHook = func(string, string) { once.Do(func() { close(built) }) }
	waited := false
	linkStateFinishHook = func() {
		select {
		case <-built:
			waited = true
		case <-time.After(20 * time.Second):
		}
	}
	if sum := run(t, out, 2, in); sum.Manifest.KeptInputs == 0 {
		t.Fatal("a file added: no input kept, the run was not incremental")
	}
	if !waited {
		t.Fatal("an incremental run: no derived table was built while the link state was being finished")
	}
	version, err := cacheVersion(first.Manifest.Rules, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := readLinkState(out, version); err != nil {
		t.Fatalf("the link state does not read back: %v", err)
	}
}
