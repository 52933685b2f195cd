package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// mdEscaper makes untrusted text inert in Markdown: HTML characters become
// entities (so embedded HTML is text) and Markdown punctuation is
// backslash-escaped; line breaks become spaces so a value stays in its
// table cell.
var mdEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`,
	"#", `\#`, "~", `\~`, "!", `\!`,
	"\r\n", " ", "\n", " ", "\r", " ",
)

// md escapes s for Markdown text.
func md(s string) string { return mdEscaper.Replace(s) }

// WriteMarkdown writes r as Markdown: the HTML report's content, with the
// charts given as tables.
func WriteMarkdown(w io.Writer, r *Report) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	row := func(cells ...string) { p("| %s |\n", strings.Join(cells, " | ")) }
	head := func(cells ...string) {
		row(cells...)
		seps := make([]string, len(cells))
		for i := range seps {
			seps[i] = "---"
		}
		row(seps...)
	}

	p("# Quarterly review of security incidents: %s\n\n", r.Quarter)
	p("From the breachtrend tables. Compared with the previous quarter (%s) and the same quarter a year before (%s).\n\n", r.Previous, r.YearAgo)
	if r.Empty {
		p("**No incidents were recorded in %s**: no incident of the tables was first published (or, without a publication date, discovered) in this quarter.\n\n", r.Quarter)
	}
	p("## Headline figures\n\n")
	head("Figure", r.Quarter, "n", r.Previous, "n", "change", r.YearAgo, "n", "change")
	for _, m := range r.Headline {
		row(m.Name, figure(m.Current, m.Unit), nOf(m.CurN), figure(m.Prev, m.Unit), nOf(m.PrevN), delta(m.Current, m.Prev, m.Unit, m.CurN, m.PrevN),
			figure(m.YearAgoV, m.Unit), nOf(m.YearAgoN), delta(m.Current, m.YearAgoV, m.Unit, m.CurN, m.YearAgoN))
	}
	p("\nn is what each figure is computed over; a change on a base under 10 is shown as the two values, not as a percentage. **%d of %d incidents state a count**; people affected sums those counts and is blank, not 0, when none does. Incidents count reporting organizations; distinct events count the clients of one breached contractor once. Delays are first publication − discovery; negative delays are left out.\n\n", r.WithCount, len(r.All))
	if len(r.History) > 0 {
		p("Incidents per quarter, every quarter from %s to %s (empty ones 0):\n\n", r.History[0].Quarter, r.History[len(r.History)-1].Quarter)
		head("Quarter", "incidents")
		for i := 0; i < len(r.History); i++ {
			h := r.History[i]
			q := md(h.Quarter)
			if q == r.Quarter {
				q = "**" + q + "**"
			}
			// A run of empty quarters is one row: the axis stays
			// continuous without a line per empty quarter.
			j := i
			for j+1 < len(r.History) && h.Incidents == 0 && r.History[j+1].Incidents == 0 && r.History[j+1].Quarter != r.Quarter && h.Quarter != r.Quarter {
				j++
			}
			if j > i {
				q = fmt.Sprintf("%s – %s (%d empty quarters)", md(h.Quarter), md(r.History[j].Quarter), j-i+1)
				i = j
			}
			row(q, thousands(h.Incidents))
		}
		row("year only (case number)", thousands(r.Coverage.YearOnly))
		row("undated", thousands(r.Coverage.Undated))
		p("\n%d of %d incidents are placed in a quarter; %d could not be: %d only by the year of their blog case number, %d undated (no date and no case number).\n\n",
			r.Coverage.Placed(), r.Coverage.Incidents, r.Coverage.Unplaced(), r.Coverage.YearOnly, r.Coverage.Undated)
	}
	if r.Empty {
		writeCoverageMD(p, head, row, r)
		return b.Flush()
	}

	groups := func(title string, gs []Group) {
		p("## %s\n\n", title)
		head("", "incidents", "state a count", "people (stated)", "median delay (days)", "n (delay)")
		for _, g := range gs {
			row(md(g.Label), thousands(g.Incidents), fmt.Sprintf("%d of %d", g.WithCount, g.Incidents), optPeople(g.People), daysF(g.MedianDelay), nOf(g.DelayN))
		}
		p("\n")
	}
	groups("Incidents by cause", r.ByCause)
	groups("Incidents by sector", r.BySector)

	p("## Cause × sector\n\n")
	m := r.Matrix
	cols := []string{"cause \\ sector"}
	for _, s := range m.Sectors {
		cols = append(cols, md(orDash(s)))
	}
	head(append(cols, "all")...)
	for i, cells := range m.Cells {
		line := []string{md(m.Causes[i])}
		for _, c := range cells {
			line = append(line, fmt.Sprint(c.N))
		}
		row(append(line, fmt.Sprint(m.RowTotals[i]))...)
	}
	total := []string{"all"}
	for _, n := range m.ColTotals {
		total = append(total, fmt.Sprint(n))
	}
	row(append(total, fmt.Sprint(m.Total))...)
	p("\n")

	d := r.Delay
	p("## Disclosure delay\n\n%d of the quarter's incidents state both dates", d.Known)
	if d.Unknown > 0 {
		p("; %d do not", d.Unknown)
	}
	if d.Negative > 0 {
		p("; %d with a negative delay are left out", d.Negative)
	}
	p(".\n\n")
	if d.Known > 0 {
		head("n", "median", "p75", "p90", "within 5 days", "within 30 days", "within 60 days")
		of := fmt.Sprintf(" of %d", d.Known)
		row(nOf(d.Known), daysF(d.Median)+" days", daysF(d.P75)+" days", daysF(d.P90)+" days",
			percent(d.Within5)+of, percent(d.Within30)+of, percent(d.Within60)+of)
		p("\n")
		head("Cause", "n", "median", "every delay (days)")
		for _, c := range r.DelayByCause {
			ds := make([]string, len(c.Days))
			for i, x := range c.Days {
				ds[i] = fmt.Sprint(x)
			}
			row(md(c.Cause), nOf(int64(len(c.Days))), daysUnit(c.Median), strings.Join(ds, ", "))
		}
		p("\n")
		head("Delay", "incidents")
		for _, bk := range d.Buckets {
			row(md(bk.Label), thousands(bk.Count))
		}
		p("\n")
	}

	a := r.APPI
	p("## APPI clock compliance\n\n%d of %d incidents are reportable to the Personal Information Protection Commission under the amended APPI (as far as the notices tell).\n\n", a.Reportable, a.Incidents)
	if len(a.Reasons) > 0 {
		head("Reason", "incidents")
		for _, x := range a.Reasons {
			row(md(x.Label), thousands(x.Count))
		}
		p("\n")
	}
	if a.Reportable > 0 {
		head("Deadline", "n (reportable)", "met", "missed", "cannot tell", "met, of those that tell")
		row("速報 (preliminary report) within 5 days of discovery", nOf(a.Reportable), fmt.Sprint(a.PrelimMet), fmt.Sprint(a.PrelimMissed), fmt.Sprint(a.PrelimUnknown), share(a.PrelimMet, a.PrelimMet+a.PrelimMissed))
		row("確報 (final report) within 30 days (60 for malicious acts)", nOf(a.Reportable), fmt.Sprint(a.FinalMet), fmt.Sprint(a.FinalMissed), fmt.Sprint(a.FinalUnknown), share(a.FinalMet, a.FinalMet+a.FinalMissed))
		p("\n\"Cannot tell\": the notices do not give the date of the report to the Commission.\n\n")
	}
	if len(a.Missed) > 0 {
		p("Reportable incidents that missed a deadline:\n\n")
		for _, in := range a.Missed {
			p("- %s (%s): 速報 %s, 確報 %s\n", md(orDash(in.Organization)), md(in.ID), clock(in.Prelim), clock(in.Final))
		}
		p("\n")
	}

	p("## Largest incidents by people affected\n\n")
	if len(r.Top) == 0 {
		p("No incident of the quarter states how many people were affected.\n\n")
	} else {
		head("#", "Organization", "people", "cause", "sector", "first published")
		for i, in := range r.Top {
			row(fmt.Sprint(i+1), md(orDash(in.Organization)), people(in.People, in.Approx), md(orDash(in.Cause)), md(in.SectorName), md(orDash(in.Published)))
		}
		p("\n")
	}

	p("## Terms of the quarter\n\n")
	switch {
	case !r.HasTerms:
		p("This run has no terms_quarterly table: rerun `breachtrend run` to build it.\n\n")
	case len(r.Rising) == 0:
		p("No term occurs in a larger share of this quarter's incidents than of the rest of the corpus.\n\n")
	default:
		p("Nouns that occur in more of this quarter's incidents than of the rest of the corpus's, ranked by lift; notice boilerplate is left out by a stop list.\n\n")
		head("Term", "incidents "+r.Quarter, "rest of the corpus", "lift", "occurrences")
		for _, t := range r.Rising {
			term := md(t.Term)
			if t.New {
				term += " **new**"
			}
			row(term, share(t.Incidents, t.QuarterN), share(t.RestIncidents, t.RestN), lift2(t.Lift), fmt.Sprint(t.Occurrences))
		}
		p("\n")
	}

	p("## Every incident of %s\n\n", r.Quarter)
	for _, in := range r.All {
		p("### %s\n\n", md(orDash(in.Organization)))
		p("- id %s", md(in.ID))
		if in.CaseID != "" {
			p(", case %s", md(in.CaseID))
		}
		p("; cause %s; sector %s; people %s\n", md(orDash(in.Cause)), md(in.SectorName), people(in.People, in.Approx))
		p("- discovered %s; first published %s; delay %s days\n", md(orDash(in.Discovered)), md(orDash(in.Published)), days(in.Delay))
		if in.Reportable {
			p("- APPI: reportable (%s); 速報 %s, 確報 %s\n", md(in.Reason), clock(in.Prelim), clock(in.Final))
		} else {
			p("- APPI: not reportable\n")
		}
		p("- notices:\n")
		for i, n := range in.Notices {
			p("  %d. %s %s — source %s", i+1, md(orDash(n.Published)), md(n.Title), md(n.Source))
			if n.URL != "" {
				p(" — %s", md(n.URL))
			}
			p("\n")
			if n.Evidence != "" {
				p("     cause: “%s”\n", md(clip(n.Evidence)))
			}
		}
		p("\n")
	}
	writeCoverageMD(p, head, row, r)
	return b.Flush()
}

