package pipeline

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/breachtrend/breachtrend/internal/parquetio"
	"github.com/breachtrend/breachtrend/schemas"
	"golang.org/x/sync/errgroup"
)

// The incidents table is written in parts too, cut where the content
// says, not at fixed row counts: a part ends after an incident whose id
// hashes to 0 modulo incidentPartMean (or once it holds incidentPartMax
// rows). The linker emits incidents in the order their first notice came,
// so a notice added anywhere in the walk adds, or changes, incidents in
// the part where it lands, and the boundaries of every other part stay
// where they were. Each part's rows are hashed (incidentRowsHash); the
// hashes are kept in _cache/incidents.parts beside the caches, and an
// incremental rerun hard-links every part whose hash the previous run
// recorded instead of encoding its rows again (at 100k notices, ~92k
// incidents: 0.85 s of Parquet writing for the whole table). Rows are
// recomputed by the linker each time, so a kept part is exactly the rows a
// --full run writes; only the encoding is saved.

// incidentPartsFile records the incidents table's parts: their rows, file
// size and content hash.
const incidentPartsFile = "_cache/incidents.parts"

// incidentPartsMagic opens the file: "<magic><version>\n", a line
// "<rows> <size> <hash>" per part, then the hex SHA-256 of the lines
// before it.
const incidentPartsMagic = "breachtrend-incident-parts 1 "

// incidentPartMean is the mean number of incidents of a part (~200 KB of
// Parquet at 51 bytes a row; a variable for tests); a part that meets no
// boundary is cut at four times that.
var incidentPartMean uint32 = 4096

// incidentPart is one part of the incidents table.
type incidentPart struct {
	rows int
	size int64
	hash string // incidentRowsHash of its rows
}

// cutIncidents splits incidents into parts at content-defined boundaries
// (above).
func cutIncidents(incidents []schemas.Incident) [][]schemas.Incident {
	var parts [][]schemas.Incident
	start := 0
	for i := range incidents {
		if fnv32a(incidents[i].IncidentID)%incidentPartMean == 0 || i+1-start >= 4*int(incidentPartMean) {
			parts = append(parts, incidents[start:i+1])
			start = i + 1
		}
	}
	if start < len(incidents) || len(parts) == 0 {
		parts = append(parts, incidents[start:])
	}
	return parts
}

// fnv32a is the 32-bit FNV-1a hash of s.
func fnv32a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// writeIncidentParts writes the incidents table into dir in parts, and
// their record into dir's caches. A part whose rows hash as a part of the
// previous run in prev did (its record read with version; prev "" for
// none) is hard-linked from there instead of written. It returns the
// number of parts kept. The parts are hashed and written by up to writers
// goroutines at once, each taking the next part: they come after the walk,
// when every other core is idle (307k incidents: 1.0 s on one core).
func writeIncidentParts(dir, prev, version string, incidents []schemas.Incident, writers int) (kept int, err error) {
	old := map[string]int{} // a previous part's number by its hash
	var oldParts []incidentPart
	if prev != "" {
		oldParts, _ = readIncidentParts(prev, version) // none usable: every part is written
		for i, p := range oldParts {
			old[p.hash] = i
		}
	}
	folder := filepath.Join(dir, schemas.IncidentsTable.Name)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return 0, err
	}
	cut := cutIncidents(incidents)
	parts := make([]incidentPart, len(cut))
	var next, keptParts atomic.Int64
	var g errgroup.Group
	for range max(1, min(writers, len(cut))) {
		g.Go(func() error {
			var bufs parquetio.Buffers
			defer bufs.Drop()
			for {
				n := int(next.Add(1) - 1)
				if n >= len(cut) {
					return nil
				}
				rows := cut[n]
				p := incidentPart{rows: len(rows), hash: incidentRowsHash(rows)}
				name := filepath.Join(folder, parquetio.PartName(n))
				if i, ok := old[p.hash]; ok && keepIncidentPart(prev, i, oldParts[i], name) {
					p.size = oldParts[i].size
					keptParts.Add(1)
				} else {
					size, err := writeIncidentPart(dir, n, rows, &bufs)
					if err != nil {
						return err
					}
					p.size = size
				}
				parts[n] = p
			}
		})
	}
	if err := g.Wait(); err != nil {
		return 0, err
	}
	return int(keptParts.Load()), writeIncidentPartsRecord(dir, version, parts)
}

