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
import reprlib
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


SHORT = reprlib.Repr()
SHORT.maxlist = SHORT.maxtuple = SHORT.maxset = SHORT.maxfrozenset = SHORT.maxdict = 8
SHORT.maxstring = SHORT.maxother = 80
SHORT.maxlong = 60
SHORT.maxlevel = 3


def short(value):
    """A value as its author would type it, cut short: a stress input holds 200,000 items."""
    text = SHORT.repr(value)
    return text if len(text) <= 240 else text[:237] + "..."


def shown(expected, output):
    """Expected and output side by side, with their types when their texts alone look alike
    (1 against True, a list against a tuple)."""
    left, right = short(expected), short(output)
    if left == right or type(expected) is not type(output):
        left += f" ({type(expected).__name__})"
        right += f" ({type(output).__name__})"
    return f"expected {left}, got {right}"


def difference(expected, output, same, path=""):
    """Where an output first departs from the expected answer, in one line: the path into
    nested lists and dictionaries, then the two values there; `same` compares leaves."""
    where = f"first difference at {path}: " if path else ""
    if isinstance(expected, (list, tuple)) and type(output) is type(expected):
        if len(expected) != len(output):
            return f"{where}expected {len(expected):,} items, got {len(output):,}"
        for index, (want, have) in enumerate(zip(expected, output)):
            if not same(want, have):
                return difference(want, have, same, f"{path}[{index:,}]")
    if isinstance(expected, dict) and type(output) is dict and expected.keys() == output.keys():
        for key, want in expected.items():
            if not same(want, output[key]):
                return difference(want, output[key], same, f"{path}[{short(key)}]")
    return where + shown(expected, output)


def unordered_difference(expected, output):
    """What an output lacks and holds in excess, for answers whose order does not matter."""
    if not isinstance(expected, (list, tuple)) or type(output) is not type(expected):
        return shown(expected, output)
    try:
        wanted, found = {}, {}
        for bag, items in ((wanted, expected), (found, output)):
            for item in items:
                bag.setdefault(values.encode(item), []).append(item)
    except values.EncodingError:
        return shown(expected, output)
    missing = [item for key, items in wanted.items()
               for item in items[len(found.get(key, ())):]]
    extra = [item for key, items in found.items()
             for item in items[len(wanted.get(key, ())):]]
    parts = [f"{len(items):,} {name} (e.g. {short(items[0])})"
             for name, items in (("missing", missing), ("unexpected", extra)) if items]
    return "in any order, " + "; ".join(parts) if parts else shown(expected, output)


class CheckerError(Exception):
    """A custom checker that cannot be used, with a message its author can act on."""


def in_file(error, path):
    """An error raised in the checker's file, from its first frame there, as text."""
    return protocol.traceback_from(error, (path,)).strip()


def verdict(result):
    """A checker's answer: True or False. None (a check() without return) and other values
    are reported, not read as Python's truth (a returned "no" was an acceptance)."""
    if result is True or result is False or type(result).__name__ == "bool_":
        return bool(result)
    if result is None:
        raise AssertionError("the checker returned None, not True or False: does check() end "
                             "with a return?")
    raise AssertionError(f"the checker returned {short(result)} ({type(result).__name__}), "
                         "not True or False")


# An encoded NaN, anywhere in a value; inside an encoded string its quotes are escaped, so
# these bytes are a NaN and nothing else.
NAN = values.encode(math.nan)


class Judge:
    def __init__(self):
        self.path = None  # a custom checker's file
        self.decide = lambda args, expected, output: values.equal(expected, output)
        self.describe = lambda expected, output: difference(expected, output, values.equal)

    def set_checker(self, header):
        kind = header.get("kind", "exact")
        if kind == "exact":
            self.decide = lambda args, expected, output: values.equal(expected, output)
            self.describe = lambda expected, output: difference(expected, output, values.equal)
        elif kind == "float":
            tolerance = float(header.get("tolerance", 1e-9))
            self.decide = lambda args, expected, output: close(expected, output, tolerance)
            self.describe = lambda expected, output: difference(
                expected, output, lambda a, b: close(a, b, tolerance))
        elif kind == "unordered":
            self.decide = lambda args, expected, output: unordered(expected, output)
            self.describe = unordered_difference
        elif kind == "custom":
            path = self.path = header["path"]
            namespace = {"__name__": "checker"}
            with open(path, encoding="utf-8") as f:
                source = f.read()
            try:
                exec(compile(source, path, "exec"), namespace)
            except BaseException as error:
                raise CheckerError(in_file(error, path)) from None
            check = namespace.get("check")
            if not callable(check):
                raise CheckerError(f"{path} defines no function check(args, expected, output)")
            self.decide = lambda args, expected, output: verdict(
                check(args, expected, output))
            # A custom checker may accept other answers: the expert's is one right answer.
            self.describe = lambda expected, output: (
                f"the checker rejected {short(output)}; the expert's answer is {short(expected)}")
        else:
            raise ValueError(f"unknown checker kind {kind!r}")

    def check(self, payload):
        encoded_args, encoded_expected, encoded_output = protocol.unpack_parts(payload)
        try:
            output = values.decode(encoded_output)
        except Exception as error:  # the sample's bytes: whatever they do, the sample's fault
            return {"accepted": False, "reason": f"unreadable output: {str(error)[:4000]}"}
        args = values.decode(encoded_args)
        expected = values.decode(encoded_expected)
        if NAN in encoded_output and NAN not in encoded_expected:
            # Before any checker: ENAMEL's tolerance checkers take the max() of differences,
            # which a NaN never raises, and an audit's sample passed HumanEval/21 computing
            # one element of its answer and NaN for the rest.
            return {"accepted": False, "reason": self.explain(
                args, expected, output, "the output holds NaN, where the expected answer "
                "holds none")}
        try:
            accepted = bool(self.decide(args, expected, output))
            reason = None if accepted else self.explain(args, expected, output)
        except AssertionError as error:
            accepted = False
            reason = self.explain(args, expected, output, str(error))
        except Exception as error:
            accepted = False
            reason = "the checker failed: " + in_file(error, self.path) if self.path else (
                "the checker failed: " + "".join(
                    traceback.format_exception_only(type(error), error)).strip())
        return {"accepted": accepted, "reason": reason}


    def explain(self, args, expected, output, message=""):
        """A rejection's reason: what differs (or the checker's own message) and the
        arguments, each cut short."""
        try:
            what = message or self.describe(expected, output)
            arguments = ", ".join(short(argument) for argument in args)
            return f"wrong answer: {what}\narguments: {arguments}"
        except Exception:  # describing must never turn a wrong answer into a judge failure
            return f"wrong answer: {message}" if message else "wrong answer"


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
            except CheckerError as error:
                protocol.write_frame(1, {"ok": False, "message": str(error)[-4000:]})
            except BaseException as error:
                message = "".join(traceback.format_exception(error))[-4000:]
                protocol.write_frame(1, {"ok": False, "message": message})
        elif op == "check":
            protocol.write_frame(1, judge.check(payload))
        else:
            protocol.write_frame(1, {"ok": False, "message": f"unknown op {op!r}"})


if __name__ == "__main__":
    main()
