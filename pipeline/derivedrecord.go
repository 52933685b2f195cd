package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/breachtrend/breachtrend/schemas"
)

// The derived tables' record, _cache/derived.state, says which queries
// built them and the size of each file: a rerun updates the previous
// derived rows (deriveddelta.go) only when the same queries built them
// and their files are whole. Its lines: "<magic><version>", one
// "<table> <size>" per derived table, then the hex SHA-256 of the lines
// before it.
const derivedRecordFile = "_cache/derived.state"

const derivedRecordMagic = "breachtrend-derived 1 "

// derivedVersion hashes every query the derived tables are built and
// updated with: the tables' SQL, the macros and the update queries. A
// change of any makes the previous rows unusable.
var derivedVersion = func() string {
	h := sha256.New()
	for _, s := range []string{schemas.DerivedMacros, termsDeltaSQL, keyedDeltaSQL} {
		fmt.Fprintf(h, "%d\n%s", len(s), s)
	}
	for _, d := range schemas.DerivedTables {
		fmt.Fprintf(h, "%s %d\n%s", d.Name, len(d.SQL), d.SQL)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}()

// writeDerivedRecord records the derived tables of dir.
func writeDerivedRecord(dir string) error {
	lines := make([]string, 0, len(schemas.DerivedTables))
	for _, d := range schemas.DerivedTables {
		fi, err := os.Stat(filepath.Join(dir, d.Name, derivedFile))
		if err != nil {
			return fmt.Errorf("derived table %s: %w", d.Name, err)
		}
		lines = append(lines, fmt.Sprintf("%s %d", d.Name, fi.Size()))
	}
	return writeCheckedRecord(filepath.Join(dir, derivedRecordFile), "derived tables' record",
		derivedRecordMagic+derivedVersion, lines)
}

// checkDerivedRecord reports whether the derived tables of the output
// folder dir were built by this version's queries and their files have
// the sizes recorded; the error says why not.
func checkDerivedRecord(dir string) error {
	path := filepath.Join(dir, derivedRecordFile)
	lines, err := readCheckedRecord(path, derivedRecordMagic+derivedVersion, "built by other queries")
	if err != nil {
		return err
	}
	for i, d := range schemas.DerivedTables {
		if i >= len(lines) {
			return recordError(path, "no line for "+d.Name)
		}
		f := strings.Fields(lines[i])
		if len(f) != 2 || f[0] != d.Name {
			return recordError(path, "a malformed line for "+d.Name)
		}
		size, err := strconv.ParseInt(f[1], 10, 64)
		fi, serr := os.Stat(filepath.Join(dir, d.Name, derivedFile))
		if err != nil || serr != nil || fi.Size() != size {
			return recordError(path, d.Name+": its file is not the one recorded")
		}
	}
	if len(lines) > len(schemas.DerivedTables) {
		return recordError(path, "more lines than derived tables")
	}
	return nil
}
