"""Tests of the runner (Sandbox/Runner): its module preloading, its fixed random state, the C
loop that serves its calls under the CPU meter, and the instruction meter's forker.

The runner is started here without the sandbox, as a plain child process speaking its
protocol; the sandboxed path is covered by the Swift tests.
"""
import atexit
import os
import resource
import shutil
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


VALGRIND = "/usr/bin/valgrind.bin"
INTERPRETER = "/usr/bin/python3.11"  # the one Brisk runs and builds the C loop for


def built_calls():
    """A directory holding _brisk_calls, built once for these tests as Brisk builds it."""
    if built_calls.directory is None:
        directory = tempfile.mkdtemp(prefix="brisk-calls-")
        atexit.register(shutil.rmtree, directory, True)
        subprocess.run([INTERPRETER, "-S", os.path.join(RUNNER_DIRECTORY, "brisk_build.py"),
                        RUNNER_DIRECTORY, directory], check=True)
        built_calls.directory = directory
    return built_calls.directory


built_calls.directory = None


class Runner:
    def __init__(self, meter=False, descriptors=None):
        self.scratch = tempfile.TemporaryDirectory()
        command = [INTERPRETER, "-S", "-B", os.path.join(RUNNER_DIRECTORY, "brisk_runner.py"),
                   f"--scratch={self.scratch.name}"]
        if meter:  # as the harness starts it (TrustedScripts.swift), without the sandbox
            command = [VALGRIND, "--tool=callgrind", "--vgdb=no", "-q", "--collect-atstart=no",
                       "--dump-instr=no", "--toggle-collect=brisk_counted_call",
                       f"--callgrind-out-file={self.scratch.name}/callgrind.%p",
                       ] + command + ["--meter=instructions"]
        # The sandbox allows 64 descriptors (Sandbox/README.md); given, the same limit here.
        limit = (lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (descriptors, descriptors))
                 ) if descriptors else None
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, preexec_fn=limit,
            env={"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0", "PYTHONPATH": built_calls()})

    def request(self, header, payload=b""):
        protocol.write_frame(self.process.stdin.fileno(), header, payload)
        return protocol.read_frame(self.process.stdout.fileno())

    def load(self, source, entry="f"):
        return self.request({"op": "load", "solution": "s", "entry": entry}, source.encode())[0]

    def run(self, *arguments, cpu_ms=5000, solution="s", same_input=False, **extra):
        return self.request({"op": "run", "solution": solution, "cpu_ms": cpu_ms,
                             "wall_ms": 60000, **({"same_input": True} if same_input else {}),
                             **extra}, b"" if same_input else values.encode(list(arguments)))

    def call(self, *arguments):
        header, body = self.run(*arguments)
        if header.get("frame") != "O":
            raise AssertionError(f"the call did not return: {header}")
        return values.decode(body)

    def count(self, *arguments, solution="s"):
        """The instructions of a call, under the meter."""
        header, _ = self.run(*arguments, solution=solution)
        if header.get("frame") != "O":
            raise AssertionError(f"the call did not return: {header}")
        return header["instructions"]

    def close(self):
        protocol.write_frame(self.process.stdin.fileno(), {"op": "quit"})
        self.process.wait(timeout=10)
        self.process.stdin.close()
        self.process.stdout.close()
        self.scratch.cleanup()


class ImportedModulesTests(unittest.TestCase):
    def test_finds_imports_at_every_depth(self):
        code = compile("from typing import List\nimport math, heapq\n"
                       "def f(x):\n    import collections.abc\n    class A:\n"
                       "        def g(self):\n            import fractions\n",
                       "<test>", "exec")
        self.assertEqual(brisk_runner.imported_modules(code),
                         {"typing", "math", "heapq", "collections.abc", "fractions"})

    def test_strptime_implies_the_module_it_imports_on_first_use(self):
        code = compile("import time\ndef f(s):\n    return time.strptime(s, '%Y')\n", "<test>", "exec")
        self.assertEqual(brisk_runner.imported_modules(code), {"time", "_strptime"})

    def test_names_that_are_not_imports_are_ignored(self):
        code = compile("heapq = 1\ndef f():\n    return heapq + len('random')\n", "<test>", "exec")
        self.assertEqual(brisk_runner.imported_modules(code), set())


