package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain lets the test binary stand in for the breachtrend command, so a
// shell script (the README's) or a process to kill can run it; and removes
// the run the query tests share once they are done.
func TestMain(m *testing.M) {
	if os.Getenv("BREACHTREND_TEST_AS_MAIN") == "1" {
		main()
	}
	code := m.Run()
	if queryOutDir != "" {
		os.RemoveAll(filepath.Dir(queryOutDir))
	}
	os.Exit(code)
}
