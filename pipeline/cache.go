package pipeline

import (
	"bufio"
	"bytes"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"crypto/sha256"
	"encoding/hex"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract"
)

// cacheFile is where a run keeps its per-segment results, inside the output
// folder, so it is swapped in with the tables it produced.
const cacheFile = "_cache/segments.jsonl"

// cacheMagic opens the file, and each of its deltas (generations.go); a
// cache of another format or rules version is ignored whole. Each entry
// ("line") after it is
//
//	<key> <checksum> <data length> <data>\n
//
// or, in a delta, a tombstone: the key of an entry of an earlier file that
// no input references any more, with cacheTombstone for checksum and no
// data.
//
// where data is the cached notice in the binary form of the file index's
// batches (batchcodec.go, a batch of one notice, S2): 1.3 KB a segment of
// the bench corpus where format 3's JSON took 3.4 KB. The checksum is the
// hex SHA-256 of "<key> <data>": an entry edited by hand into other valid
// data, or moved to another key, no longer matches it and is recomputed.
const cacheMagic = "breachtrend-segment-cache 5 "

// cacheTombstone stands for the checksum of a dropped entry.
var cacheTombstone = strings.Repeat("-", keyLen)

// cached is what a segment's extraction and enrichment gave: the notice
// without the text and ids the pipeline sets itself.
type cached struct {
	IsIncident bool
	Notice     schemas.Notice
}

// span is where one entry's line lies in a cache: in which of its files
// (generations.go) and where.
type span struct {
	off, n int64
	gen    int32
}

// segmentCache maps a segment key (the segment's text and header, and the
// rules' version) to its result. Entries stay on disk: memory holds only
// an index of key → place in the file, so it does not grow with the text of
// the corpus. The previous run's files are read with ReadAt (safe from many
// workers); the entries this run uses are kept where they are, by
// reference, and those it makes are appended to its own file
// (generations.go), so that an entry no input references any more is
// dropped from the index, and from the files at the next compaction.
type segmentCache struct {
	version string
	log     *slog.Logger // where a corrupt entry is reported; nil: nowhere
	prev    *generations
	oldIdx  map[cacheKey]span

	mu     sync.Mutex
	gen    *generationWriter
	w      *bufio.Writer
	off    int64
	newIdx map[cacheKey]bool
	hits   int
	misses int
	// compacted: this run wrote the cache anew (generations.go).
	compacted bool
}

// keyLen is the length of a key: a hex SHA-256; a checksum has the same.
const keyLen = 64

// cacheKey is a key's 32 bytes, as the indexes hold it: maps of them hold
// no pointers, so the GC does not scan the ~300k keys of a big run at
// every collection, and they take half the memory of the hex strings.
type cacheKey [keyLen / 2]byte

// parseKey is key's bytes; ok is false for a key that is not the lower
// case hex key() makes (such an entry can never be asked for). It runs
// twice per segment (get and put): a table look-up per digit, where a
// comparison of ranges per digit was 1% of a run of tiny notices.
func parseKey(key string) (k cacheKey, ok bool) {
	if len(key) != keyLen {
		return k, false
	}
	for i := range k {
		hi, lo := hexValues[key[2*i]], hexValues[key[2*i+1]]
		if hi|lo > 15 {
			return k, false
		}
		k[i] = hi<<4 | lo
	}
	return k, true
}

// hexValues is the value of each lower case hex digit, 255 for any other
// byte.
var hexValues = func() (t [256]byte) {
	for c := range t {
		switch {
		case '0' <= c && c <= '9':
			t[c] = byte(c - '0')
		case 'a' <= c && c <= 'f':
			t[c] = byte(c - 'a' + 10)
		default:
			t[c] = 255
		}
	}
	return t
}()

func (k cacheKey) String() string { return hex.EncodeToString(k[:]) }

