package load

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

// TestLoadFileHashesBytesOnDisk: the SHA-256 is of the file as stored, also
// when its content is refused or its gzip stream breaks off, and absent when
// the file was not read.
func TestLoadFileHashesBytesOnDisk(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(noticeJA))
	zw.Close()
	truncated := gz.Bytes()[:gz.Len()/2]
	tests := []struct {
		name   string
		file   string
		data   []byte
		loader *Loader
		hashed bool
	}{
		{"text", "a.txt", []byte(noticeJA), nil, true},
		{"gzip", "a.txt.gz", gz.Bytes(), nil, true},
		{"truncated gzip", "b.txt.gz", truncated, nil, true},
		{"binary", "c.txt", []byte{0, 1, 2, 3, 0, 0, 0, 7}, nil, true},
		{"too large", "d.txt", []byte(noticeJA), &Loader{MaxFileBytes: 10, MaxLineBytes: 1 << 20}, false},
		{"empty", "e.txt", nil, nil, false},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.file)
			if err := os.WriteFile(p, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			l := tt.loader
			if l == nil {
				l = NewLoader()
			}
			got := l.LoadFile(Input{Path: p, Rel: tt.file, Size: int64(len(tt.data))})
			want := ""
			if tt.hashed {
				sum := sha256.Sum256(tt.data)
				want = hex.EncodeToString(sum[:])
			}
			if got.SHA256 != want {
				t.Errorf("SHA256 = %q, want %q (rejects %v)", got.SHA256, want, got.Rejects)
			}
		})
	}
}
