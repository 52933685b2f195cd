package eval

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
)

// fixture is testdata/NAME, beside the package.
func fixture(name string) string { return filepath.Join("testdata", name) }

func readGoldFile(t *testing.T, path string) []Gold {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := ReadGold(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

// readSegments reads Segments from a JSON Lines fixture.
func readSegments(t *testing.T, path string) []Segment {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []Segment
	dec := json.NewDecoder(strings.NewReader(string(b)))
	for dec.More() {
		var s Segment
		if err := dec.Decode(&s); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, s)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// goldSets are the gold files the perfect/empty-run tests run on: the frozen
// snapshot of the seeds, the live seeds, and the shared dev set when present.
func goldSets(t *testing.T) map[string][]Gold {
	t.Helper()
	sets := map[string][]Gold{
		"snapshot": readGoldFile(t, fixture("seeds.jsonl")),
		"seeds":    readGoldFile(t, filepath.Join("..", "..", "testdata", "gold", "seeds.jsonl")),
	}
	if p, ok := testcorpus.Shared("gold", "dev.jsonl"); ok {
		sets["dev"] = readGoldFile(t, p)
	}
	return sets
}