// entrySum is the checksum of an entry: of its key and its JSON.
func entrySum(key string, data []byte) string {
	d := newDigester()
	hashString(d.h, key)
	d.small[0] = ' '
	d.h.Write(d.small[:1])
	d.h.Write(data)
	return d.hexSum(sha256.Size)
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
	var prev previousCache
	if !full {
		prev = readPreviousCache(out, version, nil)
	}
	return startCache(prev, out, dir, version)
}

// startCache starts this run's file of the cache in dir, over prev, the
// previous run's cache in out as readPreviousCache indexed it.
func startCache(prev previousCache, out, dir, version string) (*segmentCache, error) {
	c := &segmentCache{version: version, prev: prev.files, oldIdx: prev.idx}
	if c.oldIdx == nil {
		c.oldIdx = map[cacheKey]span{}
	}
	// Every entry of an unchanged input is carried into this run's file:
	// sized once instead of grown (and rehashed) nine times at 100k keys.
	c.newIdx = make(map[cacheKey]bool, len(c.oldIdx))
	head := cacheMagic + version + "\n"
	gen, err := startGeneration(dir, out, cacheFile, head, c.prev)
	if err != nil {
		if c.prev != nil {
			c.prev.close()
		}
		return nil, fmt.Errorf("cache: %w", err)
	}
	gen.live = make([]span, 0, len(c.oldIdx))
	c.gen, c.w, c.off = gen, gen.w, int64(len(head))
	return c, nil
}

// previousCache is the previous run's cache: its files and the index of
// their entries (nil files: no cache to build on).
type previousCache struct {
	files *generations
	idx   map[cacheKey]span
}

// errCacheReadStopped ends a read of the previous cache that the run no
// longer needs (pendingCache.discard).
var errCacheReadStopped = errors.New("cache: read stopped")

// readPreviousCache indexes the previous run's cache in out: only its
// frames, the entries' data stay on disk. A torn or stale file is no cache
// at all: none of it is trusted. stop, when not nil and set, ends the read
// early with no cache.
func readPreviousCache(out, version string, stop *atomic.Bool) previousCache {
	path := filepath.Join(out, cacheFile)
	idx := map[cacheKey]span{}
	if fi, err := os.Stat(path); err == nil {
		// ~1.3 KB an entry (see cacheMagic): a map sized for the file's
		// entries is not grown and rehashed on the way.
		idx = make(map[cacheKey]span, fi.Size()/1024)
	}
	files := readGenerations(path, cacheMagic+version+"\n", func(r *bufio.Reader, gen int32, off int64) error {
		return indexCacheFile(idx, r, gen, off, stop)
	})
	if files == nil {
		return previousCache{}
	}
	return previousCache{files: files, idx: idx}
}

// pendingCache is the previous cache being indexed on a goroutine of its
// own, from the first sign of a change (keepTables), while the walk that
// plans the run goes on: ~0.1–0.15 s of a rerun's critical path at 100k
// segments otherwise, after the walk.
type pendingCache struct {
	stop atomic.Bool
	done chan struct{}
	prev previousCache
}

// startReadingCache starts indexing the previous cache in out.
func startReadingCache(out, version string) *pendingCache {
	if cacheReadHook != nil {
		cacheReadHook()
	}
	p := &pendingCache{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.prev = readPreviousCache(out, version, &p.stop)
	}()
	return p
}

// cacheReadHook, when set (by tests), runs as a run starts indexing the
// previous segment cache.
var cacheReadHook func()

// wait returns the previous cache once indexed; nothing for a nil p (a
// --full run).
func (p *pendingCache) wait() previousCache {
	if p == nil {
		return previousCache{}
	}
	<-p.done
	return p.prev
}

// discard stops the read, for a run that keeps its tables whole and never
// opens the cache, and closes what it opened.
func (p *pendingCache) discard() {
	if p == nil {
		return
	}
	p.stop.Store(true)
	if prev := p.wait(); prev.files != nil {
		prev.files.close()
	}
}

