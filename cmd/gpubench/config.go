package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// config is a parsed command line.
type config struct {
	workloads []*workload     // in table order
	dtypes    []dtype.DType   // nil: each workload's own
	sizes     []int           // nil: each workload's own
	devices   []string        // nil: every registered device that opens
	repeat    int             // timed runs per row, at most
	warmup    int             // untimed runs first (a GPU always gets one)
	budget    time.Duration   // a row stops repeating once its timed runs pass this
	maxRun    time.Duration   // a row foreseen to take longer a run is skipped
	spinUp    time.Duration   // GPU rows run back to back this long before timing (clock ramp-up)
	quick     bool            // smaller default sizes, fewer runs
	format    string          // "table", "json" or "csv"
	plotFile  string          // "" for none
	numpy     bool            // run NumPy side by side
	python    string          // the Python interpreter for -numpy
	script    string          // the NumPy script for -numpy ("" to choose)
	progress  progressSetting // whether to draw a progress bar on stderr
}

type progressSetting int

const (
	progressAuto progressSetting = iota // when stderr is a terminal
	progressOff
)

// errUsage marks the errors that exit with status 2.
var errUsage = errors.New("usage")

func usageError(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errUsage}, args...)...)
}

// parseFlags parses the suite's flags. Errors wrap errUsage.
func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("gpubench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		workloads = fs.String("workloads", "all", "comma-separated workloads to run (`names`; see -list), or all")
		dtypes    = fs.String("dtypes", "", "comma-separated dtypes (float32, float64) instead of each workload's own")
		sizes     = fs.String("sizes", "", "comma-separated sizes instead of each workload's own, as the table reports them:\nelement count (an M×M workload takes M = ⌊√size⌋; expr_softmax rows of min(1024, ⌊√size⌋)),\nn for matmul/solve/inv, batch for mlp_forward")
		devices   = fs.String("devices", "", "comma-separated devices (cpu-loop, cpu-simd, gpu, gpu:N); default every device that opens")
		repeat    = fs.Int("repeat", 3, "timed runs per row, at most (the median is reported)")
		warmup    = fs.Int("warmup", 1, "untimed runs before timing (a GPU always gets at least one, so compile time is never timed)")
		budget    = fs.Duration("budget", 500*time.Millisecond, "stop repeating a row once its timed runs have taken this long\n(it keeps at least one run, three when runs are shorter than a third of it;\na CPU device's warm-up run longer than twice this is its one timed run)")
		spinUp    = fs.Duration("gpu-spinup", 300*time.Millisecond, "on a GPU, after the warm-up, keep running a row's work back to back this long before timing,\nso that the GPU's clock governor has raised its clocks (0: off)")
		maxRun    = fs.Duration("max-run", time.Second, "skip a row whose one run is foreseen (from the same device's pace at a smaller size) to take longer than this;\ncpu-loop is timed at a smaller size instead")
		quick     = fs.Bool("quick", false, "a short run: smaller default sizes, -repeat 2")
		asJSON    = fs.Bool("json", false, "print one JSON object per result line instead of the table")
		asCSV     = fs.Bool("csv", false, "print CSV instead of the table")
		plotFile  = fs.String("plot", "", "write a bar chart of throughput per workload, one bar per device, to `file.png`")
		numpy     = fs.Bool("numpy", false, "run NumPy on the same workloads and sizes and add its figures and numgl's speed-up over it\n(and numexpr's, for the expr_* workloads, where it is installed)")
		python    = fs.String("python", "", "Python interpreter for -numpy (default /usr/bin/python3, else python3 on $PATH)")
		script    = fs.String("numpy-script", "", "NumPy script for -numpy (default ../shared/anchors/numpy_ref.py for the default sizes, else the script shipped with gpubench)")
		noProg    = fs.Bool("no-progress", false, "never draw the progress bar")
		list      = fs.Bool("list", false, "list the workloads and their default sizes, and exit")
	)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: gpubench [flags]\n       gpubench devices\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return nil, usageError("unexpected argument %q (the only command is \"devices\")", fs.Arg(0))
	}
	if *list {
		return &config{format: "list"}, nil
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	c := &config{
		repeat: *repeat, warmup: *warmup, budget: *budget, maxRun: *maxRun, quick: *quick, spinUp: *spinUp,
		format: "table", plotFile: *plotFile, numpy: *numpy, python: *python, script: *script,
	}
	if *noProg {
		c.progress = progressOff
	}
	if c.quick && !set["repeat"] {
		c.repeat = 2
	}
	if c.repeat < 1 {
		return nil, usageError("-repeat %d: want at least 1", c.repeat)
	}
	if c.warmup < 0 {
		return nil, usageError("-warmup %d: want 0 or more", c.warmup)
	}
	if c.budget <= 0 {
		return nil, usageError("-budget %v: want a positive duration", c.budget)
	}
	if c.maxRun <= 0 {
		return nil, usageError("-max-run %v: want a positive duration", c.maxRun)
	}
	switch {
	case *asJSON && *asCSV:
		return nil, usageError("-json and -csv: choose one")
	case *asJSON:
		c.format = "json"
	case *asCSV:
		c.format = "csv"
	}
	if c.plotFile != "" && !strings.HasSuffix(strings.ToLower(c.plotFile), ".png") {
		return nil, usageError("-plot %s: the chart is a PNG; name the file *.png", c.plotFile)
	}

	var err error
	if c.workloads, err = parseWorkloads(*workloads); err != nil {
		return nil, err
	}
	if *dtypes != "" {
		for _, s := range splitList(*dtypes) {
			dt, ok := parseDType(s)
			if !ok {
				return nil, usageError("-dtypes: unknown dtype %q (have float32, float64)", s)
			}
			if !slices.Contains(c.dtypes, dt) {
				c.dtypes = append(c.dtypes, dt)
			}
		}
	}
	if *sizes != "" {
		for _, s := range splitList(*sizes) {
			n, err := strconv.Atoi(strings.ReplaceAll(s, "_", ""))
			if err != nil || n < 1 {
				return nil, usageError("-sizes: %q is not a positive integer", s)
			}
			c.sizes = append(c.sizes, n)
		}
	}
	if *devices != "" {
		for _, s := range splitList(*devices) {
			if err := knownDevice(s); err != nil {
				return nil, err
			}
			if !slices.Contains(c.devices, s) {
				c.devices = append(c.devices, s)
			}
		}
	}
	return c, nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func parseDType(s string) (dtype.DType, bool) {
	switch strings.ToLower(s) {
	case "float32", "f32":
		return dtype.Float32, true
	case "float64", "f64":
		return dtype.Float64, true
	}
	return 0, false
}

func parseWorkloads(s string) ([]*workload, error) {
	names := splitList(s)
	if len(names) == 0 {
		return nil, usageError("-workloads: no workload named")
	}
	var out []*workload
	for _, name := range names {
		if name == "all" {
			for _, w := range workloads {
				if !slices.Contains(out, w) {
					out = append(out, w)
				}
			}
			continue
		}
		w := findWorkload(name)
		if w == nil {
			return nil, usageError("-workloads: unknown workload %q (have %s)", name, strings.Join(workloadNames(), ", "))
		}
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	// Keep the table's order, whatever the order on the command line.
	slices.SortStableFunc(out, func(a, b *workload) int { return a.index - b.index })
	return out, nil
}

// knownDevice checks that name is a device name a registered backend
// serves, without opening it.
func knownDevice(name string) error {
	family, num, hasNum := strings.Cut(name, ":")
	if !slices.Contains(device.Backends(), family) {
		return usageError("-devices: unknown device %q (have %s)", name, strings.Join(deviceFamilies(), ", "))
	}
	if hasNum {
		if n, err := strconv.Atoi(num); err != nil || n < 0 || strconv.Itoa(n) != num {
			return usageError("-devices: bad device number in %q (want e.g. %s:0)", name, family)
		}
	}
	return nil
}

// deviceFamilies returns the registered backends, reference first: the
// order of the table (cpu-loop, cpu-simd, gpu).
func deviceFamilies() []string {
	b := device.Backends() // best first
	slices.Reverse(b)
	return b
}
