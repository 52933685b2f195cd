package parquetio

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/apache/arrow-go/v18/parquet/compress"

	"github.com/breachtrend/breachtrend/schemas"
)

// TestKeptZstdSameBytes: the kept encoders compress every page to the bytes
// arrow-go's own codec makes, from an empty page to one over the 128 KB
// block size and one over the 1 MB page size, at the default level and
// another; and what they make decodes back.
func TestKeptZstdSameBytes(t *testing.T) {
	codec, err := compress.GetCodec(compress.Codecs.Zstd)
	if err != nil {
		t.Fatal(err)
	}
	kept, ok := codec.(*keptZstd)
	if !ok {
		t.Fatalf("registered zstd codec is %T, want *keptZstd", codec)
	}
	text := corpusText(t)
	pages := [][]byte{nil, []byte("a"), []byte(text[:5000]), []byte(strings.Repeat(text, 3)[:200_000]),
		[]byte(strings.Repeat(text, 12))}
	for _, level := range []int{compress.DefaultCompressionLevel, 1, 3, 9} {
		for round := 0; round < 2; round++ { // the second round reuses encoders
			for _, p := range pages {
				got := kept.EncodeLevel(nil, p, level)
				want := kept.builtin.EncodeLevel(nil, p, level)
				if !bytes.Equal(got, want) {
					t.Fatalf("level %d, %d bytes: kept encoder wrote %d bytes, arrow-go %d", level, len(p), len(got), len(want))
				}
				back, err := compress.Decode(kept, nil, got)
				if err != nil || !bytes.Equal(back, p) {
					t.Fatalf("level %d, %d bytes: round trip: %v", level, len(p), err)
				}
			}
		}
	}
}

// TestKeptZstdConcurrent: pages compressed at once each get their own
// encoder (run with -race).
func TestKeptZstdConcurrent(t *testing.T) {
	codec, _ := compress.GetCodec(compress.Codecs.Zstd)
	page := []byte(corpusText(t))
	want := codec.EncodeLevel(nil, page, compress.DefaultCompressionLevel)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 5 {
				if got := codec.EncodeLevel(nil, page, compress.DefaultCompressionLevel); !bytes.Equal(got, want) {
					t.Error("concurrent encodes differ")
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestKeptZstdOutputBuffer: a page compressed into a dst with room for it
// lands in dst; into one without (what arrow-go's page writer hands in, of
// CompressBound bytes) it comes back in a slice about its own size, and
// each page's bytes stay as they were after the next page is compressed
// (the encoder's own buffer is reused, its output never handed out).
func TestKeptZstdOutputBuffer(t *testing.T) {
	codec, _ := compress.GetCodec(compress.Codecs.Zstd)
	kept := codec.(*keptZstd)
	text := corpusText(t)
	long := strings.Repeat(text, 6) // pages over the 128 KB block size
	first, second := []byte(long[:300_000]), []byte(long[300_000:500_000])
	want1 := kept.builtin.EncodeLevel(nil, first, compress.DefaultCompressionLevel)
	want2 := kept.builtin.EncodeLevel(nil, second, compress.DefaultCompressionLevel)

	var page bytes.Buffer // as serializedPageWriter.Compress does
	page.Grow(int(kept.CompressBound(int64(len(first)))))
	got1 := kept.EncodeLevel(page.Bytes(), first, compress.DefaultCompressionLevel)
	if cap(got1) >= 2*len(got1) {
		t.Errorf("a page of %d bytes, %d compressed, got a buffer of %d", len(first), len(got1), cap(got1))
	}
	got2 := kept.EncodeLevel(nil, second, compress.DefaultCompressionLevel)
	if !bytes.Equal(got1, want1) || !bytes.Equal(got2, want2) {
		t.Fatal("pages differ from arrow-go's, or the first changed when the second was compressed")
	}

	roomy := make([]byte, 3, len(want1)+10)
	got := kept.EncodeLevel(roomy, first, compress.DefaultCompressionLevel)
	if !bytes.Equal(got, want1) || unsafe.SliceData(got) != unsafe.SliceData(roomy) {
		t.Error("a dst with room for the page was not used")
	}
}

// TestKeptZstdSameFile: a table written with the kept codec is the very
// file arrow-go's own codec writes, over several row groups of long and
// short values.
func TestKeptZstdSameFile(t *testing.T) {
	kept, _ := compress.GetCodec(compress.Codecs.Zstd)
	rows := benchNotices(t, 2*DefaultRowGroup+300)
	write := func() []byte {
		dir := t.TempDir()
		if err := WriteAll(dir, schemas.NoticesTable, rows); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "notices", PartName(0)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	withKept := write()
	compress.RegisterCodec(compress.Codecs.Zstd, kept.(*keptZstd).builtin)
	defer compress.RegisterCodec(compress.Codecs.Zstd, kept)
	if !bytes.Equal(withKept, write()) {
		t.Error("the kept codec's file differs from arrow-go's codec's")
	}
}
