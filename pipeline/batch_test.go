package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"
)

// TestMain lets the test binary act as a breachtrend run in a child
// process, so a test can kill it with SIGKILL midway.
func TestMain(m *testing.M) {
	if out := os.Getenv("BREACHTREND_CHILD_OUT"); out != "" {
		cfg := Config{Inputs: []string{os.Getenv("BREACHTREND_CHILD_IN")}, Out: out, Workers: 1}
		if err := cfg.Validate(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if _, err := Run(context.Background(), cfg); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func copyCorpus(t testing.TB, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func runCfg(t testing.TB, cfg Config) (Summary, error) {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return Run(context.Background(), cfg)
}

// TestRerunReusesCache: a rerun over an unchanged corpus computes nothing
// anew and writes the same rows; --full recomputes.
func TestRerunReusesCache(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	first := run(t, out, 2)
	if first.Manifest.CacheMiss != first.Segments || first.CacheHits != 0 {
		t.Errorf("first run: %d hits, %d misses", first.CacheHits, first.Manifest.CacheMiss)
	}
	before := rowsJSON(t, open(t, out), "SELECT * FROM notices")
	second := run(t, out, 2)
	if second.CacheHits != second.Segments || second.Manifest.CacheMiss != 0 {
		t.Errorf("rerun: %d hits, %d misses of %d segments", second.CacheHits, second.Manifest.CacheMiss, second.Segments)
	}
	if after := rowsJSON(t, open(t, out), "SELECT * FROM notices"); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Error("the rerun wrote other rows")
	}
	full, err := runCfg(t, Config{Inputs: []string{corpus}, Out: out, Full: true})
	if err != nil || full.CacheHits != 0 {
		t.Errorf("--full: %d hits, %v", full.CacheHits, err)
	}
}

// TestAddedFileCostsOnlyItsSegments: after one file is added, only its
// segments are extracted.
func TestAddedFileCostsOnlyItsSegments(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	copyCorpus(t, in)
	extra := filepath.Join(in, "004_f5e2bd118094ba70.txt")
	b, _ := os.ReadFile(extra)
	os.Remove(extra)
	out := filepath.Join(dir, "out")
	run(t, out, 2, in)
	if err := os.WriteFile(extra, b, 0o644); err != nil {
		t.Fatal(err)
	}
	sum := run(t, out, 2, in)
	if sum.Manifest.CacheMiss != 1 || sum.CacheHits != sum.Segments-1 {
		t.Errorf("after adding one single-notice file: %d misses, %d hits of %d", sum.Manifest.CacheMiss, sum.CacheHits, sum.Segments)
	}
}

// TestCacheVersion: a cache written by other rules is not used, and a
// torn cache file is ignored whole.
func TestCacheVersion(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	run(t, out, 1)
	entries := func(version string, full bool) int {
		c, err := openCache(out, t.TempDir(), version, full)
		if err != nil {
			t.Fatal(err)
		}
		defer c.close()
		return len(c.oldIdx)
	}
	if n := entries(rulesVersion(), false); n != 26 {
		t.Errorf("same version: %d entries, want 26", n)
	}
	if n := entries("other-rules", false); n != 0 {
		t.Errorf("other version: %d entries, want 0", n)
	}
	if n := entries(rulesVersion(), true); n != 0 {
		t.Error("--full read the cache")
	}
	path := filepath.Join(out, cacheFile)
	b, _ := os.ReadFile(path)
	os.WriteFile(path, b[:len(b)-40], 0o644) // torn mid-line
	if n := entries(rulesVersion(), false); n != 0 {
		t.Errorf("torn cache: %d entries used", n)
	}
}

// badInputs writes one file of each kind of bad input into dir and returns
// the names that must each have a reject row.
func badInputs(t *testing.T, dir string) []string {
	t.Helper()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("binary.txt", append([]byte("\x7fELF\x02\x01\x01\x00"), bytes.Repeat([]byte{0, 1, 2, 3, 0xff}, 400)...))
	write("empty.txt", nil)
	write("invalid_utf8.txt", []byte("個人情報の\xff\xfe\xfd漏えいについて\xc3\x28のお知らせ"))
	write("undetectable.txt", bytes.Repeat([]byte{0x80, 0xfe, 0x81, 0xff, 0xa0, 0x85}, 300))
	write("long_line.txt", bytes.Repeat([]byte("漏"), 10<<20/3+1))
	write("bad.jsonl", []byte(`{"text":"このたび、当社において不正アクセスによる個人情報の漏えいが判明しました。お詫び申し上げます。"}`+"\n{not json\n"+
		`{"text":"本市職員が書類を紛失しました。関係者の皆様に深くお詫び申し上げます。","published":"2024-05-01"}`+"\n"))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte("不正アクセスについてのお知らせ。"), 500))
	zw.Close()
	write("truncated.txt.gz", gz.Bytes()[:gz.Len()/2])
	big, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(200 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	big.Close()
	unreadable := "unreadable.txt"
	if err := syscall.Mkfifo(filepath.Join(dir, "unreadable.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "loop"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(dir, "loop", "up")); err != nil {
		t.Fatal(err)
	}
	return []string{"binary.txt", "empty.txt", "invalid_utf8.txt", "undetectable.txt", "long_line.txt",
		"bad.jsonl", "truncated.txt.gz", "huge.txt", unreadable, "loop/up"}
}

// TestBadInputsBecomeRejects: a folder of every kind of bad input beside
// the seeds: the run succeeds, every bad input has its reject row, the good
// lines of a bad JSON Lines file load, and the seeds' rows are the same as
// without the bad inputs.
func TestBadInputsBecomeRejects(t *testing.T) {
	dir := t.TempDir()
	clean, dirty := filepath.Join(dir, "clean"), filepath.Join(dir, "dirty")
	copyCorpus(t, clean)
	copyCorpus(t, dirty)
	bad := badInputs(t, dirty)
	run(t, filepath.Join(dir, "out-clean"), 2, clean)
	sum := run(t, filepath.Join(dir, "out-dirty"), 2, dirty)
	db := open(t, filepath.Join(dir, "out-dirty"))
	for _, name := range bad {
		n := scalar[int64](t, db, fmt.Sprintf("SELECT count(*) FROM rejects WHERE source_path = '%s' OR source_path LIKE '%s/%%'", name, name))
		if n == 0 {
			t.Errorf("%s: no reject row", name)
		}
	}
	if n := scalar[int64](t, db, "SELECT count(*) FROM notices WHERE source_path = 'bad.jsonl'"); n != 2 {
		t.Errorf("bad.jsonl: %d notices from its 2 good lines", n)
	}
	if sum.Rejects < len(bad) {
		t.Errorf("%d rejects for %d bad inputs", sum.Rejects, len(bad))
	}
	q := "SELECT * EXCLUDE (incident_id) FROM notices WHERE source_path LIKE '0%' ORDER BY source_path, segment_index"
	want := rowsJSON(t, open(t, filepath.Join(dir, "out-clean")), q)
	if got := rowsJSON(t, db, q); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Error("the seeds' rows differ when bad inputs sit beside them")
	}
	for _, r := range rowsJSON(t, db, "SELECT reason, detail FROM rejects") {
		if strings.Contains(r, `"detail":""`) {
			t.Errorf("reject without detail: %s", r)
		}
	}
}

// encodable replaces the runes that Shift_JIS or EUC-JP cannot hold (•,
// some symbols) by 「・」, so the three encodings carry the same text.
func encodable(s string) string {
	var b strings.Builder
	for _, r := range s {
		_, e1 := japanese.ShiftJIS.NewEncoder().String(string(r))
		_, e2 := japanese.EUCJP.NewEncoder().String(string(r))
		if e1 != nil || e2 != nil {
			r = '・'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestEncodingsGiveSameRows: the Shift_JIS and EUC-JP forms of seed files
// give the same rows as their UTF-8 form: 000 as it is, and 003 (notices
// and two non-notice posts) with the few runes those encodings lack
// replaced.
func TestEncodingsGiveSameRows(t *testing.T) {
	for _, name := range []string{"000_ad3ee41a9ddb441a.txt", "003_54a9b36208e9067f.txt"} {
		src, err := os.ReadFile(filepath.Join(corpus, name))
		if err != nil {
			t.Fatal(err)
		}
		text := encodable(string(src))
		if name[:3] == "000" && text != string(src) {
			t.Fatalf("%s should encode as it is", name)
		}
		dir := t.TempDir()
		var ref []string
		for _, enc := range []struct {
			name string
			enc  func(string) (string, error)
		}{
			{"utf-8", func(s string) (string, error) { return s, nil }},
			{"shift_jis", japanese.ShiftJIS.NewEncoder().String},
			{"euc-jp", japanese.EUCJP.NewEncoder().String},
		} {
			b, err := enc.enc(text)
			if err != nil {
				t.Fatalf("%s %s: %v", name, enc.name, err)
			}
			in := filepath.Join(dir, enc.name)
			os.MkdirAll(in, 0o755)
			if err := os.WriteFile(filepath.Join(in, name), []byte(b), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out-"+enc.name)
			run(t, out, 1, in)
			db := open(t, out)
			if got := scalar[string](t, db, "SELECT DISTINCT encoding FROM notices"); got != enc.name {
				t.Errorf("%s: encoding = %s, want %s", name, got, enc.name)
			}
			rows := rowsJSON(t, db, "SELECT * EXCLUDE (encoding) FROM notices ORDER BY segment_index")
			if ref == nil {
				ref = rows
			} else if strings.Join(rows, "\n") != strings.Join(ref, "\n") {
				t.Errorf("%s: %s rows differ from UTF-8", name, enc.name)
			}
		}
	}
}

func TestSecondRunStopsOnLock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	l, err := lockOutput(out, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = runCfg(t, Config{Inputs: []string{corpus}, Out: out})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "pid") {
		t.Errorf("second run: %v, want ErrLocked naming the holder", err)
	}
	l.release()
	if _, err := runCfg(t, Config{Inputs: []string{corpus}, Out: out}); err != nil {
		t.Errorf("after release: %v", err)
	}
}

func TestMaxRejects(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	copyCorpus(t, in)
	os.WriteFile(filepath.Join(in, "empty.txt"), nil, 0o644)
	out := filepath.Join(dir, "out")
	if _, err := runCfg(t, Config{Inputs: []string{in}, Out: out, LimitRejects: true, MaxRejects: 1}); err != nil {
		t.Fatalf("1 reject with --max-rejects 1: %v", err)
	}
	os.WriteFile(filepath.Join(in, "empty2.txt"), nil, 0o644)
	_, err := runCfg(t, Config{Inputs: []string{in}, Out: out, LimitRejects: true, MaxRejects: 1})
	if err == nil || !strings.Contains(err.Error(), "empty_file 2") {
		t.Errorf("2 rejects with --max-rejects 1: %v", err)
	}
	if n := scalar[int64](t, open(t, out), "SELECT count(*) FROM rejects"); n != 1 {
		t.Errorf("the failed run replaced the tables (%d rejects)", n)
	}
}

// TestKilledRunKeepsPreviousTables kills a run with SIGKILL while it writes
// and checks the previous tables are intact and the next run succeeds.
func TestKilledRunKeepsPreviousTables(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large corpus")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	run(t, out, 2)
	before := rowsJSON(t, open(t, out), "SELECT notice_id FROM notices")

	in := filepath.Join(dir, "big")
	os.MkdirAll(in, 0o755)
	files, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	for i := 0; i < 400; i++ {
		for _, f := range files {
			b, _ := os.ReadFile(f)
			b = append(b, []byte(fmt.Sprintf("\n(複製 %d)\n", i))...)
			os.WriteFile(filepath.Join(in, fmt.Sprintf("%03d_%s", i, filepath.Base(f))), b, 0o644)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "BREACHTREND_CHILD_OUT="+out, "BREACHTREND_CHILD_IN="+in)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the child is writing its staging folder, then kill it.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m, _ := filepath.Glob(filepath.Join(dir, ".out.staging-*", "notices", "*.parquet")); len(m) > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child never started writing")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("child was not killed mid-run: %v", err)
	}
	after := rowsJSON(t, open(t, out), "SELECT notice_id FROM notices")
	if strings.Join(after, ",") != strings.Join(before, ",") {
		t.Fatal("the killed run changed the previous tables")
	}
	run(t, out, 2) // takes the lock the dead child held and clears its staging folder
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.staging-*")); len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
}

// TestRulesVersionIsBuildID: the cache's rules version names the build's
// inputs (the Go build ID), not the file's time, so relinking unchanged
// code keeps the cache.
func TestRulesVersionIsBuildID(t *testing.T) {
	id := goBuildID(os.Args[0])
	if id == "" {
		t.Skip("no Go build ID in this executable (not ELF?)")
	}
	if v := rulesVersion(); !strings.HasSuffix(v, "/"+id) {
		t.Errorf("rules version %q does not end in the build ID %q", v, id)
	}
}
