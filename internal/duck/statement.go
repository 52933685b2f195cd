package duck

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// ErrNotRead is the error of a query that is not exactly one read statement.
var ErrNotRead = errors.New("refused: query runs one read-only statement")

// ReadKinds names the statements CheckRead accepts, for messages and usage.
const ReadKinds = "SELECT, WITH … SELECT, VALUES, FROM …, DESCRIBE, SUMMARIZE, SHOW or EXPLAIN of one of these"

// CheckRead returns nil when query is exactly one statement that only
// reads, as DuckDB's own parser and binder type it: a SELECT (DuckDB types
// VALUES, DESCRIBE, SUMMARIZE, SHOW and table-valued PRAGMAs as SELECT too)
// or an EXPLAIN [ANALYZE] of one. Anything else is an error wrapping
// ErrNotRead that says what was refused and what to do instead, or DuckDB's
// own error for a query it cannot parse or bind. Nothing is executed:
// statements are only prepared, and only one at a time (duckdb-go's
// QueryContext would run every statement but the last while preparing).
func CheckRead(ctx context.Context, db *sql.DB, query string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(driverConn any) error {
		dc, ok := driverConn.(*duckdb.Conn)
		if !ok {
			return fmt.Errorf("not a DuckDB connection: %T", driverConn)
		}
		return checkRead(ctx, dc, query, 0)
	})
}

func checkRead(ctx context.Context, dc *duckdb.Conn, query string, depth int) error {
	typ, err := statementType(dc, query)
	if err != nil {
		return err
	}
	switch typ {
	case duckdb.STATEMENT_TYPE_SELECT:
		return checkPlan(ctx, dc, query)
	case duckdb.STATEMENT_TYPE_EXPLAIN:
		// EXPLAIN ANALYZE runs its statement: check that one too.
		inner, ok := explained(query)
		if !ok || depth > 3 {
			return fmt.Errorf("%w: EXPLAIN takes no options here; write EXPLAIN [ANALYZE] SELECT …", ErrNotRead)
		}
		return checkRead(ctx, dc, inner, depth+1)
	}
	return refusal(typ)
}

// checkPlan refuses a SELECT whose plan calls a table function that
// changes the session rather than reading: enable_logging and the like
// type as SELECT, ignore lock_configuration, and enable_logging to a file
// aborts the process when the connection closes. DuckDB's own plan (EXPLAIN,
// which binds and optimizes but runs nothing) names every table function
// the query would run, in subqueries and query('…') strings too.
func checkPlan(ctx context.Context, dc *duckdb.Conn, query string) error {
	rows, err := dc.QueryContext(ctx, "EXPLAIN (FORMAT json) "+query, nil)
	if err != nil {
		// A PRAGMA DuckDB typed SELECT (show_tables, table_info) is one
		// it rewrote into its own catalog query, which EXPLAIN cannot
		// take as written.
		if word, _ := nextWord(query); strings.EqualFold(word, "PRAGMA") {
			return nil
		}
		return err
	}
	defer rows.Close()
	vals := make([]driver.Value, len(rows.Columns()))
	for {
		if err := rows.Next(vals); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		plan, ok := vals[len(vals)-1].(string)
		if !ok {
			return fmt.Errorf("EXPLAIN of the query: a plan of type %T", vals[len(vals)-1])
		}
		var tree any
		if err := json.Unmarshal([]byte(plan), &tree); err != nil {
			return fmt.Errorf("EXPLAIN of the query: %w", err)
		}
		if fn := sessionFunction(tree); fn != "" {
			return fmt.Errorf("%w: %s changes the session; a read is %s", ErrNotRead, strings.ToLower(fn), ReadKinds)
		}
	}
}

// sessionFunction returns the first table function in an EXPLAIN (FORMAT
// json) tree that changes the session: enable_… and disable_… (logging,
// profiling, optimizer, progress bar, …), checkpoints, log truncation,
// Parquet keys, and json_execute_serialized_sql, which runs a plan of its
// own.
func sessionFunction(node any) string {
	switch n := node.(type) {
	case []any:
		for _, c := range n {
			if fn := sessionFunction(c); fn != "" {
				return fn
			}
		}
	case map[string]any:
		for k, v := range n {
			if name, ok := v.(string); ok && (k == "name" || k == "Function") && changesSession(name) {
				return name
			}
			if fn := sessionFunction(v); fn != "" {
				return fn
			}
		}
	}
	return ""
}

