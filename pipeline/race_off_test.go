//go:build !race

package pipeline

// raceSlowdown: see race_on_test.go.
const raceSlowdown = 1
