// Package cpu holds numgl's CPU devices. Importing it (package tensor does)
// registers them with package device.
//
// # cpu-loop
//
// The reference device: every kernel request runs as plain strided Go
// loops, one element at a time, in C order, with no fast paths. It is the
// "CPU loop" column of gpubench and the device every other device is
// checked against, so its code stays the plainest correct code.
//
// # Storage
//
// A CPU buffer is a Go slice of the dtype's element type ([]float32 for
// float32, []bool for bool). Offsets and strides in requests count
// elements.
//
// # Invariants
//
// Requests arrive validated (see device.Request): shapes agree, indices
// are in range and non-negative, outputs have no zero strides. The loops
// trust them and do not re-check.
package cpu
