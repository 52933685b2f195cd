package rules

import (
	"fmt"
	"slices"
	"strings"
)

// MustParts is Parts of a bundled rule file, which is read at start-up:
// an error there is the build's, so it panics with it.
func MustParts(rows []Row, names []string) map[string][]string {
	part, err := Parts(rows, names)
	if err != nil {
		panic(err)
	}
	return part
}

// Parts reads a table of part<TAB>words (|-separated): each of names
// written once, no other. A word @ and a rule file's path
// (@text/leak_words.tsv) stands for the words of that list, in its
// order: a concept several fields read is one file, not a copy here.
func Parts(rows []Row, names []string) (map[string][]string, error) {
	part := map[string][]string{}
	for _, r := range rows {
		name := r.Fields[0]
		if !slices.Contains(names, name) {
			return nil, fmt.Errorf("rules: %s: part %q is not one of %s", r.Pos(), name, strings.Join(names, ", "))
		}
		if part[name] != nil {
			return nil, fmt.Errorf("rules: %s: part %q is written twice", r.Pos(), name)
		}
		ws := strings.Split(r.Fields[1], "|")
		if slices.Contains(ws, "") {
			return nil, fmt.Errorf("rules: %s: an empty word in %q", r.Pos(), r.Fields[1])
		}
		var out []string
		for _, w := range ws {
			list, ok := strings.CutPrefix(w, "@")
			if !ok {
				out = append(out, w)
				continue
			}
			if !slices.Contains(Files(), list) {
				return nil, fmt.Errorf("rules: %s: %q: no such rule file", r.Pos(), w)
			}
			out = append(out, Words(list)...)
		}
		part[name] = out
	}
	for _, name := range names {
		if part[name] == nil {
			return nil, fmt.Errorf("rules: %s: no %s line", rows[0].File, name)
		}
	}
	return part, nil
}
