package pipeline

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/load"
)

// fileIndexFile is the per-file index, beside the segment cache: for each
// input file its stat data, its content hash and what the pipeline made of
// it (its notices before corrections and linking, its rejects, the cache
// keys of its segments). An input whose stat data are those recorded — as
// git's index decides, with a content hash only when they differ — is
// neither read nor segmented nor normalized: its results come from here.
const fileIndexFile = "_cache/files.jsonl"

// fileIndexMagic opens the index, and each of its deltas (generations.go);
// an index of another format or version is ignored whole. Each entry
// ("line") after it is
//
//	<checksum> <kind> <key length> <key> <data length> <data>\n
//
// kind B is a batch of a file's results (a fileBatch in the binary form of
// batchcodec.go, compressed with S2: a notice's two texts are most of it),
// kind L the file's last line (a fileMeta, JSON), after its batches, kind
// D (no data, in a delta) drops the file's entry of an earlier file of
// the index; the checksum is the hex SHA-256 of "<key> <data>". A file's
// lines are consecutive in one file of the index: the collector writes
// them in walk order. The first line of a file in a later delta starts
// its entry anew.
const fileIndexMagic = "breachtrend-file-index 4 "

// fileStat is what decides, without reading a file, that it is unchanged:
// the stat data git's index compares.
type fileStat struct {
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"` // ns since the epoch
	CTime int64  `json:"ctime"` // ns; 0 where the system has none
	Inode uint64 `json:"ino"`
	Dev   uint64 `json:"dev"`
}

// fileBatch is one batch of a file's results, as finishFile gave them.
type fileBatch struct {
	Notices []schemas.Notice
	Rejects []schemas.Reject
	Keys    []string // the segment cache key of each notice
}

// fileMeta closes a file's lines.
type fileMeta struct {
	Stat   fileStat `json:"stat"`
	SHA256 string   `json:"sha256"`
	// Checked is when the run that read the file started (ns): a file
	// whose mtime is not a second before it may have changed after it was
	// read within the same mtime tick ("racily clean", as git says), so it
	// is hashed.
	Checked int64 `json:"checked"`
}

// fileEntry is where one file's lines lie in the previous index.
type fileEntry struct {
	batches  []span
	meta     span
	complete bool
	gen      int32 // the file of the index its lines are in
}

// How an input was served: from its stat data, after hashing it, or not
// at all (it was read and processed).
const (
	reusedByStat = iota + 1
	reusedByHash
)

// fileIndex is the previous run's index (read with ReadAt, safe from many
// workers) and this run's, written by the collector alone: the entries of
// inputs unchanged by their stat data are kept where they are, by
// reference, the others written into this run's file (generations.go).
type fileIndex struct {
	version string
	start   time.Time // this run's start: each file's Checked
	verify  bool      // hash every file, whatever its stat data
	prevDir string    // the previous output folder
	prev    *generations
	oldIdx  map[string]*fileEntry

	gen       *generationWriter
	next      *os.File // gen's file, once started
	w         *bufio.Writer
	written   map[string]bool
	compacted bool // this run wrote the index anew (generations.go)

	// metas are the entries' last lines (fileMeta), checked and decoded
	// once by the walk that plans the run (checkInputs, recordMetas set)
	// and read, not written, by the workers after it: each was read,
	// checksummed and decoded twice (~0.1 s of CPU at 9.5k inputs).
	metas       map[string]fileMeta
	recordMetas bool
	walked      *walked // the inputs and rejects of that walk (keep.go)

	unchanged, hashed, read atomic.Int64 // files served by stat, by hash; files processed
	servedNotices           atomic.Int64
}

// openFileIndex indexes the previous run's file index in out (unless
// full) and starts this run's in dir. Like the segment cache, a missing,
// stale or torn index is an empty one.
func openFileIndex(out, dir, version string, start time.Time, full, verify bool) (*fileIndex, error) {
	x := readFileIndex(out, version, start, full, verify)
	if err := x.startNext(dir); err != nil {
		x.close()
		return nil, err
	}
	return x, nil
}

// readFileIndex indexes the previous run's file index in out (unless
// full), for lookups; startNext then starts this run's.
func readFileIndex(out, version string, start time.Time, full, verify bool) *fileIndex {
	x := &fileIndex{version: version, start: start, verify: verify, prevDir: out, oldIdx: map[string]*fileEntry{}, written: map[string]bool{}}
	if !full {
		x.prev = readGenerations(filepath.Join(out, fileIndexFile), fileIndexMagic+version+"\n", x.indexOld)
		if x.prev == nil {
			x.oldIdx = map[string]*fileEntry{} // a torn or stale index: trust none of it
		}
	}
	return x
}

