package pipeline

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
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
