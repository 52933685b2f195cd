package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/internal/fetch/fetchtest"
)

// TestClientRobots: robots.txt is asked once per host and its Disallow
// /search is honoured without a request to /search.
func TestClientRobots(t *testing.T) {
	srv := fetchtest.NewServer(t)
	srv.SetPage("/2024/05/2024-101.html", "text/html", []byte("<p>x</p>"))
	c, _ := testClient(ClientOptions{})
	ctx := context.Background()
	if _, err := c.Get(ctx, srv.URL+"/search/label/不正アクセス", Validators{}); !errors.Is(err, ErrDisallowed) {
		t.Errorf("GET /search: %v, want ErrDisallowed", err)
	}
	if _, err := c.Get(ctx, srv.URL+"/search?updated-max=2024", Validators{}); !errors.Is(err, ErrDisallowed) {
		t.Errorf("GET /search?…: %v, want ErrDisallowed", err)
	}
	if _, err := c.Get(ctx, srv.URL+"/2024/05/2024-101.html", Validators{}); err != nil {
		t.Errorf("GET an allowed page: %v", err)
	}
	reqs := srv.Requests(false)
	if len(reqs) != 2 || reqs[0].Path != "/robots.txt" || reqs[1].Path != "/2024/05/2024-101.html" {
		t.Errorf("requests %+v, want robots.txt once and the allowed page", reqs)
	}
}

// TestClientPoliteness: one request at a time per host, Delay apart, from
// however many goroutines.
func TestClientPoliteness(t *testing.T) {
	var inFlight, most atomic.Int32
	var mu sync.Mutex
	var starts []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		time.Sleep(5 * time.Millisecond)
		http.NotFound(w, r) // robots.txt and pages alike
	}))
	defer srv.Close()
	const delay = 30 * time.Millisecond
	c := NewClient(ClientOptions{Delay: delay})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { c.Get(context.Background(), srv.URL+"/page", Validators{}) })
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Errorf("%d requests at once, want 1", most.Load())
	}
	if len(starts) != 5 {
		t.Fatalf("%d requests, want robots.txt and 4 pages", len(starts))
	}
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < delay {
			t.Errorf("requests %d and %d %v apart, want at least %v", i-1, i, gap, delay)
		}
	}
}

// TestClientCap: the request cap stops the run with ErrRequestCap.
func TestClientCap(t *testing.T) {
	srv := fetchtest.NewServer(t)
	srv.SetPage("/a", "text/plain", []byte("a"))
	c, _ := testClient(ClientOptions{MaxRequests: 2})
	ctx := context.Background()
	if _, err := c.Get(ctx, srv.URL+"/a", Validators{}); err != nil { // robots.txt and /a
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, srv.URL+"/a", Validators{}); !errors.Is(err, ErrRequestCap) {
		t.Errorf("third request: %v, want ErrRequestCap", err)
	}
	if n := len(srv.Requests(false)); n != 2 {
		t.Errorf("%d requests reached the server, want 2", n)
	}
}