class FirstTouchesTests(unittest.TestCase):
    def test_finds_what_the_code_names_without_running_it(self):
        import math
        import heapq
        code = compile("import math\nimport heapq as h\nopen('/nonexistent/x', 'w')\n"
                       "def f(a):\n    return math.gcd(*a) + len(a) + h.heappop([0])\n",
                       "<test>", "exec")
        touched = brisk_runner.FirstTouches([code])  # the open() above would raise if run
        self.assertIn(len, touched.objects)
        self.assertIn(open, touched.objects)
        self.assertIn(code, touched.objects)
        self.assertEqual(touched.imports, ("heapq", "math"))
        self.assertIn((math, "gcd"), touched.attributes)
        self.assertIn((heapq, "heappop"), touched.attributes)
        touched.touch()

    def test_only_modules_already_loaded_are_imported_and_no_module_code_runs(self):
        class Lazy(type(sys)):
            def __getattr__(self, name):
                raise AssertionError(f"module code ran for {name}")
        lazy = Lazy("brisk_test_lazy")
        lazy.present = 1
        sys.modules["brisk_test_lazy"] = lazy
        self.addCleanup(sys.modules.pop, "brisk_test_lazy")
        code = compile("import brisk_test_lazy, brisk_not_a_module\n"
                       "def f():\n    return brisk_test_lazy.present + brisk_test_lazy.absent\n",
                       "<test>", "exec")
        touched = brisk_runner.FirstTouches([code])
        self.assertEqual(touched.imports, ("brisk_test_lazy",))
        self.assertEqual(touched.attributes, ())  # not a plain module: its lookups could run code
        touched.touch()


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

    def test_doctest_and_unittest_which_models_import_unused_are_loaded_too(self):
        # Charged to every call, `import doctest` alone took about 14 ms (EvalPerf's outputs).
        self.runner.load("import sys\nLOADED = ['doctest' in sys.modules, "
                         "'unittest' in sys.modules]\nimport doctest\nimport unittest\n"
                         "def f():\n    return LOADED\n")
        self.assertEqual(self.runner.call(), [True, True])

    def test_what_a_call_imports_or_strptime_loads_is_loaded_before_it(self):
        # Left to the sealed child, compiled from source in every call: `import queue` took
        # about 40 ms a call, datetime's strptime about 65 ms (it imports _strptime).
        self.runner.load("import sys, datetime\n"
                         "def f():\n    loaded = ['queue' in sys.modules, '_strptime' in sys.modules]\n"
                         "    import queue\n"
                         "    return loaded + [str(datetime.datetime.strptime('2000', '%Y').year)]\n")
        self.assertEqual(self.runner.call(), [True, True, "2000"])

    def test_what_formatting_an_error_needs_is_loaded_before_the_call(self):
        # Compiled from source in a sealed child, traceback, linecache and ast took every call
        # that raised 60-100 ms: past a stress test's CPU limit, an error read as a time limit.
        self.runner.load("import sys\ndef f():\n"
                         "    return [name in sys.modules for name in ('traceback', 'ast')]\n")
        self.assertEqual(self.runner.call(), [True, True])
        self.runner.load("def g(a):\n    return abs(a) ** (1. / 3)\n", entry="g")
        reply, _ = self.runner.run(3 ** 1000, cpu_ms=40)
        self.assertIn("OverflowError: int too large to convert to float", reply["message"])

    def test_every_preloadable_module_is_there_for_a_sealed_child(self):
        # A sealed child maps no library: each extension a listed module needs (_decimal,
        # _hashlib) comes with the runner's preload, and hashlib keeps OpenSSL's digests.
        names = sorted(brisk_runner.PRELOADABLE)
        self.runner.load("".join(f"import {name}\n" for name in names)
                         + "def f():\n    import _hashlib, _decimal\n"
                         "    return [hashlib.sha256 is _hashlib.openssl_sha256,"
                         " decimal.Decimal is _decimal.Decimal]\n")
        self.assertEqual(self.runner.call(), [True, True])

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

    def test_a_traceback_starts_in_the_solution_and_quotes_its_lines(self):
        self.runner.load("def helper(n):\n    return 1 // (n - 1)\n\n"
                         "def f(n):\n    return helper(n)\n")
        header, _ = self.runner.run(1)
        self.assertEqual(header["frame"], "E")
        message = header["message"]
        self.assertNotIn("brisk_runner", message)
        self.assertIn('File "<solution>", line 5, in f\n    return helper(n)\n', message)
        self.assertIn('File "<solution>", line 2, in helper\n    return 1 // (n - 1)\n', message)
        self.assertTrue(message.endswith("ZeroDivisionError: integer division or modulo by zero\n"))

    def test_an_assertion_of_humaneval_tests_is_quoted(self):
        tests = "def check(candidate):\n    assert candidate(2) == 5, 'two'\n"
        self.runner.request({"op": "load", "solution": "t", "entry": "f", "tests": tests},
                            b"def f(n):\n    return n * 2\n")
        header, _ = self.runner.run(solution="t")
        self.assertEqual(header["frame"], "E")
        self.assertNotIn("brisk_runner", header["message"])
        self.assertIn("assert candidate(2) == 5, 'two'", header["message"])
        self.assertTrue(header["message"].endswith("AssertionError: two\n"))

    def test_an_error_the_runner_raises_reads_as_its_message(self):
        self.runner.load("def g(n):\n    return n\n")
        header, _ = self.runner.run(1)
        self.assertEqual(header["message"], "NameError: the solution defines no function named 'f'\n")


