package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/load"
)

// TestParkedFilesAsProcessed: files prepared while the tokenizer is not yet
// built are parked out of the window, finished once it is, and emitted in
// walk order with the results a file prepared and finished at once gives. The folder holds more
// files than the window, so the walk ends only if parked files left it.
func TestParkedFilesAsProcessed(t *testing.T) {
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	const copies = 8 // 5 seeds × 8 = 40 files, more than 16 × 2 workers
	for i := range copies {
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("%d-%s", i, filepath.Base(f))
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	total := copies * len(files)

	// Each file prepared and finished at once, in walk order.
	var want []fileResult
	st := newStages()
	load.Walk([]string{dir}, func(in load.Input) error {
		p, err := st.prepareFile(context.Background(), len(want), in, func(*pendingFile) error { return fmt.Errorf("%s: more than one batch", in.Rel) })
		if err != nil {
			t.Fatal(err)
		}
		r := st.finishFile(context.Background(), p)
		r.last = true
		want = append(want, r)
		return nil
	}, func(r schemas.Reject) { t.Errorf("walk reject %v", r) })
	if len(want) != total {
		t.Fatalf("walked %d files, want %d", len(want), total)
	}

	for _, workers := range []int{1, 2} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			st := newStages()
			built := make(chan struct{})
			st.tokenizerBuilt = built
			var parked atomic.Int32
			parkedHook = func() {
				if parked.Add(1) == int32(total) {
					close(built) // every file is parked: the tokenizer "is built"
				}
			}
			defer func() { parkedHook = nil }()
			// Should parking lose a file, the walk would wait for ever.
			timer := time.AfterFunc(30*time.Second, func() { t.Error("files not parked in 30 s") })
			defer timer.Stop()

			var got []fileResult
			err := fanOut(context.Background(), Config{Inputs: []string{dir}, Workers: workers}, st,
				func(r fileResult) error { got = append(got, r); return nil },
				func(r schemas.Reject) { t.Errorf("walk reject %v", r) })
			if err != nil {
				t.Fatal(err)
			}
			if int(parked.Load()) != total || len(got) != total {
				t.Fatalf("%d files parked, %d emitted, want %d", parked.Load(), len(got), total)
			}
			for i, r := range got {
				if !r.parked {
					t.Errorf("file %d %s was not parked", i, r.input.Rel)
				}
				r.parked = false
				if !reflect.DeepEqual(r, want[i]) {
					t.Fatalf("file %d: %s emitted differs from %s finished at once", i, r.input.Rel, want[i].input.Rel)
				}
			}
		})
	}
}

func TestParkingLot(t *testing.T) {
	file := func(seq int, size int64) *pendingFile {
		return &pendingFile{fileResult: fileResult{seq: seq, input: load.Input{Size: size}}}
	}
	lot := &parkingLot{open: true}
	for _, seq := range []int{3, 1, 2} {
		if !lot.park(file(seq, maxParkedBytes/4)) {
			t.Fatalf("file %d not parked", seq)
		}
	}
	if big := file(4, maxParkedBytes/2); lot.park(big) || big.parked {
		t.Error("parked past maxParkedBytes")
	}
	if !lot.park(file(0, maxParkedBytes/4)) {
		t.Error("file 0 not parked within maxParkedBytes")
	}
	var seqs []int
	for _, p := range lot.close() {
		if !p.parked {
			t.Errorf("file %d handed out not marked parked", p.seq)
		}
		seqs = append(seqs, p.seq)
	}
	if !reflect.DeepEqual(seqs, []int{0, 1, 2, 3}) {
		t.Errorf("close handed out %v, want walk order", seqs)
	}
	if lot.park(file(5, 1)) {
		t.Error("parked after close")
	}
	if (&parkingLot{}).park(file(0, 1)) {
		t.Error("a lot never opened parks")
	}
}
