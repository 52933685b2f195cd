//go:build linux

package hugeheap

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"unsafe"

	"golang.org/x/sys/unix"
)

const hugePage = 2 << 20

// A plug is a large object, its pages taken from the heap's free space
// whole; maxPlugs of them cover 256 MiB of free heap (a run's heap when it
// reserves: ~10 MiB, the rules).
const (
	plugSize = 1 << 20
	maxPlugs = 256
)

// blockTries is how many blocks reserve takes before it gives up on one
// the runtime hands over untouched. Now and then (1 run in ~200 of
// TestReserveAdvisesFreshHeap, when the heap lies away from the runtime's
// usual addresses) the first comes zeroed, every page in memory; the
// next one, past it, came fresh.
const blockTries = 2

func readMode() []byte {
	b, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return b
}

func reserve(size int) (int, error) {
	// The runtime zeroes a large block that overlaps pages the heap used
	// before, and zeroing touches each page of it as a 4 KiB page: the
	// faults this package is to spare. It allocates a large block at the
	// lowest free run of pages long enough, so 1 MiB plugs first fill
	// every free run of the heap that is 1 MiB or longer, until one makes
	// the heap grow: what is left free below is then shorter than a plug,
	// the plug that grew the heap starts at the last of it, and the block,
	// which fits no hole, comes from fresh address space past the plug.
	// (A plug that merely comes out untouched is not enough: each 64 MiB
	// arena of the heap keeps its own watermark of used pages, and a fresh
	// tail of one can lie below used pages of the next.)
	var plugs [][]byte
	grown := false
	before := heapMapped()
	for range maxPlugs {
		plugs = append(plugs, make([]byte, plugSize))
		// The heap grows by 4 MiB or more; its mapped size also moves by a
		// few KiB as stacks come and go.
		if heapMapped() >= before+plugSize {
			grown = true
			break
		}
	}
	if !grown {
		// Free space beyond what the plugs cover: a block now would
		// likely be zeroed, touched whole. Better none.
		runtime.KeepAlive(plugs)
		return 0, fmt.Errorf("hugeheap: the heap has more than %d MiB free: reserve earlier", maxPlugs*plugSize>>20)
	}
	var block []byte
	advised := 0
	var err error
	for range blockTries {
		block = make([]byte, size)
		plugs = append(plugs, block) // kept, should it not be fresh: the next comes past it
		start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
		beg := (start + hugePage - 1) &^ (hugePage - 1)
		end := (start + uintptr(size)) &^ (hugePage - 1)
		if beg >= end {
			break
		}
		region := block[beg-start : end-start]
		n, rerr := resident(region)
		if rerr != nil {
			err = rerr
			break
		}
		if n > 0 {
			err = fmt.Errorf("hugeheap: the reserved block was not fresh: %d of %d pages already in memory", n, len(region)/os.Getpagesize())
			continue
		}
		if err = unix.Madvise(region, unix.MADV_HUGEPAGE); err != nil {
			err = fmt.Errorf("hugeheap: madvise %d bytes: %w", len(region), err)
		} else {
			advised = len(region)
		}
		break
	}
	runtime.KeepAlive(plugs)
	runtime.KeepAlive(block)
	// Collect them all and return their pages to the kernel, so that the
	// block counts against no memory limit until the heap grows into it.
	plugs, block = nil, nil
	debug.FreeOSMemory()
	return advised, err
}

// heapMapped is the memory the runtime has mapped for its heap.
func heapMapped() uint64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/stacks:bytes"},
	}
	metrics.Read(s)
	var sum uint64
	for _, v := range s {
		if v.Value.Kind() == metrics.KindUint64 {
			sum += v.Value.Uint64()
		}
	}
	return sum
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
