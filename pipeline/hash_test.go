package pipeline

import (
	"bytes"
	"crypto/sha256"
	"strings"
	"testing"
)

// TestHashStringIsWriteWithoutCopy: the same digest as writing the bytes,
// without an allocation per text.
func TestHashStringIsWriteWithoutCopy(t *testing.T) {
	text := strings.Repeat("個人情報の漏えいに関するお知らせ。", 300)
	a, b := sha256.New(), sha256.New()
	hashString(a, text)
	b.Write([]byte(text))
	if !bytes.Equal(a.Sum(nil), b.Sum(nil)) {
		t.Fatal("hashString gives another digest than Write")
	}
	if n := testing.AllocsPerRun(100, func() { hashString(a, text) }); n != 0 {
		t.Errorf("hashString allocates %.0f times per call", n)
	}
}
