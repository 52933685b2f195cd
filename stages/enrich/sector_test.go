package enrich

import (
	"strings"
	"testing"
)

func TestSector(t *testing.T) {
	s := NewSectors()
	tests := []struct {
		name, org, text, want string
	}{
		{"prefecture", "○○県", "", "S"},
		{"specific word beats a generic suffix", "株式会社さくら不動産販売", "", "K"},
		{"consumers' co-op", "架空生活協同組合", "", "I"},
		{"agricultural co-op", "架空農業協同組合", "", "Q"},
		{"suffix beats a shorter contained word", "架空大学病院", "", "P"},
		{"city", "××市", "", "S"},
		{"town", "△△町", "", "S"},
		{"school board", "□□県教育委員会", "", "S"},
		{"prefectural police", "□□県警察", "", "S"},
		{"ministry", "環境省", "", "S"},
		{"hospital", "医療法人社団青葉会みどり病院", "", "P"},
		{"university hospital", "架空大学医学部附属病院", "", "P"},
		{"clinic", "さくらクリニック", "", "P"},
		{"welfare council", "架空市社会福祉協議会", "", "P"},
		{"university", "国立大学法人架空大学", "", "O"},
		{"high school", "架空県立北高等学校", "", "O"},
		{"cram school", "株式会社架空ゼミ", "当社が運営する学習塾の生徒の成績表を紛失しました。", "O"},
		{"bank", "架空銀行", "", "J"},
		{"shinkin", "架空信用金庫", "", "J"},
		{"insurer", "架空生命保険株式会社", "", "J"},
		{"hotel", "ホテル架空", "", "M"},
		{"web shop by text", "株式会社架空", "当社が運営するオンラインショップへの不正アクセスにより、オンラインショップでご注文のお客様の情報が流出しました。", "I"},
		{"restaurant by text", "株式会社架空フーズ", "餃子専門店の公式アプリ会員の皆様へ。飲食店の予約情報が閲覧可能でした。", "M"},
		{"government by text", "", "市職員が誤って送信しました。本市として再発防止に努めます。", "S"},
		{"department by text", "", "総務部安全安心課において、市民の名簿を誤送信しました。", "S"},
		{"own loans by text", "株式会社架空", "弊社のローンなど各種サービスへの影響はありません。", "J"},
		{"own web shop by text", "", "この度、弊社オンラインショップにおいて不正アクセスがありました。", "I"},
		{"run by the body", "", "当協会が運営する通販サイトへの不正アクセスについて", "I"},
		{"shop words alone are not enough", "", "オンラインショップで使えるクーポン", ""},
		{"department as subject, care words of the city", "", "福祉部高齢支援課におきまして、居宅介護支援事業所に介護保険の被保険者番号と要介護度を含む名簿を誤送信しました。", "S"},
		{"hospital by text", "", "当院の患者様の診療情報を含む書類を紛失しました。", "P"},
		{"csv, name does not tell", "株式会社NTTドコモ", "", "G"},
		{"csv, legal form ignored", "トヨタ自動車株式会社", "", "E"},
		{"unknown firm, no text", "株式会社架空", "", ""},
		{"nothing", "", "お知らせです。", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Sector(tt.org, tt.text); got != tt.want {
				t.Errorf("Sector(%q, %q) = %q, want %q", tt.org, tt.text, got, tt.want)
			}
		})
	}
}

func TestSectorsLoad(t *testing.T) {
	s := NewSectors()
	err := s.Load(strings.NewReader("# my list\n株式会社架空物流,H\n\n架空ソフト, g\n"), "mine.csv")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Sector("架空物流", ""); got != "H" {
		t.Errorf("loaded entry: got %q, want H", got)
	}
	if got := s.Sector("架空ソフト株式会社", ""); got != "G" {
		t.Errorf("lower-case letter: got %q, want G", got)
	}
	for _, tt := range []struct{ in, want string }{
		{"架空商事,Z\n", `mine.csv:1: want "organization,JSIC letter A-T", got "架空商事,Z"`},
		{"# ok\n架空商事\n", `mine.csv:2: want "organization,JSIC letter A-T", got "架空商事"`},
		{"架空商事,IJ\n", `mine.csv:1: want "organization,JSIC letter A-T", got "架空商事,IJ"`},
	} {
		err := NewSectors().Load(strings.NewReader(tt.in), "mine.csv")
		if err == nil || err.Error() != tt.want {
			t.Errorf("Load(%q) error = %v, want %s", tt.in, err, tt.want)
		}
	}
}

func TestBundledOrganizations(t *testing.T) {
	s := &Sectors{known: map[string]string{}}
	if err := s.Load(strings.NewReader(bundledOrganizations), "organizations.csv"); err != nil {
		t.Fatal(err)
	}
	if len(s.known) < 50 {
		t.Errorf("bundled table has %d organizations", len(s.known))
	}
}
