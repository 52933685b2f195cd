package duck

import (
	"bytes"
	"database/sql"
	"strings"
	"testing"
	"unicode/utf8"
)

// printQuery prints the rows of query on an in-memory database.
func printQuery(t *testing.T, query string, opts PrintOptions) string {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b bytes.Buffer
	if err := Print(&b, rows, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// cellsQuery holds the cells that need care: formula-like text, a
// negative number, NULL and the empty string, a list, a text "NULL".
const cellsQuery = `SELECT * FROM (VALUES
	(1, '=HYPERLINK("http://x")', -5, NULL, ['a', 'b,c']),
	(2, '+1', 0, '', []::VARCHAR[]),
	(3, '-2', 1, 'NULL', NULL),
	(4, '@SUM(A1)', 2, e'\tx', ['=1']),
	(5, e'\rx', 3, 'plain', ['x'])
) AS t(id, text, n, maybe, list) ORDER BY id`

func TestPrintCSV(t *testing.T) {
	tests := []struct {
		name string
		opts PrintOptions
		want string
	}{
		{"default", PrintOptions{Format: "csv"}, `id,text,n,maybe,list
1,"'=HYPERLINK(""http://x"")",-5,,"[""a"",""b,c""]"
2,'+1,0,"",[]
3,'-2,1,NULL,
4,'@SUM(A1),2,'	x,"[""=1""]"
5,"'` + "\r" + `x",3,plain,"[""x""]"
`},
		{"null marker", PrintOptions{Format: "csv", Null: "NULL"}, `id,text,n,maybe,list
1,"'=HYPERLINK(""http://x"")",-5,NULL,"[""a"",""b,c""]"
2,'+1,0,"",[]
3,'-2,1,"NULL",NULL
4,'@SUM(A1),2,'	x,"[""=1""]"
5,"'` + "\r" + `x",3,plain,"[""x""]"
`},
		{"raw", PrintOptions{Format: "csv", CSVRaw: true}, `id,text,n,maybe,list
1,"=HYPERLINK(""http://x"")",-5,,"[""a"",""b,c""]"
2,+1,0,"",[]
3,-2,1,NULL,
4,@SUM(A1),2,	x,"[""=1""]"
5,"` + "\r" + `x",3,plain,"[""x""]"
`},
	}
	for _, tt := range tests {
		if got := printQuery(t, cellsQuery, tt.opts); got != tt.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
}

// TestPrintTypes: values whose Go type does not say what they are print
// as DuckDB shows them.
func TestPrintTypes(t *testing.T) {
	got := printQuery(t, `SELECT '00000000-0000-0000-0000-0000000000ff'::UUID AS u, '\xAA\x41\x5C'::BLOB AS b,
		INTERVAL '1 year 2 months 3 days 04:05:06.5' AS i, INTERVAL 0 DAY AS i0, -INTERVAL 90 MINUTE AS ineg,
		170141183460469231731687303715884105727::HUGEINT AS h, MAP {'k': 1, 'a': 2} AS m,
		TIMESTAMP '2023-06-29' AS ts, TIME '01:02:03.25' AS t, DATE '2023-06-29' AS d, [DATE '2023-06-29'] AS ld`,
		PrintOptions{Format: "csv"})
	want := `u,b,i,i0,ineg,h,m,ts,t,d,ld
00000000-0000-0000-0000-0000000000ff,\xAAA\x5C,1 year 2 months 3 days 04:05:06.5,00:00:00,-01:30:00,170141183460469231731687303715884105727,"{""k"":1,""a"":2}",2023-06-29T00:00:00Z,01:02:03.25,2023-06-29,"[""2023-06-29""]"
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	got = printQuery(t, "SELECT 170141183460469231731687303715884105727::HUGEINT AS h, MAP {'k': 1, 'a': 2} AS m", PrintOptions{Format: "json"})
	if !strings.Contains(got, `"h": 170141183460469231731687303715884105727,`) || !strings.Contains(got, `"m": {"k":1,"a":2}`) {
		t.Errorf("json:\n%s", got)
	}
}

func TestPrintJSON(t *testing.T) {
	got := printQuery(t, `SELECT 2 AS z, 'a<b' AS a, NULL AS m, ['x', NULL] AS l, DATE '2023-06-29' AS d,
		{'k': 1} AS s, 'nan'::DOUBLE AS f, 1.50::DECIMAL(4,2) AS dec`, PrintOptions{Format: "json"})
	want := `[
  {
    "z": 2,
    "a": "a<b",
    "m": null,
    "l": ["x",null],
    "d": "2023-06-29",
    "s": {"k":1},
    "f": "NaN",
    "dec": 1.5
  }
]
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got := printQuery(t, "SELECT 1 AS a WHERE false", PrintOptions{Format: "json"}); got != "[]\n" {
		t.Errorf("no rows: %q", got)
	}
}

func TestPrintTable(t *testing.T) {
	got := printQuery(t, `SELECT * FROM (VALUES
		('日本', 'x', ['a']),
		('ab', e'\x1b[2J\x1b]0;pwned\x07red', NULL),
		('ｱｲ', e'a\nb\tc' || chr(127) || chr(155) || chr(8238) || 'd', [])
	) AS t(name, note, list)`, PrintOptions{Format: "table", Null: "-"})
	// The note column is 17 wide (each control picture counts one), the
	// name column 4 (日本 and ｱｲ: wide counts two, halfwidth one).
	want := "name  note               list\n" +
		"日本  x                  [\"a\"]\n" +
		"ab    ␛[2J␛]0;pwned␇red  -\n" +
		"ｱｲ    a b c␡��d          []\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestPrintTableLongResult: past the first lines, rows are written as
// they come with the widths those lines set; a wider cell overflows.
func TestPrintTableLongResult(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT repeat('x', range::INT) AS x, range AS n FROM range(5)")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b bytes.Buffer
	p := &tablePrinter{w: &b, limit: 3}
	if err := printRows(rows, p); err != nil {
		t.Fatal(err)
	}
	// Three lines (the header and two rows) set the x column to 1.
	want := "x  n\n" +
		"   0\n" +
		"x  1\n" +
		"xx  2\n" +
		"xxx  3\n" +
		"xxxx  4\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestDisplayWidth(t *testing.T) {
	tests := map[string]int{"": 0, "abc": 3, "日本語": 6, "ｱｲｳ": 3, "ＡＢ": 4, "e\u0301": 1, "a\u200bb": 2, "🙂": 2}
	for s, want := range tests {
		if got := displayWidth(s); got != want {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

// FuzzTerminalSafe: whatever a notice holds, the table prints valid UTF-8
// with no control character, ESC, C1 control or bidirectional override.
func FuzzTerminalSafe(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred", "a\x9bb", "\u202egnp.exe", "\xff\xfe", "日本\n語"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := terminalSafe(s)
		if !utf8.ValidString(got) {
			t.Fatalf("terminalSafe(%q) = %q: not UTF-8", s, got)
		}
		for _, r := range got {
			if r != utf8.RuneError && unsafeRune(r) {
				t.Fatalf("terminalSafe(%q) = %q keeps %U", s, got, r)
			}
		}
		if utf8.ValidString(s) && !strings.ContainsFunc(s, unsafeRune) && got != s {
			t.Fatalf("terminalSafe(%q) = %q changed a safe string", s, got)
		}
	})
}
