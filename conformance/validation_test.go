package conformance

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// validationFuncs are numgl's functions for NumPy's validated ones, by
// NumPy name (the files' names).
var validationFuncs = map[string]func(a any) *tensor.Array{
	"arccos":  tensor.ArcCos,
	"arccosh": tensor.ArcCosh,
	"arcsin":  tensor.ArcSin,
	"arcsinh": tensor.ArcSinh,
	"arctan":  tensor.ArcTan,
	"arctanh": tensor.ArcTanh,
	"cbrt":    tensor.Cbrt,
	"cos":     tensor.Cos,
	"cosh":    tensor.Cosh,
	"exp":     tensor.Exp,
	"exp2":    tensor.Exp2,
	"expm1":   tensor.Expm1,
	"log":     tensor.Log,
	"log10":   tensor.Log10,
	"log1p":   tensor.Log1p,
	"log2":    tensor.Log2,
	"sin":     tensor.Sin,
	"sinh":    tensor.Sinh,
	"tan":     tensor.Tan,
	"tanh":    tensor.Tanh,
}

// subnormalFlusher is a device that can say whether its arithmetic
// flushes subnormals of a dtype (the GPU, from its probe at context
// creation). Other devices keep them.
type subnormalFlusher interface {
	FlushesSubnormals(dt dtype.DType) bool
}

// TestValidation checks every function of NumPy's ULP validation files on
// every device ($NUMGL_DEVICES, or every device that opens; a GPU that
// does not open fails the test under NUMGL_REQUIRE_GPU=1), float32 and
// float64, against each file's bound, as NumPy's test_umath_accuracy.py
// checks NumPy. It logs a table of the largest error per function, dtype
// and device and fails on any point over the bound. Where the device
// flushes subnormals of a dtype, points whose input or expected output is
// subnormal are excused and counted. It skips where NumPy (and so the
// files) is not installed.
//
//	go test ./conformance -run TestValidation -count=1 -v
func TestValidation(t *testing.T) {
	dir, files, err := ValidationFiles()
	if err != nil {
		t.Skipf("NumPy's ULP validation files not found, nothing to check: %v", err)
	}
	devs := devices(t)
	// The reference first, then the others in the registry's order.
	slices.SortStableFunc(devs, func(a, b device.Device) int { return devRank(a) - devRank(b) })
	var names, devNames []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, d := range devs {
		devNames = append(devNames, d.Name())
	}
	t.Logf("%d validation files in %s; devices %s", len(files), dir, strings.Join(devNames, ", "))
	for _, d := range devs {
		if f, ok := d.(subnormalFlusher); ok {
			t.Logf("%s flushes subnormals: float32 %v, float64 %v (points over the bound with a subnormal input or expected output are excused there)",
				d.Name(), f.FlushesSubnormals(dtype.Float32), f.FlushesSubnormals(dtype.Float64))
		}
	}

	var all []ValidationResult
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			rows, err := ReadValidation(files[name])
			if err != nil {
				t.Fatal(err)
			}
			res := validateFunc(name, rows, devs)
			all = append(all, res...)
			for _, r := range res {
				if r.Failed() {
					t.Errorf("%s %v on %s: %s", r.Func, r.DType, r.Device, failureText(r))
				}
			}
		})
	}
	SortValidationResults(all, devNames)
	t.Logf("max ULP error per function, dtype and device against NumPy's validation files:\n%s", FormatValidationTable(all))
	var failed []string
	for _, r := range all {
		if r.Failed() {
			failed = append(failed, fmt.Sprintf("%s/%v/%s", r.Func, r.DType, r.Device))
		}
	}
	if len(failed) > 0 {
		t.Errorf("%d of %d function/dtype/device combinations fail: %s", len(failed), len(all), strings.Join(failed, " "))
	}
}

// devRank orders the table's devices: cpu-loop, cpu-simd, the rest.
func devRank(d device.Device) int {
	switch d.Name() {
	case "cpu-loop":
		return 0
	case "cpu-simd":
		return 1
	}
	return 2
}

