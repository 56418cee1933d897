package nnforward_test

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/nnforward"
	"github.com/numgl/numgl/npy"
	"github.com/numgl/numgl/tensor"
)

// devices are the devices the tests run on: every registered one that
// opens. NUMGL_REQUIRE_GPU=1 makes a GPU that does not open a failure.
func devices(t testing.TB) []device.Device {
	var ds []device.Device
	for _, name := range device.Backends() {
		if d, err := device.Get(name); err == nil {
			ds = append(ds, d)
		} else if strings.HasPrefix(name, "gpu") && device.RequireGPU() {
			t.Fatalf("%s=1 and the GPU does not open: %v", device.EnvRequireGPU, err)
		} else {
			t.Logf("device %s does not open, not tested: %v", name, err)
		}
	}
	return ds
}

// Tolerances of the digits test on numgl's probabilities against
// scikit-learn's predict_proba (computed in float64): absolute, per
// probability. float32 carries 24 bits (6e-8 relative); through three
// layers of 64-wide dot products the largest difference measured is 3e-7
// on the CPU devices and 1.6e-6 on the GPU (llvmpipe, whose float32 exp
// is a few ulp off), so 1e-5 leaves a margin of six. float64 differs from
// scikit-learn by rounding only (2e-15 measured).
const (
	probTol32 = 1e-5
	probTol64 = 1e-12
)

// TestDigitsSKLearn runs the scikit-learn MLPClassifiers of
// testdata/digits_mlp.py on every device, in float32 and float64, and
// requires every predicted class to be scikit-learn's and every
// probability to be within the tolerance of its predict_proba.
func TestDigitsSKLearn(t *testing.T) {
	z, err := npy.OpenNPZ("testdata/digits_test.npz")
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, dev := range devices(t) {
		X, err := z.Read("X_test", dev)
		if err != nil {
			t.Fatal(err)
		}
		y, _ := z.Read("y_test", dev)
		for _, name := range []string{"relu", "tanh", "logistic", "parity"} {
			for _, dt := range []tensor.DType{tensor.Float32, tensor.Float64} {
				t.Run(fmt.Sprintf("%s/%s/%v", dev.Name(), name, dt), func(t *testing.T) {
					m, err := nnforward.LoadSKLearnMLP("testdata/digits_mlp_"+name+".npz", dev, dt)
					if err != nil {
						t.Fatal(err)
					}
					x := X.AsType(dt)
					proba := m.PredictProba(x)
					if proba.Device() != dev || proba.DType() != dt {
						t.Errorf("probabilities %v on %s", proba.DType(), proba.Device().Name())
					}
					want, _ := z.Read("predict_proba_"+name, dev)
					if !reflect.DeepEqual(proba.Shape(), want.Shape()) {
						t.Fatalf("probabilities of shape %v, want %v", proba.Shape(), want.Shape())
					}
					tol := probTol32
					if dt == tensor.Float64 {
						tol = probTol64
					}
					got, w := tensor.ToSlice[float64](proba), tensor.ToSlice[float64](want)
					worst := 0.0
					for i := range w {
						worst = max(worst, math.Abs(got[i]-w[i]))
						if !(math.Abs(got[i]-w[i]) <= tol) {
							t.Fatalf("sample %d class %d: probability %.9g, scikit-learn %.9g (tolerance %g)", i/want.Shape()[1], i%want.Shape()[1], got[i], w[i], tol)
						}
					}

					var correct int
					if m.ClassValues != nil {
						pred := tensor.ToSlice[int64](m.Predict(x))
						skl, _ := z.Read("predict_"+name, dev)
						sk, ys := tensor.ToSlice[int64](skl), tensor.ToSlice[int64](y)
						for i := range sk {
							if pred[i] != sk[i] {
								t.Errorf("sample %d: numgl predicts %d, scikit-learn %d", i, pred[i], sk[i])
							}
							if pred[i] == ys[i] {
								correct++
							}
						}
					} else {
						pred := m.PredictLabels(x)
						sk, _, err := z.ReadStrings("predict_" + name)
						if err != nil {
							t.Fatal(err)
						}
						truth, _, err := z.ReadStrings("y_test_" + name)
						if err != nil {
							t.Fatal(err)
						}
						for i := range sk {
							if pred[i] != sk[i] {
								t.Errorf("sample %d: numgl predicts %q, scikit-learn %q", i, pred[i], sk[i])
							}
							if pred[i] == truth[i] {
								correct++
							}
						}
					}
					acc := float64(correct) / float64(X.Shape()[0])
					skAcc, _ := z.Read("accuracy_"+name, dev)
					if math.Abs(acc-skAcc.Float()) > 1e-12 {
						t.Errorf("accuracy %.4f, scikit-learn's %.4f", acc, skAcc.Float())
					}
					t.Logf("accuracy %.4f (scikit-learn %.4f), largest probability difference %.3g", acc, skAcc.Float(), worst)
				})
			}
		}
	}
}
