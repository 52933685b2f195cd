package parquetio

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/breachtrend/breachtrend/schemas"
)

// TestRecyclerBuffers: buffers come zeroed, 64-byte aligned and of the size
// asked, with room for a slightly longer one; a freed one is handed out
// again, and never to two holders.
func TestRecyclerBuffers(t *testing.T) {
	var r recycler
	a := r.Allocate(1000)
	for i := range a {
		a[i] = 0xff
	}
	r.Free(a)
	b := r.Allocate(900)
	if len(b) != 900 || unsafe.SliceData(b) != unsafe.SliceData(a) {
		t.Fatalf("a freed buffer that fits was not reused")
	}
	if bytes.Count(b, []byte{0}) != len(b) {
		t.Error("a reused buffer is not zeroed")
	}
	if uintptr(unsafe.Pointer(unsafe.SliceData(b)))%64 != 0 {
		t.Error("buffer not 64-byte aligned")
	}
	if c := r.Allocate(900); unsafe.SliceData(c) == unsafe.SliceData(b) {
		t.Error("one buffer handed out twice")
	}
	r.Free(b)
	if d := r.Allocate(100); unsafe.SliceData(d) == unsafe.SliceData(b) {
		t.Error("a small column pinned a buffer over twice its size")
	}
	g := r.Allocate(100_000)
	if len(g) != 100_000 {
		t.Fatalf("asked 100000 bytes, got %d", len(g))
	}
	r.Free(g)
	if h := r.Allocate(110_000); len(h) != 110_000 || unsafe.SliceData(h) != unsafe.SliceData(g) {
		t.Error("a buffer freed does not serve the next row group's column a tenth longer: new buffers have no headroom")
	}
	e := r.Allocate(10)
	copy(e, "0123456789")
	if f := r.Reallocate(5000, e); string(f[:10]) != "0123456789" || len(f) != 5000 {
		t.Error("Reallocate lost the bytes")
	}
}

// TestRecyclerSameFile: a writer whose buffers (records, pages,
// dictionaries) are recycled writes the very bytes of one that allocates
// afresh, over several row groups, and every buffer is freed.
func TestRecyclerSameFile(t *testing.T) {
	rows := benchNotices(t, 3*DefaultRowGroup+100)
	write := func(mem memory.Allocator) []byte {
		dir := t.TempDir()
		w, err := create(dir, schemas.NoticesTable, 0, mem)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := w.Append(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "notices", "part-00000.parquet"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	checked := memory.NewCheckedAllocator(&recycler{})
	defer checked.AssertSize(t, 0)
	if !bytes.Equal(write(checked), write(memory.NewGoAllocator())) {
		t.Error("files differ")
	}
}

// countingAllocator counts the buffers it hands out and their bytes.
type countingAllocator struct {
	memory.Allocator
	calls, bytes int
}

func (c *countingAllocator) Allocate(size int) []byte {
	c.calls++
	c.bytes += size
	return c.Allocator.Allocate(size)
}

func (c *countingAllocator) Reallocate(size int, b []byte) []byte {
	c.calls++
	c.bytes += size
	return c.Allocator.Reallocate(size, b)
}

// TestRecyclerServesLaterRowGroups: the writer's allocator serves the
// Parquet writer's own buffers (dictionaries, levels, statistics) besides
// the record batches, and once the first row group is written the next
// ones of the same shape take their buffers from what the previous ones
// freed, not from new memory.
func TestRecyclerServesLaterRowGroups(t *testing.T) {
	const groups = 6
	rows := tinyNotices(t, groups*DefaultRowGroup)
	fresh := &countingAllocator{Allocator: memory.NewGoAllocator()}
	asked := &countingAllocator{Allocator: &recycler{fresh: fresh}}
	w, err := create(t.TempDir(), schemas.NoticesTable, 0, asked)
	if err != nil {
		t.Fatal(err)
	}
	var perGroup []int
	for i, r := range rows {
		if err := w.Append(r); err != nil {
			t.Fatal(err)
		}
		if (i+1)%DefaultRowGroup == 0 {
			perGroup = append(perGroup, fresh.bytes)
			fresh.bytes = 0
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	records := &countingAllocator{Allocator: memory.NewGoAllocator()}
	schemas.NoticesTable.Record(records, rows[:DefaultRowGroup]).Release()
	t.Logf("buffers asked of the writer's allocator: %d (the record batches alone: %d); bytes allocated afresh per row group: %v",
		asked.calls, groups*records.calls, perGroup)
	if asked.calls <= groups*records.calls {
		t.Errorf("%d buffers asked, no more than the record batches' %d: the Parquet writer allocates elsewhere", asked.calls, groups*records.calls)
	}
	for i, n := range perGroup[1:] {
		if n > perGroup[0]/4 {
			t.Errorf("row group %d allocated %d bytes afresh, the first %d: the recycler is not serving it", i+2, n, perGroup[0])
		}
	}
}

// TestSharedBuffersSameParts: parts written one after another with shared
// Buffers are the very bytes of parts whose writers have buffers of their
// own, and every part after the first takes its record batches' buffers
// from what the part before it freed.
func TestSharedBuffersSameParts(t *testing.T) {
	rows := benchNotices(t, 5*700)
	size := func(n *schemas.Notice) int { return len(n.Text) + len(n.OriginalText) + 512 }
	fresh := &countingAllocator{Allocator: memory.NewGoAllocator()}
	bufs := &Buffers{r: recycler{fresh: fresh}}
	ownDir, sharedDir := t.TempDir(), t.TempDir()
	var perPart []int
	for part := range 5 {
		part := rows[part*700 : (part+1)*700]
		for _, shared := range []bool{false, true} {
			var w *Writer[schemas.Notice]
			var err error
			if shared {
				w, err = CreateShared(sharedDir, schemas.NoticesTable, len(perPart), size, bufs)
			} else {
				w, err = CreatePart(ownDir, schemas.NoticesTable, len(perPart), size)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := w.AppendAll(part); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
		}
		perPart = append(perPart, fresh.bytes)
		fresh.bytes = 0
	}
	bufs.Drop()
	for i := range perPart {
		name := filepath.Join(schemas.NoticesTable.Name, PartName(i))
		own, err := os.ReadFile(filepath.Join(ownDir, name))
		if err != nil {
			t.Fatal(err)
		}
		shared, err := os.ReadFile(filepath.Join(sharedDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(own, shared) {
			t.Errorf("part %d differs with shared buffers", i)
		}
	}
	t.Logf("bytes allocated afresh per part: %v", perPart)
	for i, n := range perPart[1:] {
		if n > perPart[0]/4 {
			t.Errorf("part %d allocated %d bytes afresh, the first %d: the buffers were not passed on", i+1, n, perPart[0])
		}
	}
}
