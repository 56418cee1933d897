package fmath

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// funcs1 maps NumPy's ufunc names (as in the validation file names) to
// this package's functions.
var funcs1 = map[string]func(float64) float64{
	"exp": Exp, "exp2": Exp2, "expm1": Expm1, "log": Log, "log2": Log2, "log10": Log10,
	"log1p": Log1p, "sin": Sin, "cos": Cos, "tan": Tan, "sinh": Sinh, "cosh": Cosh,
	"tanh": Tanh, "arcsin": Asin, "arccos": Acos, "arctan": Atan, "arcsinh": Asinh,
	"arccosh": Acosh, "arctanh": Atanh, "cbrt": Cbrt,
}

var funcs2 = map[string]func(y, x float64) float64{"arctan2": Atan2, "hypot": Hypot}

// goMath lists the functions that are Go's math package unchanged.
var goMath = map[string]bool{"expm1": true, "log1p": true, "arctan": true}

// source says whether name is an own implementation or Go's math.
func source(name string) string {
	if goMath[name] {
		return "(Go's)"
	}
	return "(own) "
}

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// validationDir finds NumPy's validation data: $NUMPY_VALIDATION_DIR, or
// the Debian system NumPy's test data.
func validationDir() string {
	if d := os.Getenv("NUMPY_VALIDATION_DIR"); d != "" {
		return d
	}
	return "/usr/lib/python3/dist-packages/numpy/core/tests/data"
}

// ordered maps a float's bits to an integer line on which adjacent floats
// differ by 1 (+0 and -0 both 0), as NumPy's nulp_diff does.
func ordered(bits uint64, width uint) int64 {
	sign := uint64(1) << (width - 1)
	if bits&sign != 0 {
		return -int64(bits &^ sign)
	}
	return int64(bits)
}

// nulp returns the number of representable values between got and want
// (the bit patterns of width 32 or 64); NaN matches only NaN.
func nulp(got, want uint64, width uint, isNaN func(uint64) bool) float64 {
	if isNaN(got) || isNaN(want) {
		if isNaN(got) && isNaN(want) {
			return 0
		}
		return math.Inf(1)
	}
	d := ordered(got, width) - ordered(want, width)
	if d < 0 {
		d = -d
	}
	return float64(d)
}

func isNaN64(b uint64) bool { return math.IsNaN(math.Float64frombits(b)) }
func isNaN32(b uint64) bool { f := math.Float32frombits(uint32(b)); return f != f }

// TestNumPyValidation checks every row of NumPy's validation files,
// float64 as F(x) and float32 as float32(F(float64(x))) (how numgl's
// float32 loops compute), against the file's ULP bound.
func TestNumPyValidation(t *testing.T) {
	dir := validationDir()
	if _, err := os.Stat(filepath.Join(dir, "umath-validation-set-exp.csv")); err != nil {
		t.Skipf("NumPy's validation data not found in %s (install python3-numpy or set NUMPY_VALIDATION_DIR): %v", dir, err)
	}
	for _, name := range sortedNames(funcs1) {
		f := funcs1[name]
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, "umath-validation-set-"+name+".csv")
			fh, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer fh.Close()
			type stat struct {
				max, bound float64
				n, bad     int
				worst      string
			}
			stats := map[string]*stat{"np.float64": {}, "np.float32": {}}
			sc := bufio.NewScanner(fh)
			for line := 1; sc.Scan(); line++ {
				l := strings.TrimSpace(sc.Text())
				if l == "" || l[0] == '#' || strings.HasPrefix(l, "dtype") {
					continue
				}
				p := strings.Split(l, ",")
				st, ok := stats[p[0]]
				if len(p) != 4 || !ok {
					t.Fatalf("%s:%d: bad row %q", path, line, l)
				}
				in, err1 := strconv.ParseUint(strings.TrimPrefix(p[1], "0x"), 16, 64)
				want, err2 := strconv.ParseUint(strings.TrimPrefix(p[2], "0x"), 16, 64)
				bound, err3 := strconv.ParseFloat(p[3], 64)
				if err1 != nil || err2 != nil || err3 != nil {
					t.Fatalf("%s:%d: bad row %q", path, line, l)
				}
				var got uint64
				var u float64
				var x float64
				if p[0] == "np.float64" {
					x = math.Float64frombits(in)
					got = math.Float64bits(f(x))
					u = nulp(got, want, 64, isNaN64)
				} else {
					x = float64(math.Float32frombits(uint32(in)))
					got = uint64(math.Float32bits(float32(f(x))))
					u = nulp(got, want, 32, isNaN32)
				}
				st.n++
				st.bound = math.Max(st.bound, bound)
				if u > bound {
					st.bad++
					if st.bad <= 5 {
						t.Errorf("%s %s(%v) = %#x, want %#x: %g ULP > %g", p[0], name, x, got, want, u, bound)
					}
				}
				if u > st.max {
					st.max = u
					st.worst = fmt.Sprintf("x=%v", x)
				}
			}
			for _, dt := range []string{"np.float64", "np.float32"} {
				st := stats[dt]
				t.Logf("%-8s %s %s: max %g ULP (bound %g) over %d rows %s", name, source(name), dt[3:], st.max, st.bound, st.n, st.worst)
				if st.bad > 0 {
					t.Errorf("%s %s: %d rows over the bound", name, dt, st.bad)
				}
			}
		})
	}
}
