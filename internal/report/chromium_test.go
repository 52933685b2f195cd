package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromiumDOM loads file in headless Chromium and returns the DOM after
// load and Chromium's log (console messages included).
func chromiumDOM(t *testing.T, file string) (dom, log string) {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not on PATH (apt-get install chromium)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0", "--dump-dom", "file://"+file)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// checkNoScriptRan asserts that the page ran nothing: the title is the one
// written, no script element or event handler exists in the DOM, no console
// message was logged and no CSP violation was even attempted.
func checkNoScriptRan(t *testing.T, dom, log, title string) {
	t.Helper()
	if !strings.Contains(dom, "<title>"+title+"</title>") {
		t.Errorf("document title changed or missing: want %q", title)
	}
	if strings.Contains(strings.ToLower(dom), "<script") {
		t.Error("the DOM holds a script element")
	}
	if regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`).MatchString(dom) {
		t.Error("an element of the DOM has an event handler")
	}
	if strings.Contains(dom, "pwned") && !strings.Contains(dom, "document.title='pwned'&lt;/script&gt;") {
		t.Error("the sentinel script ran")
	}
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "CONSOLE") || strings.Contains(line, "Content Security Policy") || strings.Contains(line, "Refused to") {
			t.Errorf("browser log: %s", line)
		}
	}
}

func TestChromiumRendersWithoutScript(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser: not in -short")
	}
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Skip("chromium is not on PATH (apt-get install chromium)")
	}
	dir := t.TempDir()
	q3 := filepath.Join(dir, "report-2023Q3.html")
	if err := os.WriteFile(q3, []byte(render(t, "2023Q3", "html")), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, log := chromiumDOM(t, q3)
	checkNoScriptRan(t, dom, log, "breachtrend quarterly review 2023Q3")
	for _, want := range []string{"Every incident of 2023Q3", "<svg", "<rect"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered DOM lacks %q", want)
		}
	}

	// A report whose every field is the seed-003 payload and a title-changing
	// script: it stays text.
	var b bytes.Buffer
	if err := WriteHTML(&b, hostile()); err != nil {
		t.Fatal(err)
	}
	evil := filepath.Join(dir, "hostile.html")
	if err := os.WriteFile(evil, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, log = chromiumDOM(t, evil)
	checkNoScriptRan(t, dom, log, "breachtrend quarterly review 2023Q3")
	if !strings.Contains(dom, "&lt;sVg/oNloAd=alert()//&gt;") {
		t.Error("the payload is not in the rendered page as text")
	}
}
