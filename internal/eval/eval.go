// Package eval scores a run of the pipeline (the notices table) against gold
// labels, exactly as testdata/gold/GUIDE.md ("One gold record", "Scoring")
// defines it.
//
// How this package reads the points the GUIDE leaves open:
//
//   - Matching. A gold record's source is compared with the base name of the
//     segment's source_path (sub-folders ignored; a "#line" suffix of a JSON
//     Lines source is also tried without the suffix). The snippet is found in
//     a segment's text after NFKC, keeping only letters and digits
//     (unicode.IsLetter or unicode.IsDigit) on both sides; no case folding.
//     Of several segments that contain it, the one with the shortest such key
//     (in runes) wins; a tie goes to the earlier segment in the input. Several gold
//     records may match the same segment.
//   - Unmatched. A gold record that matches no segment is a miss on
//     is_incident and on every field accuracy and stated accuracy it is
//     counted in; it is listed in Report.Unmatched (not in Report.Misses). It
//     never counts as invented (nothing was extracted), but it does count in
//     the invented denominator. Its data types all count as false negatives.
//   - Which records a field is scored on. is_incident over all records; every
//     other field over records whose gold is_incident is true, whatever the
//     run said about is_incident.
//   - final_report is a non-null BOOLEAN column whose false means "the text
//     does not say it is the final report". For stated accuracy and invented
//     it is therefore read like the other fields with false in the role of
//     null: a list holds a value when it lists true, a run "got a value" when
//     it said true. (Read otherwise, a run that extracts nothing would not
//     score 0 on hard, as the GUIDE says it does.) Accuracy is plain
//     membership of the extracted boolean in the list.
//   - Values. Strings are compared after NFKC and trimming space; an empty
//     string counts as null (the notices table uses "" for "not stated").
//     Organizations are compared after NFKC, removing all white space and the
//     legal-form words of the GUIDE (see legalForms). Integers compare as
//     integers.
//   - score is the mean of the 11 field accuracies (is_incident and the 10
//     extracted fields: the GUIDE's "field accuracies" include is_incident)
//     and the data-type F1: 12 numbers. hard is the mean of the stated
//     accuracies of the 9 fields of the GUIDE's field table (is_incident has
//     no lists, so no stated accuracy; final_report is not in the table and
//     is shown apart) and the data-type F1: 10 numbers. A field with no
//     record to score (for stated accuracy: no record whose list holds a
//     value) is left out of the mean rather than counted as 0 or 1.
//   - Kinds: Score also scores the notices quoted under a blog header (the
//     gold states a case id) and the organizations' own pages apart, since
//     a header names the organization and the date and a page does not.
//   - data_types: micro-averaged over incident records: TP, FP and FN are
//     summed over records (sets, duplicates ignored), P = TP/(TP+FP),
//     R = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN). A ratio whose denominator is 0
//     is 1 when the run made no data-type error at all and 0 otherwise.
//
// With the seed gold, a run that segments correctly but extracts nothing
// (every field null, is_incident false) scores hard 0 as the GUIDE says, but
// score 0.302, not "about 0.5": the seeds state most case ids and
// organizations, and the is_incident accuracy of such a run is only 2/26
// (on shared/gold/dev.jsonl it is 0.453). See TestEmptyRun.
package eval

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Segment is one row of the notices table as eval needs it. Nil pointers
// and empty strings are null.
type Segment struct {
	SourcePath     string   `json:"source_path"`
	SegmentIndex   int      `json:"segment_index"`
	Text           string   `json:"text"`
	IsIncident     bool     `json:"is_incident"`
	CaseID         *string  `json:"case_id"`
	ReportSeq      *int64   `json:"report_seq"`
	FinalReport    bool     `json:"final_report"`
	Organization   *string  `json:"organization"`
	PublishedDate  *string  `json:"published_date"` // YYYY-MM-DD
	DiscoveredDate *string  `json:"discovered_date"`
	OccurredDate   *string  `json:"occurred_date"`
	AffectedCount  *int64   `json:"affected_count"`
	Cause          *string  `json:"cause"`
	Sector         *string  `json:"sector"`
	DataTypes      []string `json:"data_types"`
	// Evidence maps a field name (organization, cause, affected_count,
	// discovered_date) to the sentence its value came from.
	Evidence map[string]string `json:"evidence,omitempty"`
	// Extracted maps each field an analyst corrected to the value the
	// extractor gave (notices.extracted_values), "" for none.
	Extracted map[string]string `json:"extracted,omitempty"`
}

