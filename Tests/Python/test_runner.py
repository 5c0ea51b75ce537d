"""Tests of the runner's module preloading and its fixed random state (Sandbox/Runner).

The runner is started here without the sandbox, as a plain child process speaking its
protocol; the sandboxed path is covered by the Swift tests.
"""
import os
import subprocess
import sys
import tempfile
import unittest

RUNNER_DIRECTORY = os.path.join(os.path.dirname(__file__), "..", "..", "Sandbox", "Runner")
sys.dont_write_bytecode = True  # no __pycache__ among the package's resources
sys.path.insert(0, RUNNER_DIRECTORY)

import brisk_protocol as protocol  # noqa: E402
import brisk_runner  # noqa: E402
import brisk_values as values  # noqa: E402


class Runner:
    def __init__(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.process = subprocess.Popen(
            [sys.executable, "-S", "-B", os.path.join(RUNNER_DIRECTORY, "brisk_runner.py"),
             f"--scratch={self.scratch.name}"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def load(self, source, entry="f"):
        protocol.write_frame(self.process.stdin.fileno(),
                             {"op": "load", "solution": "s", "entry": entry}, source.encode())
        return protocol.read_frame(self.process.stdout.fileno())[0]

    def call(self, *arguments):
        protocol.write_frame(self.process.stdin.fileno(),
                             {"op": "run", "solution": "s", "cpu_ms": 5000, "wall_ms": 10000},
                             values.encode(list(arguments)))
        header, body = protocol.read_frame(self.process.stdout.fileno())
        if header.get("frame") != "O":
            raise AssertionError(f"the call did not return: {header}")
        return values.decode(body)

    def close(self):
        protocol.write_frame(self.process.stdin.fileno(), {"op": "quit"})
        self.process.wait(timeout=10)
        self.scratch.cleanup()


class ImportedModulesTests(unittest.TestCase):
    def test_finds_imports_at_every_depth(self):
        code = compile("from typing import List\nimport math, heapq\n"
                       "def f(x):\n    import collections.abc\n    class A:\n"
                       "        def g(self):\n            import fractions\n",
                       "<test>", "exec")
        self.assertEqual(brisk_runner.imported_modules(code),
                         {"typing", "math", "heapq", "collections.abc", "fractions"})

    def test_names_that_are_not_imports_are_ignored(self):
        code = compile("heapq = 1\ndef f():\n    return heapq + len('random')\n", "<test>", "exec")
        self.assertEqual(brisk_runner.imported_modules(code), set())


class RunnerTests(unittest.TestCase):
    def setUp(self):
        self.runner = Runner()

    def tearDown(self):
        self.runner.close()

    def test_modules_a_solution_imports_are_loaded_before_its_calls(self):
        self.runner.load("import sys\nLOADED = ['fractions' in sys.modules, "
                         "'heapq' in sys.modules]\nimport fractions\n"
                         "def f():\n    return LOADED\n")
        # fractions is in the runner before the child runs the module; heapq, which the
        # solution does not name, is not loaded at all.
        self.assertEqual(self.runner.call(), [True, False])

    def test_every_call_starts_from_the_same_random_state(self):
        self.runner.load("import random\ndef f():\n    return [random.random() for _ in range(3)]\n")
        first = self.runner.call()
        self.assertEqual(self.runner.call(), first)
        other = Runner()
        try:
            other.load("import random\ndef f():\n    return [random.random() for _ in range(3)]\n")
            self.assertEqual(other.call(), first)
        finally:
            other.close()


if __name__ == "__main__":
    unittest.main()
