package ipadict

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"
	"unsafe"

	"github.com/ikawaha/kagome-dict/dict"
)

// Env names the variable that says where the cache folder is; "off"
// turns the cache off.
const Env = "BREACHTREND_CACHE"

// FileName is the dictionary's file in the cache folder.
const FileName = "kagome-ipa.dict"

// Dir is the cache folder: $BREACHTREND_CACHE, else breachtrend in the
// user's cache folder. ok is false when the cache is off or there is no
// such folder.
func Dir() (dir string, ok bool) {
	if d := os.Getenv(Env); d != "" {
		return d, d != "off"
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", false
	}
	return filepath.Join(base, "breachtrend"), true
}

// modules are the modules whose versions key the file: the dict package's
// (the types and what its readers make of the zip) and the ipa package's,
// whose module hash covers the embedded zip.
var modules = []string{"github.com/ikawaha/kagome-dict", "github.com/ikawaha/kagome-dict/ipa"}

// BuildKey is this binary's cache key: the versions and go.sum hashes of
// modules as the binary records them. ok is false when it records none
// (a test binary) or one is a local replacement, whose content no version
// names.
func BuildKey() (key string, ok bool) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", false
	}
	for _, path := range modules {
		found := false
		for _, m := range info.Deps {
			if m.Path != path {
				continue
			}
			if m.Replace != nil {
				m = m.Replace
			}
			if m.Version == "" || m.Version == "(devel)" {
				return "", false
			}
			key += fmt.Sprintf("%s@%s %s\n", m.Path, m.Version, m.Sum)
			found = true
		}
		if !found {
			return "", false
		}
	}
	return key, true
}

// maxPayload bounds what Read reads: IPA's payload is 27 MB.
const maxPayload = 1 << 30

// Source says where Cache.Load found the dictionary.
type Source int

const (
	// Slow: built from kagome's zip; the cache was not written (off, or
	// the folder could not be written).
	Slow Source = iota
	// Written: built from kagome's zip and written to the cache.
	Written
	// Cached: read from the cache.
	Cached
)

func (s Source) String() string {
	return [...]string{"slow", "written", "cached"}[s]
}

// Cache is a compact dictionary file: Path, valid for Key.
type Cache struct {
	Path string
	Key  string
}

// Default is the cache of this binary: FileName in Dir, keyed by
// BuildKey. ok is false when there is none, and the dictionary must be
// built from kagome's zip.
func Default() (c Cache, ok bool) {
	dir, ok := Dir()
	if !ok {
		return Cache{}, false
	}
	key, ok := BuildKey()
	if !ok || !hostLittleEndian || !layoutOK {
		return Cache{}, false
	}
	return Cache{Path: filepath.Join(dir, FileName), Key: key}, true
}

// keyHash is what the header holds of c.Key.
func (c Cache) keyHash() [32]byte { return sha256.Sum256([]byte(c.Key)) }

// Load returns the dictionary and jatok's tables from c's file. On a miss
// (no file, or one that is stale, truncated or corrupt: why says which)
// it builds them with slow, which returns kagome's dictionary with its
// features, and writes the file for the next run; the dictionary is then
// slow's own, features included (the caller drops them).
func (c Cache) Load(slow func() *dict.Dict) (d *dict.Dict, t *Tables, src Source, why error) {
	d, t, why = c.Read()
	if why == nil {
		return d, t, Cached, nil
	}
	d = slow()
	t = NewTables(d)
	if err := c.Write(d, t); err != nil {
		return d, t, Slow, errors.Join(why, err)
	}
	return d, t, Written, why
}

