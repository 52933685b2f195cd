package report

import "fmt"

// BarChart is a horizontal bar chart laid out for the SVG template: the
// geometry is computed here, the template only places it.
type BarChart struct {
	Title         string
	Width, Height int
	LabelX, BarX  int // right edge of the labels; left edge of the bars
	Bars          []Bar
}

// Bar is one labelled bar.
type Bar struct {
	Label, Value string
	Y, TextY, W  int
	Highlight    bool
}

const (
	chartWidth  = 720
	chartLabelW = 260
	chartBarMax = 380
	chartRow    = 24
	chartBar    = 16
)

// newBarChart lays out one bar per value; values are scaled to the
// largest. highlight, when not nil, marks bars to draw in the accent.
func newBarChart(title string, labels []string, values []float64, shown []string, highlight func(int) bool) *BarChart {
	c := &BarChart{Title: title, Width: chartWidth, LabelX: chartLabelW - 8, BarX: chartLabelW,
		Height: len(values)*chartRow + 8}
	top := 0.0
	for _, v := range values {
		top = max(top, v)
	}
	for i, v := range values {
		w := 0
		if top > 0 {
			w = int(v / top * chartBarMax)
		}
		if v > 0 && w < 2 {
			w = 2
		}
		y := 4 + i*chartRow
		c.Bars = append(c.Bars, Bar{Label: labels[i], Value: shown[i], Y: y, TextY: y + chartBar - 3, W: w,
			Highlight: highlight != nil && highlight(i)})
	}
	return c
}

// Charts are the report's charts, nil when there is nothing to draw.
type Charts struct {
	History              *ColumnChart
	Cause, Sector, Delay *BarChart
	DelayByCause         *DotPlot
}

func (r *Report) charts() Charts {
	var c Charts
	if len(r.History) > 0 {
		c.History = newColumnChart(fmt.Sprintf("Incidents per quarter, %s to %s: every quarter shown, empty ones as 0; %s highlighted; right: incidents on no quarter",
			r.History[0].Quarter, r.History[len(r.History)-1].Quarter, r.Quarter), r.Quarter, r.History, r.Coverage.YearOnly, r.Coverage.Undated)
	}
	if len(r.DelayByCause) > 0 {
		c.DelayByCause = newDotPlot("Disclosure delay of each incident by cause (days, log scale; the bar is the median)", r.DelayByCause)
	}
	group := func(title string, gs []Group) *BarChart {
		if len(gs) == 0 {
			return nil
		}
		var labels, shown []string
		var vals []float64
		for _, g := range gs {
			labels = append(labels, g.Label)
			vals = append(vals, float64(g.Incidents))
			shown = append(shown, thousands(g.Incidents))
		}
		return newBarChart(title, labels, vals, shown, nil)
	}
	c.Cause = group("Incidents by cause", r.ByCause)
	c.Sector = group("Incidents by sector", r.BySector)
	if r.Delay.Known > 0 {
		var labels, shown []string
		var vals []float64
		for _, b := range r.Delay.Buckets {
			labels = append(labels, b.Label)
			vals = append(vals, float64(b.Count))
			shown = append(shown, thousands(b.Count))
		}
		c.Delay = newBarChart("Disclosure delay (first published − discovered)", labels, vals, shown, nil)
	}
	return c
}
