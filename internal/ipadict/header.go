package ipadict

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
)

// The file is a 64-byte header followed by the payload (format.go).
//
//	 0  magic        "BTIPADIC"
//	 8  version      uint32, formatVersion
//	12  reserved     uint32, 0
//	16  key          [32]byte, SHA-256 of the cache key
//	48  payload size uint64
//	56  payload CRC  uint32, CRC-32 (IEEE) of the payload
//	60  header CRC   uint32, CRC-32 (IEEE) of bytes 0-59
//
// Every integer is little-endian (the cache is used on little-endian
// machines only: see hostLittleEndian).
const (
	magic      = "BTIPADIC"
	headerSize = 64

	// formatVersion changes with the payload's layout, and with what
	// NewTables computes: a file of another version is a miss.
	formatVersion = 1
)

// header is a file's header.
type header struct {
	version     uint32
	key         [32]byte
	payloadSize uint64
	payloadCRC  uint32
}

// errNotOurs is a file that does not start with the magic: not a
// dictionary breachtrend wrote, so never replaced.
var errNotOurs = errors.New("not a breachtrend dictionary file (no magic)")

// appendHeader appends h's 64 bytes to b.
func appendHeader(b []byte, h header) []byte {
	start := len(b)
	b = append(b, magic...)
	b = binary.LittleEndian.AppendUint32(b, h.version)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = append(b, h.key[:]...)
	b = binary.LittleEndian.AppendUint64(b, h.payloadSize)
	b = binary.LittleEndian.AppendUint32(b, h.payloadCRC)
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}

// parseHeader reads the header at the start of b. It checks the magic,
// the header's own checksum and the reserved field; the version and key
// are the caller's to compare.
func parseHeader(b []byte) (header, error) {
	var h header
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return h, errNotOurs
	}
	if len(b) < headerSize {
		return h, fmt.Errorf("header of %d bytes, want %d", len(b), headerSize)
	}
	if got, want := crc32.ChecksumIEEE(b[:60]), binary.LittleEndian.Uint32(b[60:]); got != want {
		return h, fmt.Errorf("header checksum %08x, want %08x", got, want)
	}
	if r := binary.LittleEndian.Uint32(b[12:]); r != 0 {
		return h, fmt.Errorf("reserved header field %d, want 0", r)
	}
	h.version = binary.LittleEndian.Uint32(b[8:])
	copy(h.key[:], b[16:48])
	h.payloadSize = binary.LittleEndian.Uint64(b[48:])
	h.payloadCRC = binary.LittleEndian.Uint32(b[56:])
	return h, nil
}
