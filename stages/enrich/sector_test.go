package enrich

import (
	"strings"
	"testing"
	"time"
)

// The sector rules' examples are rules/cases/sector.tsv (TestSectorCases).

func TestSectorsLoad(t *testing.T) {
	s := NewSectors()
	err := s.Load(strings.NewReader("# my list\n株式会社架空物流,H\n\n架空ソフト, g\n"), "mine.csv")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Sector("架空物流", ""); got != "H" {
		t.Errorf("loaded entry: got %q, want H", got)
	}
	if got := s.Sector("架空ソフト株式会社", ""); got != "G" {
		t.Errorf("lower-case letter: got %q, want G", got)
	}
	for _, tt := range []struct{ in, want string }{
		{"架空商事,Z\n", `mine.csv:1: want "organization,JSIC letter A-T", got "架空商事,Z"`},
		{"# ok\n架空商事\n", `mine.csv:2: want "organization,JSIC letter A-T", got "架空商事"`},
		{"架空商事,IJ\n", `mine.csv:1: want "organization,JSIC letter A-T", got "架空商事,IJ"`},
	} {
		err := NewSectors().Load(strings.NewReader(tt.in), "mine.csv")
		if err == nil || err.Error() != tt.want {
			t.Errorf("Load(%q) error = %v, want %s", tt.in, err, tt.want)
		}
	}
}

func TestBundledOrganizations(t *testing.T) {
	if n := len(NewSectors().known); n < 50 {
		t.Errorf("bundled table (rules/%s) has %d organizations", fileOrganizations, n)
	}
}

// TestOwnOfferBounded: a text that repeats a verb of offering a hundred
// thousand times in one sentence is read in bounded time, the sentence
// not walked back to its start for each verb.
func TestOwnOfferBounded(t *testing.T) {
	text := strings.Repeat("当社が提供するサービス、", 100_000)
	done := make(chan string, 1)
	go func() { done <- NewSectors().Sector("", text) }()
	select {
	case got := <-done:
		if got != "G" {
			t.Errorf("Sector = %q, want G", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Sector took more than 10 s on a 3.6 MB text of one sentence")
	}
}
