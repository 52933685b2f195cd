// Command report records and prints the figures of bench/run.sh.
//
//	report run   -results F -label L -workers W -corpus DIR -out DIR -time FILE
//	report mecab -results F -label L -corpus DIR -time FILE
//	report table -results F
//
// run and mecab read a `/usr/bin/time -v` output (and, for run, the run's
// manifest.json) and append one JSON line to the results file; table prints
// the tables: per run notices/s, MB/s, wall, CPU, peak RSS and seconds per
// stage; the workers 1 vs 2 speed-up; mecab's time and the ratio.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// record is one measured command.
type record struct {
	Kind     string             `json:"kind"` // run or mecab
	Label    string             `json:"label"`
	Workers  int                `json:"workers,omitempty"`
	Cores    int                `json:"cores,omitempty"` // GOMAXPROCS during the run, from manifest.json
	Corpus   string             `json:"corpus"`
	Bytes    int64              `json:"bytes"`
	Files    int                `json:"files"`
	Segments int                `json:"segments,omitempty"`
	Notices  int                `json:"notices,omitempty"`
	Wall     float64            `json:"wall_s"`
	CPU      float64            `json:"cpu_s"` // user + system
	RSSKB    int64              `json:"max_rss_kb"`
	Stages   map[string]float64 `json:"stage_seconds,omitempty"`
	Order    []string           `json:"stage_order,omitempty"`
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fl := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	results := fl.String("results", "", "JSON lines file of records")
	label := fl.String("label", "", "row label")
	workers := fl.Int("workers", 0, "--workers of the run")
	corpus := fl.String("corpus", "", "corpus folder")
	out := fl.String("out", "", "output folder of the run")
	timeFile := fl.String("time", "", "/usr/bin/time -v output")
	fl.Parse(os.Args[2:])
	if *results == "" {
		usage()
	}
	switch os.Args[1] {
	case "run", "mecab":
		r := record{Kind: os.Args[1], Label: *label, Workers: *workers, Corpus: *corpus}
		var err error
		if r.Bytes, r.Files, err = corpusSize(*corpus); err != nil {
			fail(err)
		}
		if r.Wall, r.CPU, r.RSSKB, err = readTime(*timeFile); err != nil {
			fail(err)
		}
		if r.Kind == "run" {
			if err := readManifest(filepath.Join(*out, "manifest.json"), &r); err != nil {
				fail(err)
			}
		}
		f, err := os.OpenFile(*results, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			fail(err)
		}
		b, _ := json.Marshal(r)
		f.Write(append(b, '\n'))
		if err := f.Close(); err != nil {
			fail(err)
		}
		printRecord(r)
	case "table":
		rs, err := readResults(*results)
		if err != nil {
			fail(err)
		}
		table(rs)
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: report run|mecab|table -results FILE [-label L -workers W -corpus DIR -out DIR -time FILE]")
	os.Exit(2)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "report:", err)
	os.Exit(1)
}

func corpusSize(dir string) (int64, int, error) {
	var size int64
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		size += fi.Size()
		files++
		return nil
	})
	return size, files, err
}

// readTime reads GNU time's -v output.
func readTime(path string) (wall, cpu float64, rss int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	found := 0
	for sc.Scan() {
		key, val, ok := strings.Cut(strings.TrimSpace(sc.Text()), ": ")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch {
		case key == "User time (seconds)" || key == "System time (seconds)":
			v, _ := strconv.ParseFloat(val, 64)
			cpu += v
			found++
		case key == "Maximum resident set size (kbytes)":
			rss, _ = strconv.ParseInt(val, 10, 64)
			found++
		case strings.HasPrefix(key, "Elapsed (wall clock) time"):
			// h:mm:ss or m:ss.ss
			parts := strings.Split(val, ":")
			for _, p := range parts {
				v, _ := strconv.ParseFloat(p, 64)
				wall = wall*60 + v
			}
			found++
		}
	}
	if found < 4 {
		return 0, 0, 0, fmt.Errorf("%s: not a `/usr/bin/time -v` output", path)
	}
	return wall, cpu, rss, sc.Err()
}

