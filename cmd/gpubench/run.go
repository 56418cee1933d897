package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/numgl/numgl/device"
)

// run is the command: it returns the exit status (0 ok, 1 a FAIL or a
// failed run, 2 a usage error).
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "devices" {
		if len(args) > 1 {
			fmt.Fprintf(stderr, "gpubench devices: unexpected argument %q\n", args[1])
			return 2
		}
		return listDevices(stdout)
	}
	if len(args) > 0 && args[0] == "calibrate" {
		return calibrate(args[1:], stdout, stderr)
	}
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "gpubench: %s\n", strings.TrimPrefix(err.Error(), errUsage.Error()+": "))
		fmt.Fprintln(stderr, "run 'gpubench -h' for the flags")
		return 2
	}
	if cfg.format == "list" {
		listWorkloads(stdout)
		return 0
	}
	return suite(cfg, stdout, stderr)
}

// openDevices opens the devices asked for, or every registered one that
// opens; skipped lists those that did not ("name\x00why").
func openDevices(names []string) (devs []device.Device, skipped []string, err error) {
	explicit := names != nil
	if !explicit {
		names = deviceFamilies()
	}
	for _, name := range names {
		d, err := device.Get(name)
		if err != nil {
			if explicit {
				return nil, nil, err
			}
			skipped = append(skipped, name+"\x00"+firstLine(err.Error()))
			continue
		}
		if !slices.Contains(devs, d) {
			devs = append(devs, d)
		}
	}
	// Table order: cpu-loop (the reference) first, then by family as
	// registered, then by number.
	fam := deviceFamilies()
	slices.SortStableFunc(devs, func(a, b device.Device) int {
		fa, _, _ := strings.Cut(a.Name(), ":")
		fb, _, _ := strings.Cut(b.Name(), ":")
		if d := slices.Index(fam, fa) - slices.Index(fam, fb); d != 0 {
			return d
		}
		return strings.Compare(a.Name(), b.Name())
	})
	return devs, skipped, nil
}

func suite(cfg *config, stdout, stderr io.Writer) int {
	start := time.Now()
	loop, err := device.Get("cpu-loop")
	if err != nil {
		fmt.Fprintf(stderr, "gpubench: the reference device: %v\n", err)
		return 1
	}
	devs, skipped, err := openDevices(cfg.devices)
	if err != nil {
		fmt.Fprintf(stderr, "gpubench: %v\n", err)
		return 1
	}
	jobs := cfg.jobs()
	if len(jobs) == 0 {
		fmt.Fprintln(stderr, "gpubench: nothing to run (no workload has the dtypes asked for)")
		return 2
	}

	var prog *progress
	if cfg.progress == progressAuto {
		if f, ok := stderr.(*os.File); ok && isTerminal(f) {
			prog = newProgress(stderr, len(jobs)*len(devs))
		}
	}
	var numpyFigs map[numpyKey]numpyFigure
	numpyNote := ""
	if cfg.numpy {
		prog.show("numpy")
		figs, script, err := runNumPy(cfg, jobs, stderr, func(w string) { prog.show("numpy: " + w) })
		prog.clear()
		switch {
		case err != nil && len(figs) == 0:
			fmt.Fprintf(stderr, "gpubench: -numpy: %v; going on without NumPy\n", err)
			numpyNote = "not run: " + firstLine(err.Error())
		case err != nil:
			fmt.Fprintf(stderr, "gpubench: -numpy: %v (keeping the %d figures it gave)\n", err, len(figs))
			fallthrough
		default:
			numpyFigs = figs
			numpyNote = numpyVersion(cfg) + ", " + shortPath(script)
		}
	}

	rep := newReporter(cfg.format, stdout, stderr, cfg.numpy, hasNumexpr(numpyFigs))
	lines := machineLines(devs, skipped)
	if cfg.numpy {
		lines = append(lines, [2]string{"numpy", numpyNote})
	}
	timing := timingSentence(cfg)
	prog.clear()
	rep.header(lines, timing)

	var all []*result
	r := &runner{cfg: cfg, devs: devs, loop: loop, prog: prog, numpy: numpyFigs,
		emit: func(res *result) {
			prog.clear()
			rep.row(res)
			all = append(all, res)
		}}
	for _, j := range jobs {
		r.runJob(j)
	}
	r.keepInputs()
	prog.clear()
	if err := rep.flush(); err != nil {
		fmt.Fprintf(stderr, "gpubench: writing results: %v\n", err)
		return 1
	}

	t := count(all, loop.Name())
	status := 0
	var failed []string
	for _, res := range all {
		if res.failed() {
			failed = append(failed, fmt.Sprintf("%s %s %d on %s: %s %s", res.Workload, res.DType, res.Size, res.Device, res.Status, res.Note))
		}
	}
	if cfg.plotFile != "" {
		title := fmt.Sprintf("numgl gpubench — %s", plotMachine(devs))
		if err := writePlot(cfg.plotFile, title, all); err != nil {
			fmt.Fprintf(stderr, "gpubench: -plot: %v\n", err)
			status = 1
		} else if cfg.format == "table" {
			fmt.Fprintf(stdout, "\nchart written to %s\n", cfg.plotFile)
		}
	}
	if len(failed) > 0 {
		fmt.Fprintf(stderr, "gpubench: %d results disagree with cpu-loop or failed:\n  %s\n", len(failed), strings.Join(failed, "\n  "))
		status = 1
	}
	summary := stdout
	if cfg.format != "table" {
		summary = stderr // keep JSON and CSV parseable
	}
	fmt.Fprintln(summary, t.line(time.Since(start)))
	return status
}

