package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// Fused evaluation against eager: random programs of ufuncs on arrays of
// every dtype and layout (contiguous, transposed, reversed, stepped,
// broadcast, 0-d, empty), scalars, in-place and Into forms writing into
// arrays other results read, assignments through views, and reductions
// of the results, run with fusion on and with it off (every op its own
// kernel). On cpu-loop and cpu-simd every value must agree to the bit (a
// NaN with any NaN); on the GPU to a few ulps.

// unaryProgOps and binaryProgOps are the ufuncs programs draw from.
var unaryProgOps = []struct {
	name string
	f    func(any) *Array
}{
	{"negative", Negative}, {"abs", Abs}, {"square", Square}, {"sign", Sign}, {"reciprocal", Reciprocal},
	{"sqrt", Sqrt}, {"exp", Exp}, {"log", Log}, {"sin", Sin}, {"cos", Cos}, {"tan", Tan}, {"tanh", Tanh},
	{"floor", Floor}, {"ceil", Ceil}, {"logical_not", LogicalNot},
	{"arcsin", ArcSin}, {"arctan", ArcTan}, {"arccosh", ArcCosh}, {"sinh", Sinh}, {"cbrt", Cbrt},
	{"exp2", Exp2}, {"log2", Log2}, {"log10", Log10}, {"rint", Rint}, {"trunc", Trunc},
	{"deg2rad", Deg2Rad}, {"positive", Positive}, {"signbit", SignBit}, {"isnan", IsNaN},
	{"isfinite", IsFinite}, {"invert", Invert},
}

var binaryProgOps = []struct {
	name string
	f    func(a, b any) *Array
	into func(dst *Array, a, b any) *Array
}{
	{"add", Add, AddInto}, {"subtract", Subtract, SubtractInto}, {"multiply", Multiply, MultiplyInto},
	{"divide", Divide, DivideInto}, {"floor_divide", FloorDivide, FloorDivideInto},
	{"remainder", Remainder, RemainderInto}, {"power", Power, PowerInto}, {"maximum", Maximum, MaximumInto},
	{"minimum", Minimum, MinimumInto}, {"equal", Equal, EqualInto}, {"less", Less, LessInto},
	{"greater_equal", GreaterEqual, GreaterEqualInto}, {"logical_and", LogicalAnd, LogicalAndInto},
	{"logical_xor", LogicalXor, LogicalXorInto},
	{"arctan2", ArcTan2, ArcTan2Into}, {"hypot", Hypot, HypotInto}, {"logaddexp", LogAddExp, LogAddExpInto},
	{"copysign", CopySign, CopySignInto}, {"fmod", Fmod, FmodInto}, {"fmax", Fmax, FmaxInto},
	{"fmin", Fmin, FminInto}, {"bitwise_and", BitwiseAnd, BitwiseAndInto},
	{"bitwise_xor", BitwiseXor, BitwiseXorInto}, {"left_shift", LeftShift, LeftShiftInto},
	{"right_shift", RightShift, RightShiftInto},
}

// progArray makes a random array of shape on dev in a random layout: a
// contiguous array, or a transposed, reversed or stepped view of a larger
// one (the result has shape either way).
func progArray(rng *rand.Rand, dev device.Device, shape []int) *Array {
	dt := dtype.All[rng.IntN(len(dtype.All))]
	n := 1
	for _, d := range shape {
		n *= d
	}
	vals := make([]float64, 2*n+6)
	for i := range vals {
		switch rng.IntN(10) {
		case 0:
			vals[i] = 0
		case 1:
			vals[i] = -1.5
		default:
			vals[i] = math.Round(rng.NormFloat64()*40) / 8
		}
	}
	mk := func(shape []int, m int) *Array {
		return On(dev).FromHost(toDType(vals[:m], dt), shape...)
	}
	switch len(shape) {
	case 0:
		return mk(shape, 1)
	}
	switch rng.IntN(4) {
	case 0: // transposed: the reversed shape, transposed back
		rev := make([]int, len(shape))
		for i, d := range shape {
			rev[len(shape)-1-i] = d
		}
		return mk(rev, n).T()
	case 1: // the last axis reversed
		items := make([]any, len(shape))
		for i := range items {
			items[i] = Colon
		}
		items[len(shape)-1] = Colon.Step(-1)
		return mk(shape, n).Get(items...)
	case 2: // every other element of a twice-longer first axis
		big := append([]int{2 * shape[0]}, shape[1:]...)
		return mk(big, 2*n).Get(Colon.Step(2))
	}
	return mk(shape, n)
}

