package fetch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/breachtrend/breachtrend/internal/pidlock"
)

// ErrLocked: another fetch is writing the same corpus.
var ErrLocked = errors.New("another breachtrend fetch is writing this corpus")

// lockCorpus takes the corpus's fetch lock, an flock on .fetch/lock that
// the kernel releases when the process ends, even by SIGKILL: two
// fetches into one corpus would overwrite each other's state. It returns
// the function that releases it.
func lockCorpus(corpus string) (func(), error) {
	p := filepath.Join(corpus, stateDir, "lock")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	f, err := pidlock.Open(p)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", p, err)
	}
	if holder, err := pidlock.Acquire(f, false); err != nil {
		f.Close()
		if errors.Is(err, pidlock.ErrHeld) {
			return nil, fmt.Errorf("%s: %w (pid %s)", corpus, ErrLocked, holder)
		}
		return nil, fmt.Errorf("locking %s: %w", p, err)
	}
	return func() { f.Close() }, nil
}

// locked runs sync holding the corpus's lock.
func locked(corpus string, sync func() (Summary, error)) (Summary, error) {
	unlock, err := lockCorpus(corpus)
	if err != nil {
		return Summary{}, err
	}
	defer unlock()
	return sync()
}
