package pipeline

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
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
	var b bytes.Buffer
	b.WriteString(derivedRecordMagic + derivedVersion + "\n")
	for _, d := range schemas.DerivedTables {
		fi, err := os.Stat(filepath.Join(dir, d.Name, derivedFile))
		if err != nil {
			return fmt.Errorf("derived table %s: %w", d.Name, err)
		}
		fmt.Fprintf(&b, "%s %d\n", d.Name, fi.Size())
	}
	sum := sha256.Sum256(b.Bytes())
	b.WriteString(hex.EncodeToString(sum[:]) + "\n")
	path := filepath.Join(dir, derivedRecordFile)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("derived tables' record: %w", err)
	}
	_, err = f.Write(b.Bytes())
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		return fmt.Errorf("derived tables' record: %w", err)
	}
	return nil
}

// checkDerivedRecord reports whether the derived tables of the output
// folder dir were built by this version's queries and their files have
// the sizes recorded; the error says why not.
func checkDerivedRecord(dir string) error {
	path := filepath.Join(dir, derivedRecordFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	bad := func(why string) error { return fmt.Errorf("%s: %s", path, why) }
	body, sum, ok := cutLastLine(b)
	if !ok {
		return bad("no checksum line")
	}
	if want := sha256.Sum256(body); hex.EncodeToString(want[:]) != sum {
		return bad("its checksum does not match its content")
	}
	sc := bufio.NewScanner(bytes.NewReader(body))
	if !sc.Scan() || sc.Text() != derivedRecordMagic+derivedVersion {
		return bad("built by other queries")
	}
	for _, d := range schemas.DerivedTables {
		if !sc.Scan() {
			return bad("no line for " + d.Name)
		}
		f := strings.Fields(sc.Text())
		if len(f) != 2 || f[0] != d.Name {
			return bad("a malformed line for " + d.Name)
		}
		size, err := strconv.ParseInt(f[1], 10, 64)
		fi, serr := os.Stat(filepath.Join(dir, d.Name, derivedFile))
		if err != nil || serr != nil || fi.Size() != size {
			return bad(d.Name + ": its file is not the one recorded")
		}
	}
	if sc.Scan() {
		return bad("more lines than derived tables")
	}
	return nil
}
