// Command profile runs pipeline.Run once with Full under runtime/pprof's
// CPU profiler and writes a heap profile at the end.
//
//	go run ./bench/profile -in bench/work/corpus-10000 -out bench/work/out-profile \
//	    -cpuprofile bench/work/cpu.pprof -memprofile bench/work/heap.pprof
//	go tool pprof -top -cum bench/work/cpu.pprof
//
// The heap profile records every allocation's site (sampled), so
// `go tool pprof -sample_index=alloc_space -top heap.pprof` shows where the
// run allocates and `-sample_index=inuse_space` what it holds at the end.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/breachtrend/breachtrend/pipeline"
)

func main() {
	in := flag.String("in", "bench/work/corpus-10000", "corpus folder")
	out := flag.String("out", "bench/work/out-profile", "output folder")
	workers := flag.Int("workers", 2, "files processed at once")
	cpu := flag.String("cpuprofile", "bench/work/cpu.pprof", "CPU profile file")
	mem := flag.String("memprofile", "bench/work/heap.pprof", "heap profile file")
	peak := flag.String("peakprofile", "bench/work/heap-peak.pprof", "heap profile taken when the Go heap was largest (sampled every 250 ms)")
	rerun := flag.Bool("rerun", false, "profile a rerun (the cache in -out used) instead of a --full run")
	flag.Parse()

	cfg := pipeline.Config{Inputs: []string{*in}, Out: *out, Workers: *workers, Full: !*rerun}
	if err := cfg.Validate(); err != nil {
		fail(err)
	}
	f, err := os.Create(*cpu)
	if err != nil {
		fail(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fail(err)
	}
	stop := make(chan struct{})
	peaked := make(chan uint64)
	go watchPeak(*peak, stop, peaked)
	start := time.Now()
	sum, err := pipeline.Run(context.Background(), cfg)
	elapsed := time.Since(start)
	close(stop)
	peakInuse := <-peaked
	pprof.StopCPUProfile()
	f.Close()
	if err != nil {
		fail(err)
	}

	runtime.GC() // up-to-date in-use figures
	h, err := os.Create(*mem)
	if err != nil {
		fail(err)
	}
	if err := pprof.Lookup("allocs").WriteTo(h, 0); err != nil {
		fail(err)
	}
	h.Close()

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println(sum)
	fmt.Printf("elapsed %s, %.0f notices/s; Go heap: %.0f MB allocated in total, %d GCs, %.0f MB in use at the end, %.0f MB obtained from the OS\n",
		elapsed.Round(time.Millisecond), float64(sum.Segments)/elapsed.Seconds(),
		float64(ms.TotalAlloc)/1e6, ms.NumGC, float64(ms.HeapInuse)/1e6, float64(ms.Sys)/1e6)
	fmt.Printf("peak Go heap in use during the run: %.0f MB (profile of that moment: %s)\n", float64(peakInuse)/1e6, *peak)
	for _, s := range sum.Manifest.Stages {
		fmt.Printf("  %-10s %8.2f s\n", s.Stage, s.Seconds)
	}
}

// watchPeak samples the heap in use every 250 ms and writes a heap profile
// whenever it is 10% over the largest seen, so the last one written shows
// what the run held at its peak.
func watchPeak(path string, stop <-chan struct{}, done chan<- uint64) {
	var max uint64
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			done <- max
			return
		case <-t.C:
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > max+max/10 {
			max = ms.HeapInuse
			if f, err := os.Create(path); err == nil {
				pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
			}
		} else if ms.HeapInuse > max {
			max = ms.HeapInuse
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "profile:", err)
	os.Exit(1)
}
