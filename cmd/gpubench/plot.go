package main

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// writePlot draws the throughput of every measured row as a grouped bar
// chart — one group per workload (and dtype and size where the run has
// several), one bar per device — and writes it to file as a PNG. Rows in
// GB/s and in GFLOP/s get a panel each.
func writePlot(file, title string, rows []*result) error {
	type panel struct {
		unit   string
		groups []string
		vals   map[string]map[string]float64 // device → group → value
	}
	panels := []*panel{
		{unit: "GB/s", vals: map[string]map[string]float64{}},
		{unit: "GFLOP/s", vals: map[string]map[string]float64{}},
	}
	// Label groups with dtype and size only where they vary.
	dtypes, sizes := map[string]map[string]bool{}, map[string]map[int]bool{}
	for _, r := range rows {
		if dtypes[r.Workload] == nil {
			dtypes[r.Workload], sizes[r.Workload] = map[string]bool{}, map[int]bool{}
		}
		dtypes[r.Workload][r.DType] = true
		sizes[r.Workload][r.Size] = true
	}
	var devices []string
	for _, r := range rows {
		if (r.Status != statusOK && r.Status != statusFail) || r.throughput() <= 0 || r.TimedSize != r.Size {
			continue
		}
		p := panels[0]
		if r.GFLOPS > 0 {
			p = panels[1]
		}
		g := r.Workload
		if len(dtypes[r.Workload]) > 1 || r.DType != "float32" {
			g += " " + strings.Replace(r.DType, "float", "f", 1)
		}
		if len(sizes[r.Workload]) > 1 {
			g += fmt.Sprintf(" %d", r.Size)
		}
		if !slices.Contains(p.groups, g) {
			p.groups = append(p.groups, g)
		}
		if !slices.Contains(devices, r.Device) {
			devices = append(devices, r.Device)
		}
		if p.vals[r.Device] == nil {
			p.vals[r.Device] = map[string]float64{}
		}
		p.vals[r.Device][g] = r.throughput()
	}
	panels = slices.DeleteFunc(panels, func(p *panel) bool { return len(p.groups) == 0 })
	if len(panels) == 0 {
		return fmt.Errorf("-plot: no measured rows to draw")
	}

	// Horizontal bars: workload labels read level down the left, the
	// first workload at the top; throughput on a log scale, since the
	// devices differ by orders of magnitude.
	var plots []*plot.Plot
	var heights []vg.Length
	for i, pn := range panels {
		p := plot.New()
		if i == 0 {
			p.Title.Text = title
		}
		p.X.Label.Text = pn.unit + " (log scale, longer is faster)"
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.LogTicks{Prec: -1}
		lo, hi := math.Inf(1), 0.0
		for _, byGroup := range pn.vals {
			for _, v := range byGroup {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		// Whole decades, and one more on the right for the legend.
		p.X.Min = math.Pow(10, math.Floor(math.Log10(lo)))
		p.X.Max = math.Pow(10, math.Ceil(math.Log10(hi*1.01))+1)
		p.Add(plotter.NewGrid())
		n := len(pn.groups)
		for k, dev := range devices {
			b := &bars{slot: float64(len(devices)-1)/2 - float64(k), of: len(devices), color: plotutil.Color(k)}
			for gi := range pn.groups {
				b.values = append(b.values, pn.vals[dev][pn.groups[n-1-gi]]) // 0: no bar
			}
			p.Add(b)
			p.Legend.Add(dev, b)
		}
		p.Legend.Top = true
		p.Legend.YOffs = -vg.Points(4)
		labels := slices.Clone(pn.groups)
		slices.Reverse(labels)
		p.NominalY(labels...)
		plots = append(plots, p)
		heights = append(heights, vg.Length(1.2+float64(n)*(0.12*float64(len(devices))+0.1))*vg.Inch)
	}

	h := vg.Length(0)
	for _, x := range heights {
		h += x
	}
	img := vgimg.New(8*vg.Inch, h)
	dc := draw.New(img)
	top := h
	for i, p := range plots {
		c := dc
		c.Max.Y = top
		c.Min.Y = top - heights[i]
		top -= heights[i]
		p.Draw(draw.Crop(c, vg.Points(4), -vg.Points(8), vg.Points(4), -vg.Points(4)))
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// bars is one device's bars, drawn right from the left edge of the axis,
// so that they work on a log scale (plotter.BarChart starts at 0).
type bars struct {
	values []float64 // one per group, from the bottom; 0 draws nothing
	slot   float64   // this device's place in a group, centred on 0
	of     int       // devices per group
	color  color.Color
}

func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	// A group takes 80% of the distance between groups.
	thick := (trY(1) - trY(0)) * 0.8 / vg.Length(b.of)
	for i, v := range b.values {
		if v <= 0 {
			continue
		}
		y := trY(float64(i)) + thick*vg.Length(b.slot)
		y0, y1 := y-thick/2, y+thick/2
		x0, x1 := trX(p.X.Min), trX(math.Max(v, p.X.Min))
		pts := []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}}
		c.FillPolygon(b.color, c.ClipPolygonXY(pts))
	}
}

func (b *bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	ymin, ymax = -0.5, float64(len(b.values))-0.5
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for _, v := range b.values {
		if v > 0 {
			xmin, xmax = math.Min(xmin, v), math.Max(xmax, v)
		}
	}
	if xmax < xmin {
		xmin, xmax = 1, 1
	}
	return xmin, xmax, ymin, ymax
}

// Thumbnail draws the legend's swatch.
func (b *bars) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	pts := []vg.Point{{X: r.Min.X, Y: r.Min.Y}, {X: r.Min.X, Y: r.Max.Y}, {X: r.Max.X, Y: r.Max.Y}, {X: r.Max.X, Y: r.Min.Y}}
	c.FillPolygon(b.color, pts)
}
