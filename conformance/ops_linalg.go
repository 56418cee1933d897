package conformance

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/linalg"
	"github.com/numgl/numgl/tensor"
)

func init() {
	for name, op := range map[string]OpFunc{
		"matmul":             binaryArrays(tensor.MatMul),
		"dot":                binaryArrays(tensor.Dot),
		"linalg.solve":       linalg2(linalg.Solve),
		"linalg.inv":         linalg1(linalg.Inv),
		"linalg.det":         linalg1(linalg.Det),
		"linalg.eigvalsh":    linalg1(linalg.Eigvalsh),
		"linalg.cholesky":    linalg1(linalg.Cholesky),
		"linalg.svdvals":     linalg1(linalg.SVDVals),
		"linalg.lstsq":       opLstsq,
		"linalg.norm":        opNorm,
		"linalg.matrix_rank": linalg1(linalg.MatrixRank),
		"linalg.pinv":        linalg1(linalg.Pinv),
	} {
		Ops[name] = Op{Run: op}
	}
}

// linalgErr gives a returned *linalg.Error the kind "linalg".
func linalgErr(err error) error {
	var le *linalg.Error
	if errors.As(err, &le) {
		return &KindError{Kind: "linalg", Err: err}
	}
	return err
}

func binaryArrays(f func(a, b *tensor.Array) *tensor.Array) OpFunc {
	return func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
		if err := wantArgs(args, 2); err != nil {
			return nil, err
		}
		if err := kw.only(); err != nil {
			return nil, err
		}
		a, b := args[0].Array, args[1].Array
		if a == nil || b == nil {
			return nil, fmt.Errorf("want two arrays")
		}
		return one(f(a, b))
	}
}

func linalg1(f func(a *tensor.Array) (*tensor.Array, error)) OpFunc {
	return func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
		if err := wantArgs(args, 1); err != nil {
			return nil, err
		}
		if err := kw.only(); err != nil {
			return nil, err
		}
		a, err := arrayArg(args, 0)
		if err != nil {
			return nil, err
		}
		r, err := f(a)
		if err != nil {
			return nil, linalgErr(err)
		}
		return one(r)
	}
}

func linalg2(f func(a, b *tensor.Array) (*tensor.Array, error)) OpFunc {
	return func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
		if err := wantArgs(args, 2); err != nil {
			return nil, err
		}
		if err := kw.only(); err != nil {
			return nil, err
		}
		arrs, err := arrayArgs(args)
		if err != nil {
			return nil, err
		}
		r, err := f(arrs[0], arrs[1])
		if err != nil {
			return nil, linalgErr(err)
		}
		return one(r)
	}
}

// opLstsq returns x only: the cases compare lstsq's solution.
func opLstsq(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	if err := wantArgs(args, 2); err != nil {
		return nil, err
	}
	if err := kw.only("rcond"); err != nil {
		return nil, err
	}
	if !kw.isNull("rcond") {
		return nil, fmt.Errorf("kwarg rcond: only the default is supported")
	}
	arrs, err := arrayArgs(args)
	if err != nil {
		return nil, err
	}
	x, _, _, _, err := linalg.Lstsq(arrs[0], arrs[1])
	if err != nil {
		return nil, linalgErr(err)
	}
	return one(x)
}

func opNorm(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	if err := wantArgs(args, 1); err != nil {
		return nil, err
	}
	if err := kw.only("ord"); err != nil {
		return nil, err
	}
	a, err := arrayArg(args, 0)
	if err != nil {
		return nil, err
	}
	ord := linalg.OrdDefault
	if !kw.isNull("ord") {
		var s string
		if json.Unmarshal(kw["ord"], &s) == nil {
			switch s {
			case "fro":
				ord = linalg.OrdFro
			case "nuc":
				ord = linalg.OrdNuc
			case "inf":
				ord = linalg.OrdInf
			case "-inf":
				ord = linalg.OrdNegInf
			default:
				return nil, fmt.Errorf("kwarg ord: unknown %q", s)
			}
		} else {
			p, err := kw.float("ord", nil)
			if err != nil {
				return nil, err
			}
			ord = linalg.P(p)
		}
	}
	r, err := linalg.Norm(a, ord)
	if err != nil {
		return nil, linalgErr(err)
	}
	return one(r)
}
