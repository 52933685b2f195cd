// Package load finds the corpus files under the --in roots and decodes each
// into documents of UTF-8 text.
//
// Formats: .txt, .md, .html/.htm/.shtml/.xhtml (visible text only: script,
// style and markup dropped; a page saved under its query, detail.html?id=3,
// too), .jsonl (one object a line with "text" and optional "url",
// "published", "title", "retrieved_at" and "labels"), .pdf (the text layer,
// through poppler's pdftotext), and any of them gzip-compressed (.gz).
// Encodings: UTF-8 with or without BOM, UTF-16 and UTF-32 (by their byte
// order mark, or without one by where their NUL bytes fall), ISO-2022-JP
// (by its escape sequences), Shift_JIS (CP932) and EUC-JP, detected from
// the bytes of the whole document and confirmed by a clean decode: only
// bytes that do not decode are refused (a U+FFFD written in valid UTF-8 is
// text).
//
// Documents are streamed (Loader.Stream): the records of a JSON Lines file
// are handed on one by one, never all held at once. A file's bytes are read
// whole (at most MaxFileBytes), for the encoding test and the SHA-256.
//
// File names that are not valid UTF-8 are escaped in Input.Rel, reversibly
// (EscapePath), so every string bound for Parquet is valid UTF-8.
//
// Bad input is data, not an error: a file that cannot be used at all comes
// back as one Reject (Segment -1) and no documents; a bad line of a JSON
// Lines file is one Reject (Segment = line number) while the other lines
// load. Load never panics and never returns a document and a reject for
// the same bytes.
package load
