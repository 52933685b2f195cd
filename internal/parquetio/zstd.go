package parquetio

import (
	"io"
	"sync"

	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/klauspost/compress/zstd"
)

// arrow-go's zstd codec keeps its page encoders in a sync.Pool, which every
// GC empties: a run of ~60 GCs then builds ~60 encoders, each allocating an
// 8 MB history and its match tables again (a sixth of a run's allocations).
// keptZstd is the same codec with encoders that stay: made with the very
// options arrow-go uses, so every page compresses to the same bytes.
func init() {
	builtin, err := compress.GetCodec(compress.Codecs.Zstd)
	if err != nil {
		panic(err)
	}
	compress.RegisterCodec(compress.Codecs.Zstd, &keptZstd{builtin: builtin, free: map[zstd.EncoderLevel][]*zstd.Encoder{}})
}

// keptZstd compresses pages with encoders it never drops; everything else
// (decoding, streams) is arrow-go's own codec.
type keptZstd struct {
	builtin compress.Codec
	mu      sync.Mutex
	free    map[zstd.EncoderLevel][]*zstd.Encoder // idle encoders by level
}

// get returns an idle encoder for level, or a new one. There are never more
// encoders than pages compressed at once.
func (z *keptZstd) get(level zstd.EncoderLevel) *zstd.Encoder {
	z.mu.Lock()
	idle := z.free[level]
	if n := len(idle); n > 0 {
		enc := idle[n-1]
		z.free[level] = idle[:n-1]
		z.mu.Unlock()
		return enc
	}
	z.mu.Unlock()
	// The options of arrow-go's pool (compress/zstd.go), so output is the same.
	enc, err := zstd.NewWriter(nil, zstd.WithZeroFrames(true), zstd.WithEncoderLevel(level),
		zstd.WithEncoderConcurrency(1), zstd.WithAllLitEntropyCompression(true))
	if err != nil {
		panic(err) // only for invalid options, which these are not
	}
	return enc
}

// put makes enc idle again. EncodeAll keeps no state between calls, so
// unlike arrow-go no Reset is needed (a Reset would build a stream encoder).
func (z *keptZstd) put(level zstd.EncoderLevel, enc *zstd.Encoder) {
	z.mu.Lock()
	z.free[level] = append(z.free[level], enc)
	z.mu.Unlock()
}

// EncodeLevel compresses one page, as arrow-go's codec does.
func (z *keptZstd) EncodeLevel(dst, src []byte, level int) []byte {
	l := zstd.EncoderLevelFromZstd(level)
	if level == compress.DefaultCompressionLevel {
		l = zstd.SpeedDefault
	}
	enc := z.get(l)
	defer z.put(l, enc)
	return enc.EncodeAll(src, dst[:0])
}

func (z *keptZstd) Encode(dst, src []byte) []byte        { return z.builtin.Encode(dst, src) }
func (z *keptZstd) CompressBound(n int64) int64          { return z.builtin.CompressBound(n) }
func (z *keptZstd) Decode(dst, src []byte) []byte        { return z.builtin.Decode(dst, src) }
func (z *keptZstd) NewReader(r io.Reader) io.ReadCloser  { return z.streams().NewReader(r) }
func (z *keptZstd) NewWriter(w io.Writer) io.WriteCloser { return z.streams().NewWriter(w) }

func (z *keptZstd) DecodeWithError(dst, src []byte) ([]byte, error) {
	return compress.Decode(z.builtin, dst, src)
}

func (z *keptZstd) NewWriterLevel(w io.Writer, level int) (io.WriteCloser, error) {
	return z.streams().NewWriterLevel(w, level)
}

// streams is arrow-go's codec as a stream codec, which its zstd codec is.
func (z *keptZstd) streams() compress.StreamingCodec { return z.builtin.(compress.StreamingCodec) }
