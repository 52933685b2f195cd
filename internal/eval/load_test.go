package eval

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

func openDuck(t *testing.T, create string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(create); err != nil {
		t.Fatal(err)
	}
	return db
}

const noticesColumns = `SELECT * FROM (VALUES
	('n1', 'corpus/a.txt', 1, '本文 二', true, '2023-100', 2, true, '株式会社テスト',
	 DATE '2023-07-01', DATE '2023-06-20', NULL::DATE, 1200::BIGINT, 'loss', 'O', ['name', 'email']::VARCHAR[],
	 'テスト株式会社は', '紛失しました', '1,200件', '6月20日に判明'),
	('n0', 'corpus/a.txt', 0, '本文 一', false, NULL, NULL, false, '',
	 NULL, NULL, DATE '2020-02-16', NULL, NULL, NULL, NULL,
	 NULL, '', NULL, NULL),
	('n2', 'b.txt', 0, '本文 三', true, NULL, NULL, false, NULL,
	 NULL, NULL, NULL, NULL, NULL, NULL, ['phone', NULL, '']::VARCHAR[],
	 NULL, NULL, NULL, NULL)
) AS t(notice_id, source_path, segment_index, text, is_incident, case_id, report_seq, final_report, organization,
	published_date, discovered_date, occurred_date, affected_count, cause, sector, data_types,
	organization_evidence, cause_evidence, affected_count_evidence, discovered_evidence)`

func TestLoadSegments(t *testing.T) {
	db := openDuck(t, `CREATE TABLE notices AS SELECT notice_id, source_path, segment_index::INTEGER AS segment_index,
		text, is_incident, case_id, report_seq::INTEGER AS report_seq, final_report, organization,
		published_date, discovered_date, occurred_date, affected_count, cause, sector, data_types,
		organization_evidence, cause_evidence, affected_count_evidence, discovered_evidence FROM (`+noticesColumns+`)`)
	var types []string
	rows, err := db.Query(`SELECT column_type FROM (DESCRIBE notices) WHERE column_name IN ('segment_index', 'published_date', 'affected_count', 'data_types') ORDER BY column_name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		types = append(types, s)
	}
	rows.Close()
	if want := []string{"BIGINT", "VARCHAR[]", "DATE", "INTEGER"}; !reflect.DeepEqual(types, want) {
		t.Fatalf("test table types %v, want %v", types, want)
	}

	got, err := LoadSegments(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	want := []Segment{
		{SourcePath: "b.txt", SegmentIndex: 0, Text: "本文 三", IsIncident: true, DataTypes: []string{"phone"}},
		{SourcePath: "corpus/a.txt", SegmentIndex: 0, Text: "本文 一", OccurredDate: ptr("2020-02-16")},
		{SourcePath: "corpus/a.txt", SegmentIndex: 1, Text: "本文 二", IsIncident: true, CaseID: ptr("2023-100"),
			ReportSeq: ptr(int64(2)), FinalReport: true, Organization: ptr("株式会社テスト"),
			PublishedDate: ptr("2023-07-01"), DiscoveredDate: ptr("2023-06-20"), AffectedCount: ptr(int64(1200)),
			Cause: ptr("loss"), Sector: ptr("O"), DataTypes: []string{"name", "email"},
			Evidence: map[string]string{"organization": "テスト株式会社は", "cause": "紛失しました",
				"affected_count": "1,200件", "discovered_date": "6月20日に判明"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

func TestLoadSegmentsColumns(t *testing.T) {
	// Without evidence columns: loads, with no evidence.
	db := openDuck(t, `CREATE TABLE notices AS SELECT * EXCLUDE (organization_evidence, cause_evidence,
		affected_count_evidence, discovered_evidence) FROM (`+noticesColumns+`)`)
	segs, err := LoadSegments(context.Background(), db)
	if err != nil || len(segs) != 3 || segs[2].Evidence != nil {
		t.Fatalf("without evidence: %v %+v", err, segs)
	}
	// Without a field column: an error naming it.
	db = openDuck(t, `CREATE TABLE notices AS SELECT * EXCLUDE (sector) FROM (`+noticesColumns+`)`)
	if _, err := LoadSegments(context.Background(), db); err == nil || !strings.Contains(err.Error(), "sector") {
		t.Fatalf("without sector: %v", err)
	}
	// No notices table at all.
	db = openDuck(t, `SELECT 1`)
	if _, err := LoadSegments(context.Background(), db); err == nil {
		t.Fatal("no error without a notices table")
	}
}