class CallLoopTests(unittest.TestCase):
    """Runs of a held input are served by the C loop (brisk_calls.c), which answers clean calls
    itself and hands every other outcome to Python's report(); the first run of an input is
    decoded in Python and measured there too. Each case runs once on a new input and again on
    the held one: both must read the same."""

    def setUp(self):
        self.runner = Runner()
        self.addCleanup(self.runner.close)

    def twice(self, *arguments, **options):
        first = self.runner.run(*arguments, **options)
        again = self.runner.run(same_input=True, **options)
        return first, again

    def test_a_clean_call_reads_the_same_as_pythons_report(self):
        self.runner.load("def f(a, b):\n    return [a + b, str(a)]\n")
        for reply, body in self.twice(2, 3):
            self.assertEqual(values.decode(body), [5, "2"])
            self.assertEqual((reply["frame"], reply["exit_code"], reply["killed"]), ("O", 0, None))
            self.assertGreater(reply["cpu_ns"], 0)
            self.assertGreaterEqual(reply["total_ns"], reply["setup_ns"] + reply["wall_ns"])
        # The C loop's fields are report()'s for the same outcome, nothing more or less.
        clean = brisk_runner.Outcome(1, 1, None, 5, 6, 7, 20, 0, 100, None,
                                     b"O" + (2).to_bytes(8, "big") + b"[]", b"", False)
        python, _ = brisk_runner.report(clean)
        python["ok"] = True
        self.assertEqual(set(reply), set(python))

    def test_mutation_is_checked_on_a_held_input(self):
        self.runner.load("def f(xs):\n    xs.append(1)\n    return len(xs)\n")
        for reply, body in self.twice([5], check_mutation=True):
            self.assertEqual((reply["mutated"], values.decode(body)), (True, 2))
        self.runner.load("def f(xs):\n    return len(xs)\n")
        for reply, _ in self.twice([5], check_mutation=True):
            self.assertIs(reply["mutated"], False)

    def test_errors_limits_and_exits_on_a_held_input(self):
        self.runner.load("import os\ndef f(n):\n    if n == 0:\n        while True: pass\n"
                         "    if n == 1:\n        raise ValueError('one')\n"
                         "    if n == 2:\n        os._exit(3)\n    return n * 2\n")
        for reply, _ in self.twice(0, cpu_ms=200):
            self.assertEqual((reply["killed"], reply["signal"], reply["frame"]), ("cpu", 9, None))
            self.assertGreaterEqual(reply["cpu_ns"], 200_000_000)
        for reply, _ in self.twice(1):
            self.assertEqual(reply["frame"], "E")
            self.assertIn("ValueError: one", reply["message"])
        for reply, _ in self.twice(2):
            self.assertEqual((reply["frame"], reply["exit_code"]), (None, 3))
        self.assertEqual(self.runner.call(5), 10)

    def test_a_sealed_child_reads_no_memory_and_starts_no_thread(self):
        # With ctypes a sample read the previous call's result from the runner's memory,
        # which every child inherits (eff 1.39 against its honest twin's 1.02), and the
        # process ids threads take told the next call a count: under the CPU meter too, a
        # child maps no native code of its own and starts no thread. Preloaded modules work.
        self.runner.load("import heapq\ndef f(n):\n    if n == 0:\n        import ctypes\n"
                         "    if n == 1:\n        import threading\n"
                         "        threading.Thread(target=print).start()\n"
                         "    return heapq.nsmallest(1, [n, 5])\n")
        for n, error in ((0, "ImportError"), (1, "RuntimeError: can't start new thread")):
            for reply, _ in self.twice(n):
                self.assertEqual(reply["frame"], "E", reply)
                self.assertIn(error, reply["message"])
        self.assertEqual(self.runner.call(3), [3])

    def test_a_sealed_child_makes_no_pipe_and_names_no_process_to_signal(self):
        # A new pipe's inode number comes from a per-CPU counter the whole host shares: an
        # audit's sample set it at the end of a call and read it in the next (eff 1.48).
        # F_SETOWN and F_SETSIG on the result pipe had the kernel signal the runner (SIGSTOP
        # hung the harness). Refused under both meters; other fcntl commands work.
        source = ("import os, fcntl\ndef f(n):\n    fd = os.open('/dev/null', os.O_WRONLY)\n"
                  "    if n == 0:\n        os.pipe()\n"
                  "    if n == 1:\n        fcntl.fcntl(fd, fcntl.F_SETOWN, os.getppid())\n"
                  "    if n == 2:\n        fcntl.fcntl(fd, 10, 19)  # F_SETSIG, SIGSTOP\n"
                  "    return fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_WRONLY\n")
        for meter in (False, True):
            with self.subTest(meter=meter):
                runner = Runner(meter=meter)
                try:
                    runner.load(source)
                    for n in (0, 1, 2):
                        reply, _ = runner.run(n)
                        self.assertEqual(reply["frame"], "E", reply)
                        self.assertIn("PermissionError", reply["message"])
                    self.assertEqual(runner.call(3), os.O_WRONLY)
                finally:
                    runner.close()

    def test_nothing_runs_after_the_result(self):
        # A sample that replaced the runner's exit worked on, uncharged, for up to a second
        # after its result was measured (an audit's sample wrote a memo then): the child is
        # ended as soon as its result has arrived.
        self.runner.load("import sys, time\ndef f(n):\n"
                         "    runner = next(m for m in sys.modules.values()\n"
                         "                  if hasattr(m, 'run_child'))\n"
                         "    def linger(code):\n        end = time.monotonic() + 2\n"
                         "        while time.monotonic() < end:\n            pass\n"
                         "    runner._exit = linger\n    return n\n")
        for reply, body in self.twice(7):
            self.assertEqual((reply["frame"], reply["exit_code"], values.decode(body)),
                             ("O", 0, 7), reply)
            self.assertLess(reply["total_ns"], 500_000_000, reply)

    def test_a_call_that_changes_scratch_says_so_and_still_counts(self):
        # Files, the directory's times, the next inode number: the harness starts the runner
        # afresh after such a call (RunnerSessionTests). A call that only reads does not.
        self.runner.load("import os\ndef f(n):\n    if n == 1:\n"
                         "        open('left', 'w').write('x')\n    if n == 2:\n"
                         "        os.utime('.', ns=(5, 5))\n    if n == 3:\n"
                         "        os.rmdir(os.mkdir('d') or 'd')\n    os.listdir('.')\n"
                         "    return n\n")
        for n in (1, 2, 3):
            for reply, body in self.twice(n):
                self.assertEqual((reply["frame"], values.decode(body)), ("O", n))
                self.assertEqual(reply.get("scratch_written"), True, reply)
        for reply, body in self.twice(0):
            self.assertEqual((reply["frame"], values.decode(body)), ("O", 0))
            self.assertNotIn("scratch_written", reply)

    def test_a_tree_deeper_than_the_descriptors_is_removed(self):
        # Under the instruction meter the runner empties the scratch directory after every
        # call. Cleaning up opened one directory per level, and past 64 it left the deepest
        # file (a memo the next call found) behind without a word.
        runner = Runner(meter=True, descriptors=64)
        self.addCleanup(runner.close)
        runner.load("import os\ndef f(n):\n    path = os.path.join(*['d'] * 100)\n"
                    "    os.makedirs(path)\n    open(os.path.join(path, 'memo'), 'w').write('1')\n"
                    "    return n\n")
        reply, body = runner.run(3)
        self.assertEqual((reply["frame"], values.decode(body)), ("O", 3))
        self.assertNotIn("violation", reply)
        self.assertEqual(os.listdir(runner.scratch.name), [])

    def test_a_forged_error_message_is_cut(self):
        # A child's own error frame of 64 MiB made the runner's reply six times that, as JSON
        # escapes, and the runner ran out of memory.
        self.runner.load("import os\ndef f(n):\n    body = b'\\xff' * 1000000\n"
                         "    frame = b'E' + len(body).to_bytes(8, 'big') + body\n"
                         "    for fd in range(3, 64):\n        try:\n"
                         "            os.write(fd, frame)\n        except OSError:\n"
                         "            pass\n    os._exit(0)\n")
        reply, _ = self.runner.run(1)
        self.assertEqual(reply["frame"], "E")
        self.assertLessEqual(len(reply["message"]), 4000)

    def test_an_integer_literal_beyond_pythons_digit_limit_does_not_compile(self):
        # brisk_values lifts the limit for decoding; compiling under it, a literal of 20
        # million digits took hours instead of failing.
        reply = self.runner.load("X = " + "7" * 5000 + "\ndef f(n):\n    return n\n")
        self.assertEqual(reply["ok"], False)
        self.assertIn("Exceeds the limit (4300 digits)", reply["message"])
        self.runner.load("def f(n):\n    return int('9' * 5000) % 10\n")
        self.assertEqual(self.runner.call(1), 9)  # decoding and the solution keep no limit

    def test_requests_the_loop_does_not_serve_reach_python(self):
        self.runner.load("def f(n):\n    return n\n")
        self.runner.run(7)
        unknown, _ = self.runner.run(same_input=True, solution="nobody")
        self.assertEqual(unknown, {"ok": False, "message": "no such solution loaded"})
        # A key the loop does not know: Python reads the request and measures it the same way.
        reply, body = self.runner.run(same_input=True, note="x")
        self.assertEqual((reply["frame"], values.decode(body)), ("O", 7))
        refused, _ = self.runner.request({"op": "run", "solution": "s", "cpu_ms": 100,
                                          "wall_ms": 1000}, b"not an input")
        self.assertEqual((refused["started"], refused["input_held"]), (False, False))
        self.assertIn("could not be decoded", refused["message"])
        held, _ = self.runner.run(same_input=True)
        self.assertEqual(held["started"], False)  # nothing is held after a refused input


