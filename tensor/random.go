package tensor

import (
	"math"
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/cpu"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// Generator draws arrays of random numbers that are the same on every
// device and every platform for a given seed (the role of NumPy's
// numpy.random.Generator; the streams differ from NumPy's).
//
// It is counter-based: Philox4x32-10 (Salmon et al., "Parallel random
// numbers: as easy as 1, 2, 3", SC 2011) turns a 128-bit counter and a
// 64-bit key into 128 random bits, so element i of a draw is a pure
// function of the seed, the draw's number and i, and any element can be
// computed alone — on the host, on many goroutines, or by a GPU kernel
// that reproduces this stream. The stream is laid out as:
//
//	key     = (uint32(seed), uint32(seed>>32))
//	counter = (uint32(c), uint32(c>>32), uint32(d), uint32(d>>32))
//	          with c = i | j<<48
//
// where d counts the generator's draws from 0 (each Uniform, Normal or
// Integers call that does not panic takes the next one), i is the index of
// the element in C order (arrays hold fewer than 2^48 elements) and j
// numbers the 128-bit blocks one element uses (0 except when Integers
// rejects a candidate). The block's four words w0..w3 are used as each
// method says.
//
// Arrays are generated on the host and uploaded to the device: that is
// what makes every device produce the same bits. A Generator is safe for
// concurrent use; concurrent draws each get their own draw number, in the
// order they happen to run.
type Generator struct {
	key   [2]uint32
	draws *atomic.Uint64 // shared with the generators On returns
	dev   device.Device  // nil: device.Default() at each draw
}

// NewGenerator returns a Generator seeded with seed, whose arrays go to the
// default device (NumPy's numpy.random.default_rng(seed)).
func NewGenerator(seed uint64) *Generator {
	return &Generator{key: [2]uint32{uint32(seed), uint32(seed >> 32)}, draws: new(atomic.Uint64)}
}

// On returns a Generator that shares g's stream (a draw from either
// advances both) and creates its arrays on dev.
func (g *Generator) On(dev device.Device) *Generator {
	return &Generator{key: g.key, draws: g.draws, dev: dev}
}

// Device returns the device the generator's arrays are created on.
func (g *Generator) Device() device.Device {
	if g.dev == nil {
		return device.Default()
	}
	return g.dev
}

// Uniform returns an array of dtype dt (float32 or float64) and the given
// shape (none: a 0-d array) of numbers drawn uniformly from [low, high)
// (NumPy's Generator.uniform). Element i is low + (high-low)*u with
// u = (w0>>8)·2⁻²⁴ for float32 and u = (w0<<32 | w1)>>11 · 2⁻⁵³ for
// float64, computed in float64 and rounded to dt; a result that rounds up
// to high is replaced by the next value of dt below it.
//
// It panics with a DTypeError for an integer or bool dtype and a ValueError
// unless low < high and high-low is finite.
func (g *Generator) Uniform(dt DType, low, high float64, shape ...int) *Array {
	if !dt.IsFloat() {
		raise(DTypeError, "Unsupported dtype %v for uniform", dt)
	}
	if !(low < high) {
		raise(ValueError, "uniform: high <= low (low=%v, high=%v)", low, high)
	}
	scale := high - low
	if math.IsInf(scale, 0) {
		raise(ValueError, "uniform: Range exceeds valid bounds")
	}
	n := randomSize(shape, dt)
	s := g.next()
	var host any
	if dt == dtype.Float32 {
		out := make([]float32, n)
		parallelFill(n, func(i int) { out[i] = s.uniform32(uint64(i), low, scale, high) })
		host = out
	} else {
		out := make([]float64, n)
		parallelFill(n, func(i int) { out[i] = s.uniform64(uint64(i), low, scale, high) })
		host = out
	}
	return g.upload(host, shape)
}

// Normal returns an array of dtype dt (float32 or float64) and the given
// shape of normally distributed numbers with the given mean and standard
// deviation (NumPy's Generator.normal). Element i is mean + std*z with z
// from the Box-Muller transform of one block:
//
//	u1 = ((w0<<32 | w1)>>11 + 1)·2⁻⁵³   in (0, 1]
//	u2 = ((w2<<32 | w3)>>11)·2⁻⁵³       in [0, 1)
//	z  = sqrt(-2·log(u1))·cos(2π·u2)
//
// computed in float64 and rounded to dt. log and cos are computed here
// (fdlibm's algorithms, every rounding explicit) rather than by package
// math, whose results may differ in the last bit between architectures.
//
// It panics with a DTypeError for an integer or bool dtype and a ValueError
// for std < 0.
func (g *Generator) Normal(dt DType, mean, std float64, shape ...int) *Array {
	if !dt.IsFloat() {
		raise(DTypeError, "Unsupported dtype %v for normal", dt)
	}
	if std < 0 {
		raise(ValueError, "normal: scale < 0 (std=%v)", std)
	}
	n := randomSize(shape, dt)
	s := g.next()
	var host any
	if dt == dtype.Float32 {
		out := make([]float32, n)
		parallelFill(n, func(i int) { out[i] = float32(float64(std*s.normal(uint64(i))) + mean) })
		host = out
	} else {
		out := make([]float64, n)
		parallelFill(n, func(i int) { out[i] = float64(std*s.normal(uint64(i))) + mean })
		host = out
	}
	return g.upload(host, shape)
}

// Integers returns an array of dtype dt (int32 or int64) and the given
// shape of integers drawn uniformly from [low, high) (NumPy's
// Generator.integers with endpoint=False).
//
// Each element is exactly uniform, by Lemire's multiply-and-reject method
// on 64-bit candidates: with n = high-low, a candidate x gives the 128-bit
// product x·n, which is accepted when its low 64 bits are at least
// 2⁶⁴ mod n, and then the element is low + (x·n)>>64. An element's
// candidates are, in order, w0<<32|w1 and w2<<32|w3 of its block j = 0,
// then of block j = 1, and so on, so a rejection (probability below
// n/2⁶⁴ per candidate) changes no other element.
//
// It panics with a DTypeError for a float or bool dtype and a ValueError
// unless low < high and both fit dt (high may be one past its maximum).
func (g *Generator) Integers(dt DType, low, high int64, shape ...int) *Array {
	if !dt.IsInt() {
		raise(DTypeError, "Unsupported dtype %v for integers", dt)
	}
	if low >= high {
		raise(ValueError, "low >= high (low=%d, high=%d)", low, high)
	}
	if dt == dtype.Int32 {
		if low < math.MinInt32 {
			raise(ValueError, "low is out of bounds for int32")
		}
		if high > math.MaxInt32+1 {
			raise(ValueError, "high is out of bounds for int32")
		}
	}
	n := randomSize(shape, dt)
	s := g.next()
	span := uint64(high) - uint64(low) // in [1, 2^64-1]
	thresh := -span % span             // 2^64 mod span
	var host any
	if dt == dtype.Int32 {
		out := make([]int32, n)
		parallelFill(n, func(i int) { out[i] = int32(s.integer(uint64(i), low, span, thresh)) })
		host = out
	} else {
		out := make([]int64, n)
		parallelFill(n, func(i int) { out[i] = s.integer(uint64(i), low, span, thresh) })
		host = out
	}
	return g.upload(host, shape)
}

// maxRandomSize bounds the element index so that it fits the 48 bits the
// counter gives it.
const maxRandomSize = 1 << 48

// randomSize checks shape for an array of dt (broadcast.CheckedSize) and
// returns its number of elements. The host slice the values are drawn
// into must pass the CPU allocation gate (cpu.CheckAlloc), whatever the
// device.
func randomSize(shape []int, dt dtype.DType) int {
	n := must(broadcast.CheckedSize(shape, dt.Size()))
	if uint64(n) > maxRandomSize {
		raise(ValueError, "Maximum allowed size exceeded")
	}
	if err := cpu.CheckAlloc(dt, n); err != nil {
		panic(allocFailed(err, dt, shape))
	}
	return n
}

// next takes the generator's next draw number.
func (g *Generator) next() philoxStream {
	return philoxStream{key: g.key, draw: g.draws.Add(1) - 1}
}

// upload makes the array of host on the generator's device; no shape
// makes a 0-d array.
func (g *Generator) upload(host any, shape []int) *Array {
	if shape == nil {
		shape = []int{}
	}
	return On(g.Device()).FromHost(host, shape...)
}

// parallelFill calls fill(i) for every i in [0, n), split over
// GOMAXPROCS goroutines when n is large. Elements are independent, so the
// split does not change the results.
func parallelFill(n int, fill func(i int)) {
	const chunk = 1 << 15
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	if workers <= 1 {
		for i := range n {
			fill(i)
		}
		return
	}
	var wg sync.WaitGroup
	per := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += per {
		hi := min(lo+per, n)
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				fill(i)
			}
		})
	}
	wg.Wait()
}

