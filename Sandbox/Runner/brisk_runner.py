"""Brisk's trusted runner: a fork server that measures calls of one solution from outside.

It runs inside the sandbox under the `runner` policy, talks to the harness in frames on fds
0 and 1 (brisk_protocol), and never executes solution code itself: it only compiles it.
Each `run` forks a child from this already started interpreter. The child decodes the input
(fresh objects every time), says "ready", and waits; the runner reads the child's CPU clock,
says "go", and the child executes the solution's module code, calls the entry point and
writes the encoded result. The runner reads the child's CPU clock again once it has exited,
before reaping it, so the time charged is kernel-accounted and covers exactly the solution's
module code, the call and the encoding of its result. Nothing carries over between runs:
every child starts from this pristine process and the scratch directory is emptied after it.

Under the CPU meter the steady state runs in C (_brisk_calls, built from brisk_calls.c by
brisk_build.py beside the runner's bytecode): a run of a held input is read, forked, measured,
reaped and answered there, with no Python between requests, because every page the runner's
Python writes after a fork faults once (about 150 faults a call). Python decodes new inputs,
loads solutions, runs the child, and reports every call that did not end cleanly (`report`).

Requests:
  {"op": "load", "solution": NAME, "entry": FUNCTION, "tests": TEST_SOURCE?}
                                                        payload: source code
  {"op": "run", "solution": NAME, "cpu_ms": N, "wall_ms": N, "memory_bytes": N,
   "check_mutation": BOOL, "same_input": BOOL}          payload: encoded list of arguments
                                                        (none with same_input: the last ones)
Every run reply says whether the runner holds its arguments decoded ("input_held"), so that
the harness knows when it may send same_input.
  {"op": "quit"}

With `--meter instructions` the runner runs under valgrind's callgrind, which counts only
inside one C function (_brisk_calls.count): each child, sealed against native code and
threads, runs its call through it once after "go", and the runner reads the count from
callgrind's file when the child has exited. The runner is then two processes (Forker):
the main one only compiles, decodes and forks, and a manager forked from it at the start
does the rest, so every child starts from a heap that no timing has touched: a call counts
the same instructions in every rerun, and (after a rehearsed call per load) at every position.
"""
import builtins
import gc
import opcode
import os
import resource
import select
import _signal as signal  # `signal` itself imports `enum`: 3 ms of every runner's start
import stat
import struct
import sys
import time

import brisk_protocol as protocol
import brisk_values as values

# Modules a solution may import that the runner loads for it when the solution is loaded,
# before any child runs, so that its `import` is a dictionary lookup in every child rather
# than a file-system walk charged to every call. Only the modules a loaded solution names are
# loaded: each one makes the runner larger and every fork slower (13 common modules loaded
# up front cost every call about 0.1 ms). Standard-library modules without import-time
# effects (none of them starts threads or prints). `doctest` and `unittest` are there because
# model-written solutions import them without using them (257 and 68 of 19,641 solutions in
# EvalPerf's and LDB's published outputs): charged, `import doctest` cost every call about
# 14 ms, 80 times a has_close_elements call's own time. A module not listed is imported in
# the child, compiled from its source (the sealed child reads no bytecode): `import queue` in
# a function cost every call about 40 ms, `import pprint` 120-170 ms.
PRELOADABLE = frozenset((
    "abc", "array", "base64", "binascii", "bisect", "calendar", "cmath", "collections",
    "collections.abc", "contextlib", "copy", "dataclasses", "datetime", "decimal", "difflib",
    "doctest", "enum", "fnmatch", "fractions", "functools", "graphlib", "hashlib", "heapq",
    "io", "itertools", "json", "keyword", "math", "numbers", "operator", "pprint", "queue",
    "random", "re", "secrets", "statistics", "string", "struct", "textwrap", "time", "types",
    "typing", "unicodedata", "unittest", "zlib",
))
# `_strptime` is imported by datetime's and time's C code on the first strptime(), so no
# import statement names it: `datetime.strptime` cost every call about 65 ms without it.
LOADED_BY_NAME = {"strptime": "_strptime"}
_IMPORT_NAME = opcode.opmap["IMPORT_NAME"]


def nested_codes(code):
    """code and every code object nested in it (functions, classes, comprehensions)."""
    found, pending = [], [code]
    while pending:
        code = pending.pop()
        found.append(code)
        pending.extend(c for c in code.co_consts if hasattr(c, "co_code"))
    return found


def own_imports(code):
    """The module names of the import statements of code itself (not of code nested in it)."""
    names, raw, extended = set(), code.co_code, 0
    for offset in range(0, len(raw), 2):
        op, argument = raw[offset], raw[offset + 1] | extended
        extended = argument << 8 if op == opcode.EXTENDED_ARG else 0
        if op == _IMPORT_NAME:
            names.add(code.co_names[argument])
    return names


def imported_modules(code):
    """The module names of every import statement in code and the code nested in it, and
    the modules the standard library imports on the first use of a name code uses."""
    codes = nested_codes(code)
    named = set().union(*(c.co_names for c in codes))
    implied = {LOADED_BY_NAME[name] for name in named if name in LOADED_BY_NAME}
    return set().union(implied, *map(own_imports, codes))


