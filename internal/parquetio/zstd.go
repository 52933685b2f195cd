package parquetio

import (
	"bytes"
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
	pageCodec = &keptZstd{builtin: builtin, free: map[zstd.EncoderLevel][]*pageEncoder{}}
	compress.RegisterCodec(compress.Codecs.Zstd, pageCodec)
}

// pageCodec is the codec registered for zstd pages.
var pageCodec *keptZstd

// DropIdleEncoders lets the GC have the page encoders no writer is using:
// each keeps an 8 MB history and its match tables (42 MB live after the
// 10k bench corpus's tables, with the encoders of its concurrent writers).
// A program calls it when it is done writing tables for a while; the next
// page compressed makes an encoder again.
func DropIdleEncoders() {
	pageCodec.mu.Lock()
	defer pageCodec.mu.Unlock()
	clear(pageCodec.free)
}

// keptZstd compresses pages with encoders it never drops; everything else
// (decoding, streams) is arrow-go's own codec.
type keptZstd struct {
	builtin compress.Codec
	mu      sync.Mutex
	free    map[zstd.EncoderLevel][]*pageEncoder // idle encoders by level
}

// pageEncoder is an encoder and the buffer it compresses pages into.
type pageEncoder struct {
	enc     *zstd.Encoder
	scratch []byte
}

// maxScratchBytes bounds the buffer an idle encoder keeps: a page of long
// texts larger than that leaves its buffer to the GC.
const maxScratchBytes = 16 << 20

// get returns an idle encoder for level, or a new one. There are never more
// encoders than pages compressed at once.
func (z *keptZstd) get(level zstd.EncoderLevel) *pageEncoder {
	z.mu.Lock()
	idle := z.free[level]
	if n := len(idle); n > 0 {
		pe := idle[n-1]
		z.free[level] = idle[:n-1]
		z.mu.Unlock()
		return pe
	}
	z.mu.Unlock()
	// The options of arrow-go's pool (compress/zstd.go), so output is the same.
	enc, err := zstd.NewWriter(nil, zstd.WithZeroFrames(true), zstd.WithEncoderLevel(level),
		zstd.WithEncoderConcurrency(1), zstd.WithAllLitEntropyCompression(true))
	if err != nil {
		panic(err) // only for invalid options, which these are not
	}
	return &pageEncoder{enc: enc}
}

// put makes pe idle again. EncodeAll keeps no state between calls, so
// unlike arrow-go no Reset is needed (a Reset would build a stream encoder).
func (z *keptZstd) put(level zstd.EncoderLevel, pe *pageEncoder) {
	if cap(pe.scratch) > maxScratchBytes {
		pe.scratch = nil
	}
	z.mu.Lock()
	z.free[level] = append(z.free[level], pe)
	z.mu.Unlock()
}

// EncodeLevel compresses one page, as arrow-go's codec does. The page is
// compressed into the encoder's own buffer, then copied into dst when it
// fits there, else into a new slice of its very size: arrow-go's page
// writer hands in a dst of CompressBound bytes, and with the real bound
// (a little over the page's size) every page of every column chunk
// allocated its uncompressed size again (560 MB of 4.7 GB over 307k tiny
// JSON Lines records), where the compressed page is a fraction of it.
func (z *keptZstd) EncodeLevel(dst, src []byte, level int) []byte {
	l := zstd.EncoderLevelFromZstd(level)
	if level == compress.DefaultCompressionLevel {
		l = zstd.SpeedDefault
	}
	pe := z.get(l)
	defer z.put(l, pe)
	// EncodeAll makes a buffer of len(src) when handed none: start from
	// one that large, so its output is never regrown on the way.
	if cap(pe.scratch) < len(src) {
		pe.scratch = make([]byte, 0, len(src))
	}
	pe.scratch = pe.enc.EncodeAll(src, pe.scratch[:0])
	if cap(dst) >= len(pe.scratch) {
		return append(dst[:0], pe.scratch...)
	}
	return bytes.Clone(pe.scratch)
}

// CompressBound is what arrow-go's page writer reserves for EncodeLevel's
// output before each page (its only use in arrow-go). EncodeLevel sizes
// its output itself, so the writer reserves nothing: see EncodeLevel.
func (z *keptZstd) CompressBound(n int64) int64 { return 0 }

func (z *keptZstd) Encode(dst, src []byte) []byte        { return z.builtin.Encode(dst, src) }
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
