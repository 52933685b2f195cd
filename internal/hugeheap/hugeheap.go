// Package hugeheap backs the Go heap with transparent huge pages on
// kernels that give them only to memory that asks for them.
//
// Most Linux distributions set transparent huge pages to "madvise": only a
// mapping advised with MADV_HUGEPAGE gets 2 MiB pages, and the Go runtime
// advises none of its heap (it stopped in Go 1.21.1). Every 4 KiB page the
// heap touches for the first time is then a page fault, and on a virtual
// machine a fault is dear: a run over the 10k bench corpus made ~82k of
// them, ~0.9 s of its ~5 s of CPU.
//
// The runtime maps its heap as it grows, and a mapping made later does not
// inherit the advice, so Reserve makes the heap grow once, by about what a
// run will use, while it is still small: it allocates one block of that
// size, advises it, and hands it back to the runtime and the kernel
// untouched. The runtime then carves the run's objects out of the advised
// range, and the kernel backs each 2 MiB of it with one page at its first
// touch. GODEBUG=disablethp=1, the runtime's own switch against huge
// pages, turns it off.
package hugeheap

import (
	"bytes"
	"os"
	"strings"
	"sync"
)

// Mode is the system's transparent-huge-page setting: "always",
// "madvise", "never", or "" where there is none (not Linux, or no THP).
func Mode() string { return parseMode(readMode()) }

// parseMode reads the setting from the kernel's file, where the bracketed
// word is the one in force: "always [madvise] never".
func parseMode(b []byte) string {
	_, after, ok := bytes.Cut(b, []byte("["))
	if !ok {
		return ""
	}
	word, _, ok := bytes.Cut(after, []byte("]"))
	if !ok {
		return ""
	}
	return string(word)
}

// Reserve grows the Go heap by size bytes advised for huge pages, when the
// system gives huge pages only on advice ("madvise") and GODEBUG does not
// disable them. It returns how many bytes it advised: 0 when it did
// nothing. Call it early, while the heap holds little: the block must come
// from address space the heap never used (see reserve), and the runtime
// allocates first from the lowest free addresses, which an early block
// holds. Only the first call of a process reserves (the advised range
// stays the heap's); later calls return what it did.
func Reserve(size int) (advised int, err error) {
	if size <= 0 || disabled(os.Getenv("GODEBUG")) || Mode() != "madvise" {
		return 0, nil
	}
	once.Do(func() { reserved, reserveErr = reserve(size) })
	return reserved, reserveErr
}

var (
	once       sync.Once
	reserved   int
	reserveErr error
)

// disabled reports whether godebug sets disablethp=1.
func disabled(godebug string) bool {
	for setting := range strings.SplitSeq(godebug, ",") {
		if strings.TrimSpace(setting) == "disablethp=1" {
			return true
		}
	}
	return false
}
