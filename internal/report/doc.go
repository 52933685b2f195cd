// Package report writes the quarterly review report of a breachtrend run:
// one self-contained HTML file (or Markdown) built from the Parquet tables
// with the embedded DuckDB.
//
// The report of a quarter holds headline figures against the previous
// quarter and the same quarter a year before (incidents, distinct events,
// people affected, median disclosure delay), each with its n and with no
// percentage change on a base under 10; incidents per quarter on a
// continuous axis (empty quarters as 0, the year-only and undated
// incidents beside it); incidents by cause and by sector and a cause ×
// sector matrix; the distribution of disclosure delays and a dot plot of
// each delay by cause; APPI clock compliance with its n; the largest
// incidents; the quarter's terms ranked by lift against the rest of the
// corpus (stopterms.txt leaves out notice boilerplate); every incident of
// the quarter with the sources of its notices; a coverage and limits
// section (what could not be placed or measured, and why); and published
// statistics beside the corpus by year (context.csv, sources named).
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
