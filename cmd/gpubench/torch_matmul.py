"""Times PyTorch's square matrix product on a CUDA GPU, for comparison with
gpubench's sgemm and dgemm rows on the same card.

float32 runs with TF32 off (torch.backends.cuda.matmul.allow_tf32 = False
and matmul precision "highest"), so it is plain FP32 arithmetic like
numgl's GLSL kernel; float64 is there too. Each figure is the mean of 10
products after 3 warm-ups, timed with CUDA events. The result of the
largest float32 product is checked against a float64 product: TF32 would
show as a relative error near 1e-3 instead of near 1e-6.

Usage: python3 torch_matmul.py [n ...]   (default 1024 2048 4096)
Prints one JSON object per line.
"""
import json
import sys

import torch


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1024, 2048, 4096]
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.set_float32_matmul_precision("highest")
    name = torch.cuda.get_device_name(0)
    gen = torch.Generator(device="cuda").manual_seed(0)
    for dt in (torch.float32, torch.float64):
        for n in sizes:
            a = torch.rand(n, n, device="cuda", dtype=dt, generator=gen) - 0.5
            b = torch.rand(n, n, device="cuda", dtype=dt, generator=gen) - 0.5
            for _ in range(3):
                c = a @ b
            torch.cuda.synchronize()
            start = torch.cuda.Event(enable_timing=True)
            stop = torch.cuda.Event(enable_timing=True)
            reps = 10
            start.record()
            for _ in range(reps):
                c = a @ b
            stop.record()
            torch.cuda.synchronize()
            secs = start.elapsed_time(stop) / 1e3 / reps
            row = {"device": name, "dtype": str(dt).replace("torch.", ""), "n": n,
                   "seconds": secs, "gflops": 2 * n**3 / secs / 1e9,
                   "tf32": torch.backends.cuda.matmul.allow_tf32}
            if dt == torch.float32 and n == sizes[-1]:
                ref = a.double() @ b.double()
                row["max_rel_err"] = ((c.double() - ref).abs().max() / ref.abs().max()).item()
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
