package pipeline

import (
	"bufio"
	"bytes"
	"debug/elf"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"crypto/sha256"
	"encoding/hex"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract"
)

// cacheFile is where a run keeps its per-segment results, inside the output
// folder, so it is swapped in with the tables it produced.
const cacheFile = "_cache/segments.jsonl"

// cacheMagic opens the file; a file of another format or rules version is
// ignored whole. Each line after it is "<key> <checksum> <JSON>\n", where
// the checksum is the hex SHA-256 of "<key> <JSON>": a line edited by hand
// into other valid JSON, or moved to another key, no longer matches it and
// is recomputed (format 2 had no checksum).
const cacheMagic = "breachtrend-segment-cache 3 "

// cached is what a segment's extraction and enrichment gave: the notice
// without the text and ids the pipeline sets itself.
type cached struct {
	IsIncident bool           `json:"i"`
	Notice     schemas.Notice `json:"n"`
}

// span is where one entry's line lies in a cache file.
type span struct{ off, n int64 }

// segmentCache maps a segment key (the segment's text and header, and the
// rules' version) to its result. Entries stay on disk: memory holds only
// an index of key → place in the file, so it does not grow with the text of
// the corpus. The previous run's file is read with ReadAt (safe from many
// workers); this run's entries — those used or made — are appended to a new
// file in the staging folder, so dead entries are dropped.
type segmentCache struct {
	version string
	log     *slog.Logger // where a corrupt entry is reported; nil: nowhere
	old     *os.File
	oldIdx  map[string]span

	mu     sync.Mutex
	next   *os.File
	w      *bufio.Writer
	off    int64
	newIdx map[string]bool
	hits   int
	misses int
}

// keyLen is the length of a key: a hex SHA-256; a checksum has the same.
const keyLen = 64

// entryStart is where an entry's JSON starts in its line.
const entryStart = 2*keyLen + 2

// entrySum is the checksum of an entry: of its key and its JSON.
func entrySum(key string, data []byte) string {
	h := sha256.New()
	h.Write([]byte(key))
	h.Write([]byte{' '})
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// rulesFilesVersion is the hash of the rule files (rules.Version); a
// variable so that a test can stand in an edited set of rules.
var rulesFilesVersion = rules.Version

// rulesVersion names the rules a result was computed with: a hash of the
// rule files (rules/*/*.tsv) and the Go build ID of this executable — a
// hash of what it was built from — so an edit of a rule file or of the
// code invalidates the cache by itself, with nothing to bump by hand,
// while a rebuild of unchanged code keeps it. Where the build ID cannot be
// read, the executable's size and modification time stand in.
func rulesVersion() string {
	v := rulesFilesVersion()
	exe, err := os.Executable()
	if err != nil {
		return v
	}
	if id := goBuildID(exe); id != "" {
		return v + "/" + id
	}
	if fi, err := os.Stat(exe); err == nil {
		v += fmt.Sprintf("/%d/%d", fi.Size(), fi.ModTime().UnixNano())
	}
	return v
}

// goBuildID reads the Go build ID from an ELF executable's
// .note.go.buildid section (what `go tool buildid` prints).
func goBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	b, err := sec.Data()
	// The note: namesz, descsz, type (4 bytes each), the name "Go\x00\x00",
	// then the ID.
	if err != nil || len(b) < 16 || string(b[12:14]) != "Go" {
		return ""
	}
	descsz := int(f.ByteOrder.Uint32(b[4:8]))
	if 16+descsz > len(b) {
		return ""
	}
	return string(b[16 : 16+descsz])
}

// openCache indexes the previous run's cache in out (unless full) and
// starts this run's file in dir. A missing, stale or torn previous cache
// is an empty one: the run just does the work.
func openCache(out, dir, version string, full bool) (*segmentCache, error) {
	c := &segmentCache{version: version, oldIdx: map[string]span{}, newIdx: map[string]bool{}}
	if !full {
		c.indexOld(filepath.Join(out, cacheFile))
	}
	path := filepath.Join(dir, cacheFile)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	c.next, c.w = f, bufio.NewWriterSize(f, 1<<20)
	head := cacheMagic + version + "\n"
	c.w.WriteString(head)
	c.off = int64(len(head))
	return c, nil
}

