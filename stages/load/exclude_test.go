package load

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// TestWalkExclude: an output folder inside an input root, its lock file
// and a link into it are neither read nor rejected; the rest is walked.
func TestWalkExclude(t *testing.T) {
	in := t.TempDir()
	out := filepath.Join(in, "out")
	for _, f := range []string{"a.txt", "out/report-2023Q4.html", "out/_cache/segments.jsonl", "sub/b.txt"} {
		p := filepath.Join(in, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("不正アクセスのお知らせ"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(out+".lock", []byte("123\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	symlink(t, filepath.Join(out, "report-2023Q4.html"), filepath.Join(in, "sub", "link.html"))
	symlink(t, out, filepath.Join(in, "sub", "outlink"))

	var rels, rejects []string
	err := WalkOptions{Exclude: []string{out, out + ".lock"}}.Walk([]string{in}, func(in Input) error {
		rels = append(rels, in.Rel)
		return nil
	}, func(r schemas.Reject) { rejects = append(rejects, r.Source+" "+r.Reason) })
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.txt", "sub/b.txt"}; !reflect.DeepEqual(rels, want) {
		t.Errorf("walked %q, want %q", rels, want)
	}
	if len(rejects) > 0 {
		t.Errorf("rejected %q", rejects)
	}
	// Without the option the output folder is read as input.
	all, _ := walkAll(t, in)
	if len(all) <= 2 {
		t.Errorf("without Exclude: walked %q, want the output folder's files too", all)
	}
}