class ForkerRequestTests(unittest.TestCase):
    """What the manager sends the forker depends only on what is measured: not on the order
    of the harness's keys (Swift's encoder varied it per request; one order moved every count
    of a HumanEval/69 solution by 8 instructions in the sandbox) nor on how many digits a
    limit has (the CPU cap moves with the host's drift)."""

    def sent(self, method, header, payload=b"[]"):
        forker = object.__new__(brisk_runner.Forker)
        command_r, forker.command_w = os.pipe()
        forker.reply_r, reply_w = os.pipe()
        try:
            if method == "spawn":
                os.write(reply_w, b"e")  # the input refused: no child is made here
            protocol.write_frame(reply_w, {"ok": True, "message": "m"})
            getattr(forker, method)(header, payload)
            return protocol.read_frame(command_r)
        finally:
            for fd in (command_r, forker.command_w, forker.reply_r, reply_w):
                os.close(fd)

    def test_loads_read_the_same_whatever_the_order_of_keys(self):
        first = self.sent("load", {"op": "load", "solution": "expert", "entry": "search"})
        second = self.sent("load", {"entry": "search", "op": "load", "solution": "expert"})
        self.assertEqual(first, second)
        self.assertEqual(list(first[0]), ["op", "solution", "entry", "tests"])

    def test_runs_read_the_same_length_whatever_the_limits(self):
        small = self.sent("spawn", {"op": "run", "solution": "s", "cpu_ms": 9, "wall_ms": 1,
                                    "memory_bytes": 1 << 20, "same_input": False})
        large = self.sent("spawn", {"memory_bytes": 1 << 33, "wall_ms": 123456, "op": "run",
                                    "solution": "s", "cpu_ms": 10_000_000})
        self.assertEqual(list(small[0]), list(large[0]))
        self.assertEqual([len(str(v)) for v in small[0].values()],
                         [len(str(v)) for v in large[0].values()])
        self.assertEqual((int(small[0]["cpu_ms"]), int(large[0]["memory_bytes"])), (9, 1 << 33))
        self.assertNotIn("wall_ms", small[0])  # the manager enforces it; the child never sees it