// FieldScore is the result of one field.
type FieldScore struct {
	Field string

	Correct, N int     // accuracy = Correct/N
	Accuracy   float64 // 0 when N is 0

	// Stated accuracy: over records whose list holds a value, the share where
	// a non-null extracted value is in the list. Always 0/0 for is_incident.
	StatedCorrect, StatedN int
	Stated                 float64 // 0 when StatedN is 0

	// Invented: over records whose list is only [null], how many got a value.
	Invented, InventedN int
}

// PRF is a micro-averaged precision, recall and F1.
type PRF struct {
	TP, FP, FN            int
	Precision, Recall, F1 float64
}

// Miss is one field of one matched gold record that the run got wrong.
type Miss struct {
	Line         int // gold record's line
	Source       string
	Snippet      string
	SourcePath   string // matched segment
	SegmentIndex int
	Field        string
	Expected     []string // acceptable values as printed (null, "text", 12, true)
	Got          string   // extracted value as printed
	Evidence     string   // the segment's evidence sentence for the field, if any
	// Missing and Extra are set for data_types: gold types not extracted,
	// and extracted types not in the gold.
	Missing, Extra []string
	// NullAccepted marks a stated-accuracy miss: nothing was extracted, which
	// the gold accepts, but the text states a value (counts against hard).
	NullAccepted bool
}

// Report is the result of Score.
type Report struct {
	Records, Incidents, Matched int
	Fields                      []FieldScore // is_incident first, then the fields in GUIDE order
	DataTypes                   PRF
	Score, Hard                 float64
	Misses                      []Miss // in gold order, then field order
	Unmatched                   []Gold
	// Kinds scores the notices quoted under a blog header and the
	// organizations' own pages apart (set by Score, not within a kind).
	Kinds []KindScore
	// Extractor, when analysts corrected fields (CorrectedFields of
	// CorrectedNotices notices), is the score of the extractor alone: the
	// same run with every corrected field set back to its extracted value.
	Extractor                         *Report
	CorrectedFields, CorrectedNotices int
}

// KindScore is the report of one kind of notice.
type KindScore struct {
	Kind   string
	Report Report
}

// Field returns the score of the named field.
func (r Report) Field(name string) (FieldScore, bool) {
	for _, f := range r.Fields {
		if f.Field == name {
			return f, true
		}
	}
	return FieldScore{}, false
}

// fieldNames are the extracted fields scored by accuracy, in GUIDE order.
var fieldNames = []string{
	"case_id", "report_seq", "final_report", "organization", "published_date",
	"discovered_date", "occurred_date", "affected_count", "cause", "sector",
}

// value is a scored value in canonical form.
type value struct {
	set  bool   // false: null, "not stated" (final_report: false)
	key  string // compared for equality when set
	show string // as printed
}

func nullValue() value { return value{show: "null"} }

func strValue(s *string, canon func(string) string) value {
	if s == nil || strings.TrimSpace(*s) == "" {
		return nullValue()
	}
	return value{set: true, key: canon(*s), show: strconv.Quote(*s)}
}

func intValue(n *int64) value {
	if n == nil {
		return nullValue()
	}
	s := strconv.FormatInt(*n, 10)
	return value{set: true, key: s, show: s}
}

func boolValue(b bool) value {
	if !b {
		return value{show: "false"}
	}
	return value{set: true, key: "true", show: "true"}
}

func canonString(s string) string { return strings.TrimSpace(norm.NFKC.String(s)) }

// legalForms are the legal-form words removed from organization names before
// comparing, as they read after NFKC ("（株）" and "㈱" become "(株)"). Longer
// words come first so that 地方独立行政法人 goes as a whole.
var legalForms = strings.NewReplacer(
	"地方独立行政法人", "", "特定非営利活動法人", "",
	"一般社団法人", "", "一般財団法人", "", "公益社団法人", "", "公益財団法人", "",
	"国立大学法人", "", "独立行政法人", "", "社会福祉法人", "",
	"株式会社", "", "有限会社", "", "合同会社", "", "学校法人", "", "医療法人", "",
	"(株)", "",
)

// CanonOrganization is the form organizations are compared in: NFKC, all
// white space removed, then the GUIDE's legal-form words removed.
func CanonOrganization(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	return legalForms.Replace(s)
}

