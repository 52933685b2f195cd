package ipadict

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strings"
	"testing"
	"unsafe"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

func validHeader() []byte {
	return appendHeader(nil, header{version: formatVersion, key: [32]byte{1, 2, 3}, payloadSize: 1234, payloadCRC: 0xdeadbeef})
}

// withHeaderCRC recomputes the header checksum of b after an edit.
func withHeaderCRC(b []byte) []byte {
	binary.LittleEndian.PutUint32(b[60:], crc32.ChecksumIEEE(b[:60]))
	return b
}

func TestParseHeader(t *testing.T) {
	good := validHeader()
	for _, tc := range []struct {
		name    string
		in      []byte
		wantErr string
	}{
		{"valid", good, ""},
		{"valid, payload after it", append(bytes.Clone(good), 1, 2, 3), ""},
		{"empty", nil, "no magic"},
		{"part of the magic", good[:5], "no magic"},
		{"another file", []byte("# notes\nnot a dictionary at all, but long enough to hold a header of 64 bytes"), "no magic"},
		{"magic only", good[:8], "header of 8 bytes"},
		{"cut short", good[:63], "header of 63 bytes"},
		{"a flipped bit", func() []byte { b := bytes.Clone(good); b[50] ^= 4; return b }(), "header checksum"},
		{"reserved field set", withHeaderCRC(func() []byte { b := bytes.Clone(good); b[12] = 1; return b }()), "reserved header field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := parseHeader(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("parseHeader = %v, want an error with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := header{version: formatVersion, key: [32]byte{1, 2, 3}, payloadSize: 1234, payloadCRC: 0xdeadbeef}
			if h != want {
				t.Errorf("parseHeader = %+v, want %+v", h, want)
			}
		})
	}
	if _, err := parseHeader([]byte("not ours")); !errors.Is(err, errNotOurs) {
		t.Errorf("another file: %v, want errNotOurs", err)
	}
}

// FuzzParseHeader: any bytes give a header or an error, never a panic,
// and a header that parses is the one its bytes encode.
func FuzzParseHeader(f *testing.F) {
	f.Add(validHeader())
	f.Add([]byte(magic))
	f.Add(append(validHeader()[:60], 0, 0, 0, 0))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := parseHeader(b)
		if err != nil {
			return
		}
		if again := appendHeader(nil, h); !bytes.Equal(again, b[:headerSize]) {
			t.Fatalf("parsed %+v from % x, which encodes as % x", h, b[:headerSize], again)
		}
	})
}

// aligned copies p into 8-byte aligned memory, as Cache.Read reads it.
func aligned(p []byte) []byte {
	words := make([]uint64, (len(p)+7)/8)
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(words))), len(words)*8)[:len(p)]
	copy(b, p)
	return b
}

func TestPayloadRoundTrip(t *testing.T) {
	d := smallDict(t)
	tables := NewTables(d)
	got, gotTables, err := decodePayload(aligned(encodePayload(d, tables)))
	if err != nil {
		t.Fatal(err)
	}
	sameDict(t, got, d)
	sameTables(t, gotTables, tables)
	if got.Contents != nil || got.POSTable.POSs != nil {
		t.Error("the payload holds kagome's features")
	}
	if err := validateDoubleArray(got, len(got.Morphs)); err != nil {
		t.Error(err)
	}
	if b, ok := gotTables.KnownBaseForm(0); !ok || b == "" {
		t.Errorf("word 0: base form %q %v", b, ok)
	}
}

func TestPayloadErrors(t *testing.T) {
	d := smallDict(t)
	good := encodePayload(d, NewTables(d))
	for _, tc := range []struct {
		name    string
		edit    func(p []byte) []byte
		wantErr string
	}{
		{"empty", func([]byte) []byte { return nil }, "section morphs at byte 0: payload ends"},
		{"cut short", func(p []byte) []byte { return p[:len(p)-9] }, "has base"},
		{"bytes after it", func(p []byte) []byte { return append(p, make([]byte, 8)...) }, "8 bytes after the last section"},
		{"a section longer than the payload", func(p []byte) []byte {
			binary.LittleEndian.PutUint64(p, 1<<40)
			return p
		}, "section morphs at byte 0"},
		{"a morph cut in half", func(p []byte) []byte {
			binary.LittleEndian.PutUint64(p, binary.LittleEndian.Uint64(p)-3)
			return p
		}, "not a multiple of 6"},
		{"a morph outside the connection matrix", func(p []byte) []byte {
			binary.LittleEndian.PutUint16(p[8:], 7) // word 0's left id
			return p
		}, "morph 0: left id 7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := decodePayload(aligned(tc.edit(bytes.Clone(good))))
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("decodePayload = %v, want an error with %q", err, tc.wantErr)
			}
		})
	}
}

// FuzzDecodePayload: any payload decodes or is refused, never a panic; one
// that decodes and whose double array checks out tokenizes any text
// without a panic: validate and validateDoubleArray leave kagome no index
// out of range.
func FuzzDecodePayload(f *testing.F) {
	d := smallDict(f)
	good := encodePayload(d, NewTables(d))
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, p []byte) {
		got, _, err := decodePayload(aligned(p))
		if err != nil || validateDoubleArray(got, len(got.Morphs)) != nil {
			return
		}
		tok, err := tokenizer.New(got, tokenizer.OmitBosEos())
		if err != nil {
			return
		}
		for _, s := range []string{"個人情報が流出した", "情報々ぁ", "\x00個人", "abc\xff"} {
			tok.Tokenize(s)
		}
	})
}
