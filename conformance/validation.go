package conformance

// NumPy's ULP validation data: numpy/core/tests/data/umath-validation-set-
// <function>.csv in every NumPy install. Each row is a dtype, an input and
// the correctly rounded expected output (both as bit patterns in hex), and
// the error NumPy allows, in units in the last place (ULP). NumPy's
// test_umath_accuracy.py checks its own functions against them; this file
// reads them so that numgl's devices can be checked the same way (see
// TestValidation).

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/numgl/numgl/dtype"
)

// EnvValidationDir, when set, names the directory of the validation files,
// so that a machine without NumPy can use a copy of them.
const EnvValidationDir = "NUMGL_VALIDATION_DIR"

// validationGlob matches the validation files inside the directory.
const validationGlob = "umath-validation-set-*.csv"

// pythons are the interpreters asked where NumPy is, in order: Debian's
// own first (the python3 on PATH may be a different one without NumPy).
var pythons = []string{"/usr/bin/python3", "python3"}

// ValidationFiles returns the directory holding NumPy's validation files
// and the files, keyed by NumPy function name ("exp", "arccos", ...). The
// directory is $NUMGL_VALIDATION_DIR when set, else the installed NumPy's
// core/tests/data, found by asking python3 where NumPy is. The error says
// why none was found (no python3, no NumPy, no files).
func ValidationFiles() (dir string, files map[string]string, err error) {
	dir = os.Getenv(EnvValidationDir)
	if dir == "" {
		root, err := numpyDir()
		if err != nil {
			return "", nil, err
		}
		dir = filepath.Join(root, "core", "tests", "data")
	}
	paths, err := filepath.Glob(filepath.Join(dir, validationGlob))
	if err != nil {
		return "", nil, err
	}
	if len(paths) == 0 {
		return dir, nil, fmt.Errorf("no %s in %s", validationGlob, dir)
	}
	files = map[string]string{}
	for _, p := range paths {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "umath-validation-set-"), ".csv")
		files[name] = p
	}
	return dir, files, nil
}

// numpyDir returns the directory of the numpy package of the first
// interpreter in pythons that imports it.
func numpyDir() (string, error) {
	var errs []error
	for _, py := range pythons {
		out, err := exec.Command(py, "-c", "import numpy, os; print(os.path.dirname(numpy.__file__))").Output()
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) && len(ee.Stderr) > 0 { // say why: "No module named 'numpy'"
				lines := strings.Split(strings.TrimSpace(string(ee.Stderr)), "\n")
				err = fmt.Errorf("%w: %s", err, lines[len(lines)-1])
			}
			errs = append(errs, fmt.Errorf("%s: %w", py, err))
			continue
		}
		if dir := strings.TrimSpace(string(out)); dir != "" {
			return dir, nil
		}
	}
	return "", fmt.Errorf("NumPy not found (set %s to a directory of %s): %w", EnvValidationDir, validationGlob, errors.Join(errs...))
}

// ValidationRow is one point of a validation file.
type ValidationRow struct {
	DType dtype.DType // Float32 or Float64
	In    uint64      // the input's bits (the low 32 for float32)
	Want  uint64      // the expected output's bits
	ULP   int         // the error this row allows
	Line  int         // line number in the file, from 1
}

// Input returns the input as a float64 (exactly, for float32 too).
func (r ValidationRow) Input() float64 { return bitsValue(r.DType, r.In) }

// Expected returns the expected output as a float64 (exactly).
func (r ValidationRow) Expected() float64 { return bitsValue(r.DType, r.Want) }

func bitsValue(dt dtype.DType, b uint64) float64 {
	if dt == dtype.Float32 {
		return float64(math.Float32frombits(uint32(b)))
	}
	return math.Float64frombits(b)
}

