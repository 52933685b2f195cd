package hugeheap

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestParseMode(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"always [madvise] never\n", "madvise"},
		{"[always] madvise never\n", "always"},
		{"always madvise [never]\n", "never"},
		{"", ""},
		{"always madvise never", ""},
		{"[always", ""},
	} {
		if got := parseMode([]byte(c.in)); got != c.want {
			t.Errorf("parseMode(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDisabled(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"", false},
		{"disablethp=1", true},
		{"gctrace=1,disablethp=1", true},
		{"disablethp=0", false},
		{"madvdontneed=1", false},
	} {
		if got := disabled(c.in); got != c.want {
			t.Errorf("disabled(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestReserveAdvisesFreshHeap reserves a block as a run does and checks
// that the kernel holds it as one advised mapping that nothing touched.
func TestReserveAdvisesFreshHeap(t *testing.T) {
	skipUnlessMadvise(t)
	t.Setenv("GODEBUG", "")
	advised := reserveAll(t, 64<<20)
	if got := largestAdvised(t); got < advised {
		t.Errorf("largest mapping advised for huge pages: %d bytes, want >= %d", got, advised)
	}
}

func TestReserveDisabledByGODEBUG(t *testing.T) {
	t.Setenv("GODEBUG", "disablethp=1")
	if advised, err := Reserve(64 << 20); advised != 0 || err != nil {
		t.Errorf("Reserve with disablethp=1 = %d, %v; want 0, nil", advised, err)
	}
}

// largestAdvised is the size of the largest mapping of this process whose
// flags include hg (MADV_HUGEPAGE), from /proc/self/smaps.
func largestAdvised(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	largest, size := 0, 0
	for line := range strings.SplitSeq(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "Size:"):
			f := strings.Fields(line)
			kb, _ := strconv.Atoi(f[1])
			size = kb << 10
		case strings.HasPrefix(line, "VmFlags:"):
			if strings.Contains(line+" ", " hg ") && size > largest {
				largest = size
			}
		}
	}
	return largest
}

// TestReserveAfterGarbage reserves in a process whose heap has grown and
// been collected, as a run's heap has after loading its rules: without
// the plugs the block often landed on used pages and was zeroed whole. It
// runs in a child process, since a process reserves once.
func TestReserveAfterGarbage(t *testing.T) {
	skipUnlessMadvise(t)
	if os.Getenv("HUGEHEAP_CHILD") == "1" {
		reserveAfterGarbage(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestReserveAfterGarbage$", "-test.count=1")
	cmd.Env = append(os.Environ(), "HUGEHEAP_CHILD=1", "GODEBUG=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

var sink [][]byte

func reserveAfterGarbage(t *testing.T) {
	// 48 MiB of large and small objects, every other one dropped.
	for i := range 3000 {
		size := 1 << 10
		if i%10 == 0 {
			size = 150 << 10
		}
		sink = append(sink, make([]byte, size))
	}
	for i := range sink {
		if i%2 == 0 {
			sink[i] = nil
		}
	}
	runtime.GC()
	reserveAll(t, 128<<20)
	runtime.KeepAlive(sink)
}

func skipUnlessMadvise(t *testing.T) {
	if runtime.GOOS != "linux" || Mode() != "madvise" {
		t.Skipf("transparent huge pages are %q here, not madvise: Reserve does nothing", Mode())
	}
}

// reserveAll reserves size bytes and fails unless all but the ends cut to
// whole huge pages were advised.
func reserveAll(t *testing.T, size int) (advised int) {
	advised, err := Reserve(size)
	if err != nil {
		t.Fatal(err)
	}
	if advised < size-2*hugePage {
		t.Fatalf("advised %d bytes of %d", advised, size)
	}
	return advised
}