// philoxStream is one draw: the key and the draw number of the counter.
type philoxStream struct {
	key  [2]uint32
	draw uint64
}

// block returns block j of element i.
func (s philoxStream) block(i, j uint64) [4]uint32 {
	c := i | j<<48
	return philox4x32(
		[4]uint32{uint32(c), uint32(c >> 32), uint32(s.draw), uint32(s.draw >> 32)},
		s.key)
}

// uniform32 is element i of Uniform(Float32, low, low+scale, ...).
func (s philoxStream) uniform32(i uint64, low, scale, high float64) float32 {
	w := s.block(i, 0)
	u := float64(w[0]>>8) * 0x1p-24
	r := float32(float64(scale*u) + low)
	if float64(r) >= high {
		r = math.Nextafter32(r, float32(math.Inf(-1)))
	}
	return r
}

// uniform64 is element i of Uniform(Float64, low, low+scale, ...).
func (s philoxStream) uniform64(i uint64, low, scale, high float64) float64 {
	w := s.block(i, 0)
	u := float64((uint64(w[0])<<32|uint64(w[1]))>>11) * 0x1p-53
	r := float64(scale*u) + low
	for r >= high {
		r = math.Nextafter(r, math.Inf(-1))
	}
	return r
}

// normal is the standard normal deviate z of element i (see Normal).
func (s philoxStream) normal(i uint64) float64 {
	w := s.block(i, 0)
	u1 := float64((uint64(w[0])<<32|uint64(w[1]))>>11+1) * 0x1p-53
	u2 := float64((uint64(w[2])<<32|uint64(w[3]))>>11) * 0x1p-53
	return float64(math.Sqrt(-2*logDet(u1)) * cos2Pi(u2))
}