// toDType converts vals to a slice of dt's Go type.
func toDType(vals []float64, dt dtype.DType) any {
	switch dt {
	case Bool:
		s := make([]bool, len(vals))
		for i, v := range vals {
			s[i] = v > 0
		}
		return s
	case Int32:
		s := make([]int32, len(vals))
		for i, v := range vals {
			s[i] = int32(math.Round(v))
		}
		return s
	case Int64:
		s := make([]int64, len(vals))
		for i, v := range vals {
			s[i] = int64(math.Round(v))
		}
		return s
	case Float32:
		s := make([]float32, len(vals))
		for i, v := range vals {
			s[i] = float32(v)
		}
		return s
	}
	return vals
}

// progShape returns a random base shape: 0-d, empty, or up to 3 axes.
func progShape(rng *rand.Rand) []int {
	switch rng.IntN(12) {
	case 0:
		return []int{}
	case 1:
		return []int{rng.IntN(3), 0}
	}
	shape := make([]int, 1+rng.IntN(3))
	for i := range shape {
		shape[i] = 1 + rng.IntN(6)
	}
	if rng.IntN(3) == 0 {
		shape[len(shape)-1] = 300 + rng.IntN(3000) // beyond a block
	}
	return shape
}

// broadcastable returns shape with some axes set to 1 or dropped.
func broadcastable(rng *rand.Rand, shape []int) []int {
	s := append([]int{}, shape...)
	for i := range s {
		if rng.IntN(4) == 0 {
			s[i] = 1
		}
	}
	if len(s) > 0 && rng.IntN(4) == 0 {
		s = s[1:]
	}
	return s
}

// runProgram runs random program seed on dev and returns a transcript:
// every result's dtype, shape and values, and the errors steps raised.
func runProgram(seed uint64, dev device.Device) []string {
	rng := rand.New(rand.NewPCG(seed, 77))
	base := progShape(rng)
	var pool []*Array
	for range 2 + rng.IntN(3) {
		pool = append(pool, progArray(rng, dev, broadcastable(rng, base)))
	}
	var out []string
	note := func(step string, f func() *Array) *Array {
		var r *Array
		func() {
			defer func() {
				if e := recover(); e != nil {
					err, ok := e.(*Error)
					if !ok {
						panic(e)
					}
					out = append(out, fmt.Sprintf("%s: %v", step, err.Kind))
				}
			}()
			r = f()
		}()
		return r
	}
	trace := func(s string) {
		if progTrace {
			out = append(out, "trace "+s)
		}
	}
	operand := func() any {
		if rng.IntN(6) == 0 {
			return []any{2, -1.5, true, int64(3), float32(0.5)}[rng.IntN(5)]
		}
		return pool[rng.IntN(len(pool))]
	}
	for step := range 2 + rng.IntN(8) {
		var r *Array
		switch k := rng.IntN(20); {
		case k < 6:
			op := unaryProgOps[rng.IntN(len(unaryProgOps))]
			x := operand()
			r = note(fmt.Sprintf("%d %s", step, op.name), func() *Array { return op.f(x) })
			trace(fmt.Sprintf("%d %s(%v)", step, op.name, desc(x)))
		case k < 15:
			op := binaryProgOps[rng.IntN(len(binaryProgOps))]
			x, y := operand(), operand()
			r = note(fmt.Sprintf("%d %s", step, op.name), func() *Array { return op.f(x, y) })
			trace(fmt.Sprintf("%d %s(%v, %v)", step, op.name, desc(x), desc(y)))
		case k < 16:
			c, x, y := operand(), operand(), operand()
			r = note(fmt.Sprintf("%d where", step), func() *Array { return Where(c, x, y) })
			trace(fmt.Sprintf("%d where(%v, %v, %v)", step, desc(c), desc(x), desc(y)))
		case k < 18:
			// An Into form writing into an array of the pool (which
			// other lazy results may read), or in place.
			op := binaryProgOps[rng.IntN(len(binaryProgOps))]
			dst := pool[rng.IntN(len(pool))]
			x, y := operand(), operand()
			if rng.IntN(2) == 0 {
				x = dst
			}
			note(fmt.Sprintf("%d %s into", step, op.name), func() *Array { return op.into(dst, x, y) })
			trace(fmt.Sprintf("%d %s into %v (%v, %v)", step, op.name, desc(dst), desc(x), desc(y)))
		default:
			// Assignment through a view.
			dst := pool[rng.IntN(len(pool))]
			v := operand()
			trace(fmt.Sprintf("%d set %v = %v", step, desc(dst), desc(v)))
			note(fmt.Sprintf("%d set", step), func() *Array {
				if dst.NDim() > 0 && rng.IntN(2) == 0 {
					dst.Set(v, Colon.Step(-1))
				} else {
					dst.Set(v)
				}
				return nil
			})
		}
		if r != nil {
			pool = append(pool, r)
			trace(fmt.Sprintf("-> pool[%d] = %v", len(pool)-1, desc(r)))
		}
	}
	trace(fmt.Sprintf("pool %d", len(pool)))
	// A reduction of the last result.
	last := pool[len(pool)-1]
	var axes []ReduceOption
	if last.NDim() > 0 && rng.IntN(2) == 0 {
		axes = append(axes, Axis(rng.IntN(last.NDim())))
	}
	if rng.IntN(3) == 0 {
		axes = append(axes, KeepDims)
	}
	reductions := []struct {
		name string
		f    func(*Array, ...ReduceOption) *Array
	}{{"sum", Sum}, {"prod", Prod}, {"max", Max}, {"min", Min}, {"argmax", ArgMax}, {"mean", Mean}, {"var", Var}, {"std", Std}, {"any", Any}}
	red := reductions[rng.IntN(len(reductions))]
	if r := note("reduce "+red.name, func() *Array { return red.f(last, axes...) }); r != nil {
		pool = append(pool, r)
	}
	for i, a := range pool {
		out = append(out, fmt.Sprintf("%d %v%v %s", i, a.DType(), a.Shape(), transcript(a)))
	}
	return out
}