// Read reads c's file. The dictionary and tables share one allocation,
// the file's bytes, with no pointer in it for the GC to mark.
func (c Cache) Read() (*dict.Dict, *Tables, error) {
	f, err := os.Open(c.Path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var head [headerSize]byte
	n, err := io.ReadFull(f, head[:])
	h, herr := parseHeader(head[:n])
	if herr != nil {
		return nil, nil, fmt.Errorf("%s: %w", c.Path, herr)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", c.Path, err)
	}
	if h.version != formatVersion {
		return nil, nil, fmt.Errorf("%s: format version %d, want %d", c.Path, h.version, formatVersion)
	}
	if h.key != c.keyHash() {
		return nil, nil, fmt.Errorf("%s: written for another kagome dictionary", c.Path)
	}
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if h.payloadSize > maxPayload {
		return nil, nil, fmt.Errorf("%s: a payload of %d bytes, more than a dictionary's %d", c.Path, h.payloadSize, maxPayload)
	}
	if size := uint64(info.Size()); size != headerSize+h.payloadSize {
		return nil, nil, fmt.Errorf("%s: %d bytes, its header says %d", c.Path, size, headerSize+h.payloadSize)
	}
	// Words, so that the payload starts 8-byte aligned: its sections are
	// viewed in place as slices of int16, int32 and int64. On the Go heap,
	// where it counts against a run's soft memory limit: memory mapped
	// outside it (anonymous, or the file itself) let the heap grow 27 MB
	// more under the limit, and the 10k bench run's peak RSS from 299 to
	// 325 MB, for no CPU measurably saved.
	payload := heapAlloc(int(h.payloadSize))
	if _, err := io.ReadFull(f, payload); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", c.Path, err)
	}
	if got := crc32Checksum(payload); got != h.payloadCRC {
		return nil, nil, fmt.Errorf("%s: payload checksum %08x, want %08x", c.Path, got, h.payloadCRC)
	}
	d, t, err := decodePayload(payload)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", c.Path, err)
	}
	return d, t, nil
}

// Write writes d's tokenizer parts and t to c's file, atomically: a
// temporary file in the same folder, renamed over it. A file at that
// name that breachtrend did not write is kept (an error wrapping
// errNotOurs).
func (c Cache) Write(d *dict.Dict, t *Tables) error {
	if !hostLittleEndian || !layoutOK {
		return errors.New("the cache file needs a little-endian machine")
	}
	dir := filepath.Dir(c.Path)
	if err := ours(c.Path); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	sweepTemps(dir)
	// What the next runs will read, checked whole, and once: Read checks
	// all but the double array again, in case the file was written wrong.
	if err := validate(d, t); err != nil {
		return fmt.Errorf("encoding %s: %w", c.Path, err)
	}
	if err := validateDoubleArray(d, len(d.Morphs)); err != nil {
		return fmt.Errorf("encoding %s: %w", c.Path, err)
	}
	tmp, err := os.CreateTemp(dir, FileName+tempInfix+"*")
	if err != nil {
		return err
	}
	// The header, which holds the payload's size and checksum, is written
	// last, over zeros.
	buf := bufio.NewWriterSize(tmp, 1<<20)
	_, err = buf.Write(make([]byte, headerSize))
	w := newPayloadWriter(buf)
	w.encode(d, t)
	err = errors.Join(err, w.err, buf.Flush())
	if err == nil {
		_, err = tmp.WriteAt(appendHeader(nil, header{version: formatVersion, key: c.keyHash(),
			payloadSize: w.size, payloadCRC: w.crc.Sum32()}), 0)
	}
	if err == nil {
		// CreateTemp's 0600 would keep the file from the other users of
		// a cache folder they share; it holds nothing private.
		err = tmp.Chmod(0o644)
	}
	// No fsync: a file a crash leaves short or zeroed fails its checksum
	// and is rebuilt, so the run need not wait for the disk.
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.Path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", c.Path, err)
	}
	return nil
}

// ours returns nil when path is absent or breachtrend's: it starts with
// the magic, or with a part of it (a file cut short), or with zeros (what
// a crash may leave of a file renamed before it reached the disk).
func ours(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, len(magic))
	n, _ := io.ReadFull(f, head)
	if !bytes.HasPrefix([]byte(magic), head[:n]) && !bytes.Equal(head[:n], make([]byte, n)) {
		return fmt.Errorf("%s: %w", path, errNotOurs)
	}
	return nil
}

// tempInfix marks the temporary files Write creates, FileName + tempInfix
// + a random suffix.
const tempInfix = ".tmp-"

// staleTemp is how old a temporary file is when no Write is still
// writing it (a process killed while writing left it): a write takes
// well under a second.
const staleTemp = time.Hour

// sweepTemps removes the temporary files that killed writers left in dir:
// 27 MB each.
func sweepTemps(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), FileName+tempInfix) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleTemp {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// crc32Checksum is the payload's checksum. IEEE's polynomial, not
// Castagnoli's: Go computes it with carry-less multiplication, twice as
// fast here (~1 ms for the 27 MB).
// heapAlloc returns n bytes of zeroed memory on the Go heap, 8-byte
// aligned: allocated as words.
func heapAlloc(n int) []byte {
	words := make([]uint64, (n+7)/8)
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(words))), len(words)*8)[:n]
}

func crc32Checksum(b []byte) uint32 { return crc32.ChecksumIEEE(b) }
