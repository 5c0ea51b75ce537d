"""Brisk's judge: decides whether an output is right. It holds expected answers; solution code
never runs in it.

Runs inside the sandbox (python policy), in frames on fds 0 and 1:
  {"op": "checker", "kind": "exact" | "float" | "unordered" | "custom", "tolerance": X,
   "path": PATH}                                    -> {"ok": true} or {"ok": false, "message"}
  {"op": "check"}  payload: parts (input, expected, output), each an encoded value
                                                    -> {"accepted": BOOL, "reason": TEXT}
A custom checker file defines check(args, expected, output) returning a bool (or raising
AssertionError with the reason).
"""
import math
import traceback

import brisk_protocol as protocol
import brisk_values as values


def close(a, b, tolerance):
    """Equality with numbers compared to a relative and absolute tolerance."""
    numbers = (int, float)
    if type(a) in numbers and type(b) in numbers and not (type(a) is int and type(b) is int):
        return values.equal(a, b) or math.isclose(a, b, rel_tol=tolerance, abs_tol=tolerance)
    if isinstance(a, (list, tuple)) and type(a) is type(b):
        return len(a) == len(b) and all(close(x, y, tolerance) for x, y in zip(a, b))
    if isinstance(a, dict) and type(a) is type(b):
        return a.keys() == b.keys() and all(close(a[k], b[k], tolerance) for k in a)
    return values.equal(a, b)


def unordered(expected, output):
    """The same elements in any order (top level of a list or tuple)."""
    if not isinstance(expected, (list, tuple)) or type(expected) is not type(output):
        return values.equal(expected, output)
    if len(expected) != len(output):
        return False
    key = values.encode
    try:
        left, right = sorted(expected, key=key), sorted(output, key=key)
    except values.EncodingError:
        return False
    return all(map(values.equal, left, right))


class Judge:
    def __init__(self):
        self.decide = lambda args, expected, output: values.equal(expected, output)

    def set_checker(self, header):
        kind = header.get("kind", "exact")
        if kind == "exact":
            self.decide = lambda args, expected, output: values.equal(expected, output)
        elif kind == "float":
            tolerance = float(header.get("tolerance", 1e-9))
            self.decide = lambda args, expected, output: close(expected, output, tolerance)
        elif kind == "unordered":
            self.decide = lambda args, expected, output: unordered(expected, output)
        elif kind == "custom":
            namespace = {"__name__": "checker"}
            with open(header["path"], encoding="utf-8") as f:
                exec(compile(f.read(), header["path"], "exec"), namespace)
            check = namespace["check"]
            self.decide = check
        else:
            raise ValueError(f"unknown checker kind {kind!r}")

    def check(self, payload):
        encoded_args, encoded_expected, encoded_output = protocol.unpack_parts(payload)
        try:
            output = values.decode(encoded_output)
        except ValueError as error:
            return {"accepted": False, "reason": f"unreadable output: {error}"}
        args = values.decode(encoded_args)
        expected = values.decode(encoded_expected)
        try:
            accepted = bool(self.decide(args, expected, output))
            reason = None if accepted else "wrong answer"
        except AssertionError as error:
            accepted, reason = False, f"wrong answer: {error}" if str(error) else "wrong answer"
        except Exception as error:
            accepted = False
            reason = "the checker failed: " + "".join(
                traceback.format_exception_only(type(error), error)).strip()
        return {"accepted": accepted, "reason": reason}


def main():
    judge = Judge()
    while True:
        try:
            header, payload = protocol.read_frame(0)
        except EOFError:
            return
        op = header.get("op")
        if op == "checker":
            try:
                judge.set_checker(header)
                protocol.write_frame(1, {"ok": True})
            except BaseException as error:
                message = "".join(traceback.format_exception(error))[-4000:]
                protocol.write_frame(1, {"ok": False, "message": message})
        elif op == "check":
            protocol.write_frame(1, judge.check(payload))
        else:
            protocol.write_frame(1, {"ok": False, "message": f"unknown op {op!r}"})


if __name__ == "__main__":
    main()
