package ipadict

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"slices"
	"unsafe"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/dict/trie"
)

// The payload is a fixed sequence of sections, each a little-endian
// uint64 byte length, the bytes, and zeros up to a multiple of 8, so that
// every section starts 8-byte aligned when the payload does. A slice of
// fixed-size values is stored as its bytes in memory, so that loading it
// is a view (unsafe.Slice) over the read buffer, not a decoding loop:
// kagome's own reader takes ~0.5 s over the same values. The order:
//
//	morphs, double array, Dup pairs, connection dims, connection matrix,
//	char classes (strings), char categories, invoke list, group list,
//	unknown: morphs, Index pairs, IndexDup pairs, contents meta, contents,
//	POS names (strings), contents meta, info (strings),
//	jatok: PosFrom, PosIDs, BaseFrom, Bases, HasBase
//
// Strings are a section of uint32 end offsets and one of their bytes; a
// map[string]int8 its keys (strings, sorted) and a section of values; a
// map[int32]int32 a section of (key, value) int32 pairs, sorted by key;
// a [][]string a section of uint32 row lengths and its strings.

// A morph and a double array node are viewed in place: their layout must
// be the packed little-endian one the file holds. Both are plain structs
// of int16 and int32, so it is on every Go target; layoutOK checks it, and
// hostLittleEndian the byte order, instead of assuming.
type daNode = struct{ Base, Check int32 }

var layoutOK = unsafe.Sizeof(dict.Morph{}) == 6 && unsafe.Offsetof(dict.Morph{}.RightID) == 2 &&
	unsafe.Offsetof(dict.Morph{}.Weight) == 4 && unsafe.Sizeof(daNode{}) == 8 &&
	unsafe.Offsetof(daNode{}.Check) == 4 && unsafe.Sizeof(true) == 1 && unsafe.Sizeof(dict.POSID(0)) == 2

// hostLittleEndian reports whether this machine stores integers
// little-endian, as the file does. On a big-endian one the cache is not
// used at all (every Go port that breachtrend's cgo DuckDB builds on is
// little-endian).
var hostLittleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// bytesOf is s's memory as bytes (little-endian on the hosts that use the
// cache).
func bytesOf[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(zero)))
}

// payloadWriter writes sections to a payload, keeping its size and
// checksum (crc32Checksum's) as it goes: the payload is streamed to the
// file, never held whole in memory (27 MB more at the first run's peak).
type payloadWriter struct {
	w    io.Writer
	crc  hash.Hash32
	size uint64
	err  error
}

func newPayloadWriter(w io.Writer) *payloadWriter {
	return &payloadWriter{w: w, crc: crc32.NewIEEE()}
}

func (w *payloadWriter) write(p []byte) {
	if w.err != nil {
		return
	}
	_, w.err = w.w.Write(p)
	w.crc.Write(p)
	w.size += uint64(len(p))
}

var zeros [8]byte

func (w *payloadWriter) section(p []byte) {
	w.write(binary.LittleEndian.AppendUint64(nil, uint64(len(p))))
	w.write(p)
	w.write(zeros[:(8-len(p)%8)%8])
}

func (w *payloadWriter) strings(list []string) {
	ends, n := make([]uint32, len(list)), 0
	for i, s := range list {
		n += len(s)
		ends[i] = uint32(n)
	}
	w.section(bytesOf(ends))
	all := make([]byte, 0, n)
	for _, s := range list {
		all = append(all, s...)
	}
	w.section(all)
}

func (w *payloadWriter) pairs(m map[int32]int32) {
	keys := make([]int32, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	kv := make([]int32, 0, 2*len(m))
	for _, k := range keys {
		kv = append(kv, k, m[k])
	}
	w.section(bytesOf(kv))
}

func (w *payloadWriter) meta(m dict.ContentsMeta) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	values := make([]byte, len(keys))
	for i, k := range keys {
		values[i] = byte(m[k])
	}
	w.strings(keys)
	w.section(values)
}

func (w *payloadWriter) rows(c dict.Contents) {
	lens := make([]uint32, len(c))
	var flat []string
	for i, row := range c {
		lens[i] = uint32(len(row))
		flat = append(flat, row...)
	}
	w.section(bytesOf(lens))
	w.strings(flat)
}

