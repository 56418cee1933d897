#!/usr/bin/env python3
"""Train scikit-learn MLPClassifiers on the bundled digits dataset and
export them for numgl's nnforward (Debian: apt-get install python3-sklearn).

    python3 digits_mlp.py [DIR]     # writes into DIR (default: this directory)

Nothing is downloaded: load_digits ships with scikit-learn. Everything is
seeded (train_test_split and MLPClassifier random_state=0), so a rerun with
the same scikit-learn and NumPy writes the same numbers.

Each model is an .npz (numpy.savez_compressed) in the layout
nnforward.ReadSKLearnMLP imports:

    coefs_0 ... coefs_{L-1}            float64 (n_in, n_out)   clf.coefs_
    intercepts_0 ... intercepts_{L-1}  float64 (n_out,)        clf.intercepts_
    activation                         str   'relu', 'tanh', 'logistic', 'identity'
    out_activation                     str   clf.out_activation_: 'softmax' or 'logistic'
    classes                            clf.classes_ (ints or strs)

    digits_mlp_relu.npz       64 -> 64 -> 32 -> 10, relu, softmax
    digits_mlp_tanh.npz       64 -> 32 -> 10, tanh
    digits_mlp_logistic.npz   64 -> 32 -> 10, logistic
    digits_mlp_parity.npz     64 -> 16 -> 1, relu, logistic output, classes 'even'/'odd'

digits_test.npz holds the held-out split and scikit-learn's answers on it:

    X_test                 float32 (n, 64), pixels / 16 (exact in float32)
    y_test                 int64 (n,)
    y_test_parity          str (n,): 'even' or 'odd', the parity model's truth
    predict_NAME           clf.predict(X_test)        (strs for parity)
    predict_proba_NAME     clf.predict_proba(X_test)  float64 (n, n_classes)
    accuracy_NAME          clf.score(X_test, y)       float64 ()
"""
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

X, y = load_digits(return_X_y=True)
X = X / 16.0
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
parity = np.where(y % 2 == 0, "even", "odd")
_, _, p_train, p_test = train_test_split(X, parity, test_size=0.25, random_state=0, stratify=y)

models = {
    "relu": (MLPClassifier(hidden_layer_sizes=(64, 32), activation="relu", max_iter=500, random_state=0), y_train, y_test),
    "tanh": (MLPClassifier(hidden_layer_sizes=(32,), activation="tanh", max_iter=500, random_state=0), y_train, y_test),
    "logistic": (MLPClassifier(hidden_layer_sizes=(32,), activation="logistic", max_iter=1000, random_state=0), y_train, y_test),
    "parity": (MLPClassifier(hidden_layer_sizes=(16,), activation="relu", max_iter=2000, random_state=0), p_train, p_test),
}

test = {"X_test": X_test.astype(np.float32), "y_test": y_test.astype(np.int64), "y_test_parity": p_test}
for name, (clf, ytr, yte) in models.items():
    clf.fit(X_train, ytr)
    arrays = {"activation": np.array(clf.activation), "out_activation": np.array(clf.out_activation_), "classes": clf.classes_}
    for i, (w, b) in enumerate(zip(clf.coefs_, clf.intercepts_)):
        arrays[f"coefs_{i}"] = w
        arrays[f"intercepts_{i}"] = b
    np.savez_compressed(os.path.join(out, f"digits_mlp_{name}.npz"), **arrays)
    proba = clf.predict_proba(X_test)
    test[f"predict_{name}"] = clf.predict(X_test)
    test[f"predict_proba_{name}"] = proba
    test[f"accuracy_{name}"] = np.array(clf.score(X_test, yte))
    top2 = np.sort(proba, axis=1)[:, -2:]
    print(f"{name}: accuracy {clf.score(X_test, yte):.4f}, {clf.n_iter_} iterations, "
          f"smallest top-2 probability gap {np.min(top2[:, 1] - top2[:, 0]):.3g}")
np.savez_compressed(os.path.join(out, "digits_test.npz"), **test)
print(f"scikit-learn {sklearn.__version__}, NumPy {np.__version__}, {len(y_test)} test samples")
