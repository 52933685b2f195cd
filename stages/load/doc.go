// Package load finds the corpus files under the --in roots and decodes each
// into documents of UTF-8 text.
//
// Formats: .txt, .md, .html/.htm (visible text only: script, style and
// markup dropped), .jsonl (one object a line with "text" and optional "url",
// "published", "title", "retrieved_at" and "labels"), .pdf (the text layer,
// through poppler's pdftotext), and any of them gzip-compressed (.gz). Encodings: UTF-8
// with or without BOM, Shift_JIS (CP932) and EUC-JP, detected from the
// bytes of the whole document and confirmed by a decode without U+FFFD.
//
// Bad input is data, not an error: a file that cannot be used at all comes
// back as one Reject (Segment -1) and no documents; a bad line of a JSON
// Lines file is one Reject (Segment = line number) while the other lines
// load. Load never panics and never returns a document and a reject for
// the same bytes.
package load
