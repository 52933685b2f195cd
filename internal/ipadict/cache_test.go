package ipadict

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ikawaha/kagome-dict/dict"
)

// loadSmall loads c with smallDict as the slow path, counting its calls.
func loadSmall(t *testing.T, c Cache) (*dict.Dict, *Tables, Source, int) {
	t.Helper()
	builds := 0
	d, tables, src, _ := c.Load(func() *dict.Dict { builds++; return smallDict(t) })
	return d, tables, src, builds
}

func TestCacheWrittenThenRead(t *testing.T) {
	c := Cache{Path: filepath.Join(t.TempDir(), "sub", FileName), Key: "small v1"}
	d, tables, src, builds := loadSmall(t, c)
	if src != Written || builds != 1 {
		t.Fatalf("first load: %v after %d builds, want written after 1", src, builds)
	}
	if info, err := os.Stat(c.Path); err != nil {
		t.Fatal(err)
	} else if info.Mode().Perm() != 0o644 {
		t.Fatalf("the file's mode is %v; want it readable by the cache folder's other users", info.Mode())
	}
	got, gotTables, src, builds := loadSmall(t, c)
	if src != Cached || builds != 0 {
		t.Fatalf("second load: %v after %d builds, want cached after 0", src, builds)
	}
	sameDict(t, got, d)
	sameTables(t, gotTables, tables)
}

