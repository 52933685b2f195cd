package pipeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"
)

// Version is breachtrend's version, written into every manifest.
const Version = "0.1.0"

// Manifest is <out>/manifest.json: what one run read, did and wrote.
type Manifest struct {
	RunID   string         `json:"run_id"`
	Start   time.Time      `json:"start"`
	End     time.Time      `json:"end"`
	Version string         `json:"breachtrend_version"`
	Commit  string         `json:"git_commit"`
	Rules   string         `json:"rules_version"`
	Workers int            `json:"workers"`
	Cores   int            `json:"cores"` // GOMAXPROCS during the run
	Full    bool           `json:"full"`
	Inputs  []InputFile    `json:"inputs"`
	Tables  map[string]int `json:"rows"`
	Rejects map[string]int `json:"rejects_by_reason"`
	Stages  []StageTime    `json:"stage_seconds"`
	// Corrections is the corrections file the run applied, nil when none.
	Corrections *CorrectionsUsed `json:"corrections,omitempty"`
	CacheHits   int              `json:"cache_hits"` // segments served, their file read or not
	CacheMiss   int              `json:"cache_misses"`
	// Files says how the inputs were found: unchanged by their stat data,
	// unchanged by their content hash, or read and processed.
	Files FileCounts `json:"files"`
	// CacheDropped counts the entries of the previous run's cache that no
	// input references any more, left out of this run's.
	CacheDropped CacheDropped `json:"cache_dropped"`
	// WalkRejects is a hash of the files the walk could not use (its
	// rejects), "" when none: a rerun keeps the tables only when it finds
	// the same.
	WalkRejects string `json:"walk_rejects_sha256,omitempty"`
	// TablesKept: every input was unchanged, and the run kept the
	// previous run's tables (see keepTables).
	TablesKept bool `json:"tables_kept"`
	// KeptInputs is the number of inputs whose notices and timeline rows
	// were kept from the previous tables (every input when the tables
	// were kept; those of the parts kept by an incremental run: see
	// incrementalPlan).
	KeptInputs int `json:"kept_inputs"`
	Summary    struct {
		Files, Segments, Notices, Incidents, Rejects int
	} `json:"summary"`
}

// FileCounts is how a run found its inputs (see fileIndex).
type FileCounts struct {
	Unchanged int `json:"unchanged"` // same stat data: not read
	Hashed    int `json:"hashed"`    // other stat data, same content: read to hash it only
	Read      int `json:"read"`      // new or changed: read and processed
}

// CacheDropped is what a run left out of the cache.
type CacheDropped struct {
	Segments int `json:"segments"`
	Files    int `json:"files"`
}

// CorrectionsUsed is the corrections file of a run and what became of its
// rows (the corrections table has each one).
type CorrectionsUsed struct {
	Path     string `json:"path"`
	SHA256   string `json:"sha256"`
	Applied  int    `json:"applied"` // notice fields or pairs changed
	Invalid  int    `json:"invalid"`
	Orphaned int    `json:"orphaned"`
}

// InputFile is one file the run read.
type InputFile struct {
	Path   string `json:"path"` // relative to its --in root
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256,omitempty"` // empty for files too large to read
}

// commit is the VCS revision the binary was built from, when the build
// recorded it (Makefile passes it with -ldflags, go build records it with
// -buildvcs).
var commit = ""

func buildCommit() string {
	if commit != "" {
		return commit
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				return s.Value
			}
		}
	}
	return "unknown"
}

func writeManifest(dir string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "manifest.json"), append(b, '\n'), 0o644)
}

// Commit is the VCS revision breachtrend was built from ("unknown" when
// the build did not record it), as manifests record it.
func Commit() string { return buildCommit() }

// RulesVersion names the extraction rules of this executable, as manifests
// record it and the segment cache is keyed by.
func RulesVersion() string { return rulesVersion() }
