package fetch

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/internal/fetch/fetchtest"
)

// waits records the waits a client asked for instead of sleeping.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

// testClient is a client with a tiny delay whose backoff waits are
// recorded, not slept.
func testClient(opts ClientOptions) (*Client, *waits) {
	if opts.Delay == 0 {
		opts.Delay = time.Millisecond
	}
	c := NewClient(opts)
	w := &waits{}
	c.sleep = w.sleep
	return c, w
}

func testOptions(t *testing.T, c *Client) Options {
	return Options{Corpus: t.TempDir(), Client: c}
}

// readRecords reads every JSON Lines record under dir, failing on
// duplicates of an id.
func readRecords(t *testing.T, dir string) map[string]Record {
	t.Helper()
	recs := map[string]Record{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(p, ".jsonl") {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var r Record
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			if _, dup := recs[r.ID]; dup {
				t.Errorf("record %s twice in the corpus", r.ID)
			}
			recs[r.ID] = r
		}
		return nil
	})
	return recs
}

// feedRequests are the requests for the feed, in order.
func feedRequests(reqs []fetchtest.Request) []fetchtest.Request {
	var out []fetchtest.Request
	for _, r := range reqs {
		if r.Path == "/feeds/posts/default" {
			out = append(out, r)
		}
	}
	return out
}

func ids(recs map[string]Record) []string {
	var out []string
	for id := range recs {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}
