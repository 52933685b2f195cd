package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles writes each name → content under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkFiles fails t unless each file under dir holds its content.
func checkFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if string(b) != content {
			t.Errorf("%s changed: %q", name, b)
		}
	}
}

// refuses checks that a run with cfg is refused as a usage error naming
// want, both by Validate and by Run itself.
func refuses(t *testing.T, cfg Config, want string) {
	t.Helper()
	err := cfg.Validate()
	if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), want) {
		t.Errorf("Validate: %v, want a usage error naming %q", err, want)
	}
	cfg.Workers = 1
	if len(cfg.Inputs) == 0 {
		cfg.Inputs = []string{corpus}
	}
	_, err = Run(context.Background(), cfg)
	if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), want) {
		t.Errorf("Run: %v, want a usage error naming %q", err, want)
	}
	for _, s := range []string{".staging-", ".lock"} {
		if err != nil && strings.Contains(err.Error(), s) {
			t.Errorf("the message names an internal file: %v", err)
		}
	}
}

// TestOutputRefusesWhatItDidNotWrite: each --out that would have cost a
// user's files is refused with exit 2 and a message naming it, and the
// files are all there afterwards.
func TestOutputRefusesWhatItDidNotWrite(t *testing.T) {
	userFiles := map[string]string{"thesis.tex": "chapter 1", "data/survey.csv": "a,b\n1,2\n"}

	t.Run("folder of unrelated files", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "docs")
		writeFiles(t, out, userFiles)
		refuses(t, Config{Inputs: []string{corpus}, Out: out}, out)
		checkFiles(t, out, userFiles)
	})
	t.Run("the working folder", func(t *testing.T) {
		wd := t.TempDir()
		writeFiles(t, wd, userFiles)
		t.Chdir(wd)
		in, _ := filepath.Abs(filepath.Join(t.TempDir(), "in"))
		copyCorpus(t, in)
		refuses(t, Config{Inputs: []string{in}, Out: "."}, "--out .")
		checkFiles(t, wd, userFiles)
		refuses(t, Config{Inputs: []string{in}, Out: ".."}, "--out ..") // holds the working folder
	})
	t.Run("the working folder, empty", func(t *testing.T) {
		in := mustAbs(t, corpus)
		t.Chdir(t.TempDir())
		refuses(t, Config{Inputs: []string{in}, Out: "."}, "working folder")
	})
	t.Run("home", func(t *testing.T) {
		home := t.TempDir()
		t.Setenv("HOME", home)
		refuses(t, Config{Inputs: []string{corpus}, Out: home}, "home folder")
	})
	t.Run("root", func(t *testing.T) {
		// Checked without a run: a regression must not get to write there.
		_, err := resolveOutput("/", []string{corpus})
		if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "root folder") {
			t.Errorf("--out /: %v, want a usage error", err)
		}
	})
	t.Run("a regular file", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "notes.txt")
		writeFiles(t, filepath.Dir(out), map[string]string{"notes.txt": "keep me"})
		refuses(t, Config{Inputs: []string{corpus}, Out: out}, out+" is a file")
		checkFiles(t, filepath.Dir(out), map[string]string{"notes.txt": "keep me"})
	})
	t.Run("--out is --in", func(t *testing.T) {
		in := filepath.Join(t.TempDir(), "corpus")
		copyCorpus(t, in)
		before, _ := filepath.Glob(filepath.Join(in, "*.txt"))
		refuses(t, Config{Inputs: []string{in}, Out: in}, in)
		// The same folder through a link is the same folder.
		link := filepath.Join(t.TempDir(), "link")
		if err := os.Symlink(in, link); err != nil {
			t.Fatal(err)
		}
		refuses(t, Config{Inputs: []string{in}, Out: link}, link)
		if after, _ := filepath.Glob(filepath.Join(in, "*.txt")); len(after) != len(before) {
			t.Errorf("corpus: %d files, had %d", len(after), len(before))
		}
	})
	t.Run("--in inside --out", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "work")
		in := filepath.Join(out, "corpus")
		copyCorpus(t, in)
		refuses(t, Config{Inputs: []string{in}, Out: out}, in)
		if files, _ := filepath.Glob(filepath.Join(in, "*.txt")); len(files) == 0 {
			t.Error("the corpus is gone")
		}
	})
	t.Run("empty --out", func(t *testing.T) {
		refuses(t, Config{Inputs: []string{corpus}, Out: ""}, "--out is empty")
	})
	t.Run("a file of the lock's name beside it", func(t *testing.T) {
		// <out>.lock is where a run takes its lock; a user's file of that
		// name, or a link there, is not emptied for it.
		// The message names the lock file: it is what the user must move.
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"data.lock": "my notes", "notes.txt": "keep me"})
		if err := os.Symlink(filepath.Join(dir, "notes.txt"), filepath.Join(dir, "linked.lock")); err != nil {
			t.Fatal(err)
		}
		for out, want := range map[string]string{"data": "data.lock is somebody's", "linked": "symbolic link"} {
			_, err := Run(context.Background(), Config{Inputs: []string{corpus}, Out: filepath.Join(dir, out), Workers: 1})
			if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), want) {
				t.Errorf("--out %s: %v, want a usage error naming %q", out, err, want)
			}
		}
		checkFiles(t, dir, map[string]string{"data.lock": "my notes", "notes.txt": "keep me"})
	})
	t.Run("link to a missing folder", func(t *testing.T) {
		link := filepath.Join(t.TempDir(), "out")
		if err := os.Symlink(filepath.Join(t.TempDir(), "gone"), link); err != nil {
			t.Fatal(err)
		}
		refuses(t, Config{Inputs: []string{corpus}, Out: link}, link)
	})
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// TestOutputAcceptsEmptyAndOwnFolders: an empty folder, and a folder a run
// wrote (with the marker), are written into.
func TestOutputAcceptsEmptyAndOwnFolders(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	run(t, out, 1)
	if ok, err := hasMarker(out); !ok || err != nil {
		t.Fatalf("no marker after a run: %v", err)
	}
	run(t, out, 1)
}

