// Command loadipa loads the IPA dictionary through ipadict.Default, as
// jatok does, and prints the cache key and where the dictionary came
// from: TestDefaultInABinary builds and runs it, since a test binary
// records no module versions. Without a cache (BREACHTREND_CACHE=off) it
// builds the dictionary from kagome's zip: `/usr/bin/time loadipa` times
// either path.
package main

import (
	"fmt"

	"github.com/ikawaha/kagome-dict/ipa"

	"github.com/breachtrend/breachtrend/internal/ipadict"
)

func main() {
	c, ok := ipadict.Default()
	if !ok {
		d := ipa.Dict()
		ipadict.NewTables(d)
		fmt.Printf("no cache\nsource %v\nwords %d\n", ipadict.Slow, len(d.Morphs))
		return
	}
	d, _, src, why := c.Load(ipa.Dict)
	fmt.Printf("key %q\nsource %v (%v)\nwords %d\n", c.Key, src, why, len(d.Morphs))
}
