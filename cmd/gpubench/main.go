// Command gpubench runs the standard numgl workloads on every device the
// build has — cpu-loop (the reference), cpu-simd and the GPU — checks every
// result against cpu-loop's, and prints what each device reaches: a table,
// JSON lines or CSV, and optionally a bar chart and NumPy's figures for the
// same work on the same machine.
//
// Usage:
//
//	gpubench [flags]        run the suite (default: every workload, every device)
//	gpubench devices        list the devices and their capabilities
//	gpubench calibrate      time the GPU's GEMM tiles (-n, -device) and record the fastest
//
// The workloads and their default sizes are those of
// ../shared/anchors/numpy_ref.py, named the same way, so the two can be
// joined on (workload, dtype, size). size is an element count, n for
// matmul, solve and inv, and the batch for mlp_forward.
//
// The expr_* workloads are compound expressions written with the plain
// ufunc and reduction calls, as a NumPy user writes them
// (tensor.Sum(x*x + 2*x + 1), exp(-x*x/2), where(x > 0, x*y, -z),
// sqrt(x*x + y*y + z*z), a row softmax, a column standardisation): numgl
// evaluates ufunc results lazily and fuses each expression into one kernel
// or a few, so they show what fusion gains over NumPy's one pass and one
// temporary per operator. overhead_add is the fixed cost of one small op
// (a + b on a thousand elements), timed over 10000 calls a run and
// reported per call, as numpy_ref.py does; on a GPU each call enqueues its
// kernel without waiting.
//
// Timing: each row runs its warm-up runs (at least one on a GPU, so that
// no program compilation is ever timed; a GPU then runs the work back to
// back for -gpu-spinup, because a real GPU idles at a low clock and raises
// it only under sustained load), then up to -repeat timed runs,
// fewer once they pass -budget (but three, -repeat allowing, while each
// is shorter than a third of it; the runs column says how many); the
// figure is their median. A timed run
// starts the wall clock, enqueues the operation on inputs already on the
// device, computes its result (Eval: an expression's result is lazy, and
// would otherwise be computed only when read, after the clock stops), and
// stops the clock after the device's Sync; on the GPU a pair of GL
// timestamp queries around the same work gives kernel_seconds beside it
// (none for work that dispatches no GPU kernel: solve and inv run on the
// CPU whatever the device),
// and the device's dispatch counter the kernel launches of the run
// (dispatches: the fusion made visible). The single-op workloads write
// into outputs preallocated with the Into forms, so allocation is not
// timed; the expressions and overhead_add allocate their results, as
// NumPy's do.
//
// With -numpy, NumPy times the same work on the same machine (numpy_ref.py
// at its own sizes, else the shipped numpy_bench.py), and for the expr_*
// workloads numexpr too, where it is installed: a second baseline, with a
// ×numexpr column beside ×numpy.
//
// Long rows: sizes run smallest first, and a device's pace at one size
// foretells the next. Where one run would pass -max-run, cpu-loop is timed
// at the largest size that fits (the other devices are then checked at that
// size too) and the other devices' rows are skipped, saying so; neither is
// a failure.
//
// The last line counts the rows, the checks against cpu-loop that passed
// and the failures (on stderr with -json and -csv). Exit status: 0 when
// every result agrees with cpu-loop, 1 when one is marked FAIL or a run
// failed, 2 for a usage error.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