// progTrace adds the program's steps to its transcript (to debug).
var progTrace = false

// desc names an operand of a program for its trace.
func desc(x any) string {
	if a, ok := x.(*Array); ok {
		return fmt.Sprintf("%p%v%v", a, a.DType(), a.Shape())
	}
	return fmt.Sprint(x)
}

// transcript writes a's values exactly: floats as bits (every NaN alike).
func transcript(a *Array) string {
	var b strings.Builder
	switch s := a.Data().(type) {
	case []float32:
		for _, v := range s {
			if v != v {
				b.WriteString("NaN ")
			} else {
				fmt.Fprintf(&b, "%08x ", math.Float32bits(v))
			}
		}
	case []float64:
		for _, v := range s {
			if v != v {
				b.WriteString("NaN ")
			} else {
				fmt.Fprintf(&b, "%016x ", math.Float64bits(v))
			}
		}
	default:
		fmt.Fprint(&b, s)
	}
	return b.String()
}

// withFusion runs f with fusion set to on.
func withFusion(on bool, f func()) {
	old := fusion
	fusion = on
	defer func() { fusion = old }()
	f()
}

// programs is how many random programs TestFusedEqualsEager runs per
// device: $NUMGL_FUSION_PROGRAMS, or 300 (`make fuzz` runs more).
func programs() uint64 {
	if n, err := strconv.ParseUint(os.Getenv("NUMGL_FUSION_PROGRAMS"), 10, 64); err == nil {
		return n
	}
	return 300
}

func TestFusedEqualsEager(t *testing.T) {
	for _, name := range []string{"cpu-loop", "cpu-simd"} {
		dev := must(device.Get(name))
		t.Run(name, func(t *testing.T) {
			for seed := range programs() {
				var fused, eager []string
				withFusion(true, func() { fused = runProgram(seed, dev) })
				withFusion(false, func() { eager = runProgram(seed, dev) })
				if d := firstDiff(fused, eager); d != "" {
					t.Fatalf("program %d: fused and eager differ:\n%s", seed, d)
				}
			}
		})
	}
}

