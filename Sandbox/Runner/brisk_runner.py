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

Requests:
  {"op": "load", "solution": NAME, "entry": FUNCTION, "tests": TEST_SOURCE?}
                                                        payload: source code
  {"op": "run", "solution": NAME, "cpu_ms": N, "wall_ms": N, "memory_bytes": N,
   "check_mutation": BOOL, "same_input": BOOL}          payload: encoded list of arguments
                                                        (none with same_input: the last ones)
Every run reply says whether the runner holds its arguments decoded ("input_held"), so that
the harness knows when it may send same_input.
  {"op": "quit"}

With `--meter instructions` the runner runs under valgrind's callgrind with collection off;
each child switches collection on right after "go" and off once its result is encoded (a
client request, executed from a few bytes of machine code), and the runner reads the count
from callgrind's file when the child has exited: deterministic across reruns.
"""
import builtins
import gc
import opcode
import os
import resource
import select
import signal
import sys
import time

import brisk_protocol as protocol
import brisk_values as values

# Modules a solution may import that the runner loads for it when the solution is loaded,
# before any child runs, so that its `import` is a dictionary lookup in every child rather
# than a file-system walk charged to every call. Only the modules a loaded solution names are
# loaded: each one makes the runner larger and every fork slower (13 common modules loaded
# up front cost every call about 0.1 ms). Standard-library modules without import-time
# effects (none of them starts threads or prints).
PRELOADABLE = frozenset((
    "abc", "array", "bisect", "calendar", "cmath", "collections", "collections.abc",
    "contextlib", "copy", "dataclasses", "datetime", "decimal", "difflib", "enum", "fnmatch",
    "fractions", "functools", "hashlib", "heapq", "itertools", "json", "keyword", "math",
    "numbers", "operator", "random", "re", "statistics", "string", "struct", "textwrap", "time",
    "types", "typing", "unicodedata",
))
_IMPORT_NAME = opcode.opmap["IMPORT_NAME"]


def imported_modules(code):
    """The module names of every import statement in code and the code nested in it."""
    names, pending = set(), [code]
    while pending:
        code = pending.pop()
        raw, extended = code.co_code, 0
        for offset in range(0, len(raw), 2):
            op, argument = raw[offset], raw[offset + 1] | extended
            extended = argument << 8 if op == opcode.EXTENDED_ARG else 0
            if op == _IMPORT_NAME:
                names.add(code.co_names[argument])
        pending.extend(c for c in code.co_consts if hasattr(c, "co_code"))
    return names


def preload(code):
    """Imports the preloadable modules code names. `random` would register a hook that
    reseeds it from the OS in every forked child (about 0.1 ms a call); it is kept from
    registering it and seeded once instead, so every child starts from the same state: a
    randomized solution does the same work in every repetition and every rerun."""
    wanted = [name for name in imported_modules(code) if name in PRELOADABLE]
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


EVENTS_FD = 3           # the supervisor's reports about this runner's children
OUTPUT_CAP = 64 << 20   # encoded result bytes
START_TIMEOUT_S = 120   # decoding a large input before the child is ready
# The sandbox's private scratch directory, emptied after every child. Named by the harness
# (--scratch=DIR); a runner started by hand gets a fresh directory of its own instead, so that
# it never empties a directory that holds anything else.
SCRATCH = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--scratch=")), None)
if SCRATCH is None:
    import atexit
    import tempfile
    SCRATCH = tempfile.mkdtemp(prefix="brisk-runner-")
    atexit.register(os.rmdir, SCRATCH)

# Captured before any solution code can run in a child and replace them.
_exit, _write, _read, _close = os._exit, os.write, os.read, os.close
_encode = values.encode


class InstructionMeter:
    """Toggles callgrind's collection from inside a child (Valgrind client requests)."""

    # mov rax, rdi; xor edx, edx; the special-instruction preamble (rol rdi by 3, 13, 61, 51:
    # a no-op outside valgrind); xchg rbx, rbx (the request); mov rax, rdx; ret
    CODE = bytes.fromhex("4889f8" "31d2" "48c1c703" "48c1c70d" "48c1c73d" "48c1c733" "4887db"
                         "4889d0" "c3")
    TOGGLE_COLLECT = 0x43540002  # VG_USERREQ_TOOL_BASE('C', 'T') + 2

    def __init__(self):
        import ctypes
        import mmap
        self.page = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
        self.page.write(self.CODE)
        address = ctypes.addressof(ctypes.c_char.from_buffer(self.page))
        self.request = ctypes.CFUNCTYPE(ctypes.c_uint64, ctypes.c_void_p)(address)
        self.arguments = (ctypes.c_uint64 * 6)(self.TOGGLE_COLLECT, 0, 0, 0, 0, 0)
        self.address = ctypes.addressof(self.arguments)

    def toggle(self):
        self.request(self.address)

    @staticmethod
    def read_count(pid):
        """The instructions callgrind collected in a child, from the file it wrote at exit."""
        path = f"{SCRATCH}/callgrind.{pid}"
        try:
            with open(path) as f:
                for line in f:
                    if line.startswith(("summary:", "totals:")):
                        return int(line.split()[1])
        except (OSError, ValueError, IndexError):
            return None
        finally:
            try:
                os.unlink(path)
            except OSError:
                pass
        return None


