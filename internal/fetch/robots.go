package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/temoto/robotstxt"
)

// robots is one host's robots.txt, parsed.
type robots struct {
	data *robotstxt.RobotsData // nil: everything allowed
}

// allowed fetches the host's robots.txt once per run and says whether it
// lets breachtrend fetch u. A robots.txt that is missing (4xx) allows
// everything; one that cannot be fetched (network, 5xx after retries) fails
// the host's URLs for this run, as the robots exclusion protocol asks
// (RFC 9309 §2.3.1.4).
func (c *Client) allowed(ctx context.Context, u *url.URL) error {
	h := c.host(u.Host)
	h.robotsMu.Lock()
	h.mu.Lock()
	r, failed := h.robots, h.robotsErr
	h.mu.Unlock()
	if failed != nil {
		h.robotsMu.Unlock()
		return failed
	}
	if r == nil {
		var err error
		if r, err = c.fetchRobots(ctx, u); err != nil {
			if ctx.Err() == nil {
				h.mu.Lock()
				h.robotsErr = err
				h.mu.Unlock()
			}
			h.robotsMu.Unlock()
			return err
		}
		h.mu.Lock()
		h.robots = r
		h.mu.Unlock()
	}
	h.robotsMu.Unlock()
	return c.allowedBy(r, u)
}

// allowedBy reports whether robots.txt r allows u: nil, or an error
// wrapping ErrDisallowed. A nil r or one with no rules allows everything.
func (c *Client) allowedBy(r *robots, u *url.URL) error {
	if r == nil || r.data == nil {
		return nil
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !r.data.TestAgent(path, productToken(c.opts.UserAgent)) {
		return fmt.Errorf("GET %s: %w", u, ErrDisallowed)
	}
	return nil
}

func (c *Client) fetchRobots(ctx context.Context, u *url.URL) (*robots, error) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	hops := 0
	for attempt := 0; ; attempt++ {
		resp, err := c.do(ctx, ru, Validators{})
		if err != nil {
			return nil, fmt.Errorf("robots.txt of %s: %w", u.Host, err)
		}
		if resp.location != nil {
			// A robots.txt that redirects (http to https, to www.) is read
			// where it points, five hops at most; past them it is taken
			// as unavailable, which allows everything (RFC 9309 §2.3.1.2).
			if hops++; hops > maxRedirects {
				return &robots{}, nil
			}
			ru, attempt = resp.location, -1
			continue
		}
		switch {
		case resp.Status == http.StatusTooManyRequests || resp.Status >= 500:
			wait, ok := c.backoff(attempt, resp.retryAfter)
			if !ok || attempt >= c.opts.MaxRetries {
				return nil, fmt.Errorf("robots.txt of %s: %w", u.Host, &HTTPError{URL: ru.String(), Status: resp.Status})
			}
			if err := c.sleep(ctx, wait); err != nil {
				return nil, err
			}
			continue
		case resp.Status >= 400:
			return &robots{}, nil
		case resp.Status != http.StatusOK:
			return nil, fmt.Errorf("robots.txt of %s: %w", u.Host, &HTTPError{URL: ru.String(), Status: resp.Status})
		}
		data, err := robotstxt.FromBytes(resp.Body)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("robots.txt of %s", u.Host), err)
		}
		return &robots{data: data}, nil
	}
}

// productToken is the name robots.txt groups are matched against: the
// User-Agent's first token, before its version (breachtrend-fetch of
// breachtrend-fetch/0.1 (+…)), so a group for breachtrend-fetch, or for
// breachtrend, which it begins with, applies, and so does one for the
// name a --user-agent gives.
func productToken(userAgent string) string {
	token := strings.TrimSpace(userAgent)
	if i := strings.IndexAny(token, "/ "); i >= 0 {
		token = token[:i]
	}
	if token == "" {
		return "breachtrend"
	}
	return token
}
