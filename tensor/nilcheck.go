package tensor

// nilArrayMessage is the message of the ValueError a nil *Array raises
// wherever an array is expected: as an argument, as an assignment value
// or as a method's receiver. NumPy has no nil; its nearest, None, gives
// TypeError "unsupported operand type(s) for +: 'NoneType' and 'int'" in
// np.add(None, 1). numgl raises a ValueError instead, before any device
// work, so that a nil never reaches a device as a nil-pointer runtime
// error.
const nilArrayMessage = "nil *tensor.Array argument"

// live returns a, raising nilArrayMessage's ValueError when a is nil. It
// is the one nil check: the accessors (DType, Shape, NDim, Device, ...),
// buffer, the ufuncs' operand gathering, Set's value and index items
// call it, as do the few entry points that read a field first, so every
// public function and method meets it before a nil is dereferenced
// (see nilcheck_test.go).
func (a *Array) live() *Array {
	if a == nil {
		raise(ValueError, nilArrayMessage)
	}
	return a
}

// liveAll checks each array with live.
func liveAll(arrays ...*Array) {
	for _, a := range arrays {
		a.live()
	}
}
