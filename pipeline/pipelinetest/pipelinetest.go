// Package pipelinetest gives the tests of packages that read a run's
// tables (the report, the notebooks) one run of the pipeline per test
// binary, in a temporary folder.
package pipelinetest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/breachtrend/breachtrend/pipeline"
)

var (
	mu   sync.Mutex
	runs = map[string]*run{} // by corpus
)

type run struct {
	once sync.Once
	dir  string
	err  error
}

// Tables runs the pipeline on corpus the first time it is called with it
// and returns the output folder of that run; a failed run fails t.
func Tables(t testing.TB, corpus string) string {
	t.Helper()
	mu.Lock()
	r := runs[corpus]
	if r == nil {
		r = &run{}
		runs[corpus] = r
	}
	mu.Unlock()
	r.once.Do(func() {
		if r.dir, r.err = os.MkdirTemp("", "breachtrend-test-"); r.err != nil {
			return
		}
		cfg := pipeline.Config{Inputs: []string{corpus}, Out: filepath.Join(r.dir, "out"), Workers: runtime.NumCPU()}
		if r.err = cfg.Validate(); r.err == nil {
			_, r.err = pipeline.Run(context.Background(), cfg)
		}
	})
	if r.err != nil {
		t.Fatal(r.err)
	}
	return filepath.Join(r.dir, "out")
}

// Main runs the tests of m, removes the runs' folders and exits: call it
// from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	mu.Lock()
	for _, r := range runs {
		if r.dir != "" {
			os.RemoveAll(r.dir)
		}
	}
	mu.Unlock()
	os.Exit(code)
}
