package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
)

// SyncURLs fetches the pages listed in file (one URL a line, or a CSV of
// url and published date) that were not fetched before; each becomes a
// record of pages/<list name>.jsonl.
func SyncURLs(ctx context.Context, o Options, file string) (Summary, error) {
	o = o.withDefaults()
	return locked(o.Corpus, func() (Summary, error) {
		return counted(o.Client, func() (Summary, error) { return syncURLs(ctx, o, file) })
	})
}

func syncURLs(ctx context.Context, o Options, file string) (Summary, error) {
	lines, err := readList(file)
	if err != nil {
		return Summary{}, err
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return Summary{}, err
	}
	source := "urls " + abs
	st, err := loadState(o.Corpus, source)
	if err != nil {
		return Summary{}, err
	}
	s := &syncRun{o: o, st: st, store: newStore(o.Corpus), source: source}
	name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	sum := sha256.Sum256([]byte(abs))
	out := "pages/" + name + "-" + hex.EncodeToString(sum[:3]) + ".jsonl"
	for _, l := range lines {
		if err := s.fetchPage(ctx, pageItem{URL: l.url, Published: l.published}, out); err != nil {
			return s.stop("", err)
		}
		if err := s.maybeCommit(); err != nil {
			return s.sum, err
		}
	}
	st.Complete = true
	return s.sum, s.commit()
}
