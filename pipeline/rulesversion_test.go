package pipeline

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

// TestRulesVersionFollowsRuleFiles: editing a rule file (a new
// rules.Version) changes the cache's rules version by itself, so results
// computed under the old rules are not reused.
func TestRulesVersionFollowsRuleFiles(t *testing.T) {
	before := rulesVersion()
	if !strings.HasPrefix(before, rules.Version()) {
		t.Errorf("rules version %q does not start with the rule files' hash %q", before, rules.Version())
	}
	saved := rulesFilesVersion
	t.Cleanup(func() { rulesFilesVersion = saved })
	rulesFilesVersion = func() string { return "rules-edited000000" }
	after := rulesVersion()
	if after == before || !strings.HasPrefix(after, "rules-edited000000") {
		t.Errorf("after a rule file edit the rules version is %q (before %q)", after, before)
	}
}
