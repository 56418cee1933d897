package fmath

import (
	"math"
	"math/big"
	"math/bits"
)

// Sin, Cos and Tan are own implementations: Go's math reduces arguments
// beyond 2^29 to an absolute precision of about 2^-53 (its Payne-Hanek
// result passes through a 53-bit fraction), so a reduced argument near a
// multiple of pi/2 loses its relative precision (sin of |x| > 1e306 off
// by 25-147 ULP, and far more near multiples of pi/2).
//
// Method: x = q pi/2 + r with |r| <= pi/4 (a little more for huge x),
// r kept as a double-double rhi + rlo:
//   - |x| < 2^28 pi/2 (Cody-Waite): pi/2 in three float64 parts, the
//     products with q kept exact by FMAs; r keeps about 2^-130 absolute
//     precision, far below the nearest approach of such doubles to a
//     multiple of pi/2 (about 2^-62).
//   - larger |x| (Payne-Hanek): x = M 2^E with M a 53-bit integer is
//     multiplied by the 192 bits of 2/pi that matter (those whose
//     products with M are not multiples of 4), giving q mod 4 and a
//     190-bit fraction; the fraction (at least 2^-62 for any double) is
//     turned into a double-double and multiplied by pi/2.
//
// The kernels are the economized Taylor polynomials of sin and cos on
// |r| <= 0.7874 with a first-order rlo term, each giving an unevaluated
// sum hi + lo; Tan divides the two sums with the quotient's rounding
// error recovered by an FMA, so all three round about once (0.5 ULP).

// sin(r) = r + r^3 S(r^2), S on [0, 0.62]; economization error 7e-21.
const (
	sinS0 = -0.16666666666666666
	sinS1 = 0.008333333333333331
	sinS2 = -0.00019841269841264943
	sinS3 = 2.7557319219244494e-06
	sinS4 = -2.5052106199616366e-08
	sinS5 = 1.6058526424635128e-10
	sinS6 = -7.586391516635473e-13
)

// cos(r) = 1 - r^2/2 + r^4 C(r^2), C on [0, 0.62]; error 3e-22.
const (
	cosC0 = 0.041666666666666664
	cosC1 = -0.0013888888888888887
	cosC2 = 2.4801587301584578e-05
	cosC3 = -2.7557319221350144e-07
	cosC4 = 2.0876755772812825e-09
	cosC5 = -1.1470457997619506e-11
	cosC6 = 4.74570188382758e-14
)

const (
	// cwLimit: below it Cody-Waite reduction is used (q < 2^28).
	cwLimit = 0x1p28 * math.Pi / 2
	// trigTiny: below it sin x = tan x = x and cos x = 1 after rounding.
	trigTiny = 0x1p-27
)

var (
	// pi/2 = pio2Hi + pio2Lo + pio2C, each the float64 nearest what
	// remains.
	pio2Hi, pio2Lo, pio2C float64
	// pi as a double-double.
	piHi, piLo float64
	// twoOverPi is the binary fraction of 2^-64 * 2/pi, most significant
	// word first: 64 zero bits, then the first 1216 bits of 2/pi.
	twoOverPi [20]uint64
)

func init() {
	pi := bigPi(bigPrec)
	pio2 := new(big.Float).SetPrec(bigPrec).Quo(pi, big.NewFloat(2))
	pio2Hi, pio2Lo = split2(pio2)
	pio2C, _ = sub(sub(pio2, pio2Hi), pio2Lo).Float64()
	piHi, piLo = split2(pi)

	t := new(big.Float).SetPrec(bigPrec).Quo(big.NewFloat(2), pi)
	word := new(big.Int)
	for i := 1; i < len(twoOverPi); i++ {
		t.SetMantExp(t, 64)
		t.Int(word)
		twoOverPi[i] = word.Uint64()
		t.Sub(t, new(big.Float).SetPrec(bigPrec).SetInt(word))
	}
}

