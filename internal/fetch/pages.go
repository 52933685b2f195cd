package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/breachtrend/breachtrend/stages/load"
)

// rawDir holds the fetched pages' bytes; its dot keeps the loader out.
const rawDir = ".raw"

// pageMeta is the sidecar of a raw page.
type pageMeta struct {
	URL         string `json:"url"`
	FinalURL    string `json:"final_url,omitempty"`
	RetrievedAt string `json:"retrieved_at"`
	ContentType string `json:"content_type,omitempty"`
	Validators
	SHA256    string `json:"sha256"`
	Published string `json:"published,omitempty"`
	Title     string `json:"title,omitempty"`
}

// pageItem is a page to fetch and what its list or feed says of it.
type pageItem struct {
	URL       string
	Title     string // from the feed; else the page's <title>
	Published string // YYYY-MM-DD, from the feed or the list
}

// fetchPage fetches one page unless it was fetched before, keeps its bytes
// and a sidecar under .raw/, and stores its text (read by the loader, as
// run would read the page) as a record of file. It returns an error only
// when the sync must stop (request cap, cancelled); a bad page is a
// failure in the summary and is tried again by the next run.
func (s *syncRun) fetchPage(ctx context.Context, it pageItem, file string) error {
	if _, done := s.st.Records[it.URL]; done {
		s.sum.Unchanged++
		return nil
	}
	resp, err := s.o.Client.Get(ctx, it.URL, Validators{})
	if err != nil {
		if errors.Is(err, ErrRequestCap) || ctx.Err() != nil {
			return err
		}
		s.fail(it.URL, reason(err))
		return nil
	}
	u, _ := url.Parse(it.URL)
	sum := sha256.Sum256([]byte(it.URL))
	rel := path.Join(rawDir, u.Host, hex.EncodeToString(sum[:8])+extension(resp))
	abs := filepath.Join(s.o.Corpus, filepath.FromSlash(rel))
	bodySum := sha256.Sum256(resp.Body)
	meta := pageMeta{
		URL: it.URL, RetrievedAt: resp.Retrieved.Format(time.RFC3339), ContentType: resp.ContentType,
		Validators: resp.Validators, SHA256: hex.EncodeToString(bodySum[:]), Published: it.Published, Title: it.Title,
	}
	if resp.URL != it.URL {
		meta.FinalURL = resp.URL
	}
	metaJSON, _ := json.MarshalIndent(meta, "", " ")
	if err := writeAtomic(abs, resp.Body); err != nil {
		return err // an unwritable corpus stops the sync
	}
	if err := writeAtomic(strings.TrimSuffix(abs, path.Ext(abs))+".meta.json", append(metaJSON, '\n')); err != nil {
		return err
	}
	docs, rejects := load.NewLoader().Load(load.Input{Path: abs, Rel: rel})
	if len(rejects) > 0 || len(docs) != 1 {
		why := "no text"
		if len(rejects) > 0 {
			why = rejects[0].Reason + ": " + rejects[0].Detail
		}
		s.fail(it.URL, why)
		return nil
	}
	title := it.Title
	if title == "" {
		title = docs[0].Title
	}
	r := Record{
		ID: it.URL, Text: docs[0].Text, URL: it.URL, Published: it.Published, Title: title,
		RetrievedAt: meta.RetrievedAt, Source: s.source, Raw: rel,
	}
	s.put(file, r, "", meta.SHA256)
	return nil
}

// extension names the raw file by what the bytes are: the loader picks its
// reader by extension.
func extension(resp *Response) string {
	mt, _, _ := mime.ParseMediaType(resp.ContentType)
	head := bytes.TrimLeft(resp.Body[:min(len(resp.Body), 1024)], " \t\r\n\xef\xbb\xbf")
	switch {
	case mt == "application/pdf" || bytes.HasPrefix(head, []byte("%PDF-")):
		return ".pdf"
	case mt == "text/html" || mt == "application/xhtml+xml" || bytes.HasPrefix(bytes.ToLower(head), []byte("<!doctype html")) ||
		bytes.Contains(bytes.ToLower(head), []byte("<html")):
		return ".html"
	}
	return ".txt"
}

// publishedDay is a list's or feed's date as YYYY-MM-DD, or "".
func publishedDay(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if t, ok := feedTime(s); ok {
		return dayOf(t), nil
	}
	if t, err := time.Parse("2006/1/2", s); err == nil {
		return dayOf(t), nil
	}
	return "", fmt.Errorf("date %q: want YYYY-MM-DD, YYYY/MM/DD or RFC 3339", s)
}
