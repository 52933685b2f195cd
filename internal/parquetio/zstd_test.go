package parquetio

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/parquet/compress"
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
