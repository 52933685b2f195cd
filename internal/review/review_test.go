package review

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/breachtrend/breachtrend/stages/correct"
)

// notices is a small notices table: a follow-up whose cause the text never
// states (its incident's first report says ransomware), a notice with a
// negative delay, a long one with no organization, a count that dwarfs
// the others, and a corrected field that must not be listed again.
const notices = `CREATE TABLE notices AS SELECT * FROM (VALUES
 ('n1', 'a.txt', 0, 'ランサムウェアに感染しました。' || repeat('経緯。', 80), true, 'A社', 'a', 'ransomware', DATE '2023-07-01', DATE '2023-06-20', 3000::BIGINT, 'E', ['name']::VARCHAR[], 11, 'i1',
  MAP {'cause': 'rule:cause', 'sector': 'name_rule'}, 'A社は', 'ランサムウェアに感染しました。', '3,000件', NULL, NULL),
 ('n2', 'a.txt', 1, '第2報です。調査を続けています。', true, 'A社', 'a', 'unknown', DATE '2023-08-01', DATE '2023-06-20', NULL, 'E', ['name']::VARCHAR[], 42, 'i1',
  MAP {'cause': 'default:unknown', 'sector': 'name_rule'}, 'A社は', NULL, NULL, NULL, NULL),
 ('n3', 'b.txt', 0, '本文。' || repeat('お詫び申し上げます。', 40), true, NULL, NULL, 'loss', DATE '2023-01-01', DATE '2023-03-01', 9000000::BIGINT, NULL, []::VARCHAR[], -59, 'i3',
  MAP {'cause': 'rule:cause'}, NULL, '紛失', '900万件', NULL, NULL),
 ('n4', 'c.txt', 0, '短い。', true, 'C市', 'c市', 'unknown', DATE '2023-05-05', NULL, NULL, 'S', ['name']::VARCHAR[], NULL, 'i4',
  MAP {'cause': 'corrected', 'sector': 'name_rule'}, 'C市', '訂正済み', NULL, NULL, NULL),
 ('n5', 'd.txt', 0, '記事です。', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL)
) AS t(notice_id, source_path, segment_index, text, is_incident, organization, organization_key, cause, published_date, discovered_date,
  affected_count, sector, data_types, disclosure_delay_days, incident_id, field_sources, organization_evidence, cause_evidence,
  affected_count_evidence, discovered_evidence, published_evidence)`

func openDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(notices); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`ALTER TABLE notices ADD COLUMN occurred_evidence VARCHAR`, `ALTER TABLE notices ADD COLUMN occurred_date DATE`,
		`CREATE TABLE timeline AS SELECT * FROM (VALUES ('n3', 0, 'discovered', DATE '2023-03-01', '3月1日に判明しました。'),
			('n2', 0, 'occurred', DATE '2023-06-01', '6月1日に侵入されました。')) AS t(notice_id, seq, kind, date, sentence)`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestBuildRanksWeakFieldsFirst(t *testing.T) {
	items, err := Build(context.Background(), openDB(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.NoticeID+" "+it.Field)
	}
	want := []string{
		"n3 discovered_date", "n3 published_date", // negative delay
		"n3 organization",  // missing in a long notice
		"n2 cause",         // the follow-up whose cause the text never states, while the first report does
		"n2 occurred_date", // the timeline dates the incident, the field is empty
		"n3 affected_count",
		"n3 sector",
		"n3 data_types",
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, it := range items {
		if it.NoticeID == "n2" && it.Field == "cause" {
			if it.FieldSource != "default:unknown" || !strings.Contains(it.Reason, "unknown cause") ||
				!strings.Contains(it.Reason, "another report of this incident states one") || it.ExtractedValue != "unknown" || it.Locator != "a.txt#1:0" {
				t.Errorf("n2 cause: %+v", it)
			}
		}
		if it.NoticeID == "n3" && it.Field == "affected_count" && (it.ExtractedValue != "9000000" || it.Locator != "b.txt#0:0") {
			t.Errorf("n3 count: %+v", it)
		}
	}
	if top, _ := Build(context.Background(), openDB(t), 2); len(top) != 2 || top[1].Rank != 2 {
		t.Errorf("limit 2: %+v", top)
	}
}

// TestFilledSheetIsACorrectionsFile: the CSV the sheet is written as,
// filled in one row, reads as one correction of that notice's field.
func TestFilledSheetIsACorrectionsFile(t *testing.T) {
	items, err := Build(context.Background(), openDB(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, items); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "\ufeffrank,notice_id,") {
		t.Fatalf("no BOM or header: %q", b.String()[:40])
	}
	if filled, err := Filled(bytes.NewReader(b.Bytes())); filled || err != nil {
		t.Fatalf("a fresh sheet reads as filled: %v", err)
	}
	lines := strings.Split(b.String(), "\r\n")
	for i, l := range lines {
		if strings.Contains(l, "n2,a.txt,1,cause,") {
			lines[i] = strings.TrimSuffix(l, ",,") + ",ransomware,第2報は第1報の続き"
		}
	}
	sheet := strings.Join(lines, "\r\n")
	if filled, _ := Filled(strings.NewReader(sheet)); !filled {
		t.Error("a filled sheet reads as empty")
	}
	s, err := correct.Read(strings.NewReader(sheet), "review.csv")
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 1 || len(s.Rejects()) != 0 {
		t.Fatalf("%d corrections, rejects %v", s.Len(), s.Rejects())
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, items); err != nil || !strings.Contains(md.String(), "| 4 | n2 | a.txt | 1 | cause | unknown |") {
		t.Errorf("markdown: %v\n%s", err, md.String())
	}
}