// encodePayload lays out d's tokenizer parts and t as a payload in memory.
func encodePayload(d *dict.Dict, t *Tables) []byte {
	var b bytes.Buffer
	newPayloadWriter(&b).encode(d, t)
	return b.Bytes()
}

// encode writes d's tokenizer parts and t as the payload. Only called
// where layoutOK and hostLittleEndian hold.
func (w *payloadWriter) encode(d *dict.Dict, t *Tables) {
	w.section(bytesOf(d.Morphs))
	w.section(bytesOf(d.Index.Da))
	w.pairs(d.Index.Dup)
	w.section(bytesOf([]int64{d.Connection.Row, d.Connection.Col}))
	w.section(bytesOf(d.Connection.Vec))
	w.strings(d.CharClass)
	w.section(d.CharCategory)
	w.section(bytesOf(d.InvokeList))
	w.section(bytesOf(d.GroupList))
	w.section(bytesOf(d.UnkDict.Morphs))
	w.pairs(d.UnkDict.Index)
	w.pairs(d.UnkDict.IndexDup)
	w.meta(d.UnkDict.ContentsMeta)
	w.rows(d.UnkDict.Contents)
	w.strings(d.POSTable.NameList)
	w.meta(d.ContentsMeta)
	var info []string
	if i := d.Info(); i != nil {
		info = []string{i.Name, i.Src}
	}
	w.strings(info)
	w.section(bytesOf(t.PosFrom))
	w.section(bytesOf(t.PosIDs))
	w.section(bytesOf(t.BaseFrom))
	w.section([]byte(t.Bases))
	w.section(bytesOf(t.HasBase))
}

// payloadReader walks a payload's sections, checking each against the
// bytes left.
type payloadReader struct {
	b   []byte
	off int
	err error
}

// next is the next section, named what in the error when it does not fit.
func (r *payloadReader) next(what string) []byte {
	if r.err != nil {
		return nil
	}
	if len(r.b)-r.off < 8 {
		r.err = fmt.Errorf("section %s at byte %d: payload ends", what, r.off)
		return nil
	}
	n := binary.LittleEndian.Uint64(r.b[r.off:])
	start := r.off + 8
	if n > uint64(len(r.b)-start) {
		r.err = fmt.Errorf("section %s at byte %d: %d bytes, %d left", what, r.off, n, len(r.b)-start)
		return nil
	}
	end := start + int(n)
	r.off = min(end+(8-end%8)%8, len(r.b))
	return r.b[start:end:end]
}

// view is the next section as a []T over its bytes, without a copy.
func view[T any](r *payloadReader, what string) []T {
	p := r.next(what)
	if r.err != nil {
		return nil
	}
	var zero T
	size := int(unsafe.Sizeof(zero))
	if len(p)%size != 0 {
		r.err = fmt.Errorf("section %s: %d bytes, not a multiple of %d", what, len(p), size)
		return nil
	}
	if len(p) == 0 {
		return []T{}
	}
	ptr := unsafe.Pointer(unsafe.SliceData(p))
	if uintptr(ptr)%unsafe.Alignof(zero) != 0 {
		r.err = fmt.Errorf("section %s: not aligned to %d bytes", what, unsafe.Alignof(zero))
		return nil
	}
	return unsafe.Slice((*T)(ptr), len(p)/size)
}

// bools is the next section as a []bool, each byte checked to be 0 or 1:
// Go assumes a bool holds nothing else.
func bools(r *payloadReader, what string) []bool {
	p := r.next(what)
	for i, c := range p {
		if c > 1 {
			r.fail("section %s: byte %d is %d, not a bool", what, i, c)
			return nil
		}
	}
	return view1[bool](r, p)
}

// view1 views p, a section of one-byte values, as a []T.
func view1[T ~bool | ~byte](r *payloadReader, p []byte) []T {
	if r.err != nil {
		return nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(p))), len(p))
}

