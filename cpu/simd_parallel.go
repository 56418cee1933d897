package cpu

import (
	"github.com/numgl/numgl/ufunc"
	"runtime"
	"sync"
)

// Split thresholds: the least work, in elements, that cpu-simd splits over
// GOMAXPROCS goroutines. They are measured, not guessed, by
// BenchmarkSplitThreshold: add, exp and sum kernels over n float32s, run
// whole and split in two, back to back ("hot") and after the other CPU
// has gone idle ("cold": 200µs asleep before each call, as between the
// operations of a program). On the 2-vCPU AMD EPYC VM this was tuned on,
// -benchtime 200x -count 5, medians in µs, whole / split:
//
//	n      add hot      add cold     exp hot      exp cold     sum hot      sum cold
//	16Ki   1.6/2.7      4.5/23       13/23        12/32        1.2/2.3      2.1/14
//	64Ki   7.3/9.9      14/31        53/87        49/135       5.0/6.3      6.4/24
//	256Ki  45/86        50/154       216/274      222/281      20/24        29/57
//	1Mi    189/253      357/370      1092/874     782/803      86/83        104/156
//	4Mi    1111/1433    1739/1909    2859/2639    4090/3716    377/336      514/684
//	16Mi   9792/7471    8837/8516    14288/10222  14781/11944  1884/1160    3478/3075
//
// Waking an idle vCPU costs 10-30µs here (0.6µs when it is still
// spinning), and below a few MiB a single core is not limited by memory
// bandwidth, so splitting pays late: exp (about 1 ns an element) from
// about 512Ki elements, sums from 1Mi, streaming kernels (add, compare,
// copy: bandwidth-bound) from 2Mi. The machine is shared and noisy (runs
// vary by 2× at times); the thresholds sit where the medians cross.
const (
	splitStream = 1 << 21 // streaming elementwise kernels, copies, compress
	splitMath   = 1 << 19 // exp and the other transcendental kernels
	splitReduce = 1 << 20 // sums, extremes, counts
	// The math functions with no vector kernel run the op table's scalar
	// loop, 5-40 ns an element: splitting pays from a few tens of µs of
	// work, far below any kernel's threshold.
	splitLoop = 1 << 15
)

// mathLoops are the ops whose scalar loops cost enough for splitLoop.
var mathLoops = func() (m [ufunc.NumIDs]bool) {
	for _, id := range []ufunc.ID{ufunc.Exp, ufunc.Log, ufunc.Log1p, ufunc.Expm1, ufunc.Sin, ufunc.Cos,
		ufunc.Tan, ufunc.Tanh, ufunc.Power, ufunc.ArcSin, ufunc.ArcCos, ufunc.ArcTan, ufunc.ArcSinh,
		ufunc.ArcCosh, ufunc.ArcTanh, ufunc.Sinh, ufunc.Cosh, ufunc.Exp2, ufunc.Log2, ufunc.Log10,
		ufunc.Cbrt, ufunc.ArcTan2, ufunc.Hypot, ufunc.LogAddExp, ufunc.LogAddExp2, ufunc.Fmod} {
		m[id] = true
	}
	return m
}()

// workers is the number of goroutines work is split over.
func workers() int { return runtime.GOMAXPROCS(0) }

// parallel calls fn over [0, n) in at most workers() contiguous parts of
// at least minPer elements each, the caller running the last part, and
// returns when all are done. Parts start on multiples of 64 elements, so
// that split outputs do not share cache lines.
func parallel(n, minPer int, fn func(lo, hi int)) {
	parts := workers()
	if minPer < 1 {
		minPer = 1
	}
	if p := n / minPer; p < parts {
		parts = p
	}
	if parts <= 1 {
		fn(0, n)
		return
	}
	per := (n + parts - 1) / parts
	if n >= 64*parts {
		per = (per + 63) &^ 63
	}
	var wg sync.WaitGroup
	lo := 0
	for ; lo+per < n; lo += per {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			fn(lo, hi)
		}(lo, lo+per)
	}
	fn(lo, n)
	wg.Wait()
}
