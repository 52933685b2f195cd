package link

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// TestRestoredLinkerIsTheRelinkedOne: a linker restored from the snapshot
// of one that linked the first k notices is that linker (its snapshot the
// same bytes), and linking the rest on either gives every notice the same
// incident id and the same incidents.
func TestRestoredLinkerIsTheRelinkedOne(t *testing.T) {
	for seed := range uint64(30) {
		rng := rand.New(rand.NewPCG(seed, 11))
		notices := randomNotices(rng, 10+rng.IntN(400))
		k := rng.IntN(len(notices) + 1)
		relinked := NewLinker()
		for _, n := range notices[:k] {
			relinked.Add(n)
		}
		snap, err := relinked.AppendSnapshot(nil)
		if err != nil {
			t.Fatal(err)
		}
		restored, err := RestoreLinker(snap)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		again, _ := restored.AppendSnapshot(nil)
		if !bytes.Equal(again, snap) {
			t.Fatalf("seed %d: the restored linker's snapshot differs from the one it was restored from", seed)
		}
		for _, n := range notices[k:] {
			a, b := *n, *n
			relinked.Add(&a)
			restored.Add(&b)
			if a.IncidentID != b.IncidentID {
				t.Fatalf("seed %d, notice %s after %d restored: incident id %q, relinked %q", seed, n.NoticeID, k, b.IncidentID, a.IncidentID)
			}
		}
		want, got := relinked.Incidents(), restored.Incidents()
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: restored incidents differ from the relinked ones", seed)
		}
	}
}

// TestEmptyLinkerSnapshot: a linker that linked nothing restores as one.
func TestEmptyLinkerSnapshot(t *testing.T) {
	snap, err := NewLinker().AppendSnapshot(nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := RestoreLinker(snap)
	if err != nil {
		t.Fatal(err)
	}
	n := &schemas.Notice{NoticeID: "a", IsIncident: true, Organization: "架空市"}
	l.Add(n)
	if incs := l.Incidents(); len(incs) != 1 || incs[0].IncidentID != n.IncidentID {
		t.Fatalf("incidents %+v", incs)
	}
}

// TestOverriddenLinkerHasNoSnapshot: corrections are not state a
// snapshot could carry.
func TestOverriddenLinkerHasNoSnapshot(t *testing.T) {
	l := NewLinker()
	l.Override([][2]string{{"a", "b"}}, nil)
	if _, err := l.AppendSnapshot(nil); !errors.Is(err, ErrOverridden) {
		t.Fatalf("error %v, want ErrOverridden", err)
	}
}

// TestDamagedSnapshotIsRefused: a snapshot cut short anywhere, or with a
// byte more, is an error, not a linker.
func TestDamagedSnapshotIsRefused(t *testing.T) {
	l := NewLinker()
	for _, n := range randomNotices(rand.New(rand.NewPCG(5, 5)), 60) {
		l.Add(n)
	}
	snap, _ := l.AppendSnapshot(nil)
	for i := range snap {
		if _, err := RestoreLinker(snap[:i]); err == nil {
			t.Fatalf("cut at %d of %d bytes: restored", i, len(snap))
		}
	}
	if _, err := RestoreLinker(append(snap[:len(snap):len(snap)], 0)); err == nil {
		t.Fatal("a byte more: restored")
	}
}

// FuzzRestoreLinker: no input panics RestoreLinker, and a linker it
// restores links and lists its incidents without panicking.
func FuzzRestoreLinker(f *testing.F) {
	for seed := range uint64(4) {
		l := NewLinker()
		for _, n := range randomNotices(rand.New(rand.NewPCG(seed, 1)), 20) {
			l.Add(n)
		}
		snap, _ := l.AppendSnapshot(nil)
		f.Add(snap)
	}
	more := randomNotices(rand.New(rand.NewPCG(99, 1)), 10)
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := RestoreLinker(b)
		if err != nil {
			return
		}
		for _, n := range more {
			c := *n
			l.Add(&c)
		}
		l.Incidents()
	})
}

// TestWriteSnapshotInPieces: the pieces WriteSnapshot hands out are the
// bytes AppendSnapshot appends, none of them much over snapshotPiece but
// the long strings it hands on uncopied, and it never emits an empty one.
func TestWriteSnapshotInPieces(t *testing.T) {
	l := NewLinker()
	for _, n := range benchNotices(60_000, 60_000) {
		l.Add(n)
	}
	whole, _ := l.AppendSnapshot(nil)
	var got []byte
	pieces := 0
	err := l.WriteSnapshot(func(b []byte) error {
		if len(b) == 0 || len(b) > snapshotPiece+1024 && !bytes.Equal(b, l.noticeIDs) && !bytes.Equal(b, l.strings.text) {
			t.Errorf("a piece of %d bytes", len(b))
		}
		got = append(got, b...)
		pieces++
		return nil
	})
	if err != nil || !bytes.Equal(got, whole) || pieces < 3 {
		t.Fatalf("%d pieces, %d bytes, error %v; want AppendSnapshot's %d bytes in several", pieces, len(got), err, len(whole))
	}
	stop := errors.New("disk full")
	if err := l.WriteSnapshot(func([]byte) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("emit's error: %v", err)
	}
}
