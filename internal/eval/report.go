package eval

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// snippetRunes is how much of a snippet (and evidenceRunes of an evidence
// sentence) a verbose report shows.
const (
	snippetRunes  = 16
	evidenceRunes = 160
)

// Write prints the report: with verbose, first every miss (grouped by gold
// record: source, shortened snippet, then one line per field with the
// acceptable values, the extracted value and the field's evidence sentence
// when the segment has one; data_types shows the missing and extra types) and
// every unmatched gold record. Then a table of one line per field (accuracy,
// stated accuracy k/n, invented k/n), the data-type precision, recall and F1,
// the record counts; when analysts corrected fields, the extractor's own
// hard and score beside the corrected ones; "hard: X" and, as the last
// line, "score: X" (of the tables as they are, corrections applied).
func (r Report) Write(w io.Writer, verbose bool) error {
	var b bytes.Buffer
	if verbose {
		writeMisses(&b, r)
	}
	fmt.Fprintf(&b, "%-16s %-15s %-15s %s\n", "field", "accuracy", "stated", "invented")
	for _, f := range r.Fields {
		acc := fmt.Sprintf("%.3f (%d/%d)", f.Accuracy, f.Correct, f.N)
		stated, invented := "-", "-"
		if f.Field != "is_incident" {
			if f.StatedN > 0 {
				stated = fmt.Sprintf("%.3f (%d/%d)", f.Stated, f.StatedCorrect, f.StatedN)
			} else {
				stated = "- (0/0)"
			}
			invented = fmt.Sprintf("%d/%d", f.Invented, f.InventedN)
		}
		if !inHard(f.Field) {
			invented += "  (not in hard)"
		}
		fmt.Fprintf(&b, "%-16s %-15s %-15s %s\n", f.Field, acc, stated, invented)
	}
	d := r.DataTypes
	fmt.Fprintf(&b, "%-16s P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)\n",
		"data_types", d.Precision, d.Recall, d.F1, d.TP, d.FP, d.FN)
	fmt.Fprintf(&b, "records %d, incidents %d, matched %d, unmatched %d\n",
		r.Records, r.Incidents, r.Matched, len(r.Unmatched))
	writeKinds(&b, r)
	if e := r.Extractor; e != nil {
		fmt.Fprintf(&b, "corrections: %d fields of %d notices\n", r.CorrectedFields, r.CorrectedNotices)
		fmt.Fprintf(&b, "extractor alone:  hard %.3f  score %.3f\n", e.Hard, e.Score)
		fmt.Fprintf(&b, "with corrections: hard %.3f  score %.3f  (change %+.3f, %+.3f)\n", r.Hard, r.Score, r.Hard-e.Hard, r.Score-e.Score)
	}
	fmt.Fprintf(&b, "hard: %.3f\n", r.Hard)
	fmt.Fprintf(&b, "score: %.3f\n", r.Score)
	_, err := w.Write(b.Bytes())
	return err
}

// writeKinds prints the stated accuracy of every field and hard for each
// kind of notice (blog header, own page) side by side.
func writeKinds(b *bytes.Buffer, r Report) {
	if len(r.Kinds) == 0 {
		return
	}
	fmt.Fprintf(b, "%-16s", "stated by kind")
	for _, k := range r.Kinds {
		fmt.Fprintf(b, " %-22s", fmt.Sprintf("%s (%d)", k.Kind, k.Report.Incidents))
	}
	b.WriteString("\n")
	for i, f := range r.Fields {
		if f.Field == "is_incident" {
			continue
		}
		fmt.Fprintf(b, "%-16s", f.Field)
		for _, k := range r.Kinds {
			kf := k.Report.Fields[i]
			cell := "-"
			if kf.StatedN > 0 {
				cell = fmt.Sprintf("%.3f (%d/%d)", kf.Stated, kf.StatedCorrect, kf.StatedN)
			}
			fmt.Fprintf(b, " %-22s", cell)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "%-16s", "data_types F1")
	for _, k := range r.Kinds {
		fmt.Fprintf(b, " %-22s", fmt.Sprintf("%.3f", k.Report.DataTypes.F1))
	}
	b.WriteString("\n")
	fmt.Fprintf(b, "%-16s", "hard")
	for _, k := range r.Kinds {
		fmt.Fprintf(b, " %-22s", fmt.Sprintf("%.3f", k.Report.Hard))
	}
	b.WriteString("\n")
}

func writeMisses(b *bytes.Buffer, r Report) {
	fmt.Fprintf(b, "misses: %d\n", len(r.Misses))
	for i, m := range r.Misses {
		if i == 0 || m.Line != r.Misses[i-1].Line || m.Source != r.Misses[i-1].Source {
			fmt.Fprintf(b, "  %s %q (gold line %d; segment %s #%d)\n",
				m.Source, shorten(m.Snippet, snippetRunes), m.Line, m.SourcePath, m.SegmentIndex)
		}
		if m.Field == "data_types" {
			fmt.Fprintf(b, "    data_types: missing [%s] extra [%s]\n",
				strings.Join(quoteAll(m.Missing), ", "), strings.Join(quoteAll(m.Extra), ", "))
		} else {
			note := ""
			if m.NullAccepted {
				note = " (null accepted, but the text states a value: a stated-accuracy miss)"
			}
			fmt.Fprintf(b, "    %s: expected [%s] got %s%s\n", m.Field, strings.Join(m.Expected, ", "), m.Got, note)
		}
		if m.Evidence != "" {
			fmt.Fprintf(b, "      evidence: %s\n", shorten(oneLine(m.Evidence), evidenceRunes))
		}
	}
	fmt.Fprintf(b, "unmatched: %d\n", len(r.Unmatched))
	for _, g := range r.Unmatched {
		fmt.Fprintf(b, "  %s %q (gold line %d)\n", g.Source, shorten(g.Snippet, snippetRunes), g.Line)
	}
	b.WriteString("\n")
}

func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