// TestRerunKeepsUserFiles: a report, an analyst's CSV and a folder of
// notes written into --out survive reruns, and the tables are replaced.
func TestRerunKeepsUserFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	run(t, out, 2)
	userFiles := map[string]string{
		"report-2023Q4.html":  "<html>report</html>",
		"by_cause.csv":        "cause,n\nmalware,3\n",
		"notes/2024-01-10.md": "check case 2023-446",
	}
	writeFiles(t, out, userFiles)
	sum := run(t, out, 2)
	run(t, out, 2)
	checkFiles(t, out, userFiles)
	if n := scalar[int64](t, open(t, out), "SELECT count(*) FROM notices"); n != int64(sum.Segments) {
		t.Errorf("notices: %d rows, want %d", n, sum.Segments)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".out.staging-*")); len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
}

// TestOutputInsideInputIsNotRead: with --out inside --in, a rerun reads
// neither the tables, nor the cache, nor a report written into --out.
func TestOutputInsideInputIsNotRead(t *testing.T) {
	in := filepath.Join(t.TempDir(), "corpus")
	copyCorpus(t, in)
	out := filepath.Join(in, "out")
	first := run(t, out, 1, in)
	writeFiles(t, out, map[string]string{"report-2023Q4.html": "<p>不正アクセスによる個人情報漏えいのお知らせ</p>"})
	second := run(t, out, 1, in)
	if second.Files != first.Files || second.Segments != first.Segments || second.Rejects != first.Rejects {
		t.Errorf("rerun read %d files (%d segments, %d rejects), first run %d (%d, %d)",
			second.Files, second.Segments, second.Rejects, first.Files, first.Segments, first.Rejects)
	}
	if n := scalar[int64](t, open(t, out), "SELECT count(*) FROM notices WHERE source_path LIKE 'out%'"); n != 0 {
		t.Errorf("%d notices read from the output folder", n)
	}
}

// TestSweepKeepsUserStagingFolders: a user's folder named like a staging
// folder survives a run; one a killed run left (marked) is removed.
func TestSweepKeepsUserStagingFolders(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	user := filepath.Join(dir, ".out.staging-drafts")
	writeFiles(t, user, map[string]string{"draft.txt": "mine"})
	stale := filepath.Join(dir, ".out.staging-123456")
	writeFiles(t, stale, map[string]string{markerName: `{"format":1}`, "notices/part-0.parquet": "half written"})
	emptyStale := filepath.Join(dir, ".out.staging-999")
	if err := os.Mkdir(emptyStale, 0o755); err != nil {
		t.Fatal(err)
	}
	run(t, out, 1)
	checkFiles(t, user, map[string]string{"draft.txt": "mine"})
	for _, gone := range []string{stale, emptyStale} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("%s was left", gone)
		}
	}
}

// TestSymlinkedOutput: through a link to a folder, the target's tables are
// replaced and the link stays a link; runs through the link and through
// the real path share one lock.
func TestSymlinkedOutput(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "tables")
	if err := os.MkdirAll(real, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "out")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	run(t, link, 1)
	run(t, link, 1)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("--out %s is no longer a link (%v)", link, err)
	}
	if _, err := os.Stat(filepath.Join(real, "manifest.json")); err != nil {
		t.Errorf("the link's target holds no tables: %v", err)
	}

	for _, paths := range [][2]string{{link, real}, {real, link}} {
		held, err := lockOutput(paths[0], false)
		if err != nil {
			t.Fatal(err)
		}
		_, err = runCfg(t, Config{Inputs: []string{corpus}, Out: paths[1], Workers: 1})
		held.release()
		if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "pid") {
			t.Errorf("run on %s while %s is locked: %v, want ErrLocked naming the pid", paths[1], paths[0], err)
		}
	}
}

// TestLockMessageNamesOutput: the lock's message names --out as given,
// not the lock file.
func TestLockMessageNamesOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	held, err := lockOutput(out, false)
	if err != nil {
		t.Fatal(err)
	}
	defer held.release()
	_, err = runCfg(t, Config{Inputs: []string{corpus}, Out: out, Workers: 1})
	if err == nil || !strings.Contains(err.Error(), "--out "+out) || strings.Contains(err.Error(), ".lock") {
		t.Errorf("locked: %v, want the message to name --out %s and no lock file", err, out)
	}
}
