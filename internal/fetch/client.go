package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// UserAgent names breachtrend and where to read what it does.
const UserAgent = "breachtrend-fetch/0.1 (+https://github.com/breachtrend/breachtrend)"

// Errors a Get returns, for errors.Is.
var (
	// ErrRequestCap: the run made its --max-requests requests; the state is
	// saved and the next run goes on from there.
	ErrRequestCap = errors.New("request cap reached")
	// ErrDisallowed: robots.txt of the host disallows the URL.
	ErrDisallowed = errors.New("disallowed by robots.txt")
)

// HTTPError is a response that is neither 2xx nor 304, after retries.
type HTTPError struct {
	URL    string
	Status int
}

func (e *HTTPError) Error() string { return fmt.Sprintf("GET %s: HTTP %d", e.URL, e.Status) }

// ClientOptions are the politeness settings of a Client.
type ClientOptions struct {
	UserAgent   string        // default UserAgent
	Delay       time.Duration // least time between two requests to one host
	Timeout     time.Duration // one request, headers and body; default 60 s
	MaxRequests int           // requests per run, robots.txt included; 0: no cap
	MaxRetries  int           // retries of a 429 or 5xx; default 4
	MaxWait     time.Duration // longest backoff or Retry-After honoured; default 5 min
	MaxBytes    int64         // largest body read; default 64 MiB
	Log         *slog.Logger
	Progress    *Progress
}

// Validators are a response's ETag and Last-Modified, sent back as
// If-None-Match and If-Modified-Since.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// Response is a fetched page.
type Response struct {
	URL         string // after redirects
	Status      int    // 200 or 304
	Body        []byte
	ContentType string
	Validators  Validators
	Retrieved   time.Time
}

// Client makes polite GET requests.
type Client struct {
	opts  ClientOptions
	http  *http.Client
	sleep func(ctx context.Context, d time.Duration) error // waits; tests record instead

	mu       sync.Mutex
	requests int
	hosts    map[string]*host
}

type host struct {
	mu     sync.Mutex // held during a request: one at a time per host
	last   time.Time  // end of the last request
	robots *robots    // nil until fetched
	// robotsErr is why robots.txt could not be had this run: every URL
	// of the host fails with it, without asking again (RFC 9309 §2.3.1.4).
	robotsErr error
	// pausedUntil is when the host, by a Retry-After longer than the
	// client waits (MaxWait), asked to be left alone until; its URLs fail
	// without a request before then.
	pausedUntil time.Time
	pausedBy    *HTTPError

	// robotsMu is held while robots.txt is looked up and, the first time,
	// fetched: Gets that start together fetch it once, not once each.
	robotsMu sync.Mutex
}

// NewClient returns a Client with opts, defaults filled in.
func NewClient(opts ClientOptions) *Client {
	if opts.UserAgent == "" {
		opts.UserAgent = UserAgent
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 60 * time.Second
	}
	if opts.MaxRetries <= 0 {
		opts.MaxRetries = 4
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = 5 * time.Minute
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 64 << 20
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	c := &Client{opts: opts, sleep: sleepCtx, hosts: map[string]*host{}}
	c.http = &http.Client{
		Timeout: opts.Timeout,
		// Redirects are followed by Get, a hop at a time through do: each
		// hop waits for its host's turn and delay, counts as a request,
		// and asks its host's robots.txt first.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c
}

// Requests is the number of requests made so far.
func (c *Client) Requests() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.requests
}

func (c *Client) host(name string) *host {
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.hosts[name]
	if h == nil {
		h = &host{}
		c.hosts[name] = h
	}
	return h
}

// Get fetches rawURL if robots.txt allows it, sending v as conditional
// headers; a 304 comes back as a Response with Status 304 and no body. A
// 429 or 5xx is retried after Retry-After, or a jittered exponential
// backoff, up to MaxRetries times.
func (c *Client) Get(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("GET %q: not an http(s) URL", rawURL)
	}
	if err := c.mayAsk(ctx, u); err != nil {
		return nil, err
	}
	hops := 0
	for attempt := 0; ; attempt++ {
		resp, err := c.do(ctx, u, v)
		if err != nil {
			return nil, err
		}
		if resp.location != nil {
			// A redirect: the next hop is another request, to a host
			// that may ask to be left alone or forbid the path.
			if hops++; hops > maxRedirects {
				return nil, fmt.Errorf("GET %s: more than %d redirects", rawURL, maxRedirects)
			}
			u, v, attempt = resp.location, Validators{}, -1 // the validators were the first URL's
			if err := c.mayAsk(ctx, u); err != nil {
				return nil, err
			}
			continue
		}
		if resp.Status == http.StatusTooManyRequests || resp.Status >= 500 {
			wait, ok := c.backoff(attempt, resp.retryAfter)
			if !ok || attempt >= c.opts.MaxRetries {
				herr := &HTTPError{URL: rawURL, Status: resp.Status}
				if !ok {
					c.pause(u.Host, wait, herr) // asked to wait longer than we do: leave the host be
				}
				return nil, herr
			}
			c.opts.Log.Info("fetch: retrying", "url", rawURL, "status", resp.Status, "after", wait.Round(time.Millisecond))
			if err := c.sleep(ctx, wait); err != nil {
				return nil, err
			}
			continue
		}
		if resp.Status != http.StatusOK && resp.Status != http.StatusNotModified {
			return nil, &HTTPError{URL: rawURL, Status: resp.Status}
		}
		return &resp.Response, nil
	}
}