METER = InstructionMeter() if "--meter=instructions" in sys.argv else None


class ChildWatch:
    """Becomes readable when a child exits, without reaping it (so its CPU clock stays
    readable): a pidfd, or where there is none (valgrind lacks pidfd_open) a SIGCHLD wakeup."""

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
        try:
            self.fd, self.own = os.pidfd_open(pid), True
        except OSError:
            if ChildWatch.wakeup is None:
                ChildWatch.install_fallback()
            self.fd, self.own = ChildWatch.wakeup, False

    def exited(self):
        """Call when `fd` is readable."""
        if self.own:
            return True
        try:
            while os.read(self.fd, 512):
                pass
        except BlockingIOError:
            pass
        return os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None

    def wait(self):
        while not self.exited():
            select.select([self.fd], [], [], 0.05)

    def close(self):
        if self.own:
            os.close(self.fd)


def cpu_clock(pid):
    """The clock id of a process's CPU time (Linux's CPUCLOCK_SCHED for a whole process)."""
    return ((~pid) << 3) | 2


class Solution:
    def __init__(self, code, entry, tests=None):
        self.code = code
        self.entry = entry
        # HumanEval-style assertions: code defining check(candidate), run in the solution's
        # namespace after it, as the official evaluator does.
        self.tests = tests


def format_exception(error):
    """The error's traceback, its last 4,000 characters. `traceback` (and the tokenizer it
    pulls in) is imported only here, on the error path: loaded in every runner it added about
    4 ms to each runner's start. If even that import fails (out of memory), the type and
    message still say what happened."""
    try:
        import traceback
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
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
        memory = limits.get("memory_bytes") or 0
        if memory and METER is None:  # under valgrind the sandbox's own limit applies
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        touch(args)
        cpu_ms = limits.get("cpu_ms") or 0
        if cpu_ms:
            # Backstop only: the runner stops the child at the exact limit.
            used = time.process_time()
            seconds = int(used + cpu_ms / 1000) + 2
            resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    except BaseException:
        _exit(0)  # no "ready": the runner reports that the input could not be prepared
    warm_up(solution, args)
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
        METER.toggle()
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
        kind, body = b"M", format_exception(error).encode("utf-8", "replace")
    except OverflowError as error:  # some problems count it as a limit (ENAMEL's rule)
        kind, body = b"V", format_exception(error).encode("utf-8", "replace")
    except BaseException as error:
        kind, body = b"E", format_exception(error).encode("utf-8", "replace")
    if METER is not None:
        METER.toggle()
    # The charge ends once the whole result is written: the runner reads the CPU clock while
    # this process waits, then lets it exit, so process teardown is not charged. Work after
    # this point cannot change a result already sent.
    try:
        view = memoryview(kind + len(body).to_bytes(8, "big") + body)
        while view:
            view = view[_write(result_w, view):]
        _read(go_r, 1)
    finally:
        _exit(0)


