// Command hostile writes the hostile corpora of `make bench-hostile`: inputs
// that once stalled a run or grew its memory past a gigabyte. Each corpus
// is a folder under -out:
//
//	kanji-line       a blog header line of 300 KB of kanji (a name run), then a notice
//	digit-line       a 900 KB line of digits, then a notice
//	html-empty-tags  one 60 MB HTML page of empty tags around one notice
//	jsonl-records    one 60 MB JSON Lines file of small records (~336k)
//	text-12x60       12 text files of 60 MB each: blog archives of the seed notices
//	header-only      10,000 blog headers with no body, and one notice
//	one-segment      one 60 MB text of notice prose with no header: nothing cuts it
//
//	go run ./bench/hostile -seeds testdata/corpus -out /tmp/hostile
//
// The output is deterministic. Sizes are decimal megabytes (60 MB is under
// the loader's 64 MiB file limit).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

const mb = 1000 * 1000

// notice is one short incident notice, the body the hostile lines sit on.
const notice = "このたび、当社が運営するオンラインショップにおいて第三者による不正アクセスを受け、" +
	"お客様の個人情報（氏名、住所、電話番号）1,234件が流出した可能性があることが判明いたしました。\n" +
	"2024年3月15日、決済代行会社からの連絡により本件が発覚しました。深くお詫び申し上げます。\n"

func main() {
	seeds := flag.String("seeds", "testdata/corpus", "folder of seed .txt files for the text archives")
	out := flag.String("out", "", "output folder (created; corpora are its subfolders)")
	only := flag.String("only", "", "comma-separated corpora to write (default: all)")
	flag.Parse()
	if *out == "" {
		fail(fmt.Errorf("-out is required"))
	}
	corpora := []struct {
		name  string
		write func(dir string) error
	}{
		{"kanji-line", kanjiLine},
		{"digit-line", digitLine},
		{"html-empty-tags", htmlEmptyTags},
		{"jsonl-records", jsonlRecords},
		{"text-12x60", func(dir string) error { return textArchives(dir, *seeds) }},
		{"header-only", headerOnly},
		{"one-segment", oneSegment},
	}
	for _, c := range corpora {
		if *only != "" && !strings.Contains(","+*only+",", ","+c.name+",") {
			continue
		}
		dir := filepath.Join(*out, c.name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fail(err)
		}
		if err := c.write(dir); err != nil {
			fail(fmt.Errorf("%s: %w", c.name, err))
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "hostile:", err)
	os.Exit(1)
}

// writeFile creates dir/name and fills it through fill.
func writeFile(dir, name string, fill func(w *bufio.Writer) error) error {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := fill(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// run writes s repeated until n bytes (whole repeats of s, then a prefix
// cut at a rune boundary).
func run(w *bufio.Writer, s string, n int) {
	for n >= len(s) {
		w.WriteString(s)
		n -= len(s)
	}
	cut := 0
	for i := range s {
		if i > n {
			break
		}
		cut = i
	}
	w.WriteString(s[:cut])
}

func kanjiLine(dir string) error {
	return writeFile(dir, "kanji.txt", func(w *bufio.Writer) error {
		w.WriteString("【セキュリティ事件簿#2024-001】")
		run(w, "東京都港区芝浦産業技術総合研究開発機構", 300*1000)
		w.WriteString(" 不正アクセスに関するお知らせ 2024年3月18日\n")
		w.WriteString(notice)
		return nil
	})
}

func digitLine(dir string) error {
	return writeFile(dir, "digits.txt", func(w *bufio.Writer) error {
		w.WriteString("不正アクセスに関するお知らせ\n")
		run(w, "0123456789", 900*1000)
		w.WriteString("\n" + notice)
		return nil
	})
}

func htmlEmptyTags(dir string) error {
	return writeFile(dir, "page.html", func(w *bufio.Writer) error {
		w.WriteString("<!DOCTYPE html><html><head><title>不正アクセスに関するお知らせ</title></head><body>\n")
		run(w, "<div></div><span></span><p></p><b></b>", 60*mb)
		w.WriteString("\n<p>" + strings.ReplaceAll(notice, "\n", "</p><p>") + "</p></body></html>\n")
		return nil
	})
}

func jsonlRecords(dir string) error {
	return writeFile(dir, "feed.jsonl", func(w *bufio.Writer) error {
		for i, n := 0, 0; n < 60*mb; i++ {
			rec := fmt.Sprintf(`{"text":"令和5年%d月%d日、当社において不正アクセスが発生し、お客様%d名の個人情報が漏えいした可能性があります。","url":"https://example.jp/n/%d"}`+"\n",
				1+i%12, 1+i%28, 10+i%990, i)
			w.WriteString(rec)
			n += len(rec)
		}
		return nil
	})
}

// textArchives writes 12 files of 60 MB each: the seed notices one after
// another, over and over, as a blog archive export.
func textArchives(dir, seeds string) error {
	paths, err := filepath.Glob(filepath.Join(seeds, "*.txt"))
	if err != nil || len(paths) == 0 {
		return fmt.Errorf("no seed .txt files in %s", seeds)
	}
	sort.Strings(paths)
	var all strings.Builder
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		all.Write(b)
		all.WriteString("\n\n")
	}
	for i := range 12 {
		err := writeFile(dir, fmt.Sprintf("archive-%02d.txt", i), func(w *bufio.Writer) error {
			run(w, all.String(), 60*mb)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func headerOnly(dir string) error {
	err := writeFile(dir, "headers.txt", func(w *bufio.Writer) error {
		for i := range 10000 {
			fmt.Fprintf(w, "【セキュリティ事件簿#%d-%03d】株式会社サンプル%d 不正アクセスに関するお知らせ %d年%d月%d日\n\n",
				2020+i%5, i%1000, i, 2020+i%5, 1+i%12, 1+i%28)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeFile(dir, "notice.txt", func(w *bufio.Writer) error {
		w.WriteString(notice)
		return nil
	})
}

func oneSegment(dir string) error {
	return writeFile(dir, "dump.txt", func(w *bufio.Writer) error {
		run(w, notice, 60*mb)
		return nil
	})
}