// trigReduce returns q mod 4 and r = rhi + rlo with |x| = q pi/2 + r,
// and ok = false for +-Inf and NaN. Tiny |x| (below trigTiny) are the
// callers' to handle.
func trigReduce(ax float64) (q int, rhi, rlo float64, ok bool) {
	switch {
	case ax <= math.Pi/4:
		return 0, ax, 0, true
	case ax < cwLimit:
		q, rhi, rlo = reduceCW(ax)
		return q, rhi, rlo, true
	case ax <= math.MaxFloat64:
		q, rhi, rlo = reducePH(ax)
		return q, rhi, rlo, true
	}
	return 0, 0, 0, false
}

// reduceCW is the Cody-Waite reduction for pi/4 < x < 2^28 pi/2, with
// pi/2 = pio2Hi + pio2Lo + pio2C (53 bits each): x - q pio2Hi is exact in
// one FMA (both are multiples of 2^-53 and the difference is below 1),
// q pio2Lo is split exactly by twoProd, and only q pio2C rounds (with the
// three parts' own truncation, about q 2^-161 absolute).
func reduceCW(x float64) (q int, rhi, rlo float64) {
	t := float64(x*(2/math.Pi)) + expShift
	qi := int(int32(uint32(math.Float64bits(t))))
	qf := t - expShift
	r1 := math.FMA(-qf, pio2Hi, x)
	p, pe := twoProd(qf, pio2Lo)
	r2, e2 := twoSum(r1, -p)
	lo := float64(e2-pe) - qf*pio2C
	rhi, rlo = fastTwoSum(r2, lo)
	return qi & 3, rhi, rlo
}

// reducePH is the Payne-Hanek reduction for finite x >= 2^28 pi/2.
func reducePH(x float64) (q int, rhi, rlo float64) {
	b := math.Float64bits(x)
	E := int(b>>52) - 1075   // x = M * 2^E
	M := b&(1<<52-1) | 1<<52 // 53-bit integer
	s := E + 62              // first stream bit used (>= 0)
	wi, sh := s/64, uint(s%64)
	w := func(i int) uint64 { // stream word starting at bit 64*i+sh
		if sh == 0 {
			return twoOverPi[i]
		}
		return twoOverPi[i]<<sh | twoOverPi[i+1]>>(64-sh)
	}
	w0, w1, w2 := w(wi), w(wi+1), w(wi+2)
	// P = M * (w0:w1:w2); only bits below 2^192 matter (the rest are
	// multiples of 4 after the 2^-190 scale), so p0 is not needed.
	h2, p3 := bits.Mul64(M, w2)
	h1, l1 := bits.Mul64(M, w1)
	p2, c := bits.Add64(l1, h2, 0)
	p1 := M*w0 + h1 + c
	q = int(p1 >> 62)
	// The 128-bit fraction a:b = P mod 2^190, top 128 bits.
	a := p1<<2 | p2>>62
	f := p2<<2 | p3>>62
	neg := false
	if a>>63 != 0 { // fraction >= 1/2: round q up, fraction 1 - it
		q++
		a, f = ^a, ^f
		var cc uint64
		f, cc = bits.Add64(f, 1, 0)
		a += cc
		neg = true
	}
	// Normalize a:f and convert to a double-double value in [0, 1/2].
	lz := bits.LeadingZeros64(a)
	exp := -128
	if lz == 64 { // fraction < 2^-64: cannot happen for a double, kept safe
		a, f = f, 0
		exp -= 64
		lz = bits.LeadingZeros64(a)
	}
	if lz > 0 {
		a = a<<uint(lz) | f>>(64-uint(lz))
		f <<= uint(lz)
	}
	exp -= lz
	hiBits := a >> 11
	loBits := (a&0x7ff)<<53 | f>>11
	fhi := float64(hiBits) * pow2(exp+75)
	flo := float64(loBits) * pow2(exp+11)
	// r = (fhi + flo) * pi/2.
	ph, pl := twoProd(fhi, pio2Hi)
	pl += fhi*pio2Lo + flo*pio2Hi
	rhi, rlo = fastTwoSum(ph, pl)
	if neg {
		rhi, rlo = -rhi, -rlo
	}
	return q & 3, rhi, rlo
}

