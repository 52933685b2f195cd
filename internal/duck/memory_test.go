package duck

import (
	"os"
	"path/filepath"
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"100MB", 100_000_000},
		{"100mb", 100_000_000},
		{"1.5GiB", 3 << 29},
		{"4.0 GiB", 4 << 30},
		{"512KiB", 512 << 10},
		{"1048576", 1 << 20},
		{"10B", 10},
		{"2TB", 2e12},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "0", "-1GB", "GB", "1XB", "1.2.3MB", "1e3MB", "99999999999TB"} {
		if got, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) = %d; want an error", bad, got)
		}
	}
}

func TestFormatSizeRoundTrip(t *testing.T) {
	for _, n := range []int64{4 << 30, 512 << 20, 1536} {
		got, err := ParseSize(FormatSize(n))
		if err != nil || got != n {
			t.Errorf("ParseSize(FormatSize(%d) = %q) = %d, %v", n, FormatSize(n), got, err)
		}
	}
}

func TestMemTotal(t *testing.T) {
	file := filepath.Join(t.TempDir(), "meminfo")
	os.WriteFile(file, []byte("MemTotal:        8048576 kB\nMemFree:  1 kB\n"), 0o644)
	if got, err := memTotal(file); err != nil || got != 8048576*1024 {
		t.Errorf("memTotal = %d, %v", got, err)
	}
	os.WriteFile(file, []byte("MemFree:  1 kB\n"), 0o644)
	if _, err := memTotal(file); err == nil {
		t.Error("a meminfo without MemTotal: no error")
	}
	if m := DefaultMemory(); m <= 0 || m > MaxDefaultMemory {
		t.Errorf("DefaultMemory() = %d; want 0 < m ≤ %d", m, int64(MaxDefaultMemory))
	}
}
