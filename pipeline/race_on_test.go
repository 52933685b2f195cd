//go:build race

package pipeline

// raceSlowdown is how much slower the race detector makes this package's
// CPU-bound work (measured ~9x on the hostile-segment test), for the tests
// that bound a wall-clock time.
const raceSlowdown = 10
