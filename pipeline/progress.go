package pipeline

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress draws one status line — files, segments, rate, ETA — on a
// terminal, at most five times a second.
type progress struct {
	w        io.Writer
	mu       sync.Mutex
	start    time.Time
	last     time.Time
	total    int
	files    int
	segments int
}

func newProgress(w io.Writer, total int) *progress {
	if w == nil {
		return nil
	}
	return &progress{w: w, start: time.Now(), total: total}
}

func (p *progress) file(segments int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files++
	p.segments += segments
	if time.Since(p.last) < 200*time.Millisecond && p.files != p.total {
		return
	}
	p.last = time.Now()
	el := time.Since(p.start)
	eta := "?"
	if p.total > 0 && p.files > 0 {
		eta = (time.Duration(float64(el) / float64(p.files) * float64(p.total-p.files))).Round(time.Second).String()
	}
	fmt.Fprintf(p.w, "\r\033[Kfiles %d/%d  segments %d  %.0f files/s  ETA %s", p.files, p.total, p.segments,
		float64(p.files)/el.Seconds(), eta)
}

func (p *progress) done() {
	if p != nil {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
