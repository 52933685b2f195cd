//go:build linux

package hugeheap

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"unsafe"

	"golang.org/x/sys/unix"
)

const hugePage = 2 << 20

// A plug is a large object, its pages taken from the heap's free space
// whole; maxPlugs of them cover a heap that used 256 MiB before Reserve
// (a run's: ~10 MiB, the rules).
const (
	plugSize = 1 << 20
	maxPlugs = 256
)

func readMode() []byte {
	b, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return b
}

func reserve(size int) (int, error) {
	// The runtime zeroes a large block that overlaps pages the heap used
	// before, and zeroing touches each page of it as a 4 KiB page: the
	// faults this package is to spare. So the heap's free space is first
	// filled with plugs until one comes from fresh address space (not in
	// memory after its allocation: not zeroed), past every page the heap
	// ever used; the block, larger than any hole, then comes after it.
	var plugs [][]byte
	fresh := false
	for range maxPlugs {
		plug := make([]byte, plugSize)
		plugs = append(plugs, plug)
		n, err := resident(plug)
		if err != nil {
			return 0, err // cannot tell a fresh block from a zeroed one
		}
		if n == 0 {
			fresh = true
			break
		}
	}
	if !fresh {
		// A heap that has used more than the plugs cover: a block now
		// would be zeroed, touched whole. Better none.
		runtime.KeepAlive(plugs)
		return 0, fmt.Errorf("hugeheap: no fresh heap after %d MiB of plugs: reserve earlier", maxPlugs*plugSize>>20)
	}
	block := make([]byte, size)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	beg := (start + hugePage - 1) &^ (hugePage - 1)
	end := (start + uintptr(size)) &^ (hugePage - 1)
	advised := 0
	var err error
	if beg < end {
		region := block[beg-start : end-start]
		n, rerr := resident(region)
		switch {
		case rerr != nil:
			err = rerr
		case n > 0:
			err = fmt.Errorf("hugeheap: the reserved block was not fresh: %d of %d pages already in memory", n, len(region)/os.Getpagesize())
		default:
			if err = unix.Madvise(region, unix.MADV_HUGEPAGE); err != nil {
				err = fmt.Errorf("hugeheap: madvise %d bytes: %w", len(region), err)
			} else {
				advised = len(region)
			}
		}
	}
	runtime.KeepAlive(plugs)
	runtime.KeepAlive(block)
	// Collect them all and return their pages to the kernel, so that the
	// block counts against no memory limit until the heap grows into it.
	plugs, block = nil, nil
	debug.FreeOSMemory()
	return advised, err
}

// resident counts the pages of b that are in memory (mincore(2); x/sys/unix
// has no wrapper).
func resident(b []byte) (int, error) {
	page := os.Getpagesize()
	vec := make([]byte, (len(b)+page-1)/page)
	_, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b)), uintptr(unsafe.Pointer(unsafe.SliceData(vec))))
	if errno != 0 {
		return 0, fmt.Errorf("hugeheap: mincore: %w", errno)
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n, nil
}