def preload(code):
    """Imports the preloadable modules code names. `random` would register a hook that
    reseeds it from the OS in every forked child (about 0.1 ms a call); it is kept from
    registering it and seeded once instead, so every child starts from the same state: a
    randomized solution does the same work in every repetition and every rerun."""
    wanted = [name for name in imported_modules(code)
              if name in PRELOADABLE or name in LOADED_BY_NAME.values()]
    if all(name in sys.modules for name in wanted):
        return
    had_random = "random" in sys.modules
    register = os.register_at_fork
    os.register_at_fork = lambda **hooks: None
    try:
        for name in wanted:
            try:
                __import__(name)
            except ImportError:
                pass  # the solution's own import then fails, as its error
    finally:
        os.register_at_fork = register
    if not had_random and "random" in sys.modules:
        sys.modules["random"].seed(0)


def preload_error_path():
    """Loads what formatting an error needs (traceback, linecache, ast, the tokenizer) into the
    runner, once, with the first solution: a sealed child reads no bytecode, and compiling
    them from source took every call that raised 60-100 ms of CPU, past a stress test's
    limit, so an error read as a time limit (and, on a problem where a limit ends the levels,
    passed). Loaded, they cost every fork about 0.05 ms; runners that are started and never
    given a solution (a runner's own tests) do not pay the 4 ms of their import."""
    import ast  # noqa: F401  (the carets under an error's expression)
    import linecache  # noqa: F401
    import traceback  # noqa: F401


EVENTS_FD = 3           # the supervisor's reports about this runner's children
OUTPUT_CAP = 64 << 20   # encoded result bytes
START_TIMEOUT_S = 120   # decoding a large input before the child is ready
# The sandbox's private scratch directory, emptied after every child. Named by the harness
# (--scratch=DIR); a runner started by hand gets a fresh directory of its own instead, so that
# it never empties a directory that holds anything else.
SCRATCH = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--scratch=")), None)
OWN_SCRATCH = SCRATCH is None
if OWN_SCRATCH:
    import atexit
    import tempfile
    SCRATCH = tempfile.mkdtemp(prefix="brisk-runner-")
    atexit.register(os.rmdir, SCRATCH)  # imported, not run: main() removes it before _exit

# Captured before any solution code can run in a child and replace them.
_exit, _write, _read, _close = os._exit, os.write, os.read, os.close
_MODULE = type(sys)
_encode = values.encode


def import_calls():
    """The runner's C part (brisk_calls.c), under either meter."""
    # Beside the runner's sources, as Brisk installs them (the CPU meter's runner is started
    # from there already); the tests put it on PYTHONPATH.
    compiled = os.path.join(os.path.dirname(os.path.abspath(__file__)), "compiled")
    if compiled not in sys.path:
        sys.path.append(compiled)
    try:
        import _brisk_calls
    except ImportError as error:
        raise SystemExit(f"the runner's C part is missing ({error}): Brisk builds it with "
                         "brisk_build.py when it installs the runner (gcc and python3.11-dev)")
    return _brisk_calls


CALLS = None  # the runner's C part: main() imports it


class InstructionMeter:
    """Counting under valgrind's callgrind, which counts only inside _brisk_calls.count (run
    with --toggle-collect on it): a child seals itself, then runs its call through count()
    once, and nothing the sample can reach switches counting (brisk_calls.c says how)."""

    def __init__(self):
        _brisk_calls = import_calls()
        self.count, self.non_dumpable = _brisk_calls.count, _brisk_calls.non_dumpable

    @staticmethod
    def read_count(pid):
        """The instructions callgrind collected in a child, from the file it wrote at exit;
        None unless valgrind is known to have written it. The sample shares the directory and
        the uid, so it could leave a file of its own there and keep valgrind from writing
        (a read-only mode, a link): the file must be a regular file, 0600 as valgrind creates
        it, with one link, and the caller only asks after a clean exit (a sample that killed
        itself never let valgrind write)."""
        path = f"{SCRATCH}/callgrind.{pid}"
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if (not stat.S_ISREG(info.st_mode) or stat.S_IMODE(info.st_mode) != 0o600
                    or info.st_nlink != 1):
                return None
            with os.fdopen(os.dup(fd)) as f:
                for line in f:
                    if line.startswith(("summary:", "totals:")):
                        return int(line.split()[1])
        except (OSError, ValueError, IndexError):
            return None
        finally:
            os.close(fd)
            try:
                os.unlink(path)
            except OSError:
                pass
        return None


METER = InstructionMeter() if "--meter=instructions" in sys.argv else None
if METER is not None:
    # The modules the runner imported before it did without them (json, base64, signal, and
    # with them re, enum, functools, collections): every child inherits the heap they make,
    # and the meter's identical counts were established on it. On the leaner heap, a call
    # counted 80 instructions more after the runner had decoded a larger input
    # (test_a_count_does_not_depend_on_the_runners_history). At the meter's pace the 7 ms they
    # add to a runner's start do not matter.
    import base64  # noqa: F401
    import json  # noqa: F401
    import signal as _signal_with_enums  # noqa: F401


