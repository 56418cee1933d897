"""What the gen_*.py scripts share: NumPy values written as
../shared/conformance/FORMAT.md spells them."""
import numpy as np


def enc(x):
    """One element: bool, int, float, or "nan", "inf", "-inf"."""
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    x = float(x)
    if np.isnan(x):
        return "nan"
    if np.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def arr(a):
    """An array: dtype, shape and its elements in C order."""
    a = np.asarray(a)
    return {"dtype": str(a.dtype), "shape": list(a.shape), "data": [enc(v) for v in a.ravel().tolist()]}