// goldValues and segValue give a field's acceptable values and extracted value.
func goldValues(g *Gold, field string) []value {
	strs := func(l []*string, canon func(string) string) []value {
		out := make([]value, len(l))
		for i, s := range l {
			out[i] = strValue(s, canon)
		}
		return out
	}
	ints := func(l []*int64) []value {
		out := make([]value, len(l))
		for i, n := range l {
			out[i] = intValue(n)
		}
		return out
	}
	switch field {
	case "case_id":
		return strs(g.CaseID, canonString)
	case "report_seq":
		return ints(g.ReportSeq)
	case "final_report":
		out := make([]value, len(g.FinalReport))
		for i, b := range g.FinalReport {
			out[i] = boolValue(b)
		}
		return out
	case "organization":
		return strs(g.Organization, CanonOrganization)
	case "published_date":
		return strs(g.PublishedDate, canonString)
	case "discovered_date":
		return strs(g.DiscoveredDate, canonString)
	case "occurred_date":
		return strs(g.OccurredDate, canonString)
	case "affected_count":
		return ints(g.AffectedCount)
	case "cause":
		return strs(g.Cause, canonString)
	case "sector":
		return strs(g.Sector, canonString)
	}
	panic("eval: unknown field " + field)
}

func segValue(s *Segment, field string) value {
	switch field {
	case "case_id":
		return strValue(s.CaseID, canonString)
	case "report_seq":
		return intValue(s.ReportSeq)
	case "final_report":
		return boolValue(s.FinalReport)
	case "organization":
		return strValue(s.Organization, CanonOrganization)
	case "published_date":
		return strValue(s.PublishedDate, canonString)
	case "discovered_date":
		return strValue(s.DiscoveredDate, canonString)
	case "occurred_date":
		return strValue(s.OccurredDate, canonString)
	case "affected_count":
		return intValue(s.AffectedCount)
	case "cause":
		return strValue(s.Cause, canonString)
	case "sector":
		return strValue(s.Sector, canonString)
	}
	panic("eval: unknown field " + field)
}

func contains(list []value, v value) bool {
	for _, a := range list {
		if a.set == v.set && (!v.set || a.key == v.key) {
			return true
		}
	}
	return false
}

// matchKey is the text as matching compares it: NFKC, letters and digits only.
func matchKey(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// baseName is the last element of a slash- or backslash-separated path.
func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// matcher finds the segment a gold record refers to.
type matcher struct {
	segs   []Segment
	byFile map[string][]int // base name -> segment indexes into segs
	keys   []string         // matchKey of each segment's text
	lens   []int            // its length in runes
}

func newMatcher(segs []Segment) *matcher {
	m := &matcher{segs: segs, byFile: map[string][]int{}, keys: make([]string, len(segs)), lens: make([]int, len(segs))}
	for i := range segs {
		m.keys[i] = matchKey(segs[i].Text)
		m.lens[i] = utf8.RuneCountInString(m.keys[i])
		base := baseName(segs[i].SourcePath)
		m.byFile[base] = append(m.byFile[base], i)
		if j := strings.IndexByte(base, '#'); j >= 0 {
			m.byFile[base[:j]] = append(m.byFile[base[:j]], i)
		}
	}
	return m
}

// match returns the index of the shortest segment of the gold record's file
// whose key contains the snippet's key, or -1.
func (m *matcher) match(g *Gold) int {
	snip := matchKey(g.Snippet)
	if snip == "" {
		return -1
	}
	best := -1
	for _, i := range m.byFile[g.Source] {
		if strings.Contains(m.keys[i], snip) && (best < 0 || m.lens[i] < m.lens[best]) {
			best = i
		}
	}
	return best
}

// Match returns, for every gold record, the index into segs of the segment it
// matches, or -1.
func Match(gold []Gold, segs []Segment) []int {
	m := newMatcher(segs)
	out := make([]int, len(gold))
	for i := range gold {
		out[i] = m.match(&gold[i])
	}
	return out
}

func set(list []string) map[string]bool {
	out := make(map[string]bool, len(list))
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out[s] = true
		}
	}
	return out
}

