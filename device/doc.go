// Package device defines what a numgl device is — storage that lives in one
// place and a runner of kernel requests — and how programs choose one.
//
// # Devices
//
// Backends register themselves (the cpu package registers "cpu-loop";
// later backends add "cpu-simd" and "gpu"). Get opens a device by name:
//
//	d, err := device.Get("cpu-loop")
//	d, err := device.Get("gpu:1") // the second GPU
//
// Default picks one for programs that do not. $NUMGL_DEVICE names it; a
// value that names no device of the build, or a device that does not
// open, is an error (Default panics with it, naming the value and the
// build's devices) rather than a run on another device. Without
// $NUMGL_DEVICE it is the best backend that opens, software GPUs aside:
// a missing GPU is never a crash, the CPU serves. That choice is silent;
// Choose says how it was made, and NUMGL_VERBOSE=1 logs it.
//
// # Resolve, then run
//
// Every array operation is resolved by package tensor (shapes, dtypes,
// broadcast strides, normalised indices) into a Request — plain data
// naming the operation and the strided layout of every operand — and only
// then handed to Device.Run. Devices never see a caller error; they trust
// the request. New devices plug in by running the same requests.
//
// # Errors
//
// Device methods return errors for failures of the environment (no GPU,
// out of memory) and wrap ErrUnsupported for requests they do not
// implement. Caller errors never reach a device.
package device
