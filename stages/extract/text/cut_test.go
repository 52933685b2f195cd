package text

import "testing"

func TestLooksCut(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"(氏名・生年月日・住所・", true},      // stops after a list separator
		{"紛失した名簿\n(氏名・生年月", true},   // inside a bracket, on the last line
		{"(3)利用決定通知書 1", true},      // right after a digit: the count may go on
		{"【情報件数:26件】\n2.原因", false}, // a heading is a whole line
		{"氏名、受給者番号等", false},
		{"(氏名・生年月日)【件数:5件】", false},
		{"ご迷惑をおかけしました。\n以上", false},
		{"(本文", true},
		{"", false},
	} {
		if got := LooksCut(c.s); got != c.want {
			t.Errorf("LooksCut(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

func TestCutClause(t *testing.T) {
	for _, c := range []struct {
		s    string
		want string // the clause left unread, "" for none
	}{
		{"ご連絡しており、また、電話番号のご登録", "電話番号のご登録"},
		{"ご連絡しており、電話番号", ""},            // a bare noun is a list item
		{"漏えいした内容:氏名、住所、続柄の記載された名", ""}, // a clause after a bare noun goes on with the list
		{"ご迷惑をおかけしました。", ""},            // a whole sentence
		{"対象の会員様には順次ご連絡しておりますので電話番号のご登録", "対象の会員様には順次ご連絡しておりますので電話番号のご登録"}, // one clause, cut
		{"流出した個人情報", ""}, // a heading
	} {
		got := ""
		if i := CutClause(Sentence{Text: c.s}); i >= 0 {
			got = c.s[i:]
		}
		if got != c.want {
			t.Errorf("CutClause(%q) leaves %q unread, want %q", c.s, got, c.want)
		}
	}
}

func TestCutShort(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"2024年5月10日、警察から、サイトの一部が改ざんされて", true},
		{"2024年5月10日、警察から連絡を受けました。", false},
		{"請求書用の氏名等とは異なります", false}, // finished, with no 。
		{"1.経緯", false}, // a heading
		{"漏えいした内容:氏名、住所、電話番号", false}, // ends on a noun
	} {
		if got := CutShort(Sentence{Text: c.s}); got != c.want {
			t.Errorf("CutShort(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
