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
  {"op": "load", "solution": NAME, "entry": FUNCTION}   payload: source code
  {"op": "run", "solution": NAME, "cpu_ms": N, "wall_ms": N, "memory_bytes": N,
   "check_mutation": BOOL}                              payload: encoded list of arguments
  {"op": "quit"}
"""
import builtins
import gc
import os
import resource
import select
import shutil
import signal
import sys
import time
import traceback

import brisk_protocol as protocol
import brisk_values as values

# Modules solutions commonly import, loaded once here so that a solution's `import` is a
# dictionary lookup in every child rather than a file-system walk charged to it.
PRELOADED = (
    "array", "bisect", "collections", "copy", "dataclasses", "decimal", "enum", "fractions",
    "functools", "hashlib", "heapq", "itertools", "json", "math", "operator", "random", "re",
    "statistics", "string", "typing",
)
for _name in PRELOADED:
    __import__(_name)

EVENTS_FD = 3           # the supervisor's reports about this runner's children
OUTPUT_CAP = 64 << 20   # encoded result bytes
START_TIMEOUT_S = 120   # decoding a large input before the child is ready
SCRATCH = "/tmp"

# Captured before any solution code can run in a child and replace them.
_exit, _write, _read, _close = os._exit, os.write, os.read, os.close
_encode = values.encode


def cpu_clock(pid):
    """The clock id of a process's CPU time (Linux's CPUCLOCK_SCHED for a whole process)."""
    return ((~pid) << 3) | 2


class Solution:
    def __init__(self, code, entry):
        self.code = code
        self.entry = entry


def format_exception(error):
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return text[-4000:]


def child(solution, payload, limits, ready_w, go_r, result_w, check_mutation):
    """Runs in the forked child. Never returns."""
    try:
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
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        args = values.decode(payload)
        if type(args) is not list:
            raise ValueError("the input must encode a list of arguments")
        cpu_ms = limits.get("cpu_ms") or 0
        if cpu_ms:
            # Backstop only: the runner stops the child at the exact limit.
            used = time.process_time()
            seconds = int(used + cpu_ms / 1000) + 2
            resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    except BaseException:
        _exit(0)  # no "ready": the runner reports that the input could not be prepared
    warm_up(solution, args)
    _write(ready_w, b"r")
    _close(ready_w)
    if _read(go_r, 1) != b"g":
        _exit(0)
    # From here on the solution's code runs, and every CPU cycle is charged to it.
    kind, body = b"E", b""
    try:
        namespace = {"__name__": "solution", "__builtins__": builtins}
        exec(solution.code, namespace)
        function = namespace.get(solution.entry)
        if not callable(function):
            raise NameError(f"the solution defines no function named {solution.entry!r}")
        result = function(*args)
        body = _encode(result)
        kind = b"O"
        if check_mutation:
            kind = b"m" if _encode(args) != payload else b"="
    except MemoryError as error:
        kind, body = b"M", format_exception(error).encode("utf-8", "replace")
    except BaseException as error:
        kind, body = b"E", format_exception(error).encode("utf-8", "replace")
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
    _encode(namespace["warm"](args[:1]))
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


def empty_scratch():
    for entry in os.scandir(SCRATCH):
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            pass


def measure(solution, payload, header):
    limits = {key: header.get(key) for key in ("cpu_ms", "wall_ms", "memory_bytes")}
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    result_r, result_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        child(solution, payload, limits, ready_w, go_r, result_w,
              bool(header.get("check_mutation")))
    for fd in (ready_w, go_r, result_w):
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    reply = {"started": False, "frame": None, "message": None, "killed": None,
             "cpu_ns": 0, "wall_ns": 0}
    output = bytearray()
    try:
        readable, _, _ = select.select([ready_r, pidfd], [], [], START_TIMEOUT_S)
        ready = ready_r in readable and os.read(ready_r, 1) == b"r"
        if ready:
            start_cpu = time.clock_gettime_ns(cpu_clock(pid))
            start_wall = time.monotonic_ns()
            os.write(go_w, b"g")
            reply["started"] = True
            collect(pid, pidfd, result_r, go_w, limits, start_cpu, start_wall, output, reply)
        else:
            os.kill(pid, signal.SIGKILL)
            select.select([pidfd], [], [])
            reply["message"] = "the input could not be decoded in the child"
    finally:
        _, status, usage = os.wait4(pid, 0)
        for fd in (ready_r, go_w, result_r, pidfd):
            os.close(fd)
    reply["exit_code"] = os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else None
    reply["signal"] = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    reply["max_rss_kb"] = usage.ru_maxrss
    for kind, detail in read_events().get(pid, []):
        if kind == "violation":
            reply["violation"] = detail
        elif kind == "memory":
            reply["memory_refused"] = int(detail)
    empty_scratch()
    body, kind = b"", bytes(output[:1])
    if kind in (b"O", b"m", b"="):
        reply["frame"] = "O"
        reply["mutated"] = {b"m": True, b"=": False}.get(kind)
        body = bytes(output[9:])
    elif kind in (b"E", b"M"):
        reply["frame"] = kind.decode()
        reply["message"] = bytes(output[9:]).decode("utf-8", "replace")
    elif output:
        reply["frame"] = "?"
    return reply, body


def collect(pid, pidfd, result_r, go_w, limits, start_cpu, start_wall, output, reply):
    """Reads the child's result, enforcing the CPU, wall and output limits. The charge ends
    when the whole result has arrived (the child then waits to be released) or, if it never
    arrives, when the child exits."""
    cpu_ns = (limits.get("cpu_ms") or 0) * 1_000_000
    wall_ns = (limits.get("wall_ms") or 0) * 1_000_000
    poller = select.poll()
    poller.register(result_r, select.POLLIN)
    poller.register(pidfd, select.POLLIN)
    open_result, finished = True, False
    while True:
        timeout = None
        if not finished and reply["killed"] is None:
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
        for fd, _ in poller.poll(timeout):
            if fd == pidfd:
                exited = True
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
                            and len(output) == 9 + int.from_bytes(output[1:9], "big")):
                        finished = True
                        reply["cpu_ns"] = time.clock_gettime_ns(cpu_clock(pid)) - start_cpu
                        reply["wall_ns"] = time.monotonic_ns() - start_wall
                        os.write(go_w, b"x")
        if exited:
            break
    if not finished:
        # The child is a zombie: its CPU clock is final and readable until it is reaped.
        reply["cpu_ns"] = time.clock_gettime_ns(cpu_clock(pid)) - start_cpu
        reply["wall_ns"] = time.monotonic_ns() - start_wall
        if len(output) >= 9 and len(output) != 9 + int.from_bytes(output[1:9], "big"):
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
                solutions[header["solution"]] = Solution(code, header["entry"])
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
