package pipeline

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/load"
)

// BenchmarkServeUnchanged is the cost of an unchanged input in a rerun:
// the stat check, reading its batches from the file index, checking and
// decompressing them and decoding its notices. One op serves the whole
// sample corpus; it reports the time and the index bytes per notice.
func BenchmarkServeUnchanged(b *testing.B) {
	dir := b.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	copyCorpus(b, in)
	past := time.Now().Add(-time.Hour)
	var inputs []load.Input
	cfg := Config{Inputs: []string{in}, Out: out, Workers: 2}
	if err := cfg.Validate(); err != nil {
		b.Fatal(err)
	}
	cfg.walk(func(i load.Input) error {
		os.Chtimes(i.Path, past, past)
		inputs = append(inputs, i)
		return nil
	}, func(schemas.Reject) {})
	first, err := runCfg(b, cfg)
	if err != nil {
		b.Fatal(err)
	}
	version, _ := cacheVersion(first.Manifest.Rules, "")
	x, err := openFileIndex(out, b.TempDir(), version, time.Now(), false, false)
	if err != nil {
		b.Fatal(err)
	}
	defer x.close()
	fi, _ := os.Stat(filepath.Join(out, fileIndexFile))
	st := &stages{files: x, cache: &segmentCache{oldIdx: map[cacheKey]span{}, newIdx: map[cacheKey]bool{}}}
	for b.Loop() {
		for _, i := range inputs {
			if _, _, ok, err := st.serveUnchanged(i, func(fileResult) error { return nil }); !ok || err != nil {
				b.Fatalf("%s not served: %v", i.Rel, err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*first.Segments), "ns/notice")
	b.ReportMetric(float64(fi.Size())/float64(first.Segments), "index-bytes/notice")
}

// BenchmarkSegmentCacheGet is the cost of a segment served from the
// segment cache (a changed file's unchanged segment): reading its entry,
// checking its checksum and decoding it. One op reads every entry of the
// sample corpus's cache; it reports the time and the bytes per entry.
func BenchmarkSegmentCacheGet(b *testing.B) {
	out := filepath.Join(b.TempDir(), "out")
	first, err := runCfg(b, Config{Inputs: []string{corpus}, Out: out, Workers: 2})
	if err != nil {
		b.Fatal(err)
	}
	version, _ := cacheVersion(first.Manifest.Rules, "")
	c, err := openCache(out, b.TempDir(), version, false)
	if err != nil {
		b.Fatal(err)
	}
	defer c.close()
	keys := make([]string, 0, len(c.oldIdx))
	for k := range c.oldIdx {
		keys = append(keys, k.String())
	}
	if len(keys) == 0 {
		b.Fatal("an empty cache")
	}
	fi, _ := os.Stat(filepath.Join(out, cacheFile))
	for b.Loop() {
		for _, k := range keys {
			if _, ok := c.get(k); !ok {
				b.Fatalf("entry %s not served", k)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/entry")
	b.ReportMetric(float64(fi.Size())/float64(len(keys)), "cache-bytes/entry")
}
