package load

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/breachtrend/breachtrend/schemas"
)

// ReasonInternal marks a file whose loading panicked: a bug in this package
// or a library, reported as data so one odd file cannot stop a run.
const ReasonInternal = "internal_error"

// stage is the Reject.Stage of every reject this package makes.
const stage = "load"

// Loader reads and decodes files. Its zero value is not useful; use NewLoader.
type Loader struct {
	// MaxFileBytes bounds a file's size on disk and, for gzip, its
	// decompressed size: nothing larger is read into memory.
	MaxFileBytes int64
	// MaxLineBytes bounds one line of decoded UTF-8 text. Longer lines are
	// not prose (minified data, base64) and would stall the tokenizer.
	MaxLineBytes int
}

// NewLoader returns a Loader with the default limits: 64 MiB a file, 1 MiB
// a line.
func NewLoader() *Loader {
	return &Loader{MaxFileBytes: 64 << 20, MaxLineBytes: 1 << 20}
}

var formats = map[string]string{
	".txt":   "txt",
	".md":    "md",
	".html":  "html",
	".htm":   "html",
	".shtml": "html", // server-side includes: many an older municipal site's pages
	".xhtml": "html",
	".xht":   "html",
	".jsonl": "jsonl",
	".pdf":   "pdf",
}

// extensionList names the extensions formats reads, for reject reasons.
const extensionList = ".txt .md .html .htm .shtml .xhtml .jsonl .pdf (optionally .gz)"

// formatOf returns the format named by a file name's extension, after
// stripping a .gz suffix, and whether the name has that suffix. A page
// saved under its address's query (wget: 「detail.html?id=3」) is named
// by the extension before the query.
func formatOf(name string) (format string, gz bool) {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".gz") {
		lower, gz = lower[:len(lower)-len(".gz")], true
	}
	if f := formats[path.Ext(lower)]; f != "" {
		return f, gz
	}
	base := path.Base(filepath.ToSlash(lower))
	if i := strings.IndexByte(base, '?'); i > 0 {
		if f := formats[path.Ext(base[:i])]; f == "html" {
			return f, gz
		}
	}
	return "", gz
}

// Load reads one file and returns its documents, or the rejects explaining
// why (some of) it could not be used. It never panics.
func (l *Loader) Load(in Input) (docs []Document, rejects []schemas.Reject) {
	f := l.LoadFile(in)
	return f.Docs, f.Rejects
}

// LoadFile is Load with the SHA-256 of the file's bytes, hashed as they are
// read, so a run's manifest need not read every file a second time.
func (l *Loader) LoadFile(in Input) File {
	var docs []Document
	file, _ := l.Stream(in, func(d Document) error {
		docs = append(docs, d)
		return nil
	})
	file.Docs = docs
	return file
}

// Stream is LoadFile handing each document to emit as soon as it is made,
// in file order, instead of collecting them: a worker can process and drop
// the records of a 60 MB JSON Lines file in turn rather than hold them all.
// The File it returns has no Docs. An error from emit stops the file and
// comes back as err (the documents emitted so far stay emitted); a panic in
// emit is emit's own and goes on up, while one in loading is a reject.
func (l *Loader) Stream(in Input, emit func(Document) error) (file File, err error) {
	hash := sha256.New()
	hashed := false
	defer func() {
		if hashed {
			file.SHA256 = hex.EncodeToString(hash.Sum(nil))
		}
	}()
	s := &streamer{emit: emit}
	file.Rejects, err = l.load(in, hash, &hashed, s)
	return file, err
}

// streamer passes documents on to emit and remembers whether a panic came
// from there.
type streamer struct {
	emit     func(Document) error
	emitting bool
	emitted  int
}

func (s *streamer) send(d Document) error {
	s.emitting = true
	err := s.emit(d)
	s.emitting = false
	s.emitted++
	return err
}

// load is Stream, writing the bytes read from disk to hash and setting
// *hashed once every byte went there.
func (l *Loader) load(in Input, hash io.Writer, hashed *bool, s *streamer) (rejects []schemas.Reject, err error) {
	src := in.Rel
	if src == "" {
		src = EscapePath(filepath.ToSlash(in.Path))
	}
	defer func() {
		if p := recover(); p != nil {
			if s.emitting {
				panic(p)
			}
			rejects = append(rejects, wholeFile(src, &failure{ReasonInternal, fmt.Sprintf("panic while loading %s after %d documents: %v", src, s.emitted, p)}))
		}
	}()

	name := in.Rel
	if name == "" {
		name = in.Path
	}
	format, gzName := formatOf(name)
	if format == "" {
		return []schemas.Reject{wholeFile(src, fail(ReasonUnsupported, "extension of %q is not one of "+extensionList, path.Base(filepath.ToSlash(name))))}, nil
	}
	data, f := l.read(in.Path, gzName, hash, hashed)
	if f != nil {
		return []schemas.Reject{wholeFile(src, f)}, nil
	}
	if format == "jsonl" {
		return l.loadJSONL(src, data, s)
	}
	loadWhole := l.loadWhole
	if format == "pdf" {
		loadWhole = func(src, _ string, data []byte) (Document, *failure) { return l.loadPDF(src, data) }
	}
	doc, f := loadWhole(src, format, data)
	if f != nil {
		return []schemas.Reject{wholeFile(src, f)}, nil
	}
	return nil, s.send(doc)
}

