//go:build race

package load

// raceAllocFactor is how much more a test may see allocated under the
// race detector, whose sync.Pool drops a share of what is put back and
// whose instrumentation allocates (a 1 MB page of tags: 6.4 MB against
// under 4 MB plain). A tree parse allocates ~40 times the page, still far
// over the bound.
const raceAllocFactor = 3