func minus(a, b map[string]bool) []string {
	var out []string
	for s := range a {
		if !b[s] {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func sortedKeys(a map[string]bool) []string {
	return minus(a, nil)
}

// Score scores segs against gold (see the package comment for the rules).
func Score(gold []Gold, segs []Segment) Report {
	r := score(gold, segs)
	var header, ownPage []Gold
	for _, g := range gold {
		if hasBlogHeader(&g) {
			header = append(header, g)
		} else {
			ownPage = append(ownPage, g)
		}
	}
	r.Kinds = []KindScore{{"blog header", score(header, segs)}, {"own page", score(ownPage, segs)}}
	if own, fields, notices := Uncorrected(segs); fields > 0 {
		e := Score(gold, own)
		r.Extractor, r.CorrectedFields, r.CorrectedNotices = &e, fields, notices
	}
	return r
}

// hasBlogHeader tells the notices quoted under a blog header (the gold
// states their case id) from organizations' own pages, where the extractor
// has no header line to read the organization and the date from.
func hasBlogHeader(g *Gold) bool {
	for _, c := range g.CaseID {
		if c != nil {
			return true
		}
	}
	return false
}

// inHard reports whether a field's stated accuracy counts in hard: the
// fields of the GUIDE's field table. final_report is not one of them (its
// few stated cases per set would move hard by up to 0.03), so it is shown
// apart. (Its accuracy stays in score, whose empty-run floor it keeps.)
func inHard(field string) bool { return field != "final_report" }

func score(gold []Gold, segs []Segment) Report {
	var r Report
	matches := Match(gold, segs)
	isInc := FieldScore{Field: "is_incident"}
	fields := make([]FieldScore, len(fieldNames))
	for i, f := range fieldNames {
		fields[i].Field = f
	}
	var dt PRF
	for gi := range gold {
		g := &gold[gi]
		r.Records++
		var seg *Segment
		if matches[gi] >= 0 {
			seg = &segs[matches[gi]]
			r.Matched++
		} else {
			r.Unmatched = append(r.Unmatched, *g)
		}
		miss := func(field string, expected []string, got string) Miss {
			m := Miss{Line: g.Line, Source: g.Source, Snippet: g.Snippet, SourcePath: seg.SourcePath,
				SegmentIndex: seg.SegmentIndex, Field: field, Expected: expected, Got: got}
			m.Evidence = strings.TrimSpace(seg.Evidence[field])
			return m
		}

		isInc.N++
		if seg != nil {
			if seg.IsIncident == g.IsIncident {
				isInc.Correct++
			} else {
				r.Misses = append(r.Misses, miss("is_incident",
					[]string{strconv.FormatBool(g.IsIncident)}, strconv.FormatBool(seg.IsIncident)))
			}
		}
		if !g.IsIncident {
			continue
		}
		r.Incidents++
		for fi, f := range fieldNames {
			fs := &fields[fi]
			want := goldValues(g, f)
			stated, onlyNull := false, true
			for _, v := range want {
				if v.set {
					stated, onlyNull = true, false
				}
			}
			fs.N++
			if stated {
				fs.StatedN++
			}
			if onlyNull {
				fs.InventedN++
			}
			if seg == nil {
				continue
			}
			got := segValue(seg, f)
			ok := contains(want, got)
			if ok {
				fs.Correct++
				if stated && got.set {
					fs.StatedCorrect++
				}
			}
			if onlyNull && got.set {
				fs.Invented++
			}
			if !ok || (stated && !got.set) {
				shown := make([]string, len(want))
				for i, v := range want {
					shown[i] = v.show
				}
				m := miss(f, shown, got.show)
				m.NullAccepted = ok
				r.Misses = append(r.Misses, m)
			}
		}
		wantDT := set(g.DataTypes)
		var gotDT map[string]bool
		if seg != nil {
			gotDT = set(seg.DataTypes)
		}
		missing, extra := minus(wantDT, gotDT), minus(gotDT, wantDT)
		dt.TP += len(wantDT) - len(missing)
		dt.FN += len(missing)
		dt.FP += len(extra)
		if seg != nil && len(missing)+len(extra) > 0 {
			m := miss("data_types", quoteAll(sortedKeys(wantDT)), "["+strings.Join(quoteAll(sortedKeys(gotDT)), ", ")+"]")
			m.Missing, m.Extra = missing, extra
			r.Misses = append(r.Misses, m)
		}
	}

	isInc.Accuracy = ratio(isInc.Correct, isInc.N)
	r.Fields = append([]FieldScore{isInc}, fields...)
	for i := range r.Fields {
		f := &r.Fields[i]
		f.Accuracy = ratio(f.Correct, f.N)
		f.Stated = ratio(f.StatedCorrect, f.StatedN)
	}
	errs := dt.FP + dt.FN
	dt.Precision = ratioOr(dt.TP, dt.TP+dt.FP, errs == 0)
	dt.Recall = ratioOr(dt.TP, dt.TP+dt.FN, errs == 0)
	dt.F1 = ratioOr(2*dt.TP, 2*dt.TP+errs, true)
	r.DataTypes = dt

	var score, hard []float64
	for _, f := range r.Fields {
		if f.N > 0 {
			score = append(score, f.Accuracy)
		}
		if f.StatedN > 0 && inHard(f.Field) {
			hard = append(hard, f.Stated)
		}
	}
	if r.Incidents > 0 {
		score = append(score, dt.F1)
		hard = append(hard, dt.F1)
	}
	r.Score, r.Hard = mean(score), mean(hard)
	return r
}

func ratio(num, den int) float64 { return ratioOr(num, den, false) }

// ratioOr is num/den, or 1 (if empty1) or 0 when den is 0.
func ratioOr(num, den int, empty1 bool) float64 {
	if den == 0 {
		if empty1 {
			return 1
		}
		return 0
	}
	return float64(num) / float64(den)
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}