// integer is element i of Integers(_, low, low+span, ...) (see
// Integers); thresh is 2^64 mod span.
func (s philoxStream) integer(i uint64, low int64, span, thresh uint64) int64 {
	for j := uint64(0); j < 1<<16; j++ {
		w := s.block(i, j)
		for _, x := range [2]uint64{uint64(w[0])<<32 | uint64(w[1]), uint64(w[2])<<32 | uint64(w[3])} {
			hi, lo := bits.Mul64(x, span)
			if lo >= thresh {
				return int64(uint64(low) + hi)
			}
		}
	}
	// Each block is rejected with probability below 1/4: 2^16 of them
	// in a row do not happen.
	panic("numgl: Integers: no candidate accepted")
}

// Philox4x32 constants (Salmon et al. 2011): the round multipliers and the
// Weyl sequence that bumps the key.
const (
	philoxM0 = 0xD2511F53
	philoxM1 = 0xCD9E8D57
	philoxW0 = 0x9E3779B9 // golden ratio
	philoxW1 = 0xBB67AE85 // sqrt(3) - 1
)

// philox4x32 is Philox4x32-10: ten rounds of
//
//	hi0:lo0 = M0·ctr[0],  hi1:lo1 = M1·ctr[2]  (32×32 → 64 bits)
//	ctr     = (hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0)
//
// with the key bumped by (W0, W1) between rounds.
func philox4x32(ctr [4]uint32, key [2]uint32) [4]uint32 {
	for r := 0; r < 10; r++ {
		if r > 0 {
			key[0] += philoxW0
			key[1] += philoxW1
		}
		p0 := uint64(philoxM0) * uint64(ctr[0])
		p1 := uint64(philoxM1) * uint64(ctr[2])
		hi0, lo0 := uint32(p0>>32), uint32(p0)
		hi1, lo1 := uint32(p1>>32), uint32(p1)
		ctr = [4]uint32{hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0}
	}
	return ctr
}

// The functions below compute log and cos with fdlibm's algorithms (as Go's
// pure-Go math.Log and FreeBSD's msun kernels do) so that Normal gives the
// same bits on every platform. Every product is converted explicitly,
// which stops the compiler from fusing it into a multiply-add on the
// architectures that have one (the Go spec allows fusion otherwise).