// loadWhole makes the one document of a .txt, .md or .html file.
func (l *Loader) loadWhole(src, format string, data []byte) (Document, *failure) {
	text, enc, f := decode(data)
	if f != nil {
		return Document{}, f
	}
	text = normalizeNewlines(text)
	if strings.TrimSpace(text) == "" {
		return Document{}, fail(ReasonEmpty, "only whitespace after decoding as %s", enc)
	}
	doc := Document{Source: src, Format: format, Encoding: enc, Text: text}
	if format == "html" {
		doc.Text, doc.Title = extractHTML(text)
		if strings.TrimSpace(doc.Text) == "" {
			return Document{}, fail(ReasonNoText, "HTML has no visible text (only markup, scripts or styles)")
		}
	}
	// For HTML the limit applies to the extracted text, not the markup:
	// minified pages are one long line of tags but short lines of prose.
	if n, size := longLine(doc.Text, l.MaxLineBytes); n > 0 {
		return Document{}, fail(ReasonLineTooLong, "line %d is %d bytes (limit %d)", n, size, l.MaxLineBytes)
	}
	return doc, nil
}

// read returns the file's bytes, decompressed when it is gzip (by name or by
// magic bytes), never holding more than MaxFileBytes+1 bytes of content.
// Every byte read from disk also goes to hash; *hashed is set when the
// file was read to its end, even if its content was then refused.
func (l *Loader) read(p string, gzName bool, hash io.Writer, hashed *bool) ([]byte, *failure) {
	// Stat before opening: opening a FIFO would block, and a huge file is
	// rejected by its size without reading a byte of it.
	fi, err := os.Stat(p)
	if err != nil {
		return nil, fail(ReasonUnreadable, "%v", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fail(ReasonUnreadable, "not a regular file (%s)", fi.Mode().Type())
	}
	if fi.Size() > l.MaxFileBytes {
		return nil, fail(ReasonTooLarge, "%d bytes on disk (limit %d)", fi.Size(), l.MaxFileBytes)
	}
	if fi.Size() == 0 {
		return nil, fail(ReasonEmpty, "0 bytes")
	}
	file, err := os.Open(p)
	if err != nil {
		return nil, fail(ReasonUnreadable, "%v", err)
	}
	defer file.Close()

	// The tee sits under the gzip reader: the hash is of the file on disk.
	limited := &io.LimitedReader{R: file, N: l.MaxFileBytes + 1}
	raw := io.TeeReader(limited, hash)
	defer func() {
		// A bad gzip stream stops reading early: the rest still belongs to
		// the file's hash. A file that grew past the limit has none.
		if _, err := io.Copy(io.Discard, raw); err == nil && limited.N > 0 {
			*hashed = true
		}
	}()
	br := bufio.NewReader(raw)
	magic, _ := br.Peek(2)
	isGzip := gzName || bytes.Equal(magic, []byte{0x1f, 0x8b})
	var r io.Reader = br
	var buf bytes.Buffer
	if isGzip {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fail(ReasonBadGzip, "gzip header: %v", err)
		}
		defer zr.Close()
		r = zr
	} else {
		buf.Grow(int(fi.Size()) + bytes.MinRead)
	}
	// The limit guards against gzip bombs and files that grew since Stat.
	if _, err := buf.ReadFrom(io.LimitReader(r, l.MaxFileBytes+1)); err != nil {
		if isGzip {
			return nil, fail(ReasonBadGzip, "after %d decompressed bytes: %v", buf.Len(), err)
		}
		return nil, fail(ReasonUnreadable, "after %d bytes: %v", buf.Len(), err)
	}
	if int64(buf.Len()) > l.MaxFileBytes {
		if isGzip {
			return nil, fail(ReasonTooLarge, "decompresses to more than %d bytes (limit)", l.MaxFileBytes)
		}
		return nil, fail(ReasonTooLarge, "more than %d bytes read (limit; file grew while loading)", l.MaxFileBytes)
	}
	if buf.Len() == 0 {
		return nil, fail(ReasonEmpty, "gzip stream decompresses to 0 bytes")
	}
	return buf.Bytes(), nil
}

// wholeFile is the reject for a file that yields no documents at all.
func wholeFile(src string, f *failure) schemas.Reject {
	return schemas.Reject{Stage: stage, Source: src, Segment: -1, Reason: f.reason, Detail: EscapePath(f.detail)}
}
