package fetch

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"strings"

	"golang.org/x/net/html/charset"
)

// Options are what every source's sync needs.
type Options struct {
	Corpus string // the --to folder
	Client *Client
	Log    *slog.Logger
}

// withDefaults fills in a discarding logger.
func (o Options) withDefaults() Options {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// counted runs a sync and sets its summary's request count.
func counted(c *Client, sync func() (Summary, error)) (Summary, error) {
	before := c.Requests()
	sum, err := sync()
	sum.Requests = c.Requests() - before
	return sum, err
}

// syncRun is one sync of one source: its state, its files, its counts.
type syncRun struct {
	o      Options
	st     *State
	store  *store
	source string
	sum    Summary
	staged int // records put since the last commit
}

// commitEvery bounds the records a kill can cost (they are fetched again,
// never lost) without rewriting a large file after every page.
const commitEvery = 10

// maybeCommit commits once commitEvery records are staged.
func (s *syncRun) maybeCommit() error {
	if s.staged < commitEvery {
		return nil
	}
	return s.commit()
}

// put stores r in file unless the state has it at version updated
// already; sha (pages) is the raw bytes' hash. It reports false when r
// could not be stored (a failure counted).
func (s *syncRun) put(file string, r Record, updated, sha string) bool {
	if s.st.Records == nil {
		s.st.Records = map[string]RecordMark{}
	}
	old, seen := s.st.Records[r.ID]
	if seen && old.Updated == updated && old.SHA256 == sha && old.File == file {
		s.sum.Unchanged++
		return true
	}
	if err := s.store.put(file, r, old.File); err != nil {
		s.fail(r.URL, err.Error())
		return false
	}
	s.st.Records[r.ID] = RecordMark{Updated: updated, File: file, SHA256: sha}
	s.staged++
	if seen {
		s.sum.Updated++
	} else {
		s.sum.New++
	}
	s.o.Client.opts.Progress.record()
	return true
}

func (s *syncRun) fail(url, reason string) {
	s.o.Log.Warn("fetch: failed", "source", s.source, "url", url, "reason", reason)
	s.sum.Failed = append(s.sum.Failed, Failure{URL: url, Reason: reason})
}

// commit writes the changed corpus files, then the state.
func (s *syncRun) commit() error {
	s.staged = 0
	if err := s.store.flush(); err != nil {
		return fmt.Errorf("%s: %w", s.source, err)
	}
	if err := s.st.save(s.o.Corpus); err != nil {
		return fmt.Errorf("%s: %w", s.source, err)
	}
	return nil
}

// stop ends a sync that cannot go on at pageURL: what was fetched is
// committed and the state says where to resume. Reaching the request cap
// is not a failure: the summary says so and the next run goes on.
func (s *syncRun) stop(pageURL string, err error) (Summary, error) {
	s.st.NextURL = pageURL
	if cerr := s.commit(); cerr != nil {
		return s.sum, errors.Join(err, cerr)
	}
	if errors.Is(err, ErrRequestCap) {
		s.sum.Capped = true
		return s.sum, nil
	}
	return s.sum, fmt.Errorf("%s: %w", s.source, err)
}

// xmlDecoder reads XML in any encoding its declaration names (Shift_JIS
// and EUC-JP feeds exist), leniently as feeds in the wild need.
func xmlDecoder(body []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.CharsetReader = charsetReader
	d.Strict = false // stray & and HTML entities in titles
	d.Entity = xml.HTMLEntity
	return d
}

// charsetReader is charset.NewReaderLabel that also knows the labels
// Japanese servers write and the WHATWG list lacks (cp932, Microsoft's name
// of Windows-31J).
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	if l := strings.ToLower(strings.TrimSpace(label)); l == "cp932" || l == "ms932" || l == "x-ms-cp932" {
		label = "windows-31j"
	}
	return charset.NewReaderLabel(label, in)
}

// feedBody is a feed's bytes as its XML should read them: when its
// declaration names no encoding and the HTTP Content-Type names a charset
// other than UTF-8 (a Shift_JIS RSS served as application/rss+xml;
// charset=Shift_JIS), the bytes are that charset's, turned into UTF-8
// here; the XML reader would take them for UTF-8 and fail.
func feedBody(body []byte, contentType string) []byte {
	_, params, err := mime.ParseMediaType(contentType)
	label := strings.ToLower(params["charset"])
	if err != nil || label == "" || label == "utf-8" || label == "utf8" || declaresEncoding(body) {
		return body
	}
	r, err := charsetReader(label, bytes.NewReader(body))
	if err != nil {
		return body
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return body
	}
	return out
}

// declaresEncoding reports whether body opens with an XML declaration
// that names its encoding.
func declaresEncoding(body []byte) bool {
	head := bytes.TrimLeft(body[:min(len(body), 200)], " \t\r\n\xef\xbb\xbf")
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return false
	}
	end := bytes.Index(head, []byte("?>"))
	return end > 0 && bytes.Contains(head[:end], []byte("encoding"))
}

// reason is the short form of err for a summary line.
func reason(err error) string {
	var he *HTTPError
	switch {
	case errors.As(err, &he) && strings.HasSuffix(he.URL, "/robots.txt"):
		return fmt.Sprintf("HTTP %d for robots.txt", he.Status) // the page itself was not asked
	case errors.As(err, &he):
		return fmt.Sprintf("HTTP %d", he.Status)
	case errors.Is(err, ErrDisallowed):
		return ErrDisallowed.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	return err.Error()
}