// mayAsk is nil when u may be requested: its host asked for no pause
// (paused), and its robots.txt allows it (allowed).
func (c *Client) mayAsk(ctx context.Context, u *url.URL) error {
	if err := c.paused(u.Host); err != nil {
		return err
	}
	return c.allowed(ctx, u)
}

// paused is an error when host asked, by a Retry-After longer than
// MaxWait, to be left alone past now (see host.pausedUntil).
func (c *Client) paused(name string) error {
	h := c.host(name)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.pausedBy != nil && time.Now().Before(h.pausedUntil) {
		return fmt.Errorf("%s asked to wait until %s (Retry-After, after %s): %w", name,
			h.pausedUntil.Format(time.RFC3339), h.pausedBy.URL, h.pausedBy)
	}
	return nil
}

// pause leaves host alone for d, the Retry-After that err's answer gave.
func (c *Client) pause(name string, d time.Duration, err *HTTPError) {
	h := c.host(name)
	h.mu.Lock()
	defer h.mu.Unlock()
	if until := time.Now().Add(d); until.After(h.pausedUntil) {
		h.pausedUntil, h.pausedBy = until, err
	}
}

type rawResponse struct {
	Response
	retryAfter string
	location   *url.URL // where a redirect (301, 302, 303, 307, 308) points
}

// maxRedirects is how many redirects Get follows from one URL.
const maxRedirects = 5

// do makes one request, waiting for the host's turn and its delay.
func (c *Client) do(ctx context.Context, u *url.URL, v Validators) (*rawResponse, error) {
	h := c.host(u.Host)
	h.mu.Lock()
	defer h.mu.Unlock()
	if wait := time.Until(h.last.Add(c.opts.Delay)); wait > 0 {
		if err := c.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
	c.mu.Lock()
	if c.opts.MaxRequests > 0 && c.requests >= c.opts.MaxRequests {
		c.mu.Unlock()
		return nil, fmt.Errorf("GET %s: %w (%d)", u, ErrRequestCap, c.opts.MaxRequests)
	}
	c.requests++
	c.mu.Unlock()
	defer func() { h.last = time.Now() }()

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", u, err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: reading the body: %w", u, err)
	}
	if int64(len(body)) > c.opts.MaxBytes {
		return nil, fmt.Errorf("GET %s: body over %d bytes", u, c.opts.MaxBytes)
	}
	c.opts.Progress.request(len(body))
	c.opts.Log.Debug("fetch: GET", "url", u.String(), "status", resp.StatusCode, "bytes", len(body))
	raw := &rawResponse{
		Response: Response{
			URL: resp.Request.URL.String(), Status: resp.StatusCode, Body: body,
			ContentType: resp.Header.Get("Content-Type"),
			Validators:  Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")},
			Retrieved:   time.Now().UTC(),
		},
		retryAfter: resp.Header.Get("Retry-After"),
	}
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		loc, err := resp.Location()
		if err != nil {
			return nil, fmt.Errorf("GET %s: redirect %d without a usable Location: %w", u, resp.StatusCode, err)
		}
		if loc.Scheme != "http" && loc.Scheme != "https" {
			return nil, fmt.Errorf("GET %s: redirect to %s, not an http(s) URL", u, loc)
		}
		raw.location = loc
	}
	return raw, nil
}

// backoff is the wait before retry attempt+1: the server's Retry-After
// (seconds or an HTTP date) when it gave one, else 1 s·2^attempt times a
// random factor in [0.5, 1.5), so clients that failed together do not
// retry together. ok is false when the wait is longer than MaxWait: better to
// fail this URL now and come back next run.
func (c *Client) backoff(attempt int, retryAfter string) (time.Duration, bool) {
	if d, ok := parseRetryAfter(retryAfter, time.Now()); ok {
		return d, d <= c.opts.MaxWait
	}
	ceiling := min(time.Second<<attempt, c.opts.MaxWait)
	return time.Duration(rand.Int64N(int64(ceiling))) + ceiling/2, true
}

func parseRetryAfter(s string, now time.Time) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(s); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