// writeCoverageMD writes the Coverage and limits section, the published
// statistics and the closing line.
func writeCoverageMD(p func(string, ...any), head, row func(...string), r *Report) {
	c := r.Coverage
	p("## Coverage and limits\n\n")
	p("- %d segments read, %d of them incident notices", c.Segments, c.Notices)
	if c.Rejects > 0 {
		p("; %d inputs rejected (see the rejects table)", c.Rejects)
	}
	p(". They make %d incidents (one per reporting organization) and %d distinct events.\n", c.Incidents, c.Events)
	p("- Placed in a quarter: %d of %d — %d by the first report's date, %d by the discovery date, %d by the occurrence date.\n",
		c.Placed(), c.Incidents, c.ByPublished, c.ByDiscovered, c.ByOccurred)
	p("- **Not placed in a quarter: %d.** %d only by the year of their blog case number", c.Unplaced(), c.YearOnly)
	for _, y := range c.YearOnlyYears {
		p(" (%s: %d)", md(y.Label), y.Count)
	}
	p(": they count in the yearly view, not in any quarter. %d undated: their notices give no publication, discovery or occurrence date and no case number; they are the `undated` row of trends_quarterly.\n", c.Undated)
	p("- Without an organization: %d. Without a stated count of people: %d (people affected leaves them out; it is not 0 for them). Cause not stated: %d. Without a usable disclosure delay: %d.\n\n",
		c.NoOrganization, c.NoCount, c.NoCause, c.NoDelay)
	p("What the corpus is: notices that organizations chose to publish, and that the collection picked up. It is not a census of breaches. Small municipal incidents are often published only in semiannual batch lists (個人情報の漏えい等事案の一括公表), not one notice each; listed companies announce more than small firms; many texts are cut to their first paragraphs, so fields are often honestly not stated.\n\n")
	if len(r.Context) > 0 {
		p("## Published statistics beside the corpus\n\n")
		cols := []string{"year", "corpus incidents"}
		for _, s := range r.ContextSources() {
			cols = append(cols, md(s))
		}
		head(cols...)
		for _, y := range r.Context {
			line := []string{fmt.Sprint(y.Year), fmt.Sprint(y.Corpus)}
			for _, s := range y.Sources {
				line = append(line, optPeople(s.All))
			}
			row(line...)
		}
		p("\n")
		cols = []string{"year"}
		for _, c := range contextCategories {
			cols = append(cols, md(c)+" corpus / TSR")
		}
		head(cols...)
		for _, y := range r.Context {
			line := []string{fmt.Sprint(y.Year)}
			for i, n := range y.CorpusCats {
				line = append(line, fmt.Sprintf("%d / %s", n, optPeople(y.Sources[0].Cats[i])))
			}
			row(line...)
		}
		p("\nSources: 東京商工リサーチ (TSR)「上場企業の個人情報漏えい・紛失事故」 (listed companies and subsidiaries, calendar year of announcement); 個人情報保護委員会 (PPC) 年次報告 (breach reports received under the APPI, fiscal year from April). They count differently from a corpus of notices: shown beside it, never merged into it.\n\n")
	}
	p("Generated by breachtrend report. Counts are what the notices state; extraction can miss or misread them.\n")
}
