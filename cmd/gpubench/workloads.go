package main

import (
	"math"

	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/linalg"
	"github.com/numgl/numgl/nnforward"
	"github.com/numgl/numgl/tensor"
)

// The linear algebra and networks the suite runs, each a hook: a nil one
// lists its workloads as "not available in this build", so a build
// without the package that provides it (or a new workload waiting for one)
// is one line from running it.
var (
	matMulInto = tensor.MatMulInto // matmul: numpy.matmul(a, b, out=out)
	solve      = linalg.Solve      // solve: numpy.linalg.solve
	inv        = linalg.Inv        // inv: numpy.linalg.inv
	mlp        = nnforwardMLP      // mlp_forward: numpy_ref.py's network
)

// nnforwardMLP is numpy_ref.py's network as an nnforward.Sequential: two
// Dense layers with ReLU and a Dense layer with a softmax over its
// outputs. w and b are its weights and biases; it returns its forward pass.
func nnforwardMLP(w, b []*tensor.Array) func(x *tensor.Array) *tensor.Array {
	return nnforward.NewSequential(
		nnforward.NewDense(w[0], b[0]), nnforward.ReLU{},
		nnforward.NewDense(w[1], b[1]), nnforward.ReLU{},
		nnforward.NewDense(w[2], b[2]), nnforward.Softmax{Axis: -1},
	).Forward
}

// needs returns a workload's availability check: "" while fn is set, else
// the note its rows carry.
func needs(missing func() bool, what string) func() string {
	return func() string {
		if missing() {
			return "not available in this build: needs " + what
		}
		return ""
	}
}

// family is the kind of inputs a workload takes; workloads of one family,
// dtype and size share their inputs.
type family int

// The families in numpy_ref.py's order, which is the table's.
const (
	famVec      family = iota // a, b, c: 1-D, size elements, uniform on [0, 1)
	famOverhead               // a, b: 1-D, size elements (a thousand), uniform on [0, 1)
	famMat                    // x: M×M, row: M, col: M×1; size M*M; uniform on [0, 1)
	famMatMul                 // p, q: n×n; size n
	famSystem                 // m: n×n + n·I (well conditioned), v: n; size n
	famNormal                 // x, y, z: 1-D, size elements, standard normal
	famSoftmax                // s2: rows×cols (softmaxShape), standard normal; size rows*cols
	famNormMat                // s3: M×M, standard normal; size M*M
	famMLP                    // X: batch×784, W1..W3 and B1..B3 of a 784-512-256-10 network; size batch
)

// check is how a result is compared with cpu-loop's.
type check int

const (
	checkValues check = iota // element by element, within the dtype's tolerance
	checkIndex               // an index: exactly equal
)

// op is one call of a workload's work: it returns the output, which may
// be lazy (an unrealised tensor expression). The runner computes it at
// once (Eval: on a GPU, enqueues it) inside the timed region, so a timed
// run is the op's calls, each Eval'd, then one Sync of the device.
type op func() *tensor.Array

// A workload is one line of the suite, as numpy_ref.py defines it.
type workload struct {
	index  int // position in the table
	name   string
	fam    family
	dtypes []dtype.DType // numpy_ref.py's dtypes
	sizes  []int         // numpy_ref.py's sizes, as it reports them
	quick  []int         // sizes for -quick

	// Work per call: flops (GFLOP/s is reported) or bytes moved (GB/s),
	// as numpy_ref.py counts them. out is the call's output.
	flops func(size int) float64
	bytes func(size, itemsize int, out *tensor.Array) float64

	// calls is how many calls of the op one timed run makes (0: one).
	// Where it is more than one (the fixed cost of an op, timed over
	// many calls as numpy_ref.py does), seconds, kernel seconds,
	// dispatches and throughput are reported per call.
	calls int

	// build returns the timed operation on inputs on one device, with its
	// outputs allocated up front.
	build func(in *inputs) op
	check check
	// tolScale widens the dtype's tolerance for long accumulations (nil: 1).
	tolScale func(size int) float64
	// loopSize bounds the size cpu-loop is timed at, where the full size
	// would take it minutes (nil: no bound; gpubench also shrinks it to fit
	// -max-run once cpu-loop's pace at a smaller size is known). The other
	// devices are then checked at that size.
	loopSize func(size int) int
	// unavailable returns why the build cannot run the workload, or "".
	unavailable func() string
}

// overheadCalls is how many calls of tensor.Add one run of overhead_add
// makes: numpy_ref.py times 10000 and reports the time of one.
const overheadCalls = 10_000