// indexCacheFile indexes the entries of one file of the previous cache
// into idx, from r at off on, in the file number gen: a later file's entry
// or tombstone overrides an earlier one's.
func indexCacheFile(idx map[cacheKey]span, r *bufio.Reader, gen int32, off int64, stop *atomic.Bool) error {
	for i := 0; ; i++ {
		if stop != nil && i%4096 == 0 && stop.Load() {
			return errCacheReadStopped
		}
		if _, err := r.Peek(1); err == io.EOF {
			return nil
		}
		key, n, dead, err := readCacheFrame(r)
		if err != nil {
			return err
		}
		if k, ok := parseKey(key); ok {
			if dead {
				delete(idx, k)
			} else {
				idx[k] = span{off: off, n: n, gen: gen}
			}
		}
		off += n
	}
}

// readCacheFrame reads one entry's frame from r, skipping its data unread,
// and returns its key and length; dead for a tombstone. The checksum is
// not verified here.
func readCacheFrame(r *bufio.Reader) (key string, n int64, dead bool, err error) {
	var head [2*keyLen + 2]byte
	if _, err := io.ReadFull(r, head[:]); err != nil || head[keyLen] != ' ' || head[2*keyLen+1] != ' ' {
		return "", 0, false, errors.New("cache: a torn or malformed entry")
	}
	s, err := r.ReadString(' ')
	if err != nil || len(s) > 12 {
		return "", 0, false, errors.New("cache: a malformed length")
	}
	dataN, ok := parseFrameLength(s[:len(s)-1])
	if !ok {
		return "", 0, false, errors.New("cache: a malformed length")
	}
	if d, err := r.Discard(dataN); err != nil || d != dataN {
		return "", 0, false, errors.New("cache: torn data")
	}
	if b, err := r.ReadByte(); err != nil || b != '\n' {
		return "", 0, false, errors.New("cache: torn data")
	}
	dead = string(head[keyLen+1:2*keyLen+1]) == cacheTombstone
	if dead && dataN != 0 {
		return "", 0, false, errors.New("cache: a tombstone with data")
	}
	return string(head[:keyLen]), int64(len(head) + len(s) + dataN + 1), dead, nil
}

