package pipeline

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestMemoryLimitFor(t *testing.T) {
	const MiB = 1 << 20
	tests := []struct {
		name                 string
		live, floor, ceiling int64
		want                 int64
	}{
		{"a small live heap keeps the floor", 130 * MiB, 256 * MiB, 384 * MiB, 256 * MiB},
		{"a quarter more than a live heap past it", 240 * MiB, 256 * MiB, 384 * MiB, 300 * MiB},
		{"the floor until a quarter more passes it", 200 * MiB, 256 * MiB, 384 * MiB, 256 * MiB},
		{"never above the ceiling", 316 * MiB, 256 * MiB, 384 * MiB, 384 * MiB},
		{"a ceiling below the floor is the floor", 316 * MiB, 512 * MiB, 384 * MiB, 512 * MiB},
		{"nothing live", 0, 256 * MiB, 384 * MiB, 256 * MiB},
	}
	for _, tt := range tests {
		if got := memoryLimitFor(tt.live, tt.floor, tt.ceiling); got != tt.want {
			t.Errorf("%s: memoryLimitFor(%d MiB) = %d MiB, want %d MiB", tt.name, tt.live/MiB, got/MiB, tt.want/MiB)
		}
	}
}

// TestFollowLiveHeap: a live heap that outgrows the floor raises the soft
// limit, within the ceiling, and the limit stays raised once the heap is
// freed (its memory is still mapped).
func TestFollowLiveHeap(t *testing.T) {
	const MiB = 1 << 20
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(16 * MiB))
	stop := followLiveHeap(16*MiB, 96*MiB, time.Millisecond)
	defer stop()
	limitSoon := func(ok func(int64) bool) int64 {
		var got int64
		for range 500 {
			runtime.GC()
			if got = debug.SetMemoryLimit(-1); ok(got) {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		return got
	}
	live := make([]byte, 48*MiB)
	for i := range live {
		live[i] = byte(i)
	}
	if got := limitSoon(func(l int64) bool { return l >= 60*MiB }); got < 60*MiB || got > 96*MiB {
		t.Errorf("with 48 MiB live the limit is %d MiB, want 60 to 96", got/MiB)
	}
	runtime.KeepAlive(live)
	live = nil
	raised := debug.SetMemoryLimit(-1)
	for range 20 {
		runtime.GC()
		time.Sleep(2 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got != raised {
		t.Errorf("with the heap freed the limit went from %d to %d MiB", raised/MiB, got/MiB)
	}
}
