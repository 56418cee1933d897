package tensor

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// nilCatch runs f and describes how it failed: "" when it panicked with a
// *Error of kind ValueError and nilArrayMessage, else what happened.
func nilCatch(f func()) (got string) {
	defer func() {
		r := recover()
		if r == nil {
			got = "no panic"
			return
		}
		var e *Error
		if err, ok := r.(error); !ok || !errors.As(err, &e) {
			got = fmt.Sprintf("untyped panic: %v", r)
			return
		}
		if e.Kind != ValueError || !strings.Contains(e.Error(), nilArrayMessage) {
			got = fmt.Sprintf("wrong error: %v", e)
		}
	}()
	f()
	return ""
}

var (
	arrayPtrType = reflect.TypeFor[*Array]()
	anyType      = reflect.TypeFor[any]()
)

// zeroArgs returns zero values for the fixed parameters of method type
// mt (the receiver excluded), 1 for an any (a nil any is "no bound" to
// Clip).
func zeroArgs(mt reflect.Type) []reflect.Value {
	n := mt.NumIn()
	if mt.IsVariadic() {
		n--
	}
	args := make([]reflect.Value, n)
	for i := range n {
		args[i] = reflect.Zero(mt.In(i))
		if mt.In(i) == anyType {
			args[i] = reflect.ValueOf(any(1)).Convert(anyType)
		}
	}
	return args
}

// TestNilReceiver calls every exported method of *Array on a nil *Array:
// each must panic with the typed nil error, not a runtime error.
func TestNilReceiver(t *testing.T) {
	var a *Array
	v := reflect.ValueOf(a)
	for i := range v.NumMethod() {
		m := v.Type().Method(i)
		args := zeroArgs(v.Method(i).Type())
		if got := nilCatch(func() { v.Method(i).Call(args) }); got != "" {
			t.Errorf("(*Array)(nil).%s: %s", m.Name, got)
		}
	}
}

// TestNilArgumentMethods calls every exported method of *Array that takes
// an *Array or an any, on a live array of each device, with a nil *Array
// in each such parameter (and as the one variadic item): each must panic
// with the typed nil error.
func TestNilArgumentMethods(t *testing.T) {
	nilVal := reflect.ValueOf((*Array)(nil))
	for _, dev := range openDevices(t) {
		for i := range arrayPtrType.NumMethod() {
			name := arrayPtrType.Method(i).Name
			mt := reflect.ValueOf(On(dev).Ones(Float64, 2, 2)).Method(i).Type()
			for p := range mt.NumIn() {
				variadic := mt.IsVariadic() && p == mt.NumIn()-1
				pt := mt.In(p)
				if variadic {
					pt = pt.Elem()
				}
				if pt != arrayPtrType && pt != anyType || name == "Clip" {
					continue // Clip takes a nil bound as no bound
				}
				method := reflect.ValueOf(On(dev).Ones(Float64, 2, 2)).Method(i)
				args := zeroArgs(mt)
				if variadic {
					args = append(args, nilVal)
				} else {
					args[p] = nilVal.Convert(pt)
				}
				if got := nilCatch(func() { method.Call(args) }); got != "" {
					t.Errorf("%s: (*Array).%s with a nil parameter %d: %s", dev.Name(), name, p, got)
				}
			}
		}
	}
}

// TestNilArgumentFunctions passes a nil *Array to each package function
// that takes arrays, next to a live one where there are several.
func TestNilArgumentFunctions(t *testing.T) {
	for _, dev := range openDevices(t) {
		x := On(dev).Ones(Float64, 2, 2)
		var n *Array
		calls := map[string]func(){
			"MatMul a":          func() { MatMul(n, x) },
			"MatMul b":          func() { MatMul(x, n) },
			"MatMulInto":        func() { MatMulInto(x, n, x) },
			"Dot":               func() { Dot(x, n) },
			"Inner":             func() { Inner(n, x) },
			"Outer":             func() { Outer(x, n) },
			"MatMulBias":        func() { MatMulBias(x, n, nil, NoActivation) },
			"MatMulBias a":      func() { MatMulBias(n, x, nil, NoActivation) },
			"MatMulBiasInto":    func() { MatMulBiasInto(x, x, n, nil, NoActivation) },
			"Sum":               func() { Sum(n) },
			"Prod":              func() { Prod(n, Axis(0)) },
			"Max":               func() { Max(n) },
			"Min":               func() { Min(n) },
			"Any":               func() { Any(n) },
			"All":               func() { All(n) },
			"Mean":              func() { Mean(n) },
			"Var":               func() { Var(n) },
			"Std":               func() { Std(n) },
			"ArgMax":            func() { ArgMax(n) },
			"ArgMin":            func() { ArgMin(n) },
			"CumSum":            func() { CumSum(n) },
			"CumProd":           func() { CumProd(n, 0) },
			"Round":             func() { Round(n, 1) },
			"RoundInto":         func() { RoundInto(x, n, 1) },
			"Concatenate":       func() { Concatenate([]*Array{x, n}, 0) },
			"Concatenate first": func() { Concatenate([]*Array{n, x}, 0) },
			"Stack":             func() { Stack([]*Array{x, n}, 0) },
			"VStack":            func() { VStack([]*Array{x, n}) },
			"HStack":            func() { HStack([]*Array{n, x}) },
			"Add":               func() { Add(n, 1) },
			"AddInto":           func() { AddInto(x, x, n) },
			"Sqrt":              func() { Sqrt(n) },
			"Where cond":        func() { Where(n, x, 0) },
			"Where y":           func() { Where(x, 1, n) },
			"Clip":              func() { Clip(n, 0, 1) },
			"ClipInto":          func() { ClipInto(x, n, 0, 1) },
			"ToSlice":           func() { ToSlice[float64](n) },
			"Set value":         func() { x.Set(n, 0) },
			"Get index":         func() { x.Get(0, n) },
		}
		for name, f := range calls {
			if got := nilCatch(f); got != "" {
				t.Errorf("%s: %s: %s", dev.Name(), name, got)
			}
		}
	}
}
