package enrich

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
)

func TestOrgKeyVariants(t *testing.T) {
	same := [][]string{
		{"北海道大学病院", "北海道大病院", "国立大学法人北海道大学病院", "北海道 大学病院"},
		{"国立大学法人架空大学", "架空大学", "架空 大学"},
		{"架空大学医学部附属病院", "架空大学病院", "架空大病院", "架空大学附属病院"},
		{"株式会社架空商事", "架空商事株式会社", "(株)架空商事", "㈱架空商事", "架空商事"},
		{"NTT西日本", "西日本電信電話株式会社"},
		{"個人情報保護委員会", "PPC"},
	}
	for _, names := range same {
		want := OrgKey(names[0])
		for _, n := range names[1:] {
			if got := OrgKey(n); got != want {
				t.Errorf("OrgKey(%q) = %q, want %q (as %q)", n, got, want, names[0])
			}
		}
	}
	for _, pair := range [][2]string{{"架空大学", "架空大学病院"}, {"北海道", "北海道大学"}, {"大病院", "大学病院"}} {
		if OrgKey(pair[0]) == OrgKey(pair[1]) {
			t.Errorf("%q and %q share a key", pair[0], pair[1])
		}
	}
}

func TestReadAliasesRejectsBadLines(t *testing.T) {
	for _, bad := range [][]string{{"同じ", "同じ"}, {"株式会社", "空"}, {"架空商事", "架空商事株式会社"}} {
		row := rules.Row{File: "organization/aliases.tsv", Line: 7, Fields: bad}
		if _, err := readAliases([]rules.Row{row}); err == nil || !strings.Contains(err.Error(), "organization/aliases.tsv:7") {
			t.Errorf("readAliases(%q) = %v, want an error at organization/aliases.tsv:7", bad, err)
		}
	}
}

func TestSupervisedBody(t *testing.T) {
	tests := []struct{ name, org, title, text, want string }{
		{"the Commission about a company's leak", "個人情報保護委員会",
			"個人情報保護委員会 架空自動車株式会社による個人データの漏えい等事案に対する個人情報の保護に関する法律に基づく行政上の対応について 2023年7月12日",
			"当委員会は、架空自動車株式会社に対し、指導を行った。", "架空自動車株式会社"},
		{"a leak word of text/leak_words.tsv after による", "個人情報保護委員会", "架空証券株式会社による顧客情報の漏れについて", "", "架空証券株式会社"},
		{"a financial regulator's order to a bank", "関東財務局", "架空銀行に対する業務改善命令について", "", "架空銀行"},
		{"a ministry's own breach", "厚生労働省", "厚生労働省 迷惑メールの送信事案の発生について",
			"厚生労働省のメール中継サーバを利用した海外からの電子メールの不正な中継が発生しました。", ""},
		{"not a regulator", "架空市", "架空商事株式会社による個人情報の漏えいについて", "", ""},
		{"a regulator naming no organization", "個人情報保護委員会", "職員による個人情報の漏えい事案について", "", ""},
	}
	for _, tt := range tests {
		if got := SupervisedBody(tt.org, tt.title, tt.text); got != tt.want {
			t.Errorf("%s: SupervisedBody = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRegulatorNoticeNamesTheBody(t *testing.T) {
	n := &schemas.Notice{IsIncident: true, Organization: "個人情報保護委員会", Cause: "misconfiguration",
		Title: "個人情報保護委員会 架空自動車株式会社による個人データの漏えい等事案に対する行政上の対応について",
		Text:  "架空自動車株式会社のクラウド環境の誤設定により、約230万人分の車両データが外部から閲覧可能な状態でした。"}
	New().Notice(n)
	if n.Organization != "架空自動車株式会社" || n.Sector != "E" || n.OrganizationKey != "架空自動車" {
		t.Errorf("organization %q key %q sector %q: want the company, not the regulator", n.Organization, n.OrganizationKey, n.Sector)
	}
}

func TestContractor(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"in parentheses after the contractor", "納税通知書の印刷業務を委託している事業者(株式会社架空印刷)から、ランサムウェアの被害を受けたとの報告がありました。", "株式会社架空印刷"},
		{"a branch office dropped", "印刷業務を委託している事業者(株式会社架空印刷広島支店)から報告がありました。", "株式会社架空印刷"},
		{"a subcontractor named as such", "運用業務を受託している事業者の再委託先である株式会社架空印刷(以下「再委託先」)において被害が発生", "株式会社架空印刷"},
		{"legal form after the name, with a space", "当社がネットワークの保守運用を委託している ABC コミュニケーションズ株式会社(以下「保守委託先」)が管理する装置", "ABC コミュニケーションズ株式会社"},
		{"under a heading", "2.業務委託先\n株式会社架空印刷(本社:京都市)", "株式会社架空印刷"},
		{"the work given to a company", "運営業務を株式会社架空コール(以下「委託事業者」という。)に委託していますが、従業者が情報を持ち出しました。", "株式会社架空コール"},
		{"a contractor unnamed", "本市が印刷業務を委託している事業者のサーバーがランサムウェアに感染しました。", ""},
		{"no contractor at all", "当社のサーバーが不正アクセスを受けました。", ""},
		{"a title word before とある", "書類に委託業者とある株式会社架空印刷の件", "株式会社架空印刷"},
		{"the second title word names one", "委託先である当社の調査、および受託者である架空印刷株式会社が確認", "架空印刷株式会社"},
		{"である after no title word", "委託した件である株式会社架空印刷が", "株式会社架空印刷"},
	}
	for _, tt := range tests {
		if got := Contractor(tt.text); got != tt.want {
			t.Errorf("%s: Contractor = %q, want %q", tt.name, got, tt.want)
		}
		checkContractor(t, tt.text)
	}
}

// contractorOracle is Contractor trying every pattern on the whole text: a
// pattern tried only where its matches may start finds the same match.
func contractorOracle(text string) string { return contractor(text, false) }

func checkContractor(t *testing.T, text string) {
	if got, want := Contractor(text), contractorOracle(text); got != want {
		t.Errorf("Contractor(%q) = %q, trying every pattern gives %q", text, got, want)
	}
}
