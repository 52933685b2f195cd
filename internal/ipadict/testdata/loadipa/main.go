// Command loadipa loads the IPA dictionary through ipadict.Default, as
// breachtrend does, and prints the cache key and where the dictionary came
// from: TestDefaultInABinary builds and runs it, since a test binary
// records no module versions.
package main

import (
	"fmt"
	"os"

	"github.com/ikawaha/kagome-dict/ipa"

	"github.com/breachtrend/breachtrend/internal/ipadict"
)

func main() {
	c, ok := ipadict.Default()
	if !ok {
		fmt.Println("no cache")
		return
	}
	d, _, src, _ := c.Load(ipa.Dict)
	fmt.Printf("key %q\nsource %v\nwords %d\n", c.Key, src, len(d.Morphs))
	if src == ipadict.Slow {
		os.Exit(1)
	}
}