func readManifest(path string, r *record) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var m struct {
		Stages []struct {
			Stage   string  `json:"stage"`
			Seconds float64 `json:"seconds"`
		} `json:"stage_seconds"`
		Summary struct{ Segments, Notices int } `json:"summary"`
		Cores   int                             `json:"cores"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	r.Stages = map[string]float64{}
	for _, s := range m.Stages {
		r.Stages[s.Stage] = s.Seconds
		r.Order = append(r.Order, s.Stage)
	}
	r.Segments, r.Notices = m.Summary.Segments, m.Summary.Notices
	r.Cores = m.Cores
	return nil
}

func readResults(path string) ([]record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rs []record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, sc.Err()
}

func printRecord(r record) {
	if r.Kind == "mecab" {
		fmt.Printf("  mecab %s: %.1f MB in %.2f s wall, %.2f s CPU, %.1f MB/s (CPU), peak RSS %.0f MB\n",
			r.Label, mb(r.Bytes), r.Wall, r.CPU, mb(r.Bytes)/r.CPU, float64(r.RSSKB)/1024)
		return
	}
	fmt.Printf("  %s: %d segments (%d notices) in %d files, %.1f MB: %.2f s wall, %.2f s CPU, %.1f notices/s, %.2f MB/s, peak RSS %.0f MB\n",
		r.Label, r.Segments, r.Notices, r.Files, mb(r.Bytes), r.Wall, r.CPU, float64(r.Segments)/r.Wall, mb(r.Bytes)/r.Wall, float64(r.RSSKB)/1024)
}

func mb(b int64) float64 { return float64(b) / 1e6 }

func table(rs []record) {
	var runs, mecabs []record
	for _, r := range rs {
		if r.Kind == "run" {
			runs = append(runs, r)
		} else {
			mecabs = append(mecabs, r)
		}
	}
	if len(runs) == 0 {
		fmt.Println("no runs recorded")
		return
	}
	order := runs[0].Order
	fmt.Println("breachtrend run --full (notices/s counts every segment; stage seconds are summed over workers, from manifest.json)")
	fmt.Printf("| %-10s | %7s | %8s | %7s | %8s | %7s | %8s | %8s |", "run", "notices", "MB", "wall s", "CPU s", "notic/s", "MB/s", "RSS MB")
	for _, s := range order {
		fmt.Printf(" %8s |", s)
	}
	fmt.Println()
	fmt.Print("|" + strings.Repeat(" --- |", 8+len(order)) + "\n")
	for _, r := range runs {
		fmt.Printf("| %-10s | %7d | %8.1f | %7.2f | %8.2f | %7.1f | %8.3f | %8.0f |", r.Label, r.Segments, mb(r.Bytes), r.Wall, r.CPU,
			float64(r.Segments)/r.Wall, mb(r.Bytes)/r.Wall, float64(r.RSSKB)/1024)
		for _, s := range order {
			fmt.Printf(" %8.2f |", r.Stages[s])
		}
		fmt.Println()
	}

	// Workers 1 vs 2 on the same corpus.
	byCorpus := map[string]map[int]record{}
	for _, r := range runs {
		if byCorpus[r.Corpus] == nil {
			byCorpus[r.Corpus] = map[int]record{}
		}
		byCorpus[r.Corpus][r.Workers] = r
	}
	for _, r := range runs {
		w := byCorpus[r.Corpus]
		one, ok1 := w[1]
		two, ok2 := w[2]
		if !ok1 || !ok2 || r.Workers != 1 {
			continue
		}
		fmt.Printf("\nworkers 1 vs 2 on %s: %.2f s vs %.2f s wall, speed-up %.2f× (CPU %.2f s vs %.2f s; on %d vs %d cores)\n",
			filepath.Base(r.Corpus), one.Wall, two.Wall, one.Wall/two.Wall, one.CPU, two.CPU, one.Cores, two.Cores)
	}

	if len(mecabs) > 0 {
		fmt.Println("\nyardstick: mecab (Debian, IPA dictionary, one process, one core) on the same bytes concatenated")
		fmt.Printf("| %-10s | %7s | %11s | %10s | %10s | %13s | %12s | %10s | %9s |\n", "corpus", "MB", "mecab wall", "mecab CPU", "mecab MB/s",
			"breach wall", "breach CPU", "ratio wall", "ratio CPU")
		fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
		for _, m := range mecabs {
			var bt record
			found := false
			for _, r := range runs {
				if r.Corpus == m.Corpus && (!found || r.Workers == 2) {
					bt, found = r, true
				}
			}
			if !found {
				continue
			}
			fmt.Printf("| %-10s | %7.1f | %11.2f | %10.2f | %10.2f | %13.2f | %12.2f | %10.3f | %9.3f |\n", filepath.Base(m.Corpus), mb(m.Bytes),
				m.Wall, m.CPU, mb(m.Bytes)/m.CPU, bt.Wall, bt.CPU, m.Wall/bt.Wall, m.CPU/bt.CPU)
		}
		fmt.Println("ratio wall = mecab wall s / breachtrend wall s (--workers 2); ratio CPU = mecab CPU s / breachtrend CPU s")
		fmt.Println("(user+system, a per-core comparison that the other load on a shared machine disturbs less).")
	}
}
