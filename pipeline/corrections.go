package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/correct"
	"github.com/breachtrend/breachtrend/stages/link"
)

// CorrectionsFile is the name of the corrections file a run looks for
// beside its first input root.
const CorrectionsFile = "corrections.csv"

// NoCorrections as Config.Corrections turns the default file off.
const NoCorrections = "-"

// DefaultCorrections is corrections.csv beside the first input root (in
// the folder that holds it, so it is never read as a notice), or "" when
// there is none.
func DefaultCorrections(inputs []string) string {
	if len(inputs) == 0 {
		return NoCorrections
	}
	p := filepath.Join(filepath.Dir(filepath.Clean(inputs[0])), CorrectionsFile)
	if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
		return p
	}
	return NoCorrections
}

// loadCorrections reads the run's corrections file; nil when it has none.
// A file that is not a corrections file at all is a usage error; its bad
// rows are not (they become rejects).
func loadCorrections(cfg Config) (*correct.Set, error) {
	if cfg.Corrections == "" || cfg.Corrections == NoCorrections {
		return nil, nil
	}
	s, err := correct.ReadFile(cfg.Corrections)
	if errors.Is(err, correct.ErrFormat) {
		return nil, fmt.Errorf("%w: --corrections: %v", ErrUsage, err)
	}
	return s, err
}

// corrections is a run's corrections as it goes: the set, and the notices
// seen (to tell an orphaned pair).
type corrections struct {
	set  *correct.Set
	seen map[string]bool // notice ids named by a pair
	want map[string]bool
}

func newCorrections(s *correct.Set) *corrections {
	c := &corrections{set: s, seen: map[string]bool{}, want: map[string]bool{}}
	same, apart := s.Pairs()
	for _, p := range append(same, apart...) {
		c.want[p[0]], c.want[p[1]] = true, true
	}
	return c
}

// link hands the same_incident and not_same_incident pairs to l.
func (c *corrections) link(l *link.Linker) {
	if c != nil {
		l.Override(c.set.Pairs())
	}
}

// apply corrects n before it is linked and written.
func (c *corrections) apply(n *schemas.Notice) {
	if c == nil {
		return
	}
	if c.want[n.NoticeID] {
		c.seen[n.NoticeID] = true
	}
	c.set.Apply(n)
}

// finish returns the corrections table and the rejects of invalid rows,
// records the file in the manifest and logs what became of its rows (a
// warning when some were not applied).
func (c *corrections) finish(man *Manifest, log *slog.Logger) ([]schemas.Correction, []schemas.Reject) {
	if c == nil {
		return nil, nil
	}
	rows := c.set.Rows(func(id string) bool { return c.seen[id] })
	used := &CorrectionsUsed{Path: c.set.File, SHA256: c.set.SHA256}
	for _, r := range rows {
		switch r.Status {
		case schemas.CorrectionApplied:
			used.Applied++
		case schemas.CorrectionInvalid:
			used.Invalid++
		case schemas.CorrectionOrphaned:
			used.Orphaned++
		}
	}
	man.Corrections = used
	if log != nil {
		level := slog.LevelInfo
		if used.Invalid+used.Orphaned > 0 {
			level = slog.LevelWarn
		}
		log.Log(context.Background(), level, "corrections", "file", used.Path, "applied", used.Applied,
			"invalid", used.Invalid, "orphaned", used.Orphaned, "see", "the corrections table")
	}
	return rows, c.set.Rejects()
}
