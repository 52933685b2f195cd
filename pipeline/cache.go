package pipeline

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract"
)

// cacheFile is where a run keeps its per-segment results, inside the output
// folder, so it is swapped in with the tables it produced.
const cacheFile = "_cache/segments.gob"

// cached is what a segment's extraction and enrichment gave: the notice
// without the text and ids the pipeline sets itself.
type cached struct {
	IsIncident bool
	Notice     schemas.Notice
}

// segmentCache maps a segment key (the segment's text and header, and the
// rules' version) to its result. Lookups from many workers at once are
// safe; entries used or made in this run are kept for the next one, the
// rest dropped, so the cache does not grow with dead segments.
type segmentCache struct {
	version string
	mu      sync.Mutex
	old     map[string]cached
	next    map[string]cached
	hits    int
	misses  int
}

// cacheFormat is written first in the file; a file of another format or
// version is ignored whole.
type cacheHeader struct {
	Format  int
	Version string
	Entries int
}

const cacheFormatVersion = 1

// rulesVersion names the rules a result was computed with: the extractor's
// declared version and the identity of this executable (size and
// modification time), so any rebuild — a changed rule the declared version
// forgot — invalidates the cache by itself.
func rulesVersion() string {
	v := extract.Version
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			v += fmt.Sprintf("/%d/%d", fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return v
}

// loadCache reads the previous run's cache from out; a missing, stale or
// unreadable cache is an empty one (the run just does all the work).
func loadCache(out, version string, full bool) *segmentCache {
	c := &segmentCache{version: version, old: map[string]cached{}, next: map[string]cached{}}
	if full {
		return c
	}
	f, err := os.Open(filepath.Join(out, cacheFile))
	if err != nil {
		return c
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReader(f))
	var h cacheHeader
	if err := dec.Decode(&h); err != nil || h.Format != cacheFormatVersion || h.Version != version {
		return c
	}
	for i := 0; i < h.Entries; i++ {
		var key string
		var v cached
		if dec.Decode(&key) != nil || dec.Decode(&v) != nil {
			c.old = map[string]cached{} // a torn file: trust none of it
			return c
		}
		c.old[key] = v
	}
	return c
}

// key is the cache key of a segment.
func (c *segmentCache) key(text string, header extract.Input) string {
	h := sha256.New()
	for _, s := range []string{c.version, header.CaseID, header.HeaderRest, header.Title, header.Published, text} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c *segmentCache) get(key string) (cached, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.next[key]
	if !ok {
		v, ok = c.old[key]
	}
	if ok {
		c.hits++
		c.next[key] = v
	} else {
		c.misses++
	}
	return v, ok
}

func (c *segmentCache) put(key string, v cached) {
	c.mu.Lock()
	c.next[key] = v
	c.mu.Unlock()
}

// save writes the entries of this run into dir (the staging folder), keys
// sorted so the file is the same for the same corpus.
func (c *segmentCache) save(dir string) error {
	path := filepath.Join(dir, cacheFile)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := gob.NewEncoder(w)
	keys := make([]string, 0, len(c.next))
	for k := range c.next {
		keys = append(keys, k)
	}
	sortStrings(keys)
	err = enc.Encode(cacheHeader{Format: cacheFormatVersion, Version: c.version, Entries: len(keys)})
	for _, k := range keys {
		if err != nil {
			break
		}
		if err = enc.Encode(k); err == nil {
			err = enc.Encode(c.next[k])
		}
	}
	err = errors.Join(err, w.Flush(), f.Sync(), f.Close())
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}