// TestClientBackoff: a 429 without Retry-After is retried after a
// jittered, growing wait; a Retry-After longer than MaxWait fails at once;
// a 404 is not retried.
func TestClientBackoff(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt", "/gone":
			http.NotFound(w, r)
		case "/busy":
			if calls.Add(1) <= 3 {
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			w.Write([]byte("ok"))
		case "/later":
			w.Header().Set("Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c, w := testClient(ClientOptions{Delay: time.Nanosecond, MaxWait: 10 * time.Minute})
	resp, err := c.Get(context.Background(), srv.URL+"/busy", Validators{})
	if err != nil || string(resp.Body) != "ok" {
		t.Fatalf("GET /busy: %v", err)
	}
	var backoffs []time.Duration
	for _, d := range w.d {
		if d > time.Millisecond {
			backoffs = append(backoffs, d)
		}
	}
	if len(backoffs) != 3 {
		t.Fatalf("waits %v, want 3 backoffs", w.d)
	}
	for i, d := range backoffs {
		base := time.Second << i
		if d < base/2 || d >= base*3/2 {
			t.Errorf("backoff %d = %v, want in [%v, %v)", i, d, base/2, base*3/2)
		}
	}
	var he *HTTPError
	before := len(w.d)
	if _, err := c.Get(context.Background(), srv.URL+"/gone", Validators{}); !errors.As(err, &he) || he.Status != 404 || len(w.d)-before > 1 {
		t.Errorf("GET /gone: %v after %d waits, want HTTP 404 at once", err, len(w.d)-before)
	}
	// (After it the host is left alone for the hour: last.)
	c.opts.MaxWait = time.Minute
	if _, err := c.Get(context.Background(), srv.URL+"/later", Validators{}); !errors.As(err, &he) || he.Status != 503 {
		t.Errorf("GET /later: %v, want HTTP 503 without waiting an hour", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{"Wed, 01 May 2024 00:00:30 GMT", 30 * time.Second, true},
		{"Tue, 30 Apr 2024 00:00:00 GMT", 0, true},
		{"", 0, false},
		{"soon", 0, false},
		{"-5", 0, false},
	}
	for _, tt := range tests {
		if got, ok := parseRetryAfter(tt.in, now); got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v, want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestClientRobotsAgent: robots.txt groups are matched against the
// User-Agent's product token: a group for breachtrend-fetch (or for
// breachtrend, which it begins with) applies to the default agent, and a
// group for the name --user-agent gives applies to that one.
func TestClientRobotsAgent(t *testing.T) {
	robots := ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, robots)
			return
		}
		fmt.Fprint(w, "<p>x</p>")
	}))
	defer srv.Close()
	for _, c := range []struct {
		robots, agent string
		disallowed    bool
	}{
		{"User-agent: breachtrend-fetch\nDisallow: /private\n\nUser-agent: *\nAllow: /\n", "", true},
		{"User-agent: breachtrend\nDisallow: /private\n\nUser-agent: *\nAllow: /\n", "", true},
		{"User-agent: otherbot\nDisallow: /private\n\nUser-agent: *\nAllow: /\n", "", false},
		{"User-agent: mybot\nDisallow: /\n\nUser-agent: *\nAllow: /\n", "mybot/1.0 (+https://example.jp)", true},
		{"User-agent: breachtrend-fetch\nDisallow: /\n\nUser-agent: *\nAllow: /\n", "mybot/1.0", false},
	} {
		robots = c.robots
		cl := NewClient(ClientOptions{UserAgent: c.agent})
		_, err := cl.Get(context.Background(), srv.URL+"/private/page.html", Validators{})
		if got := errors.Is(err, ErrDisallowed); got != c.disallowed {
			t.Errorf("agent %q under %q: disallowed %v (%v), want %v", c.agent, c.robots, got, err, c.disallowed)
		}
	}
}

// TestClientRobotsFailureRemembered: a robots.txt that cannot be had fails
// every URL of its host for the run, asked for once, not once per URL, and
// the reason names robots.txt, not the page.
func TestClientRobotsFailureRemembered(t *testing.T) {
	var robotsAsked atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAsked.Add(1)
			w.Header().Set("Retry-After", "0")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "<p>x</p>")
	}))
	defer srv.Close()
	c := NewClient(ClientOptions{MaxRetries: 2})
	var asked int32
	for i := range 3 {
		_, err := c.Get(context.Background(), fmt.Sprintf("%s/n/%d.html", srv.URL, i), Validators{})
		if err == nil || reason(err) != "HTTP 503 for robots.txt" {
			t.Errorf("page %d: %v (reason %q), want robots.txt's 503", i, err, reason(err))
		}
		if i == 0 {
			asked = robotsAsked.Load()
		}
	}
	if got := robotsAsked.Load(); got != asked {
		t.Errorf("robots.txt asked %d times for three pages, %d for the first", got, asked)
	}
}

