// Package fetch builds a corpus from the web for breachtrend run: the
// セキュリティ事件簿 blog's Blogger feed, press-release feeds (RSS 1.0, RSS
// 2.0, Atom) of prefectures and cities, and lists of notice URLs (HTML or
// PDF).
//
// What it writes under the corpus folder is what `breachtrend run --in`
// reads as it is:
//
//	blog/<host>/<year>.jsonl      one record per blog post (JSON Lines)
//	feeds/<host>.jsonl            one record per fetched press-release page
//	pages/<list>.jsonl            one record per URL of a list
//	.raw/<host>/<hash>.<ext>      the bytes of each fetched page, and beside
//	.raw/<host>/<hash>.meta.json  them its url, retrieved_at, validators
//	.fetch/<source>.json          the state of each source
//
// Records carry text, url, published (YYYY-MM-DD), updated, title,
// labels, retrieved_at and source. Names starting with a dot are not read
// by the loader, so the raw pages and the state never become notices
// twice; a page can be re-extracted from .raw without fetching it again.
//
// Incremental and resumable: a source's state file says what was seen
// (post ids with their updated time, URLs done, ETag/Last-Modified, the
// page to resume an interrupted sync at); records are replaced by id, so
// a post edited upstream replaces its older version and a rerun after a
// kill duplicates nothing. Every file is written to a temporary name and
// renamed, data before state: a kill between the two costs a refetch,
// never a loss.
//
// Polite: one request at a time per host and --delay between two (1 s by
// default), a User-Agent naming breachtrend and its project URL,
// robots.txt honoured, conditional GETs, backoff with jitter on 429 and
// 5xx honouring Retry-After, a cap on requests per run, timeouts.
//
// Concurrency: a Client may be shared by goroutines (each host is
// serialized); a source's sync is sequential and owns its state file.
package fetch