// writeIncidentPart writes rows as part n of the incidents table in dir
// and returns the file's size.
func writeIncidentPart(dir string, n int, rows []schemas.Incident, bufs *parquetio.Buffers) (int64, error) {
	w, err := parquetio.CreateShared(dir, schemas.IncidentsTable, n, nil, bufs)
	if err != nil {
		return 0, err
	}
	if err := w.AppendAll(rows); err != nil {
		w.Close()
		return 0, err
	}
	if err := w.Close(); err != nil {
		return 0, err
	}
	fi, err := os.Stat(filepath.Join(dir, schemas.IncidentsTable.Name, parquetio.PartName(n)))
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// keepIncidentPart links part i of the previous run's incidents table to
// name when its file still has the size recorded; false when it cannot
// (the part is then written).
func keepIncidentPart(prev string, i int, p incidentPart, name string) bool {
	src := filepath.Join(prev, schemas.IncidentsTable.Name, parquetio.PartName(i))
	fi, err := os.Stat(src)
	if err != nil || fi.Size() != p.size {
		return false
	}
	if err := linkTree(src, name); err != nil {
		os.Remove(name)
		return false
	}
	return true
}

// writeIncidentPartsRecord writes the parts' record into dir's caches.
func writeIncidentPartsRecord(dir, version string, parts []incidentPart) error {
	lines := make([]string, len(parts))
	for i, p := range parts {
		lines[i] = fmt.Sprintf("%d %d %s", p.rows, p.size, p.hash)
	}
	return writeCheckedRecord(filepath.Join(dir, incidentPartsFile), "incidents parts", incidentPartsMagic+version, lines)
}

// readIncidentParts reads the parts' record of the output folder dir,
// checked against its checksum and version.
func readIncidentParts(dir, version string) ([]incidentPart, error) {
	path := filepath.Join(dir, incidentPartsFile)
	lines, err := readCheckedRecord(path, incidentPartsMagic+version, "another format or version")
	if err != nil {
		return nil, err
	}
	var parts []incidentPart
	for _, line := range lines {
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, recordError(path, fmt.Sprintf("part %d: a malformed line", len(parts)))
		}
		rows, err1 := strconv.Atoi(f[0])
		size, err2 := strconv.ParseInt(f[1], 10, 64)
		if err1 != nil || err2 != nil || rows < 0 || size < 0 {
			return nil, recordError(path, fmt.Sprintf("part %d: a malformed number", len(parts)))
		}
		parts = append(parts, incidentPart{rows: rows, size: size, hash: f[2]})
	}
	return parts, nil
}

// incidentRowsHash is the hex SHA-256 of rows' every field (a test checks
// that each field of schemas.Incident changes it): two runs with the same
// hash for a part write the same rows.
func incidentRowsHash(rows []schemas.Incident) string {
	h := sha256.New()
	var e fieldEncoder
	for i := range rows {
		e.incident(&rows[i])
		h.Write(e.buf)
		e.buf = e.buf[:0]
	}
	return hex.EncodeToString(h.Sum(nil))
}

// fieldEncoder lays out fields unambiguously: strings and lists with their
// lengths, optional values with a flag.
type fieldEncoder struct{ buf []byte }

func (e *fieldEncoder) str(s string) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *fieldEncoder) strs(ss []string) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
	if ss == nil {
		e.buf = append(e.buf, 0) // nil is NULL in the table, [] an empty list
	} else {
		e.buf = append(e.buf, 1)
	}
}

func (e *fieldEncoder) boolean(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

func (e *fieldEncoder) int(v int64) { e.buf = binary.AppendVarint(e.buf, v) }

func (e *fieldEncoder) date(d schemas.Date) {
	e.boolean(!d.IsZero())
	e.int(int64(d.Days()))
}

func (e *fieldEncoder) incident(r *schemas.Incident) {
	for _, s := range []string{r.IncidentID, r.CaseID, r.Organization, r.OrganizationKey, r.Contractor,
		r.EventID, r.Sector, r.Cause, r.VerisAction, r.TSRCategory, r.Quarter, r.DatedBy, r.ReportableReason} {
		e.str(s)
	}
	for _, ss := range [][]string{r.DataTypes, r.NoticeIDs, r.Sources} {
		e.strs(ss)
	}
	for _, p := range []*int64{r.AffectedCount, r.AffectedMax} {
		e.boolean(p != nil)
		if p != nil {
			e.int(*p)
		}
	}
	for _, p := range []*int32{r.DisclosureDelayDays, r.ExposureDays, r.Year} {
		e.boolean(p != nil)
		if p != nil {
			e.int(int64(*p))
		}
	}
	for _, p := range []*bool{r.PreliminaryMet, r.FinalMet} {
		e.boolean(p != nil)
		if p != nil {
			e.boolean(*p)
		}
	}
	for _, d := range []schemas.Date{r.OccurredDate, r.DiscoveredDate, r.FirstPublished, r.LastPublished, r.ReportedDate} {
		e.date(d)
	}
	e.boolean(r.AffectedApprox)
	e.boolean(r.FinalReport)
	e.boolean(r.Reportable)
	e.int(int64(r.Reports))
}
