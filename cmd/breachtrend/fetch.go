package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/breachtrend/breachtrend/internal/fetch"
	"github.com/breachtrend/breachtrend/pipeline"
)

const fetchSynopsis = `fetch blog --base URL [--since DATE] [--to DIR]
       breachtrend fetch feeds FILE [--to DIR]
       breachtrend fetch urls FILE [--to DIR]`

// fetchCommand builds or updates a corpus from the blog's feed, a list of
// press-release feeds or a list of URLs; see internal/fetch.
func fetchCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("fetch", fetchSynopsis, stderr)
	to := fs.String("to", "corpus", "corpus folder to write (breachtrend run --in reads it)")
	base := fs.String("base", "", "blog: address of the Blogger blog, https://NAME.blogspot.com (required)")
	since := fs.String("since", "", "blog, first sync: only posts published on or after this date (YYYY-MM-DD, a day in Japan)")
	pageSize := fs.Int("page-size", 150, "blog: posts asked for per feed page (the server may send fewer)")
	format := fs.String("format", "json", "blog: feed format, json or atom")
	allPosts := fs.Bool("all-posts", false, "blog: keep posts without a case number (【セキュリティ事件簿#YYYY-NNN】) too")
	delay := fs.Duration("delay", time.Second, "least time between two requests to one host")
	timeout := fs.Duration("timeout", time.Minute, "timeout of one request")
	maxRequests := fs.Int("max-requests", 5000, "requests per run (0: no cap); the next run goes on where this one stopped")
	maxFailures := fs.Int("max-failures", 0, "fail (exit 1) when more than N pages or posts failed (default: no limit)")
	userAgent := fs.String("user-agent", fetch.UserAgent, "User-Agent header")
	logFormat := fs.String("log-format", "text", "log format on stderr: text or json")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: want a source: blog, feeds FILE or urls FILE", pipeline.ErrUsage)
	}
	kind := fs.Arg(0)
	wantArgs := map[string]int{"blog": 1, "feeds": 2, "urls": 2}[kind]
	if wantArgs == 0 {
		return fmt.Errorf("%w: unknown source %q: want blog, feeds FILE or urls FILE", pipeline.ErrUsage, kind)
	}
	if fs.NArg() != wantArgs {
		return fmt.Errorf("%w: fetch %s takes %d argument(s), got %d", pipeline.ErrUsage, kind, wantArgs-1, fs.NArg()-1)
	}
	if wantArgs == 2 {
		// Like run's --in: a list that is not there is a usage error.
		if _, err := os.Stat(fs.Arg(1)); err != nil {
			return fmt.Errorf("%w: %v", pipeline.ErrUsage, err)
		}
	}
	if kind == "blog" && *base == "" {
		return fmt.Errorf("%w: fetch blog needs --base, the blog's address (https://NAME.blogspot.com)", pipeline.ErrUsage)
	}
	if kind == "blog" {
		// Checked before the corpus is locked or touched.
		if u, err := url.Parse(*base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%w: --base %q: want the blog's http(s) address (https://NAME.blogspot.com)", pipeline.ErrUsage, *base)
		}
	}
	blog := fetch.BlogOptions{Base: *base, PageSize: *pageSize, Format: *format, AllPosts: *allPosts}
	if *since != "" {
		t, err := fetch.DayStart(*since)
		if err != nil {
			return fmt.Errorf("%w: --since %q: want YYYY-MM-DD", pipeline.ErrUsage, *since)
		}
		blog.Since = t
	}
	if *format != "json" && *format != "atom" {
		return fmt.Errorf("%w: --format %q: want json or atom", pipeline.ErrUsage, *format)
	}
	if *delay < 0 || *maxRequests < 0 || *pageSize < 1 {
		return fmt.Errorf("%w: --delay, --max-requests and --page-size must not be negative (page size at least 1)", pipeline.ErrUsage)
	}
	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	var log *slog.Logger
	switch *logFormat {
	case "text":
		log = slog.New(slog.NewTextHandler(stderr, opts))
	case "json":
		log = slog.New(slog.NewJSONHandler(stderr, opts))
	default:
		return fmt.Errorf("%w: --log-format %q: want text or json", pipeline.ErrUsage, *logFormat)
	}
	var progress *fetch.Progress
	if f, ok := stderr.(*os.File); ok && !*quiet && term.IsTerminal(int(f.Fd())) {
		// The line replaces the per-page logs, which would break it up.
		progress = fetch.NewProgress(stderr)
		log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	client := fetch.NewClient(fetch.ClientOptions{
		UserAgent: *userAgent, Delay: *delay, Timeout: *timeout, MaxRequests: *maxRequests,
		Log: log, Progress: progress,
	})
	o := fetch.Options{Corpus: *to, Client: client, Log: log}
	var sum fetch.Summary
	var err error
	switch kind {
	case "blog":
		sum, err = fetch.SyncBlog(ctx, o, blog)
	case "feeds":
		sum, err = fetch.SyncFeeds(ctx, o, fs.Arg(1))
	case "urls":
		sum, err = fetch.SyncURLs(ctx, o, fs.Arg(1))
	}
	progress.Done()
	switch {
	case !*quiet || err != nil:
		fmt.Fprintf(stdout, "breachtrend fetch %s: %s\ncorpus in %s\n", kind, sum, *to)
	case len(sum.Failed) > 0:
		// --quiet keeps the summary, not the failures: pages or posts
		// not fetched are what a scheduled run must not hide.
		fmt.Fprintf(stderr, "breachtrend fetch %s: %s\n", kind, sum)
	}
	if err != nil {
		return err
	}
	if fs.Changed("max-failures") && len(sum.Failed) > *maxFailures {
		return fmt.Errorf("%d failed, more than --max-failures %d", len(sum.Failed), *maxFailures)
	}
	return nil
}