// failureText says why a result failed: the error and its worst input,
// or why it did not run.
func failureText(r ValidationResult) string {
	if r.Note != "" {
		return r.Note
	}
	return fmt.Sprintf("max %s ulp > bound %d at %d of %d points; worst: input %s (bits %#x) gave %s, want %s (bits %#x, line %d)",
		fmtULP(r.MaxULP), r.Bound, r.Over, r.Points, fmtValue(r.DType, r.Worst.Input()), r.Worst.In,
		fmtValue(r.DType, r.WorstGot), fmtValue(r.DType, r.Worst.Expected()), r.Worst.Want, r.Worst.Line)
}

// validateFunc runs one file's rows through NumPy function name on every
// device, float32 and float64 each as one array, and scores them.
func validateFunc(name string, rows []ValidationRow, devs []device.Device) []ValidationResult {
	var out []ValidationResult
	for _, dt := range []dtype.DType{dtype.Float32, dtype.Float64} {
		sub := slices.DeleteFunc(slices.Clone(rows), func(r ValidationRow) bool { return r.DType != dt })
		if len(sub) == 0 {
			continue
		}
		bound, _ := ValidationBound(sub, dt)
		for _, dev := range devs {
			base := ValidationResult{Func: name, Device: dev.Name(), DType: dt, Points: len(sub), Bound: bound}
			fn, ok := validationFuncs[name]
			if !ok {
				base.Note = "no numgl function for " + name
				out = append(out, base)
				continue
			}
			if s, ok := dev.(interface{ Supports(dtype.DType) bool }); ok && !s.Supports(dt) {
				base.Note = fmt.Sprintf("skip: %s has no %v", dev.Name(), dt)
				out = append(out, base)
				continue
			}
			got, err := runValidation(fn, dev, dt, sub)
			if err != nil {
				base.Note = err.Error()
				out = append(out, base)
				continue
			}
			flushes := false
			if f, ok := dev.(subnormalFlusher); ok {
				flushes = f.FlushesSubnormals(dt)
			}
			out = append(out, CheckValidation(name, dev.Name(), dt, sub, got, flushes))
		}
	}
	return out
}

// runValidation applies fn on dev to the rows' inputs as one array of dt
// and returns the outputs' bits; a panic (an unsupported op, say) is
// returned as an error.
func runValidation(fn func(a any) *tensor.Array, dev device.Device, dt dtype.DType, rows []ValidationRow) (bits []uint64, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %s", condense(fmt.Sprint(p)))
		}
	}()
	f := tensor.On(dev)
	bits = make([]uint64, len(rows))
	if dt == dtype.Float32 {
		in := make([]float32, len(rows))
		for i, r := range rows {
			in[i] = math.Float32frombits(uint32(r.In))
		}
		res, ok := fn(f.FromHost(in)).Data().([]float32)
		if !ok || len(res) != len(rows) {
			return nil, fmt.Errorf("result is not %d float32 values", len(rows))
		}
		for i, v := range res {
			bits[i] = uint64(math.Float32bits(v))
		}
		return bits, nil
	}
	in := make([]float64, len(rows))
	for i, r := range rows {
		in[i] = math.Float64frombits(r.In)
	}
	res, ok := fn(f.FromHost(in)).Data().([]float64)
	if !ok || len(res) != len(rows) {
		return nil, fmt.Errorf("result is not %d float64 values", len(rows))
	}
	for i, v := range res {
		bits[i] = math.Float64bits(v)
	}
	return bits, nil
}

// condense shortens a panic message for the table: its first line and, for
// a shader that failed to compile, the compiler's first error (not the
// numbered source that follows).
func condense(msg string) string {
	lines := strings.Split(msg, "\n")
	out := strings.TrimSpace(lines[0])
	for _, l := range lines[1:] {
		if strings.Contains(l, "error") {
			out += " " + strings.TrimSpace(l)
			break
		}
	}
	return out
}

