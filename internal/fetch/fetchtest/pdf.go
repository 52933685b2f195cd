// Package fetchtest makes test inputs for breachtrend fetch and the loader:
// PDFs whose text is Japanese, in the shape municipal notices come in.
package fetchtest

import (
	"bytes"
	"fmt"
	"unicode/utf16"
)

// PDF returns a PDF of the given lines, 40 lines a page, set in a
// non-embedded Japanese CID font (Type0, Identity-H) whose characters are
// known only through a ToUnicode CMap: the way most Japanese PDFs carry
// their text, and the case a text extractor must get right. Each distinct
// character gets its own CID, in order of first use, so the content
// streams hold glyph ids, not Unicode.
func PDF(lines []string) []byte {
	cids := map[rune]int{}
	var order []rune
	var pages []string
	var page bytes.Buffer
	for i, line := range lines {
		if i%40 == 0 {
			if i > 0 {
				pages = append(pages, page.String()+"ET\n")
				page.Reset()
			}
			page.WriteString("BT\n/F1 10.5 Tf\n14 TL\n50 800 Td\n")
		}
		page.WriteString("<")
		for _, r := range line {
			cid, ok := cids[r]
			if !ok {
				cid = len(order) + 1
				cids[r] = cid
				order = append(order, r)
			}
			fmt.Fprintf(&page, "%04X", cid)
		}
		page.WriteString("> Tj T*\n")
	}
	pages = append(pages, page.String()+"ET\n")

	var cmap bytes.Buffer
	cmap.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 0; start < len(order); start += 100 {
		chunk := order[start:min(start+100, len(order))]
		fmt.Fprintf(&cmap, "%d beginbfchar\n", len(chunk))
		for i, r := range chunk {
			fmt.Fprintf(&cmap, "<%04X> <", start+i+1)
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&cmap, "%04X", u)
			}
			cmap.WriteString(">\n")
		}
		cmap.WriteString("endbfchar\n")
	}
	cmap.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")

	// Objects: 1 catalog, 2 pages, 3 Type0 font, 4 CID font, 5 ToUnicode,
	// then a page and its content stream for each page.
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"", // the page tree, filled in below
		"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /DW 1000 >>",
		stream(cmap.String()),
	}
	var kids bytes.Buffer
	for _, content := range pages {
		n := len(objs) + 1
		fmt.Fprintf(&kids, "%d 0 R ", n)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", n+1),
			stream(content))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), len(pages))

	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return out.Bytes()
}

func stream(data string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(data), data)
}
