package extract

import (
	"context"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// TestPageNamesTheBody: a notice cut from a page (Input.Page) that names
// no organization is read again with the page, whose banner names the
// body; the notice's own name wins over the page's; with no page, none.
func TestPageNamesTheBody(t *testing.T) {
	const banner = "ページの先頭です\n奈良県広域消防組合\n現在位置\nホーム > 組合について\n"
	const body = "個人情報が記載された文書の紛失について\nこのたび、組合において、個人情報が記載された文書を紛失したことが判明いたしました。\n組合といたしましては、再発防止に努めてまいります。"
	const named = "個人情報の紛失について\n大和郡山市において、個人情報が記載された文書を紛失したことが判明しました。\n市といたしましては、再発防止に努めてまいります。"
	// A prefecture's page that names a ministry it works for, its own name
	// only in the breadcrumb; and a page that calls itself 省.
	const crumbs = "ホーム > 栃木県記者発表資料 > 個人情報が含まれる書類の紛失について\n"
	const ministry = "個人情報が含まれる書類の紛失について\n県が行う統計の業務において、個人情報が含まれる書類を紛失しました。\n厚生労働省の人口動態調査の基礎資料となる届出の写しを、市から受領していました。\n厚生労働省の調査に用いる書類です。"
	const ministryOwn = "個人情報が含まれる書類の紛失について\n当省の統計の業務において、個人情報が含まれる書類を紛失しました。\n厚生労働省の人口動態調査の基礎資料となる届出の写しです。\n厚生労働省の調査に用いる書類です。"
	for _, c := range []struct {
		name string
		in   Input
		want string
	}{
		{"page names the body", Input{Text: body, Page: banner + body}, "奈良県広域消防組合"},
		{"no page", Input{Text: body}, ""},
		{"the notice's own name wins", Input{Text: named, Page: banner + named}, "大和郡山市"},
		{"a ministry named on a government's page", Input{Text: ministry, Page: crumbs + ministry}, "栃木県"},
		{"a ministry's own page", Input{Text: ministryOwn, Page: crumbs + ministryOwn}, "厚生労働省"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var n schemas.Notice
			if err := New().Extract(context.Background(), c.in, &n); err != nil {
				t.Fatal(err)
			}
			if n.Organization != c.want {
				t.Errorf("organization = %q (evidence %q), want %q", n.Organization, n.OrganizationEvidence, c.want)
			}
		})
	}
}
