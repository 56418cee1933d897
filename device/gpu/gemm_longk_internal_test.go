//go:build cgo && !nogpu

package gpu

import (
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/shaders"
)

// TestGemmPast2To20 (issue 16, item 5): (1,k)@(k,1) of ones for k past
// 2^20 sums to k exactly, in the passes gemm splits k into. It runs the
// general kernel's smallest tile (2x2k16) directly: a work group computes
// a whole tile whatever m and n are, and on llvmpipe one work group runs
// on one core, so the default 64x64 tile takes four times as long.
func TestGemmPast2To20(t *testing.T) {
	dd, err := device.Get("gpu")
	if err != nil {
		if device.RequireGPU() {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	d := dd.(*Device)
	const k = 1<<20 + 3
	ones := make([]float32, k)
	for i := range ones {
		ones[i] = 1
	}
	a, err := d.Upload(ones)
	if err != nil {
		t.Fatal(err)
	}
	c, err := d.Alloc(dtype.Float32, 1)
	if err != nil {
		t.Fatal(err)
	}
	tile := shaders.GemmTile{TM: 2, TN: 2, BK: 16}
	r := &device.MatMul{
		A:   device.Operand{Buf: a, Shape: []int{1, k}, Strides: []int{k, 1}},
		B:   device.Operand{Buf: a, Shape: []int{k, 1}, Strides: []int{1, 1}},
		Out: device.Operand{Buf: c, Shape: []int{1, 1}, Strides: []int{1, 1}},
	}
	before := d.Dispatches()
	d.call(func() { err = d.gemm(r, tile, 1, 1, k, nil, nil) })
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float32, 1)
	if err := d.Download(c, 0, out); err != nil {
		t.Fatal(err)
	}
	passes := d.Dispatches() - before
	if out[0] != k {
		t.Errorf("(1,%d)@(%d,1) of ones = %v, want %d", k, k, out[0], k)
	}
	if want := int64((k + tile.KChunk() - 1) / tile.KChunk()); passes != want {
		t.Errorf("%d passes, want %d (k chunks of %d)", passes, want, tile.KChunk())
	}
}
