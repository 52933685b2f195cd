// Package report writes the quarterly review report of a breachtrend run:
// one self-contained HTML file (or Markdown) built from the Parquet tables
// with the embedded DuckDB.
//
// The report of a quarter holds headline figures against the previous
// quarter and the same quarter a year before (incidents, people affected,
// median disclosure delay); incidents by cause and by sector; the
// distribution of disclosure delays; APPI clock compliance; the largest
// incidents; rising terms (terms_quarterly against the previous quarter);
// and every incident of the quarter with the sources of its notices.
//
// Safety: notice text is untrusted (the corpus holds an XSS payload). The
// HTML is produced with html/template, so every value is escaped in its
// context; it carries a Content-Security-Policy that allows no script, no
// external resource and no network access; its charts are inline SVG drawn
// by this package. The file renders offline and runs no code. The Markdown
// format escapes the characters Markdown or embedded HTML would interpret.
//
// A quarter with no incidents gives a report that says so. Reports are
// deterministic: the same tables give the same bytes.
package report
