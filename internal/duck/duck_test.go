package duck

import (
	"context"
	"database/sql"
	"github.com/breachtrend/breachtrend/internal/filesnap"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeOut makes an output folder with a notices and an incidents table
// and a manifest.json, as a run leaves it.
func writeOut(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables := map[string]string{
		"notices":   "SELECT 'n' || range AS notice_id, range % 3 AS cause FROM range(100)",
		"incidents": "SELECT 'i' || range AS incident_id FROM range(10)",
	}
	for name, q := range tables {
		if err := os.Mkdir(filepath.Join(out, name), 0o755); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(out, name, "part-00000.parquet")
		if _, err := db.Exec("COPY (" + q + ") TO " + quoteString(file) + " (FORMAT parquet)"); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(out, "manifest.json"), []byte(`{"version":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOpenReadOnlyFileAccess runs writes straight on the database,
// without CheckRead: DuckDB's own file guard must refuse each, and no file
// in the output folder or the working directory may change.
func TestOpenReadOnlyFileAccess(t *testing.T) {
	out := writeOut(t)
	cwd := t.TempDir()
	t.Chdir(cwd)
	db, err := OpenReadOnly(context.Background(), out, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM notices JOIN incidents ON true").Scan(&n); err != nil || n != 1000 {
		t.Fatalf("the views do not read after the lock-down: %d rows, %v", n, err)
	}
	before := filesnap.Take(t, out, cwd)
	writes := []string{
		"COPY (SELECT 1) TO " + quoteString(filepath.Join(out, "manifest.json")),
		"COPY (SELECT 1 AS notice_id) TO " + quoteString(filepath.Join(out, "notices", "part-x.parquet")),
		"COPY (SELECT 1) TO 'here.csv'",
		"ATTACH " + quoteString(filepath.Join(out, "new.db")),
		"ATTACH 'here.db'",
		"SELECT * FROM read_text('/etc/hostname')",
		"SELECT * FROM glob(" + quoteString(filepath.Join(out, "*")) + ")",
		"SET enable_external_access = true",
		"SET allowed_directories = ['/']",
		"SET temp_directory = '.tmp'",
		"INSTALL httpfs",
	}
	for _, w := range writes {
		if _, err := db.Exec(w); err == nil {
			t.Errorf("%s: ran; want it refused", w)
		}
	}
	filesnap.AssertUnchanged(t, "", before, filesnap.Take(t, out, cwd))
}

// TestOpenReadOnlyNewFileNotRead: a Parquet file added to a table folder
// after the views exist is not read (the views list their files).
func TestOpenReadOnlyNewFileNotRead(t *testing.T) {
	out := writeOut(t)
	db, err := Open(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	src, err := os.ReadFile(filepath.Join(out, "incidents", "part-00000.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "incidents", "part-00001.parquet"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM incidents").Scan(&n); err != nil || n != 10 {
		t.Errorf("incidents: %d rows, %v; want the 10 of the file present at open", n, err)
	}
}

// spillQuery sorts more than 64 MB of rows, so it spills to disk under a
// 64 MB limit.
const spillQuery = "SELECT sum(x) FROM (SELECT hash(range) AS x FROM range(6000000) ORDER BY hash(range * 7) LIMIT 3000000)"

// TestOpenReadOnlySpill: a query that outgrows Memory spills into TempDir
// only (never DuckDB's default <cwd>/.tmp); without a TempDir it fails
// instead of spilling.
func TestOpenReadOnlySpill(t *testing.T) {
	out := writeOut(t)
	cwd := t.TempDir()
	t.Chdir(cwd)
	before := filesnap.Take(t, out, cwd)
	temp := filepath.Join(t.TempDir(), "spill")
	db, err := OpenReadOnly(context.Background(), out, Limits{Memory: 64 << 20, TempDir: temp, MaxTemp: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var sum sql.NullFloat64
	if err := db.QueryRow(spillQuery).Scan(&sum); err != nil {
		t.Fatalf("with a temp folder: %v", err)
	}
	if _, err := os.Stat(temp); err != nil {
		t.Errorf("the query did not spill to %s (%v): make spillQuery bigger", temp, err)
	}

	noSpill, err := OpenReadOnly(context.Background(), out, Limits{Memory: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer noSpill.Close()
	err = noSpill.QueryRow(spillQuery).Scan(&sum)
	if err == nil || !strings.Contains(err.Error(), "Out of Memory") {
		t.Errorf("without a temp folder: %v; want an Out of Memory error", err)
	}
	filesnap.AssertUnchanged(t, "", before, filesnap.Take(t, out, cwd))
}

func TestOpenReadOnlyNoTables(t *testing.T) {
	_, err := Open(context.Background(), t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "holds no tables") {
		t.Errorf("empty folder: %v", err)
	}
	// A folder that is not there (query or report before any run) says so,
	// and what to do, as an empty one does.
	_, err = Open(context.Background(), filepath.Join(t.TempDir(), "out"))
	if err == nil || !strings.Contains(err.Error(), "does not exist: run `breachtrend run` first") {
		t.Errorf("missing folder: %v", err)
	}
}