var (
	f32    = dtype.Float32
	f64    = dtype.Float64
	floats = []dtype.DType{f32, f64}
	only32 = []dtype.DType{f32}
	only64 = []dtype.DType{f64}
	vecN   = []int{10_000_000}
	vecQ   = []int{1_000_000}
	matN   = []int{4096 * 4096}
	matQ   = []int{1024 * 1024}
)

// bytesN counts k arrays of size elements each.
func bytesN(k int) func(size, itemsize int, out *tensor.Array) float64 {
	return func(size, itemsize int, _ *tensor.Array) float64 { return float64(k * size * itemsize) }
}

// unaryInto builds a workload that applies a unary ufunc's Into form to
// input a, writing an output allocated up front.
func unaryInto(into func(dst *tensor.Array, a any) *tensor.Array) func(in *inputs) op {
	return func(in *inputs) op {
		a, out := in.get("a"), in.like("a")
		return func() *tensor.Array { return into(out, a) }
	}
}

// workloads is the suite, in numpy_ref.py's order.
var workloads = numbered([]*workload{
	{name: "add", fam: famVec, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(3),
		build: func(in *inputs) op {
			a, b, out := in.get("a"), in.get("b"), in.like("a")
			return func() *tensor.Array { return tensor.AddInto(out, a, b) }
		}},
	{name: "mul", fam: famVec, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(3),
		build: func(in *inputs) op {
			a, b, out := in.get("a"), in.get("b"), in.like("a")
			return func() *tensor.Array { return tensor.MultiplyInto(out, a, b) }
		}},
	{name: "fma", fam: famVec, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(4),
		// a*b+c as NumPy evaluates it: one temporary.
		build: func(in *inputs) op {
			a, b, c := in.get("a"), in.get("b"), in.get("c")
			tmp, out := in.like("a"), in.like("a")
			return func() *tensor.Array {
				tensor.MultiplyInto(tmp, a, b)
				return tensor.AddInto(out, tmp, c)
			}
		}},
	{name: "exp", fam: famVec, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(2),
		build: func(in *inputs) op {
			a, out := in.get("a"), in.like("a")
			return func() *tensor.Array { return tensor.ExpInto(out, a) }
		}},
	// The other transcendental functions numpy_ref.py times on a, with
	// NumPy's own SIMD kernels behind them. cpu-loop's results are within
	// NumPy's ULP bounds (1-4 ulp), so the dtype's tolerance, tens of ulp
	// for float32 and thousands for float64, leaves room for another
	// device's few ulp and catches a wrong function or a wrong branch.
	{name: "log", fam: famVec, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(2),
		build: unaryInto(tensor.LogInto)},
	{name: "sin", fam: famVec, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(2),
		build: unaryInto(tensor.SinInto)},
	{name: "tanh", fam: famVec, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(2),
		build: unaryInto(tensor.TanhInto)},
	{name: "relu", fam: famVec, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(2),
		build: func(in *inputs) op {
			a, out := in.get("a"), in.like("a")
			return func() *tensor.Array { return tensor.MaximumInto(out, a, 0) }
		}},
	{name: "sum", fam: famVec, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(1),
		build: func(in *inputs) op {
			a := in.get("a")
			return func() *tensor.Array { return tensor.Sum(a) }
		}},
	{name: "argmax", fam: famVec, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(1), check: checkIndex,
		build: func(in *inputs) op {
			a := in.get("a")
			return func() *tensor.Array { return tensor.ArgMax(a) }
		}},
	{name: "mask_select", fam: famVec, dtypes: floats, sizes: vecN, quick: vecQ,
		// numpy_ref.py gives no throughput here; numgl counts the input
		// read once and the selected elements written.
		bytes: func(size, itemsize int, out *tensor.Array) float64 {
			if out == nil { // foreseeing: about half the elements pass
				return float64((size + size/2) * itemsize)
			}
			return float64((size + out.Size()) * itemsize)
		},
		build: func(in *inputs) op {
			a := in.get("a")
			return func() *tensor.Array { return a.Get(tensor.Greater(a, 0.5)) }
		}},
	{name: "overhead_add", fam: famOverhead, dtypes: only32, sizes: []int{1000}, quick: []int{1000}, bytes: bytesN(3),
		// The fixed cost of one small op: a + b on a thousand elements,
		// allocating its result as NumPy does, overheadCalls calls a run.
		// On a GPU each call enqueues its kernel without waiting.
		calls: overheadCalls,
		build: func(in *inputs) op {
			a, b := in.get("a"), in.get("b")
			return func() *tensor.Array { return tensor.Add(a, b) }
		}},
	{name: "broadcast_add_row", fam: famMat, dtypes: only32, sizes: matN, quick: matQ, bytes: bytesN(2),
		build: func(in *inputs) op {
			x, row, out := in.get("x"), in.get("row"), in.like("x")
			return func() *tensor.Array { return tensor.AddInto(out, x, row) }
		}},
	{name: "broadcast_add_col", fam: famMat, dtypes: only32, sizes: matN, quick: matQ, bytes: bytesN(2),
		build: func(in *inputs) op {
			x, col, out := in.get("x"), in.get("col"), in.like("x")
			return func() *tensor.Array { return tensor.AddInto(out, x, col) }
		}},
	{name: "sum_axis0", fam: famMat, dtypes: only32, sizes: matN, quick: matQ, bytes: bytesN(1),
		build: func(in *inputs) op {
			x, out := in.get("x"), in.like("row")
			return func() *tensor.Array { return tensor.Sum(x, tensor.Axis(0), tensor.Out(out)) }
		}},
	{name: "sum_axis1", fam: famMat, dtypes: only32, sizes: matN, quick: matQ, bytes: bytesN(1),
		build: func(in *inputs) op {
			x, out := in.get("x"), in.like("row")
			return func() *tensor.Array { return tensor.Sum(x, tensor.Axis(1), tensor.Out(out)) }
		}},
	{name: "transpose_copy", fam: famMat, dtypes: only32, sizes: matN, quick: matQ, bytes: bytesN(2),
		// np.ascontiguousarray(x.T), written into a preallocated array.
		build: func(in *inputs) op {
			x, out := in.get("x"), in.like("x")
			return func() *tensor.Array { out.Set(x.T()); return out }
		}},
	{name: "matmul", fam: famMatMul, dtypes: floats, sizes: []int{256, 512, 1024, 2048}, quick: []int{256, 512},
		flops:       func(n int) float64 { return 2 * cube(n) },
		tolScale:    func(n int) float64 { return math.Max(1, float64(n)/64) },
		loopSize:    func(n int) int { return min(n, 1024) },
		unavailable: needs(func() bool { return matMulInto == nil }, "a matrix product (tensor.MatMulInto)"),
		build: func(in *inputs) op {
			p, q, out := in.get("p"), in.get("q"), in.like("p")
			return func() *tensor.Array { return matMulInto(out, p, q) }
		}},
	{name: "solve", fam: famSystem, dtypes: only64, sizes: []int{500, 1000}, quick: []int{500},
		flops:       func(n int) float64 { return 2 * cube(n) / 3 },
		tolScale:    func(n int) float64 { return math.Max(1, float64(n)/64) },
		unavailable: needs(func() bool { return solve == nil }, "linalg.Solve"),
		build: func(in *inputs) op {
			m, v := in.get("m"), in.get("v")
			return func() *tensor.Array { return must(solve(m, v)) }
		}},
	{name: "inv", fam: famSystem, dtypes: only64, sizes: []int{500, 1000}, quick: []int{500},
		flops:       func(n int) float64 { return 2 * cube(n) },
		tolScale:    func(n int) float64 { return math.Max(1, float64(n)/64) },
		unavailable: needs(func() bool { return inv == nil }, "linalg.Inv"),
		build: func(in *inputs) op {
			m := in.get("m")
			return func() *tensor.Array { return must(inv(m)) }
		}},

	// Compound expressions, written as a NumPy user writes them, each
	// operator a call that returns a new (lazy) array; numgl fuses each
	// into one kernel (a reduction's, for expr_poly_sum). numpy_ref.py's
	// bytes count each input read once and the output written once: the
	// traffic of a fused evaluation. cpu-loop interprets the fused plan
	// one element at a time: ~20 ns an element here (0.2 s a run at 1e7,
	// ~1 s for expr_standardize's 4096×4096), so it needs no loopSize
	// bound; -max-run still shrinks it at larger -sizes.
	{name: "expr_poly_sum", fam: famNormal, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(1),
		// np.sum(x*x + 2*x + 1): a 0-d result.
		tolScale: sumTolScale,
		build: func(in *inputs) op {
			x := in.get("x")
			return func() *tensor.Array {
				return tensor.Sum(tensor.Add(tensor.Add(tensor.Multiply(x, x), tensor.Multiply(2, x)), 1))
			}
		}},
	{name: "expr_gauss", fam: famNormal, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(2),
		// np.exp(-x*x/2)
		build: func(in *inputs) op {
			x := in.get("x")
			return func() *tensor.Array { return tensor.Exp(tensor.Divide(tensor.Multiply(tensor.Negative(x), x), 2)) }
		}},
	{name: "expr_where", fam: famNormal, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(4),
		// np.where(x > 0, x*y, -z)
		build: func(in *inputs) op {
			x, y, z := in.get("x"), in.get("y"), in.get("z")
			return func() *tensor.Array {
				return tensor.Where(tensor.Greater(x, 0), tensor.Multiply(x, y), tensor.Negative(z))
			}
		}},
	{name: "expr_dist", fam: famNormal, dtypes: floats, sizes: vecN, quick: vecQ, bytes: bytesN(4),
		// np.sqrt(x*x + y*y + z*z)
		build: func(in *inputs) op {
			x, y, z := in.get("x"), in.get("y"), in.get("z")
			return func() *tensor.Array {
				return tensor.Sqrt(tensor.Add(tensor.Add(tensor.Multiply(x, x), tensor.Multiply(y, y)), tensor.Multiply(z, z)))
			}
		}},
	{name: "expr_softmax", fam: famSoftmax, dtypes: only32, sizes: []int{4096 * 1024}, quick: matQ, bytes: bytesN(2),
		// e = np.exp(s2 - s2.max(axis=1, keepdims=True));
		// e / e.sum(axis=1, keepdims=True)
		build: func(in *inputs) op {
			s := in.get("s2")
			return func() *tensor.Array {
				e := tensor.Exp(tensor.Subtract(s, tensor.Max(s, tensor.Axis(1), tensor.KeepDims)))
				return tensor.Divide(e, tensor.Sum(e, tensor.Axis(1), tensor.KeepDims))
			}
		}},
	{name: "expr_standardize", fam: famNormMat, dtypes: only32, sizes: matN, quick: matQ, bytes: bytesN(2),
		// (s3 - s3.mean(axis=0)) / s3.std(axis=0)
		build: func(in *inputs) op {
			s := in.get("s3")
			return func() *tensor.Array {
				return tensor.Divide(tensor.Subtract(s, tensor.Mean(s, tensor.Axis(0))), tensor.Std(s, tensor.Axis(0)))
			}
		}},
	{name: "mlp_forward", fam: famMLP, dtypes: only32, sizes: []int{1024}, quick: []int{256},
		flops:       func(batch int) float64 { return 2 * float64(batch) * (784*512 + 512*256 + 256*10) },
		tolScale:    func(int) float64 { return 16 },
		unavailable: needs(func() bool { return mlp == nil }, "package nnforward"),
		build:       mlpForward,
	},
})

