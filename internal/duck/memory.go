package duck

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// MaxDefaultMemory caps DefaultMemory: a query needs no more to read the
// tables of a big run, and the machine is shared.
const MaxDefaultMemory = 4 << 30

// DefaultMemory is the default memory limit of a query: a quarter of the
// machine's RAM (MemTotal in /proc/meminfo), at most MaxDefaultMemory, and
// 1 GiB where RAM cannot be read.
func DefaultMemory() int64 {
	total, err := memTotal("/proc/meminfo")
	if err != nil || total <= 0 {
		return 1 << 30
	}
	return min(total/4, MaxDefaultMemory)
}

// memTotal reads MemTotal (in kB) from a meminfo file and returns bytes.
func memTotal(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil {
				return 0, fmt.Errorf("%s: MemTotal %q: %w", path, fields[1], err)
			}
			return kb * 1024, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("%s: no MemTotal line", path)
}

// sizeUnits are the suffixes ParseSize accepts, as DuckDB spells them:
// KB, MB, GB, TB are powers of 1000, KiB… powers of 1024.
var sizeUnits = map[string]float64{
	"": 1, "b": 1,
	"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
}

// ParseSize reads a positive byte size such as "100MB", "1.5GiB" or
// "1048576".
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		i = len(t)
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	mult, ok := sizeUnits[unit]
	if !ok {
		return 0, fmt.Errorf("size %q: unknown unit %q (want B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)", s, t[i:])
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || n <= 0 || math.IsInf(n*mult, 0) || n*mult >= math.MaxInt64 {
		return 0, fmt.Errorf("size %q: want a positive number of bytes with an optional unit, e.g. 512MB", s)
	}
	return int64(n * mult), nil
}

// FormatSize prints a byte count in the largest binary unit that keeps one
// decimal, e.g. "4.0 GiB".
func FormatSize(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	v, u := float64(n), 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	if u == 0 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f %s", v, units[u])
}