// startNext starts this run's index in dir.
func (x *fileIndex) startNext(dir string) error {
	gen, err := startGeneration(dir, x.prevDir, fileIndexFile, fileIndexMagic+x.version+"\n", x.prev)
	if err != nil {
		return fmt.Errorf("file index: %w", err)
	}
	x.gen, x.next, x.w = gen, gen.next, gen.w
	return nil
}

// inputKey names an input in the index: the path it is opened by and the
// path its notices carry.
func inputKey(in load.Input) string { return in.Path + "\x00" + in.Rel }

// indexOld indexes the lines of one file of the previous index, from r at
// off on, in the file number gen.
func (x *fileIndex) indexOld(r *bufio.Reader, gen int32, off int64) error {
	for {
		if _, err := r.Peek(1); err == io.EOF {
			return nil
		}
		kind, key, n, err := readFrame(r)
		if err != nil {
			return err
		}
		sp := span{off: off, n: n, gen: gen}
		off += sp.n
		if kind == 'D' {
			delete(x.oldIdx, key)
			continue
		}
		e := x.oldIdx[key]
		if e == nil || e.gen != gen {
			e = &fileEntry{gen: gen} // a later file's lines replace an earlier file's
			x.oldIdx[key] = e
		}
		if e.complete {
			continue // the same input twice: the first is kept
		}
		if kind == 'L' {
			e.meta, e.complete = sp, true
		} else {
			e.batches = append(e.batches, sp)
		}
	}
}

// readFrame reads one line's frame from r, skipping its data unread, and
// returns its kind, key and length. The checksum is not verified here.
func readFrame(r *bufio.Reader) (kind byte, key string, n int64, err error) {
	var head [keyLen + 3]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return 0, "", 0, fmt.Errorf("file index: torn: %w", err)
	}
	kind = head[keyLen+1]
	if head[keyLen] != ' ' || head[keyLen+2] != ' ' || (kind != 'B' && kind != 'L' && kind != 'D') {
		return 0, "", 0, errors.New("file index: a malformed line")
	}
	number := func() (int, int, error) {
		s, err := r.ReadString(' ')
		if err != nil || len(s) > 12 {
			return 0, 0, errors.New("file index: a malformed length")
		}
		v, ok := parseFrameLength(s[:len(s)-1])
		if !ok {
			return 0, 0, errors.New("file index: a malformed length")
		}
		return v, len(s), nil
	}
	keyN, w1, err := number()
	if err != nil {
		return 0, "", 0, err
	}
	kb := make([]byte, keyN+1)
	if _, err := io.ReadFull(r, kb); err != nil || kb[keyN] != ' ' {
		return 0, "", 0, errors.New("file index: a torn key")
	}
	dataN, w2, err := number()
	if err != nil {
		return 0, "", 0, err
	}
	if d, err := r.Discard(dataN + 1); err != nil || d != dataN+1 {
		return 0, "", 0, errors.New("file index: torn data")
	}
	return kind, string(kb[:keyN]), int64(len(head) + w1 + keyN + 1 + w2 + dataN + 1), nil
}

// splitIndexLine parses a whole line; ok is false for a malformed one.
// The checksum is not verified here.
func splitIndexLine(line []byte) (kind byte, key string, data []byte, ok bool) {
	r := bufio.NewReaderSize(bytes.NewReader(line), 64)
	kind, key, n, err := readFrame(r)
	if err != nil || n != int64(len(line)) || line[len(line)-1] != '\n' {
		return 0, "", nil, false
	}
	i := keyLen + 3
	i += bytes.IndexByte(line[i:], ' ') + 1 + len(key) + 1
	i += bytes.IndexByte(line[i:], ' ') + 1
	return kind, key, line[i : len(line)-1], true
}

// indexLine frames data as a line of the index.
func indexLine(kind byte, key string, data []byte) []byte {
	var b bytes.Buffer
	b.Grow(keyLen + len(key) + len(data) + 16)
	b.WriteString(entrySum(key, data))
	b.WriteByte(' ')
	b.WriteByte(kind)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(len(key)))
	b.WriteByte(' ')
	b.WriteString(key)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(len(data)))
	b.WriteByte(' ')
	b.Write(data)
	b.WriteByte('\n')
	return b.Bytes()
}

