package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/segment"
)

// seedNotice is one notice of the bundled corpus.
func seedNotice(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpus, "000_ad3ee41a9ddb441a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeCorpusFile(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestInvalidUTF8FileName: a file named in Shift_JIS (as zip archives from
// Japanese Windows name them) is read, and the tables stay readable:
// source_path holds the name escaped (%XX), valid UTF-8.
func TestInvalidUTF8FileName(t *testing.T) {
	in := t.TempDir()
	name, err := japanese.ShiftJIS.NewEncoder().String("個人情報のお知らせ")
	if err != nil {
		t.Fatal(err)
	}
	if utf8.ValidString(name) {
		t.Fatal("the Shift_JIS name is valid UTF-8: the test would prove nothing")
	}
	writeCorpusFile(t, in, name+".txt", seedNotice(t))
	writeCorpusFile(t, in, name+".docx", []byte("PK\x03\x04")) // a reject that names the file (a .pdf is read, through pdftotext)
	out := filepath.Join(t.TempDir(), "out")
	sum := run(t, out, 1, in)
	if sum.Files != 1 || sum.Segments == 0 || sum.Rejects != 1 {
		t.Fatalf("summary %+v: want the file read and the .docx rejected", sum)
	}
	db := open(t, out)
	paths := rowsJSON(t, db, "SELECT DISTINCT source_path FROM notices")
	rejects := rowsJSON(t, db, "SELECT source_path, reason, detail FROM rejects")
	incidents := rowsJSON(t, db, "SELECT sources FROM incidents")
	if len(paths) != 1 || !strings.Contains(paths[0], "%8C") || len(rejects) != 1 || len(incidents) == 0 {
		t.Errorf("notices %q, rejects %q, incidents %q", paths, rejects, incidents)
	}
}

// TestOutInsideInNotRead: an --out inside the --in folder is not read back
// as input on the next run.
func TestOutInsideInNotRead(t *testing.T) {
	in := t.TempDir()
	writeCorpusFile(t, in, "a.txt", seedNotice(t))
	out := filepath.Join(in, "out")
	first := run(t, out, 1, in)
	second := run(t, out, 1, in)
	if first.Files != 1 || second.Files != 1 || second.Rejects != 0 || second.Segments != first.Segments {
		t.Errorf("first run %+v, second %+v: want the second to read a.txt only", first, second)
	}
}

// TestSymlinkOutsideInput: a link out of the --in folder is a reject that
// names its target, unless FollowSymlinks.
func TestSymlinkOutsideInput(t *testing.T) {
	base := t.TempDir()
	in := filepath.Join(base, "in")
	writeCorpusFile(t, in, "a.txt", seedNotice(t))
	writeCorpusFile(t, base, "secret/s.txt", seedNotice(t))
	if err := os.Symlink(filepath.Join(base, "secret", "s.txt"), filepath.Join(in, "s.txt")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(base, "out")
	sum := run(t, out, 1, in)
	if sum.Files != 1 || sum.Rejects != 1 {
		t.Errorf("default: %+v, want a.txt read and the link rejected", sum)
	}
	db := open(t, out)
	if got := scalar[string](t, db, "SELECT reason || ' ' || detail FROM rejects"); !strings.HasPrefix(got, "symlink_outside_root ") || !strings.Contains(got, filepath.Join(base, "secret", "s.txt")) {
		t.Errorf("reject %q: want symlink_outside_root naming the target", got)
	}
	db.Close()

	cfg := Config{Inputs: []string{in}, Out: out, Workers: 1, FollowSymlinks: true}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := runCfg(t, cfg); err != nil {
		t.Fatal(err)
	}
	db = open(t, out)
	if got := scalar[int64](t, db, "SELECT count(DISTINCT source_path) FROM notices"); got != 2 {
		t.Errorf("FollowSymlinks: %d files in notices, want 2", got)
	}
}

// TestHeaderOnlySegmentsRejected: blog headers with no body are
// empty_segment rejects in stage segment, not notices or incidents.
func TestHeaderOnlySegmentsRejected(t *testing.T) {
	in := t.TempDir()
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "【セキュリティ事件簿#2023-%03d】株式会社サンプル%d 不正アクセスに関するお知らせ 2023年6月29日\n\n", i%1000, i)
	}
	writeCorpusFile(t, in, "headers.txt", []byte(b.String()))
	writeCorpusFile(t, in, "notice.txt", seedNotice(t))
	out := filepath.Join(t.TempDir(), "out")
	sum := run(t, out, 2, in)
	db := open(t, out)
	if got := scalar[int64](t, db, "SELECT count(*) FROM notices WHERE source_path = 'headers.txt'"); got != 0 {
		t.Errorf("%d notices from header-only segments, want 0", got)
	}
	if got := scalar[int64](t, db, "SELECT count(*) FROM rejects WHERE stage = 'segment' AND reason = 'empty_segment' AND source_path = 'headers.txt'"); got != 2000 {
		t.Errorf("%d empty_segment rejects, want 2000", got)
	}
	if sum.Segments == 0 || sum.Incidents == 0 || sum.Incidents > sum.Notices {
		t.Errorf("summary %+v: the real notice must still be read", sum)
	}
}

