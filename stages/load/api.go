package load

import "github.com/breachtrend/breachtrend/schemas"

// Input is one file found under an --in root.
type Input struct {
	Path string // path to open
	Rel  string // path relative to its --in root (the file's base name when the root is a file); slash-separated
	Size int64
}

// Document is one text to segment: a whole file, or one JSON Lines record.
type Document struct {
	Source    string // Input.Rel of the file it came from
	Line      int    // 1-based line of a JSON Lines record; 0 otherwise
	Format    string // "txt", "md", "html" or "jsonl"
	Encoding  string // "utf-8", "shift_jis", "euc-jp", "iso-2022-jp", "utf-16le", "utf-16be", "utf-32le", "utf-32be"; "-bom" appended when the file had a byte order mark
	Text      string // decoded UTF-8; for HTML the visible text, one block a line
	Title     string // HTML <title> or JSONL "title", when present
	URL       string // JSON Lines "url", verbatim; never used as a file name
	Published string // JSON Lines "published", verbatim

	RetrievedAt string   // JSON Lines "retrieved_at" (breachtrend fetch), verbatim
	Labels      []string // JSON Lines "labels", an array of strings
}

// File is what Loader.LoadFile makes of one input file.
type File struct {
	Docs    []Document
	Rejects []schemas.Reject
	// SHA256 is the hex SHA-256 of the file's bytes on disk (compressed, for
	// gzip), hashed while they are read; "" when the file was not read to
	// its end (too large, unreadable, not a regular file).
	SHA256 string
}

// Reject reasons, stable strings for the rejects table and --max-rejects.
const (
	ReasonEmpty       = "empty_file"
	ReasonBinary      = "binary_file"
	ReasonEncoding    = "unknown_encoding"
	ReasonTooLarge    = "file_too_large"
	ReasonLineTooLong = "line_too_long"
	ReasonUnreadable  = "unreadable"
	ReasonBadGzip     = "bad_gzip"
	ReasonBadJSON     = "bad_jsonl_line"
	ReasonSymlinkLoop = "symlink_loop"
	// ReasonSymlinkOutside is a symbolic link that leads out of its --in
	// root, not followed without WalkOptions.FollowSymlinks.
	ReasonSymlinkOutside = "symlink_outside_root"
	ReasonUnsupported    = "unsupported_format"
	ReasonNoText         = "no_text"
)

var _ = schemas.Reject{}
