package normalize

import "testing"

func TestWithoutPageFurniture(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"page numbers of one count are dropped, and a sentence broken by one goes on",
			"誤送信について\n令和6年6月4日、当社がお送りした会員205名へのメールで、各会員のアドレスが表示され\n1/3\n\fる誤送信が発生しました。\n経過は次のとおりです。\n2/3\n\f6月5日、お詫びのメールを送信しました。",
			"誤送信について\n令和6年6月4日、当社がお送りした会員205名へのメールで、各会員のアドレスが表示される誤送信が発生しました。\n経過は次のとおりです。\n6月5日、お詫びのメールを送信しました。"},
		{"one N/M line alone may be a date: kept",
			"経過\n1/3\n誤送信が発生しました。",
			"経過\n1/3\n誤送信が発生しました。"},
		{"a page's first line that repeats a line above is a running header",
			"漏えい事故についてのお詫び\n1 経過\n■令和4年2月9日(水)\n1/2\n\f漏えい事故についてのお詫び\n職員が書類を紛失しました。\n2/2",
			"漏えい事故についてのお詫び\n1経過\n■令和4年2月9日(水)\n職員が書類を紛失しました。"},
		{"a line that repeats one above without a page break is kept",
			"お詫び\n本文です。\nお詫び",
			"お詫び\n本文です。\nお詫び"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Text(tc.text); got != tc.want {
				t.Errorf("Text:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}
