package fetch

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
)

// incidentWords mark a press release about a personal-data or security
// incident; items whose title and description have none are skipped.
var incidentWords = regexp.MustCompile(`個人情報|漏えい|漏洩|流出|誤送付|誤送信|誤配|誤交付|誤掲載|誤廃棄|紛失|盗難|不正アクセス|不正ログイン|サイバー攻撃|ランサムウェア|マルウェア|ウイルス感染|情報セキュリティ事案`)

// feedItem is one item of an RSS 1.0, RSS 2.0 or Atom feed.
type feedItem struct {
	Title, Link, Date, Summary string
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	About       string `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# about,attr"`
	PubDate     string `xml:"pubDate"`
	DCDate      string `xml:"http://purl.org/dc/elements/1.1/ date"`
	Description string `xml:"description"`
}

// anyFeed reads the three shapes: RSS 2.0 (rss/channel/item), RSS 1.0
// (rdf:RDF/item, items beside the channel) and Atom (feed/entry).
type anyFeed struct {
	XMLName xml.Name
	Channel struct {
		Items []rssItem `xml:"item"`
	} `xml:"channel"`
	Items   []rssItem   `xml:"item"`
	Entries []atomEntry `xml:"entry"`
}

func parseFeed(body []byte) ([]feedItem, error) {
	var f anyFeed
	if err := xmlDecoder(body).Decode(&f); err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	var items []feedItem
	switch f.XMLName.Local {
	case "rss", "RDF":
		for _, it := range append(f.Channel.Items, f.Items...) {
			link := strings.TrimSpace(it.Link)
			if link == "" {
				link = it.About
			}
			date := it.PubDate
			if date == "" {
				date = it.DCDate
			}
			items = append(items, feedItem{Title: strings.TrimSpace(it.Title), Link: link, Date: date, Summary: it.Description})
		}
	case "feed":
		for _, e := range f.Entries {
			date := e.Published
			if date == "" {
				date = e.Updated
			}
			items = append(items, feedItem{Title: strings.TrimSpace(e.Title), Link: alternate(e.Links), Date: date, Summary: e.Summary})
		}
	default:
		return nil, fmt.Errorf("feed: root element <%s> is not rss, rdf:RDF or an Atom feed", f.XMLName.Local)
	}
	return items, nil
}

// SyncFeeds fetches the press-release feeds listed in file (one URL a
// line, # comments) and, of each, the pages of the items about an
// incident that were not fetched before.
func SyncFeeds(ctx context.Context, o Options, file string) (Summary, error) {
	feeds, err := readList(file)
	if err != nil {
		return Summary{}, err
	}
	return locked(o.Corpus, func() (Summary, error) { return syncFeeds(ctx, o, feeds) })
}

func syncFeeds(ctx context.Context, o Options, feeds []listLine) (Summary, error) {
	var total Summary
	var errs []error
	for _, line := range feeds {
		sum, err := counted(o.Client, func() (Summary, error) { return syncFeed(ctx, o, line.url) })
		total.Add(sum)
		if err != nil {
			if ctx.Err() != nil {
				return total, err
			}
			errs = append(errs, err) // one dead feed must not stop the others
			total.Failed = append(total.Failed, Failure{URL: line.url, Reason: reason(err)})
		}
		if total.Capped {
			break
		}
	}
	return total, errors.Join(errs...)
}

func syncFeed(ctx context.Context, o Options, feedURL string) (Summary, error) {
	o = o.withDefaults()
	u, err := url.Parse(feedURL)
	if err != nil || u.Host == "" {
		return Summary{}, fmt.Errorf("feed %q: not a URL", feedURL)
	}
	source := "feed " + feedURL
	st, err := loadState(o.Corpus, source)
	if err != nil {
		return Summary{}, err
	}
	s := &syncRun{o: o, st: st, store: newStore(o.Corpus), source: source}
	var v Validators
	if st.Complete {
		v = st.Validators[feedURL]
	}
	resp, err := o.Client.Get(ctx, feedURL, v)
	if err != nil {
		if errors.Is(err, ErrRequestCap) {
			s.sum.Capped = true
			return s.sum, nil
		}
		return s.sum, fmt.Errorf("%s: %w", source, err)
	}
	if resp.Status == 304 {
		o.Log.Info("fetch feed: not modified", "url", feedURL)
		return s.sum, nil
	}
	items, err := parseFeed(feedBody(resp.Body, resp.ContentType))
	if err != nil {
		return s.sum, fmt.Errorf("%s: %w", feedURL, err)
	}
	file := "feeds/" + u.Host + ".jsonl"
	for _, it := range items {
		if !incidentWords.MatchString(it.Title + " " + it.Summary) {
			s.sum.Skipped++
			continue
		}
		link, err := u.Parse(strings.TrimSpace(it.Link))
		if err != nil || it.Link == "" {
			s.fail(it.Link, "item without a usable link: "+it.Title)
			continue
		}
		day, _ := publishedDay(it.Date)
		if err := s.fetchPage(ctx, pageItem{URL: link.String(), Title: it.Title, Published: day}, file); err != nil {
			return s.stop("", err)
		}
		if err := s.maybeCommit(); err != nil {
			return s.sum, err
		}
	}
	// A 304 next time would skip the items that failed now: keep the
	// validators only when every item is done.
	st.Validators = nil
	if len(s.sum.Failed) == 0 {
		st.Validators = map[string]Validators{feedURL: resp.Validators}
	}
	st.Complete = true
	return s.sum, s.commit()
}

// listLine is one line of a feeds or URL list.
type listLine struct {
	url       string
	published string
	line      int
}

// listFields splits a line of a URL list as CSV (a field in double quotes
// may hold commas: "https://…?a=1,2",2024-05-01). An unquoted URL with a
// query may hold commas too (https://…?a=1,2): its fields up to the first
// that reads as a date, or all of them when none does, are the URL. Without
// a query a comma ends the URL, and what follows must be a date.
func listFields(line string) ([]string, error) {
	r := csv.NewReader(strings.NewReader(line))
	r.LazyQuotes, r.FieldsPerRecord, r.TrimLeadingSpace = true, -1, true
	fields, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("not a line of URLs or CSV: %w", err)
	}
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	if len(fields) < 2 || strings.HasPrefix(line, `"`) || !strings.Contains(fields[0], "?") {
		return fields, nil
	}
	for k := 1; k < len(fields); k++ {
		if d, err := publishedDay(fields[k]); err == nil && d != "" {
			return append([]string{strings.Join(fields[:k], ",")}, fields[k:]...), nil
		}
	}
	return []string{strings.Join(fields, ",")}, nil
}

// readList reads one URL a line (# starts a comment), or a CSV whose first
// column is the URL and whose second, when present, the published date; a
// header line "url,…" is skipped.
func readList(file string) ([]listLine, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []listLine
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields, err := listFields(line)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", file, n, err)
		}
		if strings.EqualFold(fields[0], "url") {
			continue
		}
		l := listLine{url: fields[0], line: n}
		if len(fields) > 1 {
			if l.published, err = publishedDay(fields[1]); err != nil {
				return nil, fmt.Errorf("%s line %d: %w", file, n, err)
			}
		}
		if u, err := url.Parse(l.url); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("%s line %d: %q is not an http(s) URL", file, n, l.url)
		}
		out = append(out, l)
	}
	return out, sc.Err()
}
