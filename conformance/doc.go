// Package conformance runs NumPy-computed conformance cases against numgl
// on every device the build has.
//
// A case (see ../../shared/conformance/FORMAT.md, and the copy of the cases
// in testdata/cases) names a NumPy operation, its arguments and keyword
// arguments, and what NumPy made of them: one or more arrays, or an error
// kind. The runner turns each case into calls of package tensor on one
// device, and judges what comes back.
//
// # Running
//
//	go test ./conformance -count=1 -v -run TestConformance
//	NUMGL_CASES=<dir> NUMGL_DEVICES=<d1,d2> go test ./conformance -count=1 -v -run TestConformance
//
// NUMGL_CASES is a directory of *.json case files (default testdata/cases
// in this package; a relative path is tried against the package
// directory, where go test runs, and then against the module root).
// NUMGL_DEVICES is a comma-separated list of device names ("cpu-loop",
// "gpu:0"); by default every registered backend (device.Backends) that
// opens. A device named in NUMGL_DEVICES that does not open is an error.
//
// Each case is a subtest named <device>/<case id>, so one case runs with
//
//	go test ./conformance -count=1 -v -run 'TestConformance/cpu-loop/binary/add/003'
//
// After the cases, the test prints to stdout, for each device:
//
//	conformance device=cpu-loop passed=120 failed=0 skipped=480
//	conformance device=cpu-loop skipped-ops=add,exp,sum
//
// # Verdicts
//
// A case PASSes, FAILs or SKIPs (Run says exactly when):
//
//   - SKIP: the op is not in the table Ops (numgl does not implement it
//     yet), or the device reports device.ErrUnsupported. A skip is never a
//     pass.
//   - A case that expects arrays passes when the results match
//     (Compare): equal dtypes and shapes, and element by element
//     |r - e| <= atol + rtol*|e| in float64 (NaN matches NaN; integers and
//     bools exactly). For float32 results the expected value is NumPy's
//     float32 printed as a double. The op must also leave its inputs
//     unchanged, except the array that setitem/view_setitem assign to, and
//     follow NumPy's view-or-copy rule where it is fixed (basic indexing,
//     transpose, squeeze, ... give views; advanced indexing, concatenate,
//     stack, ufuncs and reductions give new arrays).
//   - A case that expects {"error": KIND} passes when the op panics with a
//     *tensor.Error whose Kind satisfies KIND, and every input array is
//     unchanged afterwards. A panic that is not a *tensor.Error (a runtime
//     index out of range, say) fails, and so does a result.
//
// # Error kinds
//
// numgl's error kinds match the case files' names, and are compared with
// one rule of compatibility that mirrors NumPy's exception hierarchy, in
// which AxisError subclasses both IndexError and ValueError, and shape
// errors are ValueErrors:
//
//	kind == KIND                 satisfies KIND
//	Axis  (an axis out of range) satisfies "index" and "value"
//	Shape (shapes that mismatch) satisfies "value"
//
// Nothing else is accepted: an Index error does not satisfy "axis", and a
// Value error does not satisfy "shape".
//
// # Arguments
//
// Arrays are uploaded with tensor.On(dev).FromHost from the Go slice of
// their dtype. An array argument with "view" is base.Get(items...) and one
// with "transpose" base.Transpose(axes...): real views of the uploaded
// base, so ops meet strided, offset and reversed operands. Index items
// become Get/Set items: ints, tensor.SliceOf, tensor.NewAxis,
// tensor.Ellipsis, and integer or bool arrays.
//
// # Adding ops
//
// When numgl gains an op, add it to Ops (ops.go; the ufuncs' and
// reductions' adapters are in ops_ufunc.go): a function that reads the
// case's arguments and kwargs and calls the tensor API. Kwargs the function
// does not know fail the case, so a case is never silently run with a
// different meaning.
package conformance
