package parquetio

import (
	"sync"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// maxIdleBuffers bounds what a recycler keeps: a record batch of the
// widest table has about a hundred buffers.
const maxIdleBuffers = 256

// recycler is a memory.Allocator that keeps the buffers of released record
// batches and hands them out again. Each row group of a table needs buffers
// of about the sizes the previous one did, so after the first flush a
// writer's records cost no new memory, where the Go allocator would make
// tens of MB per row group for the GC to collect.
type recycler struct {
	mu   sync.Mutex
	idle [][]byte
	// fresh makes the buffers no idle one fits (nil: arrow's Go allocator).
	fresh memory.Allocator
}

// Allocate returns a zeroed buffer of size bytes, 64-byte aligned as the
// Go allocator makes them: an idle one that fits (at most twice the size,
// so a small column does not pin a text column's buffer), else a new one.
func (r *recycler) Allocate(size int) []byte {
	if b := r.take(size); b != nil {
		clear(b)
		return b
	}
	fresh := memory.DefaultAllocator
	if r.fresh != nil {
		fresh = r.fresh
	}
	return fresh.Allocate(withHeadroom(size))[:size]
}

// withHeadroom is the capacity a new buffer of size bytes gets: an eighth
// more for buffers of 4 KB and up. The next row group's column is about as
// long as this one's but rarely exactly: a buffer of the very size fits
// none that is a byte longer, and every column of every row group that
// grew a little was allocated afresh (a third of the first row group's
// bytes again, at 8,192 tiny notices a row group).
func withHeadroom(size int) int {
	if size < 4096 {
		return size
	}
	return (size + size/8 + 63) &^ 63
}

// take removes and returns the smallest idle buffer that fits size.
func (r *recycler) take(size int) []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	best := -1
	for i, b := range r.idle {
		if c := cap(b); c >= size && c <= 2*size+64 && (best < 0 || c < cap(r.idle[best])) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	b := r.idle[best][:size]
	last := len(r.idle) - 1
	r.idle[best] = r.idle[last]
	r.idle[last] = nil
	r.idle = r.idle[:last]
	return b
}

// Reallocate grows b to size, keeping its bytes.
func (r *recycler) Reallocate(size int, b []byte) []byte {
	if cap(b) >= size {
		return b[:size]
	}
	grown := r.Allocate(size)
	copy(grown, b)
	r.Free(b)
	return grown
}

// Free keeps b for a later Allocate. The caller no longer uses b: arrow
// frees a buffer when its last reference is released.
func (r *recycler) Free(b []byte) {
	if cap(b) == 0 {
		return
	}
	r.mu.Lock()
	if len(r.idle) < maxIdleBuffers {
		r.idle = append(r.idle, b[:0])
	}
	r.mu.Unlock()
}

// drop lets the GC have every idle buffer.
func (r *recycler) drop() {
	r.mu.Lock()
	clear(r.idle)
	r.idle = nil
	r.mu.Unlock()
}
