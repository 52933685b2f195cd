package rules

import (
	"slices"
	"strings"
	"testing"
)

// TestPartsNamesAList: @ and a rule file's path among a part's words
// stands for that list's words, in place; a path that is no rule file is
// an error naming the line.
func TestPartsNamesAList(t *testing.T) {
	row := func(words string) []Row {
		return []Row{{File: "timeline/f.tsv", Line: 3, Fields: []string{"state", words}}}
	}
	part, err := Parts(row("状態|@text/leak_words.tsv|紛失"), []string{"state"})
	want := append(append([]string{"状態"}, Words("text/leak_words.tsv")...), "紛失")
	if err != nil || !slices.Equal(part["state"], want) {
		t.Errorf("state = %q, %v; want %q", part["state"], err, want)
	}
	_, err = Parts(row("状態|@text/leak_word.tsv"), []string{"state"})
	if err == nil || !strings.Contains(err.Error(), `timeline/f.tsv:3: "@text/leak_word.tsv": no such rule file`) {
		t.Errorf("error %v, want one naming timeline/f.tsv:3 and the missing file", err)
	}
}
