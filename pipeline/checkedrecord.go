package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A checked record is a small text file of the caches (the incidents
// parts', incidentparts.go; the derived tables', derivedrecord.go): a
// header line (the file's magic and version), lines of its own, then the
// hex SHA-256 of every line before it, so a torn or edited record is
// refused, never half read.

// writeCheckedRecord writes header and lines, each ended by a newline,
// and the checksum line to path, synced; what names the record in errors.
func writeCheckedRecord(path, what, header string, lines []string) error {
	var b bytes.Buffer
	b.WriteString(header + "\n")
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	sum := sha256.Sum256(b.Bytes())
	b.WriteString(hex.EncodeToString(sum[:]) + "\n")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	_, err = f.Write(b.Bytes())
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// readCheckedRecord reads the record at path and returns its lines
// between the header and the checksum, once the checksum matches and the
// header is header; otherwise its error names path and says why, with
// otherHeader the reason for another header.
func readCheckedRecord(path, header, otherHeader string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	body, sum, ok := cutLastLine(b)
	if !ok {
		return nil, recordError(path, "no checksum line")
	}
	if want := sha256.Sum256(body); hex.EncodeToString(want[:]) != sum {
		return nil, recordError(path, "its checksum does not match its content")
	}
	lines := strings.Split(string(body), "\n")
	lines = lines[:len(lines)-1] // body ends with a newline (cutLastLine)
	if len(lines) == 0 || lines[0] != header {
		return nil, recordError(path, otherHeader)
	}
	return lines[1:], nil
}

// recordError is the error of a record at path that cannot be used.
func recordError(path, why string) error { return fmt.Errorf("%s: %s", path, why) }

// cutLastLine splits b before its last line, which it returns without
// its newline.
func cutLastLine(b []byte) (body []byte, last string, ok bool) {
	if len(b) == 0 || b[len(b)-1] != '\n' {
		return nil, "", false
	}
	i := bytes.LastIndexByte(b[:len(b)-1], '\n')
	if i < 0 {
		return nil, "", false
	}
	return b[:i+1], string(b[i+1 : len(b)-1]), true
}