class ChildWatch:
    """Becomes readable when a child exits, without reaping it (so its CPU clock stays
    readable): a SIGCHLD wakeup, as valgrind lacks pidfd_open (the C loop waits on pidfds)."""

    wakeup = None

    @classmethod
    def install_fallback(cls):
        read, write = os.pipe()
        os.set_blocking(read, False)
        os.set_blocking(write, False)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.set_wakeup_fd(write)
        cls.wakeup = read

    def __init__(self, pid):
        self.pid = pid
        if ChildWatch.wakeup is None:
            ChildWatch.install_fallback()
        self.fd = ChildWatch.wakeup

    def exited(self):
        """Call when `fd` is readable."""
        try:
            while os.read(self.fd, 512):
                pass
        except BlockingIOError:
            pass
        return os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None

    def wait(self):
        while not self.exited():
            select.select([self.fd], [], [], 0.05)


def cpu_clock(pid):
    """The clock id of a process's CPU time (Linux's CPUCLOCK_SCHED for a whole process)."""
    return ((~pid) << 3) | 2


SOLUTION_FILE, TESTS_FILE = "<solution>", "<tests>"


class Solution:
    def __init__(self, code, entry, tests=None, sources=None):
        self.code = code
        self.entry = entry
        # HumanEval-style assertions: code defining check(candidate), run in the solution's
        # namespace after it, as the official evaluator does.
        self.tests = tests
        # Source text by file name, for the lines a traceback quotes.
        self.sources = sources or {}
        self.touched = FirstTouches([code] if tests is None else [code, tests])


class FirstTouches:
    """What a call of a solution will touch, found from its compiled code alone (none of it
    runs): its code objects and constants, the builtins and module attributes it names, the
    modules it imports. A child touches them before its clock starts, so that the
    copy-on-write faults of their first touch are not charged to the call: a call of
    math.gcd was charged 43-45 us before, 25-27 us after, with 6 faults in its window, not 15.
    Only modules the runner already holds are imported again (a dictionary lookup), and only
    attributes in a plain module's own dictionary are read, so no code runs but the
    interpreter's; expert and sample get the same treatment."""

    def __init__(self, codes):
        objects, names, modules = [], set(), {}
        for code in codes:
            for nested in nested_codes(code):
                objects.append(nested)
                objects.append(nested.co_qualname)  # taken by the function made from it
                objects.extend(nested.co_names)  # keys of the namespaces it stores into
                objects.extend(c for c in nested.co_consts if not hasattr(c, "co_code"))
                names.update(nested.co_names)
                for name in own_imports(nested):
                    if name in sys.modules:
                        modules[name] = sys.modules[name]
        names = sorted(names)
        everywhere = vars(builtins)
        objects.extend(everywhere[name] for name in names if name in everywhere)
        self.objects = tuple(objects)
        self.imports = tuple(sorted(modules))
        self.attributes = tuple(
            (module, name) for module in modules.values() if type(module) is _MODULE
            for name in names if not name.startswith("__") and name in vars(module))

    def touch(self):
        for _ in self.objects:
            pass  # each object's reference count is written
        for name in self.imports:
            __import__(name)
        for module, name in self.attributes:
            getattr(module, name)


def format_exception(error, sources=None):
    """The error's traceback from the solution's first frame on (the runner's own frames say
    nothing to its author), quoting the solution's lines from `sources`; its last 4,000
    characters. An error raised by the runner itself reads as its message alone. If even the
    imports this needs fail (out of memory), the type and message still say what happened."""
    try:
        import linecache
        for name, text in (sources or {}).items():
            linecache.cache[name] = (len(text), None, text.splitlines(True), name)
        text = protocol.traceback_from(error, (SOLUTION_FILE, TESTS_FILE))
    except BaseException:
        text = f"{type(error).__name__}: {error}"
    return text[-4000:]


class InputCache:
    """The last input, decoded once here: every child inherits the objects, each its own
    copy-on-write copy, so a call that mutates its input changes nothing for the next one."""

    payload = None
    args = None

    @classmethod
    def decode(cls, payload, same=False):
        if same:
            if cls.payload is None:
                raise ValueError("no input is held for same_input")
            return cls.args
        if payload != cls.payload:
            cls.payload, cls.args = None, None
            args = values.decode(payload)
            if type(args) is not list:
                raise ValueError("the input must encode a list of arguments")
            cls.payload, cls.args = payload, args
            gc.freeze()  # the children's collector then leaves these objects untouched
        return cls.args


def touch(args):
    """Writes the refcount of every argument and of their elements, at C speed, so that the
    child copies the pages holding them before the charge starts rather than during the call."""
    for arg in args:
        kind = type(arg)
        if kind is list or kind is tuple or kind is set or kind is frozenset:
            list(arg)
        elif kind is dict:
            list(arg.items())


