//go:build !linux

package atomicfile

// mark is a no-op where extended attributes are not wired up: Guard then
// relies on content signatures and --force.
func mark(string) {}

func marked(string) bool { return false }
