"""Tests of the prompt-example checker (Sandbox/Runner/brisk_examples.py), run as the problem
doctor runs it but without the sandbox: one request frame in, one report frame out."""
import os
import struct
import subprocess
import sys
import unittest

RUNNER_DIRECTORY = os.path.join(os.path.dirname(__file__), "..", "..", "Sandbox", "Runner")
sys.dont_write_bytecode = True
sys.path.insert(0, RUNNER_DIRECTORY)

import brisk_protocol as protocol  # noqa: E402

INTERPRETER = "/usr/bin/python3.11"

REFERENCE = """
def double(x):
    if x < 0:
        raise ValueError("negative")
    return 2 * x
"""


def check(prompt, reference=REFERENCE):
    request = protocol.json_encoder()({"prompt": prompt, "reference": reference,
                                       "entry_point": "double"}).encode()
    frame = struct.pack(">II", len(request), 0) + request
    done = subprocess.run([INTERPRETER, "-S", "-B", os.path.join(RUNNER_DIRECTORY,
                                                                 "brisk_examples.py")],
                          input=frame, capture_output=True, check=True)
    length, _ = struct.unpack(">II", done.stdout[:8])
    return protocol.json_decoder()(done.stdout[8:8 + length])


def prompt(*lines):
    body = "\n".join("    " + line for line in lines)
    return f'def double(x):\n    """Twice x.\n\n{body}\n    """\n'


class PromptExampleTests(unittest.TestCase):
    def test_examples_the_expert_gives_pass(self):
        report = check(prompt(">>> double(2)", "4", ">>> double(-1)", "Traceback (most recent "
                              "call last):", "    ...", "ValueError: negative"))
        self.assertEqual(report, {"examples": 2, "failures": []})

    def test_a_contradicted_example_is_named_by_its_line(self):
        report = check(prompt(">>> double(2)", "4", ">>> double(3)", "7"))
        self.assertEqual(report["failures"], [
            {"line": 6, "source": "double(3)", "want": "7", "got": "6",
             "call": {"args": "[3]", "want": "7", "got": "6"}}])

    def test_literals_match_whatever_their_quotes_and_an_assertion_must_be_true(self):
        strings = 'def twice(s):\n    """\n    >>> twice("a")\n    "aa"\n    """\n'
        self.assertEqual(check(strings, "def twice(s):\n    return s * 2\n")["failures"], [])
        report = check(prompt(">>> double(2) == 4", ">>> double(2) == 5"))
        self.assertEqual([f["source"] for f in report["failures"]], ["double(2) == 5"])
        self.assertEqual(report["failures"][0]["got"], "False")

    def test_an_unexpected_exception_and_a_missing_one_fail(self):
        report = check(prompt(">>> double(-2)", "-4", ">>> double(2)", "Traceback (most recent "
                              "call last):", "    ...", "ValueError: negative"))
        self.assertEqual([f["line"] for f in report["failures"]], [4, 6])
        self.assertIn("ValueError: negative", report["failures"][0]["got"])

    def test_skipped_examples_are_not_run_and_unreadable_ones_are_reported(self):
        self.assertEqual(check(prompt(">>> double(3)  # doctest: +SKIP", "7")),
                         {"examples": 0, "failures": []})
        report = check('def double(x):\n    """\n    >>> double(1)\n  2\n    """\n')
        self.assertEqual(report["failures"][0]["line"], 2)
        self.assertIn("inconsistent leading whitespace", report["failures"][0]["unreadable"])

    def test_a_failed_literal_call_carries_its_encoded_values_for_the_checker(self):
        report = check(prompt(">>> double(3)", "7", ">>> double(3) + 1", "8"),
                       REFERENCE)
        first, second = report["failures"]
        self.assertEqual(first["call"], {"args": "[3]", "want": "7", "got": "6"})
        self.assertNotIn("call", second)  # not a bare call of the entry point

    def test_a_prompt_that_does_not_parse_is_an_error_naming_its_line(self):
        report = check("def double(x:\n    pass\n")
        self.assertTrue(report["error"].startswith("prompt.py line 1 is not valid Python"),
                        report)

    def test_a_reference_that_does_not_load_is_an_error(self):
        report = check(prompt(">>> double(2)", "4"), "def double(x):\n    return (\n")
        self.assertIn("SyntaxError", report["error"])


if __name__ == "__main__":
    unittest.main()