func changesSession(fn string) bool {
	fn = strings.ToUpper(strings.TrimSpace(fn))
	switch fn {
	case "CHECKPOINT", "FORCE_CHECKPOINT", "TRUNCATE_DUCKDB_LOGS", "ADD_PARQUET_KEY", "JSON_EXECUTE_SERIALIZED_SQL":
		return true
	}
	return strings.HasPrefix(fn, "ENABLE_") || strings.HasPrefix(fn, "DISABLE_") || strings.HasPrefix(fn, "VERIFY_")
}

// statementType prepares query (without running it) and returns its type.
// A query of several statements is refused before any of them is prepared.
func statementType(dc *duckdb.Conn, query string) (duckdb.StmtType, error) {
	// Prepare, unlike PrepareContext, refuses more than one statement and
	// runs none; it says so with a plain error, while DuckDB's own errors
	// (syntax, unknown table) are *duckdb.Error.
	st, err := dc.Prepare(query)
	if err != nil {
		var dberr *duckdb.Error
		switch {
		case errors.As(err, &dberr) && dberr.Type == duckdb.ErrorTypePermission:
			// Binding a COPY, ATTACH or read_csv checks its file
			// against the allowed paths: only the tables' files.
			return 0, fmt.Errorf("%w: it reaches a file other than the run's tables (%s); to export a result use `breachtrend query --format csv -o FILE \"SELECT …\"`", ErrNotRead, firstLine(dberr.Msg))
		case errors.As(err, &dberr):
			// A write DuckDB cannot bind against the views (「INSERT INTO
			// notices …」: notices is no table) is refused as a write,
			// not reported as the binder's error.
			word, _ := nextWord(query)
			if typ, ok := writeKeywords[strings.ToUpper(word)]; ok {
				return 0, refusal(typ)
			}
			return 0, err
		case strings.Contains(err.Error(), "empty query"):
			return 0, fmt.Errorf("%w: the query is empty", ErrNotRead)
		case strings.Contains(err.Error(), "multi-statement"):
			// PIVOT without IN (…) is one too: DuckDB runs a query for
			// the values first.
			return 0, fmt.Errorf("%w: the query holds more than one statement (or is a PIVOT without IN (…)); run them one at a time", ErrNotRead)
		}
		return 0, err
	}
	defer st.Close()
	return st.(*duckdb.Stmt).StatementType()
}

// writeKeywords open statements that change the tables or the catalog,
// by the type refusal names them with.
var writeKeywords = map[string]duckdb.StmtType{
	"INSERT": duckdb.STATEMENT_TYPE_INSERT, "UPDATE": duckdb.STATEMENT_TYPE_UPDATE,
	"DELETE": duckdb.STATEMENT_TYPE_DELETE, "CREATE": duckdb.STATEMENT_TYPE_CREATE,
	"DROP": duckdb.STATEMENT_TYPE_DROP, "ALTER": duckdb.STATEMENT_TYPE_ALTER,
	"TRUNCATE": duckdb.STATEMENT_TYPE_DELETE,
}

// refusal explains why a statement of type typ is refused.
func refusal(typ duckdb.StmtType) error {
	var what string
	switch typ {
	case duckdb.STATEMENT_TYPE_COPY, duckdb.STATEMENT_TYPE_EXPORT:
		what = "COPY and EXPORT write files; to export a result use `breachtrend query --format csv -o FILE \"SELECT …\"`"
	case duckdb.STATEMENT_TYPE_ATTACH, duckdb.STATEMENT_TYPE_DETACH:
		what = "ATTACH and DETACH open database files; query reads only the run's tables"
	case duckdb.STATEMENT_TYPE_LOAD, duckdb.STATEMENT_TYPE_EXTENSION:
		what = "INSTALL and LOAD of extensions are not allowed"
	case duckdb.STATEMENT_TYPE_SET, duckdb.STATEMENT_TYPE_VARIABLE_SET, duckdb.STATEMENT_TYPE_PRAGMA:
		what = "SET and PRAGMA change settings; memory and time are set by --memory and --timeout"
	default:
		what = "the tables are read-only"
	}
	return fmt.Errorf("%w: %s is not one (%s); a read is %s", ErrNotRead, typeName(typ), what, ReadKinds)
}