// readLine reads and checks one line of the previous index.
func (x *fileIndex) readLine(sp span, key string) ([]byte, []byte, error) {
	line := make([]byte, sp.n)
	if _, err := x.prev.file(sp).ReadAt(line, sp.off); err != nil {
		return nil, nil, err
	}
	_, k, data, ok := splitIndexLine(line)
	if !ok || k != key || string(line[:keyLen]) != entrySum(key, data) {
		return nil, nil, fmt.Errorf("file index: the entry of %s does not match its checksum", key)
	}
	return line, data, nil
}

// lookup decides whether in is unchanged since the previous run. It
// returns the input's stat data (taken before anything reads it, so a
// change while it is read shows next time; ok false when it cannot be
// stat'ed) and, when it is unchanged, its entry, its content hash and how
// that was decided.
func (x *fileIndex) lookup(in load.Input) (st fileStat, statOK bool, e *fileEntry, sha string, how int) {
	st, statOK, e, m, verdict := x.statCheck(in)
	switch {
	case verdict == statSame && !x.verify:
		return st, statOK, e, m.SHA256, reusedByStat
	case verdict == statMustRead:
		return st, statOK, nil, "", 0
	}
	if sum, err := hashFile(in.Path); err == nil && sum == m.SHA256 {
		return st, true, e, m.SHA256, reusedByHash
	}
	return st, true, nil, "", 0
}

// What the stat data say of an input, without reading it: the same as
// recorded; other, so only its content hash can tell; or not recorded, or
// of another size, so it must be read.
const (
	statSame = iota + 1
	statMustHash
	statMustRead
)

// statCheck compares in's stat data with those its entry recorded (m).
func (x *fileIndex) statCheck(in load.Input) (st fileStat, statOK bool, e *fileEntry, m fileMeta, verdict int) {
	fi, err := os.Stat(in.Path)
	if err != nil {
		return fileStat{}, false, nil, m, statMustRead
	}
	st = statOf(fi)
	key := inputKey(in)
	e = x.oldIdx[key]
	if e == nil || !e.complete || x.prev == nil {
		return st, true, nil, m, statMustRead
	}
	m, ok := x.metas[key]
	if !ok {
		_, data, err := x.readLine(e.meta, key)
		if err != nil || json.Unmarshal(data, &m) != nil {
			return st, true, nil, m, statMustRead
		}
		if x.recordMetas {
			x.metas[key] = m
		}
	}
	if m.Stat.Size != st.Size {
		return st, true, nil, m, statMustRead
	}
	racy := st.MTime >= time.Unix(0, m.Checked).Truncate(time.Second).UnixNano()
	if !racy && m.Stat == st {
		return st, true, e, m, statSame
	}
	return st, true, e, m, statMustHash
}

// hashFile is the hex SHA-256 of a file's bytes, as the loader hashes them.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// serve sends an unchanged input's results, batch by batch, as its last
// run made them. Every line is checked before the first is sent; false
// when one does not check (the input is then processed instead).
func (x *fileIndex) serve(in load.Input, e *fileEntry, sha string, st fileStat, send func(fileResult) error) (bool, error) {
	key := inputKey(in)
	var one []byte // a single batch, read once
	for _, sp := range e.batches {
		line, _, err := x.readLine(sp, key)
		if err != nil {
			return false, nil
		}
		if len(e.batches) == 1 {
			one = line
		}
	}
	for i, sp := range e.batches {
		line := one
		if line == nil {
			var err error
			if line, _, err = x.readLine(sp, key); err != nil {
				return false, err // it checked a moment ago
			}
		}
		_, _, data, _ := splitIndexLine(line)
		b, err := decodeBatch(data)
		if err != nil {
			return false, fmt.Errorf("file index: %s: %w", in.Rel, err)
		}
		r := fileResult{input: in, notices: b.Notices, rejects: b.Rejects, keys: b.Keys, indexLine: line,
			served: true, stat: st, statOK: true}
		if i == len(e.batches)-1 {
			r.last, r.sha256 = true, sha
		}
		x.servedNotices.Add(int64(len(b.Notices)))
		if err := send(r); err != nil {
			return true, err
		}
	}
	if len(e.batches) == 0 { // a file with no batch line: nothing to send but its end
		if err := send(fileResult{input: in, last: true, sha256: sha, served: true, stat: st, statOK: true}); err != nil {
			return true, err
		}
	}
	return true, nil
}

// encode frames a processed batch as a line of this run's index (on the
// worker, so the collector only writes it). A batch with a reject that
// depends on the run, not the file (a timeout, an internal error), is not
// recorded: the file is processed again next time.
func (x *fileIndex) encode(r *fileResult) {
	if r.served || r.indexLine != nil {
		return
	}
	for _, rj := range r.rejects {
		if rj.Reason == "extract_timeout" || rj.Reason == "internal_error" {
			r.unrecorded = true
			return
		}
	}
	withEncodedBatch(fileBatch{Notices: r.notices, Rejects: r.rejects, Keys: r.keys}, func(data []byte) {
		r.indexLine = indexLine('B', inputKey(r.input), data)
	})
}

