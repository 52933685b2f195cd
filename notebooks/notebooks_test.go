package notebooks

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/breachtrend/breachtrend/internal/duck"
	"github.com/breachtrend/breachtrend/pipeline/pipelinetest"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
)

// notebook is the part of nbformat 4 the tests check.
type notebook struct {
	Cells         []cell         `json:"cells"`
	Metadata      map[string]any `json:"metadata"`
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
}

type cell struct {
	CellType       string          `json:"cell_type"`
	ID             string          `json:"id"`
	Metadata       map[string]any  `json:"metadata"`
	Source         json.RawMessage `json:"source"`
	Outputs        json.RawMessage `json:"outputs"`
	ExecutionCount json.RawMessage `json:"execution_count"`
}

// text returns a cell's source: nbformat allows a string or a list of
// strings.
func (c cell) text() (string, error) {
	var s string
	if err := json.Unmarshal(c.Source, &s); err == nil {
		return s, nil
	}
	var lines []string
	if err := json.Unmarshal(c.Source, &lines); err != nil {
		return "", err
	}
	return strings.Join(lines, ""), nil
}

// sqlRE finds the statements: NAME_SQL = """...""".
var sqlRE = regexp.MustCompile(`(?s)\b([A-Z][A-Z0-9_]*_SQL)\s*=\s*(?:r|f)?"""(.*?)"""`)

func notebookFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.ipynb")
	if err != nil || len(files) == 0 {
		t.Fatalf("no notebooks found (%v)", err)
	}
	return files
}

// readNotebook parses and validates one notebook and returns its code.
func readNotebook(t *testing.T, file string) (code []string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var nb notebook
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&nb); err != nil {
		t.Fatalf("%s: not valid JSON: %v", file, err)
	}
	if nb.NBFormat != 4 || nb.NBFormatMinor < 4 {
		t.Errorf("%s: nbformat %d.%d, want 4.4 or later", file, nb.NBFormat, nb.NBFormatMinor)
	}
	if ks, _ := nb.Metadata["kernelspec"].(map[string]any); ks == nil || ks["name"] == nil {
		t.Errorf("%s: metadata.kernelspec.name missing", file)
	}
	if len(nb.Cells) == 0 {
		t.Fatalf("%s: no cells", file)
	}
	ids := map[string]bool{}
	for i, c := range nb.Cells {
		if c.Metadata == nil {
			t.Errorf("%s cell %d: no metadata object", file, i)
		}
		if nb.NBFormatMinor >= 5 {
			if c.ID == "" || ids[c.ID] {
				t.Errorf("%s cell %d: missing or repeated id %q", file, i, c.ID)
			}
			ids[c.ID] = true
		}
		src, err := c.text()
		if err != nil {
			t.Errorf("%s cell %d: source: %v", file, i, err)
		}
		switch c.CellType {
		case "code":
			var outs []any
			if json.Unmarshal(c.Outputs, &outs) != nil {
				t.Errorf("%s cell %d: code cell without an outputs list", file, i)
			}
			if len(c.ExecutionCount) == 0 {
				t.Errorf("%s cell %d: code cell without execution_count", file, i)
			}
			code = append(code, src)
		case "markdown", "raw":
		default:
			t.Errorf("%s cell %d: cell_type %q", file, i, c.CellType)
		}
	}
	if len(code) == 0 {
		t.Errorf("%s: no code cells", file)
	}
	all := strings.Join(code, "\n")
	for _, want := range []string{`os.environ.get("BREACHTREND", "../bin/breachtrend")`,
		`os.environ.get("BREACHTREND_OUT", "../out")`, `"--format", "csv"`, "import duckdb"} {
		if !strings.Contains(all, want) {
			t.Errorf("%s: the setup lacks %s", file, want)
		}
	}
	return code
}

func TestNotebooksAreValid(t *testing.T) {
	for _, f := range notebookFiles(t) {
		readNotebook(t, f)
	}
}

// freshRun is the output folder of one run on the bundled corpus.
func freshRun(t *testing.T) string { return pipelinetest.Tables(t, testcorpus.SampleDir()) }

func TestMain(m *testing.M) { pipelinetest.Main(m) }

// TestNotebookSQL runs every statement of every notebook against a fresh
// run's tables, so a renamed column or table breaks the build.
func TestNotebookSQL(t *testing.T) {
	out := freshRun(t)
	db, err := duck.Open(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, f := range notebookFiles(t) {
		code := strings.Join(readNotebook(t, f), "\n")
		matches := sqlRE.FindAllStringSubmatch(code, -1)
		if len(matches) == 0 {
			t.Errorf("%s: no *_SQL statement", f)
		}
		if n := strings.Count(code, `_SQL = """`); n != len(matches) {
			t.Errorf("%s: %d *_SQL assignments, %d extracted", f, n, len(matches))
		}
		for _, m := range matches {
			t.Run(strings.TrimSuffix(f, ".ipynb")+"/"+m[1], func(t *testing.T) {
				n, err := runAll(db, m[2])
				if err != nil {
					t.Fatalf("%v\n%s", err, m[2])
				}
				if n == 0 {
					t.Errorf("no rows on the sample corpus:\n%s", m[2])
				}
			})
		}
	}
}

// runAll runs query and reads every row, so errors raised while streaming
// count too.
func runAll(db *sql.DB, query string) (int, error) {
	rows, err := db.Query(query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// TestNotebooksExecute runs every notebook end to end with jupyter
// nbconvert, reading the tables through the breachtrend binary (or the
// duckdb package where installed). Skipped without jupyter-nbconvert,
// pandas and matplotlib (apt: jupyter-nbconvert python3-pandas
// python3-matplotlib python3-nbclient python3-ipykernel), and in -short.
func TestNotebooksExecute(t *testing.T) {
	if testing.Short() {
		t.Skip("executes notebooks: not in -short")
	}
	jupyter, err := exec.LookPath("jupyter")
	if err != nil {
		t.Skip("jupyter is not on PATH")
	}
	if err := exec.Command(jupyter, "nbconvert", "--version").Run(); err != nil {
		t.Skip("jupyter nbconvert is not installed")
	}
	out, err := filepath.Abs(freshRun(t))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "breachtrend")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "../cmd/breachtrend")
	if msg, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, msg)
	}
	for _, f := range notebookFiles(t) {
		t.Run(strings.TrimSuffix(f, ".ipynb"), func(t *testing.T) {
			cmd := exec.CommandContext(ctx, jupyter, "nbconvert", "--to", "notebook", "--execute",
				"--ExecutePreprocessor.timeout=300", "--output-dir", tmp, f)
			cmd.Env = append(os.Environ(), "BREACHTREND="+bin, "BREACHTREND_OUT="+out)
			msg, err := cmd.CombinedOutput()
			if err != nil {
				for _, missing := range []string{"No module named 'pandas'", "No module named 'matplotlib'",
					"No such kernel", "NoSuchKernel"} {
					if strings.Contains(string(msg), missing) {
						t.Skipf("notebook runtime incomplete: %s", missing)
					}
				}
				t.Fatalf("nbconvert --execute %s: %v\n%s", f, err, msg)
			}
			b, err := os.ReadFile(filepath.Join(tmp, f))
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte(`"output_type": "error"`)) {
				t.Errorf("%s: a cell raised an error", f)
			}
			if !bytes.Contains(b, []byte("image/png")) && strings.Contains(string(b), "plt.show()") {
				t.Errorf("%s: no chart in the outputs", f)
			}
		})
	}
}
