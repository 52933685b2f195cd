package link

import (
	"fmt"
	"slices"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
)

// The rule files linking reads, under rules/: the package reads them when
// it starts and panics on a malformed one, naming the file and the line
// (TestLinkRulesLoad reads them). link/contractor.tsv, which finds the
// contractor in a notice's text, is read by enrich.
const (
	fileLinkSettings = "link/settings.tsv"
	fileAPPIReasons  = "link/appi_reasons.tsv"
)

var linkSettings = rules.ReadSettings(fileLinkSettings)

// appiReason is a line of appi_reasons.tsv.
type appiReason struct {
	kind, value, reason string
	over                int64
}

var appiReasons = func() []appiReason {
	var out []appiReason
	for _, r := range rules.Table(fileAPPIReasons, 3) {
		rules.Must(r.CheckOneOf(0, "kind", "data_type", "cause", "count_over"))
		a := appiReason{kind: r.Fields[0], value: r.Fields[1], reason: r.Fields[2]}
		switch a.kind {
		case "data_type":
			if !slices.Contains(schemas.DataTypes, a.value) {
				panic(fmt.Errorf("rules: %s: %q is not a data type of schemas.DataTypes", r.Pos(), a.value))
			}
		case "cause":
			if _, ok := schemas.CauseByName(a.value); !ok {
				panic(fmt.Errorf("rules: %s: %q is not a cause of schemas.Causes", r.Pos(), a.value))
			}
		case "count_over":
			n, err := r.Int(1, "count")
			rules.Must(err)
			a.over = int64(n)
		}
		out = append(out, a)
	}
	return out
}()
