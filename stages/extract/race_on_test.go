//go:build race

package extract

// raceSlowdown scales the wall-clock bounds of the tests that have one
// under the race detector, as pipeline's does. slowInput's sentence split,
// before the first check of the budget, takes ~0.15 s plain and ~5.5 s
// under -race; the bound of 3 s made 30 s holds it.
const raceSlowdown = 10
