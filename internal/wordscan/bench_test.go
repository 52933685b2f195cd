package wordscan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkEach scans the sample notices (testdata/corpus) for 100 words of
// the kind the extractors look for, most absent from most sentences.
func BenchmarkEach(b *testing.B) {
	files, _ := filepath.Glob("../../testdata/corpus/*.txt")
	var text strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text.Write(data)
	}
	if text.Len() == 0 {
		b.Fatal("no sample notices")
	}
	words := strings.Fields(`個人情報 漏えい 漏洩 流出 不正アクセス お詫び 誤送信 誤送付 紛失 盗難 ランサムウェア
		サイバー攻撃 被害 判明 発覚 閲覧 感染 迷惑メール なりすまし 再発防止 事案 不正利用 当社 弊社 本学
		個人情報保護委員会 障害 調査 第三者 不正ログイン フィッシング 窃取 置き忘れ 盗まれ 車上荒らし
		詐欺 遠隔操作 不具合 誤表示 氏名 住所 電話番号 メールアドレス 生年月日 クレジットカード
		カード番号 有効期限 セキュリティコード パスワード ID 口座番号 マイナンバー 健康保険証 病歴
		成績 顧客 会員 患者 児童 生徒 学生 職員 従業員 取引先 委託先 業務委託 サーバー システム
		ウイルス マルウェア Emotet 脆弱性 設定 誤り 送信 メール 添付 ファイル USB パソコン 書類
		名簿 リスト 件 名 人 約 以上 最大 可能性 おそれ 恐れ 確認 調査中 警察 報告 公表 お知らせ`)
	x := New(words)
	s := text.String()
	b.SetBytes(int64(len(s)))
	n := 0
	for b.Loop() {
		x.Each(s, func(_, _ int) { n++ })
	}
}
