package report

import (
	"fmt"
	"math"
)

// ColumnChart is the incidents per quarter on a continuous axis: one
// column per quarter from the first to the last, empty quarters drawn as
// 0, then the incidents no quarter holds (year only, undated) apart.
type ColumnChart struct {
	Title         string
	Width, Height int
	BaseY         int // y of the axis
	Columns       []Column
	Ticks         []Tick
	Extra         []Column // year only, undated: beside the axis
	Max           int64
}

// Column is one column: its quarter (or bucket), count and geometry.
type Column struct {
	Label, Value    string
	X, W, Y, H      int
	TextX, TextY    int
	Highlight, Zero bool
	ShowValue       bool
	Tooltip         string
}

// Tick is a year label under the axis.
type Tick struct {
	X     int
	Label string
}

const (
	colChartWidth  = 1040
	colChartHeight = 230
	colPlotTop     = 22
	colPlotBottom  = 190
	colLeft        = 8
	colExtraW      = 120 // room for the year-only and undated columns
)

// newColumnChart lays out the history. yearOnly and undated are drawn as
// two columns after a gap, so every incident is on the chart.
func newColumnChart(title, current string, hist []QuarterCount, yearOnly, undated int64) *ColumnChart {
	c := &ColumnChart{Title: title, Width: colChartWidth, Height: colChartHeight, BaseY: colPlotBottom}
	top := max(yearOnly, undated)
	for _, h := range hist {
		top = max(top, h.Incidents)
	}
	c.Max = top
	plotW := colChartWidth - colLeft - colExtraW
	n := max(len(hist), 1)
	step := float64(plotW) / float64(n)
	barW := max(int(step*0.8), 1)
	height := func(v int64) int {
		if top == 0 || v == 0 {
			return 0
		}
		return max(int(float64(v)/float64(top)*float64(colPlotBottom-colPlotTop)), 2)
	}
	// Year labels: every year when there is room, else every k-th.
	yearEvery := max(1, int(math.Ceil(40/(4*step))))
	for i, h := range hist {
		x := colLeft + int(float64(i)*step)
		hh := height(h.Incidents)
		col := Column{Label: h.Quarter, Value: thousands(h.Incidents), X: x, W: barW, Y: colPlotBottom - hh, H: hh,
			TextX: x + barW/2, TextY: colPlotBottom - hh - 3, Highlight: h.Quarter == current, Zero: h.Incidents == 0,
			ShowValue: h.Incidents > 0 && step >= 9, Tooltip: fmt.Sprintf("%s: %s incidents", h.Quarter, thousands(h.Incidents))}
		c.Columns = append(c.Columns, col)
		y, q, _ := ParseQuarter(h.Quarter)
		switch {
		case q == 1 && y%yearEvery == 0:
			c.Ticks = append(c.Ticks, Tick{X: x, Label: h.Quarter[:4]})
		case i == 0 && float64(5-q)*step >= 50: // room before the next year's label
			c.Ticks = append(c.Ticks, Tick{X: x, Label: h.Quarter})
		}
	}
	x := colChartWidth - colExtraW + 24
	for _, e := range []struct {
		label string
		n     int64
	}{{"year only", yearOnly}, {"undated", undated}} {
		hh := height(e.n)
		c.Extra = append(c.Extra, Column{Label: e.label, Value: thousands(e.n), X: x, W: 36, Y: colPlotBottom - hh, H: hh,
			TextX: x + 18, TextY: colPlotBottom - hh - 3, Zero: e.n == 0, ShowValue: true,
			Tooltip: fmt.Sprintf("%s: %s incidents on no quarter", e.label, thousands(e.n))})
		x += 48
	}
	return c
}

// DotPlot is every disclosure delay of the quarter as a dot, one row per
// cause, on a log scale of days, with each row's n and median.
type DotPlot struct {
	Title         string
	Width, Height int
	PlotX, PlotW  int
	AxisY         int
	Rows          []DotRow
	Ticks         []Tick
}

// DotRow is one cause's delays.
type DotRow struct {
	Label       string // cause (n=K)
	Median      string
	Y           int
	Dots        []Dot
	MedianX     int
	MedianTextX int
}

// Dot is one incident's delay.
type Dot struct {
	X, Y    int
	Tooltip string
}

const (
	dotLabelW = 230
	dotPlotW  = 640
	dotRowH   = 26
)

// dotTicks are the days marked on the axis.
var dotTicks = []int64{0, 5, 30, 60, 90, 180, 365, 730}

// newDotPlot lays out rows; the scale runs to the largest delay (at least
// 90 days) on log(1+days).
func newDotPlot(title string, rows []CauseDelays) *DotPlot {
	p := &DotPlot{Title: title, PlotX: dotLabelW, PlotW: dotPlotW, Width: dotLabelW + dotPlotW + 110}
	top := int64(90)
	for _, r := range rows {
		top = max(top, r.Days[len(r.Days)-1])
	}
	scale := func(d int64) int {
		return dotLabelW + int(math.Log1p(float64(d))/math.Log1p(float64(top))*float64(dotPlotW))
	}
	for i, r := range rows {
		y := 14 + i*dotRowH
		row := DotRow{Label: fmt.Sprintf("%s (n=%d)", r.Cause, len(r.Days)), Median: "median " + daysUnit(r.Median), Y: y,
			MedianX: scale(int64(math.Round(r.Median)))}
		row.MedianTextX = dotLabelW + dotPlotW + 8
		// Equal delays are stacked a little apart, so each dot is seen.
		seen := map[int64]int{}
		for _, d := range r.Days {
			k := seen[d]
			seen[d]++
			row.Dots = append(row.Dots, Dot{X: scale(d), Y: y + (k%3-1)*5, Tooltip: fmt.Sprintf("%s: %s", r.Cause, daysUnit(float64(d)))})
		}
		p.Rows = append(p.Rows, row)
	}
	p.AxisY = 14 + len(rows)*dotRowH - 6
	p.Height = p.AxisY + 30
	for _, t := range dotTicks {
		if t <= top {
			p.Ticks = append(p.Ticks, Tick{X: scale(t), Label: thousands(t)})
		}
	}
	return p
}
