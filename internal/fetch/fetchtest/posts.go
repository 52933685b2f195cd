package fetchtest

import (
	"fmt"
	"time"
)

// Notice is the text of a numbered blog post about one incident: the
// organization, the count and the cause stated the way notices state them.
func Notice(caseNo int, org string, count int, day time.Time) (title, html string) {
	title = fmt.Sprintf("【セキュリティ事件簿#%d-%03d】%s 不正アクセスによる個人情報漏えいのお知らせ %d年%d月%d日",
		day.Year(), caseNo, org, day.Year(), int(day.Month()), day.Day())
	found := day.AddDate(0, 0, -10)
	html = fmt.Sprintf(`<div class="separator"></div><p>このたび、%sが運営するオンラインショップにおいて、第三者による不正アクセスを受け、`+
		`お客様の個人情報%s件が漏えいした可能性があることが判明いたしました。</p>`+
		`<p>%d年%d月%d日、サーバーの不審な挙動を検知し、調査を開始いたしました。</p><script>var x = "<p>広告</p>";</script>`+
		`<p>漏えいした可能性のある情報は、氏名、住所、電話番号、メールアドレスです。<br>お客様には深くお詫び申し上げます。</p>`,
		org, commas(count), found.Year(), int(found.Month()), found.Day())
	return title, html
}

func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Posts is a blog of n numbered posts, one a day from 2024-05-01 (JST),
// plus one post without a case number (a blog announcement) in the middle.
func Posts(n int) []Post {
	var posts []Post
	base := time.Date(2024, 5, 1, 9, 30, 0, 0, jst)
	for i := range n {
		day := base.AddDate(0, 0, i)
		title, html := Notice(101+i, fmt.Sprintf("株式会社テスト商事%d", i+1), 1000+i, day)
		posts = append(posts, Post{ID: 9000 + i, Title: title, HTML: html, Published: day, Updated: day.Add(time.Hour),
			Labels: []string{"不正アクセス", "個人情報"}, Path: fmt.Sprintf("/2024/05/2024-%03d.html", 101+i)})
		if i == n/2 {
			posts = append(posts, Post{ID: 8000, Title: "ブログ更新のお知らせ", HTML: "<p>いつもご覧いただきありがとうございます。</p>",
				Published: day.Add(time.Minute), Updated: day.Add(time.Minute), Path: "/2024/05/blog-news.html"})
		}
	}
	return posts
}