func (c *segmentCache) indexOld(path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	r := bufio.NewReaderSize(f, 1<<20)
	head, err := r.ReadString('\n')
	if err != nil || head != cacheMagic+c.version+"\n" {
		f.Close()
		return
	}
	off := int64(len(head))
	for {
		line, err := r.ReadSlice('\n')
		for errors.Is(err, bufio.ErrBufferFull) { // a long line: read on
			var more []byte
			more, err = r.ReadSlice('\n')
			line = append(append([]byte(nil), line...), more...)
		}
		if err == io.EOF && len(line) == 0 {
			break
		}
		if err != nil || len(line) < entryStart+1 || line[keyLen] != ' ' || line[2*keyLen+1] != ' ' {
			c.oldIdx = map[string]span{} // a torn file: trust none of it
			f.Close()
			return
		}
		c.oldIdx[string(line[:keyLen])] = span{off, int64(len(line))}
		off += int64(len(line))
	}
	c.old = f
}

// key is the cache key of a segment.
func (c *segmentCache) key(text string, header extract.Input) string {
	h := sha256.New()
	for _, s := range []string{c.version, header.CaseID, header.HeaderRest, header.Title, header.Published, text} {
		hashString(h, s)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// get returns the cached result of key, copying its entry into this run's
// file.
func (c *segmentCache) get(key string) (cached, bool) {
	sp, ok := c.oldIdx[key]
	if !ok {
		c.count(false)
		return cached{}, false
	}
	line := make([]byte, sp.n)
	if _, err := c.old.ReadAt(line, sp.off); err != nil {
		c.count(false)
		return cached{}, false
	}
	data := bytes.TrimSuffix(line[entryStart:], []byte{'\n'})
	if string(line[keyLen+1:2*keyLen+1]) != entrySum(key, data) {
		c.corrupt(key, "its checksum does not match its content")
		return cached{}, false
	}
	var v cached
	if err := json.Unmarshal(data, &v); err != nil {
		c.corrupt(key, err.Error())
		return cached{}, false
	}
	c.count(true)
	c.append(key, line)
	return v, true
}

// corrupt counts an entry that cannot be trusted as a miss, so the
// segment is computed again, and reports it.
func (c *segmentCache) corrupt(key, why string) {
	c.count(false)
	if c.log != nil {
		c.log.Warn("cache entry ignored and recomputed", "key", key, "reason", why)
	}
}

func (c *segmentCache) count(hit bool) {
	c.mu.Lock()
	if hit {
		c.hits++
	} else {
		c.misses++
	}
	c.mu.Unlock()
}

// put records a result computed in this run.
func (c *segmentCache) put(key string, v cached) {
	b, err := json.Marshal(v)
	if err != nil {
		return // a result that cannot be cached is computed again next time
	}
	var line bytes.Buffer
	line.Grow(entryStart + len(b) + 1)
	line.WriteString(key)
	line.WriteByte(' ')
	line.WriteString(entrySum(key, b))
	line.WriteByte(' ')
	line.Write(b)
	line.WriteByte('\n')
	c.append(key, line.Bytes())
}

func (c *segmentCache) append(key string, line []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.newIdx[key] {
		return // the same segment twice in one corpus
	}
	c.newIdx[key] = true
	c.w.Write(line)
	c.off += int64(len(line))
}

// close finishes this run's file and closes the previous one.
func (c *segmentCache) close() error {
	if c.old != nil {
		c.old.Close()
	}
	err := errors.Join(c.w.Flush(), c.next.Sync(), c.next.Close())
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// keep copies the entries of keys into this run's file unread, for the
// segments of an input served from the file index: they stay in the cache
// for the day the input changes. An entry that does not check is left out.
func (c *segmentCache) keep(keys []string) {
	for _, key := range keys {
		sp, ok := c.oldIdx[key]
		if key == "" || !ok || c.kept(key) {
			continue
		}
		line := make([]byte, sp.n)
		if _, err := c.old.ReadAt(line, sp.off); err != nil {
			continue
		}
		if string(line[keyLen+1:2*keyLen+1]) != entrySum(key, bytes.TrimSuffix(line[entryStart:], []byte{'\n'})) {
			continue
		}
		c.append(key, line)
	}
}

func (c *segmentCache) kept(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.newIdx[key]
}

// dropped is the number of the previous run's entries this run's file
// does not have: no input references them any more.
func (c *segmentCache) dropped() int {
	n := 0
	for k := range c.oldIdx {
		if !c.newIdx[k] {
			n++
		}
	}
	return n
}