// plotMachine is the chart's short machine label.
func plotMachine(devs []device.Device) string {
	s := fmt.Sprintf("%s, %d CPUs", cpuModel(), runtime.NumCPU())
	for _, d := range devs {
		if g := gpuSummary(d); g != "" {
			r, _, _ := strings.Cut(g, " (")
			r, _, _ = strings.Cut(r, ",")
			s += "; " + d.Name() + ": " + r
		}
	}
	return s
}

func shortPath(p string) string {
	if strings.Contains(p, "gpubench-numpy-") {
		return "cmd/gpubench/numpy_bench.py"
	}
	if root := moduleRoot(); root != "" && strings.HasPrefix(p, root+string(os.PathSeparator)) {
		return strings.TrimPrefix(p, root+string(os.PathSeparator))
	}
	return p
}

func numpyVersion(cfg *config) string {
	py, err := findPython(cfg.python)
	if err != nil {
		return "NumPy"
	}
	out, err := execOutput(py, "-c", `import numpy, platform
try:
    import numexpr
    ne = ' and numexpr ' + numexpr.__version__
except ImportError:
    ne = ''
print('NumPy', numpy.__version__ + ne, 'on Python', platform.python_version())`)
	if err != nil {
		return "NumPy"
	}
	return strings.TrimSpace(out)
}

// listWorkloads prints the suite with its default sizes.
func listWorkloads(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "workload\tdtypes\tsizes\t-quick sizes\tmeasure\tstatus")
	for _, wl := range workloads {
		var dts []string
		for _, dt := range wl.dtypes {
			dts = append(dts, dt.String())
		}
		measure := "GB/s"
		if wl.flops != nil {
			measure = "GFLOP/s"
		}
		if wl.calls > 1 {
			measure += fmt.Sprintf(", per call (%d a run)", wl.calls)
		}
		st := "available"
		if wl.unavailable != nil {
			if why := wl.unavailable(); why != "" {
				st = why
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", wl.name, strings.Join(dts, ","), ints(wl.sizes), ints(wl.quick), measure, st)
	}
	tw.Flush()
}

func ints(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ",")
}

// listDevices is "gpubench devices": the default device and how it was
// chosen, then every registered backend, whether it opens, and what it
// can do. The status is 1 when $NUMGL_DEVICE names no device that opens.
func listDevices(w io.Writer) int {
	fmt.Fprintf(w, "machine: %s (%d logical CPUs), %s\n", cpuModel(), runtime.NumCPU(), runtime.Version())
	def, ok := defaultName()
	fmt.Fprintf(w, "default: %s\n\n", def)
	for _, fam := range deviceFamilies() {
		names := []string{fam}
		if fam == "gpu" {
			names = []string{"gpu:0", "gpu:1", "gpu:2", "gpu:3"}
		}
		for i, name := range names {
			d, err := device.Get(name)
			if err != nil {
				if i == 0 {
					fmt.Fprintf(w, "%s\n  not available: %s\n\n", name, firstLine(err.Error()))
				}
				break
			}
			fmt.Fprintf(w, "%s\n", d.Name())
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			for _, kv := range deviceDetails(d) {
				fmt.Fprintf(tw, "  %s\t%s\n", kv[0], kv[1])
			}
			tw.Flush()
			fmt.Fprintln(w)
		}
	}
	if !ok {
		return 1 // $NUMGL_DEVICE names no device that opens
	}
	return 0
}

// calibrate is "gpubench calibrate [-device gpu] [-n 1024]": it times
// every GEMM tile candidate on the GPU, prints the figures, and records
// the fastest in the program cache directory, where later runs find it.
func calibrate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gpubench calibrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	name := fs.String("device", "gpu", "the GPU to calibrate")
	n := fs.Int("n", 1024, "the n of the n×n×n products timed")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *n < 1 {
		fmt.Fprintf(stderr, "gpubench calibrate: takes -device and -n ≥ 1 only\n")
		return 2
	}
	d, err := device.Get(*name)
	if err != nil {
		fmt.Fprintf(stderr, "gpubench calibrate: %v\n", err)
		return 1
	}
	if !isGPU(d) {
		fmt.Fprintf(stderr, "gpubench calibrate: %s is not a GPU\n", d.Name())
		return 2
	}
	fmt.Fprintf(stdout, "%s: %s, n=%d\n", d.Name(), gpuSummary(d), *n)
	if err := calibrateGemm(d, *n, stdout); err != nil {
		fmt.Fprintf(stderr, "gpubench calibrate: %v\n", err)
		return 1
	}
	return 0
}

func deviceDetails(d device.Device) [][2]string {
	if g := gpuDetails(d); g != nil {
		return g
	}
	switch d.Name() {
	case "cpu-loop":
		return [][2]string{{"kind", "plain strided Go loops, one element at a time: the reference"}, {"threads", "1"},
			{"subnormals", "kept (IEEE 754 arithmetic)"}}
	case "cpu-simd":
		return [][2]string{{"kind", "vector kernels, large work split over goroutines"},
			{"simd", simdLevel()}, {"threads", fmt.Sprint(runtime.GOMAXPROCS(0))},
			{"subnormals", "kept (IEEE 754 arithmetic)"}}
	}
	return [][2]string{{"kind", fmt.Sprintf("%T", d)}}
}

// defaultName is the device device.Default chooses and how, or the
// error it fails with (a bad $NUMGL_DEVICE); ok is false then.
func defaultName() (name string, ok bool) {
	_, c, err := device.Choose()
	if err != nil {
		return "error: " + err.Error(), false
	}
	return c.String(), true
}
