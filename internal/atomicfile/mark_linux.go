package atomicfile

import "syscall"

// writerAttr is the extended attribute that marks a file breachtrend wrote,
// for formats with no room for a signature of their own (a query's CSV).
const writerAttr = "user.breachtrend.writer"

// mark records on f that breachtrend wrote it. Best effort: a file system
// without user extended attributes leaves it unmarked, and Guard then
// relies on the content signature or --force.
func mark(path string) {
	syscall.Setxattr(path, writerAttr, []byte("breachtrend"), 0)
}

// marked reports whether path carries the mark.
func marked(path string) bool {
	buf := make([]byte, 64)
	n, err := syscall.Getxattr(path, writerAttr, buf)
	return err == nil && string(buf[:n]) == "breachtrend"
}