// TestFusedEqualsEagerGPU runs fewer programs (each compiles kernels)
// on the GPU, where fused kernels may round their float values a few
// ulps apart from eager ones only where a driver contracts despite
// precise.
func TestFusedEqualsEagerGPU(t *testing.T) {
	dev, err := device.Get("gpu")
	if err != nil {
		t.Skip("no GPU:", err)
	}
	for seed := range programs() / 8 {
		var fused, eager []string
		withFusion(true, func() { fused = runProgram(seed, dev) })
		withFusion(false, func() { eager = runProgram(seed, dev) })
		if d := firstDiffULP(fused, eager, 4); d != "" {
			t.Fatalf("program %d: fused and eager differ:\n%s", seed, d)
		}
	}
}

// firstDiff returns the first line where a and b differ, or "".
func firstDiff(a, b []string) string { return firstDiffULP(a, b, 0) }

// firstDiffULP is firstDiff with float values (hex bits) allowed ulps
// apart.
func firstDiffULP(a, b []string, ulps int64) string {
	for i := range max(len(a), len(b)) {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y && !closeLines(x, y, ulps) {
			return fmt.Sprintf("fused: %.300s\neager: %.300s", x, y)
		}
	}
	return ""
}

// closeLines reports whether two transcript lines differ only in float
// values at most ulps apart.
func closeLines(x, y string, ulps int64) bool {
	xs, ys := strings.Fields(x), strings.Fields(y)
	if ulps == 0 || len(xs) != len(ys) {
		return false
	}
	for i := range xs {
		if xs[i] == ys[i] {
			continue
		}
		var u, v uint64
		if len(xs[i]) != len(ys[i]) || (len(xs[i]) != 8 && len(xs[i]) != 16) {
			return false
		}
		if _, err := fmt.Sscanf(xs[i], "%x", &u); err != nil {
			return false
		}
		if _, err := fmt.Sscanf(ys[i], "%x", &v); err != nil {
			return false
		}
		if d := orderedBits(u, len(xs[i])) - orderedBits(v, len(xs[i])); d > ulps || d < -ulps {
			return false
		}
	}
	return true
}

// orderedBits maps float bits (width hex digits) to integers in the
// order of the floats.
func orderedBits(u uint64, width int) int64 {
	if width == 8 {
		i := int64(int32(uint32(u)))
		if i < 0 {
			i = math.MinInt32 - i
		}
		return i
	}
	i := int64(u)
	if i < 0 {
		i = math.MinInt64 - i
	}
	return i
}

// TestFusionLimits builds expressions past a kernel's limits — a chain of
// 100 ops, a sum of 40 distinct arrays — on every device: each lazy
// result's graph stays within maxNodes ops and the device's buffers, and
// the values are eager evaluation's.
func TestFusionLimits(t *testing.T) {
	for _, dev := range fusionDevices(t) {
		run := func() []float64 {
			g := NewGenerator(3).On(dev)
			x := g.Uniform(Float32, 0, 1, 1000)
			y := x
			for i := range 100 {
				y = y.Multiply(1.0001).Add(float64(i % 3))
				if y.lz != nil && y.lz.nodes > maxNodes {
					t.Fatalf("%s: a graph of %d ops", dev.Name(), y.lz.nodes)
				}
			}
			s := Zeros(Float32, 1000).To(dev)
			for i := range 40 {
				s = s.Add(g.Uniform(Float32, 0, float64(i+1), 1000))
				if s.lz != nil && len(s.lz.loads) > bufferLimit(dev)-1 {
					t.Fatalf("%s: a graph loading %d buffers", dev.Name(), len(s.lz.loads))
				}
			}
			return append(ToSlice[float64](y), ToSlice[float64](Sum(s.Multiply(y)))...)
		}
		var fused, eager []float64
		withFusion(true, func() { fused = run() })
		withFusion(false, func() { eager = run() })
		for i := range fused {
			if fused[i] != eager[i] && !(dev.Name() != "cpu-loop" && dev.Name() != "cpu-simd" &&
				math.Abs(fused[i]-eager[i]) <= 1e-5*math.Abs(eager[i])) {
				t.Fatalf("%s: element %d fused %v, eager %v", dev.Name(), i, fused[i], eager[i])
			}
		}
	}
}

// fusionDevices returns cpu-loop, cpu-simd and the GPU where it opens.
func fusionDevices(t *testing.T) []device.Device {
	devs := []device.Device{must(device.Get("cpu-loop")), must(device.Get("cpu-simd"))}
	if g, err := device.Get("gpu"); err == nil {
		devs = append(devs, g)
	}
	return devs
}