// mlpForward builds mlp_forward on its inputs: numpy_ref.py's network
// through the mlp hook.
func mlpForward(in *inputs) op {
	x := in.get("X")
	forward := mlp([]*tensor.Array{in.get("W1"), in.get("W2"), in.get("W3")},
		[]*tensor.Array{in.get("B1"), in.get("B2"), in.get("B3")})
	return func() *tensor.Array { return forward(x) }
}

// callsPerRun is the number of calls of the op one timed run makes.
func (w *workload) callsPerRun() int { return max(1, w.calls) }

// work is the flops or bytes of one run (every call) at size, for
// foreseeing run times.
func (w *workload) work(size, itemsize int) float64 {
	c := float64(w.callsPerRun())
	if w.flops != nil {
		return c * w.flops(size)
	}
	return c * w.bytes(size, itemsize, nil)
}

// sumTolScale widens the tolerance of a sum over size elements: each
// device adds in its own order (pairwise on the CPUs, in work-group trees
// on a GPU), so two sums differ by up to ~log2(size) roundings.
func sumTolScale(size int) float64 { return math.Max(1, math.Log2(float64(max(size, 1)))/4) }

func cube(n int) float64 { return float64(n) * float64(n) * float64(n) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func numbered(ws []*workload) []*workload {
	for i, w := range ws {
		w.index = i
	}
	return ws
}

func findWorkload(name string) *workload {
	for _, w := range workloads {
		if w.name == name {
			return w
		}
	}
	return nil
}

func workloadNames() []string {
	names := make([]string, len(workloads))
	for i, w := range workloads {
		names[i] = w.name
	}
	return names
}

// canonicalSize returns the size a workload runs at for a requested
// size: an M×M workload rounds to a square.
func (w *workload) canonicalSize(size int) int {
	switch w.fam {
	case famMat, famNormMat:
		m := max(1, isqrt(size))
		return m * m
	case famSoftmax:
		rows, cols := softmaxShape(size)
		return rows * cols
	}
	return size
}

// softmaxShape is expr_softmax's matrix at size: rows of min(1024, ⌊√size⌋)
// elements, as many as fit. numpy_ref.py's 4096×1024 is size 4096*1024,
// -quick's 1024×1024 is 1024*1024.
func softmaxShape(size int) (rows, cols int) {
	cols = max(1, min(1024, isqrt(size)))
	return max(1, size/cols), cols
}

func isqrt(n int) int {
	r := int(math.Sqrt(float64(n)))
	for r*r > n {
		r--
	}
	for (r+1)*(r+1) <= n {
		r++
	}
	return r
}
