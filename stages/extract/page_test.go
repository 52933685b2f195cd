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
	for _, c := range []struct {
		name string
		in   Input
		want string
	}{
		{"page names the body", Input{Text: body, Page: banner + body}, "奈良県広域消防組合"},
		{"no page", Input{Text: body}, ""},
		{"the notice's own name wins", Input{Text: named, Page: banner + named}, "大和郡山市"},
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
