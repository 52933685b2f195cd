package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract"
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

// TestDigestsAsBefore: the cache key and an entry's checksum are the
// SHA-256 of what they always hashed, in full lower case hex (a change
// would make every cache entry a miss), and each of them, like the notice
// id, allocates its string alone (the key 3 times and the checksum 4 before
// digesters).
func TestDigestsAsBefore(t *testing.T) {
	c := &segmentCache{version: "v1"}
	in := extract.Input{CaseID: "2023-001", HeaderRest: "株式会社サンプル", Title: "題", Published: "2023-01-02"}
	text := strings.Repeat("不正アクセスが発生しました。", 20)
	var all []byte
	for _, s := range []string{c.version, in.CaseID, in.HeaderRest, in.Title, in.Published, text} {
		all = append(append(all, s...), 0)
	}
	want := sha256.Sum256(all)
	key := c.key(text, in)
	if key != hex.EncodeToString(want[:]) {
		t.Errorf("key = %s, want %x", key, want)
	}
	data := []byte("some data")
	sum := sha256.Sum256(append([]byte(key+" "), data...))
	if got := entrySum(key, data); got != hex.EncodeToString(sum[:]) {
		t.Errorf("entrySum = %s, want %x", got, sum)
	}
	for name, f := range map[string]func(){
		"noticeID": func() { noticeID("feed.jsonl", 7, text) },
		"key":      func() { c.key(text, in) },
		"entrySum": func() { entrySum(key, data) },
	} {
		if n := testing.AllocsPerRun(100, f); n > 1 {
			t.Errorf("%s allocates %.0f times per call, want 1 (its string)", name, n)
		}
	}
}
