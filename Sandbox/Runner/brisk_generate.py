"""Brisk's generator driver: turns a problem's generator into encoded test inputs.

Runs inside the sandbox (python policy). Reads one frame: {"generator": PATH, "tests":
[{"level": L, "case": C, "size": N, "seed": S}, ...]}; for each test it seeds both a fresh
random.Random and the global `random` module with S, calls generate(size, level, case, rng),
and writes one frame {"level": L, "case": C} with the encoded list of arguments as payload,
or {"level": L, "case": C, "error": TRACEBACK}.
"""
import random
import sys

import brisk_protocol as protocol
import brisk_values as values


def main():
    request, _ = protocol.read_frame(0)
    namespace = {"__name__": "generator", "__file__": request["generator"]}
    with open(request["generator"], encoding="utf-8") as f:
        source = f.read()
    try:
        exec(compile(source, request["generator"], "exec"), namespace)
        generate = namespace["generate"]
    except BaseException as error:
        message = protocol.traceback_from(error, (request["generator"],))[-4000:]
        protocol.write_frame(1, {"level": -1, "case": -1, "error": message})
        return
    for test in request["tests"]:
        header = {"level": test["level"], "case": test["case"]}
        try:
            random.seed(test["seed"])
            args = generate(test["size"], test["level"], test["case"], random.Random(test["seed"]))
            if not isinstance(args, (tuple, list)):
                header["error"] = (
                    f"generate() returned {type(args).__name__} {args!r:.60}; it returns the "
                    f"tuple of the entry point's arguments, e.g. ({args!r:.20},) for one argument")
                protocol.write_frame(1, header)
                continue
            protocol.write_frame(1, header, values.encode(list(args)))
        except BaseException as error:
            header["error"] = protocol.traceback_from(error, (request["generator"],))[-4000:]
            protocol.write_frame(1, header)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