def child(solution, args, payload, limits, ready_w, go_r, result_w, check_mutation):
    """Runs in the forked child. Never returns."""
    try:
        if ChildWatch.wakeup is not None:
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        null = os.open("/dev/null", os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        keep = sorted((ready_w, go_r, result_w))
        low = 3
        for fd in keep:
            os.closerange(low, fd)
            low = fd + 1
        os.closerange(low, 1 << 16)
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        cpu_ms = limits.get("cpu_ms") or 0
        if cpu_ms:
            # Backstop only: the runner stops the child at the exact limit.
            used = time.process_time()
            seconds = int(used + cpu_ms / 1000) + 2
            resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    except BaseException:
        _exit(0)  # no "ready": the runner reports that the input could not be prepared
    run_child(solution, args, payload, ready_w, go_r, result_w, check_mutation)


def run_child(solution, args, payload, ready_w, go_r, result_w, check_mutation):
    """The child from its input's first touch on (its descriptors and limits are set: by
    child() under the instruction meter, in C otherwise). Never returns."""
    try:
        touch(args)
    except BaseException:
        _exit(0)
    warm_up(solution, args)
    # Sealed under both meters: no native code of the sample's own (ctypes, cffi), no code
    # object from bytes, no thread or process. With them, a sample read the previous call's
    # result from the runner's memory every child inherits (eff 1.39 against its honest
    # twin's 1.02), and threads' process ids carried a count from one call to the next.
    try:
        CALLS.seal()
    except OSError:
        _exit(0)  # no "ready": the call fails rather than run unsealed
    # The sealed child refuses marshal (code from bytes), so modules it imports are
    # compiled from their sources: no bytecode files are looked for.
    sys.pycache_prefix = "/nonexistent"
    if METER is not None:
        # The collector's counters come from the runner's history, which depends on timing:
        # a call could run a full collection in one run and not in the next (180,496
        # instructions apart on HumanEval/151). Emptying the generations here, uncharged,
        # makes every call start its collections from zero. Not with the CPU meter: stability
        # reruns moved a problem by 0.12-0.13 at most with it and 0.11-0.14 without, so it
        # bought nothing there for the time it adds to every call's setup. Everything the
        # runner left is frozen first: the collection then finds nothing, so its count of
        # long-lived objects, which decides when the call's full collections run, is zero in
        # every child rather than the runner's (179,521 instructions apart on HumanEval/151
        # without it). The type attribute cache also holds the runner's history: cleared,
        # every lookup in the call starts from the same (empty) cache.
        gc.freeze()
        gc.collect()
        sys._clear_type_cache()
    _write(ready_w, b"r")
    _close(ready_w)
    if _read(go_r, 1) != b"g":
        _exit(0)
    # From here on the solution's code runs, and every CPU cycle is charged to it.
    if METER is not None:
        METER.count(call_solution, (solution, args, payload, check_mutation), result_w, go_r)
    # The charge ends once the whole result is written: the runner reads the CPU clock while
    # this process waits, then lets it exit, so process teardown is not charged. Work after
    # this point cannot change a result already sent.
    try:
        view = memoryview(call_solution(solution, args, payload, check_mutation))
        while view:
            view = view[_write(result_w, view):]
        _read(go_r, 1)
    finally:
        _exit(0)


def call_solution(solution, args, payload, check_mutation):
    """Runs the solution's module code, calls its entry point and encodes the result: the
    frame to send (kind, length, body)."""
    kind, body = b"E", b""
    try:
        namespace = {"__name__": "solution", "__builtins__": builtins}
        exec(solution.code, namespace)
        function = namespace.get(solution.entry)
        if not callable(function):
            raise NameError(f"the solution defines no function named {solution.entry!r}")
        if solution.tests is not None:
            exec(solution.tests, namespace)
            result = namespace["check"](function)
        else:
            result = function(*args)
        body = _encode(result)
        kind = b"O"
        if check_mutation:
            kind = b"m" if _encode(args) != payload else b"="
    except MemoryError as error:
        kind, body = b"M", format_exception(error, solution.sources).encode("utf-8", "replace")
    except OverflowError as error:  # some problems count it as a limit (ENAMEL's rule)
        kind, body = b"V", format_exception(error, solution.sources).encode("utf-8", "replace")
    except BaseException as error:
        kind, body = b"E", format_exception(error, solution.sources).encode("utf-8", "replace")
    return kind + len(body).to_bytes(8, "big") + body


_WARM_UP = compile("def warm(x):\n    return [x, len(str(x)), {1: x}]\n", "<warm-up>", "exec")


def warm_up(solution, args):
    """Touches, before the charge starts, the interpreter state every call touches (so that
    its copy-on-write page faults are not charged): a small call's, what this solution
    names, and the path its result is written by, call_solution included (its function and
    code objects are written on their first use in a child: 3 us more on a tiny call)."""
    namespace = {"__builtins__": builtins}
    exec(_WARM_UP, namespace)
    _encode(namespace["warm"](len(args)))
    solution.touched.touch()
    memoryview(b"O" + bytes(8))
    for _ in (call_solution, call_solution.__code__):
        pass


def read_events():
    """What the supervisor wrote about children (violations, refused memory requests)."""
    try:
        return os.read(EVENTS_FD, 1 << 16)
    except OSError:
        return b""


def parse_events(data):
    """The supervisor's lines, by child."""
    events = {}
    for line in data.decode("utf-8", "replace").splitlines():
        parts = line.split()
        if len(parts) == 3:
            events.setdefault(int(parts[1]), []).append((parts[0], parts[2]))
    return events


def empty_scratch(directory=SCRATCH):
    """Removes what a child left in the scratch directory, never following a link; True
    when it is empty. A child may have taken its directories' permissions away (the scratch
    directory's own too) or nested them deeper than a recursion has descriptors for: each
    directory gets its permissions back, and the tree is walked one directory at a time."""
    pending = [directory]
    while pending:
        path = pending[-1]
        try:
            os.chmod(path, 0o700)
            with os.scandir(path) as listing:
                entries = [(entry.path, entry.is_dir(follow_symlinks=False)) for entry in listing]
        except OSError:
            return False
        below = [entry for entry, is_dir in entries if is_dir]
        for entry, is_dir in entries:
            if not is_dir:
                try:
                    os.unlink(entry)
                except OSError:
                    return False
        if below:
            pending.extend(below)  # emptied first; this one is listed again after them
            continue
        pending.pop()
        if path != directory:
            try:
                os.rmdir(path)
            except OSError:
                return False
    try:
        os.utime(directory, ns=(0, 0))  # times a child set are not left for the next
    except OSError:
        return False
    return True


def decode_failure(error):
    return {"started": False, "frame": None, "killed": None, "cpu_ns": 0, "wall_ns": 0,
            "exit_code": None, "signal": None, "max_rss_kb": 0, "input_held": False,
            "message": f"the input could not be decoded: {error}"}


class Outcome:
    """What the runner saw of one call, before it is reported: from the C loop (its
    "measured" tuple, in this order) or from measure() under the instruction meter."""

    __slots__ = ("pid", "started", "killed", "cpu_ns", "wall_ns", "setup_ns", "total_ns",
                 "status", "max_rss_kb", "message", "output", "events", "scratch_written")

    def __init__(self, *fields):
        for name, value in zip(self.__slots__, fields, strict=True):
            setattr(self, name, value)


def measure(header, payload):
    """One call through the instruction meter's forker."""
    forked = time.monotonic_ns()  # the forker decodes the input: setup includes it
    handle, failure = FORKER.spawn(header, payload)
    if handle is None:
        return decode_failure(failure), b""
    limits = {key: header.get(key) for key in ("cpu_ms", "wall_ms", "memory_bytes")}
    pid = handle.pid
    reply = {"started": False, "message": None, "killed": None, "cpu_ns": 0, "wall_ns": 0}
    output, setup_ns = bytearray(), None
    try:
        readable, _, _ = select.select(handle.ready_fds, [], [], START_TIMEOUT_S)
        ready = handle.ready_r in readable and os.read(handle.ready_r, 1) == b"r"
        if ready:
            start_cpu = time.clock_gettime_ns(cpu_clock(pid))
            start_wall = time.monotonic_ns()
            setup_ns = start_wall - forked
            os.write(handle.go_w, b"g")
            reply["started"] = True
            collect(handle, limits, start_cpu, start_wall, output, reply)
        else:
            handle.kill()
            handle.wait()
            reply["message"] = "the child ended before its input was ready"
    finally:
        status, max_rss_kb = handle.reap()
        handle.close()
    return report(Outcome(pid, reply["started"], reply["killed"], reply["cpu_ns"],
                          reply["wall_ns"], setup_ns, time.monotonic_ns() - forked, status,
                          max_rss_kb, reply["message"], bytes(output), read_events(), True))


def report(outcome):
    """The reply and result body for a call; the C loop answers clean calls itself, with the
    same fields."""
    status = outcome.status
    reply = {"started": bool(outcome.started), "frame": None, "message": outcome.message,
             "killed": outcome.killed, "cpu_ns": outcome.cpu_ns, "wall_ns": outcome.wall_ns,
             "input_held": True,
             "exit_code": os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else None,
             "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
             "max_rss_kb": outcome.max_rss_kb, "total_ns": outcome.total_ns}
    if outcome.setup_ns is not None:
        reply["setup_ns"] = outcome.setup_ns
    pid, output = outcome.pid, outcome.output
    if METER is not None and reply["started"]:
        clean = reply["exit_code"] == 0 and reply["signal"] is None
        reply["instructions"] = InstructionMeter.read_count(pid) if clean else None
    for kind, detail in parse_events(outcome.events).get(pid, []):
        if kind == "violation":
            reply["violation"] = detail
        elif kind == "memory":
            reply["memory_refused"] = int(detail)
    if outcome.scratch_written and METER is None:
        # The scratch directory keeps what the call did to it: its entries, their times and
        # its own, the next inode number (a sample memoized its answers in the directory's
        # times and scored eff 1.41). The harness starts this runner afresh, with a fresh
        # scratch directory, before the next call.
        reply["scratch_written"] = True
    elif outcome.scratch_written and not empty_scratch():
        # Under the instruction meter (valgrind writes each child's count there) the scratch
        # directory is emptied after every call instead: one call per test, so nothing a
        # call leaves (files, times, inode numbers) is of use to the next.
        reply["violation"] = "left files in /tmp that could not be removed"
    # Only the first complete frame counts: it is what stopped the clock. Anything written
    # after it is ignored.
    body, kind = b"", bytes(output[:1])
    end = 9 + int.from_bytes(output[1:9], "big") if len(output) >= 9 else 0
    if len(output) < end or len(output) < 9:
        kind = b"?" if output else b""
    if kind in (b"O", b"m", b"="):
        reply["frame"] = "O"
        reply["mutated"] = {b"m": True, b"=": False}.get(kind)
        body = bytes(output[9:end])
    elif kind in (b"E", b"M", b"V"):
        reply["frame"] = kind.decode()
        # The child's own bytes: cut as the runner cuts the tracebacks it formats, before they
        # grow sixfold as JSON escapes.
        reply["message"] = bytes(output[max(9, end - 4000):end]).decode("utf-8", "replace")
    elif output:
        reply["frame"] = "?"
    if (METER is not None and reply["started"] and reply["instructions"] is None
            and reply["killed"] is None and reply["frame"] == "O"):
        # No count is never a cost (Brisk would fall back to seconds): a result without one
        # is an error, so a sample that kept valgrind from counting fails.
        reply["frame"], body = "E", b""
        reply["message"] = "no instruction count: valgrind did not write one for this call"
    return reply, body


def collect(handle, limits, start_cpu, start_wall, output, reply):
    """Reads the child's result, enforcing the CPU, wall and output limits. The charge ends
    when the whole result has arrived (the child then waits to be released) or, if it never
    arrives, when the child exits."""
    cpu_ns = (limits.get("cpu_ms") or 0) * 1_000_000
    wall_ns = (limits.get("wall_ms") or 0) * 1_000_000
    pid, result_r = handle.pid, handle.result_r
    poller = select.poll()
    poller.register(result_r, select.POLLIN)
    poller.register(handle.fd, select.POLLIN)
    open_result, finished = True, False
    while True:
        timeout = None
        if finished:
            # Measured already: the child only has to exit. One that lingers (a hostile one
            # that sent its result early and kept running) is killed after a grace second.
            timeout = 1000
        elif reply["killed"] is None:
            if cpu_ns:
                left = cpu_ns - (time.clock_gettime_ns(cpu_clock(pid)) - start_cpu)
                if left <= 0:
                    handle.kill()
                    reply["killed"] = "cpu"
                else:
                    timeout = max(left // 1_000_000, 1)  # pinned to one CPU
            if wall_ns and reply["killed"] is None:
                left = wall_ns - (time.monotonic_ns() - start_wall)
                if left <= 0:
                    handle.kill()
                    reply["killed"] = "wall"
                else:
                    wall_timeout = max(left // 1_000_000, 1)
                    timeout = wall_timeout if timeout is None else min(timeout, wall_timeout)
        exited = False
        events = poller.poll(timeout)
        if finished and not events:
            handle.kill()
        for fd, _ in events:
            if fd == handle.fd:
                exited = handle.exited()
            elif open_result:
                chunk = os.read(result_r, 1 << 20)
                if not chunk:
                    poller.unregister(result_r)
                    open_result = False
                elif len(output) + len(chunk) > OUTPUT_CAP + 9:
                    if reply["killed"] is None:
                        handle.kill()
                        reply["killed"] = "output"
                else:
                    output += chunk
                    if (not finished and len(output) >= 9
                            and len(output) >= 9 + int.from_bytes(output[1:9], "big")):
                        finished = True
                        reply["cpu_ns"] = time.clock_gettime_ns(cpu_clock(pid)) - start_cpu
                        reply["wall_ns"] = time.monotonic_ns() - start_wall
                        try:
                            os.write(handle.go_w, b"x")
                        except OSError:
                            pass  # the child closed its end: it is on its way out
        if exited:
            break
    if not finished:
        # The child is a zombie: its CPU clock is final and readable until it is reaped.
        reply["cpu_ns"] = time.clock_gettime_ns(cpu_clock(pid)) - start_cpu
        reply["wall_ns"] = time.monotonic_ns() - start_wall
        if len(output) >= 9 and len(output) < 9 + int.from_bytes(output[1:9], "big"):
            output.clear()  # a truncated result is no result


def compile_source(source, path):
    """Compiles as Python does by default: brisk_values lifts the limit on an integer's
    digits for decoding, and without it a literal of 20 million digits compiled for hours
    instead of failing as a SyntaxError."""
    lifted = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(sys.int_info.default_max_str_digits)
    try:
        return compile(source, path, "exec", dont_inherit=True)
    finally:
        sys.set_int_max_str_digits(lifted)


def load(solutions, header, payload):
    """Compiles a solution (never running it here) and loads the modules it imports."""
    try:
        source = payload.decode("utf-8")
        code = compile_source(source, SOLUTION_FILE)
        sources = {SOLUTION_FILE: source}
        tests = header.get("tests")
        if tests is not None:
            sources[TESTS_FILE] = tests
            tests = compile_source(tests, TESTS_FILE)
        preload(code)
        if tests is not None:
            preload(tests)
        preload_error_path()
        solutions[header["solution"]] = Solution(code, header["entry"], tests, sources)
        gc.freeze()
        return {"ok": True}
    except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError, MemoryError) as error:
        return {"ok": False, "message": format_exception(error)}


class Forker:
    """Under the instruction meter, children are forked by a process that does nothing else.

    A child inherits its parent's heap, and the instructions a call executes depend on it
    (where its objects land, which allocator paths it takes, what the collector finds). The
    runner's heap depends on its history: replies whose sizes vary with the times they carry,
    polls that wake a varying number of times. So the main program, the one process the
    sandbox lets fork and signal, becomes the forker: it only compiles solutions, decodes
    inputs and forks, the same steps for every call, while a process forked from it at the
    start (the manager) talks to the harness, watches the children and reads their clocks
    and counts. Children then start from the same heap at every position in every rerun.

    The forker and the manager talk over two pipes: the harness's load and run frames go to
    the forker unchanged (and "kill" and "reap" frames), the forker answers a load with a
    frame, a run with b"p" and the child's pid (b"e" and a frame if the input is unusable),
    the child's exit with b"x", and a reap with its status and peak memory. The children's
    ready, go and result pipes are made once and shared by every child; the manager empties
    them after each reap (no child is alive then, and children cannot fork)."""

    _REAPED = struct.Struct(">iq")

    def __init__(self):
        command_r, self.command_w = os.pipe()
        self.reply_r, reply_w = os.pipe()
        self.ready_r, ready_w = os.pipe()
        self.go_r, self.go_w = os.pipe()
        self.result_r, result_w = os.pipe()
        manager = os.fork()
        if manager == 0:
            for fd in (command_r, reply_w, ready_w, result_w):
                os.close(fd)
            return
        for fd in (self.command_w, self.reply_r, self.ready_r, self.go_w, self.result_r):
            os.close(fd)
        null = os.open("/dev/null", os.O_RDWR)
        for fd in (0, 1):
            os.dup2(null, fd)
        os.close(null)
        try:
            ChildWatch.install_fallback()  # now, not during the first call
            Forker.serve(command_r, reply_w, ready_w, self.go_r, result_w)
        finally:
            for fd in (command_r, reply_w):
                os.close(fd)
            os.waitpid(manager, 0)
        _exit(0)

    @staticmethod
    def serve(command_r, reply_w, ready_w, go_r, result_w):
        solutions = {}
        while True:
            try:
                header, payload = protocol.read_frame(command_r)
            except EOFError:
                return
            op = header.get("op")
            if op == "load":
                protocol.write_frame(reply_w, load(solutions, header, payload))
            elif op == "run":
                try:
                    args = InputCache.decode(payload, bool(header.get("same_input")))
                except (ValueError, RecursionError, MemoryError) as error:
                    _write(reply_w, b"e")
                    protocol.write_frame(reply_w, {"message": str(error)})
                    continue
                limits = {"cpu_ms": int(header["cpu_ms"]),
                          "memory_bytes": int(header["memory_bytes"])}
                pid = os.fork()
                if pid == 0:
                    child(solutions[header["solution"]], args, InputCache.payload, limits,
                          ready_w, go_r, result_w, bool(header.get("check_mutation")))
                _write(reply_w, b"p" + pid.to_bytes(4, "big"))
                if not Forker.watch(pid, command_r, reply_w):
                    return
            elif op == "quit":
                return

    @staticmethod
    def watch(pid, command_r, reply_w):
        """Tells the manager when the child exits, kills it when asked, reaps it when asked.
        False when the manager is gone (the child is then killed and reaped here)."""
        watch, exited = ChildWatch(pid), False
        while True:
            readable, _, _ = select.select([command_r, watch.fd], [], [])
            if not exited and watch.fd in readable and watch.exited():
                exited = True
                _write(reply_w, b"x")
            if command_r in readable:
                try:
                    header, _ = protocol.read_frame(command_r)
                except EOFError:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    return False
                if header.get("op") == "kill":
                    os.kill(pid, signal.SIGKILL)
                elif header.get("op") == "reap":
                    _, status, usage = os.wait4(pid, 0)
                    _write(reply_w, Forker._REAPED.pack(status, usage.ru_maxrss))
                    return True

    # The manager's side.

    def request(self, header, payload=b""):
        protocol.write_frame(self.command_w, header, payload)

    def load(self, header, payload):
        # Rebuilt in a fixed order: the harness's key order varies (Swift's hashing is seeded
        # per process), and the forker's dictionary would vary with it.
        self.request({"op": "load", "solution": header.get("solution"),
                      "entry": header.get("entry"), "tests": header.get("tests")}, payload)
        return protocol.read_frame(self.reply_r)[0]

    def spawn(self, header, payload):
        """A handle on a new child, or None and why the input was refused. The forker gets
        only what the child needs, numbers at a fixed width: the CPU limit moves with the
        host's measured drift, and a header one digit longer would change the forker's heap."""
        self.request({"op": "run", "solution": header.get("solution"),
                      "same_input": bool(header.get("same_input")),
                      "check_mutation": bool(header.get("check_mutation")),
                      "cpu_ms": f"{header.get('cpu_ms') or 0:015d}",
                      "memory_bytes": f"{header.get('memory_bytes') or 0:020d}"}, payload)
        kind = protocol.read_exactly(self.reply_r, 1)
        if kind == b"e":
            return None, protocol.read_frame(self.reply_r)[0].get("message")
        return RemoteChild(self, int.from_bytes(protocol.read_exactly(self.reply_r, 4), "big")), None

    def drain(self):
        """Empties the shared pipes of anything a child wrote or left unread."""
        for fd in (self.ready_r, self.go_r, self.result_r):
            while select.select([fd], [], [], 0)[0]:
                os.read(fd, 1 << 16)


class RemoteChild:
    """A child the forker made, driven through the forker: what measure() needs of a child."""

    def __init__(self, forker, pid):
        self.forker, self.pid = forker, pid
        self.ready_r, self.go_w, self.result_r = forker.ready_r, forker.go_w, forker.result_r
        self.fd = forker.reply_r  # carries b"x" when the child exits
        self.ready_fds = [self.ready_r, self.fd]
        self.gone = False

    def exited(self):
        if not self.gone:
            self.gone = protocol.read_exactly(self.fd, 1) == b"x"
        return self.gone

    def kill(self):
        if not self.gone:
            self.forker.request({"op": "kill"})

    def wait(self):
        self.exited()  # blocks until the forker says the child exited

    def reap(self):
        if not self.gone:  # it never said ready: killed already, or on its way out
            self.kill()
            self.exited()
        self.forker.request({"op": "reap"})
        return Forker._REAPED.unpack(protocol.read_exactly(self.fd, Forker._REAPED.size))

    def close(self):
        self.forker.drain()


FORKER = None


def non_dumpable():
    """Under the instruction meter /proc is mounted (valgrind needs it), and every process in
    the sandbox has the same uid: a sample could open /proc/<pid>/mem of the forker or the
    manager and rewrite what they measure. Non-dumpable, they are closed to it (and so is
    every child, which inherits the flag). Not through ctypes, which every child would then
    hold loaded: a sample could call native code with it."""
    try:
        METER.non_dumpable()
    except OSError as error:
        raise SystemExit(f"cannot make the runner non-dumpable: {error.strerror} (brisk-launch's "
                         "policy must allow prctl(PR_SET_DUMPABLE, 0): rebuild it)")


def check_seal():
    """Every child seals itself (run_child) and one that cannot fails its call: a child
    forked now tries, so that a policy without the rule says so once, at the start."""
    pid = os.fork()
    if pid == 0:
        try:
            CALLS.seal()
        except OSError:
            _exit(1)
        _exit(0)
    if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0:
        raise SystemExit("cannot seal the runner's children (brisk-launch's policy must allow "
                         "prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER): rebuild it)")


def rehearse():
    """Under the instruction meter, one call of a trivial solution after every load, before
    the harness's next call. A load changes the forker's heap, and the first cycle after it
    (reading a run, forking, watching, reaping) leaves objects behind that later cycles reuse:
    without a rehearsal the first call after a load forked from a different heap than its
    repeats, and counted 4-13 instructions more (a new pool for one allocator size class,
    depending on where the runner is installed). The rehearsal makes that first cycle."""
    name = "\0rehearsal"  # never in the manager's list of loaded solutions: no run can name it
    FORKER.load({"solution": name, "entry": "f"}, b"def f(x):\n    return x\n")
    measure({"solution": name, "cpu_ms": 10_000, "wall_ms": 60_000, "memory_bytes": 0},
            values.encode([[1, 2, 3]]))


def load_calls():
    """The C loop (brisk_calls.c), which the CPU meter's runs go through."""
    CALLS.configure(SCRATCH, EVENTS_FD, OUTPUT_CAP, START_TIMEOUT_S * 1000)
    return CALLS


def main():
    global FORKER, CALLS
    CALLS = import_calls()
    os.chdir(SCRATCH)
    calls = None
    check_seal()
    if METER is not None:
        non_dumpable()
        FORKER = Forker()
    else:
        calls = load_calls()
    try:
        os.set_blocking(EVENTS_FD, False)
    except OSError:
        pass
    solutions = {}
    gc.freeze()
    pending = None  # a run whose input Python has just decoded, for the C loop to measure
    while True:
        if calls is None:
            try:
                header, payload = protocol.read_frame(0)
            except EOFError:
                break
        else:
            got = calls.serve(tuple(solutions), InputCache.payload is not None, pending)
            pending = None
            if got[0] == "child":
                run_child(solutions[got[1]], InputCache.args, InputCache.payload, 3, 4, 5, got[2])
            if got[0] == "measured":
                reply, body = report(Outcome(*got[1:]))
                reply["ok"] = True
                protocol.write_frame(1, reply, body)
                # The next child is forked inside serve(), with this frame's variables in
                # its copy of the runner: none of them may still hold this call's result.
                got = reply = body = None
                continue
            if got[0] == "eof":
                break
            header, payload = protocol.parse_header(got[1]), got[2]
        op = header.get("op")
        if op == "load":
            if FORKER is not None:
                reply = FORKER.load(header, payload)
                if reply.get("ok"):
                    solutions[header["solution"]] = None
                    rehearse()  # after EVENTS_FD is non-blocking: a call reads it
            else:
                reply = load(solutions, header, payload)
            protocol.write_frame(1, reply)
        elif op == "run":
            if header.get("solution") not in solutions:
                protocol.write_frame(1, {"ok": False, "message": "no such solution loaded"})
                continue
            if calls is not None:
                try:
                    InputCache.decode(payload, bool(header.get("same_input")))
                except (ValueError, RecursionError, MemoryError) as error:
                    reply = decode_failure(error)
                    reply["ok"] = True
                    protocol.write_frame(1, reply)
                    continue
                pending = (header["solution"], header.get("cpu_ms") or 0,
                           header.get("wall_ms") or 0, header.get("memory_bytes") or 0,
                           bool(header.get("check_mutation")))
                continue
            reply, body = measure(header, payload)
            reply["ok"] = True
            protocol.write_frame(1, reply, body)
        elif op == "quit":
            break
        else:
            protocol.write_frame(1, {"ok": False, "message": f"unknown op {op!r}"})
    if FORKER is not None:
        FORKER.request({"op": "quit"})  # the forker, the main program, exits once this has
    if OWN_SCRATCH:
        os.rmdir(SCRATCH)
    # Nothing is buffered and nothing needs finalizing: skipping the interpreter's teardown
    # ends a runner (two or more per sample) about a millisecond sooner.
    _exit(0)


if __name__ == "__main__":
    main()
