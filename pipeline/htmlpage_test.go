package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/pageforms"
)

// signedNotice is a hospital's letter: dated in its first line, signed
// at its foot. A page's menu above pushed its date past the lines a
// letterhead's date is read from.
const signedNotice = "令和6年5月10日\n(2024年)\n個人情報を含む書類の盗難のお詫び\n" +
	"この度、当院におきまして、患者さんの個人情報を含む書類の盗難事案が発生いたしました。\n" +
	"対象の患者さんには個別に連絡し、お詫びを申し上げております。\n" +
	"今後は書類の管理を徹底し、再発防止に取り組んでまいります。\n" +
	"青葉市立青葉病院\n病院長 青葉太郎\n"

// TestHTMLPageExtractsAsItsText: a notice on a web page, menus and all,
// gives the fields its text alone gives, as HTML and as a copy of the
// page's text. The sample corpus's notices without a blog header (own
// pages) are run as text, as pages and as copies of two sites' pages
// (pageforms.Copy, pageforms.CMS); a menu item (お知らせ
// 一覧) once became their title, and the menu above them and the footer
// below cost their organization and dates.
func TestHTMLPageExtractsAsItsText(t *testing.T) {
	dir := t.TempDir()
	texts, pages, copies := filepath.Join(dir, "texts"), filepath.Join(dir, "pages"), filepath.Join(dir, "copies")
	cms := filepath.Join(dir, "cms")
	for _, d := range []string{texts, pages, copies, cms} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	// And a hospital's letter, dated at its head and signed at its foot.
	signed := filepath.Join(dir, "signed.txt")
	if err := os.WriteFile(signed, []byte(signedNotice), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, signed)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := strings.ReplaceAll(string(b), "\r\n", "\n")
		if strings.Contains(src, "【セキュリティ事件簿") {
			continue // a blog archive: its header, not a page, says what it is
		}
		n++
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		for _, form := range []struct{ dir, ext, text string }{
			{texts, ".txt", src},
			{pages, ".html", pageforms.Page(src)},
			{copies, ".txt", pageforms.Copy(src)},
			{cms, ".txt", pageforms.CMS(src)},
		} {
			if err := os.WriteFile(filepath.Join(form.dir, name+form.ext), []byte(form.text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n == 0 {
		t.Fatalf("no notice without a blog header in %s", corpus)
	}
	const fields = `SELECT regexp_replace(source_path, '\.(txt|html)$', '') AS file, segment_index, is_incident,
		report_seq, organization, published_date, discovered_date, occurred_date, affected_count,
		cause, data_types, title FROM notices ORDER BY ALL`
	var got [4][]string
	for i, in := range []string{texts, pages, copies, cms} {
		out := filepath.Join(dir, "out-"+filepath.Base(in))
		run(t, out, 2, in)
		got[i] = rowsJSON(t, open(t, out), fields)
	}
	for k, as := range []string{"", "as a page", "as a copy of the page's text", "as a copy of another CMS's page"} {
		if k == 0 {
			continue
		}
		if len(got[0]) != len(got[k]) {
			t.Fatalf("%d notices from the texts, %d %s", len(got[0]), len(got[k]), as)
		}
		for i := range got[0] {
			if got[0][i] != got[k][i] {
				t.Errorf("as text:\n%s\n%s:\n%s", got[0][i], as, got[k][i])
			}
		}
	}
}
