package linalg

import (
	"math"
	"testing"
)

// TestLapackOK: gonum's string panics and runtime errors become false;
// any other panic passes through.
func TestLapackOK(t *testing.T) {
	if lapackOK(func() bool { panic("lapack: cfrom is NaN") }) {
		t.Error("a string panic gave true")
	}
	if lapackOK(func() bool { var s []int; return s[3] == 0 }) {
		t.Error("a runtime error gave true")
	}
	if !lapackOK(func() bool { return true }) || lapackOK(func() bool { return false }) {
		t.Error("the call's own result was not returned")
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("a typed panic was swallowed")
		}
	}()
	lapackOK(func() bool { panic(errorf("numgl's own")) })
}

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		d    []float64
		want finiteness
	}{
		{nil, allFinite},
		{[]float64{1, -2, math.MaxFloat64}, allFinite},
		{[]float64{1, math.Inf(-1)}, hasInf},
		{[]float64{math.Inf(1), math.NaN(), 1}, hasNaN},
		{[]float64{math.NaN()}, hasNaN},
	} {
		if got := classify(c.d); got != c.want {
			t.Errorf("classify(%v) = %v, want %v", c.d, got, c.want)
		}
	}
}
