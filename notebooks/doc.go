// Package notebooks holds the analysts' Jupyter notebooks (*.ipynb) and
// the tests that keep them working: every notebook is valid nbformat 4
// JSON, every SQL statement it holds (each assigned to a variable whose
// name ends in _SQL, as a triple-quoted string) runs against a fresh run's
// tables in the embedded DuckDB, and — where jupyter-nbconvert, pandas and
// matplotlib are installed — every notebook executes end to end.
//
// The notebooks read the tables with the duckdb Python package when it is
// installed, and otherwise through `breachtrend query --format csv`
// (binary from $BREACHTREND, default ../bin/breachtrend; tables from
// $BREACHTREND_OUT, default ../out).
package notebooks