// parseFrameLength reads a frame's length as the writers write it:
// decimal digits, no sign, no leading zero. strconv.Atoi takes "-0", "+5"
// and "007" too, and a tombstone's length field "-0" read as one made its
// frame a byte longer than a tombstone's (FuzzReadCacheFrame).
func parseFrameLength(s string) (int, bool) {
	if s == "" || len(s) > 1 && s[0] == '0' {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// tombstone is the line that drops key from the cache.
func tombstone(key string) string { return key + " " + cacheTombstone + " 0 \n" }

// readEntry reads the entry of key at sp and returns it whole (to copy
// into this run's file) and its data, checked against its checksum; ok is
// false for an entry that cannot be read or does not check.
func (c *segmentCache) readEntry(key string, sp span) (line, data []byte, ok bool) {
	line = make([]byte, sp.n)
	if _, err := c.prev.file(sp).ReadAt(line, sp.off); err != nil || line[len(line)-1] != '\n' {
		return nil, nil, false
	}
	i := bytes.IndexByte(line[2*keyLen+2:], ' ')
	if i < 0 {
		return nil, nil, false
	}
	data = line[2*keyLen+2+i+1 : len(line)-1]
	if string(line[:keyLen]) != key || string(line[keyLen+1:2*keyLen+1]) != entrySum(key, data) {
		return nil, nil, false
	}
	return line, data, true
}

// key is the cache key of a segment.
func (c *segmentCache) key(text string, header extract.Input) string {
	d := newDigester()
	d.small[0] = 0
	for _, s := range [...]string{c.version, header.CaseID, header.HeaderRest, header.Title, header.Published, text} {
		hashString(d.h, s)
		d.h.Write(d.small[:1])
	}
	return d.hexSum(sha256.Size)
}

// get returns the cached result of key, which this run's cache keeps.
func (c *segmentCache) get(key string) (cached, bool) {
	if len(c.oldIdx) == 0 { // a --full run, or a first one: nothing to find
		c.count(false)
		return cached{}, false
	}
	k, _ := parseKey(key)
	sp, ok := c.oldIdx[k]
	if !ok {
		c.count(false)
		return cached{}, false
	}
	_, data, ok := c.readEntry(key, sp)
	if !ok {
		c.corrupt(key, "it cannot be read or its checksum does not match its content")
		return cached{}, false
	}
	b, err := decodeBatch(data)
	if err != nil || len(b.Notices) != 1 {
		c.corrupt(key, fmt.Sprintf("it does not decode: %v", err))
		return cached{}, false
	}
	v := cached{IsIncident: b.Notices[0].IsIncident, Notice: b.Notices[0]}
	c.count(true)
	c.mu.Lock()
	c.carry(k, sp)
	c.mu.Unlock()
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

// put records a result computed in this run. A key this run recorded
// already is not encoded again (append would drop its line): a blog
// archive holds the same segment many times.
func (c *segmentCache) put(key string, v cached) {
	k, ok := parseKey(key)
	if !ok {
		return // not a key of this cache's making: nothing could ask for it
	}
	c.mu.Lock()
	done := c.newIdx[k]
	c.mu.Unlock()
	if done {
		return
	}
	n := v.Notice
	n.IsIncident = v.IsIncident
	var line bytes.Buffer
	withEncodedBatch(fileBatch{Notices: []schemas.Notice{n}}, func(b []byte) {
		line.Grow(2*keyLen + len(b) + 16)
		line.WriteString(key)
		line.WriteByte(' ')
		line.WriteString(entrySum(key, b))
		line.WriteByte(' ')
		line.WriteString(strconv.Itoa(len(b)))
		line.WriteByte(' ')
		line.Write(b)
		line.WriteByte('\n')
	})
	c.append(k, line.Bytes())
}

func (c *segmentCache) append(k cacheKey, line []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.newIdx[k] {
		return // the same segment twice in one corpus
	}
	c.newIdx[k] = true
	c.w.Write(line)
	c.off += int64(len(line))
}

// close finishes this run's file, with a tombstone for each previous
// entry no input references any more, and the cache in the staging
// folder (generations.go).
func (c *segmentCache) close() error {
	var err error
	c.compacted, err = c.gen.finish(func(w *bufio.Writer) error {
		for k := range c.oldIdx {
			if !c.newIdx[k] {
				w.WriteString(tombstone(k.String()))
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// keep keeps the entries of keys in the cache unread, where they are, for
// the segments of an input served from the file index: they stay for the
// day the input changes. An entry is checked when it is used (get), so one
// damaged on disk is kept as it is and recomputed then.
func (c *segmentCache) keep(keys []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, key := range keys {
		k, ok := parseKey(key)
		if !ok {
			continue // "" for a segment with no key
		}
		if sp, ok := c.oldIdx[k]; ok {
			c.carry(k, sp)
		}
	}
}

// carry keeps the previous entry of k, at sp, in this run's cache (c.mu
// held).
func (c *segmentCache) carry(k cacheKey, sp span) {
	if c.newIdx[k] {
		return
	}
	c.newIdx[k] = true
	c.gen.live = append(c.gen.live, sp)
}

// appendSpan appends the bytes sp of old to next, after what w buffers for
// next: file to file in the kernel (os.File.ReadFrom uses copy_file_range
// for a LimitedReader of a file). Seeking old does not disturb the
// workers' ReadAt. n is the number of bytes appended.
func appendSpan(w *bufio.Writer, next, old *os.File, sp span) (n int64, err error) {
	if err := w.Flush(); err != nil {
		return 0, err
	}
	if _, err := old.Seek(sp.off, io.SeekStart); err != nil {
		return 0, err
	}
	n, err = io.Copy(next, io.LimitReader(old, sp.n))
	if err == nil && n != sp.n {
		err = io.ErrUnexpectedEOF
	}
	return n, err
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
