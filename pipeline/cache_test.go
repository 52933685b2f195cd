package pipeline

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract"
)

// TestEditedCacheLineIsRecomputed: a cache entry edited into other valid
// data (another organization) is not served: it is a miss, recomputed,
// and logged (the file index gone, so that every input is read).
func TestEditedCacheLineIsRecomputed(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	first := run(t, out, 1)
	path := filepath.Join(out, cacheFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The first entry that names an organization, made to name another,
	// its checksum left as it was: data that decode, and lie.
	c, err := openCache(out, t.TempDir(), mustCacheVersion(t, first), false)
	if err != nil {
		t.Fatal(err)
	}
	edited := -1
	for key, sp := range c.oldIdx {
		line, data, ok := c.readEntry(key.String(), sp)
		if !ok {
			t.Fatalf("entry %s does not check", key)
		}
		batch, err := decodeBatch(data)
		if err != nil || batch.Notices[0].Organization == "" {
			continue
		}
		batch.Notices[0].Organization = "偽装株式会社"
		forged := encodeBatch(batch)
		head := line[:2*keyLen+2] // key and checksum
		entry := fmt.Appendf(append([]byte(nil), head...), "%d %s\n", len(forged), forged)
		b = slices.Concat(b[:sp.off], entry, b[sp.off+sp.n:])
		edited = int(sp.off)
		break
	}
	c.close()
	if edited < 0 {
		t.Fatal("no cache entry names an organization")
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// Unchanged inputs are served by the file index, their segment
	// entries unread: without it every segment is looked up.
	if err := os.Remove(filepath.Join(out, fileIndexFile)); err != nil {
		t.Fatal(err)
	}

	var logs bytes.Buffer
	cfg := Config{Inputs: []string{corpus}, Out: out, Workers: 1, Log: slog.New(slog.NewTextHandler(&logs, nil))}
	sum, err := runCfg(t, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Manifest.CacheMiss != 1 || sum.CacheHits != first.Segments-1 {
		t.Errorf("after one edited line: %d misses, %d hits of %d", sum.Manifest.CacheMiss, sum.CacheHits, first.Segments)
	}
	if n := scalar[int64](t, open(t, out), "SELECT count(*) FROM notices WHERE organization = '偽装株式会社'"); n != 0 {
		t.Error("the edited entry was served")
	}
	if !strings.Contains(logs.String(), "cache entry ignored") {
		t.Errorf("no warning logged:\n%s", logs.String())
	}
	// The recomputed entry is trusted again by the next run.
	if again := run(t, out, 1); again.Manifest.CacheMiss != 0 {
		t.Errorf("third run: %d misses", again.Manifest.CacheMiss)
	}
}

// mustCacheVersion is the cache version a run used.
func mustCacheVersion(t *testing.T, sum Summary) string {
	t.Helper()
	v, err := cacheVersion(sum.Manifest.Rules, "")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestCachePutTwiceEncodesOnce: a segment this run recorded already (a
// blog archive repeats its notices) is not encoded again, and its line is
// written once.
func TestCachePutTwiceEncodesOnce(t *testing.T) {
	dir := t.TempDir()
	c, err := openCache(filepath.Join(dir, "out"), dir, "v1", true)
	if err != nil {
		t.Fatal(err)
	}
	key := strings.Repeat("a", keyLen)
	v := cached{IsIncident: true}
	v.Notice.Organization, v.Notice.Cause = "株式会社テスト", "unauthorized_access"
	c.put(key, v)
	off := c.off
	if allocs := testing.AllocsPerRun(20, func() { c.put(key, v) }); allocs > 0 {
		t.Errorf("a second put of a key allocates %.0f times: it encodes the entry again", allocs)
	}
	if c.off != off {
		t.Errorf("a second put of a key wrote %d bytes", c.off-off)
	}
	if err := c.close(); err != nil {
		t.Fatal(err)
	}
}

// TestCacheKeyBytes: a key is held as its 32 bytes and reads back as the
// same hex; anything but the lower case hex key() makes is not a key.
func TestCacheKeyBytes(t *testing.T) {
	c := &segmentCache{version: "v"}
	key := c.key("本文", extract.Input{Title: "題"})
	k, ok := parseKey(key)
	if !ok || k.String() != key {
		t.Fatalf("parseKey(%s) = %s, %v", key, k, ok)
	}
	for _, bad := range []string{"", key[:keyLen-2], strings.ToUpper(key), key[:keyLen-1] + "g", key + "0"} {
		if _, ok := parseKey(bad); ok {
			t.Errorf("parseKey(%q) took it for a key", bad)
		}
	}
	// Every byte, as either digit of a pair, against encoding/hex with
	// lower case required.
	for c := range 256 {
		for _, pos := range []int{0, 1, keyLen - 1} {
			b := []byte(key)
			b[pos] = byte(c)
			got, ok := parseKey(string(b))
			want, err := hex.DecodeString(string(b))
			wantOK := err == nil && string(b) == strings.ToLower(string(b))
			if ok != wantOK || (ok && !bytes.Equal(got[:], want)) {
				t.Fatalf("parseKey with byte %#x at %d: %x, %v; want %x, %v", c, pos, got, ok, want, wantOK)
			}
		}
	}
}

// TestPreviousCacheReadBesideTheWalk: the previous cache indexed on a
// goroutine of its own (startReadingCache, while the walk plans the run)
// is the index openCache makes in line, and a read stopped early
// (pendingCache.discard, for a run that keeps its tables) gives no cache
// and leaves no file open.
func TestPreviousCacheReadBesideTheWalk(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	version := mustCacheVersion(t, run(t, out, 1))
	inline, err := openCache(out, t.TempDir(), version, false)
	if err != nil {
		t.Fatal(err)
	}
	defer inline.close()
	if len(inline.oldIdx) == 0 {
		t.Fatal("the first run left no cache entries")
	}
	pending := startReadingCache(out, version)
	beside, err := startCache(pending.wait(), out, t.TempDir(), version)
	if err != nil {
		t.Fatal(err)
	}
	defer beside.close()
	if !maps.Equal(inline.oldIdx, beside.oldIdx) {
		t.Errorf("indexed beside the walk: %d entries, in line: %d, or other spans", len(beside.oldIdx), len(inline.oldIdx))
	}

	var stop atomic.Bool
	stop.Store(true)
	if prev := readPreviousCache(out, version, &stop); prev.files != nil || len(prev.idx) != 0 {
		t.Errorf("a stopped read gave a cache of %d entries", len(prev.idx))
	}
	discarded := startReadingCache(out, version)
	discarded.discard()
	if prev := discarded.wait(); prev.files != nil {
		for _, f := range prev.files.files {
			if _, err := f.Stat(); err == nil {
				t.Errorf("discarded read left %s open", f.Name())
			}
		}
	}
	var none *pendingCache // a --full run reads nothing
	none.discard()
	if prev := none.wait(); prev.files != nil || prev.idx != nil {
		t.Error("no read gave a cache")
	}
}

// TestStaleCacheIsNotRead: a cache of another version is no cache, read
// in line or beside the walk.
func TestStaleCacheIsNotRead(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	run(t, out, 1)
	if prev := startReadingCache(out, "another version").wait(); prev.files != nil || len(prev.idx) != 0 {
		t.Errorf("a stale cache gave %d entries", len(prev.idx))
	}
}