_WARM_UP = compile("def warm(x):\n    return [x, len(str(x)), {1: x}]\n", "<warm-up>", "exec")


def warm_up(solution, args):
    """Touches, before the charge starts, the interpreter state every call touches (so that
    its copy-on-write page faults are not charged), including the solution's own constants."""
    namespace = {"__builtins__": builtins}
    exec(_WARM_UP, namespace)
    _encode(namespace["warm"](len(args)))
    for constant in solution.code.co_consts:
        if hasattr(constant, "co_consts"):
            for nested in constant.co_consts:
                pass


def read_events():
    """Lines the supervisor wrote about children: violations and refused memory requests."""
    events = {}
    try:
        data = os.read(EVENTS_FD, 1 << 16)
    except (BlockingIOError, OSError):
        return events
    for line in data.decode("utf-8", "replace").splitlines():
        parts = line.split()
        if len(parts) == 3:
            events.setdefault(int(parts[1]), []).append((parts[0], parts[2]))
    return events


def empty_scratch(directory=SCRATCH):
    """Removes what a child left in the scratch directory, never following a link."""
    with os.scandir(directory) as entries:
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    empty_scratch(entry.path)
                    os.rmdir(entry.path)
                else:
                    os.unlink(entry.path)
            except OSError:
                pass


def measure(solution, payload, header):
    limits = {key: header.get(key) for key in ("cpu_ms", "wall_ms", "memory_bytes")}
    try:
        args = InputCache.decode(payload, bool(header.get("same_input")))
        payload = InputCache.payload
    except (ValueError, RecursionError, MemoryError) as error:
        return {"started": False, "frame": None, "killed": None, "cpu_ns": 0, "wall_ns": 0,
                "exit_code": None, "signal": None, "max_rss_kb": 0, "input_held": False,
                "message": f"the input could not be decoded: {error}"}, b""
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    result_r, result_w = os.pipe()
    forked = time.monotonic_ns()
    pid = os.fork()
    if pid == 0:
        child(solution, args, payload, limits, ready_w, go_r, result_w,
              bool(header.get("check_mutation")))
    for fd in (ready_w, go_r, result_w):
        os.close(fd)
    watch = ChildWatch(pid)
    reply = {"started": False, "frame": None, "message": None, "killed": None,
             "cpu_ns": 0, "wall_ns": 0, "input_held": True}
    output = bytearray()
    try:
        readable, _, _ = select.select([ready_r], [], [], START_TIMEOUT_S)
        ready = ready_r in readable and os.read(ready_r, 1) == b"r"
        if ready:
            start_cpu = time.clock_gettime_ns(cpu_clock(pid))
            start_wall = time.monotonic_ns()
            reply["setup_ns"] = start_wall - forked
            os.write(go_w, b"g")
            reply["started"] = True
            collect(pid, watch, result_r, go_w, limits, start_cpu, start_wall, output, reply)
        else:
            os.kill(pid, signal.SIGKILL)
            watch.wait()
            reply["message"] = "the child ended before its input was ready"
    finally:
        _, status, usage = os.wait4(pid, 0)
        for fd in (ready_r, go_w, result_r):
            os.close(fd)
        watch.close()
    reply["exit_code"] = os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else None
    reply["signal"] = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    reply["max_rss_kb"] = usage.ru_maxrss
    reply["total_ns"] = time.monotonic_ns() - forked
    if METER is not None and reply["started"]:
        reply["instructions"] = InstructionMeter.read_count(pid)
    for kind, detail in read_events().get(pid, []):
        if kind == "violation":
            reply["violation"] = detail
        elif kind == "memory":
            reply["memory_refused"] = int(detail)
    empty_scratch()
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
        reply["message"] = bytes(output[9:end]).decode("utf-8", "replace")
    elif output:
        reply["frame"] = "?"
    return reply, body