// sinKernel returns sin(rhi + rlo) for |rhi| <= 0.7874, |rlo| tiny, as
// an unevaluated sum hi + lo accurate to about 2^-60 relative.
func sinKernel(rhi, rlo float64) (hi, lo float64) {
	z := rhi * rhi
	z2 := z * z
	// Estrin's scheme: shorter dependency chains than Horner.
	S := (sinS0 + z*sinS1) + z2*((sinS2+z*sinS3)+z2*((sinS4+z*sinS5)+z2*sinS6))
	return rhi, rhi*z*S + rlo*(1-0.5*z)
}

// cosKernel returns cos(rhi + rlo) for |rhi| <= 0.7874, |rlo| tiny, as
// hi + lo accurate to about 2^-60 relative.
func cosKernel(rhi, rlo float64) (hi, lo float64) {
	z, zErr := twoProd(rhi, rhi)
	z2 := z * z
	C := (cosC0 + z*cosC1) + z2*((cosC2+z*cosC3)+z2*((cosC4+z*cosC5)+z2*cosC6))
	hz := 0.5 * z
	w := 1 - hz
	corr := float64(float64(1-w)-hz) - 0.5*zErr
	return w, corr + (z2*C - rhi*rlo)
}

// sinCosQ returns sin(q pi/2 + r) (sin) or cos(q pi/2 + r) (!sin) rounded
// once.
func sinCosQ(q int, rhi, rlo float64, sin bool) float64 {
	if !sin {
		q++
	}
	var hi, lo float64
	if q&1 == 0 {
		hi, lo = sinKernel(rhi, rlo)
	} else {
		hi, lo = cosKernel(rhi, rlo)
	}
	if q&2 != 0 {
		return -(hi + lo)
	}
	return hi + lo
}

// Sin returns the sine of x in radians (NumPy sin).
func Sin(x float64) float64 {
	ax := math.Abs(x)
	if ax < trigTiny {
		return x // also +-0 and subnormals
	}
	q, rhi, rlo, ok := trigReduce(ax)
	if !ok {
		return math.NaN() // +-Inf, NaN
	}
	s := sinCosQ(q, rhi, rlo, true)
	if x < 0 {
		return -s
	}
	return s
}

// Cos returns the cosine of x in radians (NumPy cos).
func Cos(x float64) float64 {
	ax := math.Abs(x)
	if ax < trigTiny {
		return 1
	}
	q, rhi, rlo, ok := trigReduce(ax)
	if !ok {
		return math.NaN()
	}
	return sinCosQ(q, rhi, rlo, false)
}

// Tan returns the tangent of x in radians (NumPy tan).
func Tan(x float64) float64 {
	ax := math.Abs(x)
	if ax < trigTiny {
		return x
	}
	q, rhi, rlo, ok := trigReduce(ax)
	if !ok {
		return math.NaN()
	}
	sh, sl := sinKernel(rhi, rlo)
	ch, cl := cosKernel(rhi, rlo)
	if q&1 != 0 { // tan(r + pi/2) = -cos(r)/sin(r)
		sh, sl, ch, cl = -ch, -cl, sh, sl
	}
	// (sh + sl)/(ch + cl) with the quotient's rounding error recovered.
	sh, sl = fastTwoSum(sh, sl)
	ch, cl = fastTwoSum(ch, cl)
	// One division: t = sh/ch to about 1 ULP, then the residual, exact
	// by FMA, corrects it.
	inv := 1 / ch
	t := sh * inv
	t += (math.FMA(-t, ch, sh) + sl - t*cl) * inv
	if x < 0 {
		return -t
	}
	return t
}
