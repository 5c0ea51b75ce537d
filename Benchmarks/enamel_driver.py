"""Runs ENAMEL's own evaluator (PyPI `enam` 0.2.0) with its demo's defaults on one sample file,
timing test generation and evaluation separately. Run inside the virtual environment that
Benchmarks/throughput.py creates; prints one JSON object.

    python enamel_driver.py enamel.csv samples.json
"""
import json
import sys
import time

import enam

csv, samples = sys.argv[1], sys.argv[2]
with open(samples) as f:
    codes = json.load(f)
if isinstance(codes, dict):
    codes = [codes.get(str(i), []) for i in range(164)]

# ENAMEL's demo.py defaults.
evaluator = enam.Evaluator(
    problems=csv, subset=enam.PROBLEMSET, n_tests=[8, 4, 4, 4], n_reps=6, hardness=[0, 3, 3, 4],
    memory_giga=4, timeout_factor=2, tolerence_sec=0.01, seed=998244353)
start = time.perf_counter()
evaluator.make_tests()
generated = time.perf_counter()
metrics = evaluator.evaluate(codes, k=[1, 10, 100])
done = time.perf_counter()
print(json.dumps({"generation_s": generated - start, "evaluation_s": done - generated,
                  "metrics": metrics}))