// TestClientRedirectRobots: a redirect within the host into a path its
// robots.txt disallows is not followed.
func TestClientRedirectRobots(t *testing.T) {
	srv := fetchtest.NewServer(t)
	srv.SetPage("/search/label/x", "text/html", []byte("<p>disallowed</p>"))
	mux := http.NewServeMux()
	mux.HandleFunc("/news/r.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/search/label/x", http.StatusFound)
	})
	mux.Handle("/", srv.Config.Handler)
	front := httptest.NewServer(mux)
	defer front.Close()
	c, _ := testClient(ClientOptions{})
	if _, err := c.Get(context.Background(), front.URL+"/news/r.html", Validators{}); !errors.Is(err, ErrDisallowed) {
		t.Errorf("a redirect into /search: %v, want ErrDisallowed", err)
	}
}

// TestClientRetryAfterPausesHost: a host that answers 429 with a
// Retry-After longer than the client waits gets no more requests this run
// until then: its other URLs fail at once, naming the wait.
func TestClientRetryAfterPausesHost(t *testing.T) {
	var pages atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		pages.Add(1)
		w.Header().Set("Retry-After", "600")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}))
	defer srv.Close()
	c := NewClient(ClientOptions{MaxWait: time.Minute})
	for i := range 3 {
		_, err := c.Get(context.Background(), fmt.Sprintf("%s/n/%d.html", srv.URL, i), Validators{})
		var he *HTTPError
		if !errors.As(err, &he) || he.Status != http.StatusTooManyRequests {
			t.Errorf("page %d: %v, want the 429", i, err)
		}
	}
	if n := pages.Load(); n != 1 {
		t.Errorf("%d page requests after a Retry-After of 10 minutes, want 1", n)
	}
}

// TestClientRedirectHopsArePolite: a redirect to another host is a request
// to that host like any other: it waits for that host's delay and counts
// toward the requests made.
func TestClientRedirectHopsArePolite(t *testing.T) {
	var mu sync.Mutex
	var hits []time.Time
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		hits = append(hits, time.Now())
		mu.Unlock()
		fmt.Fprint(w, "<p>x</p>")
	}))
	defer target.Close()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, target.URL+"/page"+r.URL.Path, http.StatusFound)
	}))
	defer front.Close()
	const delay = 150 * time.Millisecond
	c := NewClient(ClientOptions{Delay: delay})
	for i := range 2 {
		resp, err := c.Get(context.Background(), fmt.Sprintf("%s/r%d", front.URL, i), Validators{})
		if err != nil || !strings.HasPrefix(resp.URL, target.URL) {
			t.Fatalf("GET r%d: %v (%+v)", i, err, resp)
		}
	}
	if len(hits) != 2 || hits[1].Sub(hits[0]) < delay {
		t.Errorf("the target was asked at %v: want two requests %v apart", hits, delay)
	}
	if n := c.Requests(); n != 6 { // two robots.txt, two pages at each host
		t.Errorf("%d requests counted, want 6", n)
	}
}

// TestClientRobotsRedirected: a robots.txt that redirects (http to https,
// to another host) is read where it points, and its rules apply.
func TestClientRobotsRedirected(t *testing.T) {
	real := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private\n")
	}))
	defer real.Close()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Redirect(w, r, real.URL+"/robots.txt", http.StatusMovedPermanently)
			return
		}
		fmt.Fprint(w, "<p>x</p>")
	}))
	defer front.Close()
	c := NewClient(ClientOptions{})
	if _, err := c.Get(context.Background(), front.URL+"/private/page.html", Validators{}); !errors.Is(err, ErrDisallowed) {
		t.Errorf("under a redirected robots.txt that disallows it: %v, want ErrDisallowed", err)
	}
	if _, err := c.Get(context.Background(), front.URL+"/public.html", Validators{}); err != nil {
		t.Errorf("an allowed page: %v", err)
	}
}
