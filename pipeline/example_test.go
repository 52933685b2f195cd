package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/breachtrend/breachtrend/pipeline"
)

// Run the pipeline on the bundled sample corpus and read the summary.
func ExampleRun() {
	dir, _ := os.MkdirTemp("", "breachtrend-example")
	defer os.RemoveAll(dir)
	cfg := pipeline.Config{Inputs: []string{"../testdata/corpus"}, Out: filepath.Join(dir, "out"), Workers: 2}
	if err := cfg.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	sum, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("files %d, segments %d, notices %d, rejects %d\n", sum.Files, sum.Segments, sum.Notices, sum.Rejects)
	// Output: files 5, segments 26, notices 24, rejects 0
}
