package main

import (
	"testing"

	"github.com/numgl/numgl/cpu/internal/gentest"
)

// TestGenerated regenerates the kernels and fails when the committed files
// differ: edit the generator, then run go generate in package cpu.
func TestGenerated(t *testing.T) {
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	gentest.CheckCommitted(t, "../..", files)
}

// TestVZEROUPPER: every routine that returns clears the upper vector
// state first.
func TestVZEROUPPER(t *testing.T) {
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	gentest.CheckVZEROUPPER(t, files[asmFile])
}
