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
	head("Figure", r.Quarter, r.Previous, "change", r.YearAgo, "change")
	for _, m := range r.Headline {
		row(m.Name, figure(m.Current, m.Unit), figure(m.Prev, m.Unit), delta(m.Current, m.Prev),
			figure(m.YearAgoV, m.Unit), delta(m.Current, m.YearAgoV))
	}
	p("\nPeople affected sums the stated counts (the latest total of each incident). Delays are first publication − discovery; negative delays are left out.\n\n")
	if len(r.History) > 0 {
		p("Incidents per quarter:\n\n")
		head("Quarter", "incidents")
		for _, h := range r.History {
			q := md(h.Quarter)
			if q == r.Quarter {
				q = "**" + q + "**"
			}
			row(q, thousands(h.Incidents))
		}
		p("\n")
	}
	if r.Empty {
		return b.Flush()
	}

	groups := func(title string, gs []Group) {
		p("## %s\n\n", title)
		head("", "incidents", "people", "median delay (days)")
		for _, g := range gs {
			row(md(g.Label), thousands(g.Incidents), thousands(g.People), daysF(g.MedianDelay))
		}
		p("\n")
	}
	groups("Incidents by cause", r.ByCause)
	groups("Incidents by sector", r.BySector)

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
		head("median", "p75", "p90", "within 5 days", "within 30 days", "within 60 days")
		row(daysF(d.Median)+" days", daysF(d.P75)+" days", daysF(d.P90)+" days",
			percent(d.Within5), percent(d.Within30), percent(d.Within60))
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
		head("Deadline", "met", "missed", "cannot tell")
		row("速報 (preliminary report) within 5 days of discovery", fmt.Sprint(a.PrelimMet), fmt.Sprint(a.PrelimMissed), fmt.Sprint(a.PrelimUnknown))
		row("確報 (final report) within 30 days (60 for malicious acts)", fmt.Sprint(a.FinalMet), fmt.Sprint(a.FinalMissed), fmt.Sprint(a.FinalUnknown))
		p("\n")
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

	p("## Rising terms\n\n")
	switch {
	case !r.HasTerms:
		p("This run has no terms_quarterly table: rerun `breachtrend run` to build it.\n\n")
	case len(r.Rising) == 0:
		p("No term's share of incidents grew against %s.\n\n", r.Previous)
	default:
		p("Nouns of the quarter's notices whose share of incidents grew most against %s.\n\n", r.Previous)
		head("Term", "incidents "+r.Quarter, "share", "incidents "+r.Previous, "share", "occurrences")
		for _, t := range r.Rising {
			term := md(t.Term)
			if t.New {
				term += " **new**"
			}
			row(term, fmt.Sprint(t.Incidents), percent(t.Share), fmt.Sprint(t.PrevIncidents), percent(t.PrevShare), fmt.Sprint(t.Occurrences))
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
	p("Generated by breachtrend report. Counts are what the notices state; extraction can miss or misread them.\n")
	return b.Flush()
}
