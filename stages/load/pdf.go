package load

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"time"
)

// Reject reasons of PDF files.
const (
	// ReasonBadPDF: pdftotext could not read the file (damaged, encrypted
	// without the key, not a PDF).
	ReasonBadPDF = "bad_pdf"
	// ReasonNoPDFTool: pdftotext (Debian's poppler-utils) is not installed,
	// so no PDF can be read on this machine.
	ReasonNoPDFTool = "pdftotext_missing"
)

// pdfTimeout bounds one pdftotext run: a hostile PDF cannot stall a run.
const pdfTimeout = 60 * time.Second

// pdfText returns the text of a PDF with poppler's pdftotext, which maps
// CID fonts through their ToUnicode CMaps (the way Japanese PDFs carry
// their text) and keeps reading order; pages end with a blank line.
// Look-alike characters (Kangxi radicals for 日, 月 …) come out as they
// are in the file: normalize folds them.
func pdfText(data []byte) (string, *failure) {
	if !bytes.HasPrefix(bytes.TrimLeft(data, "\x00\t\r\n "), []byte("%PDF-")) {
		return "", fail(ReasonBadPDF, "no %%PDF- header")
	}
	ctx, cancel := context.WithTimeout(context.Background(), pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "pdftotext", "-q", "-enc", "UTF-8", "-eol", "unix", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return "", fail(ReasonNoPDFTool, "pdftotext not found: install poppler-utils (make test does)")
	case ctx.Err() != nil:
		return "", fail(ReasonBadPDF, "pdftotext ran over %s", pdfTimeout)
	case err != nil:
		return "", fail(ReasonBadPDF, "pdftotext: %v %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.ReplaceAll(stdout.String(), "\f", "\n"), nil
}

// loadPDF makes the one document of a .pdf file.
func (l *Loader) loadPDF(src string, data []byte) (Document, *failure) {
	text, f := pdfText(data)
	if f != nil {
		return Document{}, f
	}
	text = normalizeNewlines(text)
	if strings.TrimSpace(text) == "" {
		return Document{}, fail(ReasonNoText, "PDF has no text layer (a scan: OCR it first)")
	}
	if n, size := longLine(text, l.MaxLineBytes); n > 0 {
		return Document{}, fail(ReasonLineTooLong, "line %d is %d bytes (limit %d)", n, size, l.MaxLineBytes)
	}
	return Document{Source: src, Format: "pdf", Encoding: "pdf", Text: text}, nil
}
