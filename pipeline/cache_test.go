package pipeline

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEditedCacheLineIsRecomputed: a cache line edited into other valid
// JSON (another organization) is not served: it is a miss, recomputed,
// and logged (the file index gone, so that every input is read).
func TestEditedCacheLineIsRecomputed(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	first := run(t, out, 1)
	path := filepath.Join(out, cacheFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	org := regexp.MustCompile(`"organization":"([^"]+)"`)
	lines := strings.SplitAfter(string(b), "\n")
	edited := -1
	for i, l := range lines {
		if m := org.FindStringSubmatch(l); m != nil {
			lines[i] = strings.Replace(l, m[0], `"organization":"偽装株式会社"`, 1)
			edited = i
			break
		}
	}
	if edited < 0 {
		t.Fatal("no cache line names an organization")
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
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
