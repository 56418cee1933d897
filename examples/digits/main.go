// Command digits runs a scikit-learn MLPClassifier, trained on the digits
// dataset and exported by nnforward/testdata/digits_mlp.py, on numgl's
// devices, and prints its accuracy on the held-out test split and how
// closely it reproduces scikit-learn's own predictions.
//
//	go run ./examples/digits                       # every device that opens
//	go run ./examples/digits -device gpu -dtype float64
//	go run ./examples/digits -model nnforward/testdata/digits_mlp_tanh.npz
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/nnforward"
	"github.com/numgl/numgl/npy"
	"github.com/numgl/numgl/tensor"
)

func main() {
	model := flag.String("model", testdata("digits_mlp_relu.npz"), "the exported MLPClassifier (.npz)")
	data := flag.String("data", testdata("digits_test.npz"), "the test split and scikit-learn's answers (.npz)")
	devs := flag.String("device", "", "comma-separated devices (default: every one that opens)")
	dt := flag.String("dtype", "float32", "float32 or float64")
	flag.Parse()
	if err := run(*model, *data, *devs, *dt); err != nil {
		fmt.Fprintln(os.Stderr, "digits:", err)
		os.Exit(1)
	}
}

// testdata returns the path of a file of nnforward/testdata: from the
// working directory when it is the repository's root, else from this
// source file's place in the repository.
func testdata(name string) string {
	p := filepath.Join("nnforward", "testdata", name)
	if _, err := os.Stat(p); err == nil {
		return p
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		return filepath.Join(filepath.Dir(file), "..", "..", p)
	}
	return p
}

func run(modelPath, dataPath, devNames, dtName string) error {
	dt, err := dtype.Parse(dtName)
	if err != nil || !dt.IsFloat() {
		return fmt.Errorf("-dtype %s: want float32 or float64", dtName)
	}
	names := device.Backends()
	if devNames != "" {
		names = strings.Split(devNames, ",")
	}
	z, err := npy.OpenNPZ(dataPath)
	if err != nil {
		return err
	}
	defer z.Close()
	base := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(modelPath), "digits_mlp_"), ".npz")

	for _, name := range names {
		dev, err := device.Get(strings.TrimSpace(name))
		if err != nil {
			if devNames != "" {
				return err
			}
			fmt.Printf("%-9s does not open: %v\n", name, err)
			continue
		}
		clf, err := nnforward.LoadSKLearnMLP(modelPath, dev, dt)
		if err != nil {
			return err
		}
		x, err := z.Read("X_test", dev)
		if err != nil {
			return err
		}
		x = x.AsType(dt)
		truth, err := labelsOf(z, "y_test_"+base)
		if err != nil {
			truth, err = labelsOf(z, "y_test")
		}
		if err != nil {
			return err
		}

		start := time.Now()
		proba := clf.PredictProba(x)
		idx := tensor.ToSlice[int64](tensor.ArgMax(proba, tensor.Axis(-1)))
		elapsed := time.Since(start)

		skLabels, err := labelsOf(z, "predict_"+base)
		correct, agree := 0, 0
		for i, k := range idx {
			l := clf.Classes[k]
			if l == truth[i] {
				correct++
			}
			if err == nil && l == skLabels[i] {
				agree++
			}
		}
		n := len(idx)
		line := fmt.Sprintf("%-9s %v  accuracy %.4f (%d of %d)  %v", dev.Name(), dt, float64(correct)/float64(n), correct, n, elapsed.Round(time.Microsecond))
		if err == nil {
			line += fmt.Sprintf("  agrees with scikit-learn on %d of %d", agree, n)
			if want, err := z.Read("predict_proba_"+base, dev); err == nil {
				w, g := tensor.ToSlice[float64](want), tensor.ToSlice[float64](proba)
				worst := 0.0
				for i := range w {
					worst = math.Max(worst, math.Abs(w[i]-g[i]))
				}
				line += fmt.Sprintf(", probabilities within %.2g", worst)
			}
		}
		fmt.Println(line)
	}
	return nil
}

// labelsOf returns a 1-d array of labels (numbers or strings) as text.
func labelsOf(z *npy.NPZ, name string) ([]string, error) {
	h, err := z.Header(name)
	if err != nil {
		return nil, err
	}
	if !h.DType.Valid() {
		s, _, err := z.ReadStrings(name)
		return s, err
	}
	a, err := z.Read(name, device.MustGet("cpu-loop"))
	if err != nil {
		return nil, err
	}
	v := tensor.ToSlice[int64](a)
	out := make([]string, len(v))
	for i, k := range v {
		out[i] = fmt.Sprint(k)
	}
	return out, nil
}
