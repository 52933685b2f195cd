package fetch

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/fetch/fetchtest"
)

// TestLockCorpus: a second fetch into a corpus that one is writing stops
// with ErrLocked and the first one's pid; the lock is free again after.
func TestLockCorpus(t *testing.T) {
	corpus := t.TempDir()
	unlock, err := lockCorpus(corpus)
	if err != nil {
		t.Fatal(err)
	}
	srv := fetchtest.NewServer(t)
	c, _ := testClient(ClientOptions{})
	_, err = SyncBlog(context.Background(), Options{Corpus: corpus, Client: c}, BlogOptions{Base: srv.URL})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "pid ") {
		t.Errorf("second fetch: %v, want ErrLocked naming the pid", err)
	}
	if n := len(srv.Requests(false)); n != 0 {
		t.Errorf("the locked-out fetch made %d requests", n)
	}
	unlock()
	if _, err := SyncBlog(context.Background(), Options{Corpus: corpus, Client: c}, BlogOptions{Base: srv.URL}); err != nil {
		t.Errorf("after unlock: %v", err)
	}
}

// TestProgress: the line counts requests, records and bytes; nil draws
// nothing.
func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	p := NewProgress(&buf)
	p.request(1500000)
	p.record()
	if got := buf.String(); got != "\r\033[Krequests 1  records 0  1.5 MB" {
		t.Errorf("progress line %q", got)
	}
	p.Done()
	if !strings.HasSuffix(buf.String(), "\r\033[K") {
		t.Error("Done does not clear the line")
	}
	var none *Progress
	none.request(1)
	none.record()
	none.Done()
	if NewProgress(nil) != nil {
		t.Error("NewProgress(nil) draws somewhere")
	}
}
