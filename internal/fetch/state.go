package fetch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/breachtrend/breachtrend/internal/atomicfile"
)

// stateDir holds the state files under the corpus folder; its dot keeps
// the loader out of it.
const stateDir = ".fetch"

// State is what one source's syncs remember, saved after every page.
type State struct {
	Source string `json:"source"`

	// Blog feed: Watermark is the updated-min of the next sync (the
	// greatest updated time seen, UTC); SyncMax the greatest seen by the
	// sync under way; NextURL the page an interrupted sync resumes at;
	// Complete that a sync ran to its end once (before that a 304 is not
	// trusted).
	Watermark string `json:"watermark,omitempty"`
	SyncMax   string `json:"sync_max,omitempty"`
	NextURL   string `json:"next_url,omitempty"`
	Complete  bool   `json:"complete,omitempty"`
	// Held is the earliest updated time of a post the sync under way
	// could not store (a corpus file someone edited, a post with no
	// text): the next sync's watermark goes no later, so the post is
	// asked for again once the cause is mended.
	Held string `json:"held,omitempty"`

	// Records written, by record id: their updated time and file.
	Records map[string]RecordMark `json:"records,omitempty"`
	// Validators of feed URLs, for conditional GETs.
	Validators map[string]Validators `json:"validators,omitempty"`
}

// RecordMark is where a record went and which version of it.
type RecordMark struct {
	Updated string `json:"updated,omitempty"`
	File    string `json:"file"`
	SHA256  string `json:"sha256,omitempty"` // of the raw page, for pages
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9.-]+`)

// stateName is a file name for a source key: readable, and unique by a
// hash of the whole key.
func stateName(key string) string {
	sum := sha256.Sum256([]byte(key))
	readable := unsafeName.ReplaceAllString(key, "_")
	readable = strings.Trim(readable, "_")
	if len(readable) > 60 {
		readable = readable[:60]
	}
	return readable + "-" + hex.EncodeToString(sum[:4]) + ".json"
}

// loadState reads the state of source under corpus, or a fresh one.
func loadState(corpus, source string) (*State, error) {
	p := filepath.Join(corpus, stateDir, stateName(source))
	st := &State{Source: source}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("state of %s: %w", source, err)
	}
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("state %s: %w (move it away to start the source over)", p, err)
	}
	return st, nil
}

// save writes the state atomically.
func (st *State) save(corpus string) error {
	data, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(corpus, stateDir, stateName(st.Source)), append(data, '\n'))
}

// writeAtomic writes data to p (its folder made when missing) whole or
// not at all: a reader or a crash sees the old file or the new one.
func writeAtomic(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteBytes(p, data)
}
