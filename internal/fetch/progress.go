package fetch

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// Progress draws one status line (requests, records, bytes) on a
// terminal, at most five times a second. A nil *Progress draws nothing.
type Progress struct {
	w        io.Writer
	mu       sync.Mutex
	last     time.Time
	requests int
	records  int
	bytes    int64
}

// NewProgress returns a Progress drawing on w, or nil when w is nil.
func NewProgress(w io.Writer) *Progress {
	if w == nil {
		return nil
	}
	return &Progress{w: w}
}

func (p *Progress) request(bytes int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests++
	p.bytes += int64(bytes)
	p.draw()
}

func (p *Progress) record() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.records++
	p.draw()
}

func (p *Progress) draw() {
	if time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "\r\033[Krequests %d  records %d  %.1f MB", p.requests, p.records, float64(p.bytes)/1e6)
}

// Done clears the line.
func (p *Progress) Done() {
	if p != nil {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// Failure is one URL or record that could not be fetched or stored.
type Failure struct {
	URL    string
	Reason string
}

// Summary counts what a sync did.
type Summary struct {
	New       int // records written for the first time
	Updated   int // records replaced by a newer version
	Unchanged int // records seen again, not rewritten
	Skipped   int // items left out: not a numbered post, not about an incident, before --since
	Failed    []Failure
	Requests  int
	Capped    bool // stopped at the request cap; the next run goes on
}

// Add adds o's counts to s.
func (s *Summary) Add(o Summary) {
	s.New += o.New
	s.Updated += o.Updated
	s.Unchanged += o.Unchanged
	s.Skipped += o.Skipped
	s.Failed = append(s.Failed, o.Failed...)
	s.Requests += o.Requests
	s.Capped = s.Capped || o.Capped
}

// String is the summary line, then one line per failure reason with its
// count and a first URL.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d new, %d updated, %d unchanged, %d skipped, %d failed; %d requests",
		s.New, s.Updated, s.Unchanged, s.Skipped, len(s.Failed), s.Requests)
	if s.Capped {
		b.WriteString("; stopped at the request cap, the next run goes on from there")
	}
	byReason := map[string][]string{}
	for _, f := range s.Failed {
		byReason[f.Reason] = append(byReason[f.Reason], f.URL)
	}
	reasons := make([]string, 0, len(byReason))
	for r := range byReason {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		urls := byReason[r]
		fmt.Fprintf(&b, "\n  failed %d: %s (e.g. %s)", len(urls), r, urls[0])
	}
	return b.String()
}
