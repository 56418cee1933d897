package plan_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
	"github.com/numgl/numgl/ufunc"
)

// loop returns op's loop whose inputs are all dt.
func loop(op ufunc.ID, dt dtype.DType) *ufunc.Loop {
	for _, l := range op.Op().Loops {
		if l.In[len(l.In)-1] == dt && l.In[0] == dt {
			return l
		}
	}
	panic("no loop")
}

// poly is x*x + c*x + 1 over a 3×4 x at the given strides, stored
// contiguously into buffer 1.
func poly(c float64, xStrides []int) *plan.Kernel {
	f64 := dtype.Float64
	b := plan.NewBuilder([]int{3, 4}, 0)
	x := b.Load(0, f64, xStrides, 0)
	xx := b.Apply(ufunc.Multiply, loop(ufunc.Multiply, f64), x, x)
	cx := b.Apply(ufunc.Multiply, loop(ufunc.Multiply, f64), b.Const(dtype.FloatScalar(c), f64), b.Load(0, f64, xStrides, 0))
	s := b.Apply(ufunc.Add, loop(ufunc.Add, f64), xx, cx)
	return b.Store(b.Apply(ufunc.Add, loop(ufunc.Add, f64), s, b.Const(dtype.IntScalar(1), f64)), 1, f64, []int{4, 1}, 0)
}

func TestBuilderMakesEqualNodesOnce(t *testing.T) {
	k := poly(2, []int{4, 1})
	if err := k.Check(); err != nil {
		t.Fatal(err)
	}
	if len(k.Inputs) != 1 {
		t.Errorf("x loaded twice: %d inputs", len(k.Inputs))
	}
	// load, multiply, const 2, multiply, add, const 1, add
	if len(k.Nodes) != 7 {
		t.Errorf("%d nodes, want 7: %v", len(k.Nodes), k)
	}
	if k.Root() != len(k.Nodes)-1 || k.Nodes[k.Root()].Op != ufunc.Add {
		t.Errorf("root is not the last add: %v", k)
	}
}

func TestStoreCollapses(t *testing.T) {
	for _, c := range []struct {
		name    string
		strides []int
		shape   []int
	}{
		{"contiguous", []int{4, 1}, []int{12}},
		{"transposed", []int{1, 3}, []int{3, 4}},
		{"broadcast row", []int{0, 1}, []int{3, 4}},
	} {
		k := poly(2, c.strides)
		if !slices.Equal(k.Shape, c.shape) {
			t.Errorf("%s: shape %v, want %v", c.name, k.Shape, c.shape)
		}
		if err := k.Check(); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestKeyIsTheStructure(t *testing.T) {
	a, b := poly(2, []int{4, 1}), poly(3, []int{4, 1})
	if a.Key() != b.Key() {
		t.Error("constants' values changed the key")
	}
	if a.Key() != poly(2, []int{8, 2}).Key() {
		t.Error("strides changed the key of plans of one rank")
	}
	if a.Key() == poly(2, []int{0, 1}).Key() {
		t.Error("rank 1 and rank 2 plans share a key")
	}
	f64 := dtype.Float64
	bl := plan.NewBuilder([]int{12}, 0)
	x := bl.Load(0, f64, []int{1}, 0)
	sub := bl.Store(bl.Apply(ufunc.Subtract, loop(ufunc.Subtract, f64), x, x), 1, f64, []int{1}, 0)
	bl.Reset([]int{12}, 0)
	x = bl.Load(0, f64, []int{1}, 0)
	add := bl.Store(bl.Apply(ufunc.Add, loop(ufunc.Add, f64), x, x), 1, f64, []int{1}, 0)
	if sub.Key() == add.Key() {
		t.Error("add and subtract share a key")
	}
	if op := add.Single(); op != ufunc.Add {
		t.Errorf("Single = %v, want add", op)
	}
	if op := a.Single(); op != ufunc.NoOp {
		t.Errorf("Single of a graph = %v", op)
	}
}

func TestReduceCollapsesKeptAndReducedApart(t *testing.T) {
	f32 := dtype.Float32
	// Sum over axis 0 of a C-contiguous 2×3×4: iterate (3, 4 | 2).
	b := plan.NewBuilder([]int{3, 4, 2}, 1)
	x := b.Load(0, f32, []int{4, 1, 12}, 0)
	k := b.Reduce(plan.Sum, x, 1, f32, []int{4, 1}, 0, []int{4, 1, 12})
	if err := k.Check(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(k.Kept(), []int{12}) || !slices.Equal(k.Reduced(), []int{2}) {
		t.Errorf("kept %v reduced %v, want [12] and [2]", k.Kept(), k.Reduced())
	}
	if !slices.Equal(k.Inputs[0].Strides, []int{1, 12}) || !slices.Equal(k.RootStrides, []int{1, 12}) || !slices.Equal(k.Out.Strides, []int{1}) {
		t.Errorf("strides: input %v root %v out %v", k.Inputs[0].Strides, k.RootStrides, k.Out.Strides)
	}
}

func TestCheckFindsBrokenPlans(t *testing.T) {
	k := poly(2, []int{4, 1})
	k.Nodes[1].Args[0] = 5 // a later node
	if k.Check() == nil {
		t.Error("Check passed a node taking a later one")
	}
	k = poly(2, []int{4, 1})
	k.Out.DType = dtype.Float32
	if k.Check() == nil {
		t.Error("Check passed a root stored into another dtype")
	}
	k = poly(2, []int{4, 1})
	k.Inputs[0].Strides = k.Inputs[0].Strides[:0]
	if k.Check() == nil {
		t.Error("Check passed an input without strides")
	}
}

func TestApplyRefusesAWrongLoop(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Apply of a float64 op on a float32 load did not panic")
		}
	}()
	b := plan.NewBuilder([]int{4}, 0)
	x := b.Load(0, dtype.Float32, []int{1}, 0)
	b.Apply(ufunc.Add, loop(ufunc.Add, dtype.Float64), x, x)
}

// A plan is what package tensor makes of an expression: here
// x*x + 2*x + 1 over a contiguous 3×4 x, which collapses to one run.
func ExampleBuilder() {
	f64 := dtype.Float64
	mul, add := ufunc.Multiply.Op().Loops[4], ufunc.Add.Op().Loops[4] // the float64 loops
	b := plan.NewBuilder([]int{3, 4}, 0)
	x := b.Load(0, f64, []int{4, 1}, 0)
	two, one := b.Const(dtype.FloatScalar(2), f64), b.Const(dtype.FloatScalar(1), f64)
	y := b.Apply(ufunc.Add, add, b.Apply(ufunc.Add, add, b.Apply(ufunc.Multiply, mul, x, x), b.Apply(ufunc.Multiply, mul, two, x)), one)
	k := b.Store(y, 1, f64, []int{4, 1}, 0)
	fmt.Println(k)
	// Output:
	// [12]: v0=load(0) v1=const(2) v2=const(1) v3=multiply(v0,v0) v4=multiply(v1,v0) v5=add(v3,v4) v6=add(v5,v2) -> out float64
}
