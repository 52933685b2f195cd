package normalize

import (
	"testing"
	"unicode/utf8"
)

// TestDecodeRune: decodeRune is utf8.DecodeRuneInString for every byte at
// or above 0x80 followed by any two bytes, or by fewer at the end of the
// text.
func TestDecodeRune(t *testing.T) {
	buf := make([]byte, 3)
	for b0 := 0x80; b0 <= 0xFF; b0++ {
		buf[0] = byte(b0)
		for b1 := 0; b1 <= 0xFF; b1++ {
			buf[1] = byte(b1)
			for b2 := 0; b2 <= 0xFF; b2++ {
				buf[2] = byte(b2)
				s := string(buf)
				for _, text := range []string{s, s[:2]} {
					r, n := decodeRune(text, 0)
					wr, wn := utf8.DecodeRuneInString(text)
					if r != wr || n != wn {
						t.Fatalf("decodeRune(% x) = %U, %d; want %U, %d", text, r, n, wr, wn)
					}
				}
			}
		}
		if r, n := decodeRune(string(buf[:1]), 0); r != utf8.RuneError || n != 1 {
			t.Fatalf("decodeRune(% x) = %U, %d", buf[:1], r, n)
		}
	}
}
