package parquetio

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/breachtrend/breachtrend/schemas"
)

func rejects(n int) []schemas.Reject {
	out := make([]schemas.Reject, n)
	for i := range out {
		out[i] = schemas.Reject{Stage: "load", Source: fmt.Sprintf("f%05d.txt", i), Segment: int32(i), Reason: "empty_file"}
	}
	return out
}

// TestWriterRowGroupsAndCompression: rows are batched into row groups, not
// one per Append, and every column is zstd, in version 1 data pages (readable by every
// Parquet reader, unlike version 2).
func TestWriterRowGroupsAndCompression(t *testing.T) {
	dir := t.TempDir()
	if err := WriteAll(dir, schemas.RejectsTable, rejects(5000)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "rejects", "part-00000.parquet")
	r, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got, want := r.NumRowGroups(), (5000+DefaultRowGroup-1)/DefaultRowGroup; got != want {
		t.Errorf("row groups = %d, want %d", got, want)
	}
	rg := r.MetaData().RowGroup(0)
	for i := 0; i < rg.NumColumns(); i++ {
		cc, err := rg.ColumnChunk(i)
		if err != nil {
			t.Fatal(err)
		}
		if cc.Compression() != compress.Codecs.Zstd {
			t.Errorf("column %d compression = %v, want zstd", i, cc.Compression())
		}
		pages, err := r.RowGroup(0).GetColumnPageReader(i)
		if err != nil {
			t.Fatal(err)
		}
		data := 0
		for pages.Next() {
			switch pages.Page().(type) {
			case *file.DataPageV1:
				data++
			case *file.DataPageV2:
				t.Errorf("column %d: a version 2 data page", i)
			}
		}
		if err := pages.Err(); err != nil || data == 0 {
			t.Errorf("column %d: %d data pages read (%v)", i, data, err)
		}
	}
}

// TestDuckDBReadsTables: what the writer writes, DuckDB reads, with the
// types of the GUIDE; an empty table reads as no rows.
func TestDuckDBReadsTables(t *testing.T) {
	dir := t.TempDir()
	seq := int32(2)
	n := []schemas.Notice{{NoticeID: "a", SourcePath: "s.txt", IsIncident: true, ReportSeq: &seq,
		PublishedDate: schemas.MustDate("2023-07-05"), DataTypes: []string{"name"}}}
	if err := WriteAll(dir, schemas.NoticesTable, n); err != nil {
		t.Fatal(err)
	}
	if err := WriteAll(dir, schemas.RejectsTable, nil); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var pub, types string
	var rs int32
	q := fmt.Sprintf("SELECT strftime(published_date, '%%Y-%%m-%%d'), report_seq, typeof(data_types) FROM read_parquet('%s')",
		filepath.Join(dir, "notices", "*.parquet"))
	if err := db.QueryRow(q).Scan(&pub, &rs, &types); err != nil {
		t.Fatal(err)
	}
	if pub != "2023-07-05" || rs != 2 || types != "VARCHAR[]" {
		t.Errorf("read back %s %d %s", pub, rs, types)
	}
	var count int
	if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM read_parquet('%s')", filepath.Join(dir, "rejects", "*.parquet"))).Scan(&count); err != nil || count != 0 {
		t.Errorf("empty table: %d rows, %v", count, err)
	}
}

// TestCreatePartNamesItsFile: a part's rows go to its own file, named to
// sort after the parts before it, and the folder reads as one table.
func TestCreatePartNamesItsFile(t *testing.T) {
	dir := t.TempDir()
	if err := WriteAll(dir, schemas.RejectsTable, rejects(3)); err != nil {
		t.Fatal(err)
	}
	w, err := CreatePart(dir, schemas.RejectsTable, 12, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rejects(5)[3:] {
		if err := w.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "rejects", "*.parquet"))
	want := []string{filepath.Join(dir, "rejects", "part-00000.parquet"), filepath.Join(dir, "rejects", "part-00012.parquet")}
	if fmt.Sprint(files) != fmt.Sprint(want) {
		t.Fatalf("files %v, want %v", files, want)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var sources string
	// Ordered by file name and row: an aggregate over a parallel scan has
	// no order of its own, and the file names are what must sort the rows.
	q := fmt.Sprintf("SELECT string_agg(source_path, ',' ORDER BY filename, file_row_number) FROM read_parquet('%s', filename = true, file_row_number = true)", filepath.Join(dir, "rejects", "*.parquet"))
	if err := db.QueryRow(q).Scan(&sources); err != nil {
		t.Fatal(err)
	}
	if sources != "f00000.txt,f00001.txt,f00002.txt,f00003.txt,f00004.txt" {
		t.Errorf("rows in file order: %s", sources)
	}
}

// TestNoDictionaryNoStatisticsOfUniqueColumns: no column has a Parquet
// dictionary (zstd folds the repeats; a dictionary hashed and boxed every
// value), and a column whose values rarely repeat (Column.Unique: ids,
// urls, titles, texts) has no min/max statistics, which would prune
// nothing; the others (dates, counts, causes, file names) keep theirs.
func TestNoDictionaryNoStatisticsOfUniqueColumns(t *testing.T) {
	dir := t.TempDir()
	if err := WriteAll(dir, schemas.NoticesTable, tinyNotices(t, 100)); err != nil {
		t.Fatal(err)
	}
	incidents := []schemas.Incident{{IncidentID: "i1", Organization: "A社", NoticeIDs: []string{"n1", "n2"}, Sources: []string{"a.txt"}},
		{IncidentID: "i2", Organization: "A社", NoticeIDs: []string{"n3"}, Sources: []string{"a.txt"}}}
	if err := WriteAll(dir, schemas.IncidentsTable, incidents); err != nil {
		t.Fatal(err)
	}
	checkColumnChunks(t, filepath.Join(dir, "notices", "part-00000.parquet"), schemas.NoticesTable.Columns, 30)
	checkColumnChunks(t, filepath.Join(dir, "incidents", "part-00000.parquet"), schemas.IncidentsTable.Columns, 20)
}

// checkColumnChunks checks that no leaf of a file has a dictionary page and
// that a leaf has statistics exactly when its column is not Unique (a
// list's leaf is under its column's name), and that there are at least min
// leaves.
func checkColumnChunks[R any](t *testing.T, path string, columns []schemas.Column[R], min int) {
	t.Helper()
	r, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	unique := map[string]bool{}
	for _, c := range columns {
		unique[c.Name] = c.Unique
	}
	rg := r.MetaData().RowGroup(0)
	table := filepath.Base(filepath.Dir(path))
	uniques := 0
	for i := 0; i < rg.NumColumns(); i++ {
		cc, err := rg.ColumnChunk(i)
		if err != nil {
			t.Fatal(err)
		}
		name := cc.PathInSchema()[0]
		if cc.HasDictionaryPage() {
			t.Errorf("%s: column %s has a dictionary page", table, cc.PathInSchema())
		}
		stats, err := cc.StatsSet()
		if err != nil {
			t.Fatal(err)
		}
		if want := !unique[name]; stats != want {
			t.Errorf("%s: column %s (Unique %v): statistics %v", table, cc.PathInSchema(), unique[name], stats)
		}
		if unique[name] {
			uniques++
		}
	}
	if rg.NumColumns() < min || uniques == 0 {
		t.Errorf("%s: only %d columns checked, %d of them Unique", path, rg.NumColumns(), uniques)
	}
}
