package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGenerated regenerates the kernels and fails when the committed files
// differ: edit the generator, then run go generate in package cpu.
func TestGenerated(t *testing.T) {
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("cpu/%s is stale: run go generate ./cpu", name)
		}
		if !bytes.HasPrefix(got, []byte("// Code generated ")) || !bytes.Contains(got, []byte("DO NOT EDIT.")) {
			t.Errorf("cpu/%s lacks the generated-code stamp", name)
		}
	}
}

// TestVZEROUPPER: every routine that returns clears the upper vector
// state first.
func TestVZEROUPPER(t *testing.T) {
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(files[asmFile], []byte("\n"))
	rets := 0
	for i, l := range lines {
		if bytes.Equal(bytes.TrimSpace(l), []byte("RET")) {
			rets++
			if i == 0 || !bytes.Equal(bytes.TrimSpace(lines[i-1]), []byte("VZEROUPPER")) {
				t.Errorf("line %d: RET without VZEROUPPER before it", i+1)
			}
		}
	}
	if rets == 0 {
		t.Fatal("no RET found")
	}
}
