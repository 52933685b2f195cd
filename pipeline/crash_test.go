package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// TestCrashAfterSwapHelper is the child process of TestCrashAfterSwap: a
// run that dies (os.Exit, no deferred cleanup, as under kill -9) right
// after swapping the new tables in, before the user's files are moved
// into the new folder.
func TestCrashAfterSwapHelper(t *testing.T) {
	out := os.Getenv("BREACHTREND_CRASH_OUT")
	if out == "" {
		t.Skip("the child process of TestCrashAfterSwap")
	}
	afterSwapHook = func() { os.Exit(3) }
	cfg := Config{Inputs: []string{os.Getenv("BREACHTREND_CRASH_IN")}, Out: out, Workers: 1}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), cfg)
	t.Fatalf("the run did not stop after the swap: %v", err)
}

// TestCrashAfterSwap: a run killed between the swap and the carry over
// leaves the user's files in the marked previous folder, and the next
// run's sweep moves them back: nothing is lost.
func TestCrashAfterSwap(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	run(t, out, 1)
	userFiles := map[string]string{"report-2023Q4.html": "<html>report</html>", "exports/by_cause.csv": "cause,n\n"}
	writeFiles(t, out, userFiles)

	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashAfterSwapHelper$")
	cmd.Env = append(os.Environ(), "BREACHTREND_CRASH_OUT="+out, "BREACHTREND_CRASH_IN="+mustAbs(t, corpus))
	b, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("child: %v, want exit 3 from the hook\n%s", err, b)
	}
	// The crash's state: new tables in place, the user's files beside.
	if _, err := os.Stat(filepath.Join(out, "report-2023Q4.html")); err == nil {
		t.Fatal("the hook did not run between the swap and the carry over")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".out.staging-*"))
	if len(left) != 1 {
		t.Fatalf("staging folders after the crash: %v, want the previous output", left)
	}
	checkFiles(t, left[0], userFiles)
	open(t, out).Close()

	run(t, out, 1)
	checkFiles(t, out, userFiles)
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.staging-*")); len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
}

// TestFailedCarryOverKeepsFiles: a user's file that cannot be moved back
// (its name taken in the new folder) stays in the previous folder, which
// is kept, and the run says where.
func TestFailedCarryOverKeepsFiles(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	run(t, out, 1)
	writeFiles(t, out, map[string]string{"mine.txt": "mine"})
	afterSwapHook = func() { // the name is taken in the new folder meanwhile
		writeFiles(t, out, map[string]string{"mine.txt": "someone else's"})
	}
	defer func() { afterSwapHook = nil }()
	_, err := runCfg(t, Config{Inputs: []string{corpus}, Out: out, Workers: 1})
	if err == nil {
		t.Fatal("the run did not report the file it could not move")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".out.staging-*"))
	if len(left) != 1 {
		t.Fatalf("staging folders: %v, want the previous output kept", left)
	}
	checkFiles(t, left[0], map[string]string{"mine.txt": "mine"})
	checkFiles(t, out, map[string]string{"mine.txt": "someone else's"})
}

// TestSwapWithoutExchange: where renameat2(RENAME_EXCHANGE) is missing,
// the two-rename fallback keeps the user's files too; a run killed
// between its renames (no output folder, the previous one under a staging
// name) has its previous output put back by the next run.
func TestSwapWithoutExchange(t *testing.T) {
	defer func(e func(a, b string) error) { exchange = e }(exchange)
	exchange = func(a, b string) error { return unix.ENOSYS }
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	run(t, out, 1)
	userFiles := map[string]string{"report-2023Q4.html": "<html>report</html>"}
	writeFiles(t, out, userFiles)
	run(t, out, 1)
	checkFiles(t, out, userFiles)
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.*")); len(left) > 0 {
		t.Errorf("left beside the output: %v", left)
	}

	// The state of a run killed between the two renames.
	previous := filepath.Join(dir, ".out.staging-old-abc")
	if err := os.Rename(out, previous); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, filepath.Join(dir, ".out.staging-42"), map[string]string{markerName: `{"format":1}`, "notices/part-0.parquet": "new, never committed"})
	sum := run(t, out, 1)
	checkFiles(t, out, userFiles)
	if sum.CacheHits != sum.Segments { // the previous output, cache and all, was put back
		t.Errorf("after the restore: %d cache hits of %d segments", sum.CacheHits, sum.Segments)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.*")); len(left) > 0 {
		t.Errorf("left beside the output: %v", left)
	}
}

// TestLegacyOutputIsAdopted: an output folder written before the marker
// existed (a manifest, no marker) is rerun into, its other files kept.
func TestLegacyOutputIsAdopted(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	run(t, out, 1)
	if err := os.Remove(filepath.Join(out, markerName)); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, out, map[string]string{"report-2023Q3.html": "<html></html>"})
	run(t, out, 1)
	checkFiles(t, out, map[string]string{"report-2023Q3.html": "<html></html>"})
	if ok, _ := hasMarker(out); !ok {
		t.Error("no marker after the rerun")
	}
}

// TestUserErrorNamesOutput: a failure while writing the staging folder is
// reported with the user's --out in place of the staging folder.
func TestUserErrorNamesOutput(t *testing.T) {
	s := &staging{out: outputDir{user: "out", real: "/data/out"}, dir: "/data/.out.staging-123"}
	err := s.userError(fmt.Errorf("notices: %w", &os.PathError{Op: "write", Path: "/data/.out.staging-123/notices/part-0.parquet", Err: syscall.ENOSPC}))
	if got, want := err.Error(), "notices: write out/notices/part-0.parquet: no space left on device"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Error("the reworded error lost its cause")
	}
}

// TestValidateWorkers: a negative worker count is a usage error; 0 means
// the cores.
func TestValidateWorkers(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if err := (&Config{Inputs: []string{corpus}, Out: out, Workers: -3}).Validate(); !errors.Is(err, ErrUsage) {
		t.Errorf("--workers -3: %v", err)
	}
	cfg := Config{Inputs: []string{corpus}, Out: out}
	if err := cfg.Validate(); err != nil || cfg.Workers < 1 {
		t.Errorf("--workers 0: %v, %d workers", err, cfg.Workers)
	}
}