func typeName(typ duckdb.StmtType) string {
	names := map[duckdb.StmtType]string{
		duckdb.STATEMENT_TYPE_INSERT: "INSERT", duckdb.STATEMENT_TYPE_UPDATE: "UPDATE",
		duckdb.STATEMENT_TYPE_DELETE: "DELETE", duckdb.STATEMENT_TYPE_PREPARE: "PREPARE",
		duckdb.STATEMENT_TYPE_CREATE: "CREATE", duckdb.STATEMENT_TYPE_EXECUTE: "EXECUTE",
		duckdb.STATEMENT_TYPE_ALTER: "ALTER", duckdb.STATEMENT_TYPE_TRANSACTION: "transaction",
		duckdb.STATEMENT_TYPE_COPY: "COPY", duckdb.STATEMENT_TYPE_ANALYZE: "ANALYZE",
		duckdb.STATEMENT_TYPE_VARIABLE_SET: "SET VARIABLE", duckdb.STATEMENT_TYPE_CREATE_FUNC: "CREATE FUNCTION",
		duckdb.STATEMENT_TYPE_DROP: "DROP", duckdb.STATEMENT_TYPE_EXPORT: "EXPORT",
		duckdb.STATEMENT_TYPE_PRAGMA: "PRAGMA", duckdb.STATEMENT_TYPE_VACUUM: "VACUUM",
		duckdb.STATEMENT_TYPE_CALL: "CALL", duckdb.STATEMENT_TYPE_SET: "SET",
		duckdb.STATEMENT_TYPE_LOAD: "INSTALL/LOAD", duckdb.STATEMENT_TYPE_EXTENSION: "extension",
		duckdb.STATEMENT_TYPE_ATTACH: "ATTACH", duckdb.STATEMENT_TYPE_DETACH: "DETACH",
	}
	if n, ok := names[typ]; ok {
		return n
	}
	return fmt.Sprintf("type-%d", typ)
}

// explained returns the statement an EXPLAIN [ANALYZE] statement explains:
// query after its first keyword, and after ANALYZE or ANALYSE if that comes
// next. DuckDB has already parsed query as an EXPLAIN, so its first word is
// EXPLAIN; ok is false when it is followed by an option list, which is not
// accepted rather than parsed here.
func explained(query string) (inner string, ok bool) {
	word, rest := nextWord(query)
	if !strings.EqualFold(word, "EXPLAIN") {
		return "", false
	}
	if word, after := nextWord(rest); strings.EqualFold(word, "ANALYZE") || strings.EqualFold(word, "ANALYSE") {
		rest = after
	}
	if w, _ := nextWord(rest); w == "" {
		return "", false
	}
	return rest, true
}

// nextWord skips spaces and SQL comments (-- to the end of the line, and
// /* */, which nest in DuckDB) and returns the letters that follow and the
// text after them; word is empty when something else follows.
func nextWord(s string) (word, rest string) {
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		switch {
		case strings.HasPrefix(s, "--"):
			if i := strings.IndexByte(s, '\n'); i >= 0 {
				s = s[i+1:]
			} else {
				s = ""
			}
			continue
		case strings.HasPrefix(s, "/*"):
			depth, i := 0, 0
			for i < len(s) {
				if strings.HasPrefix(s[i:], "/*") {
					depth++
					i += 2
				} else if strings.HasPrefix(s[i:], "*/") {
					depth--
					i += 2
					if depth == 0 {
						break
					}
				} else {
					i++
				}
			}
			s = s[i:]
			continue
		}
		break
	}
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		i = len(s)
	}
	return s[:i], s[i:]
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