@unittest.skipUnless(os.access(VALGRIND, os.X_OK), "valgrind is not installed")
class InstructionMeterTests(unittest.TestCase):
    SOURCE = ("def search(numbers):\n    from collections import Counter\n    best = -1\n"
              "    for x, k in Counter(numbers).items():\n        if k >= x:\n"
              "            best = max(best, x)\n    return best\n")

    def counts(self, noise=(), load=("op", "solution", "entry")):
        """Counts of calls, with `noise` frames sent to the runner before each: requests
        that change the runner's history (what it read, what it replied) but not what it
        measures; `load` is the order of the load request's keys."""
        runner = Runner(meter=True)
        try:
            names = {"op": "load", "solution": "expert", "entry": "search"}
            reply, _ = runner.request({key: names[key] for key in load}, self.SOURCE.encode())
            self.assertEqual(reply["ok"], True)
            counts = []
            for numbers in ([4, 4, 5, 4, 5], list(range(1, 300)), [4, 4, 5, 4, 5]):
                for size in noise:
                    reply, _ = runner.request({"op": "noise", "padding": "x" * size}, b"y" * size)
                    self.assertEqual(reply["ok"], False)
                counts.append(runner.count(numbers, solution="expert"))
            return counts
        finally:
            runner.close()

    def test_a_count_does_not_depend_on_the_runners_history(self):
        quiet = self.counts()
        self.assertEqual(quiet[0], quiet[2])
        # Before the forker, this noise moved every count by hundreds of instructions.
        self.assertEqual(self.counts(noise=[37, 5000, 200_000, 12]), quiet)
        self.assertEqual(self.counts(load=("entry", "solution", "op")), quiet)

    def test_a_sample_cannot_forge_its_count(self):
        # Each leaves a count of its own where valgrind writes, or keeps valgrind from writing,
        # or both: a read-only fake, a directory valgrind cannot write in, dying after its
        # result. Each call must fail rather than count 1 or fall back to seconds.
        forgeries = {
            "fake": "import os\ndef f(n):\n    p = f'callgrind.{os.getpid()}'\n"
                    "    open(p, 'w').write('summary: 1\\ntotals: 1\\n')\n"
                    "    os.chmod(p, 0o444)\n    return sum(range(n))\n",
            "no-dump": "import os\ndef f(n):\n    open(f'callgrind.{os.getpid()}', 'w')"
                       ".write('summary: 1\\n')\n    os.chmod('.', 0o555)\n"
                       "    return sum(range(n))\n",
            "suicide": "import os, threading, time\ndef f(n):\n"
                       "    open(f'callgrind.{os.getpid()}', 'w').write('summary: 1\\n')\n"
                       "    threading.Thread(target=lambda: (time.sleep(0.5), "
                       "os.kill(os.getpid(), 9)), daemon=True).start()\n"
                       "    return sum(range(n))\n",
        }
        for name, source in forgeries.items():
            with self.subTest(name):
                runner = Runner(meter=True)
                try:
                    self.assertEqual(runner.load(source)["ok"], True)
                    reply, _ = runner.run(100)
                    os.chmod(runner.scratch.name, 0o700)
                    self.assertIsNone(reply.get("instructions"), reply)
                    self.assertEqual(reply["frame"], "E", reply)
                finally:
                    runner.close()

    def test_a_sample_cannot_hide_work_from_the_count(self):
        # callgrind counts inside one C function of the runner's. Each sample here tries to do
        # its work where it would not be counted: a thread (callgrind starts threads with
        # collection off: this one counted 2% of the work), native code (ctypes, cffi, an
        # executable mapping, from which it could switch counting off), a second counted
        # call, the old toggle, and a signal handler after the call that sends the answer
        # through a saved copy of the result pipe. None may return a result with a small count.
        work = "sum(i * i for i in range(n))"
        find_pipe = ("import fcntl, os, stat\ndef pipe():\n    for fd in range(3, 100):\n"
                     "        try:\n            flags = fcntl.fcntl(fd, fcntl.F_GETFL)\n"
                     "        except OSError:\n            continue\n"
                     "        if (flags & os.O_ACCMODE == os.O_WRONLY\n"
                     "                and stat.S_ISFIFO(os.fstat(fd).st_mode)):\n"
                     "            return fd\n")
        hiding = {
            "thread": "import threading\ndef f(n):\n    out = []\n"
                      f"    t = threading.Thread(target=lambda: out.append({work}))\n"
                      "    t.start()\n    t.join()\n    return out[0]\n",
            "ctypes": f"import ctypes\ndef f(n):\n    return {work}\n",
            "cffi": "import sys\nsys.path.append('/usr/lib/python3/dist-packages')\n"
                    f"import _cffi_backend\ndef f(n):\n    return {work}\n",
            "mapping": "import mmap\ndef f(n):\n    mmap.mmap(-1, 4096, prot=7)\n"
                       f"    return {work}\n",
            "second call": f"import sys\ndef f(n):\n    calls = sys.modules['_brisk_calls']\n"
                           f"    return calls.count(lambda: {work}, (), 1, 0)\n",
            "toggle": "import sys\ndef f(n):\n    sys.modules['__main__'].METER.toggle()\n"
                      f"    return {work}\n",
            "late answer": find_pipe + "import signal\nimport brisk_values\ndef f(n):\n"
                           "    result = pipe()\n    saved = os.dup(result)\n"
                           "    os.dup2(os.open('/dev/null', os.O_WRONLY), result)\n"
                           "    def late(*_):\n"
                           f"        body = brisk_values.encode({work})\n"
                           "        os.write(saved, b'O' + len(body).to_bytes(8, 'big') + body)\n"
                           "    signal.signal(signal.SIGALRM, late)\n"
                           "    signal.setitimer(signal.ITIMER_REAL, 0.05)\n    return 0\n",
        }
        runner = Runner(meter=True)
        try:
            runner.load(f"def f(n):\n    return {work}\n")
            honest = runner.count(100_000)
            answer = runner.call(100_000)
        finally:
            runner.close()
        for name, source in hiding.items():
            with self.subTest(name):
                runner = Runner(meter=True)
                try:
                    self.assertEqual(runner.load(source)["ok"], True)
                    reply, body = runner.run(100_000, wall_ms=5000)
                    if reply["frame"] == "O" and values.decode(body) == answer:
                        self.assertGreater(reply["instructions"], honest * 0.9, reply)
                finally:
                    runner.close()

    def test_a_sealed_child_makes_no_code_from_bytes(self):
        # A code object built from bytes reads and writes any address (a LOAD_CONST past its
        # constants); one such sample cleared callgrind's collect flag while it worked. The
        # sealed child refuses to make one; imports still work, from the modules' sources
        # (colorsys imports nothing: compiling pprint and what it imports under valgrind took
        # more than the call's 5 s of CPU on one CI machine).
        runner = Runner(meter=True)
        try:
            runner.load("import marshal\ndef f(n):\n    if n == 0:\n"
                        "        return (lambda: 0).__code__.replace(co_consts=(1,))\n"
                        "    if n == 1:\n        return marshal.loads(marshal.dumps(n))\n"
                        "    import colorsys\n    return colorsys.rgb_to_hsv(0, n, 0)\n")
            crafted, _ = runner.run(0)
            self.assertEqual(crafted["frame"], "E", crafted)
            self.assertIn("code objects cannot be made from bytes", crafted["message"])
            loaded, _ = runner.run(1)
            self.assertEqual(loaded["frame"], "E", loaded)
            self.assertIn("ImportError: marshal is not available", loaded["message"])
            self.assertEqual(runner.call(2), (1 / 3, 1.0, 2))
        finally:
            runner.close()

    def test_a_child_whose_runner_code_was_broken_ends_at_once(self):
        # The sample breaks the runner's code its error goes through: the child ends without
        # a result, at once, under either meter (rather than wait out the wall limit).
        source = ("import sys\ndef f(n):\n    sys.modules['__main__'].format_exception = None\n"
                  "    raise ValueError(n)\n")
        for meter in (False, True):
            with self.subTest(meter=meter):
                runner = Runner(meter=meter)
                try:
                    runner.load(source)
                    reply, _ = runner.run(1, wall_ms=20_000)
                    self.assertEqual((reply["frame"], reply["killed"]), (None, None), reply)
                    self.assertEqual(runner.load("def f(n):\n    return n\n")["ok"], True)
                    self.assertEqual(runner.call(4), 4)
                finally:
                    runner.close()

    def test_limits_errors_and_exits_under_the_meter(self):
        runner = Runner(meter=True)
        try:
            runner.load("import os\ndef f(n):\n    if n == 0:\n        while True: pass\n"
                        "    if n == 1:\n        raise ValueError('one')\n"
                        "    if n == 2:\n        os._exit(3)\n    return n * 2\n")
            looped, _ = runner.run(0, cpu_ms=300)
            self.assertEqual(looped["killed"], "cpu")
            self.assertEqual(looped["signal"], 9)
            failed, _ = runner.run(1)
            self.assertEqual(failed["frame"], "E")
            self.assertIn("ValueError: one", failed["message"])
            exited, _ = runner.run(2)
            self.assertEqual((exited["frame"], exited["exit_code"]), (None, 3))
            # Nothing a killed or vanished child left in the shared pipes reaches the next.
            self.assertEqual([runner.call(5), runner.call(6)], [10, 12])
        finally:
            runner.close()


if __name__ == "__main__":
    unittest.main()
