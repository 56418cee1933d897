// Package gentest holds the checks every generator of package cpu's
// committed code runs in its tests: the committed files equal a fresh
// generation and carry the generated-code stamp, and every assembly
// routine clears the upper vector state before it returns.
package gentest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// CheckCommitted fails when a file of package cpu (dir is its path from
// the generator's directory) differs from what the generator wrote now,
// or lacks the "Code generated ... DO NOT EDIT." stamp.
func CheckCommitted(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
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

// CheckVZEROUPPER fails unless every RET of the assembly source asm is
// preceded by VZEROUPPER: a dirty upper vector state slows later scalar
// float code.
func CheckVZEROUPPER(t *testing.T, asm []byte) {
	t.Helper()
	lines := bytes.Split(asm, []byte("\n"))
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
