package main

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// numpyScript is NumPy's side of -numpy at any size: numpy_bench.py.
//
//go:embed numpy_bench.py
var numpyScript []byte

// anchorScript is the NumPy reference of the numgl project, beside the
// repository; -numpy uses it when the jobs are at its sizes.
const anchorScript = "../shared/anchors/numpy_ref.py"

type numpyKey struct {
	workload, dtype string
	size            int
}

// numpyFigure is one line of either script. NumexprSeconds is the same
// expression through numexpr (NumPy's fused evaluator), which the scripts
// time for the expr_* workloads when it imports.
type numpyFigure struct {
	Workload       string   `json:"workload"`
	DType          string   `json:"dtype"`
	Size           int      `json:"size"`
	Seconds        float64  `json:"seconds"`
	GFLOPS         *float64 `json:"gflops"`
	GBPS           *float64 `json:"gbps"`
	NumexprSeconds *float64 `json:"numexpr_seconds"`
}

// hasNumexpr reports whether any figure carries numexpr's time.
func hasNumexpr(figs map[numpyKey]numpyFigure) bool {
	for _, f := range figs {
		if f.NumexprSeconds != nil && *f.NumexprSeconds > 0 {
			return true
		}
	}
	return false
}

// findPython returns a Python interpreter that imports NumPy.
func findPython(want string) (string, error) {
	var cands []string
	if want != "" {
		cands = []string{want}
	} else {
		cands = []string{"/usr/bin/python3"}
		if p, err := exec.LookPath("python3"); err == nil && p != "/usr/bin/python3" {
			cands = append(cands, p)
		}
	}
	var errs []string
	for _, p := range cands {
		out, err := exec.Command(p, "-c", "import numpy; print(numpy.__version__)").CombinedOutput()
		if err == nil {
			return p, nil
		}
		errs = append(errs, fmt.Sprintf("%s: %s", p, firstLine(strings.TrimSpace(string(out)+" "+err.Error()))))
	}
	return "", fmt.Errorf("no Python with NumPy (%s)", strings.Join(errs, "; "))
}

// moduleRoot returns the directory holding go.mod above the working
// directory, or "".
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// atAnchorSizes reports whether every job is one numpy_ref.py times by
// default (its workloads, dtypes and sizes).
func atAnchorSizes(jobs []job) bool {
	for _, j := range jobs {
		if !slices.Contains(j.w.dtypes, j.dt) || !slices.Contains(j.w.sizes, j.size) {
			return false
		}
	}
	return true
}

// runNumPy times the jobs with NumPy and returns its figures by job. It
// prefers ../shared/anchors/numpy_ref.py (at its own sizes) and runs the
// shipped numpy_bench.py otherwise. label is called with each workload
// as NumPy starts it.
func runNumPy(c *config, jobs []job, stderr io.Writer, label func(string)) (map[numpyKey]numpyFigure, string, error) {
	python, err := findPython(c.python)
	if err != nil {
		return nil, "", err
	}
	script := c.script
	var args []string
	if script == "" && atAnchorSizes(jobs) {
		if root := moduleRoot(); root != "" {
			if p := filepath.Join(root, anchorScript); fileExists(p) {
				script = p
			}
		}
	}
	if script != "" && filepath.Base(script) == "numpy_ref.py" {
		var names []string
		for _, j := range jobs {
			if !slices.Contains(names, j.w.name) {
				names = append(names, j.w.name)
			}
		}
		args = []string{"--only", strings.Join(names, ",")}
	} else {
		if script == "" {
			f, err := os.CreateTemp("", "gpubench-numpy-*.py")
			if err != nil {
				return nil, "", err
			}
			defer os.Remove(f.Name())
			if _, err := f.Write(numpyScript); err != nil {
				f.Close()
				return nil, "", err
			}
			if err := f.Close(); err != nil {
				return nil, "", err
			}
			script = f.Name()
		}
		args = []string{"--runs", strconv.Itoa(c.repeat)}
		for _, j := range jobs {
			args = append(args, fmt.Sprintf("%s:%s:%d", j.w.name, j.dt, j.size))
		}
	}
	cmd := exec.Command(python, append([]string{script}, args...)...)
	// NumPy at its best: the machine may pin OpenBLAS to slower kernels
	// through these (numpy_ref.py says so).
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "OPENBLAS_CORETYPE=") || strings.HasPrefix(kv, "OPENBLAS_L2_SIZE=")
	})
	var errBuf strings.Builder
	cmd.Stderr = &errBuf
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	figs := map[numpyKey]numpyFigure{}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		var f numpyFigure
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil || f.Workload == "" {
			continue
		}
		figs[numpyKey{f.Workload, f.DType, f.Size}] = f
		if label != nil {
			label(f.Workload)
		}
	}
	if err := cmd.Wait(); err != nil {
		msg := strings.TrimSpace(errBuf.String())
		if i := strings.LastIndex(msg, "\n"); i >= 0 {
			msg = msg[i+1:]
		}
		return figs, script, errors.Join(fmt.Errorf("%s %s: %v", python, filepath.Base(script), err), errors.New(msg))
	}
	return figs, script, nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

func execOutput(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).Output()
	return string(out), err
}
