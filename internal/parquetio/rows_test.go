package parquetio

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// writeRejects writes rows into dir with a writer of small row groups,
// through add, and returns the file's bytes.
func writeRejects(t *testing.T, dir string, add func(w *Writer[schemas.Reject]) error) []byte {
	t.Helper()
	w, err := Create(dir, schemas.RejectsTable, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.rowGroup = 100
	if err := add(w); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "rejects", PartName(0)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAppendAllSameFileAsAppend: rows handed over as a slice, with rows
// appended one by one before and after, make the very file that appending
// them all one by one makes (same row groups, same bytes), and the writer
// counts them.
func TestAppendAllSameFileAsAppend(t *testing.T) {
	rows := rejects(457)
	oneByOne := writeRejects(t, t.TempDir(), func(w *Writer[schemas.Reject]) error {
		for _, r := range rows {
			if err := w.Append(r); err != nil {
				return err
			}
		}
		return nil
	})
	for _, split := range [][2]int{{0, 457}, {0, 200}, {30, 457}, {30, 130}, {99, 301}, {100, 457}, {456, 457}} {
		got := writeRejects(t, t.TempDir(), func(w *Writer[schemas.Reject]) error {
			for _, r := range rows[:split[0]] {
				if err := w.Append(r); err != nil {
					return err
				}
			}
			if err := w.AppendAll(rows[split[0]:split[1]]); err != nil {
				return err
			}
			for _, r := range rows[split[1]:] {
				if err := w.Append(r); err != nil {
					return err
				}
			}
			if w.Rows() != len(rows) {
				t.Errorf("split %v: Rows() = %d, want %d", split, w.Rows(), len(rows))
			}
			return nil
		})
		if !bytes.Equal(got, oneByOne) {
			t.Errorf("split %v: the file differs from appending the rows one by one", split)
		}
	}
}

// TestAppendAllKeepsNoReference: the caller may reuse its slice once
// AppendAll returns, even for rows the writer still buffers.
func TestAppendAllKeepsNoReference(t *testing.T) {
	rows := rejects(150)
	want := writeRejects(t, t.TempDir(), func(w *Writer[schemas.Reject]) error { return w.AppendAll(rows) })
	got := writeRejects(t, t.TempDir(), func(w *Writer[schemas.Reject]) error {
		mine := rejects(150)
		err := w.AppendAll(mine)
		for i := range mine {
			mine[i] = schemas.Reject{Stage: "changed"}
		}
		return err
	})
	if !bytes.Equal(got, want) {
		t.Error("rows changed after AppendAll returned reached the file")
	}
}

// TestClosedWriterLendsItsRowBuffer: the next writer of a table starts
// with the row buffer of one closed before it, empty and cleared, instead
// of growing one again.
func TestClosedWriterLendsItsRowBuffer(t *testing.T) {
	// The buffers other tests' writers of the table left (smaller ones,
	// of a few rows) are taken first, so the one lent is this writer's.
	for takeRows(schemas.RejectsTable) != nil {
	}
	dir := t.TempDir()
	w, err := CreatePart(dir, schemas.RejectsTable, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rejects(300) {
		if err := w.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	grown := cap(w.rows)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// sync.Pool may drop what it holds at a GC; a few tries make that
	// unlikely to fail the test.
	for try := 0; ; try++ {
		rows := takeRows(schemas.RejectsTable)
		if rows != nil && cap(rows) < grown {
			// A smaller buffer another test's writer lent after the loop
			// above emptied the pool (seen once in a full run): not this
			// writer's, which is still to come.
			continue
		}
		if rows != nil {
			if len(rows) != 0 {
				t.Fatalf("lent buffer len %d cap %d, want 0 and at least %d", len(rows), cap(rows), grown)
			}
			for _, r := range rows[:cap(rows)] {
				if r != (schemas.Reject{}) {
					t.Fatalf("lent buffer holds a row: %+v", r)
				}
			}
			return
		}
		if try == 3 {
			t.Fatal("no buffer lent after a writer of the table closed")
		}
		w, err := CreatePart(dir, schemas.RejectsTable, try+1, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rejects(300) {
			w.Append(r)
		}
		w.Close()
	}
}
