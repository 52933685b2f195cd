package extract

import (
	"strconv"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

func TestCasesCause(t *testing.T) {
	runCases(t, "cause", false, func(n *schemas.Notice) string { return n.Cause })
}

func TestCasesAffectedCount(t *testing.T) {
	runCases(t, "affected_count", false, func(n *schemas.Notice) string {
		switch {
		case n.AffectedCount == nil:
			return "null"
		case n.AffectedApprox:
			return strconv.FormatInt(*n.AffectedCount, 10) + " approx"
		}
		return strconv.FormatInt(*n.AffectedCount, 10)
	})
}