func (r *payloadReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

// strings is the next string list: views over the payload, not copies.
func (r *payloadReader) strings(what string) []string {
	ends := view[uint32](r, what+" offsets")
	data := r.next(what)
	if r.err != nil {
		return nil
	}
	out, from := make([]string, len(ends)), uint32(0)
	for i, end := range ends {
		if end < from || int(end) > len(data) {
			r.fail("section %s: string %d ends at %d, after %d, of %d bytes", what, i, end, from, len(data))
			return nil
		}
		out[i] = unsafe.String(unsafe.SliceData(data[from:]), int(end-from))
		from = end
	}
	if int(from) != len(data) {
		r.fail("section %s: strings end at %d of %d bytes", what, from, len(data))
	}
	return out
}

func (r *payloadReader) pairs(what string) map[int32]int32 {
	kv := view[int32](r, what)
	if r.err != nil {
		return nil
	}
	if len(kv)%2 != 0 {
		r.fail("section %s: %d values, not pairs", what, len(kv))
		return nil
	}
	m := make(map[int32]int32, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func (r *payloadReader) meta(what string) dict.ContentsMeta {
	keys := r.strings(what + " keys")
	values := r.next(what + " values")
	if r.err != nil {
		return nil
	}
	if len(values) != len(keys) {
		r.fail("section %s: %d keys, %d values", what, len(keys), len(values))
		return nil
	}
	m := make(dict.ContentsMeta, len(keys))
	for i, k := range keys {
		m[k] = int8(values[i])
	}
	return m
}

func (r *payloadReader) rows(what string) dict.Contents {
	lens := view[uint32](r, what+" rows")
	flat := r.strings(what)
	if r.err != nil {
		return nil
	}
	out, at := make(dict.Contents, len(lens)), 0
	for i, n := range lens {
		if uint64(n) > uint64(len(flat)-at) {
			r.fail("section %s: row %d of %d fields, %d left", what, i, n, len(flat)-at)
			return nil
		}
		out[i] = flat[at : at+int(n) : at+int(n)]
		at += int(n)
	}
	if at != len(flat) {
		r.fail("section %s: rows hold %d of %d fields", what, at, len(flat))
	}
	return out
}

// decodePayload reads a payload encodePayload wrote into a dictionary and
// tables that share p's memory: p must stay unchanged for as long as they
// are used, and start 8-byte aligned. Every section's size and every id
// the tokenizer indexes with is checked (validate), but for the double
// array's, which Cache.Write checks before it writes a file: a payload
// that does not hold together is an error, never a panic later.
func decodePayload(p []byte) (*dict.Dict, *Tables, error) {
	r := &payloadReader{b: p}
	d := &dict.Dict{}
	d.Morphs = view[dict.Morph](r, "morphs")
	d.Index.Da = trie.DoubleArray(view[daNode](r, "double array"))
	d.Index.Dup = r.pairs("dup")
	dims := view[int64](r, "connection dims")
	d.Connection.Vec = view[int16](r, "connection")
	d.CharClass = r.strings("char classes")
	d.CharCategory = view1[byte](r, r.next("char categories"))
	d.InvokeList = bools(r, "invoke list")
	d.GroupList = bools(r, "group list")
	d.UnkDict.Morphs = view[dict.Morph](r, "unknown morphs")
	d.UnkDict.Index = r.pairs("unknown index")
	d.UnkDict.IndexDup = r.pairs("unknown index dup")
	d.UnkDict.ContentsMeta = r.meta("unknown contents meta")
	d.UnkDict.Contents = r.rows("unknown contents")
	d.POSTable.NameList = r.strings("POS names")
	d.ContentsMeta = r.meta("contents meta")
	info := r.strings("info")
	t := &Tables{}
	t.PosFrom = view[uint32](r, "POS from")
	t.PosIDs = view[dict.POSID](r, "POS ids")
	t.BaseFrom = view[uint32](r, "base from")
	bases := r.next("bases")
	t.HasBase = bools(r, "has base")
	if r.err != nil {
		return nil, nil, r.err
	}
	if r.off != len(p) {
		return nil, nil, fmt.Errorf("%d bytes after the last section", len(p)-r.off)
	}
	if len(dims) != 2 {
		return nil, nil, fmt.Errorf("connection dims: %d values, want 2", len(dims))
	}
	d.Connection.Row, d.Connection.Col = dims[0], dims[1]
	t.Bases = unsafe.String(unsafe.SliceData(bases), len(bases))
	switch len(info) {
	case 0:
	case 2:
		d.SetInfo(&dict.Info{Name: info[0], Src: info[1]})
	default:
		return nil, nil, fmt.Errorf("info: %d strings, want 0 or 2", len(info))
	}
	if err := validate(d, t); err != nil {
		return nil, nil, err
	}
	return d, t, nil
}
