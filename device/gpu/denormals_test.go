//go:build cgo && !nogpu

package gpu_test

import (
	"math"
	"testing"

	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// TestDenormalProbe: the probe ran at context creation for float32 (and
// float64 where the context has it), and what it recorded in the caps is
// what numgl's own kernels do: a product with a subnormal result, and
// products and sums of a subnormal operand, run through the tensor API.
func TestDenormalProbe(t *testing.T) {
	d := openGPU(t)
	c := d.Caps()
	t.Logf("%s (%s): float32 subnormals %v; float64 subnormals %v", d.Name(), c.Renderer, c.Denormals32, c.Denormals64)
	if !c.Denormals32.Probed {
		t.Fatalf("float32 denormal probe did not run: %v", c.Denormals32)
	}
	if c.FP64 && !c.Denormals64.Probed {
		t.Fatalf("float64 denormal probe did not run: %v", c.Denormals64)
	}
	if got := d.FlushesSubnormals(dtype.Float32); got != !c.Denormals32.Kept() {
		t.Errorf("FlushesSubnormals(float32) = %v with caps %v", got, c.Denormals32)
	}
	f := tensor.On(d)

	m32 := float32(math.Ldexp(1, -126))
	res := f.FromHost([]float32{m32, m32 / 2, m32 / 2}).Multiply(f.FromHost([]float32{0.5, 2, 1})).Data().([]float32)
	sum := f.FromHost([]float32{m32 / 2}).Add(f.FromHost([]float32{m32})).Data().([]float32)
	results := res[0] == m32/2
	inputs := res[1] == m32 && sum[0] == 1.5*m32
	if results != c.Denormals32.Results || inputs != c.Denormals32.Inputs {
		t.Errorf("float32 kernels: subnormal results kept %v, inputs kept %v (got %g %g %g %g); the probe said %v",
			results, inputs, res[0], res[1], res[2], sum[0], c.Denormals32)
	}

	if !c.FP64 {
		return
	}
	m64 := math.Ldexp(1, -1022)
	r64 := f.FromHost([]float64{m64, m64 / 2}).Multiply(f.FromHost([]float64{0.5, 2})).Data().([]float64)
	s64 := f.FromHost([]float64{m64 / 2}).Add(f.FromHost([]float64{m64})).Data().([]float64)
	results = r64[0] == m64/2
	inputs = r64[1] == m64 && s64[0] == 1.5*m64
	if results != c.Denormals64.Results || inputs != c.Denormals64.Inputs {
		t.Errorf("float64 kernels: subnormal results kept %v, inputs kept %v (got %g %g %g); the probe said %v",
			results, inputs, r64[0], r64[1], s64[0], c.Denormals64)
	}
}
