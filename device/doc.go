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
// Default picks one for programs that do not: $NUMGL_DEVICE when it names
// a device that opens, otherwise the best backend that opens. A missing
// GPU is never a crash: Default falls back to the CPU and says so once.
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