// TestULPDistance pins the distance to NumPy's nulp_diff on the cases that
// matter: neighbours, signed zeros, the step to infinity, NaNs, subnormals
// and opposite signs.
func TestULPDistance(t *testing.T) {
	nan32, inf32 := float32(math.NaN()), float32(math.Inf(1))
	cases32 := []struct {
		a, b float32
		want float64
	}{
		{1, 1, 0},
		{1, math.Nextafter32(1, 2), 1},
		{1, math.Nextafter32(1, 0), 1},
		{0, float32(math.Copysign(0, -1)), 0},
		{math.MaxFloat32, inf32, 1},
		{nan32, -nan32, 0},
		{math.SmallestNonzeroFloat32, 0, 1},
		{math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32, 2},
		{-1, 1, 2 * 0x3f800000},
	}
	for _, c := range cases32 {
		if got := ULPDistance32(c.a, c.b); got != c.want {
			t.Errorf("ULPDistance32(%g, %g) = %g, want %g", c.a, c.b, got, c.want)
		}
	}
	if got := ULPDistance32(nan32, 0); got != 0x7fc00000 {
		t.Errorf("ULPDistance32(NaN, 0) = %g, want %d", got, 0x7fc00000)
	}
	cases64 := []struct {
		a, b, want float64
	}{
		{1, math.Nextafter(1, 2), 1},
		{math.MaxFloat64, math.Inf(1), 1},
		{math.NaN(), math.NaN(), 0},
		{math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 2},
		{-math.Inf(1), math.Inf(1), 2 * 0x7ff0000000000000},
	}
	for _, c := range cases64 {
		if got := ULPDistance64(c.a, c.b); got != c.want {
			t.Errorf("ULPDistance64(%g, %g) = %g, want %g", c.a, c.b, got, c.want)
		}
	}
}

// TestReadValidation parses a small file in NumPy's format.
func TestReadValidation(t *testing.T) {
	path := t.TempDir() + "/umath-validation-set-exp.csv"
	body := "dtype,input,output,ulperrortol\n## comment ##\nnp.float32,0x3f800000,0x402df854,3\n$ also a comment\nnp.float64,0x0000000000000001,0x3ff0000000000000,2\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadValidation(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []ValidationRow{
		{DType: dtype.Float32, In: 0x3f800000, Want: 0x402df854, ULP: 3, Line: 3},
		{DType: dtype.Float64, In: 1, Want: 0x3ff0000000000000, ULP: 2, Line: 5},
	}
	if !slices.Equal(rows, want) {
		t.Fatalf("rows %+v, want %+v", rows, want)
	}
	if !IsSubnormal(dtype.Float64, rows[1].In) || IsSubnormal(dtype.Float32, rows[0].In) {
		t.Errorf("IsSubnormal wrong")
	}
	if rows[0].Expected() != float64(float32(math.E)) {
		t.Errorf("Expected() = %v", rows[0].Expected())
	}
	if err := os.WriteFile(path, []byte("h\nnp.float16,0x3c00,0x3c00,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadValidation(path); err == nil {
		t.Errorf("float16 row accepted")
	}
}

// TestCheckValidation: the bound is the dtype's largest, a point over it
// fails, and flushing excuses only points with a subnormal input or
// expected output.
func TestCheckValidation(t *testing.T) {
	rows := []ValidationRow{
		{DType: dtype.Float32, In: 0x3f800000, Want: 0x402df854, ULP: 1},
		{DType: dtype.Float32, In: 0x00000001, Want: 0x3f800000, ULP: 2}, // subnormal input
		{DType: dtype.Float32, In: 0xc2c80000, Want: 0x00000010, ULP: 2}, // subnormal output
	}
	got := []uint64{0x402df856, 0x3f800010, 0}
	r := CheckValidation("exp", "x", dtype.Float32, rows, got, false)
	if r.Bound != 2 || r.MaxULP != 16 || r.Over != 2 || r.Excused != 0 || !r.Failed() || r.Worst.In != 1 {
		t.Errorf("keeping subnormals: %+v", r)
	}
	r = CheckValidation("exp", "x", dtype.Float32, rows, got, true)
	if r.MaxULP != 2 || r.Over != 0 || r.Excused != 2 || r.Failed() {
		t.Errorf("flushing subnormals: %+v", r)
	}
}