// logDet returns the natural logarithm of x, for finite x > 0 (fdlibm's
// e_log.c, the algorithm of Go's pure-Go math.Log, error below 1 ulp).
func logDet(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01 // 3fe62e42 fee00000
		ln2Lo = 1.90821492927058770002e-10 // 3dea39ef 35793c76
		l1    = 6.666666666666735130e-01   // 3FE55555 55555593
		l2    = 3.999999999940941908e-01   // 3FD99999 9997FA04
		l3    = 2.857142874366239149e-01   // 3FD24924 94229359
		l4    = 2.222219843214978396e-01   // 3FCC71C5 1D8E78AF
		l5    = 1.818357216161805012e-01   // 3FC74664 96CB03DE
		l6    = 1.531383769920937332e-01   // 3FC39A09 D078C69F
		l7    = 1.479819860511658591e-01   // 3FC2F112 DF3E5244
	)
	// x = 2^k · (1+f) with sqrt(2)/2 <= 1+f < sqrt(2); all exact.
	f1, ki := math.Frexp(x)
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)
	s := f / (2 + f)
	s2 := float64(s * s)
	s4 := float64(s2 * s2)
	t1 := float64(s2 * (l1 + float64(s4*(l3+float64(s4*(l5+float64(s4*l7)))))))
	t2 := float64(s4 * (l2 + float64(s4*(l4+float64(s4*l6)))))
	r := t1 + t2
	hfsq := float64(float64(0.5*f) * f)
	return float64(k*ln2Hi) - ((hfsq - (float64(s*(hfsq+r)) + float64(k*ln2Lo))) - f)
}

// cos2Pi returns cos(2π·u) for u in [0, 1). The reduction is exact: u is
// split into a quarter turn q and r in [0, 1/4), folded into [0, 1/8], and
// only 2π·r is rounded before fdlibm's kernels.
func cos2Pi(u float64) float64 {
	const twoPi = 2 * math.Pi
	q := int(u * 4)
	r := u - float64(q)*0.25
	var c, s float64 // cos and sin of 2πr
	if r <= 0.125 {
		t := float64(twoPi * r)
		c, s = kernelCos(t), kernelSin(t)
	} else {
		t := float64(twoPi * (0.25 - r))
		c, s = kernelSin(t), kernelCos(t)
	}
	switch q {
	case 0:
		return c
	case 1:
		return -s
	case 2:
		return -c
	}
	return s
}

// kernelCos returns cos(x) for |x| <= π/4 (fdlibm's k_cos.c with y = 0).
func kernelCos(x float64) float64 {
	const (
		c1 = 4.16666666666666019037e-02  // 0x3FA55555, 0x5555554C
		c2 = -1.38888888888741095749e-03 // 0xBF56C16C, 0x16C15177
		c3 = 2.48015872894767294178e-05  // 0x3EFA01A0, 0x19CB1590
		c4 = -2.75573143513906633035e-07 // 0xBE927E4F, 0x809C52AD
		c5 = 2.08757232129817482790e-09  // 0x3E21EE9E, 0xBDB4B1C4
		c6 = -1.13596475577881948265e-11 // 0xBDA8FAE9, 0xBE8838D4
	)
	z := float64(x * x)
	w := float64(z * z)
	r := float64(z*(c1+float64(z*(c2+float64(z*c3))))) +
		float64(float64(w*w)*(c4+float64(z*(c5+float64(z*c6)))))
	hz := float64(0.5 * z)
	w = 1 - hz
	return w + (((1 - w) - hz) + float64(z*r))
}

// kernelSin returns sin(x) for |x| <= π/4 (fdlibm's k_sin.c with y = 0).
func kernelSin(x float64) float64 {
	const (
		s1 = -1.66666666666666324348e-01 // 0xBFC55555, 0x55555549
		s2 = 8.33333333332248946124e-03  // 0x3F811111, 0x1110F8A6
		s3 = -1.98412698298579493134e-04 // 0xBF2A01A0, 0x19C161D5
		s4 = 2.75573137070700676789e-06  // 0x3EC71DE3, 0x57B1FE7D
		s5 = -2.50507602534068634195e-08 // 0xBE5AE5E6, 0x8A2B9CEB
		s6 = 1.58969099521155010221e-10  // 0x3DE5D93A, 0x5ACFD57C
	)
	z := float64(x * x)
	w := float64(z * z)
	r := s2 + float64(z*(s3+float64(z*s4))) + float64(float64(z*w)*(s5+float64(z*s6)))
	v := float64(z * x)
	return x + float64(v*(s1+float64(z*r)))
}