// record writes r's line into this run's index, and the file's last line
// after its last batch (on the collector, in walk order). skip carries
// over a file's batches: once one of them is not recorded, the file is not.
func (x *fileIndex) record(r *fileResult, skip *bool) error {
	key := inputKey(r.input)
	if *skip || r.unrecorded || x.written[key] {
		*skip = !r.last
		return nil
	}
	carried := r.kept != nil && r.kept.carry
	if carried {
		// Unchanged by its stat data: its lines stay where they are.
		if r.last {
			x.written[key] = true
			if e := x.oldIdx[key]; e != nil {
				x.gen.live = append(append(x.gen.live, e.batches...), e.meta)
			}
		}
		return nil
	}
	if r.indexLine != nil {
		if _, err := x.w.Write(r.indexLine); err != nil {
			return fmt.Errorf("file index: %w", err)
		}
	} else if r.indexSpan.n > 0 {
		if err := x.copyOld(r.indexSpan); err != nil {
			return fmt.Errorf("file index: %w", err)
		}
	}
	if !r.last {
		return nil
	}
	x.written[key] = true
	if !r.statOK || r.sha256 == "" {
		return nil // no stat data or no hash: the file is read next time
	}
	data, err := json.Marshal(fileMeta{Stat: r.stat, SHA256: r.sha256, Checked: x.start.UnixNano()})
	if err != nil {
		return fmt.Errorf("file index: %w", err)
	}
	if _, err := x.w.Write(indexLine('L', key, data)); err != nil {
		return fmt.Errorf("file index: %w", err)
	}
	return nil
}

// copyOld appends the bytes of sp of the previous index to this run's, file
// to file in the kernel (copy_file_range): the lines of an input served
// light (serveLight) after its hash was checked, which the run does not
// hold, and whose last line it writes anew.
func (x *fileIndex) copyOld(sp span) error {
	_, err := appendSpan(x.w, x.next, x.prev.file(sp), sp)
	return err
}

// dropped is the number of files the previous index had and this one
// does not: inputs gone, changed past their cache, or never recorded.
func (x *fileIndex) dropped() int {
	n := 0
	for k, e := range x.oldIdx {
		if e.complete && !x.written[k] {
			n++
		}
	}
	return n
}

// close finishes this run's index, with a D line for each previous entry
// this run did not write or keep, and the index in the staging folder
// (generations.go); or, when the run started none, closes the previous
// one.
func (x *fileIndex) close() error {
	if x.gen == nil {
		if x.prev != nil {
			x.prev.close()
		}
		return nil
	}
	var err error
	x.compacted, err = x.gen.finish(func(w *bufio.Writer) error {
		for key := range x.oldIdx {
			if !x.written[key] {
				w.Write(indexLine('D', key, nil))
			}
		}
		return nil
	})
	x.gen = nil
	if err != nil {
		return fmt.Errorf("file index: %w", err)
	}
	return nil
}

// serveUnchanged sends in's results from the file index when it is
// unchanged since the previous run, keeping its segments' cache entries,
// and reports whether it did; otherwise the caller processes it, with the
// stat data returned. An input it cannot serve is counted as read.
func (s *stages) serveUnchanged(in load.Input, send func(fileResult) error) (fileStat, bool, bool, error) {
	x := s.files
	st, statOK, e, sha, how := x.lookup(in)
	if e != nil {
		served, err := x.serve(in, e, sha, st, func(r fileResult) error {
			s.cache.keep(r.keys)
			return send(r)
		})
		if served {
			if how == reusedByStat {
				x.unchanged.Add(1)
			} else {
				x.hashed.Add(1)
			}
			return st, statOK, true, err
		}
		if err != nil {
			return st, statOK, false, err
		}
	}
	x.read.Add(1)
	return st, statOK, false, nil
}

// cacheVersion is what the caches are keyed by beyond each segment: the
// rules' version and the sectors file, which enrichment reads.
func cacheVersion(rules, sectors string) (string, error) {
	if sectors == "" {
		return rules, nil
	}
	sum, err := hashFile(sectors)
	if err != nil {
		return "", fmt.Errorf("--sectors %s: %w", sectors, err)
	}
	return rules + "/sectors:" + sum, nil
}

// tokenizerStartHook, when set (by tests), is called when a run starts
// building the tokenizer's dictionary up front.
var tokenizerStartHook func()
