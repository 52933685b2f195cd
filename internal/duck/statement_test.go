package duck

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestCheckRead(t *testing.T) {
	out := writeOut(t)
	db, err := Open(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	reads := []string{
		"SELECT count(*) FROM notices",
		"SELECT 1;",
		"WITH c AS (SELECT cause FROM notices) SELECT * FROM c",
		"FROM incidents",
		"VALUES (1, 'a')",
		"DESCRIBE notices",
		"SUMMARIZE incidents",
		"SHOW TABLES",
		"PRAGMA show_tables",
		"EXPLAIN SELECT * FROM notices",
		"EXPLAIN ANALYZE SELECT * FROM notices",
		"/* why */ explain -- a comment\n analyse SELECT 1",
		"SELECT 1 -- a comment at the end",
		"PIVOT notices ON cause IN (0, 1) USING count(*)",
		"SELECT * FROM duckdb_settings()",
		"SELECT * FROM range(3), unnest([1, 2])",
	}
	for _, q := range reads {
		if err := CheckRead(context.Background(), db, q); err != nil {
			t.Errorf("%s: %v; want it accepted", q, err)
		}
	}
	refused := []struct{ query, says string }{
		{"SELECT 1; SELECT 2", "more than one statement"},
		{"CREATE TABLE t AS SELECT 1; SELECT * FROM t", "more than one statement"},
		{"DROP VIEW notices", "DROP"},
		{"CREATE TABLE t AS SELECT 1", "CREATE"},
		{"CREATE VIEW v AS SELECT 1", "CREATE"},
		{"CREATE MACRO m(x) AS x", "CREATE"},
		{"COPY (SELECT 1) TO '" + out + "/manifest.json'", "-o FILE"},
		{"COPY notices TO '" + out + "/notices/part-00000.parquet'", "-o FILE"},
		{"EXPORT DATABASE '" + out + "/db'", "-o FILE"},
		{"ATTACH '" + out + "/new.db'", ""},
		{"ATTACH ':memory:' AS m", "ATTACH"},
		{"DETACH memory", "DETACH"},
		{"INSTALL httpfs", "INSTALL"},
		{"LOAD parquet", "INSTALL"},
		{"SET threads = 1", "SET"},
		{"SET VARIABLE x = 1", "SET"},
		{"PRAGMA threads = 1", "SET"},
		{"RESET threads", "SET"},
		{"CALL pragma_version()", "CALL"},
		{"BEGIN TRANSACTION", "transaction"},
		{"CHECKPOINT", ""},
		{"VACUUM", ""},
		{"EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1", "CREATE"},
		{"EXPLAIN ANALYZE COPY notices TO 'x.csv'", "-o FILE"},
		{"EXPLAIN ANALYZE SET VARIABLE x = 1", "SET"},
		{"EXPLAIN (FORMAT json) SELECT 1", "EXPLAIN takes no options"},
		{"SELECT * FROM read_csv('/etc/passwd')", "a file other than the run's tables"},
		{"FROM enable_logging(level = 'trace', storage = 'file', storage_path = 'logs')", "enable_logging changes the session"},
		{"SELECT * FROM notices WHERE EXISTS (FROM force_checkpoint())", "force_checkpoint"},
		{"FROM query('FROM enable_profiling()')", "enable_profiling"},
		{"EXPLAIN ANALYZE FROM disable_profiling()", "disable_profiling"},
		{"PIVOT notices ON cause USING count(*)", "PIVOT without IN"},
		{"PRAGMA enable_profiling", "PRAGMA"},
		{"PRAGMA disable_optimizer", "PRAGMA"},
		{"FROM truncate_duckdb_logs()", "truncate_duckdb_logs"},
		{"", "empty"},
		{"-- nothing", "empty"},
	}
	for _, tt := range refused {
		err := CheckRead(context.Background(), db, tt.query)
		if !errors.Is(err, ErrNotRead) || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%s: %v; want ErrNotRead saying %q", tt.query, err, tt.says)
		}
	}
	// Nothing ran: the view is still there, no table t was made.
	var n int
	if err := db.QueryRow("SELECT count(*) FROM notices").Scan(&n); err != nil {
		t.Errorf("notices after the refusals: %v", err)
	}
	if err := db.QueryRow("SELECT count(*) FROM t").Scan(&n); err == nil {
		t.Error("a refused statement created table t")
	}
	// A read DuckDB cannot parse or bind keeps DuckDB's own error; a write
	// it cannot bind (there is no table to INSERT into, the views are no
	// tables) is refused as the write it is.
	for _, q := range []string{"SELEC 1", "SELECT * FROM nope"} {
		if err := CheckRead(context.Background(), db, q); err == nil || errors.Is(err, ErrNotRead) {
			t.Errorf("%s: %v; want DuckDB's error", q, err)
		}
	}
	for q, says := range map[string]string{"INSERT INTO notices VALUES ('x', 1)": "INSERT is not one", "UPDATE notices SET cause = 0": "UPDATE is not one",
		"DELETE FROM notices": "DELETE is not one"} {
		if err := CheckRead(context.Background(), db, q); !errors.Is(err, ErrNotRead) || !strings.Contains(err.Error(), says) {
			t.Errorf("%s: %v; want ErrNotRead saying %q", q, err, says)
		}
	}
}

func TestExplained(t *testing.T) {
	tests := []struct {
		query, inner string
		ok           bool
	}{
		{"EXPLAIN SELECT 1", " SELECT 1", true},
		{"explain analyze SELECT 1", " SELECT 1", true},
		{"  /* a /* nested */ comment */ EXPLAIN\t-- x\nANALYSE FROM t", " FROM t", true},
		{"EXPLAIN ANALYZE", "", false},
		{"EXPLAIN (FORMAT json) SELECT 1", "", false},
		{"SELECT 1", "", false},
		{"/* unterminated", "", false},
	}
	for _, tt := range tests {
		inner, ok := explained(tt.query)
		if inner != tt.inner || ok != tt.ok {
			t.Errorf("explained(%q) = %q, %v; want %q, %v", tt.query, inner, ok, tt.inner, tt.ok)
		}
	}
}
