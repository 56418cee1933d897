package npy_test

import (
	"bytes"
	"fmt"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/npy"
	"github.com/numgl/numgl/tensor"
)

// Write an array as numpy.save does and read it back on another device.
func Example() {
	cpu := device.MustGet("cpu-loop")
	a := tensor.On(cpu).FromHost([]float32{1, 2, 3, 4, 5, 6}, 2, 3)

	var buf bytes.Buffer
	if err := npy.Write(&buf, a); err != nil {
		panic(err)
	}
	fmt.Printf("%q\n", buf.Bytes()[10:69])

	b, err := npy.Read(&buf, device.MustGet("cpu-simd"))
	if err != nil {
		panic(err)
	}
	fmt.Println(b.Device().Name(), b.Shape(), b.Data())
	// Output:
	// "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
	// cpu-simd [2 3] [1 2 3 4 5 6]
}

// An .npz archive holds named arrays, as numpy.savez writes them.
func ExampleNPZWriter() {
	cpu := device.MustGet("cpu-loop")
	var buf bytes.Buffer
	zw := npy.NewNPZWriter(&buf, true) // deflated: numpy.savez_compressed
	zw.Write("weight", tensor.On(cpu).Eye(tensor.Float64, 2, 3, 0))
	zw.Write("bias", tensor.On(cpu).FromHost([]float64{0.5, -0.5, 0}), npy.BigEndian)
	if err := zw.Close(); err != nil {
		panic(err)
	}

	z, err := npy.NewNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		panic(err)
	}
	fmt.Println(z.Names())
	h, _ := z.Header("bias")
	bias, _ := z.Read("bias", cpu)
	fmt.Println(h.Descr, bias.Data())
	// Output:
	// [weight bias]
	// >f8 [0.5 -0.5 0]
}
