package extract

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/normalize"
)

var update = flag.Bool("update", false, "rewrite the .golden files of testdata/extract")

// checkGolden compares got with the .golden file beside fixture (its .txt
// replaced), or rewrites that file when rewrite is set; flag names the
// flag that does.
func checkGolden(t *testing.T, fixture, got string, rewrite bool, flag string) {
	t.Helper()
	golden := strings.TrimSuffix(fixture, ".txt") + ".golden"
	if rewrite {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run Golden %s)", err, flag)
	}
	if got != string(want) {
		t.Errorf("%s differs from its golden file:\n%s\nwant:\n%s", fixture, got, want)
	}
}

// orgOf runs organization on an invented notice, normalized as the
// pipeline does: a first line 【セキュリティ事件簿#…】 is the blog header.
func orgOf(text string) (string, string) {
	text = normalize.Text(text)
	header := ""
	if first, _, _ := strings.Cut(text, "\n"); strings.HasPrefix(first, "【セキュリティ事件簿") {
		if _, rest, ok := strings.Cut(first, "】"); ok {
			header = strings.TrimSpace(rest)
		}
	}
	return organization(nil, header, splitSentences(text), strings.Split(text, "\n"))
}

func TestOrganization(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		// Blog headers, whose space between name and title the normalizer may drop.
		{"listed company, header glued", "【セキュリティ事件簿#2024-101】架空テック株式会社当社サーバへの不正アクセスについて 2024年5月1日\n当社サーバが攻撃を受けました。", "架空テック株式会社"},
		{"web shop, header with space", "【セキュリティ事件簿#2024-102】株式会社ミライ商店 弊社オンラインショップへの不正アクセスについて\n弊社が運営するサイトで…", "株式会社ミライ商店"},
		{"web shop, katakana name then title", "【セキュリティ事件簿#2024-103】株式会社ミライ商店不正アクセスに関するお知らせ\nこの度、弊社サーバーに不正アクセスがありました。", "株式会社ミライ商店"},
		{"prefecture, title starts 県が", "【セキュリティ事件簿#2024-104】青葉県県が運営するサイトにおける個人情報の流出について\n県が運営するサイトで…", "青葉県"},
		{"hospital header", "【セキュリティ事件簿#2024-105】港中央病院患者さんの個人情報を含む書類の紛失について\n当院において書類を紛失しました。", "港中央病院"},
		{"university hospital not cut", "【セキュリティ事件簿#2024-106】青葉大学病院におけるUSBメモリの紛失について\n青葉大学病院の医師が紛失しました。", "青葉大学病院"},
		{"regulator about a company", "【セキュリティ事件簿#2024-107】個人情報保護委員会株式会社サンプル物流による個人データの漏えい等事案に対する行政上の対応について\n個人情報保護委員会は、株式会社サンプル物流に対し指導を行った。", "株式会社サンプル物流"},
		{"bracketed product after the name", "【セキュリティ事件簿#2024-108】SAMPLEX【ミライ請求】顧客情報流出に関するご報告\n本サービスで…", "SAMPLEX"},
		// 以下「当社」 sentences.
		{"以下「当社」", "株式会社サンプルネット(以下「当社」といいます。)は、当社サーバーが第三者による不正アクセスを受けたことを確認しました。", "株式会社サンプルネット"},
		{"以下「本学」", "学校法人青葉学園(以下「本学」)のメールサーバーが不正に利用されました。", "学校法人青葉学園"},
		// Lines that are only a name: datelines and signatures.
		{"city dateline", "個人情報の漏えいについて\n令和6年4月1日\n青葉市\n担当 総務部情報政策課\n本市職員が誤ってメールを送信しました。", "青葉市"},
		{"university signature with president", "メールの誤送信について\n2024年6月1日\n架空学園大学\n学長 佐藤一郎\nこのたび、本学職員が誤ってメールを送信しました。", "架空学園大学"},
		{"mayor's signature", "このたびは誠に申し訳ございませんでした。\n本市として再発防止に努めます。\n青葉市長 山田太郎", "青葉市"},
		{"government department line", "公用車からの盗難について\n本日、盗難被害が発生しました。\n青葉県環境部廃棄物対策課\n電話 000-000-0000", "青葉県"},
		{"school line", "生徒の個人情報を含む書類の紛失について\n青葉県立北高等学校\n第1学年の担任教諭が書類を紛失しました。", "青葉県立北高等学校"},
		{"title line ending in the name", "事故から学ぶ\n預金口座の申込書の紛失について 青葉信用金庫\n当金庫が保有する書類を紛失しました。", "青葉信用金庫"},
		{"dated title line", "令和6年3月1日 港大学医学部附属病院 患者さんの情報を含むUSBメモリの紛失について 本院の医師がUSBメモリを紛失しました。", "港大学医学部附属病院"},
		{"breadcrumb of the site", "1. ミライFX!トップ\n  2. お客さま情報の流出について\nこの度、弊社元従業員がお客さまの情報を持ち出しました。", "ミライFX"},
		{"breadcrumb of a city site", "青葉市トップページ > 報道発表 > 個人情報の漏えいについて\n職員が誤ってメールを送信しました。", "青葉市"},
		{"breadcrumb of no name", "トップページ > 報道発表 > 個人情報の漏えいについて\n職員が誤ってメールを送信しました。", ""},
		{"field label is not a name", "事故概要\n業種 病院\n発生時期 2018/12/27", ""},
		// The subject of the first sentences, and the body named most often.
		{"subject において", "港保健福祉事務所において、職員が個人情報を含む書類を紛失しました。", "港保健福祉事務所"},
		{"named twice in the text", "調査員が書類を紛失しました。\n- 青葉市の調査員が訪問調査を行った。\n- 青葉市へ紛失を報告した。", "青葉市"},
		// Do not invent.
		{"only 本市", "本市職員が誤ってメールを送信しました。本市として再発防止に努めます。", ""},
		{"only 当社", "当社のサーバーが不正アクセスを受けました。\n当社は調査を進めております。", ""},
		{"a kind of school is no one", "市内小学校におけるUSBメモリ紛失について\n市内小学校の教員がUSBメモリを紛失しました。", ""},
		{"an address is no holder", "当社のサーバーが不正アクセスを受けました。\n〒100-0001 東京都千代田区1-1\n〒100-0001 東京都千代田区1-1 TEL 03-0000-0000", ""},
		{"a deputy mayor is no city", "お詫び申し上げます。\n副市長 山田太郎", ""},
		{"outside bodies are not holders", "個人情報保護委員会へ報告いたしました。\n独立行政法人情報処理推進機構も注意喚起を行っています。", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, ev := orgOf(tt.text); got != tt.want {
				t.Errorf("organization = %q (evidence %q), want %q", got, ev, tt.want)
			}
		})
	}
}

// TestOrganizationGolden reads whole invented notices from
// testdata/extract/org/*.txt; run with -update to rewrite the .golden files.
func TestOrganizationGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "extract", "org", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			org, ev := orgOf(string(b))
			checkGolden(t, f, "organization: "+org+"\nevidence: "+ev+"\n", *update, "-update")
		})
	}
}
