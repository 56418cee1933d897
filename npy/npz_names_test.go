package npy_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/npy"
	"github.com/numgl/numgl/tensor"
)

// unsafeNames are refused by the .npz writer (numpy.savez writes them):
// extracted, they would land outside the directory or be cut short.
var unsafeNames = []string{
	"", "a\x00b", "\x00", "/etc/passwd", "/a", `\a`, "..", "../a", "a/../b",
	"a/..", `..\a`, `a\..\b`, "a//../b",
}

func TestNPZWriterRefusesUnsafeNames(t *testing.T) {
	a := tensor.On(device.MustGet("cpu-loop")).Zeros(tensor.Float32, 2)
	for _, name := range unsafeNames {
		var buf bytes.Buffer
		zw := npy.NewNPZWriter(&buf, false)
		if err := zw.Write(name, a); err == nil {
			t.Errorf("Write(%q): no error", name)
		} else if !strings.HasPrefix(err.Error(), "npz: ") {
			t.Errorf("Write(%q): %v, want an npz: error", name, err)
		}
		if err := zw.WriteStrings(name, []string{"x"}, []int{1}); err == nil {
			t.Errorf("WriteStrings(%q): no error", name)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		z, err := npy.NewNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		if n := z.Names(); len(n) != 0 {
			t.Errorf("after refusing %q the archive holds %q", name, n)
		}
	}
}

func TestNPZWriterKeepsSafeNames(t *testing.T) {
	a := tensor.On(device.MustGet("cpu-loop")).Arange(tensor.Float64, 0, 3, 1)
	safe := []string{"a", "a/b", "..a", "a..", "a/..b/c", "x.y", "a b", "é"}
	var buf bytes.Buffer
	zw := npy.NewNPZWriter(&buf, true)
	for _, name := range safe {
		if err := zw.Write(name, a); err != nil {
			t.Errorf("Write(%q): %v", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	z, err := npy.NewNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if got := z.Names(); strings.Join(got, "|") != strings.Join(safe, "|") {
		t.Errorf("names %q, want %q", got, safe)
	}
}

func TestSaveNPZRefusesUnsafeNamesBeforeCreating(t *testing.T) {
	a := tensor.On(device.MustGet("cpu-loop")).Zeros(tensor.Float32, 2)
	path := filepath.Join(t.TempDir(), "bad.npz")
	err := npy.SaveNPZ(path, map[string]*tensor.Array{"ok": a, "../escape": a}, false)
	if err == nil {
		t.Fatal("SaveNPZ with ../escape: no error")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("SaveNPZ refused a name but created the file (stat: %v)", err)
	}
}