// TestCacheMisses: a file that is stale, truncated or corrupt is a miss:
// the dictionary is built again, and the file rewritten, so that the next
// load reads it.
func TestCacheMisses(t *testing.T) {
	dir := t.TempDir()
	c := Cache{Path: filepath.Join(dir, FileName), Key: "small v1"}
	loadSmall(t, c)
	good, err := os.ReadFile(c.Path)
	if err != nil {
		t.Fatal(err)
	}
	stale := func(edit func(b []byte)) func([]byte) []byte {
		return func(b []byte) []byte { edit(b); return withHeaderCRC(b) }
	}
	for _, tc := range []struct {
		name string
		edit func(b []byte) []byte
		key  string // when not c's
		why  string
	}{
		{"missing", func([]byte) []byte { return nil }, "", "no such file"},
		{"empty", func([]byte) []byte { return []byte{} }, "", "no magic"},
		{"zeroed", func(b []byte) []byte { return make([]byte, len(b)) }, "", "no magic"},
		{"cut in the magic", func(b []byte) []byte { return b[:5] }, "", "no magic"},
		{"cut in the header", func(b []byte) []byte { return b[:40] }, "", "header of 40 bytes"},
		{"header only", func(b []byte) []byte { return b[:headerSize] }, "", "bytes, its header says"},
		{"cut in the payload", func(b []byte) []byte { return b[:len(b)/2] }, "", "bytes, its header says"},
		{"a byte more", func(b []byte) []byte { return append(b, 0) }, "", "bytes, its header says"},
		{"a payload byte changed", func(b []byte) []byte { b[len(b)/2]++; return b }, "", "payload checksum"},
		{"a header byte changed", func(b []byte) []byte { b[20]++; return b }, "", "header checksum"},
		{"another format version", stale(func(b []byte) { binary.LittleEndian.PutUint32(b[8:], formatVersion+1) }), "", "format version"},
		{"another kagome dictionary", func(b []byte) []byte { return b }, "small v2", "another kagome dictionary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := c
			if tc.key != "" {
				c.Key = tc.key
			}
			os.Remove(c.Path)
			if b := tc.edit(bytes.Clone(good)); b != nil {
				if err := os.WriteFile(c.Path, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if _, _, err := c.Read(); err == nil || !strings.Contains(err.Error(), tc.why) {
				t.Fatalf("Read = %v, want an error with %q", err, tc.why)
			}
			d, tables, src, builds := loadSmall(t, c)
			if src != Written || builds != 1 {
				t.Fatalf("load: %v after %d builds, want written after 1", src, builds)
			}
			got, gotTables, err := c.Read()
			if err != nil {
				t.Fatalf("the file was not rewritten: %v", err)
			}
			sameDict(t, got, d)
			sameTables(t, gotTables, tables)
		})
	}
}

// TestCacheKeepsOthersFile: a file at the cache's name that breachtrend
// did not write is neither read nor replaced.
func TestCacheKeepsOthersFile(t *testing.T) {
	c := Cache{Path: filepath.Join(t.TempDir(), FileName), Key: "small v1"}
	mine := []byte("a user's notes, which happen to have this name\n")
	if err := os.WriteFile(c.Path, mine, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, src, builds := loadSmall(t, c); src != Slow || builds != 1 {
		t.Fatalf("load: %v after %d builds, want slow after 1", src, builds)
	}
	if b, _ := os.ReadFile(c.Path); !bytes.Equal(b, mine) {
		t.Fatalf("the user's file was replaced by %d bytes", len(b))
	}
}

// TestCacheUnwritable: a cache folder that cannot be made or written is
// the slow path, with the dictionary as good.
func TestCacheUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	c := Cache{Path: filepath.Join(file, "breachtrend", FileName), Key: "small v1"}
	d, tables, src, builds := loadSmall(t, c)
	if src != Slow || builds != 1 {
		t.Fatalf("load: %v after %d builds, want slow after 1", src, builds)
	}
	sameDict(t, d, smallDict(t))
	sameTables(t, tables, NewTables(smallDict(t)))
}

// TestCacheSweepsTemps: a write removes the temporary files that killed
// writers left (an hour old), not a writer's current one nor other files.
func TestCacheSweepsTemps(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, FileName+tempInfix+"123")
	fresh := filepath.Join(dir, FileName+tempInfix+"456")
	other := filepath.Join(dir, "notes.txt")
	for _, p := range []string{old, fresh, other} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * staleTemp)
	for _, p := range []string{old, other} {
		if err := os.Chtimes(p, long, long); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, src, _ := loadSmall(t, Cache{Path: filepath.Join(dir, FileName), Key: "k"}); src != Written {
		t.Fatalf("load: %v, want written", src)
	}
	for p, want := range map[string]bool{old: false, fresh: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}

func TestDir(t *testing.T) {
	t.Setenv(Env, "/some/where")
	if dir, ok := Dir(); dir != "/some/where" || !ok {
		t.Errorf("Dir with %s set = %q %v", Env, dir, ok)
	}
	t.Setenv(Env, "off")
	if _, ok := Dir(); ok {
		t.Errorf("Dir with %s=off is on", Env)
	}
	if _, ok := Default(); ok {
		t.Errorf("Default with %s=off is on", Env)
	}
	t.Setenv(Env, "")
	t.Setenv("XDG_CACHE_HOME", "/x/cache")
	if dir, ok := Dir(); dir != "/x/cache/breachtrend" || !ok {
		t.Errorf("Dir = %q %v, want the user's cache folder", dir, ok)
	}
}

// TestDefaultInABinary builds a program that loads IPA as breachtrend
// does and runs it twice on an empty cache folder: the first run writes
// the file, the second reads it, keyed by the module versions. (A test
// binary records no module versions: BuildKey is false in it.)
func TestDefaultInABinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "loadipa")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/loadipa").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cache := t.TempDir()
	for _, want := range []string{"written", "cached"} {
		cmd := exec.Command(bin)
		cmd.Env = append(os.Environ(), Env+"="+cache)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		for _, line := range []string{"source " + want, `github.com/ikawaha/kagome-dict@v`, `github.com/ikawaha/kagome-dict/ipa@v`} {
			if !strings.Contains(string(out), line) {
				t.Fatalf("output lacks %q:\n%s", line, out)
			}
		}
	}
	if _, ok := BuildKey(); ok {
		t.Error("a test binary has a cache key")
	}
}