// ReadValidation reads a validation file as test_umath_accuracy.py does:
// lines starting with '#' or '$' are comments, the first other line is the
// header, and every other line is dtype,input,output,ulperr. Rows of a
// dtype other than np.float32 and np.float64 (NumPy's files have none) are
// an error, as are malformed lines.
func ReadValidation(path string) ([]ValidationRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []ValidationRow
	sc := bufio.NewScanner(f)
	header := true
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '#' || text[0] == '$' {
			continue
		}
		if header {
			header = false
			continue
		}
		r, err := parseValidationRow(text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		r.Line = line
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rows, nil
}

// parseValidationRow parses "np.float32,0x3f800000,0x402df854,2".
func parseValidationRow(text string) (ValidationRow, error) {
	fields := strings.Split(text, ",")
	if len(fields) != 4 {
		return ValidationRow{}, fmt.Errorf("%d fields, want 4: %q", len(fields), text)
	}
	var r ValidationRow
	bits := 64
	switch strings.TrimSpace(fields[0]) {
	case "np.float32":
		r.DType, bits = dtype.Float32, 32
	case "np.float64":
		r.DType = dtype.Float64
	default:
		return r, fmt.Errorf("dtype %q, want np.float32 or np.float64", fields[0])
	}
	var err error
	if r.In, err = parseBits(fields[1], bits); err != nil {
		return r, fmt.Errorf("input: %w", err)
	}
	if r.Want, err = parseBits(fields[2], bits); err != nil {
		return r, fmt.Errorf("output: %w", err)
	}
	if r.ULP, err = strconv.Atoi(strings.TrimSpace(fields[3])); err != nil {
		return r, fmt.Errorf("ulp: %w", err)
	}
	return r, nil
}

func parseBits(s string, bits int) (uint64, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	return strconv.ParseUint(s, 16, bits)
}

// ValidationBound returns the error NumPy allows for rows of dt: the
// largest ulperr among them (test_umath_accuracy.py checks a whole dtype
// against its maximum; the files give one value per dtype anyway), and
// whether there are any.
func ValidationBound(rows []ValidationRow, dt dtype.DType) (int, bool) {
	bound, any := 0, false
	for _, r := range rows {
		if r.DType == dt {
			bound, any = max(bound, r.ULP), true
		}
	}
	return bound, any
}

// ULPDistance32 is NumPy's ULP error (numpy.testing's nulp_diff, which
// assert_array_max_ulp and test_umath_accuracy.py use): the number of
// float32 values between got and want, counted on the sign-magnitude
// integer line, where +0 and -0 are both 0 and the largest finite value is
// one step from infinity. Every NaN is NumPy's one NaN: two NaNs are 0
// apart, a NaN and a number are as far apart as their bit patterns. NumPy
// subtracts in int32 and can wrap around for far-apart values of opposite
// signs; this counts exactly.
func ULPDistance32(got, want float32) float64 {
	return float64(abs64(signMagnitude32(got) - signMagnitude32(want)))
}

// ULPDistance64 is ULPDistance32 for float64. The distance is exact up to
// 2^53 and rounded beyond (NumPy returns it as a float64 too).
func ULPDistance64(got, want float64) float64 {
	a, b := signMagnitude64(got), signMagnitude64(want)
	// a-b can overflow int64: subtract as magnitudes.
	switch {
	case a >= 0 && b >= 0 || a < 0 && b < 0:
		return float64(abs64(a - b))
	case a >= 0: // b < 0
		return float64(uint64(a)) + float64(uint64(-b))
	default:
		return float64(uint64(-a)) + float64(uint64(b))
	}
}

// signMagnitude32 maps a float32 to NumPy's integer line: the bit pattern
// for positive values, its negated magnitude for negative ones, NaN as
// the canonical quiet NaN 0x7fc00000.
func signMagnitude32(x float32) int64 {
	if x != x {
		return 0x7fc00000
	}
	b := math.Float32bits(x)
	m := int64(b &^ (1 << 31))
	if b>>31 != 0 {
		return -m
	}
	return m
}

// signMagnitude64 is signMagnitude32 for float64 (NaN: 0x7ff8000000000000).
func signMagnitude64(x float64) int64 {
	if x != x {
		return 0x7ff8000000000000
	}
	b := math.Float64bits(x)
	m := int64(b &^ (1 << 63))
	if b>>63 != 0 {
		return -m
	}
	return m
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// IsSubnormal reports whether the value with bits b of dt (Float32 or
// Float64) is subnormal: nonzero with a zero exponent field.
func IsSubnormal(dt dtype.DType, b uint64) bool {
	if dt == dtype.Float32 {
		return b&0x7f800000 == 0 && b&0x007fffff != 0
	}
	return b&0x7ff0000000000000 == 0 && b&0x000fffffffffffff != 0
}

// ValidationResult is the outcome of one function, dtype and device over
// a validation file's points.
type ValidationResult struct {
	Func, Device string
	DType        dtype.DType
	Points       int     // points checked
	Bound        int     // NumPy's allowed error, ULP
	MaxULP       float64 // largest error of the points not excused
	Worst        ValidationRow
	WorstGot     float64 // the device's output at Worst
	Over         int     // points not excused whose error exceeds Bound
	Excused      int     // points over Bound excused because the device flushes subnormals
	Note         string  // why the combination did not run, or "" when it did
}

// Failed reports whether the result is a failure: a point over the bound,
// or a run that did not happen for a reason other than the device lacking
// the dtype (Note then starts with "skip").
func (r ValidationResult) Failed() bool {
	if r.Note != "" {
		return !strings.HasPrefix(r.Note, "skip")
	}
	return r.Over > 0
}

// Verdict is "PASS", "FAIL" or "SKIP".
func (r ValidationResult) Verdict() string {
	switch {
	case r.Failed():
		return "FAIL"
	case r.Note != "":
		return "SKIP"
	}
	return "PASS"
}

// CheckValidation scores a device's outputs got (the bits of dt's values,
// in rows' order) against rows, all of dtype dt. flushes says whether the
// device flushes dt's subnormals: a point over the bound whose input or
// expected output is subnormal is then excused (counted, not failed).
func CheckValidation(fn, dev string, dt dtype.DType, rows []ValidationRow, got []uint64, flushes bool) ValidationResult {
	bound, _ := ValidationBound(rows, dt)
	res := ValidationResult{Func: fn, Device: dev, DType: dt, Points: len(rows), Bound: bound, MaxULP: -1}
	for i, r := range rows {
		var d float64
		if dt == dtype.Float32 {
			d = ULPDistance32(math.Float32frombits(uint32(got[i])), math.Float32frombits(uint32(r.Want)))
		} else {
			d = ULPDistance64(math.Float64frombits(got[i]), math.Float64frombits(r.Want))
		}
		if d > float64(bound) && flushes && (IsSubnormal(dt, r.In) || IsSubnormal(dt, r.Want)) {
			res.Excused++
			continue
		}
		if d > float64(bound) {
			res.Over++
		}
		if d > res.MaxULP {
			res.MaxULP, res.Worst, res.WorstGot = d, r, bitsValue(dt, got[i])
		}
	}
	return res
}

// FormatValidationTable renders results as a fixed-width table, one line
// per function, dtype and device, in the order given.
func FormatValidationTable(results []ValidationResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-8s %-7s %-9s %6s %5s %10s %6s %7s  %-7s %s\n",
		"function", "dtype", "device", "points", "bound", "max ulp", "over", "excused", "verdict", "worst input -> got (want)")
	for _, r := range results {
		if r.Note != "" {
			fmt.Fprintf(&b, "%-8s %-7v %-9s %6d %5d %10s %6s %7s  %-7s %s\n",
				r.Func, r.DType, r.Device, r.Points, r.Bound, "-", "-", "-", r.Verdict(), r.Note)
			continue
		}
		worst := ""
		if r.MaxULP > 0 {
			worst = fmt.Sprintf("%s -> %s (%s)", fmtValue(r.DType, r.Worst.Input()), fmtValue(r.DType, r.WorstGot), fmtValue(r.DType, r.Worst.Expected()))
		}
		fmt.Fprintf(&b, "%-8s %-7v %-9s %6d %5d %10s %6d %7d  %-7s %s\n",
			r.Func, r.DType, r.Device, r.Points, r.Bound, fmtULP(r.MaxULP), r.Over, r.Excused, r.Verdict(), worst)
	}
	return b.String()
}

// fmtULP writes an error compactly: integers below a million exactly,
// larger ones in e-notation.
func fmtULP(u float64) string {
	switch {
	case u < 0:
		return "-" // every point excused
	case u < 1e6:
		return strconv.FormatFloat(u, 'f', -1, 64)
	}
	return strconv.FormatFloat(u, 'e', 2, 64)
}

// fmtValue writes v shortest-round-trip in dt's precision.
func fmtValue(dt dtype.DType, v float64) string {
	if dt == dtype.Float32 {
		return strconv.FormatFloat(v, 'g', -1, 32)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// SortValidationResults orders results by function, dtype and then the
// devices' order in devices.
func SortValidationResults(results []ValidationResult, devices []string) {
	slices.SortStableFunc(results, func(a, b ValidationResult) int {
		if a.Func != b.Func {
			return strings.Compare(a.Func, b.Func)
		}
		if a.DType != b.DType {
			return int(a.DType) - int(b.DType)
		}
		return slices.Index(devices, a.Device) - slices.Index(devices, b.Device)
	})
}
