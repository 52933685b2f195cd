package normalize

import (
	"fmt"
	"os"
	"testing"
)

func TestZZWidths(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("ZZ"))
	fmt.Println(Text(string(b)))
}
