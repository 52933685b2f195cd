//go:build !race

package load

// raceAllocFactor: see race_on_test.go.
const raceAllocFactor = 1
