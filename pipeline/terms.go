package pipeline

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
	"golang.org/x/sync/errgroup"
)

// execer is what copyToTable needs of a database.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// termsTable is the derived table of nouns per quarter.
const termsTable = "terms_quarterly"

// termsSourceSQL reads the title and text of every notice of an incident
// that has a quarter, grouped by quarter and incident so an incident's
// notices come together.
const termsSourceSQL = `
SELECT i.quarter, i.incident_id, n.title, n.text
FROM notices n JOIN incidents i ON n.incident_id = i.incident_id
WHERE i.quarter IS NOT NULL
ORDER BY i.quarter, i.incident_id, n.notice_id`

// tokenizerIPA is the one kagome tokenizer of the process, built on first
// use (IPA dictionary: ~0.6 s, ~90 MiB). A Tokenizer is safe for
// concurrent use.
var tokenizerIPA = sync.OnceValues(func() (*tokenizer.Tokenizer, error) {
	return tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
})

// termCount is one term's count in one quarter.
type termCount struct {
	incidents   int64  // incidents whose notices mention the term
	occurrences int64  // times it occurs in those notices
	last        string // last incident counted, to count each once
}

// buildTerms writes terms_quarterly: for each quarter, the nouns of the
// quarter's incident notices (titles and texts, kagome IPA base forms) with
// the number of incidents mentioning each and the total occurrences. db is
// the writable DuckDB over dir of buildDerived.
func buildTerms(ctx context.Context, db *sql.DB, dir string) error {
	tok, err := tokenizerIPA()
	if err != nil {
		return fmt.Errorf("derived table %s: tokenizer: %w", termsTable, err)
	}
	counts, err := countTerms(ctx, db, tok)
	if err != nil {
		return fmt.Errorf("derived table %s: %w", termsTable, err)
	}
	if _, err := db.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE terms_rows (
		quarter VARCHAR, term VARCHAR, incidents BIGINT, occurrences BIGINT)`); err != nil {
		return fmt.Errorf("derived table %s: %w", termsTable, err)
	}
	if err := appendTerms(ctx, db, counts); err != nil {
		return fmt.Errorf("derived table %s: %w", termsTable, err)
	}
	return copyToTable(ctx, db, dir, termsTable,
		"SELECT quarter, term, incidents, occurrences FROM terms_rows ORDER BY quarter, term")
}

// termJob is one notice to tokenize; its result is the notice's terms
// with their occurrences.
type termJob struct {
	seq               int
	quarter, incident string
	body              string
	terms             map[string]int64
}

// countTerms tokenizes every incident notice and counts the terms per
// quarter. Notices are tokenized on up to termWorkers goroutines sharing
// the one tokenizer; the results are merged in query order.
func countTerms(ctx context.Context, db *sql.DB, tok *tokenizer.Tokenizer) (map[string]map[string]*termCount, error) {
	workers := min(runtime.GOMAXPROCS(0), termWorkers)
	g, ctx := errgroup.WithContext(ctx)
	jobs := make(chan *termJob, 2*workers)
	done := make(chan *termJob, 2*workers)

	g.Go(func() error { // reader
		defer close(jobs)
		rows, err := db.QueryContext(ctx, termsSourceSQL)
		if err != nil {
			return err
		}
		defer rows.Close()
		for seq := 0; rows.Next(); seq++ {
			var title, text sql.NullString
			j := &termJob{seq: seq}
			if err := rows.Scan(&j.quarter, &j.incident, &title, &text); err != nil {
				return err
			}
			j.body = text.String
			if title.String != "" && !strings.Contains(j.body, title.String) {
				j.body = title.String + "\n" + j.body
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return rows.Err()
	})
	var tokenizers sync.WaitGroup
	for range workers {
		tokenizers.Add(1)
		g.Go(func() error {
			defer tokenizers.Done()
			for j := range jobs {
				j.terms = map[string]int64{}
				for _, s := range sentences(j.body) {
					for _, t := range tok.Tokenize(s) {
						if term, ok := nounTerm(t); ok {
							j.terms[term]++
						}
					}
				}
				j.body = ""
				select {
				case done <- j:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			return nil
		})
	}
	go func() { tokenizers.Wait(); close(done) }()

	counts := map[string]map[string]*termCount{}
	g.Go(func() error { // collector: merges in query order
		pending := map[int]*termJob{}
		next := 0
		for j := range done {
			pending[j.seq] = j
			for p, ok := pending[next]; ok; p, ok = pending[next] {
				delete(pending, next)
				next++
				q := counts[p.quarter]
				if q == nil {
					q = map[string]*termCount{}
					counts[p.quarter] = q
				}
				for term, n := range p.terms {
					c := q[term]
					if c == nil {
						c = &termCount{}
						q[term] = c
					}
					c.occurrences += n
					if c.last != p.incident {
						c.last = p.incident
						c.incidents++
					}
				}
			}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return counts, nil
}

// termWorkers bounds the goroutines tokenizing notices.
const termWorkers = 4

// appendTerms loads the counts into the temp table terms_rows with
// duckdb-go's Appender, on the database's one connection.
func appendTerms(ctx context.Context, db *sql.DB, counts map[string]map[string]*termCount) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		app, err := duckdb.NewAppender(c, "temp", "main", "terms_rows")
		if err != nil {
			return err
		}
		for quarter, terms := range counts {
			for term, n := range terms {
				if err := app.AppendRow(quarter, term, n.incidents, n.occurrences); err != nil {
					app.Close()
					return err
				}
			}
		}
		return app.Close()
	})
}

// excludedNouns are the noun subclasses that are not terms: numbers,
// dependent nouns (こと, ため), pronouns and suffixes (様, 年, 件).
var excludedNouns = map[string]bool{"数": true, "非自立": true, "代名詞": true, "接尾": true}

// nounTerm returns the term of a token when it is one: a noun not of an
// excluded subclass, in base form, of at least two characters and not
// made of digits and symbols only.
func nounTerm(t tokenizer.Token) (string, bool) {
	pos := t.POS()
	if len(pos) == 0 || pos[0] != "名詞" || len(pos) > 1 && excludedNouns[pos[1]] {
		return "", false
	}
	term, ok := t.BaseForm()
	if !ok || term == "" || term == "*" {
		term = t.Surface
	}
	term = strings.TrimSpace(term)
	if utf8.RuneCountInString(term) < 2 {
		return "", false
	}
	for _, r := range term {
		if unicode.IsLetter(r) {
			return term, true
		}
	}
	return "", false
}

// maxSentence bounds the pieces handed to kagome: its lattice is much
// faster on sentence-sized input than on a whole text.
const maxSentence = 256

// sentences splits text at sentence ends (。！？!?) and line breaks, and
// cuts a longer piece at a comma or space, or at maxSentence characters.
func sentences(text string) []string {
	var out []string
	start, n := 0, 0
	cut := func(end int) {
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, s)
		}
		start, n = end, 0
	}
	for i, r := range text {
		n++
		end := i + utf8.RuneLen(r)
		switch {
		case r == '。' || r == '！' || r == '？' || r == '!' || r == '?' || r == '\n':
			cut(end)
		case n >= maxSentence/2 && (r == '、' || r == ' ' || r == '　'):
			cut(end)
		case n >= maxSentence:
			cut(end)
		}
	}
	cut(len(text))
	return out
}