def collect(pid, watch, result_r, go_w, limits, start_cpu, start_wall, output, reply):
    """Reads the child's result, enforcing the CPU, wall and output limits. The charge ends
    when the whole result has arrived (the child then waits to be released) or, if it never
    arrives, when the child exits."""
    cpu_ns = (limits.get("cpu_ms") or 0) * 1_000_000
    wall_ns = (limits.get("wall_ms") or 0) * 1_000_000
    poller = select.poll()
    poller.register(result_r, select.POLLIN)
    poller.register(watch.fd, select.POLLIN)
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
                    os.kill(pid, signal.SIGKILL)
                    reply["killed"] = "cpu"
                else:
                    timeout = max(left // 1_000_000, 1)  # pinned to one CPU
            if wall_ns and reply["killed"] is None:
                left = wall_ns - (time.monotonic_ns() - start_wall)
                if left <= 0:
                    os.kill(pid, signal.SIGKILL)
                    reply["killed"] = "wall"
                else:
                    wall_timeout = max(left // 1_000_000, 1)
                    timeout = wall_timeout if timeout is None else min(timeout, wall_timeout)
        exited = False
        events = poller.poll(timeout)
        if finished and not events:
            os.kill(pid, signal.SIGKILL)
        for fd, _ in events:
            if fd == watch.fd:
                exited = watch.exited()
            elif open_result:
                chunk = os.read(result_r, 1 << 20)
                if not chunk:
                    poller.unregister(result_r)
                    open_result = False
                elif len(output) + len(chunk) > OUTPUT_CAP + 9:
                    if reply["killed"] is None:
                        os.kill(pid, signal.SIGKILL)
                        reply["killed"] = "output"
                else:
                    output += chunk
                    if (not finished and len(output) >= 9
                            and len(output) >= 9 + int.from_bytes(output[1:9], "big")):
                        finished = True
                        reply["cpu_ns"] = time.clock_gettime_ns(cpu_clock(pid)) - start_cpu
                        reply["wall_ns"] = time.monotonic_ns() - start_wall
                        try:
                            os.write(go_w, b"x")
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


def main():
    os.chdir(SCRATCH)
    try:
        os.set_blocking(EVENTS_FD, False)
    except OSError:
        pass
    solutions = {}
    gc.freeze()
    while True:
        try:
            header, payload = protocol.read_frame(0)
        except EOFError:
            return
        op = header.get("op")
        if op == "load":
            try:
                code = compile(payload.decode("utf-8"), "<solution>", "exec", dont_inherit=True)
                tests = header.get("tests")
                if tests is not None:
                    tests = compile(tests, "<tests>", "exec", dont_inherit=True)
                preload(code)
                if tests is not None:
                    preload(tests)
                solutions[header["solution"]] = Solution(code, header["entry"], tests)
                gc.freeze()
                protocol.write_frame(1, {"ok": True})
            except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError,
                    MemoryError) as error:
                protocol.write_frame(1, {"ok": False, "message": format_exception(error)})
        elif op == "run":
            solution = solutions.get(header.get("solution"))
            if solution is None:
                protocol.write_frame(1, {"ok": False, "message": "no such solution loaded"})
                continue
            reply, body = measure(solution, payload, header)
            reply["ok"] = True
            protocol.write_frame(1, reply, body)
        elif op == "quit":
            return
        else:
            protocol.write_frame(1, {"ok": False, "message": f"unknown op {op!r}"})


if __name__ == "__main__":
    main()
