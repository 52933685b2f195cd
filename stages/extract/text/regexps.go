package text

import "regexp"

var (
	headingNumber = regexp.MustCompile(`^(\d{1,2}[.)、]|\(\d{1,2}\)|[一二三四五六七八九十]+[、.]|第\d+|[IVX]+\.)\s*\S`)
	itemNumber    = regexp.MustCompile(`^(\(\d{1,2}\)|\d{1,2}\)|[a-z]\))`)
)
