package title

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/pageforms"
)

func TestNoticeBody(t *testing.T) {
	notice := "USBメモリの紛失について\n令和6年5月10日\n青葉市\n職員が個人情報を含むUSBメモリを紛失しました。\n関係者の皆様にお詫びします。"
	tests := []struct{ name, text, want string }{
		{"menus above, footer below", pageforms.Top + notice + pageforms.Foot, notice},
		{"a notice alone is left alone", notice, notice},
		{"one line", "職員が個人情報を含むUSBメモリを紛失しました。", "職員が個人情報を含むUSBメモリを紛失しました。"},
		{"a date opens the notice: kept", "本文へスキップ\n2024年6月3日\n" + notice, "2024年6月3日\n" + notice},
		{"a date after the menu is the notice's, no menu item",
			pageforms.Top + "令和6年5月10日\n(2024年)\n" + notice, "令和6年5月10日\n(2024年)\n" + notice},
		{"a link to the site's top names the site: kept", "佐賀県総合トップへ\n" + notice, "佐賀県総合トップへ\n" + notice},
		{"two short lines are a heading and its subtitle, not a menu",
			"青葉市立第一中学校\n校長 青葉太郎\n生徒の成績資料を誤って共有しました。",
			"青葉市立第一中学校\n校長 青葉太郎\n生徒の成績資料を誤って共有しました。"},
		{"a menu's last item that the text follows is the heading",
			"くらし・手続き\n子育て・教育\n青葉市立第一中学校\n生徒の成績資料を誤って共有しました。",
			"青葉市立第一中学校\n生徒の成績資料を誤って共有しました。"},
		{"a menu's last item that names a body above the notice's dateline is its letterhead",
			pageforms.Top + "青葉市上下水道局\n\n2019年5月17日 文書の誤送付について\n文書を誤って送付しました。",
			"青葉市上下水道局\n\n2019年5月17日 文書の誤送付について\n文書を誤って送付しました。"},
		{"a body's name, then its site's section, above the notice: the name is its letterhead",
			pageforms.Top + "青葉区社会福祉協議会\n\nインフォメーション\n\n申請書類の所在不明について\n2022年03月10日\n申請書類が所在不明となっています。",
			"青葉区社会福祉協議会\n\nインフォメーション\n\n申請書類の所在不明について\n2022年03月10日\n申請書類が所在不明となっています。"},
		{"nothing but chrome: whole", "本文へスキップ\nお知らせ一覧\n", "本文へスキップ\nお知らせ一覧\n"},
		{"a menu's bulleted items after a bulleted chrome line are the menu's",
			"• サイトマップ\n  • English\n\n文字の大きさ・色合い変更\n  • ふりがな表示\n\n  • トップページ\n  • 暮らし・手続き\n  • 健康・福祉\n  • 障害者\n\n" + notice,
			notice},
		{"a notice's own bulleted list is no menu",
			notice + "\n・氏名\n・住所\n・障害者手帳の等級",
			notice + "\n・氏名\n・住所\n・障害者手帳の等級"},
		{"an end line above the notice's running text is a side column's: nothing ends",
			"USBメモリの紛失について｜青葉市\nくらし・手続き\n関連リンク\n" + notice,
			"USBメモリの紛失について｜青葉市\nくらし・手続き\n関連リンク\n" + notice},
		{"a page top link between the notice's sections ends nothing",
			notice + "\nページの先頭へ戻る\n2.紛失した書類に記載された個人情報\n住所・氏名 93名分",
			notice + "\nページの先頭へ戻る\n2.紛失した書類に記載された個人情報\n住所・氏名 93名分"},
		{"the PDF viewer's note under a link in the notice's middle ends nothing",
			notice + "\n報道発表資料(PDF形式, 120KB)\nPDF形式のファイルをご覧いただく場合には、Adobe Readerが必要です。\n1.事案の概要\n2月10日、通報者から封筒が落ちているという連絡があり、紛失が判明しました。",
			notice + "\n報道発表資料(PDF形式, 120KB)\nPDF形式のファイルをご覧いただく場合には、Adobe Readerが必要です。\n1.事案の概要\n2月10日、通報者から封筒が落ちているという連絡があり、紛失が判明しました。"},
		{"a footer's sentences hold no word of the notice's: the end line ends it",
			notice + "\n関連情報\nより良いウェブサイトにするために、ページのご感想をお聞かせください。\n個人情報の取り扱いについて", notice},
		{"a page's feedback form ends the notice (its 情報 is no word of the notice's)",
			notice + "\nこのページの情報は役に立ちましたか\n役に立った\n役に立たなかった", notice},
		{"a side column's news list copied above the notice is chrome; the site's name above it stays",
			"青葉県\n新着情報\n2016年12月14日 県立高校における生徒の個人情報を含むUSBメモリの紛失について\n2016年12月9日 県立図書館の臨時休館のお知らせについて\n" + notice,
			"青葉県\n新着情報\n" + notice},
		{"a news item over the notice's own dated title, a dateline under it: the item goes",
			"2025年10月1日 区立中学校で生徒の個人情報を含む書類を紛失について\n2025年10月1日 区立小学校における個人情報の誤配信について\n更新日:2025年10月1日\n職員が個人情報を含むデータを誤って配信しました。",
			"2025年10月1日 区立小学校における個人情報の誤配信について\n更新日:2025年10月1日\n職員が個人情報を含むデータを誤って配信しました。"},
		{"the notice's own dated title, its heading repeated under it, stays",
			"2019年5月17日 水道使用開始の受付処理誤りに伴う文書の誤送付について\n\n水道使用開始の受付処理誤りに伴う文書の誤送付について\n文書を誤って送付しました。",
			"2019年5月17日 水道使用開始の受付処理誤りに伴う文書の誤送付について\n\n水道使用開始の受付処理誤りに伴う文書の誤送付について\n文書を誤って送付しました。"},
		{"a notice's own dated title over its letter's 記 stays",
			"令和4年6月20日 サイバー攻撃による被害について(第1報)\n記\n本院はランサムウェアによる侵入被害を受けました。",
			"令和4年6月20日 サイバー攻撃による被害について(第1報)\n記\n本院はランサムウェアによる侵入被害を受けました。"},
		{"a notice's own dated title over its first numbered section stays",
			"令和4年6月20日 サイバー攻撃による被害について(第1報)\n1 はじめに\n本院はランサムウェアによる侵入被害を受けました。",
			"令和4年6月20日 サイバー攻撃による被害について(第1報)\n1 はじめに\n本院はランサムウェアによる侵入被害を受けました。"},
		{"a dated title that opens the text, its letterhead under it, stays the notice's",
			"令和4年6月20日 サイバー攻撃による被害について(第1報)\n\n医療法人青葉会 青葉病院\n\n本院はランサムウェアによる侵入被害を受けました。",
			"令和4年6月20日 サイバー攻撃による被害について(第1報)\n\n医療法人青葉会 青葉病院\n\n本院はランサムウェアによる侵入被害を受けました。"},
		{"a dateline with its category in brackets is no news item",
			"2024.11.22[クラブからのお知らせ]\n\nメール誤送信による個人情報流出に関するお詫びとお知らせ\n日頃よりご支援をいただき、誠にありがとうございます。",
			"2024.11.22[クラブからのお知らせ]\n\nメール誤送信による個人情報流出に関するお詫びとお知らせ\n日頃よりご支援をいただき、誠にありがとうございます。"},
		{"a global menu of forty-five lines, one item a line, is chrome all the way down",
			strings.Repeat("くらし・手続き\n健康・福祉\n子育て・教育\n観光・文化\n市政情報\n", 9) + notice, notice},
		{"another news item copied below the notice is trimmed",
			notice + "\n2015年3月12日 お知らせ 第三者によるカード不正使用についてのご注意", notice},
		{"the notice's own timeline row at its end is no news item",
			notice + "\n令和6年5月12日 個人情報保護委員会へ報告", notice + "\n令和6年5月12日 個人情報保護委員会へ報告"},
		{"related news ends the notice, its abstract's words of a notice notwithstanding",
			notice + "\n関連ニュース\n委託先事業者におけるランサムウェア被害について(第3報)\n本市が業務を委託している事業者がランサムウェア攻撃を受けた件について、約2万人分の個人情報が流出したことが判明しました。",
			notice},
		{"a long report's numbered reference section is left out up to the next numbered section",
			notice + "\n6.参考:最近の不正アクセス事案について\n2017年4月24日、ある通販サイトでは、クレジットカード情報約72万件が流出しました。\n(1)国内の状況\n届出は年間3,000件を超えています。\n7.お問い合わせ先\n青葉市総務課",
			notice + "\n7.お問い合わせ先\n青葉市総務課"},
		{"a section number glued to its heading (a space dropped) is read too; a year is no section number",
			notice + "\n6参考\n2021年10月31日、他の病院がランサムウェアの攻撃を受けました。\n7今後の対応\n再発防止に努めます。",
			notice + "\n7今後の対応\n再発防止に努めます。"},
		{"an unnumbered reference section runs to a heading that resumes the notice",
			notice + "\n【参考】\n令和4年4月1日に改正個人情報保護法が施行されました。\n【お問い合わせ先】\n青葉市総務課",
			notice + "\n【お問い合わせ先】\n青葉市総務課"},
		{"a sentence that names 参考 is no reference heading",
			notice + "\n参考として、対象者の一覧を別紙に示します。", notice + "\n参考として、対象者の一覧を別紙に示します。"},
		{"a site header's office hours are chrome",
			"開庁時間:平日8時30分~17時15分\n" + notice, notice},
		{"a municipal site's top anchor and tool bar are chrome",
			"ページの先頭です\nメニューを飛ばして本文へ\n色合い 標準 青 黄 黒\nEnglish 中文 한국어\nサイト内検索\n" + notice, notice},
		{"a breadcrumb filed under a year's section is chrome",
			"ホーム > 市政情報 > 報道発表 > 令和7年度\n" + notice, notice},
		{"a breadcrumb with a day may end in the notice's dated title: kept",
			"ホーム > 報道発表 > 2024年5月10日 USBメモリの紛失について\n" + notice, "ホーム > 報道発表 > 2024年5月10日 USBメモリの紛失について\n" + notice},
		{"the PDF viewer's notice ends the notice, its dateline the last line again",
			notice + "\n2024年5月10日\nPDF形式のファイルをご覧いただく場合には、Adobe社が提供するAdobe Readerが必要です。\nAdobe Readerをお持ちでない方は、バナーのリンク先からダウンロードしてください。",
			notice + "\n2024年5月10日"},
		{"a footer of links that no end line opens is trimmed from the bottom",
			notice + "\nサイトマップ\n個人情報の取り扱い\nリンク・著作権・免責事項", notice},
		{"a footer's credit line stays: it names the site's owner",
			notice + "\nサイトマップ\n個人情報の取り扱い\nCopyright © 青葉市 All Rights Reserved.",
			notice + "\nCopyright © 青葉市 All Rights Reserved."},
		{"menu words alone close no notice: a foot line must be in the run",
			notice + "\nサイトマップ", notice + "\nサイトマップ"},
		{"footer links above the notice's last line are the notice's",
			notice + "\n個人情報の取り扱い\n関係者の皆様にお詫びします。", notice + "\n個人情報の取り扱い\n関係者の皆様にお詫びします。"},
		{"a footer's heading before the notice is chrome, not its end",
			"このページに関するお問い合わせ\n" + notice, notice},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := NoticeBody(tc.text); got != tc.want {
				t.Errorf("NoticeBody:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestNoticeBodyTitle: the title of a notice copied with its page is the
// notice's own.
func TestNoticeBodyTitle(t *testing.T) {
	text := pageforms.Top + "職員が個人情報を含むUSBメモリを紛失しました。\n関係者の皆様にお詫びします。" + pageforms.Foot
	if got := Of(strings.Split(text, "\n")); got != "職員が個人情報を含むUSBメモリを紛失しました。" {
		t.Errorf("title %q", got)
	}
}

func FuzzNoticeBody(f *testing.F) {
	f.Add(pageforms.Top + "通知表の紛失について\n本文です。" + pageforms.Foot)
	f.Add("くらし\n子育て\n健康\n")
	f.Fuzz(func(t *testing.T, text string) {
		body := NoticeBody(text)
		if !strings.Contains(text, body) {
			t.Fatalf("the body is not a part of the text: %q of %q", body, text)
		}
		if strings.TrimSpace(text) != "" && strings.TrimSpace(body) == "" {
			t.Fatalf("an empty body of %q", text)
		}
	})
}

// TestWithoutReferenceSections: the pipeline cuts a quoted report's reference
// sections under a blog header too, where NoticeBody is not called.
func TestWithoutReferenceSections(t *testing.T) {
	in := "【セキュリティ事件簿#2023-299】青葉病院 不正アクセスについて 2023/5/1\n当院は不正アクセスを受けました。\n第6 参考\n2021年10月31日、他の病院が攻撃を受けました。\n第7 お問い合わせ窓口\n総務課"
	want := "【セキュリティ事件簿#2023-299】青葉病院 不正アクセスについて 2023/5/1\n当院は不正アクセスを受けました。\n第7 お問い合わせ窓口\n総務課"
	if got := WithoutReferenceSections(in); got != want {
		t.Errorf("WithoutReferenceSections:\n got %q\nwant %q", got, want)
	}
}
