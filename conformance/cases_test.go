package conformance

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		js   string
		kind NumberKind
		f    float64
		i    int64
	}{
		{`3`, IntNumber, 3, 3},
		{`-7`, IntNumber, -7, -7},
		{`9007199254740993`, IntNumber, 9007199254740992, 9007199254740993},
		{`3.0`, FloatNumber, 3, 3},
		{`1e3`, FloatNumber, 1000, 1000},
		{`-2.5`, FloatNumber, -2.5, 0},
		{`"inf"`, FloatNumber, math.Inf(1), 0},
		{`"-inf"`, FloatNumber, math.Inf(-1), 0},
		{`"nan"`, FloatNumber, math.NaN(), 0},
		{`true`, BoolNumber, 1, 1},
		{`false`, BoolNumber, 0, 0},
	} {
		var n Number
		if err := json.Unmarshal([]byte(c.js), &n); err != nil {
			t.Errorf("%s: %v", c.js, err)
			continue
		}
		f := n.Float()
		if n.Kind != c.kind || !(f == c.f || math.IsNaN(f) && math.IsNaN(c.f)) {
			t.Errorf("%s: kind %d float %v, want kind %d float %v", c.js, n.Kind, f, c.kind, c.f)
		}
		if i, ok := n.Int(); ok && i != c.i {
			t.Errorf("%s: int %d, want %d", c.js, i, c.i)
		}
	}
	if _, ok := (Number{Kind: FloatNumber, F: 2.5}).Int(); ok {
		t.Errorf("2.5 is an integer?")
	}
	for _, bad := range []string{`"foo"`, `null`, `[1]`, `{}`} {
		var n Number
		if err := json.Unmarshal([]byte(bad), &n); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	good := `{"numpy_version": "1.24.2", "seed": 1, "extra": "ignored", "cases": [
		{"id": "a/b/000", "op": "zeros", "args": [], "kwargs": {"shape": [2], "dtype": "float32"},
		 "expect": {"array": {"dtype": "float32", "shape": [2], "fill": 0}}, "rtol": 0, "atol": 0}]}`
	bad := `{"numpy_version": "1.24.2", "cases": [
		{"id": "a/b/001", "op": "getitem", "args": [{"index": [{"slice": [1, 2]}]}], "kwargs": {}, "expect": {"error": "index"}}]}`
	for name, body := range map[string]string{"good.json": good, "bad.json": bad, "ignored.txt": "not json"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, errs := LoadDir(dir)
	if len(files) != 1 || len(errs) != 1 {
		t.Fatalf("got %d files and errors %v, want 1 file and 1 error", len(files), errs)
	}
	c := files[0].Cases[0]
	if files[0].NumpyVersion != "1.24.2" || c.File != "good.json" || c.Check() != nil {
		t.Errorf("loaded %+v (check: %v)", c, c.Check())
	}

	for _, js := range []string{
		`{"slice": [1, 2, null], "int": 3}`,
		`{"slice": [1, 2]}`,
		`{"sliced": [1, 2, 3]}`,
		`{}`,
	} {
		var it IndexItem
		if err := json.Unmarshal([]byte(js), &it); err == nil {
			t.Errorf("index item %s: no error", js)
		}
	}
	for _, js := range []string{
		`{"array": {"dtype": "float32", "shape": [1], "data": [1]}, "error": "shape"}`,
		`{"errors": "shape"}`,
	} {
		var e Expect
		if err := json.Unmarshal([]byte(js), &e); err == nil {
			t.Errorf("expect %s: no error", js)
		}
	}
}

// TestCommittedCases checks that the package's own copy of the cases
// loads and is well formed, with ids unique within each file.
func TestCommittedCases(t *testing.T) {
	files, errs := LoadDir(defaultCases)
	for _, err := range errs {
		t.Error(err)
	}
	if len(files) == 0 {
		t.Fatalf("no case files in %s", defaultCases)
	}
	for _, f := range files {
		if f.NumpyVersion == "" {
			t.Errorf("%s: no numpy_version", f.Path)
		}
		seen := map[string]bool{}
		for _, c := range f.Cases {
			if err := c.Check(); err != nil {
				t.Errorf("%s: %s: %v", f.Path, c.ID, err)
			}
			if seen[c.ID] {
				t.Errorf("%s: duplicate id %s", f.Path, c.ID)
			}
			seen[c.ID] = true
			for i := range c.Args {
				if a := c.Args[i].Array; a != nil {
					if _, err := HostSlice(a); err != nil {
						t.Errorf("%s: %s: argument %d: %v", f.Path, c.ID, i, err)
					}
				}
			}
		}
	}
}
