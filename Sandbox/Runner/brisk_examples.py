"""Brisk's prompt-example checker: runs the doctest examples of a problem's prompt against its
expert reference, so that a prompt never shows a model an answer the expert would not give.

Runs inside the sandbox (python policy). Reads one frame: {"prompt": TEXT, "reference": TEXT,
"entry_point": NAME} (the files' contents); writes one frame {"examples": N, "failures":
[{"line": L, "source": TEXT, "want": TEXT, "got": TEXT} or {"line": L, "unreadable": TEXT},
...]}, or {"error": TEXT} when the reference does not load or the prompt does not parse. L is a line of prompt.py: the
example's, or the docstring's when doctest cannot parse it. Outputs are compared as `doctest`
compares them (its option directives apply), and also match when both are literals of equal
values (`"21"` and `'21'`); an example with no output holds when it evaluates to True
(`f(2) == 4`). A failed example that calls the entry point on literals and shows a literal
also carries "call": {"args", "want", "got"}, each encoded (brisk_values), so that the harness
can ask the problem's own checker: a problem with several right answers (any root of a
polynomial) shows one of them.
"""
import ast
import doctest
import io
import sys
import traceback

import brisk_protocol as protocol
import brisk_values as values

PROMPT, REFERENCE = "prompt.py", "reference.py"


def docstrings(source):
    """(first line in the file, raw text) of every docstring in the prompt."""
    tree = ast.parse(source, PROMPT)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            found.append((body[0].value.lineno, body[0].value.value))
    return sorted(found)


def flags(example):
    """The option flags of one example: none by default, as `doctest.testmod` runs."""
    value = 0
    for flag, on in example.options.items():
        value = value | flag if on else value & ~flag
    return value


def run(example, namespace, line):
    """What the example printed or raised, as doctest would show it, and whether it matched."""
    checker = doctest.OutputChecker()
    captured = io.StringIO()
    saved = sys.stdout
    sys.stdout = captured
    try:
        exec(compile(example.source, f"{PROMPT}:{line}", "single"), namespace)
    except BaseException as error:
        sys.stdout = saved
        shown = traceback.format_exception_only(type(error), error)[-1]
        if example.exc_msg is not None:  # an example that expects this exception
            return shown, checker.check_output(example.exc_msg, shown, flags(example))
        return "Traceback (most recent call last):\n    ...\n" + shown, False
    finally:
        sys.stdout = saved
    got = captured.getvalue()
    if example.exc_msg is not None:
        return got, False
    return got, checker.check_output(example.want, got, flags(example)) \
        or same_literal(example.want, got) or (not example.want and got.strip() == "True")


def same_literal(want, got):
    """Whether both texts are Python literals of equal values: `"21"` shows `'21'`, and a
    wrapped list its items, as a reader takes them."""
    try:
        a, b = ast.literal_eval(want.strip()), ast.literal_eval(got.strip())
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return type(a) is type(b) and a == b


def literal_call(example, entry_point):
    """The arguments of an example that calls the entry point on literals and shows a literal,
    and the value it shows; None for any other example."""
    try:
        call = ast.parse(example.source.strip(), PROMPT, "eval").body
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                and call.func.id == entry_point and not call.keywords):
            return None
        args = [ast.literal_eval(argument) for argument in call.args]
        return args, ast.literal_eval(example.want.strip())
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def judged_call(example, namespace, entry_point):
    """What the harness needs to judge a literal call with the problem's checker."""
    found = literal_call(example, entry_point)
    if found is None:
        return None
    args, want = found
    try:
        got = namespace[entry_point](*args)
        return {"args": values.encode(args).decode(), "want": values.encode(want).decode(),
                "got": values.encode(got).decode()}
    except BaseException:  # an error or a value the encoding cannot carry: doctest's verdict
        return None


def main():
    request, _ = protocol.read_frame(0)
    namespace = {"__name__": "__main__"}
    try:
        exec(compile(request["reference"], REFERENCE, "exec"), namespace)
    except BaseException as error:
        message = protocol.traceback_from(error, (REFERENCE,))[-4000:]
        protocol.write_frame(1, {"error": message})
        return
    try:
        found = docstrings(request["prompt"])
    except SyntaxError as error:
        protocol.write_frame(1, {"error": f"{PROMPT} line {error.lineno} is not valid Python: "
                                          f"{error.msg}"})
        return
    parser = doctest.DocTestParser()
    count, failures = 0, []
    for first, text in found:
        try:
            examples = parser.get_examples(text, PROMPT)
        except ValueError as error:  # doctest cannot read them (inconsistent indentation)
            failures.append({"line": first, "unreadable": str(error)[:300]})
            continue
        for example in examples:
            if example.options.get(doctest.SKIP):
                continue
            count += 1
            line = first + example.lineno
            got, matched = run(example, namespace, line)
            if not matched:
                failure = {"line": line, "source": example.source.strip()[:300],
                           "want": (example.exc_msg or example.want).strip()[:300],
                           "got": got.strip()[:300]}
                call = judged_call(example, namespace, request.get("entry_point"))
                if call is not None:
                    failure["call"] = call
                failures.append(failure)
    protocol.write_frame(1, {"examples": count, "failures": failures})
    sys.stdout.flush()


if __name__ == "__main__":
    main()
