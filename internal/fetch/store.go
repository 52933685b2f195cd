package fetch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Record is one line of a JSON Lines corpus file: a blog post or a
// fetched page. The loader reads text, url, published, title,
// retrieved_at and labels; the rest is provenance for people and for the
// next sync.
type Record struct {
	ID          string   `json:"id"`
	Text        string   `json:"text"`
	URL         string   `json:"url,omitempty"`
	Published   string   `json:"published,omitempty"`    // YYYY-MM-DD in the source's own offset
	PublishedAt string   `json:"published_at,omitempty"` // as the source gave it
	Updated     string   `json:"updated,omitempty"`      // as the source gave it
	Title       string   `json:"title,omitempty"`
	Labels      []string `json:"labels,omitempty"`
	RetrievedAt string   `json:"retrieved_at"` // RFC 3339 UTC
	Source      string   `json:"source"`
	Raw         string   `json:"raw,omitempty"` // the page's bytes, relative to the corpus
}

// store keeps the JSON Lines files of one sync in memory, by record id,
// and writes the changed ones back atomically on flush.
type store struct {
	corpus string
	files  map[string]map[string]Record // file (relative to corpus) → id → record
	dirty  map[string]bool
}

func newStore(corpus string) *store {
	return &store{corpus: corpus, files: map[string]map[string]Record{}, dirty: map[string]bool{}}
}

// file returns the records of rel, reading it the first time.
func (s *store) file(rel string) (map[string]Record, error) {
	if recs, ok := s.files[rel]; ok {
		return recs, nil
	}
	recs := map[string]Record{}
	f, err := os.Open(filepath.Join(s.corpus, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		s.files[rel] = recs
		return recs, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || r.ID == "" {
			// Never drop what is there: a line this package cannot
			// read is someone's edit; stop rather than overwrite it.
			why := "no id"
			if err != nil {
				why = err.Error()
			}
			return nil, fmt.Errorf("%s line %d: not a breachtrend fetch record (%s): fix or move the file", rel, n, why)
		}
		recs[r.ID] = r
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	s.files[rel] = recs
	return recs, nil
}

// put adds r to file rel, replacing the record with its id, and removes
// it from the file it was in before when that differs.
func (s *store) put(rel string, r Record, before string) error {
	if before != "" && before != rel {
		old, err := s.file(before)
		if err != nil {
			return err
		}
		delete(old, r.ID)
		s.dirty[before] = true
	}
	recs, err := s.file(rel)
	if err != nil {
		return err
	}
	recs[r.ID] = r
	s.dirty[rel] = true
	return nil
}

// flush writes every changed file, records sorted by published date then
// id, so a file's bytes depend only on its records.
func (s *store) flush() error {
	names := make([]string, 0, len(s.dirty))
	for rel := range s.dirty {
		names = append(names, rel)
	}
	sort.Strings(names)
	for _, rel := range names {
		recs := s.files[rel]
		list := make([]Record, 0, len(recs))
		for _, r := range recs {
			list = append(list, r)
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].Published != list[j].Published {
				return list[i].Published < list[j].Published
			}
			return list[i].ID < list[j].ID
		})
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		for _, r := range list {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		p := filepath.Join(s.corpus, filepath.FromSlash(rel))
		if len(list) == 0 {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		} else if err := writeAtomic(p, buf.Bytes()); err != nil {
			return err
		}
		delete(s.dirty, rel)
	}
	return nil
}