// TestBatchesAsWholeFiles: a file handed on in many small batches gives
// the notices, rejects and order that one batch a file gives.
func TestBatchesAsWholeFiles(t *testing.T) {
	in := t.TempDir()
	seeds, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	var jsonl strings.Builder
	for i := range 3 {
		for _, f := range seeds {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				writeCorpusFile(t, in, filepath.Base(f), b)
			}
			rec, _ := json.Marshal(map[string]string{"text": string(b), "url": f})
			jsonl.Write(rec)
			jsonl.WriteString("\nnot json\n")
		}
	}
	writeCorpusFile(t, in, "feed.jsonl", []byte(jsonl.String()))
	writeCorpusFile(t, in, "z-headers.txt", []byte(strings.Repeat("【事件簿#2023-001】見出しだけ\n\n", 7)))

	collect := func(batch int) (files map[string]fileResult, results int) {
		st := newStages()
		st.batchNotices = batch
		files = map[string]fileResult{}
		var order []string
		err := fanOut(context.Background(), Config{Inputs: []string{in}, Out: filepath.Join(in, "out"), Workers: 2}, st,
			func(r fileResult) error {
				results++
				f, seen := files[r.input.Rel]
				if !seen {
					order = append(order, r.input.Rel)
				}
				if f.last {
					t.Errorf("%s: a result after the last", r.input.Rel)
				}
				f.input, f.last, f.sha256 = r.input, r.last, r.sha256
				f.notices = append(f.notices, r.notices...)
				f.rejects = append(f.rejects, r.rejects...)
				files[r.input.Rel] = f
				return nil
			}, func(r schemas.Reject) { t.Errorf("walk reject %v", r) })
		if err != nil {
			t.Fatal(err)
		}
		if !slices.IsSorted(order) {
			t.Errorf("files emitted out of walk order: %q", order)
		}
		for rel, f := range files {
			if !f.last {
				t.Errorf("%s: no last result", rel)
			}
			sortRejects(f.rejects)
		}
		return files, results
	}
	whole, wholeResults := collect(defaultBatchNotices)
	small, smallResults := collect(3)
	if wholeResults != len(whole) || smallResults <= len(small)+5 {
		t.Errorf("results: %d for %d files in whole batches, %d for %d in batches of 3", wholeResults, len(whole), smallResults, len(small))
	}
	if !reflect.DeepEqual(whole, small) {
		for rel := range whole {
			if !reflect.DeepEqual(whole[rel], small[rel]) {
				t.Errorf("%s: batches of 3 differ from one batch (%d vs %d notices, %d vs %d rejects)", rel,
					len(small[rel].notices), len(whole[rel].notices), len(small[rel].rejects), len(whole[rel].rejects))
			}
		}
	}
}

// TestInFlightBudget: files of the largest size the loader reads are worked
// on one at a time, whatever the workers, so that memory stays within the
// budget; small files still go side by side.
func TestInFlightBudget(t *testing.T) {
	in := t.TempDir()
	notice := seedNotice(t)
	for i := range 4 {
		writeCorpusFile(t, in, fmt.Sprintf("big-%d.txt", i), notice)
	}
	var busy, most atomic.Int32
	workingHook = func(delta int) {
		n := busy.Add(int32(delta))
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		if delta > 0 {
			time.Sleep(100 * time.Millisecond) // long enough for the others to start, if they may
		}
	}
	defer func() { workingHook = nil }()
	for _, tc := range []struct {
		limit int64 // the loader's MaxFileBytes
		want  int32 // most files worked on at once
	}{
		{int64(len(notice)), 1},        // each file is the largest size: alone
		{int64(len(notice)) * 1000, 4}, // small beside the limit: side by side
	} {
		most.Store(0)
		st := newStages()
		st.loader.MaxFileBytes = tc.limit
		err := fanOut(context.Background(), Config{Inputs: []string{in}, Out: filepath.Join(in, "out"), Workers: 4}, st,
			func(r fileResult) error { return nil },
			func(r schemas.Reject) { t.Errorf("walk reject %v", r) })
		if err != nil {
			t.Fatal(err)
		}
		if got := most.Load(); got != tc.want {
			t.Errorf("limit %d: %d files at once, want %d", tc.limit, got, tc.want)
		}
	}
}

// TestHugeSegmentRejected: text the segmenter finds no cut in, megabytes
// of it, is a segment_too_large reject, not one notice of that size (60 MB
// of it took 880 MB as a notice); the segments around it are kept.
func TestHugeSegmentRejected(t *testing.T) {
	in := t.TempDir()
	body := strings.Repeat("当社の個人情報が流出した可能性があります。\n", segment.MaxSegmentBytes/60+10)
	text := "【事件簿#2023-001】株式会社いち お知らせ\n" + string(seedNotice(t)) + "\n【事件簿#2023-002】株式会社に お知らせ\n" + body +
		"【事件簿#2023-003】株式会社さん お知らせ\n" + string(seedNotice(t))
	writeCorpusFile(t, in, "dump.txt", []byte(text))
	out := filepath.Join(t.TempDir(), "out")
	run(t, out, 1, in)
	db := open(t, out)
	if got := rowsJSON(t, db, "SELECT segment, reason FROM rejects"); len(got) != 1 || got[0] != `{"reason":"segment_too_large","segment":1}` {
		t.Errorf("rejects %q, want segment 1 segment_too_large", got)
	}
	if got := rowsJSON(t, db, "SELECT segment_index FROM notices ORDER BY 1"); len(got) != 2 || got[1] != `{"segment_index":2}` {
		t.Errorf("notices %q, want segments 0 and 2", got)
	}
}
